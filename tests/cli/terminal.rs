//! A person at a terminal: the confirmation prompt (yes, no, Ctrl-C, a job
//! changed while it was open) and Ctrl-C while job IDs are typed, run on a
//! pseudo-terminal.

use crate::common::*;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};

fn on_terminal(env: &Env, args: &[&str]) -> PtySession {
    let mut cmd = env.snowjob_std();
    cmd.env("TERM", "dumb").env("COLUMNS", "120").args(args);
    spawn_command(cmd, Some(20_000)).expect("spawned on a pty")
}

fn exit_code(session: &mut PtySession) -> i32 {
    match session.process().wait().expect("waited") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("not a normal exit: {other:?}"),
    }
}

const BATCH: &[&str] = &["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"];

fn updates(env: &Env) -> usize {
    env.ops().iter().filter(|o| *o == "UpdateJob").count()
}

#[test]
fn yes_at_the_prompt_re_reads_each_job_then_sends() {
    let env = Env::demo();
    let mut args = BATCH.to_vec();
    args.extend(["--concurrency", "1"]);
    let mut p = on_terminal(&env, &args);
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(
        env.ops(),
        [
            "DescribeJob",
            "DescribeJob",
            "DescribeJob",
            "UpdateJob",
            "DescribeJob",
            "UpdateJob"
        ]
    );
    for job in [IMPORT_JOB, EXPORT_JOB] {
        assert_eq!(env.job(job)["ShippingDetails"]["ShippingOption"], "EXPRESS");
    }
}

#[test]
fn no_at_the_prompt_sends_nothing_and_exits_1() {
    let env = Env::demo();
    let mut p = on_terminal(&env, BATCH);
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    p.send_line("n").unwrap();
    p.exp_string("nothing was sent").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1);
    assert_eq!(updates(&env), 0);
}

#[test]
fn ctrl_c_at_the_prompt_sends_nothing_and_exits_130() {
    let env = Env::demo();
    let mut p = on_terminal(&env, BATCH);
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);
    assert_eq!(updates(&env), 0);
}

#[test]
fn a_job_changed_while_the_prompt_was_open_is_not_sent() {
    let env = Env::demo();
    let mut p = on_terminal(
        &env,
        &[
            "add-s3-resource",
            IMPORT_JOB,
            EXPORT_JOB,
            "--bucket",
            "fleet-logs",
        ],
    );
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    // A colleague adds a bucket to the first job meanwhile.
    let mut colleague = env.snowjob();
    colleague.args([
        "add-s3-resource",
        IMPORT_JOB,
        "--bucket",
        "colleague-bucket",
    ]);
    assert_eq!(run(colleague).0, 0);
    p.send_line("y").unwrap();
    p.exp_string("JobChanged").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 3);
    let buckets = env.job(IMPORT_JOB)["Resources"]["S3Resources"].to_string();
    assert!(
        buckets.contains("colleague-bucket") && !buckets.contains("fleet-logs"),
        "{buckets}"
    );
    assert!(
        env.job(EXPORT_JOB)["Resources"]["S3Resources"]
            .to_string()
            .contains("fleet-logs")
    );
}

#[test]
fn ctrl_c_while_typing_job_ids_exits_130() {
    let env = Env::demo();
    let mut p = on_terminal(&env, &["show", "-"]);
    p.send_line(IMPORT_JOB).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

#[test]
fn ctrl_c_while_typing_a_patch_exits_130() {
    let env = Env::demo();
    let mut p = on_terminal(&env, &["apply", IMPORT_JOB, "--file", "-"]);
    p.send_line("ShippingOption: EXPRESS").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 130);
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}
