//! show and list, in every output format.

use crate::common::*;
use serde_json::{Value as Json, json};

#[test]
fn show_prints_job_metadata_with_api_names() {
    let env = Env::demo();
    let (code, out, _) = env.run(["show", COMPUTE_JOB, SERVICES_JOB]).json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["JobId"], COMPUTE_JOB);
    assert_eq!(out[0]["Resources"], env.job(COMPUTE_JOB)["Resources"]);
    assert_eq!(
        out[1]["OnDeviceServiceConfiguration"],
        env.job(SERVICES_JOB)["OnDeviceServiceConfiguration"]
    );
    let created = out[0]["CreationDate"].as_str().unwrap();
    assert!(
        created.ends_with('Z') && created.contains('T'),
        "RFC 3339: {created}"
    );
}

#[test]
fn show_table_names_everything_a_person_checks() {
    let env = Env::demo();
    let (code, out, _) = env.run(["show", SERVICES_JOB, "--no-color"]).text();
    assert_eq!(code, 0);
    for expected in [
        "New",
        "min left (est.)",
        "V3_5C",
        "T32",
        "STANDARD",
        HOME_ADDRESS,
        FORWARDING_ADDRESS,
        "NFS 8 TB",
        "Tape Gateway 80 TB",
        "EKS Anywhere",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
    assert!(!out.contains('\u{1b}'), "no colour when not a terminal");
}

#[test]
fn show_yaml_and_text() {
    let env = Env::demo();
    let (code, out, _) = env.run(["show", EXPORT_JOB, "-o", "yaml"]).text();
    assert_eq!(code, 0);
    let parsed: Json = serde_yaml::from_str(&out).unwrap();
    assert_eq!(
        parsed[0]["Resources"]["S3Resources"][0]["KeyRange"]["EndMarker"],
        "2025/12/~"
    );

    let (_, out, _) = env
        .run(["show", EXPORT_JOB, IMPORT_JOB, "-o", "text"])
        .text();
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][..4], [EXPORT_JOB, "New", "EXPORT", "EDGE_S"]);
}

#[test]
fn show_a_missing_job_exits_4_and_still_shows_the_rest() {
    let env = Env::demo();
    let (code, out, err) = env.run(["show", IMPORT_JOB, MISSING_JOB]).json();
    assert_eq!(code, 4);
    assert_eq!(out.as_array().unwrap().len(), 1);
    assert!(err.contains(MISSING_JOB), "{err}");
}

#[test]
fn list_shows_editable_jobs_unless_all() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.arg("list");
    let (code, out, _) = run_json(cmd);
    assert_eq!(code, 0);
    assert_eq!(out.as_array().unwrap().len(), 5, "4 jobs, then the cluster");
    assert!(
        out.as_array().unwrap()[..4]
            .iter()
            .all(|e| e["JobState"] == "New")
    );
    assert_eq!(out[4]["ClusterState"], "AwaitingQuorum");
    assert_eq!(out[0]["IsMaster"], false);

    let (_, out, _) = env.run(["list", "--all", "-o", "text"]).text();
    assert_eq!(
        out.lines().count(),
        8,
        "five jobs and the cluster's three node jobs"
    );
    assert!(out.lines().all(|l| l.split('\t').count() == 6));
}

#[test]
fn list_follows_every_next_token() {
    let env = Env::with(snowball_local::Config::default());
    let jobs: Vec<_> = (0..250).map(|i| json!({"JobType": "IMPORT", "SnowballType": "EDGE", "Description": format!("j{i}")})).collect();
    env.server.seed(&json!({ "Jobs": jobs })).unwrap();
    let (code, out, _) = env.run(["list", "--all"]).json();
    assert_eq!(code, 0);
    assert_eq!(out.as_array().unwrap().len(), 250);
    assert_eq!(env.ops(), ["ListJobs", "ListJobs", "ListJobs"]);
}

#[test]
fn shows_table_names_each_address_once_and_warns_when_it_cannot() {
    let env = Env::demo();
    let (code, out, err) = env
        .run(["show", IMPORT_JOB, EXPORT_JOB, SERVICES_JOB])
        .env("COLUMNS", "200")
        .text();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Dana Ortiz, Seattle, US"), "{out}");
    assert!(out.contains("Lee Chen, Portland, US"), "{out}");
    let looked = env
        .server
        .journal()
        .into_iter()
        .filter(|e| e.operation == "DescribeAddress")
        .count();
    assert_eq!(looked, 2, "once per address");
    // JSON stays JobMetadata, with no lookup.
    let (_, json, _) = env.run(["show", IMPORT_JOB]).json();
    assert!(json[0].get("Address").is_none());
    // An address the account no longer has: the ID alone, a warning, success.
    assert!(env.server.remove_address(HOME_ADDRESS));
    let (code, out, err) = env.run(["show", IMPORT_JOB]).env("COLUMNS", "200").text();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(HOME_ADDRESS) && !out.contains("Dana Ortiz"),
        "{out}"
    );
    assert!(
        err.contains("warning") && err.contains(HOME_ADDRESS),
        "{err}"
    );
}

#[test]
fn query_takes_the_aws_cli_legacy_backtick_string() {
    let env = Env::demo();
    let (code, out, err) = env
        .run([
            "list",
            "-o",
            "text",
            "--query",
            "[?JobType==`EXPORT`].JobId",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), EXPORT_JOB);
}
