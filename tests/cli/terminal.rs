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

/// Characters valid in JSON that a terminal acts on or hides: C1 CSI, NEL,
/// DEL, a bidi override, a zero-width space, a tag.
const RISKY: &str = "a\u{9b}31m b\u{85}c\u{7f}d\u{202e}txt.exe\u{200b}e\u{e0041}";

#[test]
fn json_on_a_terminal_escapes_what_a_terminal_would_act_on_and_a_pipe_keeps_it() {
    let env = Env::demo();
    let mut job = env.job(IMPORT_JOB);
    let id = "JID00000000-0000-4000-8000-0000000000ab";
    job["JobId"] = serde_json::json!(id);
    job["Description"] = serde_json::json!(RISKY);
    env.server
        .seed(&serde_json::json!({"Jobs": [job]}))
        .unwrap();
    for args in [
        vec!["show", id, "-o", "json"],
        vec!["list", "-o", "json"],
        vec!["show", id, "-o", "json", "--query", "[0].Description"],
    ] {
        let mut p = on_terminal(&env, &args);
        let out = p.exp_eof().unwrap();
        assert_eq!(exit_code(&mut p), 0, "{out}");
        for raw in [
            '\u{9b}',
            '\u{85}',
            '\u{7f}',
            '\u{202e}',
            '\u{200b}',
            '\u{e0041}',
        ] {
            assert!(!out.contains(raw), "{args:?}: {raw:?} raw in {out:?}");
        }
        for escaped in [
            r"\u009b",
            r"\u0085",
            r"\u007f",
            r"\u202e",
            r"\u200b",
            r"\udb40\udc41",
        ] {
            assert!(out.contains(escaped), "{args:?}: {escaped} not in {out}");
        }
        // The same document: a script reading it gets the very text.
        let start = out.find(['[', '{', '"']).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&out[start..]).unwrap();
        let text = doc.pointer("/0/Description").unwrap_or(&doc);
        if args[0] == "show" {
            assert_eq!(text, RISKY, "{out}");
        }
    }
    // In a pipe JSON is as serde writes it: the characters themselves.
    let (code, out, err) = env.run(["show", id, "-o", "json"]).text();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(RISKY), "{out}");
}
