//! The `snowball-local` binary as users run it: flags, the state file across a
//! kill -9, and errors that name what is wrong. Every child is a
//! [`common::Running`], killed when its test ends, passed or failed.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{Running, client_in, read_until_closed};
use snowball_local::backend::demo;

fn run_binary(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_snowball-local"))
        .args(args)
        .output()
        .unwrap()
}

fn path_arg(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[tokio::test]
async fn kill_9_then_restart_with_demo_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--demo", "--state-file", path_arg(&state)];
    let first = Running::start(&args);
    client_in(&first.url, "us-east-1")
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .description("kept across kill -9")
        .send()
        .await
        .unwrap();
    first.kill();

    let second = Running::start(&args);
    let meta = client_in(&second.url, "us-east-1")
        .describe_job()
        .job_id(demo::IMPORT_JOB)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap();
    assert_eq!(meta.description(), Some("kept across kill -9"));
}

#[test]
fn stale_temp_files_are_removed_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    for name in [
        "state.json.tmp4242",
        "state.json.tmpnotes",
        "other.json.tmp4242",
    ] {
        std::fs::write(dir.path().join(name), "{").unwrap();
    }
    let _server = Running::start(&["--demo", "--state-file", path_arg(&state)]);
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "other.json.tmp4242",
            "state.json",
            "state.json.lock",
            "state.json.tmpnotes"
        ]
    );
}

#[test]
fn a_corrupt_state_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    for corrupt in [
        "{\"Jobs\": [",
        "[1, 2]",
        "{\"Jobs\": [{\"JobType\": \"WARP\"}]}",
    ] {
        std::fs::write(&state, corrupt).unwrap();
        let out = run_binary(&["--demo", "--state-file", path_arg(&state)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{corrupt}");
        assert!(stderr.contains(path_arg(&state)), "{corrupt}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        // Left as it was for the user to look at.
        assert_eq!(std::fs::read_to_string(&state).unwrap(), corrupt);
    }
}

#[tokio::test]
async fn the_region_flag_restricts_signing_regions() {
    let any = Running::start(&["--demo"]);
    for region in ["eu-west-1", "cn-north-1"] {
        assert!(client_in(&any.url, region).list_jobs().send().await.is_ok());
    }
    let only = Running::start(&["--demo", "--region", "us-east-1"]);
    let err = client_in(&only.url, "eu-west-1")
        .list_jobs()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
    assert!(
        client_in(&only.url, "us-east-1")
            .list_jobs()
            .send()
            .await
            .is_ok()
    );
}

#[test]
fn the_header_timeout_flag_closes_a_half_sent_request() {
    let server = Running::start(&["--header-timeout", "1s"]);
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream.write_all(b"POST / HTTP/1.1\r\nhost: x\r\n").unwrap();
    let (_, waited) = read_until_closed(stream);
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(4)).contains(&waited),
        "closed after {waited:?}"
    );
}

#[test]
fn help_describes_region_and_timeouts() {
    let out = run_binary(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for flag in [
        "--region",
        "--header-timeout",
        "--state-file",
        "--rate-limit",
        "--latency",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
    assert!(help.contains("any region"), "{help}");
}

#[test]
fn a_bad_seed_file_names_the_culprit() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.yaml");
    std::fs::write(&seed, "Jobs:\n  - JobType: IMPORT\n    SnowballType: EDGE\n  - JobType: IMPORT\n    SnowballType: WARP\n").unwrap();
    let out = run_binary(&["--seed", path_arg(&seed)]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Jobs[1].SnowballType"), "{stderr}");
}

/// The state file's lines, for a test to take apart.
fn lines_of(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

async fn describe(url: &str, job: &str) -> aws_sdk_snowball::types::JobMetadata {
    client_in(url, "us-east-1")
        .describe_job()
        .job_id(job)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap()
}

#[tokio::test]
async fn kill_9_right_after_replies_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let first = Running::start(&["--demo", "--state-file", path_arg(&state)]);
    let c = client_in(&first.url, "us-east-1");
    for i in 0..20 {
        c.update_job()
            .job_id(demo::IMPORT_JOB)
            .description(format!("edit {i}"))
            .send()
            .await
            .unwrap();
    }
    c.cancel_job()
        .job_id(demo::EXPORT_JOB)
        .send()
        .await
        .unwrap();
    let (status, _) = common::control(
        first.addr(),
        "PUT",
        &format!("jobs/{}/state", demo::COMPUTE_JOB),
        r#"{"state": "WithCustomer"}"#,
    );
    assert_eq!(status, 200);
    let (_, jobs) = common::control(first.addr(), "GET", "jobs", "");
    let (_, clusters) = common::control(first.addr(), "GET", "clusters", "");
    // Killed right after the last reply.
    first.kill();

    let second = Running::start(&["--state-file", path_arg(&state)]);
    let (_, jobs_after) = common::control(second.addr(), "GET", "jobs", "");
    let (_, clusters_after) = common::control(second.addr(), "GET", "clusters", "");
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(parse(&jobs_after), parse(&jobs));
    assert_eq!(parse(&clusters_after), parse(&clusters));
    assert_eq!(
        describe(&second.url, demo::IMPORT_JOB).await.description(),
        Some("edit 19")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn kill_9_during_a_batch_of_edits_loses_no_acknowledged_edit() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let jobs = [
        demo::IMPORT_JOB,
        demo::EXPORT_JOB,
        demo::COMPUTE_JOB,
        demo::SERVICES_JOB,
    ];
    // What each job's description must be: the last acknowledged edit, or
    // the one in flight when the server was killed.
    let mut acked: Vec<Option<u64>> = vec![None; jobs.len()];
    for round in 0..3 {
        let server = Running::start(&["--demo", "--state-file", path_arg(&state)]);
        for (i, job) in jobs.iter().enumerate() {
            let stored = describe(&server.url, job).await;
            let stored: Option<u64> = stored.description().and_then(|d| d.parse().ok());
            let last = acked[i];
            assert!(
                stored == last || stored == last.map(|n| n + 1).or(Some(0)),
                "round {round}, {job}: stored {stored:?}, last acknowledged {last:?}"
            );
            acked[i] = stored;
        }
        let mut workers = Vec::new();
        for (i, job) in jobs.iter().enumerate() {
            let c = client_in(&server.url, "us-east-1");
            let job = job.to_string();
            let mut next = acked[i].map_or(0, |n| n + 1);
            workers.push(tokio::spawn(async move {
                let mut last = None;
                loop {
                    let sent = c
                        .update_job()
                        .job_id(&job)
                        .description(next.to_string())
                        .send()
                        .await;
                    if sent.is_err() {
                        return last;
                    }
                    last = Some(next);
                    next += 1;
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(300 + 100 * round)).await;
        server.kill();
        for (i, worker) in workers.into_iter().enumerate() {
            if let Some(last) = worker.await.unwrap() {
                acked[i] = Some(last);
            }
        }
    }
    assert!(acked.iter().all(|n| n.is_some_and(|n| n > 0)), "{acked:?}");
}

#[tokio::test]
async fn a_torn_last_line_is_discarded_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let args = ["--demo", "--state-file", path_arg(&state)];
    let first = Running::start(&args);
    client_in(&first.url, "us-east-1")
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .description("kept")
        .send()
        .await
        .unwrap();
    first.kill();
    // A change cut short by a kill mid-write: no newline.
    let lines = lines_of(&state);
    assert_eq!(lines.len(), 2, "a snapshot and one change");
    let torn = &lines[1][..lines[1].len() / 2];
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&state)
        .unwrap();
    file.write_all(torn.as_bytes()).unwrap();
    drop(file);

    let second = Running::start_capturing_stderr(&args);
    assert_eq!(
        describe(&second.url, demo::IMPORT_JOB).await.description(),
        Some("kept")
    );
    // Rewritten at start: the torn line is gone.
    let text = std::fs::read_to_string(&state).unwrap();
    assert!(text.ends_with('\n') && text.lines().count() == 1, "{text}");
    let stderr = second.kill_for_stderr();
    assert!(stderr.contains(path_arg(&state)), "{stderr}");
    assert!(
        stderr.contains("line 3") && stderr.contains("discarded"),
        "{stderr}"
    );
}

#[tokio::test]
async fn unreadable_lines_are_refused_naming_path_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let first = Running::start(&["--demo", "--state-file", path_arg(&state)]);
    client_in(&first.url, "us-east-1")
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .description("one change")
        .send()
        .await
        .unwrap();
    first.kill();
    let lines = lines_of(&state);
    let (snapshot, change) = (&lines[0], &lines[1]);
    let half = &change[..change.len() / 2];
    let wrong_state = format!(
        r#"{{"Jobs": [{{"JobMetadata": {{"JobId": "{}", "JobState": "Exploded"}}, "WindowEnds": null}}]}}"#,
        demo::IMPORT_JOB
    );
    let newer = snapshot.replacen(
        r#"{"SnowballLocalState":1,"#,
        r#"{"SnowballLocalState":2,"#,
        1,
    );
    for (text, culprit) in [
        (
            format!("{snapshot}\nnot json {{\n{change}\n"),
            "line 2: not valid JSON",
        ),
        (
            format!("{snapshot}\n{half}\n{change}\n"),
            "line 2: not valid JSON",
        ),
        (
            format!("{snapshot}\n{change}\n[1, 2]\n{change}\n"),
            "line 3: expected a map",
        ),
        (
            format!("{snapshot}\n{wrong_state}\n"),
            "line 2: Jobs[0].JobMetadata.JobState",
        ),
        (
            format!("{snapshot}\n{{\"Nodes\": []}}\n"),
            "line 2: Nodes: unknown key",
        ),
        (
            format!("{snapshot}\n{{\"Jobs\": [{{\"WindowEnds\": 1}}]}}\n"),
            "line 2: Jobs[0].JobMetadata: missing",
        ),
        (
            format!("{snapshot}\n{{\"Jobs\": {{}}}}\n"),
            "line 2: Jobs: expected a list",
        ),
        (
            format!("{snapshot}\n{{\"Addresses\": [{{\"RemovedAddress\": 7}}]}}\n"),
            "line 2: Addresses[0]",
        ),
        (format!("{snapshot}\n\n{change}\n"), "line 2: an empty line"),
        (format!("{newer}\n"), "line 1: SnowballLocalState 2"),
        (
            r#"{"SnowballLocalState":1,"Snapshot":{},"More":1}"#.to_string(),
            "line 1: expected",
        ),
    ] {
        std::fs::write(&state, &text).unwrap();
        let out = run_binary(&["--demo", "--state-file", path_arg(&state)]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{culprit}: started");
        assert!(
            stderr.contains(&format!("{} {culprit}", path_arg(&state))),
            "{culprit}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        // Left as it was for the user to look at.
        assert_eq!(std::fs::read_to_string(&state).unwrap(), text);
    }
}

#[test]
fn a_state_file_that_is_a_directory_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    std::fs::create_dir(&state).unwrap();
    let out = run_binary(&["--demo", "--state-file", path_arg(&state)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains(path_arg(&state)), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(state.is_dir());
}

#[test]
fn bad_rate_limits_are_refused_at_start() {
    for bad in [
        "0", "-2", "nan", "inf", "fast", "2,0", "2,1.5", "2,", "1,2,3",
    ] {
        let out = run_binary(&["--demo", "--rate-limit", bad]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains("--rate-limit"), "{bad}: {stderr}");
    }
    let out = run_binary(&["--demo", "--latency", "soon"]);
    assert_eq!(out.status.code(), Some(2));
}

#[tokio::test]
async fn rate_limit_and_latency_flags_apply_to_snowball_calls() {
    let server = Running::start(&["--demo", "--rate-limit", "0.1,2", "--latency", "300ms"]);
    let c = client_in(&server.url, "us-east-1");
    let started = std::time::Instant::now();
    c.list_jobs().send().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    c.list_jobs().send().await.unwrap();
    let err = c.list_jobs().send().await.unwrap_err();
    let err = err.into_service_error();
    assert_eq!(
        aws_sdk_snowball::error::ProvideErrorMetadata::code(&err),
        Some("ThrottlingException")
    );
    let (status, journal) = common::control(server.addr(), "GET", "journal", "");
    assert_eq!(status, 200);
    assert!(journal.contains("\"throttled\""), "{journal}");
}

/// Starts the binary expecting it to refuse: (exit code, stdout, stderr).
/// Bounded, so a start-up that hangs fails the test instead of holding it.
fn refused(args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_snowball-local"))
        .args(["--port", "0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?}: still running after 10s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Starts the binary and reads its URL line; the child is killed when the
/// returned guard drops.
fn started_at(args: &[&str]) -> (Running, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_snowball-local"))
        .args(["--port", "0"])
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let running = Running {
        child,
        url: String::new(),
    };
    let mut line = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut line).unwrap();
    (running, line.trim().to_string())
}

const TOKEN: &str = "a-control-token-of-our-own-0123";

fn token_file(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("token");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn beyond_loopback_it_refuses_to_start_without_a_control_token() {
    let own_keys = ["--access-key", "AKIDOWNKEY", "--secret-key", "own-secret"];
    for host in ["0.0.0.0", "::"] {
        let mut args = vec!["--demo", "--host", host];
        args.extend(own_keys);
        let (code, out, err) = refused(&args);
        assert_eq!(code, Some(2), "{host}: {err}");
        assert_eq!(out, "", "{host}: no URL printed");
        assert!(
            err.contains(host) && err.contains("--control-token"),
            "{host}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // All of 127.0.0.0/8 is loopback: no token needed.
    let (_server, url) = started_at(&["--demo", "--host", "127.0.0.2"]);
    assert!(url.starts_with("http://127.0.0.2:"), "{url}");
}

#[test]
fn beyond_loopback_the_documentation_keys_and_no_auth_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let token = token_file(dir.path(), TOKEN);
    let token = path_arg(&token);
    for extra in [
        &[][..],
        &[
            "--access-key",
            snowball_local::DEFAULT_ACCESS_KEY,
            "--secret-key",
            "x",
        ][..],
        &["--no-auth"][..],
    ] {
        let mut args = vec!["--host", "0.0.0.0", "--control-token-file", token];
        args.extend(extra);
        let (code, out, err) = refused(&args);
        assert_eq!(code, Some(2), "{extra:?}: {err}");
        assert_eq!(out, "");
        assert!(err.contains("0.0.0.0"), "{extra:?}: {err}");
        let named = if extra == ["--no-auth"] {
            "--no-auth"
        } else {
            snowball_local::DEFAULT_ACCESS_KEY
        };
        assert!(err.contains(named), "{extra:?}: {err}");
        assert!(!err.contains(TOKEN), "the token is never printed: {err}");
    }
    // With a token and keys of its own it starts.
    let (_server, url) = started_at(&[
        "--host",
        "0.0.0.0",
        "--control-token-file",
        token,
        "--access-key",
        "AKIDOWNKEY",
        "--secret-key",
        "own-secret",
    ]);
    assert!(url.starts_with("http://0.0.0.0:"), "{url}");
}

#[test]
fn bad_control_tokens_are_refused_without_printing_them() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    for (args, says) in [
        (vec!["--control-token", "short"], "at least 16"),
        (
            vec!["--control-token", "has a space in it, long enough"],
            "--control-token",
        ),
        (vec!["--control-token", ""], "--control-token"),
        (
            vec![
                "--control-token-file",
                path_arg(&token_file(dir.path(), "\n")),
            ],
            "empty",
        ),
        (
            vec!["--control-token-file", path_arg(&missing)],
            path_arg(&missing),
        ),
        (
            vec![
                "--control-token",
                TOKEN,
                "--control-token-file",
                path_arg(&missing),
            ],
            "cannot be used with",
        ),
    ] {
        let (code, out, err) = refused(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert_eq!(out, "");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!err.contains("in it, long enough"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn with_a_control_token_every_control_request_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    // A token file as editors and `echo` write it: the newline is not part of it.
    let file = token_file(dir.path(), &format!("{TOKEN}\n"));
    // A token may start with a dash: it is a value, never taken for a flag.
    let dashed = "--a-token-like-a-flag";
    for (args, token) in [
        (vec!["--demo", "--control-token", TOKEN], TOKEN),
        (vec!["--demo", "--control-token", dashed], dashed),
        (
            vec!["--demo", "--control-token-file", path_arg(&file)],
            TOKEN,
        ),
    ] {
        let server = Running::start(&args);
        let bearer = format!("Bearer {token}");
        let wrong = format!("Bearer {token}x");
        let short = format!("Bearer {}", &token[..token.len() - 1]);
        for (method, path, body) in [
            ("GET", "/_local/jobs", ""),
            ("GET", "/_local/journal", ""),
            ("POST", "/_local/faults", r#"{"kind": "panic"}"#),
            ("PUT", "/_local/jobs/x/state", r#"{"state": "New"}"#),
            ("POST", "/_local/seed", r#"{"Jobs": []}"#),
            ("GET", "/_local/nothing-here", ""),
        ] {
            for header in [
                None,
                Some(("authorization", wrong.as_str())),
                Some(("authorization", short.as_str())),
                Some(("authorization", token)),
                Some(("x-snowball-local-token", token)),
            ] {
                let headers: Vec<_> = header.into_iter().collect();
                let raw = common::request(server.addr(), method, path, &headers, body.as_bytes());
                assert_eq!(
                    raw.status,
                    401,
                    "{method} {path} {headers:?}: {}",
                    raw.text()
                );
                assert!(
                    raw.head.contains("www-authenticate: bearer"),
                    "{}",
                    raw.head
                );
                assert!(!raw.text().contains(token), "{}", raw.text());
            }
        }
        // Nothing was changed by the refused requests.
        let auth = [("authorization", bearer.as_str())];
        let raw = common::request(server.addr(), "GET", "/_local/faults", &auth, b"");
        assert_eq!((raw.status, raw.text().trim()), (200, "[]"));
        let raw = common::request(server.addr(), "GET", "/_local/jobs", &auth, b"");
        assert_eq!(raw.status, 200);
        assert!(raw.text().contains(demo::IMPORT_JOB), "{}", raw.text());
        let lower = format!("bearer {token}");
        let raw = common::request(
            server.addr(),
            "GET",
            "/_local/journal",
            &[("authorization", lower.as_str())],
            b"",
        );
        assert_eq!(raw.status, 200, "the scheme is case-insensitive");
    }
}

#[tokio::test]
async fn a_control_token_does_not_stand_in_the_way_of_signed_calls() {
    let server = Running::start(&["--demo", "--control-token", TOKEN]);
    let job = describe(&server.url, demo::IMPORT_JOB).await;
    assert_eq!(job.job_id(), Some(demo::IMPORT_JOB));
}

#[test]
fn help_says_how_to_send_the_control_token() {
    let out = run_binary(&["--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for needed in [
        "--control-token",
        "--control-token-file",
        "Authorization: Bearer",
    ] {
        assert!(help.contains(needed), "{needed}: {help}");
    }
}

async fn set_description(url: &str, job: &str, text: &str) {
    client_in(url, "us-east-1")
        .update_job()
        .job_id(job)
        .description(text)
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn a_second_server_on_one_state_file_is_refused_naming_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&state, &link).unwrap();
    let first = Running::start(&["--demo", "--state-file", path_arg(&state)]);
    let holder = first.child.id().to_string();
    // By its own name, or through a link to it.
    for path in [&state, &link] {
        let (code, out, err) = refused(&["--demo", "--state-file", path_arg(path)]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(out, "", "no URL printed");
        assert!(
            err.contains(path_arg(&state)) && err.contains(&holder),
            "names the file and the PID {holder}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // The first one's acknowledged writes are all kept.
    set_description(&first.url, demo::IMPORT_JOB, "written by the first").await;
    first.kill();
    // Its lock went with it (kill -9 included): the next start is let in.
    let second = Running::start(&["--state-file", path_arg(&state)]);
    assert_eq!(
        describe(&second.url, demo::IMPORT_JOB).await.description(),
        Some("written by the first")
    );
}

#[tokio::test]
async fn a_state_file_that_is_a_symlink_is_followed() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("state.json");
    let link = dir.path().join("state.json");
    std::os::unix::fs::symlink("real/state.json", &link).unwrap();
    std::fs::write(&real, "").unwrap();
    let args = ["--demo", "--state-file", path_arg(&link)];
    let first = Running::start(&args);
    set_description(&first.url, demo::IMPORT_JOB, "through the link").await;
    first.kill();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .contains("through the link")
    );
    let second = Running::start(&args);
    assert_eq!(
        describe(&second.url, demo::IMPORT_JOB).await.description(),
        Some("through the link")
    );
    drop(second);
    // A link to nothing is refused by name.
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink("nowhere/state.json", &dangling).unwrap();
    let (code, out, err) = refused(&["--state-file", path_arg(&dangling)]);
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert!(
        err.contains(path_arg(&dangling)) && err.contains("symbolic link"),
        "{err}"
    );
}

#[test]
fn a_state_file_that_is_a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("state.json");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (code, out, err) = refused(&["--demo", "--state-file", path_arg(&fifo)]);
    assert_eq!((code, out.as_str()), (Some(1), ""), "{err}");
    assert!(
        err.contains(path_arg(&fifo)) && err.contains("not a regular file"),
        "{err}"
    );
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind), "left alone");
}

#[test]
fn an_empty_state_file_is_a_new_state() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state.json");
    // As `mktemp` or `touch` leave it: --demo initialises it.
    std::fs::write(&state, "").unwrap();
    let server = Running::start(&["--demo", "--state-file", path_arg(&state)]);
    let (status, jobs) = common::control(server.addr(), "GET", "jobs", "");
    assert_eq!(status, 200);
    assert!(jobs.contains(demo::IMPORT_JOB), "{jobs}");
    drop(server);
    std::fs::write(&state, "\n").unwrap();
    let server = Running::start(&["--state-file", path_arg(&state)]);
    let (_, jobs) = common::control(server.addr(), "GET", "jobs", "");
    assert_eq!(jobs.trim(), "[]");
}

#[test]
fn json_seeds_with_surrogate_pair_escapes_load() {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed.json");
    // What Python's json.dump writes for an emoji (ensure_ascii): a
    // surrogate pair; and an escaped backslash before a `u`.
    std::fs::write(
        &seed,
        r#"{"Jobs": [{"JobType": "IMPORT", "SnowballType": "EDGE", "Description": "\ud83d\ude00 caf\u00e9 \\ud83d \uD83C\uDF89"}]}"#,
    )
    .unwrap();
    let server = Running::start(&["--seed", path_arg(&seed)]);
    let (_, jobs) = common::control(server.addr(), "GET", "jobs", "");
    let jobs: serde_json::Value = serde_json::from_str(&jobs).unwrap();
    assert_eq!(
        jobs[0]["Description"], "\u{1F600} caf\u{e9} \\ud83d \u{1F389}",
        "{jobs}"
    );
    drop(server);
    // A lone surrogate is not JSON: refused naming the file.
    std::fs::write(
        &seed,
        r#"{"Jobs": [{"JobType": "IMPORT", "SnowballType": "EDGE", "Description": "\ud83d"}]}"#,
    )
    .unwrap();
    let (code, _, err) = refused(&["--seed", path_arg(&seed)]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(path_arg(&seed)), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // A state file of the older one-document format, written the same way.
    let state = dir.path().join("state.json");
    std::fs::write(
        &state,
        r#"{"Jobs": [{"JobType": "IMPORT", "SnowballType": "EDGE", "Description": "\ud83d\ude00"}]}"#,
    )
    .unwrap();
    let server = Running::start(&["--state-file", path_arg(&state)]);
    let (_, jobs) = common::control(server.addr(), "GET", "jobs", "");
    let jobs: serde_json::Value = serde_json::from_str(&jobs).unwrap();
    assert_eq!(jobs[0]["Description"], "\u{1F600}", "{jobs}");
}

#[test]
fn a_state_file_that_is_a_socket_or_no_file_at_all_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let socket = dir.path().join("state.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (path, says) in [
        (path_arg(&socket), "a socket"),
        ("/", "not the path of a file"),
        ("..", "not the path of a file"),
    ] {
        let (code, out, err) = refused(&["--state-file", path]);
        assert_eq!((code, out.as_str()), (Some(1), ""), "{path:?}: {err}");
        assert!(err.contains(says), "{path:?}: {err}");
    }
    let kind = std::fs::symlink_metadata(&socket).unwrap().file_type();
    assert!(
        std::os::unix::fs::FileTypeExt::is_socket(&kind),
        "left alone"
    );
    assert!(!Path::new(".lock").exists());
}
