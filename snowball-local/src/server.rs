//! HTTP: one request in, through signature, decoding, faults and the store, one
//! reply out. Also the `/_local/` control API.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{Request, Response};
use serde_json::{Value as Json, json};

use crate::control::{Fault, FaultAction, JournalEntry, take_fault};
use crate::model::{DecodeOptions, model};
use crate::sigv4;
use crate::store::Store;
use crate::wire::{self, ApiError, Protocol, Reply};

const MAX_BODY: usize = 8 * 1024 * 1024;

pub struct Auth {
    pub access_key: String,
    pub secret_key: String,
}

/// Everything the connections share.
pub struct Shared {
    pub store: Mutex<Store>,
    pub journal: Mutex<Vec<JournalEntry>>,
    pub faults: Mutex<Vec<Fault>>,
    pub auth: Option<Auth>,
    pub region: String,
    pub state_file: Option<PathBuf>,
    seq: AtomicU64,
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

/// Marker error: hyper closes the connection without a reply.
#[derive(Debug)]
pub struct CloseConnection;
impl std::fmt::Display for CloseConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection closed by an injected fault")
    }
}
impl std::error::Error for CloseConnection {}

impl Shared {
    pub fn new(
        store: Store,
        auth: Option<Auth>,
        region: String,
        state_file: Option<PathBuf>,
    ) -> Shared {
        Shared {
            store: Mutex::new(store),
            journal: Mutex::new(Vec::new()),
            faults: Mutex::new(Vec::new()),
            auth,
            region,
            state_file,
            seq: AtomicU64::new(0),
        }
    }

    /// Writes the state file atomically (temp file, fsync, rename); the caller
    /// holds the store lock so writes land in order.
    pub fn persist(&self, store: &Store) -> std::io::Result<()> {
        let Some(path) = &self.state_file else {
            return Ok(());
        };
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        {
            use std::io::Write;
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(
                &serde_json::to_vec_pretty(&store.snapshot()).expect("JSON values serialize"),
            )?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, path)
    }

    /// Changes the store outside the API (tests, seeding, staged races), then
    /// writes the state file, so every way in keeps it current.
    pub fn change<T>(&self, f: impl FnOnce(&mut Store) -> Result<T, String>) -> Result<T, String> {
        let mut store = lock(&self.store);
        let out = f(&mut store)?;
        self.persist(&store)
            .map_err(|e| format!("could not write the state file: {e}"))?;
        Ok(out)
    }

    fn record(&self, mut entry: JournalEntry) {
        entry.seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        lock(&self.journal).push(entry);
    }

    /// Runs one API call against the store, advancing edit windows first.
    fn execute(&self, operation: &str, input: &Json) -> Result<Json, ApiError> {
        let mut store = lock(&self.store);
        let advanced = store.advance(now());
        let result = store.call(operation, input, now());
        if advanced || (result.is_ok() && Store::is_mutation(operation)) {
            self.persist(&store).map_err(|e| {
                ApiError::new(
                    "InternalFailure",
                    500,
                    format!("could not write the state file: {e}"),
                )
            })?;
        }
        result
    }
}

pub async fn handle(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, CloseConnection> {
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(plain(413, "request body too large or unreadable")),
    };
    let path = parts.uri.path().to_string();
    if let Some(rest) = path.strip_prefix("/_local/") {
        return Ok(control_api(&shared, parts.method.as_str(), rest, &body));
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
    let mut entry = JournalEntry {
        seq: 0,
        operation: String::new(),
        protocol: None,
        input: Json::Null,
        signature: "not checked".into(),
        status: 0,
        error_code: None,
    };
    let outcome = async {
        let (protocol, operation) = wire::identify(&path, target).map_err(|(p, e)| (Some(p), e))?;
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
                region: &shared.region,
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
        let op = model()
            .operation(&operation)
            .expect("identify only returns known operations");
        let wire_input = wire::decode_body(protocol, &body).map_err(|e| (Some(protocol), e))?;
        let input = model()
            .decode(&op.input, &wire_input, DecodeOptions::default())
            .map_err(|e| {
                (
                    Some(protocol),
                    ApiError::validation(format!("1 validation error detected: {e}")),
                )
            })?;
        entry.input = input.clone();
        Ok::<_, (Option<Protocol>, ApiError)>((protocol, operation, op.output.clone(), input))
    }
    .await;

    let reply = match outcome {
        Err((protocol, error)) => wire::failure(protocol.unwrap_or(Protocol::Cbor), &error),
        Ok((protocol, operation, output_shape, input)) => {
            let fault = take_fault(&mut lock(&shared.faults), &operation);
            let mut after = None;
            let injected = match fault {
                Some(FaultAction::Error {
                    status,
                    code,
                    message,
                }) => Some(wire::failure(
                    protocol,
                    &ApiError::new(
                        &code,
                        status,
                        if message.is_empty() {
                            code.clone()
                        } else {
                            message
                        },
                    ),
                )),
                Some(FaultAction::Delay { ms }) => {
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    None
                }
                Some(FaultAction::CloseConnection) => {
                    entry.status = 0;
                    entry.error_code = Some("connection closed".into());
                    shared.record(entry);
                    return Err(CloseConnection);
                }
                Some(FaultAction::InvalidBody) => {
                    // The operation runs; its reply is garbled on the way back.
                    let _ = shared.execute(&operation, &input);
                    Some(Reply {
                        status: 200,
                        headers: wire::success(protocol, None, &json!({})).headers,
                        body: b"\xff\xfe not a valid reply".to_vec(),
                    })
                }
                Some(
                    action @ (FaultAction::SetStateAfter { .. }
                    | FaultAction::RemoveAddressAfter { .. }),
                ) => {
                    after = Some(action);
                    None
                }
                None => None,
            };
            let reply = injected.unwrap_or_else(|| match shared.execute(&operation, &input) {
                Ok(output) => wire::success(protocol, output_shape.as_deref(), &output),
                Err(error) => wire::failure(protocol, &error),
            });
            if let Some(action) = after {
                // A staged race: the job or address may already be gone.
                let _ = shared.change(|store| match action {
                    FaultAction::SetStateAfter { job_id, state } => {
                        store.set_state(&job_id, &state)
                    }
                    FaultAction::RemoveAddressAfter { address_id } => {
                        store.remove_address(&address_id);
                        Ok(())
                    }
                    _ => Ok(()),
                });
            }
            reply
        }
    };
    entry.status = reply.status;
    if reply.status >= 300 {
        entry.error_code = error_code_of(&reply);
    }
    shared.record(entry);
    Ok(to_response(reply))
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
    builder
        .body(Full::new(Bytes::from(reply.body)))
        .expect("reply headers are valid")
}

fn plain(status: u16, text: &str) -> Response<Full<Bytes>> {
    json_response(status, &json!({ "error": text }))
}

fn json_response(status: u16, value: &Json) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(
            serde_json::to_vec_pretty(value).expect("JSON values serialize"),
        )))
        .expect("valid response")
}

/// `/_local/…`: journal, faults, job state, seeding. Unsigned: it is for tests.
fn control_api(shared: &Shared, method: &str, rest: &str, body: &[u8]) -> Response<Full<Bytes>> {
    let segments: Vec<&str> = rest.trim_end_matches('/').split('/').collect();
    let parse = || serde_json::from_slice::<Json>(body);
    match (method, segments.as_slice()) {
        ("GET", ["journal"]) => json_response(200, &json!(*lock(&shared.journal))),
        ("DELETE", ["journal"]) => {
            lock(&shared.journal).clear();
            json_response(200, &json!({}))
        }
        ("GET", ["faults"]) => json_response(200, &json!(*lock(&shared.faults))),
        ("POST", ["faults"]) => match serde_json::from_slice::<Fault>(body) {
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
        ("GET", ["jobs"]) => json_response(200, &json!(lock(&shared.store).all_jobs())),
        ("GET", ["jobs", id]) => match lock(&shared.store).job_metadata(id) {
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
        _ => plain(404, &format!("no control endpoint {method} /_local/{rest}")),
    }
}
