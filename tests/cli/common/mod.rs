//! The harness: snowball-local in-process on 127.0.0.1, and the built `snowjob`
//! binary run against it with an AWS environment of its own (temporary config
//! and credentials files, no instance metadata), so nothing leaks in from the
//! machine.

use assert_cmd::Command;
use serde_json::Value as Json;
use snowball_local::{Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, LocalServer};

pub use snowball_local::backend::demo::{
    CLUSTER as DEMO_CLUSTER, COMPUTE_JOB, EXPORT_JOB, FORWARDING_ADDRESS, HOME_ADDRESS, IMPORT_JOB,
    LOCKED_JOB, SERVICES_JOB,
};

pub const MISSING_JOB: &str = "JID99999999-9999-4999-8999-999999999999";
pub const MISSING_ADDRESS: &str = "ADID99999999-9999-4999-8999-999999999999";

pub struct Env {
    pub server: LocalServer,
    pub home: tempfile::TempDir,
}

impl Env {
    pub fn demo() -> Env {
        Env::with(Config {
            demo: true,
            ..Config::default()
        })
    }

    pub fn with(config: Config) -> Env {
        Env {
            server: LocalServer::start(config).expect("snowball-local starts"),
            home: tempfile::tempdir().unwrap(),
        }
    }

    /// `snowjob` with credentials for the endpoint and AWS_ENDPOINT_URL pointing at it.
    pub fn snowjob(&self) -> Command {
        let mut cmd = Command::from_std(self.snowjob_std());
        cmd.timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// `snowjob` with an empty AWS environment: no credentials, region or endpoint.
    pub fn bare(&self) -> Command {
        let mut cmd = Command::from_std(self.bare_std());
        cmd.timeout(std::time::Duration::from_secs(60));
        cmd
    }

    /// [`Env::snowjob`] as a plain process, for tests that need its pipes or a pid.
    pub fn snowjob_std(&self) -> std::process::Command {
        let mut cmd = self.bare_std();
        cmd.env("AWS_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY)
            .env("AWS_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_ENDPOINT_URL", self.server.url());
        cmd
    }

    pub fn bare_std(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("snowjob"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.home.path())
            .env("AWS_CONFIG_FILE", self.home.path().join("config"))
            .env(
                "AWS_SHARED_CREDENTIALS_FILE",
                self.home.path().join("credentials"),
            )
            .env("AWS_EC2_METADATA_DISABLED", "true");
        cmd
    }

    pub fn job(&self, id: &str) -> Json {
        self.server.job(id).expect("job exists on the endpoint")
    }

    /// Operations the endpoint saw, e.g. `["DescribeJob", "UpdateJob"]`.
    pub fn ops(&self) -> Vec<String> {
        self.server.operations()
    }

    /// `n` jobs beyond the demo's four pending ones, copies of the import job.
    pub fn more_jobs(&self, n: usize) -> Vec<String> {
        let jobs: Vec<Json> = (0..n)
            .map(|i| {
                let mut job = self.job(IMPORT_JOB);
                job["JobId"] =
                    serde_json::json!(format!("JID00000000-0000-4000-8000-0000000001{i:02}"));
                job
            })
            .collect();
        self.server
            .seed(&serde_json::json!({"Jobs": jobs, "Addresses": []}))
            .expect("seeded")
    }

    /// The inputs of every UpdateJob the endpoint received.
    pub fn updates(&self) -> Vec<Json> {
        self.server
            .journal()
            .into_iter()
            .filter(|e| e.operation == "UpdateJob")
            .map(|e| e.input)
            .collect()
    }
}

/// Runs and returns (exit code, stdout, stderr).
pub fn run(mut cmd: Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs with `-o json` and parses stdout.
pub fn run_json(mut cmd: Command) -> (i32, Json, String) {
    cmd.args(["-o", "json"]);
    let (code, out, err) = run(cmd);
    let json = serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {out}\nstderr: {err}"));
    (code, json, err)
}

/// A job with every member but the one named, to compare what must survive.
pub fn without(job: &Json, keys: &[&str]) -> Json {
    let mut job = job.clone();
    for k in keys {
        job.as_object_mut().unwrap().remove(*k);
    }
    job
}

/// A run of `snowjob` being set up: `env.run(["show", ID]).env("K", "V").stdin(text)`,
/// then `.text()` or `.json()` for (exit code, stdout, stderr).
pub struct Run {
    cmd: Command,
}

impl Env {
    /// `snowjob ARGS` against this endpoint, with credentials and region.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut cmd = self.snowjob();
        cmd.args(args);
        Run { cmd }
    }
}

impl Run {
    pub fn env(mut self, name: &str, value: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.env(name, value);
        self
    }

    pub fn stdin(mut self, text: impl Into<Vec<u8>>) -> Run {
        self.cmd.write_stdin(text);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Run {
        self.cmd.arg(arg);
        self
    }

    pub fn timeout(mut self, limit: std::time::Duration) -> Run {
        self.cmd.timeout(limit);
        self
    }

    pub fn args<I, S>(mut self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(args);
        self
    }

    /// (exit code, stdout, stderr).
    pub fn text(self) -> (i32, String, String) {
        run(self.cmd)
    }

    /// With `-o json`: (exit code, stdout parsed, stderr).
    pub fn json(self) -> (i32, Json, String) {
        run_json(self.cmd)
    }
}

/// A fault for the next `count` calls of `operation`.
pub fn fault(
    operation: &str,
    count: u32,
    action: snowball_local::FaultAction,
) -> snowball_local::Fault {
    snowball_local::Fault {
        operation: operation.into(),
        count,
        action,
    }
}

/// Run the call, then close the connection without a reply; `state`: the
/// job's state after the call.
pub fn drop_reply(state: Option<&str>) -> snowball_local::FaultAction {
    snowball_local::FaultAction::DropReply {
        state: state.map(str::to_string),
        job_id: None,
    }
}

/// Runs `cmd` (stdout and stderr captured) until `ready` holds (checked
/// every 20 ms, for at most 20 s), waits `settle`, then sends each of
/// `signals` (`-TERM`, `-INT`), 200 ms apart, and returns what it printed.
pub fn signalled_when(
    mut cmd: std::process::Command,
    ready: impl Fn() -> bool,
    settle: std::time::Duration,
    signals: &[&str],
) -> std::process::Output {
    use std::time::{Duration, Instant};
    let child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !ready() {
        if started.elapsed() > Duration::from_secs(20) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &child.id().to_string()])
                .status();
            panic!("not ready within 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(settle);
    for signal in signals {
        let sent = std::process::Command::new("kill")
            .args([*signal, &child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        std::thread::sleep(Duration::from_millis(200));
    }
    child.wait_with_output().unwrap()
}

/// [`signalled_when`] the endpoint has answered `answered` requests.
pub fn interrupted(
    env: &Env,
    cmd: std::process::Command,
    answered: usize,
    settle: std::time::Duration,
    signals: &[&str],
) -> std::process::Output {
    signalled_when(cmd, || env.ops().len() >= answered, settle, signals)
}

/// Each run's outcomes, in input order; every run must exit 0.
pub fn outcomes_of(children: Vec<std::process::Child>) -> Vec<Vec<String>> {
    children
        .into_iter()
        .map(|child| {
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{err}");
            let results: Json = serde_json::from_slice(&out.stdout).unwrap();
            results
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["Outcome"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}
