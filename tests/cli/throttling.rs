//! Fleets against a service that throttles: one pace for the whole batch,
//! throttled attempts sent again without counting against --max-attempts,
//! every job updated once, reads paced alike, the patience for a service
//! that only throttles, and signals that end the waiting at once.

use std::time::{Duration, Instant};

use crate::common::*;
use snowball_local::{Fault, FaultAction};

/// A refusal for throttling, as a control plane sends it.
fn throttling(operation: &str, count: u32) -> Fault {
    fault(
        operation,
        count,
        FaultAction::Error {
            status: 400,
            code: "ThrottlingException".into(),
            message: "Rate exceeded".into(),
        },
    )
}

/// Every other call of `operation` throttled, `throttled` of them: the
/// second, the fourth... (a fault's `skip` counts every matching call).
fn throttle_every_other(env: &Env, operation: &str, throttled: u32) {
    for n in 0..throttled {
        env.server
            .push_fault(throttling(operation, 1).skip(2 * n + 1));
    }
}

fn throttled_calls(env: &Env) -> usize {
    env.server
        .journal()
        .iter()
        .filter(|e| e.error_code.as_deref() == Some("ThrottlingException"))
        .count()
}

/// For each job, how many of its UpdateJobs the endpoint applied.
fn updates_applied(env: &Env, ids: &[String]) -> Vec<usize> {
    let journal = env.server.journal();
    ids.iter()
        .map(|id| {
            journal
                .iter()
                .filter(|e| {
                    e.operation == "UpdateJob" && e.status == 200 && e.input["JobId"] == **id
                })
                .count()
        })
        .collect()
}

#[test]
fn a_throttled_batch_of_edits_updates_every_job_once() {
    let env = Env::demo();
    let ids = env.more_jobs(30);
    throttle_every_other(&env, "*", 8);
    // Throttled attempts do not count: one attempt a request is enough.
    let (code, out, err) = env
        .run(["set-shipping", "--speed", "EXPRESS", "--max-attempts", "1"])
        .args(&ids)
        .json();
    assert_eq!(code, 0, "{err}");
    let results = out.as_array().unwrap();
    assert_eq!(results.len(), 30);
    assert!(results.iter().all(|r| r["Outcome"] == "updated"), "{out}");
    assert_eq!(throttled_calls(&env), 8);
    assert_eq!(updates_applied(&env, &ids), vec![1; 30]);
    for id in &ids {
        assert_eq!(env.job(id)["ShippingDetails"]["ShippingOption"], "EXPRESS");
    }
}

#[test]
fn a_batch_throttled_only_on_updates_updates_every_job_once() {
    let env = Env::demo();
    let ids = env.more_jobs(12);
    env.server.push_fault(throttling("UpdateJob", 6));
    let (code, out, err) = env
        .run([
            "set-capacity",
            "--capacity",
            "NoPreference",
            "--concurrency",
            "4",
        ])
        .args(&ids)
        .json();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .all(|r| r["Outcome"] == "updated"),
        "{out}"
    );
    assert_eq!(throttled_calls(&env), 6);
    assert_eq!(updates_applied(&env, &ids), vec![1; 12]);
    // Each job read once: a throttled update is sent again as it was.
    let reads = env.ops().iter().filter(|o| *o == "DescribeJob").count();
    assert_eq!(reads, 12);
}

#[test]
fn a_throttled_batch_of_reads_shows_every_job() {
    let env = Env::demo();
    let ids = env.more_jobs(30);
    throttle_every_other(&env, "DescribeJob", 8);
    let (code, out, err) = env.run(["show", "--max-attempts", "1"]).args(&ids).json();
    assert_eq!(code, 0, "{err}");
    let shown: Vec<&str> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["JobId"].as_str().unwrap())
        .collect();
    assert_eq!(shown, ids);
    assert_eq!(throttled_calls(&env), 8);
}

#[test]
fn a_throttled_list_reads_every_page() {
    let env = Env::demo();
    env.more_jobs(100);
    // Each page's first request throttled.
    env.server.push_fault(throttling("ListJobs", 1));
    env.server.push_fault(throttling("ListJobs", 1).skip(2));
    let (code, out, err) = env.run(["list", "--all", "--max-attempts", "1"]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.as_array().unwrap().len(), env.server.jobs().len());
    let pages = env.ops().iter().filter(|o| *o == "ListJobs").count();
    assert_eq!(pages, 2 + 2, "two pages, each throttled once");
    assert_eq!(throttled_calls(&env), 2);
}

#[test]
fn a_service_that_only_throttles_gives_up_after_the_patience() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    env.server.push_fault(throttling("*", u32::MAX));
    let started = Instant::now();
    let (code, out, err) = env
        .run(["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"])
        .env("SNOWJOB_THROTTLE_PATIENCE", "1s")
        .json();
    assert_eq!(code, 6, "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    for r in out.as_array().unwrap() {
        assert_eq!(r["Outcome"], "failed", "{out}");
        assert_eq!(r["Error"]["Code"], "ThrottlingException", "{out}");
    }
    assert!(err.contains("throttling for 1s"), "{err}");
    assert!(err.contains("SNOWJOB_THROTTLE_PATIENCE"), "{err}");
    assert_eq!(env.job(IMPORT_JOB), before);

    // An update throttled until the patience is spent: nothing was changed.
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    env.server.push_fault(throttling("UpdateJob", u32::MAX));
    let (code, out, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
        .env("SNOWJOB_THROTTLE_PATIENCE", "1s")
        .json();
    assert_eq!(code, 6, "{err}");
    assert_eq!(out[0]["Outcome"], "failed", "{out}");
    assert!(err.contains("throttling"), "{err}");
    assert_eq!(env.job(IMPORT_JOB), before);
}

#[test]
fn an_invalid_throttle_patience_exits_5_before_any_request() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["show", IMPORT_JOB])
        .env("SNOWJOB_THROTTLE_PATIENCE", "soon")
        .text();
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("SNOWJOB_THROTTLE_PATIENCE"), "{err}");
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

#[test]
fn errors_other_than_throttling_still_stop_at_max_attempts() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("DescribeJob", 10, 500, "InternalFailure"));
    let (code, _, err) = env.run(["show", IMPORT_JOB, "--max-attempts", "2"]).text();
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("InternalFailure"), "{err}");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeJob"]);

    // A refusal that is not throttling: nothing applied, not sent again.
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("UpdateJob", 10, 400, "ValidationException"));
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "--max-attempts",
            "5",
        ])
        .text();
    assert_eq!(code, 2, "{err}");
    assert_eq!(env.ops(), ["DescribeJob", "UpdateJob"]);
}

#[test]
fn a_signal_ends_the_wait_for_the_pace_at_once() {
    let env = Env::demo();
    let ids = env.more_jobs(20);
    env.server.push_fault(throttling("UpdateJob", u32::MAX));
    let mut cmd = env.snowjob_std();
    cmd.args(["set-shipping", "--speed", "EXPRESS", "-o", "json"])
        .args(&ids);
    // Every job read; their updates throttled, the workers waiting their turn.
    let ready = || throttled_calls(&env) >= 9;
    let done = signalled_when(cmd, ready, Duration::ZERO, &["-TERM"]);
    let err = String::from_utf8_lossy(&done.stderr);
    assert_eq!(done.status.code(), Some(143), "{err}");
    let out: serde_json::Value = serde_json::from_slice(&done.stdout).unwrap();
    for r in out.as_array().unwrap() {
        // Refused for throttling (nothing changed) or never sent: never unknown.
        assert!(r["Outcome"] == "failed" || r["Outcome"] == "skipped", "{r}");
        if r["Outcome"] == "failed" {
            let message = r["Error"]["Message"].as_str().unwrap();
            assert!(message.contains("nothing was changed"), "{message}");
            assert!(!message.contains("--max-attempts"), "{message}");
        }
    }
    let failed = out
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["Outcome"] == "failed");
    assert!(failed.count() >= 1, "{out}");
    assert_eq!(updates_applied(&env, &ids), vec![0; 20]);
}

#[test]
fn a_batch_against_a_token_bucket_settles_at_its_rate() {
    let env = Env::with(snowball_local::Config {
        demo: true,
        rate_limit: Some(snowball_local::RateLimit::new(20.0, None).unwrap()),
        ..snowball_local::Config::default()
    });
    let ids = env.more_jobs(30);
    let (code, out, err) = env
        .run(["set-shipping", "--speed", "EXPRESS", "--concurrency", "16"])
        .args(&ids)
        .json();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .all(|r| r["Outcome"] == "updated"),
        "{out}"
    );
    assert_eq!(updates_applied(&env, &ids), vec![1; 30]);
    // Reads at the same pace: every job shown.
    let (code, out, err) = env.run(["show", "--concurrency", "16"]).args(&ids).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.as_array().unwrap().len(), 30);
}

#[test]
fn a_throttle_patience_below_one_second_exits_5_before_any_request() {
    let env = Env::demo();
    for patience in ["0", "0s", "1ns", "999ms"] {
        let (code, _, err) = env
            .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
            .env("SNOWJOB_THROTTLE_PATIENCE", patience)
            .text();
        assert_eq!(code, 5, "{patience}: {err}");
        assert!(err.contains("SNOWJOB_THROTTLE_PATIENCE"), "{err}");
        assert!(err.contains("1s"), "{patience}: {err}");
        assert!(env.ops().is_empty(), "{:?}", env.ops());
    }
    let (code, _, err) = env
        .run(["show", IMPORT_JOB])
        .env("SNOWJOB_THROTTLE_PATIENCE", "1s")
        .text();
    assert_eq!(code, 0, "{err}");
}
