//! Helpers shared by snowball-local's integration tests: SDK clients, raw HTTP
//! and the binary run as a child process that cannot outlive its test.

#![allow(dead_code)] // each test binary uses its own subset

use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::{Credentials, Region};
use snowball_local::{Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, LocalServer};

pub fn demo_server() -> LocalServer {
    LocalServer::start(Config {
        demo: true,
        ..Config::default()
    })
    .unwrap()
}

pub fn client_at(url: &str, access: &str, secret: &str, region: &str) -> Client {
    let config = aws_sdk_snowball::Config::builder()
        .behavior_version(aws_sdk_snowball::config::BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new(region.to_string()))
        .credentials_provider(Credentials::new(access, secret, None, None, "test"))
        .retry_config(aws_sdk_snowball::config::retry::RetryConfig::standard().with_max_attempts(1))
        .build();
    Client::from_conf(config)
}

/// A client with the endpoint's default key pair, signing for `region`.
pub fn client_in(url: &str, region: &str) -> Client {
    client_at(url, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, region)
}

/// A raw HTTP/1.1 reply: status, head (lowercase) and body.
pub struct Raw {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Raw {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends one raw HTTP/1.1 request on a new connection and reads the reply.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Raw {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let mut req = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).unwrap();
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP reply: {:?}", String::from_utf8_lossy(&reply)));
    let head = String::from_utf8_lossy(&reply[..split]).to_lowercase();
    let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
    Raw {
        status,
        head,
        body: reply[split + 4..].to_vec(),
    }
}

/// A control API call: `(status, body as JSON or text)`.
pub fn control(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let raw = request(
        addr,
        method,
        &format!("/_local/{path}"),
        &[("content-type", "application/json")],
        body.as_bytes(),
    );
    (raw.status, raw.text())
}

/// Reads until the server closes the connection; returns what it sent and when.
pub fn read_until_closed(mut stream: std::net::TcpStream) -> (String, Duration) {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut got = Vec::new();
    let _ = stream.read_to_end(&mut got);
    (
        String::from_utf8_lossy(&got).into_owned(),
        started.elapsed(),
    )
}

/// The `snowball-local` binary running as a child; killed and reaped when
/// dropped, so a failing test leaves no process behind.
pub struct Running {
    pub child: Child,
    pub url: String,
}

impl Running {
    pub fn start(args: &[&str]) -> Running {
        Self::spawn(args, Stdio::inherit())
    }

    /// As [`Running::start`], with stderr kept for [`Running::kill_for_stderr`].
    pub fn start_capturing_stderr(args: &[&str]) -> Running {
        Self::spawn(args, Stdio::piped())
    }

    fn spawn(args: &[&str], stderr: Stdio) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_snowball-local"))
            .args(["--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take();
        // Guard first, so a failed read below still kills the child.
        let mut running = Running {
            child,
            url: String::new(),
        };
        BufReader::new(stdout.unwrap())
            .read_line(&mut running.url)
            .unwrap();
        running.url = running.url.trim().to_string();
        assert!(
            running.url.starts_with("http://127.0.0.1:"),
            "{}",
            running.url
        );
        running
    }

    pub fn addr(&self) -> SocketAddr {
        self.url.trim_start_matches("http://").parse().unwrap()
    }

    /// SIGKILL: no chance to clean up, as when a CI runner is killed.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// SIGKILL, then what it wrote to stderr (started with
    /// [`Running::start_capturing_stderr`]).
    pub fn kill_for_stderr(mut self) -> String {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
        let mut text = String::new();
        if let Some(mut stderr) = self.child.stderr.take() {
            stderr.read_to_string(&mut text).unwrap();
        }
        text
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
