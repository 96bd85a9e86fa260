//! The two protocols the service speaks: Smithy RPC v2 CBOR (current SDKs) and
//! awsJson1_1 (boto3, AWS CLI). Both decode into [`Wire`], which the model checks.

use serde_json::Value as Json;

pub use snowball_model::Wire;
use snowball_model::model;

pub const SERVICE: &str = "AWSIESnowballJobManagementService";
const NAMESPACE: &str = "com.amazonaws.snowball";

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Protocol {
    #[serde(rename = "rpcv2Cbor")]
    Cbor,
    #[serde(rename = "awsJson1_1")]
    Json,
}

/// An error reply: the modelled exception name, its HTTP status and members.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: String,
    pub status: u16,
    pub message: String,
    pub resource_type: Option<String>,
}

impl ApiError {
    pub fn new(code: &str, status: u16, message: impl Into<String>) -> Self {
        ApiError {
            code: code.to_string(),
            status,
            message: message.into(),
            resource_type: None,
        }
    }
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new("ValidationException", 400, message)
    }
    pub fn serialization(message: impl Into<String>) -> Self {
        Self::new("SerializationException", 400, message)
    }
    pub fn invalid_resource(resource_type: &str, message: impl Into<String>) -> Self {
        ApiError {
            resource_type: Some(resource_type.to_string()),
            ..Self::new("InvalidResourceException", 400, message)
        }
    }
    pub fn job_state(message: impl Into<String>) -> Self {
        Self::new("InvalidJobStateException", 400, message)
    }
    pub fn combination(message: impl Into<String>) -> Self {
        Self::new("InvalidInputCombinationException", 400, message)
    }
    pub fn signature(message: impl Into<String>) -> Self {
        Self::new("InvalidSignatureException", 403, message)
    }
    /// A call refused by the rate limit (the code the SDKs retry as throttling).
    pub fn throttling() -> Self {
        Self::new("ThrottlingException", 400, "Rate exceeded")
    }
}

/// Which protocol and operation a request is, from its path and headers.
pub fn identify(
    path: &str,
    target: Option<&str>,
) -> Result<(Protocol, String), (Protocol, ApiError)> {
    // RPC v2 answers an unknown path 404; awsJson1_1 an unknown target 400.
    let unknown = |p, status, what: &str| {
        let message = format!("unknown operation {what}");
        (
            p,
            ApiError::new("UnknownOperationException", status, message),
        )
    };
    if let Some(rest) = path.strip_prefix(&format!("/service/{SERVICE}/operation/")) {
        return if model().operation(rest).is_some() {
            Ok((Protocol::Cbor, rest.to_string()))
        } else {
            Err(unknown(Protocol::Cbor, 404, rest))
        };
    }
    if path == "/" {
        let target = target.unwrap_or_default();
        return match target.strip_prefix(&format!("{SERVICE}.")) {
            Some(op) if model().operation(op).is_some() => Ok((Protocol::Json, op.to_string())),
            _ => Err(unknown(Protocol::Json, 400, target)),
        };
    }
    Err(unknown(Protocol::Cbor, 404, path))
}

pub fn decode_body(protocol: Protocol, body: &[u8]) -> Result<Wire, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Wire::Map(Vec::new()));
    }
    match protocol {
        Protocol::Cbor => {
            let value: ciborium::Value = ciborium::de::from_reader(body).map_err(|e| {
                ApiError::serialization(format!("request body is not valid CBOR: {e}"))
            })?;
            from_cbor(value, 0)
        }
        Protocol::Json => {
            let value: Json = serde_json::from_slice(body).map_err(|e| {
                ApiError::serialization(format!("request body is not valid JSON: {e}"))
            })?;
            Ok(Wire::from_json(value))
        }
    }
}

fn from_cbor(value: ciborium::Value, depth: usize) -> Result<Wire, ApiError> {
    use ciborium::Value as C;
    if depth > 64 {
        return Err(ApiError::serialization("request body nests too deeply"));
    }
    Ok(match value {
        C::Null => Wire::Null,
        C::Bool(b) => Wire::Bool(b),
        C::Integer(i) => Wire::Int(i.into()),
        C::Float(f) => Wire::Float(f),
        C::Text(t) => Wire::Text(t),
        C::Bytes(b) => Wire::Bytes(b),
        C::Array(items) => Wire::List(
            items
                .into_iter()
                .map(|v| from_cbor(v, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        C::Map(entries) => Wire::Map(
            entries
                .into_iter()
                .map(|(k, v)| match k {
                    C::Text(k) => Ok((k, from_cbor(v, depth + 1)?)),
                    _ => Err(ApiError::serialization("map keys must be text strings")),
                })
                .collect::<Result<_, _>>()?,
        ),
        C::Tag(tag, inner) => Wire::Tag(tag, Box::new(from_cbor(*inner, depth + 1)?)),
        _ => return Err(ApiError::serialization("unsupported CBOR value")),
    })
}

/// A reply ready to send: status, content type and body.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

pub fn success(protocol: Protocol, output_shape: Option<&str>, output: &Json) -> Reply {
    let m = model();
    match protocol {
        Protocol::Cbor => {
            let value = match output_shape {
                Some(shape) => m.encode_cbor(shape, output),
                None => ciborium::Value::Map(Vec::new()),
            };
            cbor_reply(200, &value)
        }
        Protocol::Json => {
            let value = match output_shape {
                Some(shape) => m.encode_json(shape, output),
                None => Json::Object(Default::default()),
            };
            json_reply(200, &value, None)
        }
    }
}

pub fn failure(protocol: Protocol, error: &ApiError) -> Reply {
    match protocol {
        Protocol::Cbor => {
            use ciborium::Value as C;
            let mut entries = vec![
                (
                    C::Text("__type".into()),
                    C::Text(format!("{NAMESPACE}#{}", error.code)),
                ),
                (C::Text("message".into()), C::Text(error.message.clone())),
                (C::Text("Message".into()), C::Text(error.message.clone())),
            ];
            if let Some(rt) = &error.resource_type {
                entries.push((C::Text("ResourceType".into()), C::Text(rt.clone())));
            }
            cbor_reply(error.status, &C::Map(entries))
        }
        Protocol::Json => {
            let mut body = serde_json::json!({"__type": error.code, "message": error.message, "Message": error.message});
            if let Some(rt) = &error.resource_type {
                body["ResourceType"] = Json::String(rt.clone());
            }
            json_reply(error.status, &body, Some(&error.code))
        }
    }
}

fn cbor_reply(status: u16, value: &ciborium::Value) -> Reply {
    let mut body = Vec::new();
    ciborium::ser::into_writer(value, &mut body).expect("writing CBOR to memory cannot fail");
    Reply {
        status,
        headers: vec![
            ("content-type", "application/cbor".into()),
            ("smithy-protocol", "rpc-v2-cbor".into()),
        ],
        body,
    }
}

fn json_reply(status: u16, value: &Json, error_type: Option<&str>) -> Reply {
    let mut headers = vec![("content-type", "application/x-amz-json-1.1".to_string())];
    if let Some(code) = error_type {
        headers.push(("x-amzn-errortype", code.to_string()));
    }
    Reply {
        status,
        headers,
        body: serde_json::to_vec(value).expect("JSON values serialize"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_length_map_decodes() {
        // {_ "JobId": "x"} with an indefinite-length map and text string.
        let mut body = vec![0xbf, 0x65];
        body.extend_from_slice(b"JobId");
        body.extend_from_slice(&[0x7f, 0x61, b'x', 0xff, 0xff]);
        let wire = decode_body(Protocol::Cbor, &body).unwrap();
        assert_eq!(
            wire,
            Wire::Map(vec![("JobId".into(), Wire::Text("x".into()))])
        );
    }

    #[test]
    fn garbage_is_a_serialization_error_not_a_panic() {
        for body in [
            &[0xff][..],
            &[0x5f, 0x00],
            &[0xbf],
            b"\x9f\x9f\x9f",
            &[0xa1, 0x01, 0x02],
        ] {
            assert!(decode_body(Protocol::Cbor, body).is_err(), "{body:?}");
        }
        assert!(decode_body(Protocol::Json, b"{").is_err());
    }

    #[test]
    fn operations_are_identified_per_protocol() {
        let path = format!("/service/{SERVICE}/operation/DescribeJob");
        assert_eq!(
            identify(&path, None).unwrap(),
            (Protocol::Cbor, "DescribeJob".into())
        );
        let target = format!("{SERVICE}.ListJobs");
        assert_eq!(
            identify("/", Some(&target)).unwrap(),
            (Protocol::Json, "ListJobs".into())
        );
        assert!(identify("/", Some("Other.ListJobs")).is_err());
    }
}
