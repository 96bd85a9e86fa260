//! `conform`: fleet standards applied to every pending order, through the
//! binary against snowball-local: what is selected and read, what is sent,
//! what is stored, `--check`, plans, history and `--watch`.

use crate::common::*;
use serde_json::{Value as Json, json};
use std::time::{Duration, Instant};

const NODE_JOBS: [&str; 3] = snowball_local::backend::demo::CLUSTER_JOBS;

fn standard(env: &Env, name: &str, text: &str) -> String {
    let path = env.home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The IDs of the orders each request of `operation` was for.
fn ids_of(env: &Env, operation: &str) -> Vec<String> {
    env.server
        .journal()
        .into_iter()
        .filter(|e| e.operation == operation)
        .filter_map(|e| {
            ["JobId", "ClusterId"]
                .iter()
                .find_map(|k| e.input.get(*k)?.as_str().map(String::from))
        })
        .collect()
}

fn modifying(env: &Env) -> Vec<String> {
    env.ops()
        .into_iter()
        .filter(|op| op.starts_with("Update") || op.starts_with("Cancel"))
        .collect()
}

/// The result of order `id` in a JSON array of results.
fn result_of<'o>(out: &'o Json, id: &str) -> &'o Json {
    let results = out.as_array().unwrap();
    results
        .iter()
        .find(|r| r["JobId"] == id || r["ClusterId"] == id)
        .unwrap_or_else(|| panic!("no result for {id}: {out}"))
}

fn outcomes(out: &Json) -> Vec<(String, String)> {
    out.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let id = r.get("JobId").or(r.get("ClusterId")).unwrap();
            (
                id.as_str().unwrap().to_string(),
                r["Outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

const SHIP: &str = "Name: ship\nSelect: {Kind: [job]}\nSet: {ShippingOption: NEXT_DAY}\n";

#[test]
fn each_select_key_selects_and_an_order_ruled_out_is_never_read() {
    let cases: &[(&str, &[&str])] = &[
        (
            "Kind: [job]",
            &[IMPORT_JOB, EXPORT_JOB, COMPUTE_JOB, SERVICES_JOB],
        ),
        ("JobType: [IMPORT]", &[IMPORT_JOB, SERVICES_JOB]),
        ("SnowballType: [v3-5c]", &[SERVICES_JOB, DEMO_CLUSTER]),
        ("Description: 'video|survey'", &[EXPORT_JOB, COMPUTE_JOB]),
        ("Kind: [cluster]", &[DEMO_CLUSTER]),
    ];
    for (select, selected) in cases {
        let env = Env::demo();
        let file = standard(
            &env,
            "s.yaml",
            &format!("Name: s\nSelect: {{{select}}}\nSet: {{Description: conformed}}\n"),
        );
        let (code, out, err) = env.run(["conform", &file, "--check"]).json();
        assert_eq!(code, 7, "{select}: {err}");
        let reported: Vec<String> = outcomes(&out).into_iter().map(|(id, _)| id).collect();
        assert_eq!(reported, *selected, "{select}");
        // Jobs are chosen from their list entries: only those selected are read.
        let mut read = ids_of(&env, "DescribeJob");
        read.sort();
        let jobs: Vec<&str> = selected
            .iter()
            .copied()
            .filter(|id| id.starts_with("JID"))
            .collect();
        assert_eq!(read, jobs, "{select}");
        assert!(modifying(&env).is_empty(), "{select}: {:?}", env.ops());
        assert!(
            out.as_array()
                .unwrap()
                .iter()
                .all(|r| r["Standards"] == json!(["s"]))
        );
    }
}

#[test]
fn set_and_buckets_keep_every_other_member_bucket_lambda_and_ami() {
    let env = Env::demo();
    let before = env.job(COMPUTE_JOB);
    let file = standard(
        &env,
        "s.yaml",
        "Name: compute\nSelect: {JobType: [LOCAL_USE], Kind: [job]}\nSet:\n  Notification: {SnsTopicARN: 'arn:aws:sns:us-east-1:123456789012:fleet', NotifyAll: true}\nBuckets:\n  - Bucket: example-audit-trail\n    Services: [s3, nfs]\n  - Bucket: example-survey-data\n",
    );
    let (code, out, err) = env.run(["conform", &file]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        outcomes(&out),
        [(COMPUTE_JOB.to_string(), "updated".to_string())]
    );
    let after = env.job(COMPUTE_JOB);
    let resources = &after["Resources"];
    assert_eq!(
        resources["LambdaResources"],
        before["Resources"]["LambdaResources"]
    );
    assert_eq!(
        resources["Ec2AmiResources"],
        before["Resources"]["Ec2AmiResources"]
    );
    let buckets = resources["S3Resources"].as_array().unwrap();
    assert_eq!(buckets[0], before["Resources"]["S3Resources"][0]);
    assert_eq!(buckets[1]["BucketArn"], "arn:aws:s3:::example-audit-trail");
    assert_eq!(
        buckets[1]["TargetOnDeviceServices"],
        json!([
            {"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "LOCAL_USE"},
            {"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "LOCAL_USE"}
        ])
    );
    assert_eq!(buckets.len(), 2);
    assert_eq!(
        after["Notification"],
        json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:fleet", "NotifyAll": true})
    );
    assert_eq!(
        without(&after, &["Resources", "Notification"]),
        without(&before, &["Resources", "Notification"])
    );
    // One request per order, and a second pass sends nothing.
    assert_eq!(modifying(&env), ["UpdateJob"]);
    env.server.clear_journal();
    let (code, out, err) = env.run(["conform", &file]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        outcomes(&out),
        [(COMPUTE_JOB.to_string(), "unchanged".to_string())]
    );
    assert!(modifying(&env).is_empty(), "{:?}", env.ops());
}

#[test]
fn two_standards_make_one_request_and_disagreeing_ones_fail_only_that_order() {
    let env = Env::demo();
    let ship = standard(&env, "ship.yaml", SHIP);
    let topic = standard(
        &env,
        "topic.yaml",
        "Name: topic\nSelect: {JobType: [IMPORT]}\nSet: {Notification: {NotifyAll: true}, ShippingOption: next-day}\n",
    );
    let (code, out, err) = env.run(["conform", &ship, &topic]).json();
    assert_eq!(code, 0, "{err}");
    let import = result_of(&out, IMPORT_JOB);
    assert_eq!(import["Standards"], json!(["ship", "topic"]));
    let sent: Vec<Json> = env
        .updates()
        .into_iter()
        .filter(|u| u["JobId"] == IMPORT_JOB)
        .collect();
    assert_eq!(sent.len(), 1, "one request for both standards");
    assert_eq!(sent[0]["ShippingOption"], "NEXT_DAY");
    assert_eq!(sent[0]["Notification"]["NotifyAll"], true);

    let env = Env::demo();
    let ship = standard(&env, "ship.yaml", SHIP);
    let express = standard(
        &env,
        "express.yaml",
        "Name: express\nSelect: {JobType: [EXPORT]}\nSet: {ShippingOption: EXPRESS}\n",
    );
    let (code, out, err) = env.run(["conform", &ship, &express]).json();
    assert_eq!(code, 2, "{err}");
    let export = result_of(&out, EXPORT_JOB);
    assert_eq!(export["Outcome"], "failed");
    assert_eq!(export["Error"]["Code"], "StandardsConflict");
    let message = export["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains("'ship' and 'express'") && message.contains("ShippingOption"),
        "{message}"
    );
    // Every other order is still conformed; nothing is sent for the export job.
    assert!(!ids_of(&env, "UpdateJob").contains(&EXPORT_JOB.to_string()));
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "NEXT_DAY"
    );
}

#[test]
fn a_cluster_is_conformed_through_update_cluster_and_its_node_jobs_never_touched() {
    let env = Env::demo();
    let file = standard(
        &env,
        "c.yaml",
        "Name: lab\nSelect: {SnowballType: [V3_5C], Description: '^Field lab'}\nSet: {ShippingOption: EXPRESS}\n",
    );
    let (code, out, err) = env.run(["conform", &file]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        outcomes(&out),
        [(DEMO_CLUSTER.to_string(), "updated".to_string())]
    );
    assert_eq!(ids_of(&env, "UpdateCluster"), [DEMO_CLUSTER]);
    assert!(ids_of(&env, "UpdateJob").is_empty());
    let read = ids_of(&env, "DescribeJob");
    assert!(
        NODE_JOBS.iter().all(|n| !read.contains(&n.to_string())),
        "node jobs are known from ListClusterJobs, never read: {read:?}"
    );
    assert_eq!(
        env.server.cluster(DEMO_CLUSTER).unwrap()["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn check_exits_7_on_drift_and_0_once_conformed_sending_nothing() {
    let env = Env::demo();
    let file = standard(&env, "ship.yaml", SHIP);
    let (code, out, err) = env.run(["conform", &file, "--check"]).text();
    assert_eq!(code, 7, "{out}{err}");
    assert!(err.contains("do not meet the standards"), "{err}");
    assert!(modifying(&env).is_empty());
    let (code, _, err) = env
        .run(["conform", &file, "--check", "--cli-error-format", "json"])
        .text();
    let last: Json = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(
        (code, &last["Code"], &last["ExitCode"]),
        (7, &json!("Drift"), &json!(7))
    );
    assert_eq!(env.run(["conform", &file, "--yes"]).text().0, 0);
    let (code, out, err) = env.run(["conform", &file, "--check"]).json();
    assert_eq!(code, 0, "{err}");
    assert!(
        outcomes(&out).iter().all(|(_, o)| o == "unchanged"),
        "{out}"
    );
}

#[test]
fn a_plan_from_conform_is_submitted_exactly_and_recorded_with_its_standards() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let file = standard(&env, "ship.yaml", SHIP);
    let plan = env.home.path().join("plan.json");
    let (code, _, err) = env
        .run(["conform", &file, "--check", "--plan"])
        .arg(&plan)
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 7, "{err}");
    let doc: Json = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    let entries = doc["Plans"].as_array().unwrap();
    assert_eq!(entries.len(), 3, "{doc}");
    assert!(entries.iter().all(|e| e["Standards"] == json!(["ship"])));
    assert!(doc["Command"].as_str().unwrap().starts_with("conform "));
    assert!(modifying(&env).is_empty());

    let (code, _, err) = env
        .run(["submit", "--yes"])
        .arg(&plan)
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let by_id = |mut v: Vec<Json>| {
        v.sort_by_key(|r| r["JobId"].as_str().unwrap().to_string());
        v
    };
    let requests: Vec<Json> = entries.iter().map(|e| e["Request"].clone()).collect();
    assert_eq!(
        by_id(env.updates()),
        by_id(requests),
        "exactly the plan's requests"
    );
    let records: Vec<Json> = std::fs::read_to_string(&history)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3);
    assert!(
        records.iter().all(|r| r["Standards"] == json!(["ship"])),
        "{records:?}"
    );
}

#[test]
fn history_records_carry_standards_and_undo_reverts_one() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let file = standard(&env, "ship.yaml", SHIP);
    let (code, _, err) = env
        .run(["conform", &file])
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&history).unwrap();
    let records: Vec<Json> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 3, "{text}");
    for r in &records {
        assert_eq!(r["Standards"], json!(["ship"]));
        assert_eq!(r["Command"], format!("conform {file}"));
    }
    let (code, _, err) = env
        .run(["undo", IMPORT_JOB])
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "SECOND_DAY"
    );
    assert_eq!(
        env.job(SERVICES_JOB)["ShippingDetails"]["ShippingOption"],
        "NEXT_DAY"
    );
}

#[test]
fn bad_standards_exit_2_naming_file_path_and_line_with_nothing_sent() {
    let cases = [
        (
            "Name: x\nSet: {ShippingOption: NEXT_DAY}\nColour: blue\n",
            "line 3: Colour: unknown key",
        ),
        (
            "Name: x\nSelect: {Kind: [job]}\nSet: {ShippingOption: WARP}\n",
            "line 3: Set.ShippingOption: 'WARP' is not one of",
        ),
        (
            "Name: x\nSelect:\n  Description: 'media/(['\nSet: {Description: y}\n",
            "line 3: Select.Description:",
        ),
        (
            "Select: {Kind: [job]}\nSet: {ShippingOption: NEXT_DAY}\n",
            "Name: required",
        ),
        (
            "Name: x\nSelect: {Kind: [job]}\nSet:\n  Resources: {S3Resources: [{BucketArn: 'arn:aws:s3:::a'}]}\nBuckets:\n  - Bucket: b\n",
            "Set.Resources replaces the bucket list and Buckets keeps it",
        ),
        (
            "Name: x\nSet: {SnowballCapacityPreference: T240}\n",
            "Kind: [job]",
        ),
        (
            "Name: x\nSelect: {JobType: [IMPRT]}\nSet: {Description: y}\n",
            "Select.JobType[0]",
        ),
        (
            "Name: x\nBuckets:\n  - Bucket: Not_A_Bucket\n",
            "Buckets[0].Bucket",
        ),
        (
            "Name: x\nBuckets:\n  - {Bucket: a1b, BeginMarker: z, EndMarker: a}\n",
            "begins after it ends",
        ),
        ("- not a map\n", "a standard is a map"),
        ("", "the standard is empty"),
    ];
    for (text, needle) in cases {
        let env = Env::demo();
        let file = standard(&env, "bad.yaml", text);
        let (code, out, err) = env.run(["conform", &file, "--yes"]).text();
        assert_eq!(code, 2, "{text}: {out}{err}");
        assert!(
            err.contains("bad.yaml") && err.contains(needle),
            "{needle}: {err}"
        );
        assert!(env.ops().is_empty(), "{text}: {:?}", env.ops());
    }
    let env = Env::demo();
    let a = standard(&env, "a.yaml", SHIP);
    let b = standard(&env, "b.yaml", SHIP);
    let (code, _, err) = env.run(["conform", &a, &b]).text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("needs its own Name"), "{err}");
    for bad in [["--watch", "0s"], ["--watch", "25h"], ["--watch", "soon"]] {
        let (code, _, err) = env.run(["conform", &a]).args(bad).text();
        assert_eq!(code, 2, "{bad:?}: {err}");
    }
    let (code, _, err) = env
        .run(["conform", &a, "--watch", "1m", "--plan", "p.json"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

/// Kills a `--watch` process when the test ends, failed or not, so that a
/// failing test leaves no loop behind.
struct Reaper(u32);

impl Drop for Reaper {
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-KILL", &self.0.to_string()])
            .stderr(std::process::Stdio::null())
            .status();
    }
}

/// Reads `conform --watch` lines from its stdout until `until` holds of them.
fn watch_until(
    child: &mut std::process::Child,
    lines: &mut Vec<Json>,
    until: impl Fn(&[Json]) -> bool,
) {
    use std::io::BufRead;
    let stdout = child.stdout.as_mut().unwrap();
    let mut reader = std::io::BufReader::new(stdout);
    let started = Instant::now();
    while !until(lines) {
        assert!(started.elapsed() < Duration::from_secs(30), "{lines:?}");
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            panic!("conform --watch ended: {lines:?}");
        }
        lines.push(serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}")));
    }
}

#[test]
fn watch_conforms_an_order_placed_between_passes_survives_500s_and_ends_on_signals() {
    for (signal, exit) in [("-TERM", 143), ("-INT", 130)] {
        let env = Env::demo();
        let history = env.home.path().join("history.jsonl");
        let file = standard(&env, "ship.yaml", SHIP);
        let mut child = env
            .snowjob_std()
            .args(["conform", &file, "--watch", "1s", "--yes", "-o", "json"])
            .env("SNOWJOB_HISTORY", &history)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let _reaper = Reaper(child.id());
        let mut lines = Vec::new();
        // Pass 1 conforms the demo's drifting jobs; pass 2 finds nothing to do.
        watch_until(&mut child, &mut lines, |l| l.len() >= 2);
        assert_eq!(lines[0].as_array().unwrap().len(), 3, "{lines:?}");
        assert_eq!(lines[1], json!([]));
        // A pass whose listing fails is reported, and the loop goes on.
        env.server.push_fault(fault(
            "ListJobs",
            3,
            snowball_local::FaultAction::Error {
                status: 500,
                code: "InternalFailure".into(),
                message: "staged".into(),
            },
        ));
        // An order placed by someone else meanwhile is conformed on a later pass.
        let placed = "JID00000000-0000-4000-8000-000000000777";
        let mut order = env.job(IMPORT_JOB);
        order["JobId"] = json!(placed);
        order["ShippingDetails"] = json!({"ShippingOption": "SECOND_DAY"});
        env.server
            .seed(&json!({"Jobs": [order], "Addresses": []}))
            .unwrap();
        watch_until(&mut child, &mut lines, |l| {
            l.iter().any(|pass| {
                pass.as_array()
                    .is_some_and(|p| p.iter().any(|r| r["JobId"] == placed))
            })
        });
        assert_eq!(
            env.job(placed)["ShippingDetails"]["ShippingOption"],
            "NEXT_DAY"
        );
        let kill = std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(exit), "{err}");
        assert!(err.contains("pass 1 at "), "{err}");
        assert!(
            err.contains("InternalFailure") || err.contains("500"),
            "{err}"
        );
        let records = std::fs::read_to_string(&history).unwrap();
        assert_eq!(
            records.lines().count(),
            4,
            "every answered update recorded: {records}"
        );
        assert_eq!(
            ids_of(&env, "UpdateJob").len(),
            4,
            "one update per drifting order, none again"
        );
    }
}

#[test]
fn on_a_terminal_a_pass_asks_first_and_watch_needs_yes() {
    use crate::interactive::{exit_code, on_terminal};
    let env = Env::demo();
    let file = standard(&env, "ship.yaml", SHIP);
    // Three orders to change: the plan is shown and a no sends nothing.
    let mut p = on_terminal(&env, &["conform", &file], None);
    p.exp_string("Update 3 jobs? [y/N]").unwrap();
    p.send_line("n").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1);
    assert!(modifying(&env).is_empty(), "{:?}", env.ops());
    // --watch never asks: without --yes it is refused before any request.
    env.server.clear_journal();
    let mut p = on_terminal(&env, &["conform", &file, "--watch", "5s"], None);
    p.exp_string("--yes").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 2);
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

#[test]
fn watch_prints_a_yaml_document_a_pass_and_check_sends_nothing() {
    let env = Env::demo();
    let file = standard(&env, "ship.yaml", SHIP);
    let child = env
        .snowjob_std()
        .args(["conform", &file, "--watch", "1s", "--check", "-o", "yaml"])
        .env("SNOWJOB_HISTORY", "off")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _reaper = Reaper(child.id());
    let started = Instant::now();
    while env.ops().iter().filter(|op| *op == "ListJobs").count() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            env.ops()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(143));
    let out = String::from_utf8_lossy(&output.stdout);
    let documents = out.matches("---\n").count();
    assert!(documents >= 3, "{out}");
    // Each pass finds the same three drifting jobs, and sends nothing.
    assert_eq!(
        out.matches("Outcome: planned").count(),
        3 * documents,
        "{out}"
    );
    assert!(modifying(&env).is_empty(), "{:?}", env.ops());
}

#[test]
fn a_pass_that_ran_out_of_patience_for_throttling_does_not_doom_the_next() {
    let env = Env::demo();
    let file = standard(&env, "ship.yaml", SHIP);
    env.server.push_fault(fault(
        "ListJobs",
        4,
        snowball_local::FaultAction::Error {
            status: 400,
            code: "ThrottlingException".into(),
            message: "Rate exceeded".into(),
        },
    ));
    let mut child = env
        .snowjob_std()
        .args(["conform", &file, "--watch", "1s", "--yes", "-o", "json"])
        .env("SNOWJOB_THROTTLE_PATIENCE", "1s")
        .env("SNOWJOB_HISTORY", "off")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _reaper = Reaper(child.id());
    let mut lines = Vec::new();
    // The throttled pass says so and prints `[]`; a later pass conforms.
    watch_until(&mut child, &mut lines, |l| {
        l.iter()
            .any(|p| p.as_array().is_some_and(|p| !p.is_empty()))
    });
    std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("failed (ThrottlingException)"), "{err}");
    assert_eq!(lines[0], json!([]), "{lines:?}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "NEXT_DAY"
    );
}

#[test]
fn a_signal_during_a_watched_pass_ends_it_as_any_batch_with_updates_recorded() {
    for (signal, exit) in [("-INT", 130), ("-TERM", 143)] {
        let env = Env::demo();
        let history = env.home.path().join("history.jsonl");
        let file = standard(&env, "ship.yaml", SHIP);
        // The second update is answered late: the signal comes while it is in flight.
        env.server.push_fault(
            fault(
                "UpdateJob",
                1,
                snowball_local::FaultAction::DelayReply {
                    ms: 1000,
                    state: None,
                    job_id: None,
                },
            )
            .skip(1),
        );
        let child = env
            .snowjob_std()
            .args(["conform", &file, "--watch", "1h", "--yes", "-o", "json"])
            .args(["--concurrency", "1"])
            .env("SNOWJOB_HISTORY", &history)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let _reaper = Reaper(child.id());
        let started = Instant::now();
        // Journalled as answered: the second job read, the first updated.
        let count = |op: &str| env.ops().iter().filter(|o| *o == op).count();
        while count("DescribeJob") < 2 || count("UpdateJob") < 1 {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{:?}",
                env.ops()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(300));
        std::process::Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status()
            .unwrap();
        let output = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(exit), "{err}");
        let out: Json = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)));
        let outcomes: Vec<&str> = out
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["Outcome"].as_str().unwrap())
            .collect();
        // The first updated, the one in flight answered within its grace, the third never started.
        assert_eq!(outcomes, ["updated", "updated", "skipped"], "{out}");
        let records = std::fs::read_to_string(&history).unwrap();
        assert_eq!(records.lines().count(), 2, "{records}");
    }
}

#[test]
fn watch_ends_when_stdout_is_closed() {
    let env = Env::demo();
    let file = standard(&env, "ship.yaml", SHIP);
    let mut child = env
        .snowjob_std()
        .args(["conform", &file, "--watch", "1s", "--yes", "-o", "json"])
        .env("SNOWJOB_HISTORY", "off")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let _reaper = Reaper(child.id());
    // Read the first bytes, then close the pipe, as `| head -c 10` does.
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still watching with nobody reading"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0), "the code the work earned");
}
