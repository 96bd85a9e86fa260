//! `--cli-error-format`: with json, yaml or text every line on stderr is one
//! message a script can read (level, code, the order it concerns, the exit
//! code on the one error that decides it), from the command line, the
//! environment or the profile.

use serde_json::Value as Json;

use crate::common::*;

const LEVELS: &[&str] = &["error", "warning", "info", "debug"];

/// Every line of `err` as a JSON object with the keys every message has.
fn json_lines(err: &str) -> Vec<Json> {
    assert!(err.ends_with('\n') || err.is_empty(), "{err:?}");
    err.lines()
        .map(|line| {
            let m: Json = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}\nstderr: {err}"));
            check_message(&m);
            m
        })
        .collect()
}

fn check_message(m: &Json) {
    let level = m["Level"].as_str().unwrap_or_default();
    assert!(LEVELS.contains(&level), "{m}");
    assert!(m["Message"].is_string(), "{m}");
    if matches!(level, "error" | "warning") {
        let code = m["Code"].as_str().unwrap_or_default();
        assert!(
            !code.is_empty() && code.chars().all(|c| c.is_ascii_alphanumeric()),
            "{m}"
        );
    }
    for key in m.as_object().unwrap().keys() {
        assert!(
            ["Level", "Code", "JobId", "ClusterId", "Message", "ExitCode"].contains(&key.as_str()),
            "{m}"
        );
    }
}

/// The messages that carry an exit code: exactly one, with `code`.
fn deciding(lines: &[Json], code: i32) -> &Json {
    let with: Vec<&Json> = lines
        .iter()
        .filter(|m| m.get("ExitCode").is_some())
        .collect();
    assert_eq!(with.len(), 1, "{lines:?}");
    assert_eq!(with[0]["ExitCode"], code, "{lines:?}");
    assert_eq!(with[0]["Level"], "error", "{lines:?}");
    with[0]
}

#[test]
fn an_argument_error_is_one_json_line_with_exit_code_2() {
    let env = Env::demo();
    for args in [
        vec!["--cli-error-format", "json", "show", "--output", "xml"],
        vec!["show", "--output", "xml", "--cli-error-format=json"],
        vec!["--cli-error-format=json", "no-such-command"],
        vec!["--cli-error-format", "json", "set-shipping", IMPORT_JOB],
    ] {
        let (code, out, err) = env.run(&args).text();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        let lines = json_lines(&err);
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        let m = deciding(&lines, 2);
        let message = m["Message"].as_str().unwrap();
        assert!(!message.starts_with("error:"), "{message}");
        assert!(!message.contains("For more information"), "{message}");
        assert!(!message.contains("Usage:"), "{message}");
    }
    let (_, _, err) = env
        .run(["--cli-error-format", "json", "show", "--output", "xml"])
        .text();
    let m = &json_lines(&err)[0];
    assert_eq!(m["Code"], "InvalidValue", "{m}");
    assert!(
        m["Message"].as_str().unwrap().contains("'xml'")
            && m["Message"].as_str().unwrap().contains("possible values"),
        "{m}"
    );
    // From the environment too, and help and version are unchanged.
    let (code, _, err) = env
        .run(["show", "--output", "xml"])
        .env("AWS_CLI_ERROR_FORMAT", "json")
        .text();
    assert_eq!(code, 2);
    deciding(&json_lines(&err), 2);
    let (code, out, err) = env.run(["--cli-error-format", "json", "--help"]).text();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("--cli-error-format") && err.is_empty(),
        "{out}"
    );
    let (code, out, _) = env.run(["--version", "--cli-error-format", "json"]).text();
    assert_eq!(code, 0);
    assert!(out.starts_with("snowjob "), "{out}");
}

#[test]
fn a_missing_credential_is_one_json_error_with_exit_code_5() {
    let env = Env::demo();
    let mut cmd = env.bare();
    cmd.env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", env.server.url())
        .args(["show", IMPORT_JOB, "--cli-error-format", "json"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    let lines = json_lines(&err);
    assert_eq!(lines.len(), 1, "{err}");
    deciding(&lines, 5);
    assert!(env.server.journal().is_empty());
}

/// A batch with one missing job and one that is no longer editable: an error
/// line for each (with its ID), the exit code on the first in input order.
fn batch(env: &Env, format: &str) -> (i32, String) {
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            MISSING_JOB,
            LOCKED_JOB,
            MISSING_CLUSTER,
            EXPORT_JOB,
            "--speed",
            "EXPRESS",
            "--cli-error-format",
            format,
        ])
        .text();
    (code, err)
}

const MISSING_CLUSTER: &str = "CID99999999-9999-4999-8999-999999999999";

#[test]
fn a_batch_says_each_jobs_error_with_its_id_and_the_exit_code_once() {
    let env = Env::demo();
    let (code, err) = batch(&env, "json");
    assert_eq!(code, 4, "{err}");
    let lines = json_lines(&err);
    let errors: Vec<&Json> = lines.iter().filter(|m| m["Level"] == "error").collect();
    assert_eq!(errors.len(), 3, "{err}");
    assert_eq!(errors[0]["JobId"], MISSING_JOB, "{err}");
    assert_eq!(errors[1]["JobId"], LOCKED_JOB, "{err}");
    assert_eq!(errors[2]["ClusterId"], MISSING_CLUSTER, "{err}");
    assert!(errors[2].get("JobId").is_none(), "{err}");
    assert_eq!(deciding(&lines, 4), errors[0]);
    assert_eq!(errors[1]["Code"], "JobNotEditable", "{err}");
    let infos: Vec<&Json> = lines.iter().filter(|m| m["Level"] == "info").collect();
    assert!(
        infos
            .iter()
            .any(|m| m["Message"].as_str().unwrap().contains("2 updated")),
        "{err}"
    );
    // The default is today's text; legacy is the same.
    let env = Env::demo();
    let (code, enhanced) = batch(&env, "enhanced");
    assert_eq!(code, 4);
    assert!(enhanced.starts_with("error: "), "{enhanced}");
    assert!(
        enhanced.contains(&format!("error: job {MISSING_JOB}")),
        "{enhanced}"
    );
    let env = Env::demo();
    let (_, legacy) = batch(&env, "legacy");
    assert_eq!(legacy, enhanced);
    // -q silences notes, never errors.
    let env = Env::demo();
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            MISSING_JOB,
            "--speed",
            "EXPRESS",
            "-q",
            "-o",
            "off",
            "--cli-error-format",
            "json",
        ])
        .text();
    assert_eq!(code, 4);
    let lines = json_lines(&err);
    assert_eq!(lines.len(), 1, "{err}");
    assert_eq!(deciding(&lines, 4)["JobId"], MISSING_JOB);
}

#[test]
fn debug_traces_are_debug_lines() {
    let env = Env::demo();
    let (code, _, err) = env
        .run([
            "show",
            IMPORT_JOB,
            "--debug",
            "-o",
            "off",
            "--cli-error-format",
            "json",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    let lines = json_lines(&err);
    assert!(lines.len() >= 3, "{err}");
    assert!(lines.iter().all(|m| m["Level"] == "debug"), "{err}");
    assert!(
        lines.iter().any(|m| {
            let text = m["Message"].as_str().unwrap();
            text.starts_with("-> POST ") && text.contains("\n") && !text.contains("[debug]")
        }),
        "{err}"
    );
    assert!(!err.contains(snowball_local::DEFAULT_SECRET_KEY), "{err}");
    // The signature is in the trace, and every copy of it is redacted.
    assert!(err.contains("Signature=<redacted>"), "{err}");
    assert_eq!(
        err.matches("Signature=").count(),
        err.matches("Signature=<redacted>").count(),
        "{err}"
    );
}

#[test]
fn the_format_comes_from_the_environment_or_the_profile() {
    let env = Env::demo();
    let missing = ["show", MISSING_JOB];
    let (code, _, err) = env.run(missing).env("AWS_CLI_ERROR_FORMAT", "json").text();
    assert_eq!(code, 4, "{err}");
    assert_eq!(deciding(&json_lines(&err), 4)["JobId"], MISSING_JOB);
    // The profile's key, for the profile in use.
    let config = env.home.path().join("config");
    std::fs::write(
        &config,
        "[default]\ncli_error_format = json\n[profile ops]\ncli_error_format = yaml\n",
    )
    .unwrap();
    let (code, _, err) = env.run(missing).text();
    assert_eq!(code, 4, "{err}");
    deciding(&json_lines(&err), 4);
    let (code, _, err) = env.run(missing).env("AWS_PROFILE", "ops").text();
    assert_eq!(code, 4, "{err}");
    assert!(err.starts_with("---\n"), "{err}");
    // The flag wins, then the variable; only the source that wins is checked.
    let (_, _, err) = env
        .run(missing)
        .env("AWS_CLI_ERROR_FORMAT", "bogus")
        .args(["--cli-error-format", "text"])
        .text();
    assert!(err.starts_with("error\t"), "{err}");
    std::fs::write(&config, "[default]\ncli_error_format = xml\n").unwrap();
    let (code, _, err) = env.run(missing).env("AWS_CLI_ERROR_FORMAT", "json").text();
    assert_eq!(code, 4, "{err}");
    deciding(&json_lines(&err), 4);
    // Invalid: exit 5 naming the key or the variable, with the values
    // allowed, and no request sent.
    env.server.clear_journal();
    let (code, _, err) = env.run(missing).text();
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("cli_error_format in profile default")
            && err.contains("'xml'")
            && err.contains("enhanced, legacy, json, yaml or text"),
        "{err}"
    );
    std::fs::remove_file(&config).unwrap();
    let (code, _, err) = env.run(missing).env("AWS_CLI_ERROR_FORMAT", "XML").text();
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("AWS_CLI_ERROR_FORMAT")
            && err.contains("enhanced, legacy, json, yaml or text"),
        "{err}"
    );
    assert_eq!(env.ops(), Vec::<String>::new());
    // On the command line: exit 2, as any bad argument.
    let (code, _, err) = env
        .run(["--cli-error-format", "xml", "show", IMPORT_JOB])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("xml") && err.contains("enhanced"), "{err}");
}

#[test]
fn yaml_and_text_write_the_same_messages() {
    let env = Env::demo();
    let (code, json) = batch(&env, "json");
    assert_eq!(code, 4);
    let json = json_lines(&json);
    let env = Env::demo();
    let (code, yaml) = batch(&env, "yaml");
    assert_eq!(code, 4, "{yaml}");
    assert!(yaml.starts_with("---\n"), "{yaml}");
    let documents: Vec<Json> = serde_yaml::Deserializer::from_str(&yaml)
        .map(|d| {
            let v: serde_yaml::Value = serde::Deserialize::deserialize(d).unwrap();
            serde_json::to_value(v).unwrap()
        })
        .collect();
    for m in &documents {
        check_message(m);
    }
    assert_eq!(documents, json);
    let env = Env::demo();
    let (code, text) = batch(&env, "text");
    assert_eq!(code, 4, "{text}");
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), json.len(), "{text}");
    for (fields, m) in lines.iter().zip(&json) {
        assert_eq!(fields.len(), 4, "{text}");
        assert_eq!(fields[0], m["Level"]);
        assert_eq!(fields[1], m["Code"].as_str().unwrap_or_default());
        let id = m["JobId"].as_str().or(m["ClusterId"].as_str());
        assert_eq!(fields[2], id.unwrap_or_default());
        assert!(!fields[3].is_empty());
    }
}

#[test]
fn a_multi_line_message_stays_one_line() {
    let env = Env::demo();
    let patch = env.home.path().join("patch.yaml");
    std::fs::write(&patch, "Description: 2025.10\nColour: red\n").unwrap();
    for format in ["json", "text"] {
        let (code, _, err) = env
            .run(["apply", IMPORT_JOB, "--file"])
            .arg(&patch)
            .args(["--cli-error-format", format])
            .text();
        assert_eq!(code, 2, "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("\\n"), "{err}");
    }
}

#[test]
fn an_interrupt_is_the_one_line_that_says_the_exit_code() {
    let env = Env::with(snowball_local::Config {
        demo: true,
        latency: std::time::Duration::from_millis(400),
        ..snowball_local::Config::default()
    });
    let mut cmd = env.snowjob_std();
    cmd.args([
        "set-shipping",
        MISSING_JOB,
        IMPORT_JOB,
        EXPORT_JOB,
        COMPUTE_JOB,
        "--speed",
        "EXPRESS",
        "--concurrency",
        "1",
        "--cli-error-format",
        "json",
    ]);
    // The missing job has failed (its read answered), then the signal.
    let settle = std::time::Duration::from_millis(200);
    let out = interrupted(&env, cmd, 1, settle, &["-TERM"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{err}");
    let lines = json_lines(&err);
    let m = deciding(&lines, 143);
    assert_eq!(m["Code"], "Interrupted", "{err}");
    assert!(
        lines
            .iter()
            .any(|m| m["JobId"] == MISSING_JOB && m["Level"] == "error"),
        "{err}"
    );
}

#[test]
fn a_second_signal_still_says_the_exit_code() {
    let env = Env::demo();
    env.server.push_fault(fault(
        "UpdateJob",
        1,
        snowball_local::FaultAction::DelayReply {
            ms: 20_000,
            state: None,
            job_id: None,
        },
    ));
    let mut cmd = env.snowjob_std();
    cmd.args(["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"])
        .args(["--concurrency", "1", "--yes", "--cli-error-format", "json"]);
    // The first job read; its update is held by the endpoint.
    let settle = std::time::Duration::from_millis(300);
    let out = interrupted(&env, cmd, 1, settle, &["-INT", "-INT"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let lines = json_lines(&err);
    assert_eq!(deciding(&lines, 130)["Code"], "Interrupted", "{err}");
}

#[test]
fn a_declined_prompt_is_the_error_that_says_exit_code_1() {
    let env = Env::demo();
    let mut p = crate::interactive::on_terminal(
        &env,
        &[
            "set-shipping",
            IMPORT_JOB,
            MISSING_JOB,
            EXPORT_JOB,
            "--speed",
            "EXPRESS",
            "--cli-error-format",
            "json",
        ],
        None,
    );
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    p.send_line("n").unwrap();
    // The order refused while planning still says why, without the exit code.
    p.exp_string(&format!(r#""JobId":"{MISSING_JOB}""#))
        .unwrap();
    p.exp_string(r#""Code":"Declined""#).unwrap();
    p.exp_string(r#""ExitCode":1"#).unwrap();
    p.exp_eof().unwrap();
    assert_eq!(crate::interactive::exit_code(&mut p), 1);
    assert!(env.updates().is_empty());
}

/// README names every warning code scripts may see.
#[test]
fn readme_names_every_warning_code() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for warning in snowjob::failure::Warning::ALL {
        assert!(
            readme.contains(&format!("`{}`", warning.as_str())),
            "{}",
            warning.as_str()
        );
    }
}

#[test]
fn no_command_at_all_is_one_short_message_for_a_script() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(Vec::<&str>::new())
        .env("AWS_CLI_ERROR_FORMAT", "json")
        .text();
    assert_eq!(code, 2, "{err}");
    let lines = json_lines(&err);
    assert_eq!(lines.len(), 1, "{err}");
    let message = lines[0]["Message"].as_str().unwrap();
    assert!(message.contains("snowjob [OPTIONS] <COMMAND>"), "{message}");
    assert!(message.contains("`snowjob --help`"), "{message}");
    assert!(!message.contains('\n'), "not the whole help: {message}");
    assert!(message.len() < 200, "{message}");
    assert_eq!(lines[0]["ExitCode"], 2);
    // A person still gets the help.
    let (code, _, err) = env.run(Vec::<&str>::new()).text();
    assert_eq!(code, 2);
    assert!(
        err.contains("Commands:") && err.contains("set-shipping"),
        "{err}"
    );
}

#[test]
fn a_negative_number_is_refused_as_the_value_it_is() {
    let env = Env::demo();
    for (args, flag) in [
        (vec!["--connect-timeout", "-1", "list"], "--connect-timeout"),
        (vec!["--read-timeout", "-0.5", "list"], "--read-timeout"),
        (vec!["--max-attempts", "-1", "list"], "--max-attempts"),
        (vec!["list", "--concurrency", "-3"], "--concurrency"),
        (
            vec!["set-nfs-limit", IMPORT_JOB, "--limit", "-5"],
            "--limit",
        ),
    ] {
        let (code, _, err) = env.run(&args).env("AWS_CLI_ERROR_FORMAT", "json").text();
        assert_eq!(code, 2, "{args:?}: {err}");
        let lines = json_lines(&err);
        let code = lines[0]["Code"].as_str().unwrap();
        assert!(
            ["ValueValidation", "InvalidValue"].contains(&code),
            "{args:?}: {err}"
        );
        let message = lines[0]["Message"].as_str().unwrap();
        assert!(message.contains(flag), "{args:?}: {message}");
        assert!(!message.contains("unexpected argument"), "{message}");
    }
    assert!(env.ops().is_empty());
}

#[test]
fn values_clap_refuses_are_quoted_escaped() {
    let env = Env::demo();
    for (args, shown) in [
        (vec!["list", "-o", "js\u{202e}on"], "js\\u{202e}on"),
        (vec!["list", "-o", "\u{1b}[31mred"], "\\u{1b}[31mred"),
        (
            vec!["--connect-timeout", "1\u{1b}]0;x\u{7}", "list"],
            "1\\u{1b}]0;x\\u{7}",
        ),
        (vec!["show", "JID\u{9b}2J"], "JID\\u{9b}2J"),
        (vec!["lis\u{200b}t"], "lis\\u{200b}t"),
    ] {
        for format in ["enhanced", "json"] {
            let (code, _, err) = env.run(&args).env("AWS_CLI_ERROR_FORMAT", format).text();
            assert_eq!(code, 2, "{args:?}: {err}");
            for raw in ['\u{1b}', '\u{202e}', '\u{9b}', '\u{200b}', '\u{7}'] {
                assert!(
                    !err.contains(raw),
                    "{args:?} {format}: raw {raw:?} in {err:?}"
                );
            }
            let err = match format {
                "json" => json_lines(&err)[0]["Message"].as_str().unwrap().to_string(),
                _ => err,
            };
            assert!(
                err.contains(shown),
                "{args:?} {format}: {shown} not in {err}"
            );
        }
    }
}
