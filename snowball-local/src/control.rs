//! What tests see and steer: the request journal and queued faults.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::wire::Protocol;

/// One request as the endpoint saw it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalEntry {
    pub seq: u64,
    pub operation: String,
    pub protocol: Option<Protocol>,
    /// The decoded input (null if it could not be decoded).
    pub input: Json,
    /// `valid`, `not checked` (--no-auth), or why the signature was refused.
    pub signature: String,
    pub status: u16,
    pub error_code: Option<String>,
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
    /// Run the operation, then set a job's state (a race made real).
    SetStateAfter { job_id: String, state: String },
    /// Run the operation, then delete an address (another race).
    RemoveAddressAfter { address_id: String },
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

    pub fn matches(&self, operation: &str) -> bool {
        self.count > 0 && (self.operation == "*" || self.operation == operation)
    }
}

/// Takes the first queued fault for `operation`, counting it down.
pub fn take_fault(faults: &mut Vec<Fault>, operation: &str) -> Option<FaultAction> {
    let index = faults.iter().position(|f| f.matches(operation))?;
    let fault = &mut faults[index];
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
        let mut faults = vec![Fault::error("UpdateJob", 2, 500, "InternalFailure")];
        assert!(take_fault(&mut faults, "DescribeJob").is_none());
        assert!(take_fault(&mut faults, "UpdateJob").is_some());
        assert!(take_fault(&mut faults, "UpdateJob").is_some());
        assert!(take_fault(&mut faults, "UpdateJob").is_none());
    }

    #[test]
    fn fault_json_shape() {
        let f: Fault = serde_json::from_str(r#"{"operation":"UpdateJob","count":3,"kind":"error","status":503,"code":"ServiceUnavailable"}"#).unwrap();
        assert!(matches!(f.action, FaultAction::Error { status: 503, .. }));
        let f: Fault = serde_json::from_str(r#"{"kind":"close_connection"}"#).unwrap();
        assert_eq!((f.operation.as_str(), f.count), ("*", 1));
    }
}
