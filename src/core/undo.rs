//! `undo` as an edit: each member a recorded edit changed goes back to its
//! value before that edit, but only while the job still holds what the edit
//! left; anything else is someone's later change and is never overwritten.

use std::collections::HashMap;

use aws_sdk_snowball::types::JobMetadata;
use serde_json::{Map, Value as Json};

use crate::core::compare;
use crate::core::patch::{self, Patch};
use crate::core::patch_file;
use crate::core::pipeline::{Action, Context, Edit};
use crate::failure::{Code, Failure};
use crate::history_file::Record;
use crate::text::quote;

/// Reverts each job's last recorded edit (the one given for it here).
#[derive(Debug)]
pub struct Undo {
    pub last: HashMap<String, Record>,
}

impl Edit for Undo {
    /// A cancel cannot be undone: refused from the record, before the order
    /// (cancelled, so not editable) is even read.
    fn action(&self, id: &str) -> Result<Action<'_>, Failure> {
        match self.last.get(id) {
            Some(record)
                if snowball_model::OrderKind::of_operation(&record.operation)
                    .is_some_and(|kind| kind.cancel_operation() == record.operation) =>
            {
                Err(Failure::of(
                    Code::CannotUndoCancel,
                    format!(
                        "{id}: its last recorded edit ({}) cancelled it, and a cancelled order cannot be reopened; nothing was sent. `snowjob show {id} -o yaml` keeps its settings for a new order",
                        record.time
                    ),
                ))
            }
            _ => Ok(Action::Update),
        }
    }

    fn patch(&self, job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        let id = job.job_id().unwrap_or_default();
        let noun = snowball_model::OrderKind::of(id).noun();
        let record = self.last.get(id).ok_or_else(|| {
            Failure::of(Code::NoHistory, format!(
                    "{noun} {id} has no recorded edit in this region and endpoint; there is nothing to undo (see `snowjob history {id}`)"
                ),
            )
        })?;
        let members = revert(record, &patch::current_members(job))?;
        patch_file::whole(members).map_err(|e| {
            Failure::invalid(format!(
                "the edit of job {id} recorded at {} cannot be undone ({e})",
                record.time
            ))
        })
    }
}

/// The members to send so that every member `record` changed holds its value
/// from before, given the job's `current` members. Members already back are
/// left out. Refused when a member holds neither value (changed since), or
/// was a scalar the job did not have (UpdateJob cannot remove one); a
/// structure the job did not have goes back to empty.
pub fn revert(record: &Record, current: &Map<String, Json>) -> Result<Map<String, Json>, Failure> {
    let id = &record.job_id;
    let kind = snowball_model::OrderKind::of(id);
    let (noun, update) = (kind.noun(), kind.update_operation());
    let edit = format!("the edit of {} ({})", record.time, quote(&record.command));
    let mut back = Map::new();
    for change in &record.changes {
        let field = change.field.as_str();
        if !patch::is_member(field) {
            return Err(Failure::invalid(format!(
                "{edit} names {}, which is not an UpdateJob member; the history line was changed by hand",
                quote(field)
            )));
        }
        let now = current.get(field).unwrap_or(&Json::Null);
        if compare::same(field, Some(now), Some(&change.before)) {
            continue;
        }
        if !compare::same(field, Some(now), Some(&change.after)) {
            return Err(Failure::of(
                Code::ChangedSinceEdit,
                format!(
                    "{noun} {id}: {field} changed after {edit}: it is now {}, not {} as that edit left it; nothing was sent for this {noun}",
                    shown(field, now),
                    shown(field, &change.after)
                ),
            ));
        }
        let value = match &change.before {
            Json::Null if patch_file::is_structure(field) => Json::Object(Map::new()),
            Json::Null => {
                return Err(Failure::of(
                    Code::CannotRemove,
                    format!(
                        "{noun} {id}: {field} was not set before {edit}, and {update} cannot remove it; nothing was sent for this {noun}. Set it to the value you want instead"
                    ),
                ));
            }
            before => before.clone(),
        };
        back.insert(field.to_string(), value);
    }
    Ok(back)
}

/// A member's value in a message: text as itself, anything else as JSON
/// with the pickup contact's details hidden; quoted and bounded.
fn shown(member: &str, value: &Json) -> String {
    let mut value = value.clone();
    crate::aws::debug::redact_body(&mut value, member);
    match &value {
        Json::Null => "not set".into(),
        Json::String(s) => quote(s),
        other => quote(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Change, Outcome};
    use serde_json::json;

    fn record(changes: &[(&str, Json, Json)]) -> Record {
        Record {
            time: "2030-01-01T00:00:00Z".into(),
            job_id: "JID123e4567-e89b-12d3-a456-426655440000".into(),
            operation: "UpdateJob".into(),
            region: "us-east-1".into(),
            endpoint: None,
            profile: "default".into(),
            command: "set-shipping".into(),
            outcome: Outcome::Updated,
            changes: changes
                .iter()
                .map(|(f, b, a)| Change {
                    field: f.to_string(),
                    before: b.clone(),
                    after: a.clone(),
                })
                .collect(),
            request: Json::Null,
            standards: Vec::new(),
        }
    }

    fn members(v: Json) -> Map<String, Json> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn members_the_edit_left_go_back_and_those_already_back_stay() {
        let r = record(&[
            ("ShippingOption", json!("SECOND_DAY"), json!("NEXT_DAY")),
            ("SnowballCapacityPreference", json!("T100"), json!("T98")),
            (
                "Notification",
                Json::Null,
                json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t"}),
            ),
        ]);
        let now = members(json!({
            "ShippingOption": "NEXT_DAY",
            "SnowballCapacityPreference": "T100",
            "Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t"}
        }));
        assert_eq!(
            revert(&r, &now).unwrap(),
            members(json!({"ShippingOption": "SECOND_DAY", "Notification": {}}))
        );
        // Nothing applied (an unknown fate): nothing to send.
        let untouched =
            members(json!({"ShippingOption": "SECOND_DAY", "SnowballCapacityPreference": "T100"}));
        assert!(revert(&r, &untouched).unwrap().is_empty());
    }

    #[test]
    fn a_later_change_or_an_absent_scalar_is_refused() {
        let r = record(&[("SnowballCapacityPreference", json!("T100"), json!("T98"))]);
        let err = revert(
            &r,
            &members(json!({"SnowballCapacityPreference": "NoPreference"})),
        )
        .unwrap_err();
        assert_eq!(
            (err.code.as_str(), err.exit_code()),
            ("ChangedSinceEdit", 3)
        );
        assert!(
            err.message.contains("SnowballCapacityPreference")
                && err.message.contains("'NoPreference'"),
            "{}",
            err.message
        );

        let r = record(&[("ForwardingAddressId", Json::Null, json!("ADID1"))]);
        let err = revert(&r, &members(json!({"ForwardingAddressId": "ADID1"}))).unwrap_err();
        assert_eq!((err.code.as_str(), err.exit_code()), ("CannotRemove", 3));
        assert!(
            revert(&r, &Map::new()).unwrap().is_empty(),
            "already absent"
        );

        let r = record(&[("JobState", json!("New"), json!("Complete"))]);
        assert_eq!(revert(&r, &Map::new()).unwrap_err().exit_code(), 2);
    }
}
