//! The report never lies: lost replies, a job that leaves New right after,
//! a colleague's concurrent change, and signals in the middle of a batch,
//! each checked against what the endpoint stored.

use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::common::*;
use serde_json::Value as Json;
use snowball_local::{Fault, FaultAction};

fn speed(env: &Env, job: &str) -> Json {
    env.job(job)["ShippingDetails"]["ShippingOption"].clone()
}

fn set_speed(env: &Env, extra: &[&str]) -> (i32, Json, String) {
    let mut cmd = env.snowjob();
    cmd.args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
        .args(extra);
    run_json(cmd)
}

#[test]
fn a_lost_reply_to_an_applied_update_is_reported_updated() {
    for attempts in ["1", "3"] {
        let env = Env::demo();
        env.server
            .push_fault(fault("UpdateJob", 1, drop_reply(None)));
        let (code, json, err) = set_speed(&env, &["--max-attempts", attempts]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(json[0]["Outcome"], "updated", "{json}");
        assert_eq!(speed(&env, IMPORT_JOB), "EXPRESS");
        // Read again instead of sent again.
        assert_eq!(env.ops(), ["DescribeJob", "UpdateJob", "DescribeJob"]);
    }
}

#[test]
fn a_lost_reply_then_the_window_closing_is_still_updated() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "UpdateJob",
        1,
        drop_reply(Some("PreparingAppliance")),
    ));
    let (code, json, err) = set_speed(&env, &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json[0]["Outcome"], "updated", "{json}");
    assert!(!err.contains("nothing was changed"), "{err}");
    assert_eq!(speed(&env, IMPORT_JOB), "EXPRESS");
}

#[test]
fn a_lost_reply_and_a_failed_re_read_is_unknown() {
    let env = Env::demo();
    env.server
        .push_fault(fault("UpdateJob", 1, drop_reply(None)));
    env.server
        .push_fault(Fault::error("DescribeJob", 5, 503, "ServiceUnavailable").skip(1));
    let (code, json, err) = set_speed(&env, &["--max-attempts", "1"]);
    assert_eq!(code, 6, "{err}");
    assert_eq!(json[0]["Outcome"], "unknown", "{json}");
    assert_eq!(json[0]["Error"]["Code"], "UpdateFateUnknown");
    let message = json[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains(&format!("snowjob show {IMPORT_JOB}")),
        "{message}"
    );
    assert!(!err.contains("nothing was changed"), "{err}");
}

#[test]
fn a_dropped_connection_before_the_update_ran_is_failed_after_a_re_read() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    // The connection closes before the call runs: nothing was applied.
    env.server
        .push_fault(fault("UpdateJob", 1, FaultAction::CloseConnection));
    let (code, json, err) = set_speed(&env, &["--max-attempts", "1"]);
    assert_eq!(code, 6, "{err}");
    assert_eq!(json[0]["Outcome"], "failed", "{json}");
    assert!(err.contains("does not have the change"), "{err}");
    assert_eq!(env.job(IMPORT_JOB), before);
}

fn six_jobs(env: &Env) -> Vec<String> {
    let mut ids: Vec<String> = [IMPORT_JOB, EXPORT_JOB, COMPUTE_JOB, SERVICES_JOB]
        .map(String::from)
        .to_vec();
    ids.extend(env.more_jobs(2));
    ids
}

fn buckets(job: &Json) -> Vec<String> {
    job["Resources"]["S3Resources"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| b["BucketArn"].as_str().unwrap().to_string())
        .collect()
}

/// A colleague adds a bucket to job 1 while the batch reads job 2: the batch
/// had already finished job 1, so both buckets are there.
#[test]
fn a_colleagues_change_during_a_batch_survives() {
    let env = Env::demo();
    let ids = six_jobs(&env);
    env.server
        .push_fault(fault("DescribeJob", 1, FaultAction::Delay { ms: 1500 }).skip(1));
    let mut batch = env.snowjob_std();
    batch
        .args([
            "add-s3-resource",
            "--bucket",
            "fleet-logs",
            "--concurrency",
            "1",
            "--yes",
        ])
        .args(&ids)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = batch.spawn().unwrap();
    std::thread::sleep(Duration::from_millis(600));
    let mut colleague = env.snowjob();
    colleague.args([
        "add-s3-resource",
        IMPORT_JOB,
        "--bucket",
        "colleague-bucket",
    ]);
    let (code, _, err) = run(colleague);
    assert_eq!(code, 0, "{err}");
    assert!(child.wait().unwrap().success());
    let have = buckets(&env.job(IMPORT_JOB));
    for bucket in ["arn:aws:s3:::fleet-logs", "arn:aws:s3:::colleague-bucket"] {
        assert!(have.contains(&bucket.to_string()), "{have:?}");
    }
    for id in &ids {
        assert!(
            buckets(&env.job(id)).contains(&"arn:aws:s3:::fleet-logs".to_string()),
            "{id}"
        );
    }
}

/// A signal in the middle of a batch: the jobs done are reported updated, the
/// one in flight unknown, the rest skipped; exactly what the endpoint shows.
fn signal_mid_batch(signal: &str, expected_code: i32) {
    let env = Env::demo();
    let ids = six_jobs(&env);
    env.server.push_fault(
        fault(
            "UpdateJob",
            1,
            FaultAction::DelayReply {
                ms: 20_000,
                state: None,
                job_id: None,
            },
        )
        .skip(2),
    );
    let history = env.home.path().join("history.jsonl");
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", &history)
        .env("AWS_CLI_ERROR_FORMAT", "json");
    cmd.args([
        "set-capacity",
        "--capacity",
        "NoPreference",
        "--concurrency",
        "1",
        "--yes",
        "-o",
        "json",
    ])
    .args(&ids)
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let started = Instant::now();
    // The third job read; its update (held by the endpoint) follows at once.
    while env.ops().iter().filter(|o| *o == "DescribeJob").count() < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            env.ops()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "{:?}",
        sent.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(expected_code), "{stderr}");
    let results: Json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let outcomes: Vec<&str> = results
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "updated", "updated", "unknown", "skipped", "skipped", "skipped"
        ]
    );
    // The endpoint agrees: the first three have the change (the third's
    // reply was held back after it ran), the others do not.
    let changed: Vec<bool> = ids
        .iter()
        .map(|id| env.job(id)["SnowballCapacityPreference"] == "NoPreference")
        .collect();
    assert_eq!(changed, [true, true, true, false, false, false]);
    // The records of what was sent are kept, the unknown one's included.
    let records = std::fs::read_to_string(&history).unwrap();
    assert_eq!(records.lines().count(), 3, "{records}");
    // One line says the run was interrupted, and the exit code.
    let interrupted: Vec<Json> = stderr
        .lines()
        .map(|l| serde_json::from_str::<Json>(l).unwrap())
        .filter(|m| m["Code"] == "Interrupted")
        .collect();
    assert_eq!(interrupted.len(), 1, "{stderr}");
    assert_eq!(interrupted[0]["ExitCode"], expected_code, "{stderr}");
}

#[test]
fn sighup_mid_batch_is_taken_as_sigterm_with_exit_129() {
    signal_mid_batch("-HUP", 129);
}

#[test]
fn sighup_is_left_ignored_under_nohup() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "DescribeJob",
        1,
        FaultAction::DelayReply {
            ms: 1_000,
            state: None,
            job_id: None,
        },
    ));
    let mut cmd = std::process::Command::new("sh");
    let snowjob = assert_cmd::cargo::cargo_bin("snowjob");
    // As nohup leaves it: SIGHUP ignored before snowjob starts.
    cmd.args(["-c", "trap '' HUP; exec \"$0\" \"$@\""])
        .arg(&snowjob)
        .args([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "-o",
            "json",
        ]);
    for (k, v) in env.snowjob_std().get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while env.server.faults().len() == 1 {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(10));
    }
    let sent = std::process::Command::new("kill")
        .args(["-HUP", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    let results: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["Outcome"], "updated", "{results}");
}

/// Whether `pid` has a handler of its own for `signal` (`SigCgt` in
/// /proc/PID/status).
fn catches(pid: u32, signal: i32) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
        .is_some_and(|mask| mask & (1 << (signal - 1)) != 0)
}

#[test]
fn a_sigterm_in_the_first_milliseconds_still_prints_every_order_skipped() {
    let env = Env::demo();
    let plan = env.home.path().join("plan.json");
    for round in 0..5 {
        let mut cmd = env.snowjob_std();
        cmd.args(["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"])
            .arg("--plan")
            .arg(&plan)
            .args(["-o", "json"])
            .env("AWS_CLI_ERROR_FORMAT", "json")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = cmd.spawn().unwrap();
        let started = Instant::now();
        // Rust's runtime is up (its stack-overflow handler is installed just
        // before main), and the command line is being parsed: the first
        // milliseconds of the run.
        while !catches(child.id(), libc::SIGSEGV) {
            assert!(started.elapsed() < Duration::from_secs(20), "round {round}");
            std::thread::yield_now();
        }
        std::thread::sleep(Duration::from_micros(500));
        // At once (a `kill` process would take a millisecond to start).
        let pid = i32::try_from(child.id()).unwrap();
        // SAFETY: kill(2) on the child this test started and has not reaped.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(143), "round {round}: {stderr}");
        let results: Json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "round {round}: {e}: {:?}\n{stderr}",
                String::from_utf8_lossy(&out.stdout)
            )
        });
        let ids: Vec<&str> = results
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["JobId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [IMPORT_JOB, EXPORT_JOB], "round {round}");
        assert!(
            stderr.contains(r#""Code":"Interrupted""#),
            "round {round}: {stderr}"
        );
        assert!(!plan.exists(), "an interrupted run writes no plan");
    }
    assert!(env.updates().is_empty());
}

#[test]
fn sigterm_mid_batch_reports_exactly_what_changed() {
    signal_mid_batch("-TERM", 143);
}

#[test]
fn sigint_mid_batch_reports_exactly_what_changed() {
    signal_mid_batch("-INT", 130);
}

#[test]
fn a_second_signal_ends_at_once() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "UpdateJob",
        1,
        FaultAction::DelayReply {
            ms: 20_000,
            state: None,
            job_id: None,
        },
    ));
    let mut cmd = env.snowjob_std();
    cmd.args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    while !env.ops().iter().any(|o| o == "DescribeJob") {
        assert!(started.elapsed() < Duration::from_secs(20));
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let kill = || {
        std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
    };
    let sent = Instant::now();
    kill();
    std::thread::sleep(Duration::from_millis(100));
    kill();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(143));
    // Well inside the 2 seconds in-flight updates get after the first signal.
    assert!(
        sent.elapsed() < Duration::from_millis(1500),
        "{:?}",
        sent.elapsed()
    );
}

/// A signal while a lost reply is being settled by reading the job again: the
/// re-read gets the same 2 seconds as an update in flight, then the job is
/// `unknown` (and recorded so), rather than holding the process until the
/// read ends, past the grace a CI runner gives before SIGKILL.
#[test]
fn a_signal_during_the_reread_after_a_lost_reply_ends_within_the_grace() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    env.server
        .push_fault(fault("UpdateJob", 1, drop_reply(None)));
    env.server
        .push_fault(fault("DescribeJob", 1, FaultAction::Delay { ms: 20_000 }).skip(1));
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", &history)
        .args([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "-o",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let started = Instant::now();
    // The update ran and its reply was dropped; the re-read is then held.
    while !env.ops().iter().any(|o| o == "UpdateJob") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            env.ops()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    let sent = Instant::now();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "{:?}: {stderr}",
        sent.elapsed()
    );
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    let results: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["Outcome"], "unknown", "{results}");
    assert_eq!(results[0]["Error"]["Code"], "UpdateFateUnknown");
    let recorded = std::fs::read_to_string(&history).unwrap();
    assert!(recorded.contains("\"Outcome\":\"unknown\""), "{recorded}");
    assert_eq!(env.updates().len(), 1, "sent once");
}

/// A signal while a refused (throttled) update waits to be tried again: no
/// new attempt is started, and the job is reported as the truth has it, not
/// applied.
#[test]
fn a_signal_while_a_throttled_update_waits_starts_no_new_attempt() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("UpdateJob", 50, 400, "ThrottlingException"));
    let mut cmd = env.snowjob_std();
    cmd.args([
        "set-shipping",
        IMPORT_JOB,
        "--speed",
        "EXPRESS",
        "--max-attempts",
        "20",
        "-o",
        "json",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let updates = || env.ops().iter().filter(|o| *o == "UpdateJob").count();
    let started = Instant::now();
    while updates() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            env.ops()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let sent_before = updates();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert_eq!(updates(), sent_before, "no attempt after the signal");
    let results: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["Outcome"], "failed", "{results}");
    assert_eq!(speed(&env, IMPORT_JOB), "SECOND_DAY");
}

/// A lost reply, then a colleague's change to the same member before the job
/// is read again: the job holds neither the change nor what it held before,
/// so whether ours was applied is not known (here it was). Never `failed`
/// with "nothing was sent", and recorded, so that it can be looked at.
#[test]
fn a_lost_reply_then_a_colleagues_change_of_the_member_is_unknown() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    env.server
        .push_fault(fault("UpdateJob", 1, drop_reply(None)));
    env.server
        .push_fault(fault("DescribeJob", 1, FaultAction::Delay { ms: 1500 }).skip(1));
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", &history)
        .args([
            "add-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "ours-x",
            "-o",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = cmd.spawn().unwrap();
    let started = Instant::now();
    while !env.ops().iter().any(|o| o == "UpdateJob") {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{:?}",
            env.ops()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut colleague = env.snowjob();
    colleague.env("SNOWJOB_HISTORY", "off").args([
        "add-s3-resource",
        IMPORT_JOB,
        "--bucket",
        "colleague-y",
        "-q",
    ]);
    assert_eq!(run(colleague).0, 0);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let results: Json = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results[0]["Outcome"], "unknown", "{results}");
    assert_eq!(out.status.code(), Some(6), "{stderr}");
    assert!(!stderr.contains("nothing was sent"), "{stderr}");
    let recorded = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(recorded.contains("\"Outcome\":\"unknown\""), "{recorded}");
    let buckets = env.job(IMPORT_JOB)["Resources"]["S3Resources"].to_string();
    assert!(buckets.contains("ours-x") && buckets.contains("colleague-y"));
    assert_eq!(env.updates().len(), 2, "ours once, the colleague's");
}
