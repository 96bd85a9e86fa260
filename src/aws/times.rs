//! Times read at the service's precision. Replies carry times as epoch
//! seconds in a CBOR float, and the SDK's decoder truncates them to the
//! millisecond, so `.580` (the float `.5799999237`) would be read as `.579`
//! and sent back so when its structure is sent whole. Before the SDK decodes
//! a reply, each time's float is set half a millisecond above the millisecond
//! it rounds to: truncated, it gives that millisecond exactly.

use std::pin::Pin;
use std::task::{Context, Poll};

use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::BeforeDeserializationInterceptorContextMut;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use bytes::Bytes;
use ciborium::Value as Cbor;
use http_body::{Body, Frame};

#[derive(Debug)]
pub struct RoundTimes;

impl Intercept for RoundTimes {
    fn name(&self) -> &'static str {
        "snowjob-round-times"
    }

    fn modify_before_deserialization(
        &self,
        context: &mut BeforeDeserializationInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let body = context.response_mut().body_mut();
        let taken = std::mem::replace(body, SdkBody::taken());
        *body = match taken.bytes() {
            Some(bytes) => SdkBody::from(rounded(bytes)),
            None => SdkBody::from_body_1_x(Whole {
                inner: taken,
                read: Vec::new(),
                done: false,
            }),
        };
        Ok(())
    }
}

/// A reply body read whole, then given with its times rounded.
struct Whole {
    inner: SdkBody,
    read: Vec<u8>,
    done: bool,
}

impl Body for Whole {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        loop {
            if self.done {
                return Poll::Ready(None);
            }
            match Pin::new(&mut self.inner).poll_frame(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        self.read.extend_from_slice(&data);
                    }
                }
                Poll::Ready(None) => {
                    self.done = true;
                    let whole = rounded(&self.read);
                    return Poll::Ready(Some(Ok(Frame::data(Bytes::from(whole)))));
                }
            }
        }
    }
}

/// The body with every time (CBOR tag 1 on a float) rounded; anything that is
/// not CBOR as it was.
fn rounded(bytes: &[u8]) -> Vec<u8> {
    let Ok(mut value) = ciborium::de::from_reader::<Cbor, _>(bytes) else {
        return bytes.to_vec();
    };
    if !round_all(&mut value) {
        return bytes.to_vec();
    }
    let mut out = Vec::with_capacity(bytes.len());
    match ciborium::ser::into_writer(&value, &mut out) {
        Ok(()) => out,
        Err(_) => bytes.to_vec(),
    }
}

/// Rounds every time in `value`; whether there was one.
fn round_all(value: &mut Cbor) -> bool {
    match value {
        Cbor::Tag(1, inner) => match inner.as_mut() {
            Cbor::Float(secs) if secs.is_finite() => {
                *secs = ((*secs * 1000.0).round() + 0.5) / 1000.0;
                true
            }
            _ => false,
        },
        // Every entry visited: no short circuit.
        Cbor::Array(items) => items.iter_mut().map(round_all).fold(false, |a, b| a | b),
        Cbor::Map(entries) => entries
            .iter_mut()
            .map(|(_, v)| round_all(v))
            .fold(false, |a, b| a | b),
        Cbor::Tag(_, inner) => round_all(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_types::DateTime;

    /// What the SDK's decoder makes of epoch seconds: truncated to the millisecond.
    fn as_the_sdk_reads(secs: f64) -> i64 {
        let t = DateTime::from_secs_f64(secs);
        t.secs() * 1000 + i64::from(t.subsec_nanos() / 1_000_000)
    }

    #[test]
    fn every_millisecond_reads_back_as_itself() {
        for millis in [
            1_895_961_600_580_i64,
            1_895_961_600_579,
            1_895_961_600_100,
            1_895_961_600_000,
            1_895_961_600_999,
            -1_580,
            0,
        ] {
            let reply = Cbor::Map(vec![(
                Cbor::Text("T".into()),
                Cbor::Tag(1, Box::new(Cbor::Float(millis as f64 / 1000.0))),
            )]);
            let mut bytes = Vec::new();
            ciborium::ser::into_writer(&reply, &mut bytes).unwrap();
            let Cbor::Map(entries) = ciborium::de::from_reader(rounded(&bytes).as_slice()).unwrap()
            else {
                panic!()
            };
            let Cbor::Tag(1, secs) = &entries[0].1 else {
                panic!()
            };
            assert_eq!(as_the_sdk_reads(secs.as_float().unwrap()), millis);
        }
    }

    #[test]
    fn a_body_that_is_not_cbor_is_left_alone() {
        assert_eq!(rounded(b"{\"a\": 1}"), b"{\"a\": 1}");
    }
}
