//! The simulated world: snowball-local's own request handling and store,
//! called in-process through the SDK's HTTP-client seam, and the faults a
//! seed draws at each request (what the network, the service and colleagues
//! do). Everything that happens is logged for the invariants.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_snowball::types::{ClusterMetadata, JobMetadata};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient,
    SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use serde_json::{Value as Json, json};
use snowball_local::Fault;
use snowball_local::backend::store::Store;
use snowball_local::http::server::{Shared, handle_whole, lock, now};
use snowball_local::protocol::{self, ApiError, Protocol};
use snowjob::aws::convert::ApiJson;
use snowjob::core::stop::Signal;
use tokio::sync::watch;

use crate::rng::Rng;

/// Requests after which no fault is drawn (so that every run ends).
const CALM_AFTER: usize = 120;
/// Requests after which a run is a runaway.
pub const RUNAWAY: usize = 3000;

/// What the client saw of one request.
#[derive(Clone, Debug, PartialEq)]
pub enum Seen {
    /// A reply: its status and error code (none when 2xx).
    Reply(u16, Option<String>),
    /// No reply: the connection failed (before or after the service ran it).
    Lost,
}

impl Seen {
    /// A reply that says what became of the request: a 2xx, or a 4xx
    /// error (throttling included). A 5xx or no reply says nothing.
    pub fn is_clean(&self) -> bool {
        matches!(self, Seen::Reply(status, _) if *status < 500)
    }

    pub fn is_throttling(&self) -> bool {
        matches!(self, Seen::Reply(_, Some(code)) if code.contains("Throttl"))
    }
}

#[derive(Clone, Debug)]
pub struct Request {
    pub n: usize,
    pub operation: String,
    /// The order (or address) the request names.
    pub id: String,
    pub mutating: bool,
    /// The decoded input, as the service saw (or would have seen) it.
    pub input: Json,
    /// The service ran it and it changed the store (2xx of a mutation).
    pub applied: bool,
    pub seen: Seen,
    /// The fault drawn for it, by name.
    pub fault: Option<&'static str>,
    /// The order as stored just after the service ran it (reads: what was served).
    pub after: Option<Json>,
    /// The interrupt came while it was in flight.
    pub in_flight_at_stop: bool,
}

#[derive(Clone, Debug)]
pub enum Event {
    /// A colleague's update of `member` of `id`.
    Colleague {
        id: String,
        member: String,
        applied: bool,
    },
    /// The order moved on (the service's own doing).
    Moved {
        id: String,
        state: String,
    },
    AddressRemoved {
        id: String,
    },
    Interrupt,
}

#[derive(Clone, Debug)]
pub enum Logged {
    Request(Request),
    /// Before request `before` (its number) was handled.
    Event {
        before: usize,
        event: Event,
    },
}

/// A fault for one request.
#[derive(Clone, Copy, Debug)]
enum Fault1 {
    Throttle,
    ErrorBefore(u16),
    ErrorAfter,
    LostBefore,
    LostAfter,
    DelayBefore(u64),
    DelayAfter(u64),
}

impl Fault1 {
    fn name(self) -> &'static str {
        match self {
            Fault1::Throttle => "throttle",
            Fault1::ErrorBefore(_) => "5xx before applying",
            Fault1::ErrorAfter => "5xx after applying",
            Fault1::LostBefore => "reply lost before applying",
            Fault1::LostAfter => "reply lost after applying",
            Fault1::DelayBefore(_) => "delay before",
            Fault1::DelayAfter(_) => "delay after",
        }
    }
}

/// How often things go wrong, drawn per run.
#[derive(Clone, Copy, Debug)]
pub struct Weather {
    /// Per request, per mille: a fault.
    pub fault: u64,
    /// Per request, per mille: an event before it.
    pub event: u64,
}

struct State {
    rng: Rng,
    armed: bool,
    weather: Weather,
    n: usize,
    throttle_left: u32,
    log: Vec<Logged>,
    in_flight: Vec<usize>,
    colleagues: u32,
    /// Orders colleagues and the service may touch.
    targets: Vec<String>,
    addresses: Vec<String>,
}

pub struct World {
    pub shared: Arc<Shared>,
    state: Mutex<State>,
    pub stop: watch::Sender<Option<Signal>>,
}

impl std::fmt::Debug for World {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("World")
    }
}

impl World {
    pub fn new(
        shared: Arc<Shared>,
        rng: Rng,
        weather: Weather,
        stop: watch::Sender<Option<Signal>>,
    ) -> Arc<World> {
        Arc::new(World {
            shared,
            state: Mutex::new(State {
                rng,
                armed: false,
                weather,
                n: 0,
                throttle_left: 0,
                log: Vec::new(),
                in_flight: Vec::new(),
                colleagues: 0,
                targets: Vec::new(),
                addresses: Vec::new(),
            }),
            stop,
        })
    }

    /// Faults and events from now on, touching `targets` and `addresses`.
    pub fn arm(&self, targets: Vec<String>, addresses: Vec<String>) {
        let mut st = lock(&self.state);
        st.armed = true;
        // What the run prepared is not the edit's.
        st.log.clear();
        st.targets = targets;
        st.addresses = addresses;
    }

    pub fn disarm(&self) {
        lock(&self.state).armed = false;
    }

    pub fn log(&self) -> Vec<Logged> {
        lock(&self.state).log.clone()
    }

    pub fn requests(&self) -> usize {
        lock(&self.state).n
    }

    pub fn http_client(self: &Arc<World>) -> SharedHttpClient {
        SharedHttpClient::new(Client(self.clone()))
    }

    /// The order as stored now (a job, else a cluster), as the SDK reads
    /// it (a default `false` is no member, as the SDK cannot tell them apart).
    pub fn order(&self, id: &str) -> Option<Json> {
        let store = self.shared.current();
        store
            .job_metadata(id)
            .map(as_read::<JobMetadata>)
            .or_else(|| store.cluster_metadata(id).map(as_read::<ClusterMetadata>))
    }

    /// Every order, by ID, as stored.
    pub fn snapshot(&self) -> std::collections::BTreeMap<String, Json> {
        let store = self.shared.current();
        let mut all = std::collections::BTreeMap::new();
        for (key, list) in [
            ("JobId", store.all_jobs()),
            ("ClusterId", store.all_clusters()),
        ] {
            for order in list {
                let id = order[key].as_str().unwrap_or_default().to_string();
                all.insert(id, order);
            }
        }
        all
    }

    /// Raises the interrupt (once), marking what is in flight.
    pub fn interrupt(&self, before: usize) {
        let mut st = lock(&self.state);
        if self.stop.borrow().is_some() {
            return;
        }
        let _ = self.stop.send(Some(Signal::Interrupt));
        st.log.push(Logged::Event {
            before,
            event: Event::Interrupt,
        });
        let flying = st.in_flight.clone();
        for entry in st.log.iter_mut() {
            if let Logged::Request(r) = entry
                && flying.contains(&r.n)
            {
                r.in_flight_at_stop = true;
            }
        }
    }

    fn draw(&self, st: &mut State, n: usize) -> (Option<Fault1>, Option<Event>) {
        if !st.armed || n > CALM_AFTER {
            return (None, None);
        }
        let mut fault = None;
        if st.throttle_left > 0 {
            st.throttle_left -= 1;
            fault = Some(Fault1::Throttle);
        } else if st.rng.below(1000) < st.weather.fault {
            fault = Some(match st.rng.below(9) {
                0 | 1 => {
                    let burst = 1 + st.rng.below(8) as u32;
                    st.throttle_left = burst - 1;
                    Fault1::Throttle
                }
                2 => Fault1::ErrorBefore(if st.rng.chance(2) { 500 } else { 503 }),
                3 => Fault1::ErrorAfter,
                4 => Fault1::LostBefore,
                5 => Fault1::LostAfter,
                6 => Fault1::DelayBefore(st.rng.below(4000)),
                _ => Fault1::DelayAfter(st.rng.below(4000)),
            });
        }
        let mut event = None;
        if st.rng.below(1000) < st.weather.event && !st.targets.is_empty() {
            let id = st.rng.pick(&st.targets).clone();
            event = Some(match st.rng.below(8) {
                0..=3 => Event::Colleague {
                    id,
                    member: String::new(),
                    applied: false,
                },
                4 | 5 => Event::Moved {
                    state: if id.starts_with("CID") {
                        "Pending".into()
                    } else {
                        st.rng
                            .pick(&["PreparingAppliance", "Cancelled", "Listing"])
                            .to_string()
                    },
                    id,
                },
                6 if !st.addresses.is_empty() => Event::AddressRemoved {
                    id: st.rng.pick(&st.addresses).clone(),
                },
                _ => Event::Interrupt,
            });
        }
        (fault, event)
    }

    /// Makes an event happen; returns it as logged.
    fn happen(&self, event: Event, n: usize) {
        let event = match event {
            Event::Interrupt => return self.interrupt(n),
            Event::Moved { id, state } => {
                let _ = self
                    .shared
                    .change(|store| store.set_order_state(&id, &state));
                Event::Moved { id, state }
            }
            Event::AddressRemoved { id } => {
                let _ = self.shared.change(|store| Ok(store.remove_address(&id)));
                Event::AddressRemoved { id }
            }
            Event::Colleague { id, .. } => {
                let (member, input) = self.colleague_change(&id);
                let cluster = id.starts_with("CID");
                let operation = if cluster {
                    "UpdateCluster"
                } else {
                    "UpdateJob"
                };
                let applied = self
                    .shared
                    .change(|store| store.call(operation, &input, now()).map_err(|e| e.message))
                    .is_ok();
                Event::Colleague {
                    id,
                    member,
                    applied,
                }
            }
        };
        lock(&self.state)
            .log
            .push(Logged::Event { before: n, event });
    }

    /// What a colleague changes of `id`: a member, and the request.
    fn colleague_change(&self, id: &str) -> (String, Json) {
        let cluster = id.starts_with("CID");
        let id_key = if cluster { "ClusterId" } else { "JobId" };
        let current = self.order(id).unwrap_or(Json::Null);
        let (which, k, ours) = {
            let mut st = lock(&self.state);
            st.colleagues += 1;
            // Sometimes the colleague makes one of our own changes.
            let ours = st.log.iter().rev().find_map(|e| match e {
                Logged::Request(r) if r.id == id && r.operation.starts_with("Update") => {
                    r.input.as_object().cloned()
                }
                _ => None,
            });
            let ours = ours.filter(|_| st.rng.chance(2)).and_then(|input| {
                let members: Vec<(String, Json)> =
                    input.into_iter().filter(|(k, _)| k != id_key).collect();
                (!members.is_empty()).then(|| st.rng.pick(&members).clone())
            });
            (st.rng.below(4), st.colleagues, ours)
        };
        if let Some((member, value)) = ours {
            return (member.clone(), json!({ id_key: id, member: value }));
        }
        let speeds = ["NEXT_DAY", "SECOND_DAY", "EXPRESS", "STANDARD"];
        let (member, value) = match which {
            0 => (
                "Description",
                json!(format!("changed by a colleague ({k})")),
            ),
            1 => ("ShippingOption", json!(speeds[k as usize % 4])),
            2 => (
                "Notification",
                json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:colleague",
                       "JobStatesToNotify": ["Complete"], "NotifyAll": false}),
            ),
            _ => {
                let mut resources = current
                    .get("Resources")
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                let bucket = json!({"BucketArn": format!("arn:aws:s3:::colleague-{k}")});
                match resources
                    .get_mut("S3Resources")
                    .and_then(Json::as_array_mut)
                {
                    Some(list) => list.push(bucket),
                    None => resources["S3Resources"] = json!([bucket]),
                }
                ("Resources", resources)
            }
        };
        (member.to_string(), json!({ id_key: id, member: value }))
    }

    async fn serve(self: Arc<World>, request: HttpRequest) -> Result<HttpResponse, ConnectorError> {
        let path = request
            .uri()
            .split_once("://")
            .map_or(request.uri(), |(_, rest)| {
                rest.find('/').map_or("/", |i| &rest[i..])
            })
            .to_string();
        let target = request.headers().get("x-amz-target").map(str::to_string);
        let body = Bytes::copy_from_slice(request.body().bytes().unwrap_or_default());
        let (operation, input) = match protocol::identify(&path, target.as_deref()) {
            Ok((proto, op)) => {
                let input = decode(proto, &op, &body);
                (op, input)
            }
            Err(_) => ("?".to_string(), Json::Null),
        };
        let id = ["JobId", "ClusterId", "AddressId"]
            .iter()
            .find_map(|k| input.get(*k).and_then(Json::as_str))
            .unwrap_or_default()
            .to_string();
        let mutating = Store::is_mutation(&operation);
        let (n, fault, event) = {
            let mut st = lock(&self.state);
            st.n += 1;
            let n = st.n;
            let (fault, event) = self.draw(&mut st, n);
            st.in_flight.push(n);
            (n, fault, event)
        };
        if n > RUNAWAY {
            return Err(ConnectorError::io("runaway".into()));
        }
        if let Some(event) = event {
            self.happen(event, n);
        }
        let record = Request {
            n,
            operation: operation.clone(),
            id: id.clone(),
            mutating,
            input,
            applied: false,
            seen: Seen::Lost,
            fault: fault.map(Fault1::name),
            after: None,
            in_flight_at_stop: self.stop.borrow().is_some(),
        };
        // Logged now, and completed as it goes: a request the client gives
        // up on (after a signal's grace) stays logged as far as it got.
        let slot = {
            let mut st = lock(&self.state);
            st.log.push(Logged::Request(record));
            st.log.len() - 1
        };
        let reply = self
            .answer(request, body, &operation, &id, fault, slot)
            .await;
        lock(&self.state).in_flight.retain(|m| *m != n);
        reply
    }

    /// Completes the logged request in `slot`.
    fn update(&self, slot: usize, f: impl FnOnce(&mut Request)) {
        if let Some(Logged::Request(r)) = lock(&self.state).log.get_mut(slot) {
            f(r);
        }
    }

    async fn answer(
        &self,
        request: HttpRequest,
        body: Bytes,
        operation: &str,
        id: &str,
        fault: Option<Fault1>,
        slot: usize,
    ) -> Result<HttpResponse, ConnectorError> {
        let lost = || ConnectorError::io("connection reset by peer (simulated)".into());
        match fault {
            Some(Fault1::LostBefore) => return Err(lost()),
            Some(Fault1::DelayBefore(ms)) => tokio::time::sleep(Duration::from_millis(ms)).await,
            Some(Fault1::Throttle) => lock(&self.shared.faults)
                .push(Fault::error(operation, 1, 400, "ThrottlingException").into()),
            Some(Fault1::ErrorBefore(status)) => {
                let code = if status == 500 {
                    "InternalFailure"
                } else {
                    "ServiceUnavailable"
                };
                lock(&self.shared.faults).push(Fault::error(operation, 1, status, code).into())
            }
            _ => {}
        }
        let mut builder = http::Request::builder()
            .method(request.method())
            .uri(request.uri());
        for (k, v) in request.headers().iter() {
            builder = builder.header(k, v);
        }
        // As a connection sends it: the Host the SDK signed, from the URI.
        if !request.headers().contains_key("host") {
            let authority = request.uri().split("://").nth(1).unwrap_or_default();
            builder = builder.header("host", authority.split('/').next().unwrap_or_default());
        }
        let req = builder.body(body).expect("a request the SDK made");
        let replied = handle_whole(self.shared.clone(), req).await;
        // What the service answered from (or left): before any later fault.
        let journalled = lock(&self.shared.journal).last().cloned();
        let ran = journalled
            .as_ref()
            .is_some_and(|e| e.operation == operation && e.status == 200);
        let after = self.order(id);
        self.update(slot, |r| {
            r.applied = r.mutating && ran;
            r.after = after;
        });
        let reply = match replied {
            Ok(reply) => reply,
            Err(_) => return Err(lost()),
        };
        match fault {
            Some(Fault1::LostAfter) => return Err(lost()),
            Some(Fault1::DelayAfter(ms)) => tokio::time::sleep(Duration::from_millis(ms)).await,
            Some(Fault1::ErrorAfter) => {
                let failure = protocol::failure(
                    Protocol::Cbor,
                    &ApiError::new("InternalFailure", 500, "simulated"),
                );
                let mut out = HttpResponse::new(
                    StatusCode::try_from(failure.status).expect("a status"),
                    SdkBody::from(failure.body),
                );
                for (k, v) in failure.headers {
                    out.headers_mut().insert(k, v);
                }
                self.update(slot, |r| {
                    r.seen = Seen::Reply(500, Some("InternalFailure".into()))
                });
                return Ok(out);
            }
            _ => {}
        }
        let (parts, body) = reply.into_parts();
        let status = parts.status.as_u16();
        let code = journalled
            .and_then(|e| e.error_code)
            .filter(|_| status >= 300);
        self.update(slot, |r| r.seen = Seen::Reply(status, code));
        let mut out = HttpResponse::new(
            StatusCode::try_from(status).expect("a status"),
            SdkBody::from(body),
        );
        for (k, v) in parts.headers.iter() {
            out.headers_mut().insert(
                k.as_str().to_string(),
                v.to_str().unwrap_or_default().to_string(),
            );
        }
        Ok(out)
    }
}

/// Stored JSON as the SDK's codec reads and writes it back.
fn as_read<T: ApiJson>(stored: Json) -> Json {
    T::from_json(&stored).map_or(stored, |value| snowjob::aws::convert::json(&value))
}

fn decode(proto: Protocol, operation: &str, body: &[u8]) -> Json {
    let model = snowball_model::model();
    let (Some(op), Ok(wire)) = (
        model.operation(operation),
        protocol::decode_body(proto, body),
    ) else {
        return Json::Null;
    };
    model
        .decode(&op.input, &wire, snowball_model::DecodeOptions::default())
        .unwrap_or(Json::Null)
}

#[derive(Debug)]
struct Client(Arc<World>);

impl HttpClient for Client {
    fn http_connector(
        &self,
        _settings: &HttpConnectorSettings,
        _components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(Connector(self.0.clone()))
    }
}

#[derive(Debug)]
struct Connector(Arc<World>);

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        HttpConnectorFuture::new(self.0.clone().serve(request))
    }
}
