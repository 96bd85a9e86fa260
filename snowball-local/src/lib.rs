//! A local AWS Snowball endpoint for tests, demos and CI: the job, cluster and
//! address operations over Smithy RPC v2 CBOR and awsJson1_1, SigV4-checked, with a
//! control API for tests under `/_local/`.
//!
//! ```no_run
//! let server = snowball_local::LocalServer::start(snowball_local::Config::default()).unwrap();
//! println!("{}", server.url());
//! // dropped: stopped
//! ```

pub mod backend;
pub mod http;
pub mod protocol;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value as Json;
use tokio::net::TcpListener;

pub use backend::demo;
use backend::state::Saved;
use backend::store::Store;
pub use http::control::{Fault, FaultAction, JournalEntry, QueuedFault};
use http::server::{Shared, lock, now};

/// The key pair the endpoint accepts unless told otherwise (AWS's documented
/// example key, so nobody mistakes it for a real one).
pub const DEFAULT_ACCESS_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
pub const DEFAULT_SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
/// The region examples use; any region is accepted unless [`Config::region`] says otherwise.
pub const DEFAULT_REGION: &str = "us-east-1";

/// Which regions request signatures may be scoped to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Regions {
    /// Whatever region the client signed for (as moto and LocalStack do).
    #[default]
    Any,
    /// Only this one; others get 403.
    Only(String),
}

impl From<&str> for Regions {
    fn from(region: &str) -> Self {
        Regions::Only(region.into())
    }
}

impl From<String> for Regions {
    fn from(region: String) -> Self {
        Regions::Only(region)
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    /// 0 picks a free port.
    pub port: u16,
    /// The key pair SigV4 is checked against; `None` turns checking off.
    pub credentials: Option<(String, String)>,
    /// The regions signatures may be scoped to (any by default).
    pub region: Regions,
    pub edit_window: Duration,
    pub demo: bool,
    /// A seed document: `{"Jobs": [JobMetadata…], "Clusters": [ClusterMetadata…],
    /// "Addresses": [Address…]}` (node jobs are jobs with `ClusterId`).
    pub seed: Option<Json>,
    /// When it exists it wins: `demo` and `seed` only initialise a new one.
    pub state_file: Option<PathBuf>,
    /// How long a connection may take to send a request's headers, counted from
    /// when it connects or its previous reply was sent (so it also closes idle
    /// keep-alive connections); then the request's body gets as long again.
    pub header_timeout: Duration,
    /// A token bucket over every Snowball operation (the control API is
    /// exempt): a call without a token gets 400 `ThrottlingException` "Rate
    /// exceeded", does not run, and is journalled with the fault `throttled`.
    pub rate_limit: Option<RateLimit>,
    /// How long every Snowball API request waits before it is handled (as
    /// network latency would; throttled calls too). Zero by default.
    pub latency: Duration,
    /// When set, every control API request (`/_local/…`) must carry it as
    /// `Authorization: Bearer TOKEN` (401 otherwise). Required to listen
    /// beyond loopback; see [`check_exposure`].
    pub control_token: Option<String>,
}

/// `--rate-limit R[,BURST]`: `R` requests a second (a number above 0) on
/// average, up to `BURST` at once (default `R` rounded, at least 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RateLimit {
    per_second: f64,
    burst: u32,
}

impl RateLimit {
    /// `per_second` must be a finite number above 0, `burst` at least 1
    /// (`None`: `per_second` rounded, at least 1).
    pub fn new(per_second: f64, burst: Option<u32>) -> Result<RateLimit, String> {
        if !(per_second.is_finite() && per_second > 0.0) {
            return Err(format!(
                "the rate must be a number of requests per second above 0, not {per_second}"
            ));
        }
        let burst = match burst {
            Some(0) => return Err("the burst must be at least 1 request".into()),
            Some(burst) => burst,
            None => per_second.round().clamp(1.0, f64::from(u32::MAX)) as u32,
        };
        Ok(RateLimit { per_second, burst })
    }

    pub fn per_second(&self) -> f64 {
        self.per_second
    }

    pub fn burst(&self) -> u32 {
        self.burst
    }
}

impl std::str::FromStr for RateLimit {
    type Err = String;

    /// `R` or `R,BURST`: `20`, `0.5`, `4,10`.
    fn from_str(text: &str) -> Result<RateLimit, String> {
        let (rate, burst) = match text.split_once(',') {
            Some((rate, burst)) => (rate, Some(burst)),
            None => (text, None),
        };
        let rate: f64 = rate.trim().parse().map_err(|_| {
            format!("'{rate}' is not a number of requests per second (expected R or R,BURST, e.g. 20 or 4,10)")
        })?;
        let burst = match burst {
            None => None,
            Some(burst) => Some(burst.trim().parse::<u32>().map_err(|_| {
                format!("the burst '{burst}' is not a whole number of requests from 1 (expected R,BURST, e.g. 4,10)")
            })?),
        };
        RateLimit::new(rate, burst)
    }
}

impl std::fmt::Display for RateLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{},{}", self.per_second, self.burst)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 0,
            credentials: Some((DEFAULT_ACCESS_KEY.into(), DEFAULT_SECRET_KEY.into())),
            region: Regions::Any,
            edit_window: snowball_model::facts::EDIT_WINDOW,
            demo: false,
            seed: None,
            state_file: None,
            header_timeout: Duration::from_secs(10),
            rate_limit: None,
            latency: Duration::ZERO,
            control_token: None,
        }
    }
}

/// The shortest control token accepted: a guessable one would protect nothing.
pub const MIN_CONTROL_TOKEN_LEN: usize = 16;
/// The longest: it must fit in a request header.
pub const MAX_CONTROL_TOKEN_LEN: usize = 1024;

/// Why a control token cannot be used (never quoting it: it is a secret).
pub fn check_control_token(token: &str) -> Result<(), String> {
    if token.is_empty() {
        return Err("the control token is empty".into());
    }
    if let Some(c) = token.chars().find(|c| !c.is_ascii_graphic()) {
        let what = match c {
            ' ' => "a space".to_string(),
            c if c.is_ascii() => format!("the control character U+{:04X}", c as u32),
            _ => "a character beyond ASCII".to_string(),
        };
        return Err(format!(
            "the control token has {what}; it must be printable ASCII without spaces (it is sent in a header)"
        ));
    }
    if !(MIN_CONTROL_TOKEN_LEN..=MAX_CONTROL_TOKEN_LEN).contains(&token.len()) {
        return Err(format!(
            "the control token is {} characters long; it must have at least {MIN_CONTROL_TOKEN_LEN} (and at most {MAX_CONTROL_TOKEN_LEN}), e.g. from `openssl rand -hex 16`",
            token.len()
        ));
    }
    Ok(())
}

/// `text` with control, bidi and other invisible format characters escaped,
/// so that a message quoting it cannot steer a terminal.
pub fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            let invisible = c.is_control()
                || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}');
            if invisible {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether an address is loopback (all of 127.0.0.0/8, ::1, and IPv4-mapped
/// loopback).
fn is_loopback(ip: std::net::IpAddr) -> bool {
    ip.to_canonical().is_loopback()
}

/// Refuses what would expose the endpoint: listening beyond loopback without
/// a control token, or there with the documentation's example key pair or
/// unsigned requests (anyone could read every stored job, pickup details
/// included). `bound`: the addresses it listens on (or would: `config.host`
/// resolved). Also checks the control token itself.
pub fn check_exposure(config: &Config, bound: &[std::net::IpAddr]) -> Result<(), String> {
    if let Some(token) = &config.control_token {
        check_control_token(token)?;
    }
    if bound.iter().all(|ip| is_loopback(*ip)) {
        return Ok(());
    }
    let host = escaped(&config.host);
    if config.control_token.is_none() {
        return Err(format!(
            "--host {host} listens beyond loopback, where anyone who can reach it could read every stored job (pickup details included) and steer it through the control API; give a control token (--control-token-file PATH or --control-token TOKEN) that every /_local/ request must send as `Authorization: Bearer TOKEN`, or listen on loopback (127.0.0.1)"
        ));
    }
    match &config.credentials {
        None => Err(format!(
            "--host {host} listens beyond loopback, where --no-auth would let anyone call the Snowball API unsigned; give a key pair of your own (--access-key and --secret-key)"
        )),
        Some((access, secret)) if access == DEFAULT_ACCESS_KEY || secret == DEFAULT_SECRET_KEY => {
            Err(format!(
                "--host {host} listens beyond loopback, where requests must be signed with a key pair of your own: {DEFAULT_ACCESS_KEY} is AWS's documentation example, known to everyone; give --access-key and --secret-key"
            ))
        }
        Some(_) => Ok(()),
    }
}

/// The addresses `host` resolves to (empty when it does not: binding will
/// then fail and say so).
pub fn resolve(host: &str, port: u16) -> Vec<std::net::IpAddr> {
    use std::net::ToSocketAddrs;
    (host, port)
        .to_socket_addrs()
        .map(|addrs| addrs.map(|a| a.ip()).collect())
        .unwrap_or_default()
}

/// Parses a seed file's text, YAML or JSON (JSON read as JSON, so that its
/// own escapes, surrogate pairs included, mean what they mean there).
pub fn parse_seed(text: &str) -> anyhow::Result<Json> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Ok(doc) = backend::state::parse_json(text) {
        return Ok(doc);
    }
    serde_yaml::from_str(text).context("the seed file is not valid YAML or JSON")
}

/// Builds the shared state a config describes: the state file if it exists,
/// else the demo and the seed. The state file is then (re)written as one
/// snapshot: compacted, and in the current format whatever format it had.
pub fn build_state(config: &Config) -> anyhow::Result<Arc<Shared>> {
    let mut store = Store::new(config.edit_window.as_secs_f64());
    // Locked before anything is read or removed: one server per state file.
    let claim = match &config.state_file {
        Some(path) => Some(backend::state::claim(path)?),
        None => None,
    };
    let saved = match &claim {
        Some(claim) => {
            backend::state::remove_stale_temp_files(&claim.path);
            backend::state::read(&claim.path)?
        }
        None => None,
    };
    let name = || {
        config
            .state_file
            .as_deref()
            .map(|p| escaped(&p.display().to_string()))
            .unwrap_or_default()
    };
    match saved {
        // A state file of the format before the log: one document, read as
        // a seed is (it is rewritten as a log below).
        Some(Saved::Document(doc)) => {
            store
                .load(&doc, now())
                .map_err(|e| anyhow::anyhow!("{}: {e}", name()))?;
        }
        Some(Saved::Log { snapshot, changes }) => {
            store
                .apply(&snapshot)
                .map_err(|e| anyhow::anyhow!("{} line 1: Snapshot.{e}", name()))?;
            for (line, change) in changes {
                store
                    .apply(&change)
                    .map_err(|e| anyhow::anyhow!("{} line {line}: {e}", name()))?;
            }
        }
        None => {
            let mut load = |what: &str, doc: &Json| {
                store
                    .load(doc, now())
                    .map(|_| ())
                    .map_err(|e| anyhow::anyhow!("{what}: {e}"))
            };
            if config.demo {
                load("demo seed", &demo::seed(now()))?;
                load("demo cluster", &demo::cluster_seed(now()))?;
            }
            if let Some(seed) = &config.seed {
                load("seed", seed)?;
            }
        }
    }
    let log = match claim {
        Some(claim) => {
            store.track_changes();
            let log = backend::state::Log::create(&claim.path, &store.snapshot())
                .with_context(|| format!("writing the state file {}", name()))?;
            Some(log.holding(claim))
        }
        None => None,
    };
    Ok(Arc::new(Shared::new(store, config, log)))
}

/// Pause after a failed accept (e.g. out of file descriptors) instead of spinning.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// Accepts connections until `shutdown` completes.
pub async fn serve(listener: TcpListener, shared: Arc<Shared>, shutdown: impl Future<Output = ()>) {
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(conn) => conn,
                Err(_) => {
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let shared = shared.clone();
        let header_timeout = shared.header_timeout;
        tokio::spawn(async move {
            let service = service_fn(move |req| http::server::handle(shared.clone(), req));
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// A running endpoint on its own thread and runtime; stopped when dropped.
pub struct LocalServer {
    url: String,
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl LocalServer {
    pub fn start(config: Config) -> anyhow::Result<LocalServer> {
        check_exposure(&config, &resolve(&config.host, config.port)).map_err(anyhow::Error::msg)?;
        let std_listener = std::net::TcpListener::bind((config.host.as_str(), config.port))
            .with_context(|| format!("binding {}:{}", escaped(&config.host), config.port))?;
        std_listener.set_nonblocking(true)?;
        let addr = std_listener.local_addr()?;
        check_exposure(&config, &[addr.ip()]).map_err(anyhow::Error::msg)?;
        let shared = build_state(&config)?;
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let serving = shared.clone();
        let thread = std::thread::Builder::new()
            .name("snowball-local".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("tokio runtime");
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(std_listener).expect("listener");
                    serve(listener, serving, async {
                        let _ = stopped.await;
                    })
                    .await;
                });
                runtime.shutdown_timeout(Duration::from_millis(100));
            })?;
        Ok(LocalServer {
            url: format!("http://{addr}"),
            addr,
            shared,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn journal(&self) -> Vec<JournalEntry> {
        lock(&self.shared.journal).clone()
    }

    /// The journal's operations in order, e.g. `["DescribeJob", "UpdateJob"]`.
    pub fn operations(&self) -> Vec<String> {
        self.journal().into_iter().map(|e| e.operation).collect()
    }

    pub fn clear_journal(&self) {
        lock(&self.shared.journal).clear();
    }

    /// Faults still queued (one is taken when a matching request arrives).
    pub fn faults(&self) -> Vec<QueuedFault> {
        lock(&self.shared.faults).clone()
    }

    /// Queues a fault: a [`Fault`], or `fault.skip(n)` to let the first `n`
    /// matching calls through. Panics on a malformed fault (see [`Fault::check`]):
    /// a test that stages one has a bug.
    pub fn push_fault(&self, fault: impl Into<QueuedFault>) {
        let queued = fault.into();
        if let Err(why) = queued.fault.check() {
            panic!("malformed fault {queued:?}: {why}");
        }
        lock(&self.shared.faults).push(queued);
    }

    /// The job as stored now (edit windows applied), in the API's JSON form
    /// (timestamps as epoch seconds).
    pub fn job(&self, id: &str) -> Option<Json> {
        self.shared.current().job_metadata(id)
    }

    pub fn jobs(&self) -> Vec<Json> {
        self.shared.current().all_jobs()
    }

    pub fn set_job_state(&self, id: &str, state: &str) -> Result<(), String> {
        self.shared.change(|store| store.set_state(id, state))
    }

    /// The cluster as stored now (edit windows applied), in the API's JSON form.
    pub fn cluster(&self, id: &str) -> Option<Json> {
        self.shared.current().cluster_metadata(id)
    }

    pub fn clusters(&self) -> Vec<Json> {
        self.shared.current().all_clusters()
    }

    /// Sets a cluster's state, and its node jobs' to match (`Pending` →
    /// `PreparingAppliance`, `Cancelled` → `Cancelled`…); its edit window no
    /// longer applies.
    pub fn set_cluster_state(&self, id: &str, state: &str) -> Result<(), String> {
        self.shared
            .change(|store| store.set_cluster_state(id, state))
    }

    pub fn remove_address(&self, id: &str) -> bool {
        self.shared
            .change(|store| Ok(store.remove_address(id)))
            .unwrap_or(false)
    }

    /// Loads more jobs, clusters and addresses; returns the job IDs.
    pub fn seed(&self, doc: &Json) -> Result<Vec<String>, String> {
        self.shared.change(|store| store.load(doc, now()))
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
