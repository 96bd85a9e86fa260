//! `cancel`: irreversible, so asked for on a terminal and `--yes` without
//! one; reported as an edit of the order's state, settled by reading again
//! after a lost reply, safe to run again, recorded, and never undone.

use serde_json::{Value as Json, json};
use snowball_local::backend::demo::{CLUSTER, CLUSTER_JOBS};

use crate::common::*;
use crate::interactive::{exit_code, on_terminal};

fn cancels(env: &Env) -> Vec<Json> {
    env.server
        .journal()
        .into_iter()
        .filter(|e| e.operation.starts_with("Cancel"))
        .map(|e| e.input)
        .collect()
}

#[test]
fn without_a_terminal_cancel_needs_yes_and_sends_nothing() {
    let env = Env::demo();
    let (code, _, err) = env.run(["cancel", IMPORT_JOB]).text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--yes"), "{err}");
    assert!(env.server.journal().is_empty());
    assert_eq!(env.job(IMPORT_JOB)["JobState"], "New");
    // A dry run needs none, and sends nothing that changes.
    let (code, out, err) = env.run(["cancel", IMPORT_JOB, "--dry-run"]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "planned");
    assert!(cancels(&env).is_empty());
}

#[test]
fn a_cancel_is_reported_as_the_state_change_recorded_and_safe_to_repeat() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let (code, out, err) = env
        .run(["cancel", IMPORT_JOB, "--yes"])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(
        out[0]["Changes"],
        json!([{"Field": "JobState", "Before": "New", "After": "Cancelled"}])
    );
    assert_eq!(out[0]["Request"], json!({"JobId": IMPORT_JOB}));
    assert_eq!(cancels(&env), [json!({"JobId": IMPORT_JOB})]);
    assert_eq!(env.job(IMPORT_JOB)["JobState"], "Cancelled");
    let record: Json =
        serde_json::from_str(std::fs::read_to_string(&history).unwrap().trim()).unwrap();
    assert_eq!(record["Operation"], "CancelJob");
    // Again: already cancelled, nothing sent.
    let (code, out, err) = env
        .run(["cancel", IMPORT_JOB, "--yes"])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert_eq!(cancels(&env).len(), 1);
    // And it cannot be undone: refused from the record.
    let (code, out, err) = env
        .run(["undo", IMPORT_JOB])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "CannotUndoCancel");
    assert!(
        err.contains(&format!("snowjob show {IMPORT_JOB} -o yaml")),
        "{err}"
    );
    assert!(env.updates().is_empty());
}

#[test]
fn a_cluster_is_cancelled_with_its_node_jobs_and_a_node_job_is_refused() {
    let env = Env::demo();
    let (code, out, err) = env
        .run(["cancel", CLUSTER_JOBS[0], LOCKED_JOB, CLUSTER, "--yes"])
        .json();
    assert_eq!(code, 2, "the first failure's: {err}");
    assert_eq!(out[0]["Error"]["Code"], "NodeJob", "{out}");
    assert_eq!(out[1]["Error"]["Code"], "JobNotEditable");
    assert_eq!(out[2]["ClusterId"], CLUSTER);
    assert_eq!(
        out[2]["Changes"],
        json!([{"Field": "ClusterState", "Before": "AwaitingQuorum", "After": "Cancelled"}])
    );
    assert_eq!(cancels(&env), [json!({"ClusterId": CLUSTER})]);
    assert_eq!(
        env.server.cluster(CLUSTER).unwrap()["ClusterState"],
        "Cancelled"
    );
    for node in CLUSTER_JOBS {
        assert_eq!(env.job(node)["JobState"], "Cancelled");
    }
}

#[test]
fn a_lost_reply_to_a_cancel_is_settled_by_reading_the_order_again() {
    let env = Env::demo();
    env.server
        .push_fault(fault("CancelJob", 1, drop_reply(None)));
    let (code, out, err) = env.run(["cancel", EXPORT_JOB, "--yes"]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(cancels(&env).len(), 1, "read again, not sent again");
}

#[test]
fn on_a_terminal_cancel_asks_even_for_one_order() {
    let env = Env::demo();
    let mut p = on_terminal(&env, &["cancel", EXPORT_JOB], None);
    // Each order is listed as a person knows it: type, device, description.
    for shown in ["EXPORT", "EDGE_S", "Export 2025 video archive"] {
        p.exp_string(shown).unwrap();
    }
    p.exp_string("Cancel 1 order? This cannot be undone. [y/N]")
        .unwrap();
    assert!(cancels(&env).is_empty());
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(env.job(EXPORT_JOB)["JobState"], "Cancelled");
}

#[test]
fn a_lost_cancel_reply_then_a_cluster_past_its_window_is_reported_truthfully() {
    let env = Env::demo();
    env.server
        .push_fault(fault("CancelCluster", 1, drop_reply(Some("Pending"))));
    let (code, out, err) = env.run(["cancel", DEMO_CLUSTER, "--yes"]).json();
    assert_eq!(code, 6, "{err}");
    assert_eq!(out[0]["Outcome"], "unknown", "{out}");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        !message.contains("part of the change") && !message.contains("job CID"),
        "{message}"
    );
    assert!(
        message.contains("cluster") && message.contains("Pending"),
        "{message}"
    );
    assert!(message.contains("the cancel was sent"), "{message}");
}

#[test]
fn a_node_job_given_to_cancel_names_the_exact_cancel_to_run() {
    let env = Env::demo();
    let (code, out, err) = env.run(["cancel", CLUSTER_JOBS[0], "--yes"]).json();
    assert_eq!(code, 2, "{err}");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains(&format!(
            "Cancel the cluster instead: `snowjob cancel {CLUSTER}`"
        )),
        "{message}"
    );
    assert!(cancels(&env).is_empty());
}

fn cancelled_after_the_read(job: &str, state: &str) -> snowball_local::Fault {
    fault(
        "DescribeJob",
        1,
        snowball_local::FaultAction::SetStateAfter {
            job_id: job.into(),
            state: state.into(),
        },
    )
}

#[test]
fn a_cancel_refused_because_another_run_cancelled_first_is_unchanged() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    // Another run's cancel lands between this one's read and its cancel.
    env.server
        .push_fault(cancelled_after_the_read(EXPORT_JOB, "Cancelled"));
    let (code, out, err) = env
        .run(["cancel", EXPORT_JOB, "--yes"])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged", "{out}");
    assert_eq!(out[0]["Changes"], json!([]));
    assert!(out[0].get("Error").is_none(), "{out}");
    assert_eq!(env.ops(), ["DescribeJob", "CancelJob", "DescribeJob"]);
    let refused = &env.server.journal()[1];
    assert_eq!(
        refused.error_code.as_deref(),
        Some("InvalidJobStateException")
    );
    assert!(!history.exists(), "nothing this run did to record");
}

#[test]
fn a_cancel_refused_for_another_state_still_fails_and_says_cancel() {
    let env = Env::demo();
    env.server
        .push_fault(cancelled_after_the_read(EXPORT_JOB, "PreparingAppliance"));
    let (code, out, err) = env.run(["cancel", EXPORT_JOB, "--yes"]).json();
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Outcome"], "failed", "{out}");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains("left New before the cancel was applied"),
        "{message}"
    );
    assert!(!message.contains("update"), "{message}");
    assert_eq!(env.ops(), ["DescribeJob", "CancelJob", "DescribeJob"]);
}

#[test]
fn two_cancel_runs_of_the_same_orders_at_once_never_fail() {
    let env = Env::demo();
    let mut jobs = vec![
        IMPORT_JOB.to_string(),
        EXPORT_JOB.to_string(),
        COMPUTE_JOB.to_string(),
    ];
    jobs.extend(env.more_jobs(9));
    let spawn = || {
        let mut cmd = env.snowjob_std();
        cmd.args(["cancel", "--yes", "-o", "json", "--concurrency", "4"])
            .args(&jobs)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let outcomes = outcomes_of(vec![a, b]);
    for (i, job) in jobs.iter().enumerate() {
        let mut pair = [outcomes[0][i].as_str(), outcomes[1][i].as_str()];
        pair.sort();
        assert_eq!(pair, ["unchanged", "updated"], "{job}");
        assert_eq!(env.job(job)["JobState"], "Cancelled");
    }
}
