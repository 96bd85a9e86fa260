//! A person at a terminal: `edit` with scripted editors, live completion
//! through the environment protocol, and the job picker on a pseudo-terminal.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::common::*;
use rexpect::process::WaitStatus;
use rexpect::session::{PtySession, spawn_command};
use serde_json::json;

/// A shell script to use as the editor, on the file named by its last
/// argument (`$1` unless given arguments of its own). Its directory keeps
/// `seen`: the file as each opening showed it.
pub(crate) fn editor(env: &Env, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = env.home.path().join(name);
    let script = format!(
        "#!/bin/sh\nset -e\nfor file; do :; done\ncat \"$file\" >> \"$(dirname \"$0\")/seen\"\necho '---' >> \"$(dirname \"$0\")/seen\"\n{body}\n"
    );
    std::fs::write(&path, script).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// What the editor was shown, each opening separated by `---`.
pub(crate) fn seen(env: &Env) -> String {
    std::fs::read_to_string(env.home.path().join("seen")).unwrap_or_default()
}

pub(crate) fn edit_with(env: &Env, script: &PathBuf, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.snowjob();
    cmd.env("EDITOR", script).arg("edit").args(args);
    cmd
}

/// The kept file a message names, as `... the file is kept: PATH`.
pub(crate) fn kept_file(stderr: &str) -> PathBuf {
    let line = stderr
        .lines()
        .find(|l| l.contains("the file is kept: "))
        .unwrap_or_else(|| panic!("no kept file named: {stderr}"));
    PathBuf::from(line.split("the file is kept: ").nth(1).unwrap().trim())
}

#[test]
fn edit_changes_the_speed_and_removes_one_of_two_buckets() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    let script = editor(
        &env,
        "ed.sh",
        "sed -i -e 's/SECOND_DAY/NEXT_DAY/' -e '/example-migration-archive/d' \"$1\"",
    );
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeJob", "UpdateJob"]);
    let raw = before["Resources"]["S3Resources"][0].clone();
    assert_eq!(
        env.updates(),
        vec![json!({
            "JobId": IMPORT_JOB,
            "Resources": {"S3Resources": [raw]},
            "ShippingOption": "NEXT_DAY",
        })]
    );
    let after = env.job(IMPORT_JOB);
    assert_eq!(after["ShippingDetails"]["ShippingOption"], "NEXT_DAY");
    assert_eq!(after["Resources"]["S3Resources"], json!([raw]));
    assert_eq!(
        without(&after, &["ShippingDetails", "Resources"]),
        without(&before, &["ShippingDetails", "Resources"])
    );
    // The file showed the job: its header and every editable member.
    let shown = seen(&env);
    for expected in [
        IMPORT_JOB,
        "New, IMPORT job, device EDGE, capacity T100",
        "min left",
        "To abort",
        "RoleARN:",
        "SnsTopicARN:",
        "example-migration-archive",
        "AddressId:",
        "Description: Data centre migration, rack 7",
    ] {
        assert!(shown.contains(expected), "{expected} not in {shown}");
    }
    assert!(
        !shown.contains("JobId:") && !shown.contains("KmsKeyARN"),
        "{shown}"
    );
}

#[test]
fn the_file_is_private_and_removed_afterwards() {
    let env = Env::demo();
    let script = editor(
        &env,
        "ed.sh",
        "stat -c %a \"$1\" > \"$(dirname \"$0\")/mode\"; echo \"$1\" > \"$(dirname \"$0\")/path\"",
    );
    let (code, _, _) = run(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 0);
    let note = |n: &str| std::fs::read_to_string(env.home.path().join(n)).unwrap();
    assert_eq!(note("mode").trim(), "600");
    assert!(!PathBuf::from(note("path").trim()).exists());
}

#[test]
fn an_unchanged_file_is_unchanged_and_sends_nothing() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "true");
    let (code, out, _) = run_json(edit_with(&env, &script, &[SERVICES_JOB]));
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn an_invalid_file_reopens_with_the_errors_and_gives_up_when_saved_unchanged() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    let script = editor(&env, "ed.sh", "printf 'ShippingOption: WARP\\n' > \"$1\"");
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(out[0]["Outcome"], "failed");
    assert_eq!(out[0]["Error"]["Code"], "InvalidInput");
    let seen = seen(&env);
    let openings: Vec<&str> = seen.split("---\n").collect();
    assert_eq!(openings.len(), 3, "opened twice: {openings:?}");
    assert!(
        openings[1].starts_with("#! Not used: line 3: ShippingOption: 'WARP' is not one of"),
        "{}",
        openings[1]
    );
    let kept = kept_file(&err);
    assert_eq!(
        std::fs::read_to_string(&kept).unwrap(),
        "ShippingOption: WARP\n"
    );
    std::fs::remove_file(kept).unwrap();
    assert_eq!(env.ops(), ["DescribeJob"]);
    assert_eq!(env.job(IMPORT_JOB), before);
}

#[test]
fn invalid_yaml_twice_gives_up_with_line_numbers_of_the_reopened_file() {
    let env = Env::demo();
    let script = editor(
        &env,
        "ed.sh",
        "sed -i 's/^ShippingOption: SECOND_DAY/ShippingOption: [SECOND_DAY/' \"$1\"",
    );
    let (code, _, err) = run(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 2, "{err}");
    let seen = seen(&env);
    let openings: Vec<&str> = seen.split("---\n").collect();
    let reopened = openings[1];
    let first_line = reopened.lines().next().unwrap();
    // The error names the line where the broken member is in the file shown.
    let broken = reopened
        .lines()
        .position(|l| l.starts_with("ShippingOption: [SECOND_DAY"))
        .unwrap()
        + 1;
    assert!(first_line.contains("line "), "{first_line}");
    let named: usize = first_line
        .split("line ")
        .nth(1)
        .unwrap()
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        named == broken || named == broken + 1,
        "line {named} named, the member is on {broken}: {reopened}"
    );
    std::fs::remove_file(kept_file(&err)).unwrap();
    assert!(env.updates().is_empty());
}

#[test]
fn an_invalid_file_fixed_on_the_second_opening_is_sent() {
    let env = Env::demo();
    // First opening: a capacity the device does not take; second: a valid one.
    let script = editor(
        &env,
        "ed.sh",
        "if grep -q '^#!' \"$1\"; then sed -i 's/T240/T98/' \"$1\"; else sed -i 's/T100$/T240/' \"$1\"; fi",
    );
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated");
    assert!(seen(&env).contains("capacity T240 is not available for device type EDGE"));
    assert_eq!(
        env.updates(),
        vec![json!({"JobId": IMPORT_JOB, "SnowballCapacityPreference": "T98"})]
    );
}

#[test]
fn an_editor_exiting_with_an_error_sends_nothing() {
    let env = Env::demo();
    let script = editor(
        &env,
        "ed.sh",
        "sed -i 's/SECOND_DAY/NEXT_DAY/' \"$1\"; exit 3",
    );
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(out[0]["Outcome"], "skipped");
    assert!(err.contains("exited with exit status: 3"), "{err}");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn an_empty_file_sends_nothing() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", ": > \"$1\"");
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(out[0]["Outcome"], "skipped");
    assert!(err.contains("saved empty"), "{err}");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn a_deleted_member_is_refused() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "sed -i '/^Description:/d' \"$1\"");
    let (code, _, err) = run(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Description deleted: UpdateJob cannot remove a member"),
        "{err}"
    );
    assert!(seen(&env).contains("#! Not used: Description deleted"));
    std::fs::remove_file(kept_file(&err)).unwrap();
    assert!(env.updates().is_empty());
    assert_eq!(
        env.job(IMPORT_JOB)["Description"],
        "Data centre migration, rack 7"
    );
}

#[test]
fn a_job_changed_while_in_the_editor_is_not_sent_and_the_file_is_kept() {
    let env = Env::demo();
    // A colleague changes the speed while the file is open.
    let colleague = format!(
        "{} set-shipping {IMPORT_JOB} --speed EXPRESS -q; sed -i 's/^Description: .*/Description: mine/' \"$1\"",
        assert_cmd::cargo::cargo_bin("snowjob").display()
    );
    let script = editor(&env, "ed.sh", &colleague);
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "JobChanged");
    let kept = kept_file(&err);
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("Description: mine")
    );
    std::fs::remove_file(kept).unwrap();
    let job = env.job(IMPORT_JOB);
    assert_eq!(job["ShippingDetails"]["ShippingOption"], "EXPRESS");
    assert_eq!(job["Description"], "Data centre migration, rack 7");
    assert_eq!(env.updates().len(), 1, "the colleague's only");
}

#[test]
fn dry_run_shows_the_change_and_sends_nothing() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "sed -i 's/SECOND_DAY/EXPRESS/' \"$1\"");
    let mut cmd = edit_with(&env, &script, &[IMPORT_JOB]);
    cmd.arg("--dry-run");
    let (code, out, _) = run_json(cmd);
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "planned");
    assert_eq!(
        out[0]["Request"],
        json!({"JobId": IMPORT_JOB, "ShippingOption": "EXPRESS"})
    );
    assert!(env.updates().is_empty());
}

#[test]
fn visual_wins_and_the_editor_may_take_arguments() {
    let env = Env::demo();
    let script = editor(
        &env,
        "ed.sh",
        "[ \"$1\" = --wait ] || exit 9; sed -i 's/SECOND_DAY/EXPRESS/' \"$2\"",
    );
    let mut cmd = env.snowjob();
    cmd.env("EDITOR", "false")
        .env("VISUAL", format!("{} --wait", script.display()))
        .args(["edit", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn a_locked_job_is_refused_before_the_editor_opens() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "exit 0");
    let (code, _, err) = run(edit_with(&env, &script, &[LOCKED_JOB]));
    assert_eq!(code, 3, "{err}");
    assert!(seen(&env).is_empty());
}

#[test]
fn no_job_id_without_a_terminal_is_exit_2() {
    let env = Env::demo();
    for args in [
        &["edit"][..],
        &["show"],
        &["set-capacity", "--capacity", "T98"],
    ] {
        let (code, _, err) = env.run(args).text();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("no job IDs were given"), "{err}");
    }
    assert!(env.ops().is_empty());
}

/// Runs a completion request as the shell's script would: `COMPLETE=SHELL
/// snowjob -- snowjob WORDS...`, the last word being completed.
fn complete(env: &Env, shell: &str, words: &[&str]) -> (i32, String, String, Duration) {
    let mut cmd = env.snowjob();
    cmd.env("COMPLETE", shell)
        .env("_CLAP_COMPLETE_INDEX", words.len().to_string())
        .args(["--", "snowjob"])
        .args(words);
    let started = Instant::now();
    let (code, out, err) = run(cmd);
    (code, out, err, started.elapsed())
}

#[test]
fn job_ids_complete_to_the_pending_jobs_with_description_and_window() {
    let env = Env::demo();
    let (code, out, err, _) = complete(&env, "fish", &["set-capacity", "JID"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    let import = format!("{IMPORT_JOB}\tData centre migration, rack 7; ~");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&import) && l.ends_with("min left (est.)")),
        "{out}"
    );
    assert!(!out.contains(LOCKED_JOB), "{out}");
    assert_eq!(
        sorted(env.ops()),
        ["ListClusterJobs", "ListClusters", "ListJobs"]
    );
    // bash gets the values alone; edit and show complete the same way.
    let (_, out, _, _) = complete(&env, "bash", &["edit", ""]);
    assert!(out.contains(SERVICES_JOB) && !out.contains(LOCKED_JOB) && !out.contains('\t'));
    let (_, out, _, _) = complete(
        &env,
        "fish",
        &["show", "JID00000000-0000-4000-8000-00000000000"],
    );
    assert_eq!(out.lines().count(), 4, "{out}");
}

#[test]
fn completion_uses_the_lines_endpoint_and_region() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    // Neither an endpoint nor a region but on the line being completed.
    cmd.env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_REGION")
        .env("COMPLETE", "fish")
        .args(["--", "snowjob", "--endpoint-url", env.server.url(), "show"])
        .args(["--region=eu-west-1", "JID"]);
    let (code, out, err) = run(cmd);
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out.lines().count(), 4, "{out}");
}

#[test]
fn address_ids_complete_with_name_and_city() {
    let env = Env::demo();
    let (code, out, _, _) = complete(
        &env,
        "fish",
        &["set-shipping", IMPORT_JOB, "--forwarding-address-id", "AD"],
    );
    assert_eq!(code, 0);
    assert!(
        out.contains(&format!("{HOME_ADDRESS}\tDana Ortiz, Seattle")),
        "{out}"
    );
    assert!(
        out.contains(&format!("{FORWARDING_ADDRESS}\tLee Chen, Portland")),
        "{out}"
    );
}

#[test]
fn completion_hints_escape_control_characters() {
    let env = Env::demo();
    env.server
        .seed(&json!({"Jobs": [{
            "JobId": "JID00000000-0000-4000-8000-0000000000e5", "JobState": "New", "JobType": "IMPORT",
            "SnowballType": "EDGE", "Description": "evil\u{1b}]0;pwned\u{7}\ttab\nline",
        }]}))
        .unwrap();
    let (_, out, _, _) = complete(
        &env,
        "fish",
        &["show", "JID00000000-0000-4000-8000-0000000000e"],
    );
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
    assert!(out.contains("\\u{1b}]0;pwned"), "{out:?}");
}

#[test]
fn completion_offers_and_prints_nothing_when_the_service_is_down_or_slow() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
        .env("COMPLETE", "fish")
        .args(["--", "snowjob", "show", "JID"]);
    let (code, out, err) = run(cmd);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));

    env.server.push_fault(snowball_local::Fault {
        operation: "ListJobs".into(),
        count: 1,
        action: snowball_local::FaultAction::Delay { ms: 10_000 },
    });
    let (code, out, err, took) = complete(&env, "fish", &["edit", "JID"]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert!(took < Duration::from_secs(2), "took {took:?}");

    // Credentials that are refused: nothing either.
    let mut cmd = env.snowjob();
    cmd.env("AWS_SECRET_ACCESS_KEY", "wrong")
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "2")
        .args(["--", "snowjob", "show", ""]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0);
    assert!(!out.contains("JID") && err.is_empty(), "{out}{err}");
}

#[test]
fn profiles_and_regions_complete() {
    let env = Env::demo();
    std::fs::write(
        env.home.path().join("config"),
        "[default]\nregion = us-east-1\n[profile ops]\nregion = eu-west-1\n",
    )
    .unwrap();
    std::fs::write(
        env.home.path().join("credentials"),
        "[ci]\naws_access_key_id = x\naws_secret_access_key = y\n",
    )
    .unwrap();
    let (_, out, _, _) = complete(&env, "fish", &["--profile", ""]);
    assert_eq!(out.lines().collect::<Vec<_>>(), ["ci", "default", "ops"]);
    let (_, out, _, _) = complete(&env, "fish", &["list", "--region", "eu-w"]);
    assert_eq!(
        out.lines().collect::<Vec<_>>(),
        ["eu-west-1", "eu-west-2", "eu-west-3"]
    );
}

#[test]
fn the_registration_script_and_the_static_scripts_both_work() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("COMPLETE", "bash");
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    assert!(
        out.contains("complete -o nospace -o bashdefault") || out.contains("complete -"),
        "{out}"
    );
    let (code, out, _) = env.run(["completions", "bash"]).text();
    assert_eq!(code, 0);
    assert!(out.contains("_snowjob()"), "{out}");
}

pub(crate) fn on_terminal(env: &Env, args: &[&str], editor_script: Option<&PathBuf>) -> PtySession {
    let mut cmd = env.snowjob_std();
    cmd.env("TERM", "xterm").env("COLUMNS", "160").args(args);
    if let Some(script) = editor_script {
        cmd.env("EDITOR", script);
    }
    spawn_command(cmd, Some(20_000)).expect("spawned on a pty")
}

pub(crate) fn exit_code(session: &mut PtySession) -> i32 {
    match session.process().wait().expect("waited") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("not a normal exit: {other:?}"),
    }
}

#[test]
fn the_picker_filters_and_enter_picks_the_jobs_to_edit() {
    let env = Env::demo();
    let mut p = on_terminal(&env, &["set-shipping", "--speed", "EXPRESS"], None);
    p.exp_string("Jobs").unwrap();
    p.exp_string("Export 2025 video archive").unwrap();
    assert!(!env.ops().is_empty());
    p.send("video").unwrap();
    p.flush().unwrap();
    p.send(" ").unwrap();
    p.flush().unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(
        sorted(env.ops()),
        [
            "DescribeJob",
            "ListClusterJobs",
            "ListClusters",
            "ListJobs",
            "UpdateJob"
        ]
    );
    assert_eq!(
        env.updates(),
        vec![json!({"JobId": EXPORT_JOB, "ShippingOption": "EXPRESS"})]
    );
}

#[test]
fn the_picker_offers_edit_one_job() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "sed -i 's/T98/NoPreference/' \"$1\"");
    let mut p = on_terminal(&env, &["edit", "--yes"], Some(&script));
    p.exp_string("Job").unwrap();
    p.exp_string("video").unwrap();
    p.send("video").unwrap();
    p.flush().unwrap();
    p.send("\r").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(
        env.job(EXPORT_JOB)["SnowballCapacityPreference"],
        "NoPreference"
    );
    assert!(!seen(&env).contains(LOCKED_JOB));
}

#[test]
fn ctrl_c_in_the_picker_exits_130_and_esc_exits_1_sending_nothing() {
    for (key, code) in [("\u{3}", 130), ("\u{1b}", 1)] {
        let env = Env::demo();
        let mut p = on_terminal(&env, &["set-capacity", "--capacity", "T98"], None);
        p.exp_string("Export 2025 video archive").unwrap();
        p.send(key).unwrap();
        p.flush().unwrap();
        p.exp_string("nothing was sent").unwrap();
        p.exp_eof().unwrap();
        assert_eq!(exit_code(&mut p), code, "{key:?}");
        assert_eq!(
            sorted(env.ops()),
            ["ListClusterJobs", "ListClusters", "ListJobs"]
        );
    }
}

/// The operations in name order: the picker and completion list jobs and
/// clusters at once.
fn sorted(mut ops: Vec<String>) -> Vec<String> {
    ops.sort();
    ops
}

#[test]
fn sigterm_in_the_picker_restores_the_terminal_and_exits_143() {
    let env = Env::demo();
    let mut p = on_terminal(&env, &["show"], None);
    p.exp_string("Branch office file shares").unwrap();
    p.process_mut()
        .signal(rexpect::process::Signal::SIGTERM)
        .unwrap();
    // Bracketed paste off again (the prompt turned it on): the terminal is given back.
    p.exp_string("\u{1b}[?2004l").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 143);
}

/// Adds `n` pending jobs; returns their IDs.
fn many_jobs(env: &Env, n: usize) -> Vec<String> {
    let jobs: Vec<_> = (0..n)
        .map(|i| {
            json!({"JobId": format!("JID00000000-0000-4000-8000-1000000000{i:02}"), "JobState": "New",
                   "JobType": "IMPORT", "SnowballType": "EDGE", "SnowballCapacityPreference": "T100",
                   "ShippingDetails": {"ShippingOption": "SECOND_DAY"}})
        })
        .collect();
    env.server.seed(&json!({"Jobs": jobs})).unwrap()
}

#[test]
fn a_batch_of_more_than_20_jobs_shows_progress_on_a_terminal_only() {
    let env = Env::demo();
    // The locked job first: its failure is counted while the bar is still up.
    let mut ids = vec![LOCKED_JOB.to_string()];
    ids.extend(many_jobs(&env, 24));
    env.server.push_fault(snowball_local::Fault {
        operation: "DescribeJob".into(),
        count: 25,
        action: snowball_local::FaultAction::Delay { ms: 150 },
    });
    let mut args = vec![
        "set-shipping",
        "--speed",
        "EXPRESS",
        "--yes",
        "--concurrency",
        "4",
    ];
    args.extend(ids.iter().map(String::as_str));
    let mut p = on_terminal(&env, &args, None);
    p.exp_regex(r"Editing \[[=> ]+\] \d+/25 jobs").unwrap();
    p.exp_regex(r"\d+/25 jobs, 1 failed").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 3);
    assert_eq!(env.updates().len(), 24);

    // Not on a terminal, or with -q: no bar.
    let (_, _, err) = env
        .run(["set-shipping", "--speed", "STANDARD"])
        .args(&ids)
        .text();
    assert!(!err.contains("/25 jobs"), "{err}");
    let mut args = vec!["-q", "set-shipping", "--speed", "NEXT_DAY", "--yes"];
    args.extend(ids.iter().map(String::as_str));
    let mut p = on_terminal(&env, &args, None);
    let before_eof = p.exp_eof().unwrap();
    assert!(!before_eof.contains("jobs"), "{before_eof}");
}

#[test]
fn help_teaches_with_examples_capacities_and_merge_rules() {
    let env = Env::demo();
    let help = |args: &[&str]| {
        let mut cmd = env.bare();
        cmd.args(args);
        let (code, out, _) = run(cmd);
        assert_eq!(code, 0);
        out
    };
    for sub in [
        "show",
        "list",
        "addresses",
        "set-shipping",
        "set-capacity",
        "add-s3-resource",
        "remove-s3-resource",
        "set-nfs-limit",
        "apply",
        "edit",
        "completions",
    ] {
        let out = help(&[sub, "--help"]);
        let examples = out
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{sub}: {out}"));
        assert!(
            examples.lines().filter(|l| l.starts_with("  # ")).count() >= 2,
            "{sub}: {out}"
        );
        assert!(
            examples.contains(sub) || sub == "completions",
            "{sub}: {out}"
        );
    }
    let out = help(&["set-capacity", "--help"]);
    for device in ["V3_5S: T240", "V3_5C: T32", "EDGE: T100, T98"] {
        assert!(out.contains(device), "{device}: {out}");
    }
    let out = help(&["apply", "--help"]);
    assert!(
        out.contains("Structures merge") && out.contains("Lists replace"),
        "{out}"
    );
}

#[test]
fn hostile_editors_send_nothing() {
    // (editor's action, exit code, message, file kept)
    let cases = [
        ("rm \"$1\"", 1, "the file was deleted", false),
        (
            "head -c 300 /dev/urandom > \"$1\"; printf '\\377' >> \"$1\"",
            2,
            "not UTF-8",
            true,
        ),
        (
            "head -c 10000000 /dev/zero | tr '\\0' a > \"$1\"",
            2,
            "larger than 1 MiB",
            true,
        ),
    ];
    for (action, code, message, kept) in cases {
        let env = Env::demo();
        let script = editor(&env, "ed.sh", action);
        let (got, out, err) = run_json(edit_with(&env, &script, &[EXPORT_JOB]));
        assert_eq!(got, code, "{action}: {err}");
        assert!(err.contains(message), "{action}: {err}");
        assert_ne!(out[0]["Outcome"], "updated");
        if kept {
            std::fs::remove_file(kept_file(&err)).unwrap();
        }
        assert_eq!(env.ops(), ["DescribeJob"], "{action}");
    }
}

#[test]
fn no_editor_at_all_sends_nothing_and_says_what_to_set() {
    let env = Env::demo();
    // A PATH with a shell and nothing else: no vi.
    let bin = env.home.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink("/bin/sh", bin.join("sh")).unwrap();
    let mut cmd = env.snowjob();
    cmd.env("PATH", &bin).args(["edit", EXPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("'vi' was not found (set VISUAL or EDITOR"),
        "{err}"
    );
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn on_a_terminal_edit_shows_the_change_and_asks() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"");
    let mut p = on_terminal(&env, &["edit", EXPORT_JOB], Some(&script));
    p.exp_string("ShippingOption").unwrap();
    p.exp_string("Update 1 job? [y/N]").unwrap();
    assert!(env.updates().is_empty());
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 0);
    assert_eq!(
        env.ops(),
        ["DescribeJob", "DescribeJob", "DescribeJob", "UpdateJob"],
        "read for the file, for the plan, and again after the answer"
    );
    assert_eq!(
        env.job(EXPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn a_reopened_file_replaces_a_link_instead_of_writing_through_it() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::demo();
    let victim = env.home.path().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
    let script = editor(
        &env,
        "ed.sh",
        &format!("rm \"$1\"; ln -s '{}' \"$1\"", victim.display()),
    );
    let (code, _, err) = run(edit_with(&env, &script, &[IMPORT_JOB, "-o", "text"]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n");
    let mode = std::fs::metadata(&victim).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn every_problem_of_a_saved_file_gets_its_own_comment_line() {
    let env = Env::demo();
    let script = editor(
        &env,
        "ed.sh",
        "sed -i -e 's/SECOND_DAY/WARP/' -e 's/^Description: .*/Description: 2025.10/' \"$1\"",
    );
    let (code, _, err) = run(edit_with(&env, &script, &[IMPORT_JOB, "-o", "text"]));
    assert_eq!(code, 2, "{err}");
    let reopened = seen(&env).split("---\n").nth(1).unwrap().to_string();
    let comments: Vec<&str> = reopened
        .lines()
        .take_while(|l| l.starts_with("#!"))
        .collect();
    assert!(comments[0].contains("2 problems"), "{reopened}");
    assert!(
        comments[1].contains("ShippingOption") && comments[2].contains("Description"),
        "{reopened}"
    );
    assert!(!reopened.contains("\\n"), "{reopened}");
    // The line numbers point at the reopened file's own lines.
    let line_of = |needle: &str| reopened.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(
        comments[1].contains(&format!("line {}:", line_of("ShippingOption: WARP"))),
        "{reopened}"
    );
}

#[test]
fn a_long_editor_command_is_quoted_short() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("EDITOR", format!("false {}", "A".repeat(600)))
        .args(["edit", IMPORT_JOB]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 1, "{err}");
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(!message.contains(&"A".repeat(201)), "{message}");
}

#[test]
fn a_cluster_changed_while_in_the_editor_is_told_once_and_as_a_cluster() {
    let env = Env::demo();
    let colleague = format!(
        "{} set-shipping {DEMO_CLUSTER} --speed EXPRESS -q; sed -i 's/^Description: .*/Description: mine/' \"$1\"",
        assert_cmd::cargo::cargo_bin("snowjob").display()
    );
    let script = editor(&env, "ed.sh", &colleague);
    let (code, _, err) = run(edit_with(&env, &script, &[DEMO_CLUSTER]));
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains(&format!(
            "cluster {DEMO_CLUSTER} changed while it was open in the editor; nothing was sent for it"
        )),
        "{err}"
    );
    // One piece of advice, and about the cluster.
    assert!(!err.contains("Run the command again"), "{err}");
    assert!(!err.contains("the job"), "{err}");
    assert!(
        err.contains(&format!(
            "your change was not sent: to make it on the cluster as it is now, run `snowjob edit {DEMO_CLUSTER}` and copy it over"
        )),
        "{err}"
    );
    let kept = kept_file(&err);
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("Description: mine")
    );
    std::fs::remove_file(kept).unwrap();
}

#[test]
fn an_edit_file_saved_with_a_byte_order_mark_is_read() {
    let env = Env::demo();
    // As some editors on Windows save UTF-8.
    let script = editor(
        &env,
        "bom.sh",
        "sed -i 's/^Description: .*/Description: with a BOM/' \"$1\"; printf '\\357\\273\\277' | cat - \"$1\" > \"$1.new\"; mv \"$1.new\" \"$1\"",
    );
    let (code, _, err) = run(edit_with(&env, &script, &[IMPORT_JOB, "--yes"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(env.job(IMPORT_JOB)["Description"], "with a BOM");
    // Saved with a BOM and nothing else changed: unchanged.
    let script = editor(
        &env,
        "bom-only.sh",
        "printf '\\357\\273\\277' | cat - \"$1\" > \"$1.new\"; mv \"$1.new\" \"$1\"",
    );
    let (code, out, err) = run_json(edit_with(&env, &script, &[IMPORT_JOB]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged", "{out}");
    assert_eq!(env.updates().len(), 1);
}
