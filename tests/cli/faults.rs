//! The fault suite: throttling bursts, 5xx runs, slow replies, dropped
//! connections, unreadable replies and races, each with its exit code and the
//! stored job intact (nothing half-applied, nothing dropped).

use crate::common::*;
use snowball_local::{Fault, FaultAction};

/// Runs an edit of the import job and returns (exit code, stderr), checking
/// that when it fails the stored job is exactly as before.
fn edit_expecting(env: &Env, expected: i32, extra: &[&str]) -> String {
    let before = env.job(IMPORT_JOB);
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
        .args(extra)
        .text();
    assert_eq!(code, expected, "{err}");
    if expected != 0 {
        assert_eq!(
            env.job(IMPORT_JOB),
            before,
            "a failed edit leaves the job as it was"
        );
    } else {
        assert_eq!(
            env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
            "EXPRESS"
        );
        assert_eq!(
            without(&env.job(IMPORT_JOB), &["ShippingDetails"]),
            without(&before, &["ShippingDetails"])
        );
    }
    err
}

#[test]
fn a_throttling_burst_across_a_batch_is_absorbed_by_retries() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("*", 4, 400, "ThrottlingException"));
    let (code, out, err) = env
        .run([
            "set-capacity",
            IMPORT_JOB,
            EXPORT_JOB,
            COMPUTE_JOB,
            "--capacity",
            "NoPreference",
            "--max-attempts",
            "5",
            "--yes",
        ])
        .json();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .all(|r| r["Outcome"] == "updated"),
        "{out}"
    );
    for job in [IMPORT_JOB, EXPORT_JOB, COMPUTE_JOB] {
        assert_eq!(env.job(job)["SnowballCapacityPreference"], "NoPreference");
    }
    let throttled = env
        .server
        .journal()
        .iter()
        .filter(|e| e.error_code.as_deref() == Some("ThrottlingException"))
        .count();
    assert_eq!(throttled, 4);
}

#[test]
fn a_run_of_503s_shorter_than_the_attempts_succeeds() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("UpdateJob", 2, 503, "ServiceUnavailable"));
    edit_expecting(&env, 0, &["--max-attempts", "3"]);
}

#[test]
fn a_run_of_500s_longer_than_the_attempts_exits_6() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("UpdateJob", 3, 500, "InternalFailure"));
    let err = edit_expecting(&env, 6, &["--max-attempts", "3"]);
    assert!(err.contains("InternalFailure"), "{err}");
}

#[test]
fn a_reply_slower_than_the_read_timeout_exits_6() {
    let env = Env::demo();
    env.server
        .push_fault(fault("DescribeJob", 1, FaultAction::Delay { ms: 3_000 }));
    let err = edit_expecting(&env, 6, &["--read-timeout", "0.3", "--max-attempts", "1"]);
    assert!(
        err.contains("did not answer in time")
            || err.contains("timeout")
            || err.contains("timed out"),
        "{err}"
    );
}

#[test]
fn a_slow_reply_within_the_timeout_is_fine() {
    let env = Env::demo();
    env.server
        .push_fault(fault("UpdateJob", 1, FaultAction::Delay { ms: 300 }));
    edit_expecting(&env, 0, &["--read-timeout", "5"]);
}

#[test]
fn a_closed_connection_is_retried() {
    let env = Env::demo();
    env.server
        .push_fault(fault("DescribeJob", 1, FaultAction::CloseConnection));
    edit_expecting(&env, 0, &["--max-attempts", "3"]);
}

#[test]
fn a_server_that_keeps_closing_the_connection_exits_6() {
    let env = Env::demo();
    env.server
        .push_fault(fault("*", 10, FaultAction::CloseConnection));
    edit_expecting(&env, 6, &["--max-attempts", "2"]);
}

#[test]
fn a_reply_that_is_not_cbor_exits_6() {
    let env = Env::demo();
    env.server
        .push_fault(fault("DescribeJob", 5, FaultAction::InvalidBody));
    let err = edit_expecting(&env, 6, &["--max-attempts", "1"]);
    assert!(err.contains("could not be read"), "{err}");
    assert!(
        env.updates().is_empty(),
        "nothing is sent after an unreadable read"
    );
}

#[test]
fn a_garbled_reply_to_an_applied_update_still_reports_it() {
    // UpdateJob's output is empty, so its body is not read: the update went
    // through, and saying so is right.
    let env = Env::demo();
    env.server
        .push_fault(fault("UpdateJob", 1, FaultAction::InvalidBody));
    edit_expecting(&env, 0, &["--max-attempts", "1"]);
}

#[test]
fn the_job_leaving_new_between_check_and_update_exits_3() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "DescribeJob",
        1,
        FaultAction::SetStateAfter {
            job_id: IMPORT_JOB.into(),
            state: "PreparingAppliance".into(),
        },
    ));
    let before = env.job(IMPORT_JOB);
    let (code, _, err) = env
        .run(["set-capacity", IMPORT_JOB, "--capacity", "T98"])
        .text();
    assert_eq!(code, 3, "{err}");
    assert_eq!(
        without(&env.job(IMPORT_JOB), &["JobState"]),
        without(&before, &["JobState"])
    );
}

#[test]
fn an_address_deleted_between_check_and_update_exits_4() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "DescribeAddress",
        1,
        FaultAction::RemoveAddressAfter {
            address_id: FORWARDING_ADDRESS.into(),
        },
    ));
    let before = env.job(IMPORT_JOB);
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--address-id",
            FORWARDING_ADDRESS,
        ])
        .text();
    assert_eq!(code, 4, "{err}");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeAddress", "UpdateJob"]);
    assert_eq!(env.job(IMPORT_JOB), before);
}

#[test]
fn one_faulty_job_in_a_batch_does_not_stop_the_others() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "DescribeJob",
        1,
        FaultAction::SetStateAfter {
            job_id: EXPORT_JOB.into(),
            state: "Cancelled".into(),
        },
    ));
    let (code, out, _) = env
        .run([
            "set-capacity",
            EXPORT_JOB,
            IMPORT_JOB,
            "--capacity",
            "NoPreference",
            "--concurrency",
            "1",
        ])
        .json();
    assert_eq!(code, 3);
    assert_eq!(out[0]["Outcome"], "failed");
    assert_eq!(out[1]["Outcome"], "updated");
    assert_eq!(env.job(EXPORT_JOB)["SnowballCapacityPreference"], "T98");
}
