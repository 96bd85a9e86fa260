//! The local history of edits and `undo`: what is recorded (and what never
//! is), `history` in every format, and undo checked against what the endpoint
//! stored before the edit, field by field.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use crate::common::*;
use serde_json::{Value as Json, json};
use snowball_local::{DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, Fault, FaultAction};

fn history_path(env: &Env) -> PathBuf {
    env.home.path().join("state/history.jsonl")
}

/// `snowjob` with its history in the test's own directory.
fn sj(env: &Env) -> assert_cmd::Command {
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", history_path(env));
    cmd
}

fn records(env: &Env) -> Vec<Json> {
    std::fs::read_to_string(history_path(env))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn edit(env: &Env, args: &[&str]) -> Json {
    let mut cmd = sj(env);
    cmd.args(args);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 0, "{args:?}: {err}");
    assert_eq!(out[0]["Outcome"], "updated", "{args:?}: {out}");
    out
}

fn undo(env: &Env, job: &str) -> (i32, Json, String) {
    let mut cmd = sj(env);
    cmd.args(["undo", job]);
    run_json(cmd)
}

/// The stored jobs are equal, member by member (a failure names the member).
fn assert_same_job(now: &Json, before: &Json) {
    let (now, before) = (now.as_object().unwrap(), before.as_object().unwrap());
    for key in now.keys().chain(before.keys()) {
        assert_eq!(now.get(key), before.get(key), "member {key}");
    }
}

/// The edit is recorded as reported, and undo puts the job back as it was.
fn round_trip(job: &str, args: &[&str]) {
    let env = Env::demo();
    let before = env.job(job);
    let mut full = vec![args[0], job];
    full.extend(&args[1..]);
    let reported = edit(&env, &full);
    let recorded = records(&env);
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0]["JobId"], job);
    assert_eq!(recorded[0]["Outcome"], "updated");
    assert_eq!(recorded[0]["Changes"], reported[0]["Changes"]);
    assert_eq!(recorded[0]["Request"], reported[0]["Request"]);
    assert_ne!(env.job(job), before);

    env.server.clear_journal();
    let (code, out, err) = undo(&env, job);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_same_job(&env.job(job), &before);
    let ops = env.ops();
    assert_eq!(ops.first().unwrap(), "DescribeJob", "{args:?}");
    assert_eq!(
        ops.iter().filter(|o| *o == "UpdateJob").count(),
        1,
        "{ops:?}"
    );
    // The undo is recorded too: its changes are the edit's, reversed.
    let recorded = records(&env);
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[1]["Command"], format!("undo {job}"));
    let reversed: Vec<Json> = reported[0]["Changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| json!({"Field": c["Field"], "Before": c["After"], "After": c["Before"]}))
        .collect();
    assert_eq!(recorded[1]["Changes"], json!(reversed));
}

#[test]
fn set_shipping_is_recorded_and_undone() {
    round_trip(
        IMPORT_JOB,
        &[
            "set-shipping",
            "--speed",
            "NEXT_DAY",
            "--address-id",
            FORWARDING_ADDRESS,
        ],
    );
}

#[test]
fn set_capacity_is_recorded_and_undone() {
    round_trip(IMPORT_JOB, &["set-capacity", "--capacity", "T98"]);
}

#[test]
fn add_s3_resource_is_recorded_and_undone() {
    round_trip(IMPORT_JOB, &["add-s3-resource", "--bucket", "new-bucket"]);
    round_trip(
        EXPORT_JOB,
        &[
            "add-s3-resource",
            "--bucket",
            "example-video",
            "--end-marker",
            "2025/06/",
        ],
    );
}

#[test]
fn remove_s3_resource_is_recorded_and_undone() {
    round_trip(
        IMPORT_JOB,
        &["remove-s3-resource", "--bucket", "example-migration-raw"],
    );
}

#[test]
fn set_nfs_limit_is_recorded_and_undone() {
    round_trip(SERVICES_JOB, &["set-nfs-limit", "--limit", "20"]);
}

#[test]
fn apply_is_recorded_and_undone() {
    let env = Env::demo();
    let patch = env.home.path().join("patch.yaml");
    std::fs::write(
        &patch,
        "Notification:\n  SnsTopicARN: arn:aws:sns:us-east-1:123456789012:other\n  NotifyAll: true\n",
    )
    .unwrap();
    round_trip(IMPORT_JOB, &["apply", "--file", patch.to_str().unwrap()]);
}

#[test]
fn a_record_says_when_where_who_and_what() {
    let env = Env::demo();
    let out = edit(&env, &["set-shipping", IMPORT_JOB, "--speed", "next-day"]);
    let r = &records(&env)[0];
    let keys: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "Time",
            "JobId",
            "Operation",
            "Region",
            "Endpoint",
            "Profile",
            "Command",
            "Outcome",
            "Changes",
            "Request"
        ]
    );
    let time = r["Time"].as_str().unwrap();
    assert!(
        time.len() >= 20 && time.ends_with('Z') && &time[10..11] == "T",
        "{time}"
    );
    assert_eq!(r["Region"], "us-east-1");
    assert_eq!(r["Endpoint"], env.server.url());
    assert_eq!(r["Profile"], "default");
    // Global options (here -o json) are not part of the command.
    assert_eq!(
        r["Command"],
        format!("set-shipping {IMPORT_JOB} --speed next-day")
    );
    assert_eq!(r["Changes"], out[0]["Changes"]);
    assert_eq!(
        r["Request"],
        json!({"JobId": IMPORT_JOB, "ShippingOption": "NEXT_DAY"})
    );
}

#[test]
fn the_history_holds_no_credential_and_is_private() {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    let text = std::fs::read_to_string(history_path(&env)).unwrap();
    for secret in [DEFAULT_SECRET_KEY, DEFAULT_ACCESS_KEY] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let mode = std::fs::metadata(history_path(&env))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    // An endpoint's user:password is never recorded (the request itself is
    // refused here: the endpoint signs for a host without it).
    let port = env.server.addr().port();
    let mut cmd = sj(&env);
    cmd.args([
        "--endpoint-url",
        &format!("http://snow:hunter2@127.0.0.1:{port}"),
        "set-capacity",
        IMPORT_JOB,
        "--capacity",
        "T100",
    ]);
    run(cmd);
    let text = std::fs::read_to_string(history_path(&env)).unwrap();
    assert!(!text.contains("hunter2"), "{text}");
}

#[test]
fn the_default_history_is_in_the_xdg_state_directory() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args(["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    assert_eq!(run(cmd).0, 0);
    let default = env.home.path().join(".local/state/snowjob/history.jsonl");
    assert_eq!(
        std::fs::read_to_string(&default).unwrap().lines().count(),
        1
    );

    let state = env.home.path().join("xdg");
    let mut cmd = env.snowjob();
    cmd.env("XDG_STATE_HOME", &state)
        .args(["set-capacity", IMPORT_JOB, "--capacity", "T100"]);
    assert_eq!(run(cmd).0, 0);
    let path = state.join("snowjob/history.jsonl");
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 1);
    // An empty SNOWJOB_HISTORY is as good as unset.
    let mut cmd = env.snowjob();
    cmd.env("XDG_STATE_HOME", &state)
        .env("SNOWJOB_HISTORY", "")
        .args(["history", "-o", "text"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn dry_runs_unchanged_and_failed_edits_are_not_recorded() {
    let env = Env::demo();
    for args in [
        vec!["--dry-run", "set-capacity", IMPORT_JOB, "--capacity", "T98"],
        vec!["set-capacity", IMPORT_JOB, "--capacity", "T100"],
        vec!["set-capacity", LOCKED_JOB, "--capacity", "T98"],
        vec!["set-capacity", IMPORT_JOB, "--capacity", "T240"],
    ] {
        let mut cmd = sj(&env);
        cmd.args(&args);
        run(cmd);
    }
    assert!(!history_path(&env).exists());
    let mut cmd = sj(&env);
    cmd.env("SNOWJOB_HISTORY", "off")
        .args(["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(!history_path(&env).exists());
}

#[test]
fn an_unknown_fate_is_recorded() {
    let env = Env::demo();
    env.server.push_fault(Fault {
        operation: "UpdateJob".into(),
        count: 1,
        action: FaultAction::DropReply {
            state: None,
            job_id: None,
        },
    });
    env.server
        .push_fault(Fault::error("DescribeJob", 5, 503, "ServiceUnavailable").skip(1));
    let mut cmd = sj(&env);
    cmd.args([
        "--max-attempts",
        "1",
        "set-shipping",
        IMPORT_JOB,
        "--speed",
        "EXPRESS",
    ]);
    let (code, out, _) = run_json(cmd);
    assert_eq!((code, &out[0]["Outcome"]), (6, &json!("unknown")));
    let recorded = records(&env);
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0]["Outcome"], "unknown");
}

#[test]
fn an_unwritable_history_is_a_warning_not_a_failure() {
    let env = Env::demo();
    let file = env.home.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let directory = env.home.path().join("a-directory");
    std::fs::create_dir(&directory).unwrap();
    for (path, capacity) in [(file.join("history.jsonl"), "T98"), (directory, "T100")] {
        let mut cmd = env.snowjob();
        cmd.env("SNOWJOB_HISTORY", &path).args([
            "set-capacity",
            IMPORT_JOB,
            "--capacity",
            capacity,
        ]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("warning:") && err.contains("history"), "{err}");
        assert_eq!(env.job(IMPORT_JOB)["SnowballCapacityPreference"], capacity);
    }
}

#[test]
fn twenty_concurrent_processes_leave_twenty_whole_lines() {
    let env = Env::demo();
    let jobs = env.more_jobs(20);
    let children: Vec<_> = jobs
        .iter()
        .map(|id| {
            let mut cmd = env.snowjob_std();
            cmd.env("SNOWJOB_HISTORY", history_path(&env))
                .args(["apply", id, "--file", "-"])
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::null());
            let mut child = cmd.spawn().unwrap();
            // A long description makes each line several KiB.
            let patch = format!("Description: \"{}\"\n", id.repeat(26));
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(patch.as_bytes())
                .unwrap();
            child
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let text = std::fs::read_to_string(history_path(&env)).unwrap();
    assert!(text.ends_with('\n'));
    let mut seen: Vec<String> = records(&env)
        .iter()
        .map(|r| {
            let id = r["JobId"].as_str().unwrap().to_string();
            assert_eq!(r["Changes"][0]["After"], json!(id.repeat(26)));
            id
        })
        .collect();
    seen.sort();
    let mut expected = jobs.clone();
    expected.sort();
    assert_eq!(seen, expected);
}

#[test]
fn undo_refuses_after_a_foreign_change() {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    // A colleague, with a history of their own.
    let mut cmd = env.snowjob();
    cmd.args(["set-capacity", IMPORT_JOB, "--capacity", "NoPreference"]);
    assert_eq!(run(cmd).0, 0);
    env.server.clear_journal();
    let (code, out, err) = undo(&env, IMPORT_JOB);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Outcome"], "failed");
    assert_eq!(out[0]["Error"]["Code"], "ChangedSinceEdit");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains("SnowballCapacityPreference") && message.contains("NoPreference"),
        "{message}"
    );
    assert_eq!(env.ops(), ["DescribeJob"]);
    assert_eq!(
        env.job(IMPORT_JOB)["SnowballCapacityPreference"],
        "NoPreference"
    );
}

#[test]
fn undo_refuses_a_job_that_left_new() {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    env.server
        .set_job_state(IMPORT_JOB, "PreparingAppliance")
        .unwrap();
    env.server.clear_journal();
    let (code, out, err) = undo(&env, IMPORT_JOB);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "JobNotEditable");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn undo_without_a_recorded_edit_is_not_found() {
    let env = Env::demo();
    let (code, out, err) = undo(&env, IMPORT_JOB);
    assert_eq!(code, 4, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NoHistory");
    // Another region's or endpoint's edit of the job is not this one's.
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    env.server.clear_journal();
    let mut cmd = sj(&env);
    cmd.args(["--region", "us-west-2", "undo", IMPORT_JOB]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 4, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NoHistory");
    let mut cmd = sj(&env);
    let other = env.server.url().replace("127.0.0.1", "localhost");
    cmd.args(["--endpoint-url", &other, "undo", IMPORT_JOB]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 4, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NoHistory");
    assert!(!env.ops().contains(&"UpdateJob".to_string()));
}

#[test]
fn undo_with_the_history_off_says_so() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", "off").args(["undo", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("SNOWJOB_HISTORY=off"), "{err}");
    assert!(env.ops().is_empty());
}

#[test]
fn undoing_twice_re_applies_the_edit() {
    let env = Env::demo();
    edit(&env, &["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
    let speed = |env: &Env| env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"].clone();
    assert_eq!(undo(&env, IMPORT_JOB).0, 0);
    assert_eq!(speed(&env), "SECOND_DAY");
    assert_eq!(undo(&env, IMPORT_JOB).0, 0);
    assert_eq!(speed(&env), "EXPRESS");
    assert_eq!(records(&env).len(), 3);
}

#[test]
fn undo_dry_run_sends_nothing_and_records_nothing() {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    env.server.clear_journal();
    let mut cmd = sj(&env);
    cmd.args(["--dry-run", "undo", IMPORT_JOB]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "planned");
    assert_eq!(
        out[0]["Request"],
        json!({"JobId": IMPORT_JOB, "SnowballCapacityPreference": "T100"})
    );
    assert_eq!(env.ops(), ["DescribeJob"]);
    assert_eq!(records(&env).len(), 1);
}

#[test]
fn undo_of_an_edit_that_never_applied_is_unchanged() {
    let env = Env::demo();
    let line = json!({"Time": "2030-01-01T00:00:00Z", "JobId": IMPORT_JOB, "Region": "us-east-1",
        "Endpoint": env.server.url(), "Profile": "default", "Command": "set-shipping",
        "Outcome": "unknown",
        "Changes": [{"Field": "ShippingOption", "Before": "SECOND_DAY", "After": "EXPRESS"}],
        "Request": {"JobId": IMPORT_JOB, "ShippingOption": "EXPRESS"}});
    std::fs::create_dir_all(history_path(&env).parent().unwrap()).unwrap();
    std::fs::write(history_path(&env), format!("{line}\n")).unwrap();
    let (code, out, err) = undo(&env, IMPORT_JOB);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert!(!env.ops().contains(&"UpdateJob".to_string()));
}

#[test]
fn undo_cannot_remove_a_scalar_but_empties_a_structure() {
    let env = Env::demo();
    // The export job has no forwarding address and no notification.
    edit(
        &env,
        &[
            "set-shipping",
            EXPORT_JOB,
            "--forwarding-address-id",
            FORWARDING_ADDRESS,
        ],
    );
    env.server.clear_journal();
    let (code, out, err) = undo(&env, EXPORT_JOB);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "CannotRemove");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(message.contains("ForwardingAddressId"), "{message}");
    assert_eq!(env.ops(), ["DescribeJob"]);

    let env = Env::demo();
    let before = env.job(EXPORT_JOB);
    let patch = env.home.path().join("patch.json");
    std::fs::write(
        &patch,
        r#"{"Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t"}}"#,
    )
    .unwrap();
    edit(
        &env,
        &["apply", EXPORT_JOB, "--file", patch.to_str().unwrap()],
    );
    let (code, out, err) = undo(&env, EXPORT_JOB);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out[0]["Request"],
        json!({"JobId": EXPORT_JOB, "Notification": {}})
    );
    let now = env.job(EXPORT_JOB);
    assert_eq!(
        now.get("Notification").cloned().unwrap_or(json!({})),
        json!({})
    );
    assert_same_job(&without(&now, &["Notification"]), &before);
}

#[test]
fn undo_takes_several_jobs_and_reports_each() {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    let mut cmd = sj(&env);
    cmd.args(["undo", IMPORT_JOB, EXPORT_JOB, "-o", "text"]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 4, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        format!("{IMPORT_JOB}\tupdated\tSnowballCapacityPreference")
    );
    assert!(
        lines[1].starts_with(&format!("{EXPORT_JOB}\tfailed\tNoHistory")),
        "{out}"
    );
    assert_eq!(env.job(IMPORT_JOB)["SnowballCapacityPreference"], "T100");
}

/// Two edits of two jobs, for the `history` tests.
fn two_edits() -> Env {
    let env = Env::demo();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    edit(
        &env,
        &[
            "set-shipping",
            EXPORT_JOB,
            "--speed",
            "EXPRESS",
            "--address-id",
            FORWARDING_ADDRESS,
        ],
    );
    env
}

/// `history` needs no AWS configuration at all.
fn history(env: &Env, args: &[&str]) -> (i32, String, String) {
    let mut cmd = env.bare();
    cmd.env("SNOWJOB_HISTORY", history_path(env))
        .arg("history")
        .args(args);
    run(cmd)
}

#[test]
fn history_in_every_format() {
    let env = two_edits();
    let (code, out, err) = history(&env, &["-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(json, json!(records(&env)));
    assert_eq!(json.as_array().unwrap().len(), 2);

    let (_, out, _) = history(&env, &["-o", "yaml"]);
    let yaml: Json = serde_yaml::from_str(&out).unwrap();
    assert_eq!(yaml, json);

    let (_, out, _) = history(&env, &["-o", "text"]);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0][1..],
        [IMPORT_JOB, "updated", "SnowballCapacityPreference"]
    );
    assert_eq!(
        lines[1][1..],
        [EXPORT_JOB, "updated", "AddressId,ShippingOption"]
    );
    assert_eq!(lines[0][0], json[0]["Time"]);

    let (_, out, _) = history(&env, &[]);
    assert!(
        out.contains(IMPORT_JOB) && out.contains("T100 -> T98"),
        "{out}"
    );
    assert!(out.contains(&format!("set-shipping {EXPORT_JOB}")), "{out}");

    let (_, out, _) = history(&env, &[EXPORT_JOB, "-o", "json"]);
    let json: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1);
    assert_eq!(json[0]["JobId"], EXPORT_JOB);

    let (code, out, _) = history(&env, &["--query", "[].Changes[].Field", "-o", "text"]);
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        "SnowballCapacityPreference\tAddressId\tShippingOption"
    );
}

#[test]
fn an_empty_history_is_an_empty_result() {
    let env = Env::demo();
    for (format, expected) in [("json", "[]\n"), ("text", ""), ("yaml", "[]\n")] {
        let (code, out, err) = history(&env, &["-o", format]);
        assert_eq!((code, out.as_str()), (0, expected), "{err}");
    }
    let (code, out, _) = history(&env, &[]);
    assert_eq!(code, 0);
    assert!(out.contains("No recorded edits"), "{out}");
    let mut cmd = env.bare();
    cmd.env("SNOWJOB_HISTORY", "off")
        .args(["history", "-o", "json"]);
    let (code, out, err) = run(cmd);
    assert_eq!((code, out.as_str()), (0, "[]\n"));
    assert!(err.contains("off"), "{err}");
}

#[test]
fn a_corrupt_line_is_skipped_with_a_warning() {
    let env = two_edits();
    let text = std::fs::read_to_string(history_path(&env)).unwrap();
    let (first, rest) = text.split_once('\n').unwrap();
    std::fs::write(
        history_path(&env),
        format!("{first}\n{{\"JobId\": \"trunc\n\n\x1b[2J not json\n{rest}"),
    )
    .unwrap();
    let (code, out, err) = history(&env, &["-o", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert!(err.contains("line 2") && err.contains("line 4"), "{err}");
    assert!(!err.contains('\x1b'), "{err}");
    // A file of garbage is named line by line only so far.
    std::fs::write(history_path(&env), "garbage\n".repeat(30)).unwrap();
    let (code, out, err) = history(&env, &["-o", "json"]);
    assert_eq!((code, out.as_str()), (0, "[]\n"));
    assert_eq!(err.lines().count(), 11, "{err}");
    assert!(
        err.contains("line 10 ") && err.contains("20 more lines"),
        "{err}"
    );
    // A line cut short by a crash is not glued to the next record.
    std::fs::write(history_path(&env), format!("{first}\n{{\"JobId\": \"cut")).unwrap();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T100"]);
    let (_, out, err) = history(&env, &["-o", "json"]);
    let json: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2, "{err}");
    // undo still finds the last edit.
    assert_eq!(undo(&env, IMPORT_JOB).0, 0);
    assert_eq!(env.job(IMPORT_JOB)["SnowballCapacityPreference"], "T98");
}

/// The demo's four pending jobs and two more, each with a capacity other than
/// NoPreference.
fn six_jobs(env: &Env) -> Vec<String> {
    let mut ids: Vec<String> = [IMPORT_JOB, EXPORT_JOB, COMPUTE_JOB, SERVICES_JOB]
        .map(String::from)
        .to_vec();
    ids.extend(env.more_jobs(2));
    ids
}

/// Holds the reply of the UpdateJob after the first `skip` (the call is run).
fn hold_update_reply(env: &Env, skip: u32) {
    env.server.push_fault(
        Fault {
            operation: "UpdateJob".into(),
            count: 1,
            action: FaultAction::DelayReply {
                ms: 20_000,
                state: None,
                job_id: None,
            },
        }
        .skip(skip),
    );
}

/// Starts `set-capacity NoPreference` on the jobs, its history in the test's
/// directory.
fn spawn_batch(env: &Env, ids: &[String], extra: &[&str]) -> std::process::Child {
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", history_path(env))
        .args(["set-capacity", "--capacity", "NoPreference", "--yes"])
        .args(extra)
        .args(ids)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd.spawn().unwrap()
}

/// Waits (bounded) until the history holds `n` whole lines.
fn wait_for_records(env: &Env, n: usize) {
    let started = std::time::Instant::now();
    loop {
        let text = std::fs::read_to_string(history_path(env)).unwrap_or_default();
        let whole = text.matches('\n').count();
        if whole >= n {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "{whole} of {n} records after 20s; journal: {:?}",
            env.ops()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A process killed in the middle of a batch (`signals` sent one after the
/// other) leaves a record of every update that was answered, and undo can
/// revert any of them.
fn killed_mid_batch(signals: &[&str]) {
    let env = Env::demo();
    let ids = six_jobs(&env);
    let before: Vec<Json> = ids
        .iter()
        .map(|id| env.job(id)["SnowballCapacityPreference"].clone())
        .collect();
    hold_update_reply(&env, 2);
    let mut child = spawn_batch(&env, &ids, &[]);
    // Five answered, one held by the endpoint.
    wait_for_records(&env, 5);
    std::thread::sleep(std::time::Duration::from_millis(200));
    for signal in signals {
        let status = std::process::Command::new("kill")
            .args([*signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = child.wait().unwrap();
    assert!(!status.success(), "{signals:?}: {status:?}");
    let recorded = records(&env);
    assert_eq!(recorded.len(), 5, "{signals:?}: {recorded:?}");
    let mut seen: Vec<&str> = Vec::new();
    for r in &recorded {
        assert_eq!(r["Outcome"], "updated", "{r}");
        let id = r["JobId"].as_str().unwrap();
        assert!(ids.iter().any(|i| i == id) && !seen.contains(&id), "{id}");
        assert_eq!(env.job(id)["SnowballCapacityPreference"], "NoPreference");
        seen.push(id);
    }
    // Undo reverts one of them.
    let (i, id) = ids
        .iter()
        .enumerate()
        .find(|(_, id)| seen.contains(&id.as_str()))
        .unwrap();
    let (code, out, err) = undo(&env, id);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(env.job(id)["SnowballCapacityPreference"], before[i]);
}

#[test]
fn a_sigkill_mid_batch_leaves_a_record_of_every_answered_update() {
    killed_mid_batch(&["-KILL"]);
}

#[test]
fn a_second_sighup_mid_batch_leaves_a_record_of_every_answered_update() {
    // One SIGHUP is taken as SIGTERM (fates.rs); a second ends it at once.
    killed_mid_batch(&["-HUP", "-HUP"]);
}

#[test]
fn a_second_sigterm_mid_batch_leaves_a_record_of_every_answered_update() {
    killed_mid_batch(&["-TERM", "-TERM"]);
}

#[test]
fn a_held_reply_holds_up_no_other_job() {
    let env = Env::demo();
    let ids = six_jobs(&env);
    hold_update_reply(&env, 0);
    let mut child = spawn_batch(&env, &ids, &["--concurrency", "2"]);
    // With two at once, the other five go through the second worker.
    wait_for_records(&env, 5);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(records(&env).len(), 5);
}

/// An edit of the jobs, its history at `path`: it succeeds, with one warning
/// that names the path.
fn edit_warns(env: &Env, path: &std::path::Path, jobs: &[&str]) -> String {
    let mut cmd = env.snowjob();
    cmd.timeout(std::time::Duration::from_secs(20));
    cmd.env("SNOWJOB_HISTORY", path)
        .args(["set-capacity", "--capacity", "NoPreference"])
        .args(jobs);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    let warnings: Vec<&str> = err.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{err}");
    assert!(
        warnings[0].contains("history") && warnings[0].contains(&*path.to_string_lossy()),
        "{err}"
    );
    for job in jobs {
        assert_eq!(env.job(job)["SnowballCapacityPreference"], "NoPreference");
    }
    err
}

/// `history` and `undo` with their history at `path`: exit 2 at once, naming
/// it, nothing sent.
fn reads_refused(env: &Env, path: &std::path::Path) {
    env.server.clear_journal();
    for args in [vec!["history"], vec!["undo", IMPORT_JOB]] {
        let mut cmd = env.snowjob();
        cmd.timeout(std::time::Duration::from_secs(10));
        cmd.env("SNOWJOB_HISTORY", path).args(&args);
        let started = std::time::Instant::now();
        let (code, out, err) = run(cmd);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(&*path.to_string_lossy()), "{args:?}: {err}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
    }
    assert!(
        !env.ops().contains(&"UpdateJob".to_string()),
        "{:?}",
        env.ops()
    );
}

#[test]
fn a_symlink_as_the_history_is_refused() {
    let env = Env::demo();
    // A real history, with a record undo could use, behind a link.
    let real = env.home.path().join("real.jsonl");
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", &real)
        .args(["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    assert_eq!(run(cmd).0, 0);
    let kept = std::fs::read(&real).unwrap();
    assert!(!kept.is_empty());
    let link = env.home.path().join("link.jsonl");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    edit_warns(&env, &link, &[EXPORT_JOB, COMPUTE_JOB]);
    assert_eq!(std::fs::read(&real).unwrap(), kept);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    reads_refused(&env, &link);

    // A link to nowhere: nothing is created where it points.
    let nowhere = env.home.path().join("nowhere.jsonl");
    let dangling = env.home.path().join("dangling.jsonl");
    std::os::unix::fs::symlink(&nowhere, &dangling).unwrap();
    edit_warns(&env, &dangling, &[SERVICES_JOB]);
    assert!(!nowhere.exists());
    reads_refused(&env, &dangling);
    assert!(!nowhere.exists());
}

#[test]
fn a_fifo_as_the_history_is_refused_at_once() {
    let env = Env::demo();
    let fifo = env.home.path().join("history.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    reads_refused(&env, &fifo);
    edit_warns(&env, &fifo, &[IMPORT_JOB]);
}

#[test]
fn a_device_as_the_history_is_refused() {
    let env = Env::demo();
    let full = std::path::Path::new("/dev/full");
    reads_refused(&env, full);
    edit_warns(&env, full, &[IMPORT_JOB]);
}

#[test]
fn a_directory_as_the_history_is_refused() {
    let env = Env::demo();
    let dir = env.home.path().join("a-directory");
    std::fs::create_dir(&dir).unwrap();
    reads_refused(&env, &dir);
    edit_warns(&env, &dir, &[IMPORT_JOB]);
}

#[test]
fn an_existing_history_is_tightened_to_0600() {
    let env = Env::demo();
    let path = history_path(&env);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "").unwrap();
    let mode = |p: &PathBuf| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    edit(&env, &["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(records(&env).len(), 1);
    // Read, too.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    let (code, _, err) = history(&env, &["-o", "json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn a_history_locked_by_another_process_holds_up_no_signal() {
    let env = Env::demo();
    let path = history_path(&env);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "").unwrap();
    // Another process holds the lock far longer than any append takes.
    let mut holder = std::process::Command::new("flock")
        .arg(&path)
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", &path)
        .args([
            "-o",
            "json",
            "set-capacity",
            IMPORT_JOB,
            "--capacity",
            "T98",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    let started = std::time::Instant::now();
    while env.job(IMPORT_JOB)["SnowballCapacityPreference"] != "T98" {
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(300));
    let sent = std::time::Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let took = sent.elapsed();
    holder.kill().unwrap();
    holder.wait().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    // Within the grace in-flight work gets, with the results and one warning.
    assert!(took < std::time::Duration::from_secs(4), "{took:?}");
    let results: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["Outcome"], "updated");
    assert_eq!(err.matches("warning").count(), 1, "{err}");
    assert!(err.contains("lock"), "{err}");
}
