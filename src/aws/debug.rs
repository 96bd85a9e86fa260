//! `--debug`: every request and response on stderr, CBOR bodies decoded, with
//! credentials, session tokens and signatures redacted; one message a request
//! or response, its lines below its first.

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use serde_json::Value as Json;

const REDACTED: &str = "<redacted>";

/// The trace, written to the sink the command layer hands over.
pub struct DebugTrace(pub crate::aws::client::Sink);

impl std::fmt::Debug for DebugTrace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DebugTrace")
    }
}

impl Intercept for DebugTrace {
    fn name(&self) -> &'static str {
        "snowjob-debug"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let req = context.request();
        let mut out = format!("-> {} {}\n", req.method(), redact_uri(req.uri()));
        for (name, value) in req.headers() {
            out.push_str(&format!("   {name}: {}\n", redact_header(name, value)));
        }
        out.push_str(&format!("   body: {}", body_text(req.body().bytes())));
        self.0.say(&out);
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let resp = context.response();
        let mut out = format!("<- {}\n", resp.status().as_u16());
        for (name, value) in resp.headers() {
            out.push_str(&format!("   {name}: {}\n", redact_header(name, value)));
        }
        out.push_str(&format!("   body: {}", body_text(resp.body().bytes())));
        self.0.say(&out);
        Ok(())
    }
}

/// Headers that carry secrets are replaced; the Authorization header keeps its
/// algorithm and signed-header list, which help debugging and are not secret.
pub fn redact_header(name: &str, value: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower == "authorization" {
        return value
            .split(", ")
            .map(|part| match part.split_once('=') {
                Some((key, _)) if key.ends_with("Credential") || key == "Signature" => {
                    format!("{key}={REDACTED}")
                }
                _ => part.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
    }
    if ["token", "secret", "credential", "signature", "cookie"]
        .iter()
        .any(|s| lower.contains(s))
    {
        return REDACTED.to_string();
    }
    value.to_string()
}

/// A request's URL without its query string or fragment: a Snowball request
/// has no query of its own, so one can only come from the endpoint URL, where
/// credentials can hide (a presigned token). The password is gone already.
pub fn redact_uri(uri: &str) -> String {
    crate::aws::config::redact_endpoint(uri)
}

/// Members whose values never appear in a trace beyond those the service
/// model marks `sensitive` (the pickup contact's e-mail and phone): the pickup
/// person's identification number is as private. (structure member, sub-member)
const ALSO_PRIVATE: &[(&str, &str)] = &[("PickupDetails", "IdentificationNumber")];

fn is_private(holder: &str, member: &str) -> bool {
    static SENSITIVE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    let pair = (holder, member);
    SENSITIVE
        .get_or_init(|| snowball_model::model().sensitive_members())
        .iter()
        .chain(ALSO_PRIVATE)
        .any(|p| *p == pair)
}

/// Whether the member at `path` (`PickupDetails.Email`, list indexes
/// allowed) holds a value that is never shown.
pub fn is_private_path(path: &str) -> bool {
    let mut steps = path
        .rsplit('.')
        .map(|step| step.split('[').next().unwrap_or(step));
    match (steps.next(), steps.next()) {
        (Some(member), Some(holder)) => is_private(holder, member),
        _ => false,
    }
}

/// A body (or any value under member `parent`) as JSON with the sensitive
/// members' values replaced.
pub fn redact_body(value: &mut Json, parent: &str) {
    match value {
        Json::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_private(parent, key) {
                    *v = Json::String(REDACTED.into());
                } else {
                    redact_body(v, key);
                }
            }
        }
        Json::Array(items) => items.iter_mut().for_each(|v| redact_body(v, parent)),
        _ => {}
    }
}

fn body_text(bytes: Option<&[u8]>) -> String {
    let Some(bytes) = bytes else {
        return "(streamed)".into();
    };
    if bytes.is_empty() {
        return "(empty)".into();
    }
    let decoded = ciborium::de::from_reader::<ciborium::Value, _>(bytes)
        .map(cbor_to_json)
        .ok()
        .or_else(|| serde_json::from_slice::<Json>(bytes).ok());
    match decoded {
        Some(mut json) => {
            redact_body(&mut json, "");
            crate::text::escape_controls(&json.to_string())
        }
        // Neither CBOR nor JSON: shown only as a size, since it could hold anything.
        None => format!("({} bytes, not CBOR or JSON)", bytes.len()),
    }
}

fn cbor_to_json(value: ciborium::Value) -> Json {
    use ciborium::Value as C;
    match value {
        C::Null => Json::Null,
        C::Bool(b) => Json::Bool(b),
        C::Integer(i) => i64::try_from(i128::from(i)).map_or(Json::Null, Json::from),
        C::Float(f) => Json::from(f),
        C::Text(t) => Json::String(t),
        C::Bytes(b) => Json::String(format!("({} bytes)", b.len())),
        C::Array(items) => Json::Array(items.into_iter().map(cbor_to_json).collect()),
        C::Map(entries) => Json::Object(
            entries
                .into_iter()
                .map(|(k, v)| match k {
                    C::Text(k) => (k, cbor_to_json(v)),
                    other => (format!("{other:?}"), cbor_to_json(v)),
                })
                .collect(),
        ),
        C::Tag(_, inner) => cbor_to_json(*inner),
        _ => Json::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authorization_keeps_structure_but_not_secrets() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261125/us-east-1/snowball/aws4_request, SignedHeaders=host;x-amz-date, Signature=abcdef0123";
        let redacted = redact_header("Authorization", auth);
        assert!(!redacted.contains("AKIAIOSFODNN7EXAMPLE"));
        assert!(!redacted.contains("abcdef0123"));
        assert!(redacted.contains("SignedHeaders=host;x-amz-date"));
        assert_eq!(redact_header("x-amz-security-token", "FQoG"), REDACTED);
        assert_eq!(
            redact_header("content-type", "application/cbor"),
            "application/cbor"
        );
    }

    #[test]
    fn sensitive_members_are_hidden_wherever_they_are() {
        let mut body = serde_json::json!({"JobMetadata": {"PickupDetails": {"Name": "Kim", "Email": "kim@example.com",
            "PhoneNumber": "+1 206 555 0100", "IdentificationNumber": "X123"}}, "Address": {"PhoneNumber": "+1 206 555 0199"}});
        redact_body(&mut body, "");
        let text = body.to_string();
        for secret in ["kim@example.com", "+1 206 555 0100", "X123"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert!(
            text.contains("Kim") && text.contains("+1 206 555 0199"),
            "{text}"
        );
    }

    #[test]
    fn query_strings_are_hidden() {
        let uri = redact_uri("http://h:9/p?X-Amz-Signature=abc&x=1&X-Amz-Credential=AKID%2F");
        assert_eq!(uri, "http://h:9/p?<redacted>");
        assert_eq!(redact_uri("/p"), "/p");
    }
}
