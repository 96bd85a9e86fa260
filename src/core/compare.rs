//! The one comparison of member values, as the service keeps them. Every
//! place that asks whether a member changed (minimizing a patch, judging a
//! lost reply, re-checking a confirmed plan, `edit`'s re-read, undo's checks)
//! asks here, so that none of them can disagree with another.
//!
//! Two values are the same when their canonical forms are equal: timestamps
//! as instants at the millisecond (the service's precision), whatever their
//! spelling (offset, fraction digits, epoch seconds); numbers by value; a
//! `null` sub-member or an empty structure as absent (UpdateJob cannot tell
//! them apart). Text is compared exactly.

use aws_sdk_snowball::primitives::DateTime;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value as Json};
use snowball_model::{Shape, model};

use crate::aws::convert;
use crate::report::Change;

/// The request shape whose members snowjob edits.
pub const UPDATE_JOB: &str = "UpdateJobRequest";

/// The model's shape of member `name` of request shape `request`.
pub fn member_shape(request: &str, name: &str) -> Option<&'static str> {
    let Shape::Structure { members, .. } = model().shape(request) else {
        return None;
    };
    members
        .iter()
        .find(|(m, _)| m == name)
        .map(|(_, shape)| shape.as_str())
}

/// Whether two values of UpdateJob member `member` (`None`: absent) are the same.
pub fn same(member: &str, a: Option<&Json>, b: Option<&Json>) -> bool {
    let shape = member_shape(UPDATE_JOB, member);
    let canon = |v: Option<&Json>| v.and_then(|v| canonical(shape, v));
    canon(a) == canon(b)
}

/// Whether two maps of members (by API name) hold the same values.
pub fn same_members(a: &Map<String, Json>, b: &Map<String, Json>) -> bool {
    a.keys()
        .chain(b.keys())
        .all(|k| same(k, a.get(k), b.get(k)))
}

/// Whether two requests send the same members with the same values.
pub fn same_request(a: Option<&Json>, b: Option<&Json>) -> bool {
    match (a.and_then(Json::as_object), b.and_then(Json::as_object)) {
        (Some(a), Some(b)) => {
            // A member sent empty is still sent: the requests differ.
            a.len() == b.len() && a.keys().all(|k| b.contains_key(k)) && same_members(a, b)
        }
        (None, None) => a == b,
        _ => false,
    }
}

/// Whether two reports of changes name the same fields with the same values
/// before and after.
pub fn same_changes(a: &[Change], b: &[Change]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.field == y.field
                && same(&x.field, Some(&x.before), Some(&y.before))
                && same(&x.field, Some(&x.after), Some(&y.after))
        })
}

/// `value` of model shape `shape` (`None`: not a known shape) in canonical
/// form; `None` when it means absent.
pub fn canonical(shape: Option<&str>, value: &Json) -> Option<Json> {
    let shape = shape.map(|s| model().shape(s));
    match (shape, value) {
        (_, Json::Null) => None,
        (Some(Shape::Structure { members, .. }), Json::Object(map)) => {
            let out: Map<String, Json> = map
                .iter()
                .filter_map(|(k, v)| {
                    let inner = members
                        .iter()
                        .find(|(m, _)| m == k)
                        .map(|(_, s)| s.as_str());
                    canonical(inner, v).map(|v| (k.clone(), v))
                })
                .collect();
            (!out.is_empty()).then_some(Json::Object(out))
        }
        (Some(Shape::List { member, .. }), Json::Array(items)) => Some(Json::Array(
            items
                .iter()
                .map(|i| canonical(Some(member), i).unwrap_or(Json::Null))
                .collect(),
        )),
        (Some(Shape::Timestamp), v) => Some(instant(v).unwrap_or_else(|| v.clone())),
        (Some(Shape::Double { .. }), Json::Number(n)) => n.as_f64().map(Json::from),
        (Some(Shape::Integer { .. }), Json::Number(n)) => Some(
            n.as_i64()
                .map(Json::from)
                .or_else(|| n.as_f64().map(Json::from))
                .unwrap_or_else(|| value.clone()),
        ),
        (None, Json::Object(map)) => {
            let out: Map<String, Json> = map
                .iter()
                .filter_map(|(k, v)| canonical(None, v).map(|v| (k.clone(), v)))
                .collect();
            (!out.is_empty()).then_some(Json::Object(out))
        }
        (_, v) => Some(v.clone()),
    }
}

/// A timestamp's canonical text: RFC 3339 (any offset) or epoch seconds, at
/// the millisecond.
fn instant(value: &Json) -> Option<Json> {
    let time = match value {
        Json::String(s) => DateTime::from_str(s, Format::DateTimeWithOffset).ok()?,
        Json::Number(n) => {
            let x = n.as_f64().filter(|x| x.is_finite())?;
            DateTime::from_secs_f64(x)
        }
        _ => return None,
    };
    Some(convert::time_json(&time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pickup(date: Json) -> Json {
        json!({"Name": "Ana", "IdentificationExpirationDate": date})
    }

    #[test]
    fn times_compare_as_instants_at_the_millisecond() {
        let same_pickup = |a, b| same("PickupDetails", Some(&pickup(a)), Some(&pickup(b)));
        assert!(same_pickup(
            json!("2030-01-31T00:00:00.100Z"),
            json!("2030-01-31T00:00:00.1Z")
        ));
        assert!(same_pickup(
            json!("2030-01-31T00:00:00.579999923Z"),
            json!("2030-01-31T00:00:00.580Z")
        ));
        assert!(same_pickup(
            json!("2030-01-31T01:00:00+01:00"),
            json!("2030-01-31T00:00:00Z")
        ));
        assert!(same_pickup(
            json!(1_895_961_600),
            json!("2030-01-30T00:00:00Z")
        ));
        assert!(!same_pickup(
            json!("2030-01-31T00:00:00.001Z"),
            json!("2030-01-31T00:00:00Z")
        ));
    }

    #[test]
    fn text_is_compared_exactly() {
        // A Description that looks like a time is text, not a time.
        assert!(!same(
            "Description",
            Some(&json!("2030-01-31T00:00:00Z")),
            Some(&json!("2030-01-31T00:00:00.000Z"))
        ));
        assert!(!same("Description", Some(&json!("a ")), Some(&json!("a"))));
    }

    #[test]
    fn null_and_empty_structures_are_absent() {
        assert!(same(
            "Notification",
            Some(&json!({"DevicePickupSnsTopicARN": null})),
            None
        ));
        assert!(same("Notification", Some(&json!({})), Some(&Json::Null)));
        assert!(!same(
            "Notification",
            Some(&json!({"NotifyAll": false})),
            None
        ));
        // An empty list is a value UpdateJob sends.
        assert!(!same("Resources", Some(&json!({"S3Resources": []})), None));
    }

    #[test]
    fn numbers_compare_by_value() {
        let s3 = |limit: Json| json!({"S3OnDeviceService": {"StorageLimit": limit}});
        assert!(same(
            "OnDeviceServiceConfiguration",
            Some(&s3(json!(5))),
            Some(&s3(json!(5.0)))
        ));
    }

    #[test]
    fn requests_differ_by_a_member_sent_or_not() {
        let a = json!({"JobId": "J", "Description": "x"});
        let b = json!({"JobId": "J", "Description": "x", "Notification": {}});
        assert!(!same_request(Some(&a), Some(&b)));
        assert!(same_request(Some(&a), Some(&a.clone())));
    }
}
