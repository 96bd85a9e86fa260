//! HTTP: one request in, through signature, decoding, faults and the store, one
//! reply out. Also the `/_local/` control API.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::{Method, Request, Response};
use serde_json::{Value as Json, json};

use crate::backend::state;
use crate::backend::store::Store;
use crate::http::control::{FaultAction, JournalEntry, QueuedFault, parse_fault, take_fault};
use crate::http::sigv4;
use crate::protocol::{self, ApiError, Protocol, Reply};
use crate::{Config, RateLimit, Regions};
use snowball_model::{DecodeOptions, model};

const MAX_BODY: usize = 8 * 1024 * 1024;

pub struct Auth {
    pub access_key: String,
    pub secret_key: String,
}

/// Everything the connections share.
pub struct Shared {
    pub store: Mutex<Store>,
    pub journal: Mutex<Vec<JournalEntry>>,
    pub faults: Mutex<Vec<QueuedFault>>,
    pub auth: Option<Auth>,
    /// The only region signatures may be scoped to; `None` for any.
    pub region: Option<String>,
    /// The state file's log; locked after the store, whose lock orders the writes.
    pub state: Option<Mutex<state::Log>>,
    pub header_timeout: Duration,
    /// Every Snowball API request waits this long before it is handled.
    pub latency: Duration,
    /// The token bucket over Snowball operations, if rate-limited.
    pub bucket: Option<Mutex<Bucket>>,
    /// The SHA-256 of the control token every `/_local/` request must carry,
    /// if one was given (kept hashed: compared in constant time).
    control_token: Option<[u8; 32]>,
    seq: AtomicU64,
}

/// A token bucket: `burst` tokens at most, refilled at `per_second`; a call
/// takes one or is throttled.
pub struct Bucket {
    limit: RateLimit,
    tokens: f64,
    refilled: Instant,
}

impl Bucket {
    /// Full, as a service that has not been called for a while.
    pub fn new(limit: RateLimit) -> Bucket {
        Bucket {
            limit,
            tokens: f64::from(limit.burst()),
            refilled: Instant::now(),
        }
    }

    /// Takes a token if there is one.
    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        let elapsed = now.duration_since(self.refilled).as_secs_f64();
        self.refilled = now;
        self.tokens =
            (self.tokens + elapsed * self.limit.per_second()).min(f64::from(self.limit.burst()));
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// A poisoned lock only means another request panicked mid-way; the data is
/// still the last consistent state, so keep serving.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Marker error: hyper closes the connection without a reply (an injected
/// fault, or a request body that did not arrive in time).
#[derive(Debug)]
pub struct CloseConnection;
impl std::fmt::Display for CloseConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed without a reply")
    }
}
impl std::error::Error for CloseConnection {}

impl Shared {
    pub fn new(store: Store, config: &Config, state: Option<state::Log>) -> Shared {
        Shared {
            store: Mutex::new(store),
            journal: Mutex::new(Vec::new()),
            faults: Mutex::new(Vec::new()),
            auth: config.credentials.as_ref().map(|(a, s)| Auth {
                access_key: a.clone(),
                secret_key: s.clone(),
            }),
            region: match &config.region {
                Regions::Any => None,
                Regions::Only(region) => Some(region.clone()),
            },
            state: state.map(Mutex::new),
            header_timeout: config.header_timeout,
            latency: config.latency,
            bucket: config
                .rate_limit
                .map(|limit| Mutex::new(Bucket::new(limit))),
            control_token: config.control_token.as_deref().map(token_digest),
            seq: AtomicU64::new(0),
        }
    }

    /// Writes what changed to the state file, before the reply is sent; the
    /// caller holds the store lock, so changes land in order.
    pub fn persist(&self, store: &mut Store) -> std::io::Result<()> {
        let (Some(log), Some(change)) = (&self.state, store.take_changes()) else {
            return Ok(());
        };
        lock(log).append(&change, || store.snapshot())
    }

    /// Whether a Snowball call may run now (a token taken), or is throttled.
    fn admit(&self) -> bool {
        self.bucket
            .as_ref()
            .is_none_or(|bucket| lock(bucket).take())
    }

    /// The store with edit windows advanced to now, so every read sees job
    /// states as of now. Not written here: the state file keeps each window's
    /// end, so a restart replays the move.
    pub fn current(&self) -> MutexGuard<'_, Store> {
        let mut store = lock(&self.store);
        store.advance(now());
        store
    }

    /// Changes the store outside the API (tests, seeding, staged races), then
    /// writes the state file, so every way in keeps it current.
    pub fn change<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, String>) -> Result<T, String> {
        let mut store = self.current();
        let out = f(&mut store);
        // Written even when `f` failed: whatever it changed before failing is
        // the state now.
        self.persist(&mut store)
            .map_err(|e| format!("could not write the state file: {e}"))?;
        out
    }

    /// Whether a control request carries the control token (always, when
    /// none was given): `Authorization: Bearer TOKEN`, compared in constant
    /// time.
    fn may_control(&self, headers: &hyper::HeaderMap) -> bool {
        let Some(expected) = &self.control_token else {
            return true;
        };
        let given = headers
            .get(hyper::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim());
        // Hashed first, so the time taken tells nothing of how much matched.
        let given = token_digest(given.unwrap_or_default());
        let differs = expected
            .iter()
            .zip(given.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(differs) == 0
    }

    fn record(&self, mut entry: JournalEntry) {
        entry.seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        lock(&self.journal).push(entry);
    }

    /// Runs one API call against the store as of now.
    fn execute(&self, operation: &str, input: &Json) -> Result<Json, ApiError> {
        let mut store = self.current();
        let result = store.call(operation, input, now());
        self.persist(&mut store).map_err(|e| {
            ApiError::new(
                "InternalFailure",
                500,
                format!("could not write the state file: {e}"),
            )
        })?;
        result
    }
}

/// A request body, as a connection delivers it or already whole.
pub trait RequestBody: hyper::body::Body<Data = Bytes, Error: Into<BoxError>> + Send {}
impl<B: hyper::body::Body<Data = Bytes, Error: Into<BoxError>> + Send> RequestBody for B {}
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Answers one request whose body is whole already: the service in-process,
/// without a socket (snowjob's simulation, `tests/sim`), exactly as a
/// connection's request is answered. `Err`: the connection would have been
/// closed without a reply.
pub async fn handle_whole(
    shared: Arc<Shared>,
    req: Request<Bytes>,
) -> Result<Response<Bytes>, CloseConnection> {
    let reply = handle(shared, req.map(Full::new)).await?;
    let (parts, body) = reply.into_parts();
    let body = match body.collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(never) => match never {},
    };
    Ok(Response::from_parts(parts, body))
}

/// Answers one request. A panic while handling it (a bug, or the `panic`
/// fault) answers 500 and is journalled; the server keeps serving.
pub async fn handle(
    shared: Arc<Shared>,
    req: Request<impl RequestBody>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    CatchPanic(Box::pin(respond(shared, req)))
        .await
        .unwrap_or_else(|()| {
            Ok(plain(
                500,
                "snowball-local failed while handling this request (see its stderr)",
            ))
        })
}

/// Polls a future, turning a panic inside it into `Err`.
struct CatchPanic<F>(Pin<Box<F>>);

impl<F: Future> Future for CatchPanic<F> {
    type Output = Result<F::Output, ()>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = self.get_mut().0.as_mut();
        match std::panic::catch_unwind(AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(out)) => Poll::Ready(Ok(out)),
            Err(_) => Poll::Ready(Err(())),
        }
    }
}

/// One API request's journal entry, recorded however its handling ends:
/// replied, closed by a fault, dropped because the client went away, or
/// unwound by a panic.
struct Recording {
    shared: Arc<Shared>,
    entry: JournalEntry,
    done: bool,
}

impl Recording {
    fn reply(&mut self, reply: &Reply) {
        self.entry.status = reply.status;
        if reply.status >= 300 {
            self.entry.error_code = error_code_of(reply);
        }
    }

    fn finish(mut self, error_code: Option<&str>) {
        if let Some(code) = error_code {
            self.entry.error_code = Some(code.into());
        }
        self.done = true;
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        let mut entry = std::mem::take(&mut self.entry);
        if std::thread::panicking() {
            entry.status = 500;
            entry.error_code = Some("panic".into());
        } else if !self.done {
            entry.error_code = Some("client went away".into());
        }
        self.shared.record(entry);
    }
}

async fn respond(
    shared: Arc<Shared>,
    req: Request<impl RequestBody>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let (parts, body) = req.into_parts();
    if parts.uri.path().starts_with("/_local/") && !shared.may_control(&parts.headers) {
        // Refused before its body is read.
        return Ok(unauthorized());
    }
    // The body gets as long as the headers did: a client that announces more
    // than it sends would otherwise hold the connection forever.
    let collected = tokio::time::timeout(
        shared.header_timeout,
        Limited::new(body, MAX_BODY).collect(),
    );
    let body = match collected.await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(_)) => return Ok(plain(413, "request body too large or unreadable")),
        Err(_) => return Err(CloseConnection),
    };
    let path = parts.uri.path().to_string();
    if let Some(rest) = path.strip_prefix("/_local/") {
        return Ok(control_api(&shared, parts.method.as_str(), rest, &body));
    }
    if !shared.latency.is_zero() {
        tokio::time::sleep(shared.latency).await;
    }
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let target = parts
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok());
    let mut recording = Recording {
        shared: shared.clone(),
        entry: JournalEntry {
            signature: "not checked".into(),
            ..JournalEntry::default()
        },
        done: false,
    };
    let entry = &mut recording.entry;
    let outcome = async {
        let identified = protocol::identify(&path, target);
        if parts.method != Method::POST {
            let (Ok((protocol, _)) | Err((protocol, _))) = identified;
            let why = format!("{} is not allowed here; API calls are POST", parts.method);
            return Err((Some(protocol), ApiError::new("MethodNotAllowed", 405, why)));
        }
        let (protocol, operation) = identified.map_err(|(p, e)| (Some(p), e))?;
        entry.protocol = Some(protocol);
        entry.operation = operation.clone();
        if let Some(auth) = &shared.auth {
            let signed = sigv4::SignedRequest {
                method: parts.method.as_str(),
                path: &path,
                query: parts.uri.query().unwrap_or_default(),
                headers: &headers,
                body: &body,
            };
            let creds = sigv4::Credentials {
                access_key: &auth.access_key,
                secret_key: &auth.secret_key,
                region: shared.region.as_deref(),
                service: "snowball",
            };
            match sigv4::verify(&signed, &creds) {
                Ok(()) => entry.signature = "valid".into(),
                Err(why) => {
                    entry.signature = why.clone();
                    return Err((Some(protocol), ApiError::signature(why)));
                }
            }
        }
        let op = model().operation(&operation).ok_or_else(|| {
            let why = format!("unknown operation {operation}");
            (
                Some(protocol),
                ApiError::new("UnknownOperationException", 400, why),
            )
        })?;
        // A call without a token does not run; its input is journalled when
        // it decodes, so a test can tell which call it was.
        let throttled = !shared.admit();
        let decoded = protocol::decode_body(protocol, &body).and_then(|wire_input| {
            model()
                .decode(&op.input, &wire_input, DecodeOptions::default())
                .map_err(|e| ApiError::validation(format!("1 validation error detected: {e}")))
        });
        if throttled {
            entry.fault = Some("throttled".into());
            if let Ok(input) = decoded {
                entry.input = input;
            }
            return Err((Some(protocol), ApiError::throttling()));
        }
        let input = decoded.map_err(|e| (Some(protocol), e))?;
        entry.input = input.clone();
        Ok::<_, (Option<Protocol>, ApiError)>((protocol, operation, op.output.clone(), input))
    }
    .await;

    let mut reply = match outcome {
        Err((protocol, error)) => protocol::failure(protocol.unwrap_or(Protocol::Cbor), &error),
        Ok((protocol, operation, output_shape, input)) => {
            let fault = take_fault(&mut lock(&shared.faults), &operation);
            recording.entry.fault = fault.as_ref().map(FaultAction::kind);
            let call = Call {
                shared: &shared,
                protocol,
                operation: &operation,
                output_shape: output_shape.as_deref(),
                input: &input,
            };
            match call.run(fault, &mut recording).await {
                Ok(reply) => reply,
                Err(CloseConnection) => {
                    recording.finish(Some("connection closed"));
                    return Err(CloseConnection);
                }
            }
        }
    };
    if reply.status == 405 {
        reply.headers.push(("allow", "POST".into()));
    }
    recording.reply(&reply);
    recording.finish(None);
    Ok(to_response(reply))
}

/// One decoded API call, run with the fault (if any) taken for it.
struct Call<'a> {
    shared: &'a Shared,
    protocol: Protocol,
    operation: &'a str,
    output_shape: Option<&'a str>,
    input: &'a Json,
}

impl Call<'_> {
    async fn run(
        &self,
        fault: Option<FaultAction>,
        recording: &mut Recording,
    ) -> Result<Reply, CloseConnection> {
        // Before the call: faults that replace or postpone it.
        match &fault {
            Some(FaultAction::Error {
                status,
                code,
                message,
            }) => {
                let message = if message.is_empty() { code } else { message };
                let error = ApiError::new(code, *status, message.clone());
                return Ok(protocol::failure(self.protocol, &error));
            }
            Some(FaultAction::Delay { ms }) => sleep_ms(*ms).await,
            Some(FaultAction::CloseConnection) => return Err(CloseConnection),
            Some(FaultAction::Panic) => panic!("injected panic in {}", self.operation),
            _ => {}
        }
        let reply = match self.shared.execute(self.operation, self.input) {
            Ok(output) => protocol::success(self.protocol, self.output_shape, &output),
            Err(error) => protocol::failure(self.protocol, &error),
        };
        // After the call: faults that garble or withhold its reply, or stage a race.
        match fault {
            Some(FaultAction::InvalidBody) => Ok(Reply {
                status: 200,
                headers: protocol::success(self.protocol, None, &json!({})).headers,
                body: b"\xff\xfe not a valid reply".to_vec(),
            }),
            Some(FaultAction::SetStateAfter { job_id, state }) => {
                self.set_state(Some(job_id), &state);
                Ok(reply)
            }
            Some(FaultAction::RemoveAddressAfter { address_id }) => {
                let _ = self
                    .shared
                    .change(|store| Ok(store.remove_address(&address_id)));
                Ok(reply)
            }
            Some(FaultAction::DropReply { state, job_id }) => {
                if let Some(state) = state {
                    self.set_state(job_id, &state);
                }
                recording.reply(&reply);
                Err(CloseConnection)
            }
            Some(FaultAction::DelayReply { ms, state, job_id }) => {
                if let Some(state) = state {
                    self.set_state(job_id, &state);
                }
                recording.reply(&reply);
                sleep_ms(ms).await;
                Ok(reply)
            }
            _ => Ok(reply),
        }
    }

    /// Sets a job's state after the call: `job_id`, else the call's own job
    /// (its cluster for a cluster operation). A staged race: the job may be
    /// gone, which is fine.
    fn set_state(&self, job_id: Option<String>, state: &str) {
        let key = if self.operation.contains("Cluster") {
            "ClusterId"
        } else {
            "JobId"
        };
        let own = self.input.get(key).and_then(Json::as_str);
        if let Some(id) = job_id.as_deref().or(own) {
            let _ = self.shared.change(|store| store.set_order_state(id, state));
        }
    }
}

async fn sleep_ms(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

fn error_code_of(reply: &Reply) -> Option<String> {
    if let Some((_, v)) = reply.headers.iter().find(|(k, _)| *k == "x-amzn-errortype") {
        return Some(v.clone());
    }
    let value: ciborium::Value = ciborium::de::from_reader(reply.body.as_slice()).ok()?;
    let ciborium::Value::Map(entries) = value else {
        return None;
    };
    entries.into_iter().find_map(|(k, v)| match (k, v) {
        (ciborium::Value::Text(k), ciborium::Value::Text(v)) if k == "__type" => {
            Some(v.rsplit('#').next().unwrap_or_default().to_string())
        }
        _ => None,
    })
}

fn to_response(reply: Reply) -> Response<Full<Bytes>> {
    let mut builder = Response::builder()
        .status(reply.status)
        .header("x-amzn-requestid", uuid::Uuid::new_v4().to_string());
    for (k, v) in reply.headers {
        builder = builder.header(k, v);
    }
    build(builder, reply.body)
}

fn token_digest(token: &str) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    Sha256::digest(token.as_bytes()).into()
}

/// 401 for a control request without the control token.
fn unauthorized() -> Response<Full<Bytes>> {
    let mut response = plain(
        401,
        "the control API needs the control token snowball-local was started with: send `Authorization: Bearer TOKEN`",
    );
    response.headers_mut().insert(
        hyper::header::WWW_AUTHENTICATE,
        hyper::header::HeaderValue::from_static("Bearer realm=\"snowball-local control API\""),
    );
    response
}

fn plain(status: u16, text: &str) -> Response<Full<Bytes>> {
    json_response(status, &json!({ "error": text }))
}

fn json_response(status: u16, value: &impl serde::Serialize) -> Response<Full<Bytes>> {
    let builder = Response::builder()
        .status(status)
        .header("content-type", "application/json");
    match serde_json::to_vec_pretty(value) {
        Ok(body) => build(builder, body),
        Err(e) => build(
            builder.status(500),
            format!("{{\"error\": \"{e}\"}}").into(),
        ),
    }
}

/// The response, or a bare 500 if its parts are not valid HTTP: a reply must
/// never panic, whatever a fault or request put into it.
fn build(builder: hyper::http::response::Builder, body: Vec<u8>) -> Response<Full<Bytes>> {
    builder
        .body(Full::new(Bytes::from(body)))
        .unwrap_or_else(|e| {
            let mut response = Response::new(Full::new(Bytes::from(format!("invalid reply: {e}"))));
            *response.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
            response
        })
}

/// `/_local/…`: journal, faults, job state, seeding. Unsigned: it is for
/// tests (with a control token, only requests that carry it get here).
fn control_api(shared: &Shared, method: &str, rest: &str, body: &[u8]) -> Response<Full<Bytes>> {
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let parse = || serde_json::from_slice::<Json>(body);
    match (method, segments.as_slice()) {
        ("GET", ["journal"]) => json_response(200, &*lock(&shared.journal)),
        ("DELETE", ["journal"]) => {
            lock(&shared.journal).clear();
            json_response(200, &json!({}))
        }
        ("GET", ["faults"]) => json_response(200, &*lock(&shared.faults)),
        ("POST", ["faults"]) => match parse_fault(body) {
            Ok(fault) => {
                lock(&shared.faults).push(fault);
                json_response(200, &json!({}))
            }
            Err(e) => plain(400, &format!("bad fault: {e}")),
        },
        ("DELETE", ["faults"]) => {
            lock(&shared.faults).clear();
            json_response(200, &json!({}))
        }
        ("GET", ["jobs"]) => json_response(200, &shared.current().all_jobs()),
        ("GET", ["jobs", id]) => match shared.current().job_metadata(id) {
            Some(job) => json_response(200, &job),
            None => plain(404, &format!("no job {id}")),
        },
        ("PUT" | "POST", ["jobs", id, "state"]) => {
            let state = parse()
                .ok()
                .and_then(|v| v.get("state").and_then(Json::as_str).map(str::to_string));
            let Some(state) = state else {
                return plain(400, "expected {\"state\": \"JobState\"}");
            };
            match shared.change(|store| store.set_state(id, &state)) {
                Ok(()) => json_response(200, &json!({})),
                Err(e) => plain(400, &e),
            }
        }
        ("DELETE", ["addresses", id]) => {
            match shared.change(|store| Ok(store.remove_address(id))) {
                Ok(true) => json_response(200, &json!({})),
                Ok(false) => plain(404, &format!("no address {id}")),
                Err(e) => plain(500, &e),
            }
        }
        ("POST", ["seed"]) => {
            let doc = match parse() {
                Ok(doc) => doc,
                Err(e) => return plain(400, &format!("seed is not JSON: {e}")),
            };
            match shared.change(|store| store.load(&doc, now())) {
                Ok(ids) => json_response(200, &json!({ "JobIds": ids })),
                Err(e) => plain(400, &e),
            }
        }
        _ => match crate::http::control::cluster_endpoint(shared, method, &segments, body) {
            Some((status, reply)) => json_response(status, &reply),
            None => plain(404, &format!("no control endpoint {method} /_local/{rest}")),
        },
    }
}
