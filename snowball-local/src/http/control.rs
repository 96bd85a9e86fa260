//! What tests see and steer: the request journal, queued faults, and the
//! cluster endpoints of the control API.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::backend::store::check_order_state;
use crate::http::server::{Shared, lock};
use crate::protocol::Protocol;
use snowball_model::model;

/// One request as the endpoint saw it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct JournalEntry {
    pub seq: u64,
    pub operation: String,
    pub protocol: Option<Protocol>,
    /// The decoded input (null if it could not be decoded).
    pub input: Json,
    /// `valid`, `not checked` (--no-auth), or why the signature was refused.
    pub signature: String,
    /// The status replied (or that would have been; 0 if no reply was made).
    pub status: u16,
    /// The error code replied, or why no reply reached the client:
    /// `connection closed` (a fault), `client went away`, `panic`.
    pub error_code: Option<String>,
    /// The kind of the fault applied to this request, if any (`drop_reply`…).
    #[serde(default)]
    pub fault: Option<String>,
}

impl<'de> Deserialize<'de> for Protocol {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match String::deserialize(d)?.as_str() {
            "rpcv2Cbor" => Ok(Protocol::Cbor),
            "awsJson1_1" => Ok(Protocol::Json),
            other => Err(serde::de::Error::custom(format!(
                "unknown protocol {other}"
            ))),
        }
    }
}

/// A fault for the next `count` calls of `operation` (`*` for any).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    #[serde(default = "any_operation")]
    pub operation: String,
    #[serde(default = "one")]
    pub count: u32,
    #[serde(flatten)]
    pub action: FaultAction,
}

fn any_operation() -> String {
    "*".into()
}
fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultAction {
    /// Reply with this error instead of running the operation.
    Error {
        status: u16,
        code: String,
        #[serde(default)]
        message: String,
    },
    /// Wait this long, then run the operation as usual.
    Delay { ms: u64 },
    /// Close the connection without replying.
    CloseConnection,
    /// Run the operation, then reply 200 with a body that is not valid for the
    /// protocol (a reply garbled on the way back).
    InvalidBody,
    /// Run the operation, then set a job's (or, given a cluster ID, a
    /// cluster's) state (a race made real).
    SetStateAfter { job_id: String, state: String },
    /// Run the operation, then delete an address (another race).
    RemoveAddressAfter { address_id: String },
    /// Run the operation, then close the connection without replying: the
    /// change is made but its reply is lost. With `state`, the call's job or
    /// cluster (or `job_id`, which may name a cluster) is then set to it, e.g.
    /// the edit window ending right after.
    DropReply {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        job_id: Option<String>,
    },
    /// Run the operation, then hold its reply `ms` milliseconds; `state` and
    /// `job_id` as for `DropReply`.
    DelayReply {
        ms: u64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        state: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        job_id: Option<String>,
    },
    /// Panic while handling the call: the endpoint answers 500, journals it
    /// and keeps serving (tests that one request's bug cannot stop it).
    Panic,
}

impl FaultAction {
    /// The name the control API knows this kind by (`drop_reply`…).
    pub fn kind(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v["kind"].as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// The job state this fault sets after the call, if any.
    fn state_after(&self) -> Option<&str> {
        match self {
            FaultAction::SetStateAfter { state, .. } => Some(state),
            FaultAction::DropReply { state, .. } | FaultAction::DelayReply { state, .. } => {
                state.as_deref()
            }
            _ => None,
        }
    }
}

impl Fault {
    pub fn error(operation: &str, count: u32, status: u16, code: &str) -> Fault {
        Fault {
            operation: operation.into(),
            count,
            action: FaultAction::Error {
                status,
                code: code.into(),
                message: format!("injected {code}"),
            },
        }
    }

    /// This fault, applied only after the first `calls` matching calls passed.
    pub fn skip(self, calls: u32) -> QueuedFault {
        QueuedFault {
            skip: calls,
            fault: self,
        }
    }

    pub fn matches(&self, operation: &str) -> bool {
        self.count > 0 && (self.operation == "*" || self.operation == operation)
    }

    /// Why this fault cannot be staged, naming the field.
    pub fn check(&self) -> Result<(), String> {
        if self.count < 1 {
            return Err("count: must be at least 1".into());
        }
        if self.operation != "*" && model().operation(&self.operation).is_none() {
            return Err(format!(
                "operation: '{}' is not a Snowball operation (nor * for any)",
                self.operation
            ));
        }
        if let FaultAction::Error { status, code, .. } = &self.action {
            if !(400..=599).contains(status) {
                return Err(format!(
                    "status: {status} is not an error status (400 to 599)"
                ));
            }
            if code.is_empty() || code.chars().any(char::is_control) {
                return Err(format!(
                    "code: {code:?} must be non-empty, without control characters"
                ));
            }
        }
        if let Some(state) = self.action.state_after() {
            check_order_state(state).map_err(|e| format!("state: {e}"))?;
        }
        Ok(())
    }
}

/// A queued fault and how many matching calls pass it by untouched first.
/// (`skip` lives here, not in [`Fault`], so `Fault { operation, count, action }`
/// literals keep compiling.)
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueuedFault {
    #[serde(default)]
    pub skip: u32,
    #[serde(flatten)]
    pub fault: Fault,
}

impl From<Fault> for QueuedFault {
    fn from(fault: Fault) -> Self {
        fault.skip(0)
    }
}

/// `/_local/clusters…`: `GET clusters`, `GET clusters/ID`, `PUT clusters/ID/state`
/// (`{"state": "Pending"}`, which moves the node jobs to match). The status and
/// JSON body to reply, or `None` if `segments` names no cluster endpoint.
pub fn cluster_endpoint(
    shared: &Shared,
    method: &str,
    segments: &[&str],
    body: &[u8],
) -> Option<(u16, Json)> {
    let error = |status, text: String| Some((status, serde_json::json!({ "error": text })));
    match (method, segments) {
        ("GET", ["clusters"]) => Some((200, Json::from(shared.current().all_clusters()))),
        ("GET", ["clusters", id]) => match shared.current().cluster_metadata(id) {
            Some(cluster) => Some((200, cluster)),
            None => error(404, format!("no cluster {id}")),
        },
        ("PUT" | "POST", ["clusters", id, "state"]) => {
            let state = serde_json::from_slice::<Json>(body)
                .ok()
                .and_then(|v| v.get("state").and_then(Json::as_str).map(str::to_string));
            let Some(state) = state else {
                return error(400, "expected {\"state\": \"ClusterState\"}".into());
            };
            let exists = lock(&shared.store).cluster_metadata(id).is_some();
            match shared.change(|store| store.set_cluster_state(id, &state)) {
                Ok(()) => Some((200, serde_json::json!({}))),
                Err(e) => error(if exists { 400 } else { 404 }, e),
            }
        }
        _ => None,
    }
}

/// Integer fields of a fault and their largest values, checked on the raw JSON
/// so that `-1` or `1e9` is refused naming the field (serde would not name it).
const INTEGERS: &[(&str, u64)] = &[
    ("count", u32::MAX as u64),
    ("skip", u32::MAX as u64),
    ("status", u16::MAX as u64),
    ("ms", u64::MAX),
];

/// A fault as the control API receives it; errors name the field at fault.
pub fn parse_fault(body: &[u8]) -> Result<QueuedFault, String> {
    let doc: Json = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let fields = doc.as_object().ok_or("a fault is a JSON object")?;
    for (name, max) in INTEGERS {
        if let Some(value) = fields.get(*name)
            && value.as_u64().is_none_or(|n| n > *max)
        {
            return Err(format!(
                "{name}: expected a whole number from 0 to {max}, not {value}"
            ));
        }
    }
    let queued: QueuedFault = serde_json::from_value(doc).map_err(|e| {
        // serde names a missing field, but not the tag of an unknown kind.
        let text = e.to_string();
        if text.starts_with("unknown variant") {
            format!("kind: {text}")
        } else {
            text
        }
    })?;
    queued.fault.check()?;
    Ok(queued)
}

/// Takes the fault for a call of `operation`: every matching fault still
/// skipping counts the call, and the first one done skipping applies (and
/// counts down).
pub fn take_fault(faults: &mut Vec<QueuedFault>, operation: &str) -> Option<FaultAction> {
    let mut chosen = None;
    for (index, queued) in faults.iter_mut().enumerate() {
        if !queued.fault.matches(operation) {
            continue;
        }
        if queued.skip > 0 {
            queued.skip -= 1;
        } else if chosen.is_none() {
            chosen = Some(index);
        }
    }
    let index = chosen?;
    let fault = &mut faults[index].fault;
    fault.count -= 1;
    let action = fault.action.clone();
    if fault.count == 0 {
        faults.remove(index);
    }
    Some(action)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_count_down_in_order() {
        let mut faults = vec![Fault::error("UpdateJob", 2, 500, "InternalFailure").into()];
        assert!(take_fault(&mut faults, "DescribeJob").is_none());
        assert!(take_fault(&mut faults, "UpdateJob").is_some());
        assert!(take_fault(&mut faults, "UpdateJob").is_some());
        assert!(take_fault(&mut faults, "UpdateJob").is_none());
    }

    #[test]
    fn skip_lets_the_first_matching_calls_through() {
        let mut faults = vec![Fault::error("DescribeJob", 1, 500, "InternalFailure").skip(1)];
        assert!(take_fault(&mut faults, "UpdateJob").is_none());
        assert!(take_fault(&mut faults, "DescribeJob").is_none());
        assert!(take_fault(&mut faults, "DescribeJob").is_some());
        assert!(faults.is_empty());
    }

    #[test]
    fn fault_json_shape() {
        let f = parse_fault(br#"{"operation":"UpdateJob","count":3,"kind":"error","status":503,"code":"ServiceUnavailable"}"#).unwrap();
        assert!(matches!(
            f.fault.action,
            FaultAction::Error { status: 503, .. }
        ));
        let f = parse_fault(br#"{"kind":"close_connection"}"#).unwrap();
        assert_eq!(
            (f.fault.operation.as_str(), f.fault.count, f.skip),
            ("*", 1, 0)
        );
        let f =
            parse_fault(br#"{"kind":"drop_reply","skip":2,"state":"PreparingAppliance"}"#).unwrap();
        assert_eq!(f.skip, 2);
        assert_eq!(f.fault.action.kind(), "drop_reply");
    }

    #[test]
    fn malformed_faults_name_the_field() {
        for (body, field) in [
            (r#"{"kind":"error","status":1000,"code":"X"}"#, "status:"),
            (r#"{"kind":"error","status":200,"code":"X"}"#, "status:"),
            (r#"{"kind":"error","status":-1,"code":"X"}"#, "status:"),
            (r#"{"kind":"error","status":500,"code":"A\nB"}"#, "code:"),
            (r#"{"kind":"error","status":500}"#, "`code`"),
            (r#"{"kind":"delay","ms":1,"count":0}"#, "count:"),
            (r#"{"kind":"delay","ms":1,"count":-3}"#, "count:"),
            (
                r#"{"kind":"delay","ms":1,"operation":"Explode"}"#,
                "operation:",
            ),
            (r#"{"kind":"explode"}"#, "kind:"),
            (r#"{"kind":"drop_reply","state":"Gone"}"#, "state:"),
            (r#"[1]"#, "object"),
        ] {
            let err = parse_fault(body.as_bytes()).unwrap_err();
            assert!(err.contains(field), "{body}: {err}");
        }
    }
}
