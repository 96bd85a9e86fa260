//! snowjob at the edges scripts and CI live at: closed pipes, odd and bad
//! AWS configuration, hostile job data, narrow terminals, secrets in --debug,
//! bugs that panic, and rules that span two members.

use std::process::Stdio;

use crate::common::*;
use serde_json::json;

/// Runs with stdout a pipe whose reader is already gone.
fn run_with_closed_stdout(mut cmd: std::process::Command) -> (i32, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = cmd
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_stdout_is_not_an_error_and_keeps_the_exit_code_the_work_earned() {
    let env = Env::demo();
    let mut cmd = env.snowjob_std();
    cmd.args(["list", "-o", "text"]);
    let (code, err) = run_with_closed_stdout(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("Broken pipe"),
        "{err}"
    );

    // A batch: the updates happen and the exit code is that of the missing job.
    let mut cmd = env.snowjob_std();
    cmd.args([
        "set-shipping",
        IMPORT_JOB,
        MISSING_JOB,
        EXPORT_JOB,
        "--speed",
        "EXPRESS",
        "--yes",
        "-o",
        "json",
    ]);
    let (code, err) = run_with_closed_stdout(cmd);
    assert_eq!(code, 4, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for job in [IMPORT_JOB, EXPORT_JOB] {
        assert_eq!(env.job(job)["ShippingDetails"]["ShippingOption"], "EXPRESS");
    }
}

/// Every bad setting is refused with its exit code, naming the culprit,
/// before any request.
#[test]
fn bad_configuration_is_named_and_nothing_is_sent() {
    let env = Env::demo();
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], i32, &'a str);
    let cases: &[Case] = &[
        (&[("AWS_MAX_ATTEMPTS", "abc")], &[], 5, "AWS_MAX_ATTEMPTS"),
        (&[("AWS_MAX_ATTEMPTS", "0")], &[], 5, "AWS_MAX_ATTEMPTS"),
        (&[("AWS_RETRY_MODE", "turbo")], &[], 5, "AWS_RETRY_MODE"),
        (&[("AWS_ENDPOINT_URL", "")], &[], 5, "AWS_ENDPOINT_URL"),
        (
            &[("AWS_ENDPOINT_URL_SNOWBALL", "not a url")],
            &[],
            5,
            "AWS_ENDPOINT_URL_SNOWBALL",
        ),
        (&[("AWS_REGION", "us east 1")], &[], 5, "AWS_REGION"),
        (&[], &["--endpoint-url", ""], 2, "--endpoint-url"),
        (&[], &["--endpoint-url", "localhost:9"], 2, "--endpoint-url"),
        (&[], &["--region", ""], 2, "--region"),
        (&[], &["--profile", "nosuch"], 5, "nosuch"),
        (&[("AWS_PROFILE", "nosuch")], &[], 5, "nosuch"),
        (
            &[("AWS_CA_BUNDLE", "/nonexistent/ca.pem")],
            &[],
            5,
            "/nonexistent/ca.pem",
        ),
        (
            &[("AWS_CA_BUNDLE", "/dev/null")],
            &[],
            5,
            "no PEM certificate",
        ),
    ];
    for (vars, flags, expected, named) in cases {
        env.server.clear_journal();
        let mut cmd = env.snowjob();
        for (k, v) in *vars {
            cmd.env(k, v);
        }
        cmd.args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
            .args(*flags);
        let (code, _, err) = run(cmd);
        assert_eq!(code, *expected, "{vars:?} {flags:?}: {err}");
        assert!(err.contains(named), "{vars:?} {flags:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(env.ops().is_empty(), "{vars:?} {flags:?}: {:?}", env.ops());
    }
}

/// An empty `endpoint_url` in a profile is a setting gone wrong (a template
/// that rendered nothing), not an absent one: refused, never falling back to
/// the region's own endpoint, as an empty AWS_ENDPOINT_URL is.
#[test]
fn an_empty_endpoint_url_in_a_profile_is_refused_not_ignored() {
    let env = Env::demo();
    std::fs::write(
        env.home.path().join("config"),
        "[default]\nendpoint_url =\n",
    )
    .unwrap();
    let mut cmd = env.snowjob();
    cmd.env_remove("AWS_ENDPOINT_URL")
        .env("AWS_MAX_ATTEMPTS", "1")
        .args(["--connect-timeout", "1", "show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("endpoint_url in profile default"), "{err}");
}

#[test]
fn legacy_retry_mode_works_from_the_environment_and_a_profile() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("AWS_RETRY_MODE", "legacy").args([
        "set-shipping",
        IMPORT_JOB,
        "--speed",
        "EXPRESS",
        "--cli-connect-timeout",
        "5",
        "--cli-read-timeout",
        "5",
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");

    std::fs::write(
        env.home.path().join("config"),
        "[default]\nretry_mode = legacy\nmax_attempts = 2\n",
    )
    .unwrap();
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "NEXT_DAY"])
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "NEXT_DAY"
    );
}

/// `--profile ops` takes the profile's keys even with (wrong) keys in the
/// environment; AWS_PROFILE does not, as in the AWS CLI, and says so.
#[test]
fn an_explicit_profile_wins_over_environment_keys() {
    let env = Env::demo();
    std::fs::write(
        env.home.path().join("credentials"),
        format!(
            "[ops]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            snowball_local::DEFAULT_ACCESS_KEY,
            snowball_local::DEFAULT_SECRET_KEY
        ),
    )
    .unwrap();
    let wrong_keys = |mut cmd: assert_cmd::Command| {
        cmd.env("AWS_ACCESS_KEY_ID", "AKIAWRONGWRONGWRONG0")
            .env("AWS_SECRET_ACCESS_KEY", "wrong");
        cmd
    };
    let mut cmd = wrong_keys(env.snowjob());
    cmd.args(["--profile", "ops", "show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");

    let mut cmd = wrong_keys(env.snowjob());
    cmd.env("AWS_PROFILE", "ops").args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(
        err.contains("AWS_PROFILE") && err.contains("warning"),
        "{err}"
    );
}

#[test]
fn credentials_that_cannot_be_loaded_are_exit_5() {
    let env = Env::demo();
    std::fs::write(
        env.home.path().join("config"),
        "[profile broken]\ncredential_process = /bin/false\n",
    )
    .unwrap();
    let mut cmd = env.bare();
    cmd.env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", env.server.url())
        .args(["--profile", "broken", "show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");

    let mut cmd = env.bare();
    cmd.env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", env.server.url())
        .env("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token")
        .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
        .args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

fn seed_job(env: &Env, description: &str) -> String {
    let id = "JID00000000-0000-4000-8000-0000000000aa";
    let mut job = env.job(IMPORT_JOB);
    job["JobId"] = json!(id);
    job["Description"] = json!(description);
    job["PickupDetails"] = json!({"Name": "Kim Lee", "Email": "kim.lee@example.com",
        "PhoneNumber": "+1 206 555 0142", "IdentificationNumber": "D1234567",
        "IdentificationIssuingOrg": "WA DOL"});
    env.server
        .seed(&json!({"Jobs": [job], "Addresses": []}))
        .expect("seeded");
    id.to_string()
}

#[test]
fn control_characters_in_job_data_never_reach_the_terminal_raw() {
    let env = Env::demo();
    let id = seed_job(&env, "evil \u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m end");
    for args in [
        vec!["show", id.as_str()],
        vec!["show", id.as_str(), "-o", "text"],
        vec!["list"],
        vec!["list", "-o", "text"],
    ] {
        let (code, out, err) = env.run(&args).text();
        assert_eq!(code, 0, "{err}");
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'),
            "{args:?}: {out:?}"
        );
        assert!(out.contains("\\u{1b}"), "{args:?}: {out}");
    }
    // JSON carries the data as it is (escaped by JSON itself).
    let (_, json, _) = env.run(["show", &id]).json();
    assert!(json[0]["Description"].as_str().unwrap().contains('\u{1b}'));
}

#[test]
fn tables_fit_80_columns_and_never_break_an_id() {
    let env = Env::demo();
    seed_job(&env, &"a long description that goes on and on ".repeat(4));
    for args in [vec!["list"], vec!["show", IMPORT_JOB]] {
        let mut cmd = env.snowjob();
        cmd.env("COLUMNS", "80").args(&args);
        let (code, out, err) = run(cmd);
        assert_eq!(code, 0, "{err}");
        for line in out.lines() {
            assert!(line.chars().count() <= 80, "{args:?}: {line}\n{out}");
        }
        assert!(
            out.contains(IMPORT_JOB),
            "{args:?}: an ID was broken\n{out}"
        );
    }
    // An edit's table too, with the error's message on stderr only.
    let mut cmd = env.snowjob();
    cmd.env("COLUMNS", "80").args([
        "set-shipping",
        IMPORT_JOB,
        MISSING_JOB,
        "--speed",
        "EXPRESS",
        "--yes",
    ]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 4, "{err}");
    assert!(
        out.contains(IMPORT_JOB) && out.contains(MISSING_JOB),
        "{out}"
    );
    assert!(out.contains("InvalidResourceException"), "{out}");
    let message = err
        .lines()
        .find(|l| l.starts_with("error:"))
        .expect("the error on stderr");
    assert_eq!(err.matches(message).count(), 1, "{err}");
    assert!(!out.contains(&message["error: ".len()..]), "{out}");
}

#[test]
fn a_narrow_show_table_never_breaks_an_address_id() {
    let env = Env::demo();
    // The demo's job with a forwarding address beside its address.
    let mut cmd = env.snowjob();
    cmd.env("COLUMNS", "60").args(["show", SERVICES_JOB]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    for id in [HOME_ADDRESS, FORWARDING_ADDRESS] {
        assert!(out.contains(id), "{id} was broken:\n{out}");
    }
}

#[test]
fn debug_traces_never_show_sensitive_pickup_details() {
    let env = Env::demo();
    let id = seed_job(&env, "pickup");
    let patch = env.home.path().join("patch.yaml");
    std::fs::write(&patch, "PickupDetails:\n  Name: Kim J. Lee\n").unwrap();
    let (code, _, err) = env
        .run(["--debug", "apply", &id, "--file"])
        .arg(&patch)
        .text();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("[debug]") && err.contains("Kim J. Lee"),
        "{err}"
    );
    for secret in [
        "kim.lee@example.com",
        "+1 206 555 0142",
        "D1234567",
        snowball_local::DEFAULT_SECRET_KEY,
    ] {
        assert!(!err.contains(secret), "{secret} in {err}");
    }
    // It was sent, whole.
    assert_eq!(
        env.job(&id)["PickupDetails"]["Email"],
        "kim.lee@example.com"
    );
}

#[test]
fn a_panic_fails_its_own_job_and_the_others_are_reported() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_TEST_PANIC_FOR_JOB", EXPORT_JOB).args([
        "set-shipping",
        IMPORT_JOB,
        EXPORT_JOB,
        COMPUTE_JOB,
        "--speed",
        "STANDARD",
        "--yes",
    ]);
    let (code, json, err) = run_json(cmd);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("panicked at"), "{err}");
    let outcomes: Vec<_> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Outcome"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(outcomes, ["updated", "failed", "updated"]);
    assert!(
        json[1]["Error"]["Message"]
            .as_str()
            .unwrap()
            .starts_with("internal error")
    );
    assert_eq!(
        env.job(COMPUTE_JOB)["ShippingDetails"]["ShippingOption"],
        "STANDARD"
    );
}

#[test]
fn a_capacity_change_respects_the_jobs_nfs_limit() {
    let env = Env::demo();
    // The EDGE import job, with an NFS limit of 100 TB (its T100 capacity).
    let (code, _, err) = env
        .run(["set-nfs-limit", IMPORT_JOB, "--limit", "100"])
        .text();
    assert_eq!(code, 0, "{err}");
    env.server.clear_journal();
    let (code, _, err) = env
        .run(["set-capacity", IMPORT_JOB, "--capacity", "T98"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("NFS limit of 100 TB"), "{err}");
    assert!(
        !env.ops().contains(&"UpdateJob".to_string()),
        "{:?}",
        env.ops()
    );
    assert_eq!(env.job(IMPORT_JOB)["SnowballCapacityPreference"], "T100");
}

#[test]
fn list_with_nothing_editable_points_at_all() {
    let env = Env::demo();
    for job in [IMPORT_JOB, EXPORT_JOB, COMPUTE_JOB, SERVICES_JOB] {
        env.server.set_job_state(job, "WithCustomer").unwrap();
    }
    env.server
        .set_cluster_state(DEMO_CLUSTER, "Pending")
        .unwrap();
    let mut cmd = env.snowjob();
    cmd.arg("list");
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    // The demo's five jobs and its cluster's three node jobs.
    assert!(
        err.contains("8 jobs are in other states") && err.contains("--all"),
        "{err}"
    );
}

#[test]
fn an_overlong_job_id_line_is_refused_without_a_request() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["show", "-"])
        .stdin(format!("{}\n", "J".repeat(100_000)))
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("longer than 1024 bytes"), "{err}");
    assert!(
        err.len() < 1000,
        "the input is not echoed whole: {}",
        err.len()
    );
    assert!(env.ops().is_empty());
}

#[test]
fn debug_shows_the_chain_of_causes() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", "http://127.0.0.1:1").args([
        "show",
        IMPORT_JOB,
        "--max-attempts",
        "1",
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 6, "{err}");
    assert!(!err.contains("caused by"), "{err}");
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", "http://127.0.0.1:1").args([
        "--debug",
        "show",
        IMPORT_JOB,
        "--max-attempts",
        "1",
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("caused by:"), "{err}");
}

#[test]
fn address_data_is_escaped_in_the_addresses_table() {
    let env = Env::demo();
    env.server
        .seed(&json!({"Jobs": [], "Addresses": [{
            "AddressId": "ADID00000000-0000-4000-8000-0000000000e1",
            "Name": "Evil \u{1b}[2J\u{1b}]52;c;aGFjaw==\u{7}", "Street1": "x", "City": "c\u{9b}z",
            "StateOrProvince": "s", "Country": "US", "PostalCode": "1", "PhoneNumber": "1"}]}))
        .unwrap();
    let mut cmd = env.snowjob();
    cmd.arg("addresses");
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Evil \\u{1b}[2J"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{9b}'));
}

#[test]
fn an_empty_region_is_no_region() {
    let env = Env::demo();
    for (var, value) in [("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "")] {
        let mut cmd = env.snowjob();
        cmd.env_remove("AWS_REGION").env(var, value).arg("list");
        let (code, _, err) = run(cmd);
        assert_eq!(code, 5, "{var}: {err}");
        assert!(err.contains("no AWS region"), "{err}");
    }
    assert!(env.ops().is_empty());
}

/// Runs `cmd`, sends SIGINT after `after`, and returns the exit code and how
/// long the process took to end after the signal.
fn interrupted(
    mut cmd: std::process::Command,
    after: std::time::Duration,
) -> (i32, std::time::Duration) {
    let child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(after);
    let sent = std::time::Instant::now();
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), sent.elapsed())
}

#[test]
fn ctrl_c_ends_an_endless_history_and_a_slow_credential_process() {
    let env = Env::demo();
    // A history that takes forever to read: a terabyte of (sparse) zeros. A
    // device such as /dev/zero is refused outright (not a regular file).
    let endless = env.home.path().join("endless.jsonl");
    std::fs::File::create(&endless)
        .unwrap()
        .set_len(1 << 40)
        .unwrap();
    let mut cmd = env.snowjob_std();
    cmd.env("SNOWJOB_HISTORY", &endless).arg("history");
    let (code, took) = interrupted(cmd, std::time::Duration::from_millis(500));
    assert_eq!(code, 130);
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");

    std::fs::write(
        env.home.path().join("config"),
        "[profile slow]\ncredential_process = sh -c \"sleep 20\"\n",
    )
    .unwrap();
    let mut cmd = env.snowjob_std();
    cmd.args([
        "--profile",
        "slow",
        "set-capacity",
        IMPORT_JOB,
        "--capacity",
        "T98",
    ]);
    let (code, took) = interrupted(cmd, std::time::Duration::from_millis(500));
    assert_eq!(code, 130);
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    assert!(env.ops().is_empty());
}

#[test]
fn a_password_in_the_endpoint_url_never_shows_and_is_not_signed() {
    let env = Env::demo();
    let url = env.server.url().replace("http://", "http://user:hunter2@");
    let (code, _, err) = env
        .run([
            "--debug",
            "--endpoint-url",
            &url,
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn messages_quote_at_most_200_characters_of_any_input() {
    let env = Env::demo();
    let long = "a".repeat(300);
    let cases: Vec<Vec<String>> = vec![
        vec!["show".into(), format!("JID{long}")],
        vec![
            "set-capacity".into(),
            IMPORT_JOB.into(),
            "--capacity".into(),
            format!("T{long}"),
        ],
        vec![
            "set-shipping".into(),
            IMPORT_JOB.into(),
            "--speed".into(),
            format!("S{long}"),
        ],
        vec!["--output".into(), format!("x{long}"), "list".into()],
        vec![
            "add-s3-resource".into(),
            IMPORT_JOB.into(),
            "--bucket".into(),
            format!("b{long}"),
        ],
        vec!["--query".into(), format!("[{long}"), "list".into()],
        vec![
            "--query".into(),
            format!("[{}", "a ".repeat(300)),
            "list".into(),
        ],
    ];
    for args in cases {
        let (code, _, err) = env.run(&args).text();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains(&"a".repeat(201)), "{args:?}: {err}");
        assert!(!err.contains(&"a ".repeat(101)), "{args:?}: {err}");
    }
    assert!(env.ops().is_empty());
}

#[test]
fn enum_spellings_need_their_separators() {
    let env = Env::demo();
    for (speed, expected) in [
        ("next-day", 0),
        ("nextday", 2),
        ("n-e-x-t-d-a-y", 2),
        ("_NEXT_DAY_", 2),
    ] {
        let (code, _, err) = env
            .run(["set-shipping", IMPORT_JOB, "--speed", speed, "--dry-run"])
            .text();
        assert_eq!(code, expected, "{speed}: {err}");
    }
}

/// A credential holding a control character (a CI secret saved with its
/// trailing newline) is a configuration error naming the variable or key,
/// never showing the value; nothing is sent.
#[test]
fn credentials_holding_control_characters_are_exit_5_naming_the_source() {
    use snowball_local::{DEFAULT_ACCESS_KEY as AK, DEFAULT_SECRET_KEY as SK};
    let env = Env::demo();
    let env_cases = [
        ("AWS_ACCESS_KEY_ID", format!("{AK}\n")),
        ("AWS_SECRET_ACCESS_KEY", format!("{SK}\n")),
        ("AWS_SESSION_TOKEN", "FQoGSESSIONTOKEN\n".to_string()),
        (
            "AWS_SESSION_TOKEN",
            "FQoG\u{1b}[31mSESSIONTOKEN".to_string(),
        ),
        ("AWS_SESSION_TOKEN", "FQoGSESSIONTOKEN\u{7f}".to_string()),
        ("AWS_SESSION_TOKEN", "FQoG\u{85}SESSIONTOKEN".to_string()),
        ("AWS_ACCESS_KEY_ID", format!("{AK}\r\n")),
    ];
    for (var, value) in &env_cases {
        let mut cmd = env.snowjob();
        cmd.env(var, value)
            .args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 5, "{var}={value:?}: {err}");
        assert!(err.contains(var), "{var}: {err}");
        assert!(!err.contains("internal error"), "{err}");
        let shown = value.trim_matches(|c: char| c.is_control());
        assert!(
            !err.contains(&shown[..12]),
            "{var}: the value leaked: {err}"
        );
    }

    let profile_cases = [
        ("aws_access_key_id", format!("{AK}\u{1b}")),
        ("aws_access_key_id", format!("AKIA\0{}", &AK[5..])),
        ("aws_secret_access_key", format!("{SK}\u{7f}")),
        ("aws_session_token", "FQoG\u{85}SESSIONTOKEN".to_string()),
        ("aws_session_token", "FQoG\u{1b}SESSIONTOKEN".to_string()),
    ];
    for (key, value) in &profile_cases {
        let mut keys = [
            ("aws_access_key_id", AK.to_string()),
            ("aws_secret_access_key", SK.to_string()),
            ("aws_session_token", "FQoGSESSIONTOKEN".to_string()),
        ];
        keys.iter_mut().find(|(k, _)| k == key).unwrap().1 = value.clone();
        let body: String = keys.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
        std::fs::write(
            env.home.path().join("credentials"),
            format!("[default]\n{body}[ops]\n{body}"),
        )
        .unwrap();
        for profile in [&[][..], &["--profile", "ops"][..]] {
            let mut cmd = env.bare();
            cmd.env("AWS_REGION", "us-east-1")
                .env("AWS_ENDPOINT_URL", env.server.url())
                .args(profile)
                .args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
            let (code, _, err) = run(cmd);
            assert_eq!(code, 5, "{key}={value:?} {profile:?}: {err}");
            let name = profile.get(1).unwrap_or(&"default");
            assert!(
                err.contains(&format!("{key} in profile {name}")),
                "{key} {profile:?}: {err}"
            );
            let shown = value.trim_matches(|c: char| c.is_control());
            assert!(
                !err.contains(&shown[..12]),
                "{key}: the value leaked: {err}"
            );
        }
    }
    assert!(env.server.journal().is_empty(), "{:?}", env.ops());

    // Keys that are not used are not judged: --profile takes the profile's.
    std::fs::write(
        env.home.path().join("credentials"),
        format!("[ops]\naws_access_key_id = {AK}\naws_secret_access_key = {SK}\n"),
    )
    .unwrap();
    let mut cmd = env.snowjob();
    cmd.env("AWS_SESSION_TOKEN", "FQoG\n")
        .args(["--profile", "ops", "show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
}

/// The config, credentials and CA-bundle files are read with a size limit: a
/// device, a FIFO nothing writes to, a directory or a huge file is exit 5
/// naming it, within seconds, before any request.
#[cfg(unix)]
#[test]
fn config_credentials_and_ca_bundle_files_are_read_with_a_limit() {
    let env = Env::demo();
    let home = env.home.path();
    let directory = home.join("a-directory");
    std::fs::create_dir(&directory).unwrap();
    let fifo = home.join("a-fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let huge = home.join("huge");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(64 << 20)
        .unwrap();
    let (directory, fifo, huge) = (
        directory.to_str().unwrap(),
        fifo.to_str().unwrap(),
        huge.to_str().unwrap(),
    );
    let cases = [
        ("AWS_CONFIG_FILE", "/dev/zero"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/urandom"),
        ("AWS_CA_BUNDLE", "/dev/zero"),
        ("AWS_CONFIG_FILE", directory),
        ("AWS_CONFIG_FILE", fifo),
        ("AWS_SHARED_CREDENTIALS_FILE", fifo),
        ("AWS_CA_BUNDLE", fifo),
        ("AWS_CA_BUNDLE", directory),
        ("AWS_CONFIG_FILE", huge),
        ("AWS_SHARED_CREDENTIALS_FILE", huge),
        ("AWS_CA_BUNDLE", huge),
    ];
    for (var, path) in cases {
        let started = std::time::Instant::now();
        let mut cmd = env.snowjob();
        cmd.timeout(std::time::Duration::from_secs(20))
            .env(var, path)
            .args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 5, "{var}={path}: {err}");
        assert!(err.contains(path), "{var}={path}: {err}");
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{var}={path}: took {:?}",
            started.elapsed()
        );
    }
    // The same for a CA bundle a profile names.
    std::fs::write(home.join("config"), "[default]\nca_bundle = /dev/zero\n").unwrap();
    let mut cmd = env.snowjob();
    cmd.timeout(std::time::Duration::from_secs(20)).args([
        "set-shipping",
        IMPORT_JOB,
        "--speed",
        "EXPRESS",
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("/dev/zero"), "{err}");
    // Token files aws-config reads itself are checked before it does.
    for (var, path) in [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/dev/zero"),
        ("AWS_WEB_IDENTITY_TOKEN_FILE", fifo),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/dev/urandom"),
    ] {
        let mut cmd = env.bare();
        cmd.timeout(std::time::Duration::from_secs(20))
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", env.server.url())
            .env(var, path)
            .env("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
            .env(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:1/creds",
            )
            .args(["show", IMPORT_JOB]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 5, "{var}={path}: {err}");
        assert!(
            err.contains(path) && err.contains(var),
            "{var}={path}: {err}"
        );
    }
    assert!(env.server.journal().is_empty(), "{:?}", env.ops());

    // A file that does not parse is named, with the line.
    std::fs::write(
        home.join("config"),
        "[default]\nregion = us-east-1\n[broken\n",
    )
    .unwrap();
    let (code, _, err) = env.run(["show", IMPORT_JOB]).text();
    assert_eq!(code, 5, "{err}");
    let config = home.join("config");
    assert!(
        err.contains(config.to_str().unwrap()) && err.contains("on line 3"),
        "{err}"
    );

    // Waiting for a FIFO does not keep Ctrl-C from ending the run at once.
    let mut cmd = env.snowjob_std();
    cmd.env("AWS_CONFIG_FILE", fifo)
        .args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
    let (code, took) = interrupted(cmd, std::time::Duration::from_millis(500));
    assert_eq!(code, 130);
    assert!(took < std::time::Duration::from_secs(3), "{took:?}");
    assert!(env.server.journal().is_empty(), "{:?}", env.ops());

    // A FIFO that delivers (a shell's `<(…)`) and /dev/null are read as files are.
    let delivering = env.home.path().join("delivering-fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&delivering)
        .status();
    assert!(made.unwrap().success());
    let writer = {
        let delivering = delivering.clone();
        std::thread::spawn(move || std::fs::write(delivering, "[default]\nregion = us-east-1\n"))
    };
    let mut cmd = env.snowjob();
    cmd.env_remove("AWS_REGION")
        .env("AWS_CONFIG_FILE", &delivering)
        .args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    writer.join().unwrap().unwrap();
    let mut cmd = env.snowjob();
    cmd.env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");

    // A large but ordinary config file is still read.
    let comments = "# a generated profile, say\n".repeat(40_000);
    std::fs::write(
        home.join("config"),
        format!("{comments}[default]\nregion = us-east-1\n"),
    )
    .unwrap();
    let mut cmd = env.snowjob();
    cmd.env_remove("AWS_REGION").args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
}

/// The endpoint URL's query string, fragment and password never show: not in
/// --debug, not in a message refusing the URL.
#[test]
fn the_endpoints_query_string_never_shows() {
    let env = Env::demo();
    let secrets = ["QUERYSECRET1", "QUERYSECRET2", "FRAGSECRET", "hunter2"];
    let url = format!(
        "{}/?X-Amz-Security-Token=QUERYSECRET1&k=QUERYSECRET2#FRAGSECRET",
        env.server.url().replace("http://", "http://user:hunter2@")
    );
    let (code, out, err) = env
        .run([
            "--debug",
            "--endpoint-url",
            &url,
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("[debug] region") && err.contains("?<redacted>"),
        "{err}"
    );
    for secret in secrets {
        assert!(
            !err.contains(secret) && !out.contains(secret),
            "{secret}: {err}"
        );
    }

    let bad = "http://user:hunter2@snow example/?X-Amz-Security-Token=QUERYSECRET1#FRAGSECRET";
    std::fs::write(
        env.home.path().join("config"),
        format!("[profile ops]\nendpoint_url = {bad}\n"),
    )
    .unwrap();
    type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], i32, &'a str);
    let cases: [Case; 4] = [
        (&[], &["--endpoint-url", bad], 2, "--endpoint-url"),
        (&[("AWS_ENDPOINT_URL", bad)], &[], 5, "AWS_ENDPOINT_URL"),
        (
            &[("AWS_ENDPOINT_URL_SNOWBALL", bad)],
            &[],
            5,
            "AWS_ENDPOINT_URL_SNOWBALL",
        ),
        (&[], &["--profile", "ops"], 5, "endpoint_url in profile ops"),
    ];
    for (vars, flags, expected, named) in cases {
        let mut cmd = env.snowjob();
        cmd.env_remove("AWS_ENDPOINT_URL");
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.args(flags).args(["--debug", "show", IMPORT_JOB]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, expected, "{named}: {err}");
        assert!(err.contains(named) && err.contains("snow example"), "{err}");
        for secret in secrets {
            assert!(!err.contains(secret), "{named}: {secret}: {err}");
        }
    }
}

#[test]
fn yaml_output_escapes_invisible_and_bidi_characters_and_reads_back_the_same() {
    let env = Env::demo();
    let text = "pay\u{202e}fdp.exe \u{200b}zero \u{e0041}tag \u{9b}csi";
    let id = seed_job(&env, text);
    let (code, out, err) = env.run(["show", &id, "-o", "yaml"]).text();
    assert_eq!(code, 0, "{err}");
    for raw in ['\u{202e}', '\u{200b}', '\u{e0041}', '\u{9b}'] {
        assert!(!out.contains(raw), "{raw:?} raw in {out}");
    }
    assert!(
        out.contains(r"\u202E") && out.contains(r"\U000E0041"),
        "{out}"
    );
    let doc: serde_json::Value = serde_yaml::from_str(&out).unwrap();
    assert_eq!(doc[0]["Description"], text, "{out}");
}
