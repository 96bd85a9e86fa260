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
        ["other.json.tmp4242", "state.json", "state.json.tmpnotes"]
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
    for flag in ["--region", "--header-timeout", "--state-file"] {
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
