//! Reviewed plans: the document `--plan FILE` writes, the checks that make a
//! file one (every request against the model, each request's members exactly
//! its changes), and the edit `submit` is: each order's reviewed request is
//! sent exactly, and only while the order holds what was reviewed as Before.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use crate::core::checks;
use crate::core::compare;
use crate::core::patch::Patch;
use crate::core::pipeline::{Action, Edit};
use crate::failure::{Code, Failure};
use crate::report::Target;
use crate::report::{Change, OrderResult, Outcome};
use crate::text::quote;
use snowball_model::OrderKind;

/// The version of the document written, and the only one read.
pub const VERSION: u64 = 1;

/// The largest plan written or read.
pub const MAX_SIZE: usize = 16 * 1024 * 1024;

/// The members of a plan, in the order they are written.
const MEMBERS: &[&str] = &[
    "Version", "Created", "Region", "Endpoint", "Profile", "Command", "Plans",
];

/// The members of an entry (one of the two IDs).
const ENTRY_MEMBERS: &[&str] = &[
    "JobId",
    "ClusterId",
    "Operation",
    "Standards",
    "Changes",
    "Request",
];

/// A plan: where it was made for, by which command, and what each order is sent.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// When it was made, RFC 3339 (UTC).
    pub created: String,
    /// The region, endpoint (as the history records it) and profile.
    pub target: Target,
    /// The subcommand and its arguments.
    pub command: String,
    pub entries: Vec<Entry>,
}

/// One order's reviewed change.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub id: String,
    /// `UpdateJob`, `UpdateCluster`, `CancelJob` or `CancelCluster`.
    pub operation: &'static str,
    pub changes: Vec<Change>,
    pub request: Json,
    /// The standards that selected the order (a plan `conform` made).
    pub standards: Vec<String>,
}

impl Entry {
    pub fn is_cancel(&self) -> bool {
        self.operation == OrderKind::of(&self.id).cancel_operation()
    }
}

impl Plan {
    /// The plan of a dry run's results: the orders that would change (those
    /// unchanged or failed are left out).
    pub fn of(results: &[OrderResult], target: &Target, command: &str, created: &str) -> Plan {
        let entries = results
            .iter()
            .filter(|r| r.outcome == Outcome::Planned)
            .map(|r| Entry {
                id: r.id.clone(),
                operation: r.sent_operation(),
                changes: r.changes.clone(),
                request: r.request.clone().unwrap_or(Json::Null),
                standards: r.standards.clone(),
            })
            .collect();
        Plan {
            created: created.to_string(),
            target: target.clone(),
            command: command.to_string(),
            entries,
        }
    }

    /// The document, members in their order.
    pub fn to_json(&self) -> Json {
        let mut doc = Map::new();
        doc.insert("Version".into(), VERSION.into());
        doc.insert("Created".into(), self.created.clone().into());
        doc.insert("Region".into(), self.target.region.clone().into());
        if let Some(endpoint) = &self.target.endpoint {
            doc.insert("Endpoint".into(), endpoint.clone().into());
        }
        doc.insert("Profile".into(), self.target.profile.clone().into());
        doc.insert("Command".into(), self.command.clone().into());
        let entries = self.entries.iter().map(|e| {
            let mut entry = Map::new();
            entry.insert(OrderKind::of(&e.id).id_member().into(), e.id.clone().into());
            entry.insert("Operation".into(), e.operation.into());
            if !e.standards.is_empty() {
                entry.insert("Standards".into(), e.standards.clone().into());
            }
            entry.insert(
                "Changes".into(),
                serde_json::to_value(&e.changes).unwrap_or_default(),
            );
            entry.insert("Request".into(), e.request.clone());
            Json::Object(entry)
        });
        doc.insert("Plans".into(), Json::Array(entries.collect()));
        Json::Object(doc)
    }

    /// Reads and checks a whole plan (`name`: what to call it in messages):
    /// any problem is refused naming the entry and member, before anything
    /// is sent.
    pub fn parse(bytes: &[u8], name: &str) -> Result<Plan, Failure> {
        let bad = |why: String| Failure::invalid(format!("{name}: {why}; nothing was sent"));
        if bytes.len() > MAX_SIZE {
            return Err(bad(format!("larger than {} MiB", MAX_SIZE >> 20)));
        }
        // A byte-order mark some editors put first is not part of the JSON.
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let doc: Json = serde_json::from_slice(bytes)
            .map_err(|e| bad(format!("not a plan: it is not JSON ({e})")))?;
        // A member named twice would be read as its last value, which a
        // reviewer reading the first might not see.
        serde_json::from_slice::<NoRepeats>(bytes).map_err(|e| bad(e.to_string()))?;
        let doc = doc
            .as_object()
            .ok_or_else(|| bad("not a plan: not a JSON object".into()))?;
        only_members(doc, MEMBERS).map_err(bad)?;
        match doc.get("Version") {
            Some(v) if v.as_u64() == Some(VERSION) => {}
            Some(v) => {
                return Err(bad(format!(
                    "Version {} is not one this snowjob reads (it reads Version {VERSION})",
                    quote(&as_written(bytes, "Version", v))
                )));
            }
            None => return Err(bad("not a plan: it has no Version".into())),
        }
        let text = |member: &str, required: bool| -> Result<Option<String>, Failure> {
            match doc.get(member) {
                Some(Json::String(s)) => Ok(Some(s.clone())),
                None if !required => Ok(None),
                None => Err(bad(format!("not a plan: it has no {member}"))),
                Some(_) => Err(bad(format!("{member} is not a string"))),
            }
        };
        let created = text("Created", true)?.unwrap_or_default();
        let region = text("Region", true)?.unwrap_or_default();
        let endpoint = text("Endpoint", false)?;
        let profile = text("Profile", true)?.unwrap_or_default();
        let command = text("Command", true)?.unwrap_or_default();
        let Some(Json::Array(listed)) = doc.get("Plans") else {
            return Err(bad("Plans is missing or not a list".into()));
        };
        let mut entries: Vec<Entry> = Vec::with_capacity(listed.len());
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(listed.len());
        for (i, value) in listed.iter().enumerate() {
            let entry = entry(i, value).map_err(bad)?;
            if let Some(j) = seen.insert(entry.id.clone(), i) {
                return Err(bad(format!(
                    "Plans[{i}] ({}): the order is planned twice (Plans[{j}] too)",
                    entry.id
                )));
            }
            entries.push(entry);
        }
        Ok(Plan {
            created,
            target: Target {
                region,
                endpoint,
                profile,
            },
            command,
            entries,
        })
    }

    /// Refuses a plan made for another region or endpoint than `target`.
    pub fn check_target(&self, target: &Target, name: &str) -> Result<(), Failure> {
        if (&self.target.region, &self.target.endpoint) == (&target.region, &target.endpoint) {
            return Ok(());
        }
        let endpoint = |e: &Option<String>| match e.as_deref() {
            Some(url) => format!("endpoint {}", crate::aws::config::redact_endpoint(url)),
            None => "the region's own endpoint".into(),
        };
        Err(Failure::invalid(format!(
            "{name} was made for region {} and {}, but this run is configured for region {} and {}; nothing was sent",
            quote(&self.target.region),
            endpoint(&self.target.endpoint),
            quote(&target.region),
            endpoint(&target.endpoint)
        )))
    }
}

/// Refuses a member of `object` not among `allowed`.
fn only_members(object: &Map<String, Json>, allowed: &[&str]) -> Result<(), String> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!(
            "{} is not a member of a plan here (it has {})",
            quote(k),
            allowed.join(", ")
        )),
        None => Ok(()),
    }
}

/// Entry `i` of Plans, checked whole.
fn entry(i: usize, value: &Json) -> Result<Entry, String> {
    let label = format!("Plans[{i}]");
    let object = value
        .as_object()
        .ok_or_else(|| format!("{label} is not an object"))?;
    only_members(object, ENTRY_MEMBERS).map_err(|e| format!("{label}: {e}"))?;
    let (key, id) = match (object.get("JobId"), object.get("ClusterId")) {
        (Some(Json::String(id)), None) => ("JobId", id.clone()),
        (None, Some(Json::String(id))) => ("ClusterId", id.clone()),
        _ => {
            return Err(format!(
                "{label} needs a JobId or a ClusterId (one, a string)"
            ));
        }
    };
    let kind = OrderKind::of(&id);
    if kind.id_member() != key || !checks::fits_shape(key, &id) {
        return Err(format!(
            "{label}: {key} {} is not a {} ID",
            quote(&id),
            if key == "JobId" { "job" } else { "cluster" }
        ));
    }
    let label = format!("{label} ({id})");
    let operation = match object.get("Operation").and_then(Json::as_str) {
        Some(op) if op == kind.update_operation() => kind.update_operation(),
        Some(op) if op == kind.cancel_operation() => kind.cancel_operation(),
        other => {
            return Err(format!(
                "{label}: Operation {} is not one of a {}'s ({} or {})",
                other.map_or("(none)".into(), quote),
                kind.noun(),
                kind.update_operation(),
                kind.cancel_operation()
            ));
        }
    };
    let changes = changes(object.get("Changes")).map_err(|e| format!("{label}: {e}"))?;
    let Some(Json::Object(request)) = object.get("Request") else {
        return Err(format!("{label}: Request is missing or not an object"));
    };
    if request.get(kind.id_member()) != Some(&Json::String(id.clone())) {
        return Err(format!(
            "{label}: the Request's {} is not the entry's {key}",
            kind.id_member()
        ));
    }
    let standards = match object.get("Standards") {
        None => Vec::new(),
        Some(Json::Array(names)) if names.iter().all(Json::is_string) && !names.is_empty() => names
            .iter()
            .filter_map(Json::as_str)
            .map(String::from)
            .collect(),
        Some(_) => return Err(format!("{label}: Standards is not a list of names")),
    };
    let entry = Entry {
        id,
        operation,
        changes,
        request: Json::Object(request.clone()),
        standards,
    };
    if entry.is_cancel() {
        cancel_entry(&entry, kind)
    } else {
        update_entry(&entry, kind)
    }
    .map_err(|e| format!("{label}: {e}"))?;
    Ok(entry)
}

/// An entry's Changes: a list of `{Field, Before, After}`, each field once.
fn changes(value: Option<&Json>) -> Result<Vec<Change>, String> {
    let Some(Json::Array(listed)) = value else {
        return Err("Changes is missing or not a list".into());
    };
    let mut changes: Vec<Change> = Vec::new();
    for (i, c) in listed.iter().enumerate() {
        let fits = c.as_object().is_some_and(|o| {
            o.len() == 3 && ["Before", "After"].iter().all(|k| o.contains_key(*k))
        }) && c.get("Field").is_some_and(Json::is_string);
        let change: Change = serde_json::from_value(c.clone())
            .ok()
            .filter(|_| fits)
            .ok_or_else(|| format!("Changes[{i}] is not a change (Field, Before, After)"))?;
        if changes.iter().any(|x| x.field == change.field) {
            return Err(format!("Changes name {} twice", quote(&change.field)));
        }
        changes.push(change);
    }
    if changes.is_empty() {
        return Err("Changes is empty (an order that does not change is not planned)".into());
    }
    Ok(changes)
}

/// An update: the request fits the model and sends exactly the changed
/// members, each with its After; each Before is a value of its member (or
/// null: absent); and the request is what the SDK would send, as written.
fn update_entry(entry: &Entry, kind: OrderKind) -> Result<(), String> {
    let request = entry.request.as_object().expect("checked an object");
    let id_member = kind.id_member();
    if let Some(path) = null_in(&entry.request, "") {
        return Err(format!(
            "the Request has a null at {path} (a request sends values; leave the member out)"
        ));
    }
    checks::request_fits_model(kind.request_shape(), &entry.request).map_err(|e| e.message)?;
    for member in request.keys().filter(|k| *k != id_member) {
        if !entry.changes.iter().any(|c| &c.field == member) {
            return Err(format!(
                "the Request's member {member} is not among the entry's Changes"
            ));
        }
    }
    for c in &entry.changes {
        if c.field == id_member || !request.contains_key(&c.field) {
            return Err(format!(
                "the Change of {} has no member in the Request",
                quote(&c.field)
            ));
        }
        if request.get(&c.field) != Some(&c.after) {
            return Err(format!(
                "the Change of {} has an After that is not what the Request sends",
                c.field
            ));
        }
        if compare::same(&c.field, Some(&c.before), Some(&c.after)) {
            return Err(format!(
                "the Change of {} has the same Before and After",
                c.field
            ));
        }
        if !c.before.is_null() {
            let mut before = Map::new();
            before.insert(id_member.into(), entry.id.clone().into());
            before.insert(c.field.clone(), c.before.clone());
            checks::request_fits_model(kind.request_shape(), &Json::Object(before)).map_err(
                |e| {
                    format!(
                        "the Change of {} has a Before that is not one: {}",
                        c.field, e.message
                    )
                },
            )?;
        }
    }
    let patch = Patch::of(|name| request.get(name).cloned())?;
    let sent = patch.request(&entry.id);
    if let Some(member) = request
        .keys()
        .find(|k| sent.get(k.as_str()) != request.get(k.as_str()))
    {
        return Err(format!(
            "the Request's {member} would not be sent as written ({}); write it as snowjob plans it",
            sent.get(member.as_str())
                .map_or("it would be left out".into(), |v| format!(
                    "it would be sent as {}",
                    quote(&v.to_string())
                ))
        ));
    }
    Ok(())
}

/// Where `value` holds a null (a JSON pointer), if anywhere.
fn null_in(value: &Json, at: &str) -> Option<String> {
    match value {
        Json::Null => Some(if at.is_empty() { "/".into() } else { at.into() }),
        Json::Object(map) => map
            .iter()
            .find_map(|(k, v)| null_in(v, &format!("{at}/{k}"))),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| null_in(v, &format!("{at}/{i}"))),
        _ => None,
    }
}

/// Any JSON value, refused when an object names a member twice.
/// A member of the file's top-level object as written: a number as its own
/// digits, not as the float JSON reading made of one too large for an integer.
fn as_written(bytes: &[u8], member: &str, value: &Json) -> String {
    use crate::yaml::Value;
    let written = || {
        let text = std::str::from_utf8(bytes).ok()?;
        let Value::Map(members) = crate::yaml::parse(text).ok()??.value else {
            return None;
        };
        match members.into_iter().find(|(k, _)| k == member)?.1.value {
            Value::Scalar { text, plain: true } => Some(text),
            _ => None,
        }
    };
    match value {
        Json::Number(_) => written().unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}

struct NoRepeats;

impl<'de> serde::Deserialize<'de> for NoRepeats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<NoRepeats, D::Error> {
        d.deserialize_any(NoRepeatsVisitor)
    }
}

struct NoRepeatsVisitor;

impl<'de> serde::de::Visitor<'de> for NoRepeatsVisitor {
    type Value = NoRepeats;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }
    fn visit_unit<E>(self) -> Result<NoRepeats, E> {
        Ok(NoRepeats)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NoRepeats, A::Error> {
        while seq.next_element::<NoRepeats>()?.is_some() {}
        Ok(NoRepeats)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NoRepeats, A::Error> {
        let mut keys = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "the member {} is named twice in one object",
                    quote(&key)
                )));
            }
            map.next_value::<NoRepeats>()?;
        }
        Ok(NoRepeats)
    }
}

/// A cancel: its request the ID alone, its change the one state change.
fn cancel_entry(entry: &Entry, kind: OrderKind) -> Result<(), String> {
    let request = entry.request.as_object().expect("checked an object");
    if let Some(extra) = request.keys().find(|k| *k != kind.id_member()) {
        return Err(format!(
            "Operation {} cancels, and a cancel's Request is the {} alone; it has {extra} too",
            entry.operation,
            kind.id_member()
        ));
    }
    let expected = crate::core::pipeline::cancel_change(kind);
    if entry.changes != [expected.clone()] {
        return Err(format!(
            "Operation {} cancels, and a cancel's Changes are the one change of {} from {} to {}",
            entry.operation, expected.field, expected.before, expected.after
        ));
    }
    Ok(())
}

/// `submit`: each order's reviewed entry, sent exactly as reviewed.
#[derive(Debug)]
pub struct Submit {
    entries: HashMap<String, Entry>,
    cancels: usize,
}

impl Submit {
    pub fn new(plan: &Plan) -> Submit {
        Submit {
            entries: plan
                .entries
                .iter()
                .map(|e| (e.id.clone(), e.clone()))
                .collect(),
            cancels: plan.entries.iter().filter(|e| e.is_cancel()).count(),
        }
    }

    /// Whether any entry cancels (asked even for one order, and `--yes`
    /// needed without a terminal).
    pub fn cancels(&self) -> bool {
        self.cancels > 0
    }
}

impl Edit for Submit {
    /// Every order submitted is sent its entry's request exactly.
    fn action(&self, id: &str) -> Result<Action<'_>, Failure> {
        self.entries.get(id).map(Action::Reviewed).ok_or_else(|| {
            Failure::of(
                Code::InternalError,
                format!("internal error: {id} is not in the plan"),
            )
        })
    }

    fn standards(&self, id: &str) -> Option<Vec<String>> {
        self.entries.get(id).map(|e| e.standards.clone())
    }

    fn question(&self, ids: &[&str]) -> String {
        let orders = crate::core::pipeline::orders(ids);
        match self.cancels {
            0 => format!("Submit the plan for {orders}? [y/N] "),
            n => format!(
                "Submit the plan for {orders}, cancelling {n}? This cannot be undone. [y/N] "
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const JOB: &str = "JID123e4567-e89b-12d3-a456-426655440000";

    fn plan() -> Json {
        json!({"Version": 1, "Created": "2026-12-02T00:00:00Z", "Region": "us-east-1",
               "Profile": "default", "Command": "set-shipping", "Plans": [
            {"JobId": JOB, "Operation": "UpdateJob",
             "Changes": [{"Field": "ShippingOption", "Before": "SECOND_DAY", "After": "EXPRESS"}],
             "Request": {"JobId": JOB, "ShippingOption": "EXPRESS"}}]})
    }

    fn parse(doc: &Json) -> Result<Plan, Failure> {
        Plan::parse(doc.to_string().as_bytes(), "plan.json")
    }

    #[test]
    fn a_plan_reads_back_as_written() {
        let read = parse(&plan()).unwrap();
        assert_eq!(read.to_json(), plan());
        assert_eq!(read.entries[0].operation, "UpdateJob");
        assert!(!read.entries[0].is_cancel());
    }

    #[test]
    fn each_spoiled_plan_is_refused_by_name() {
        let cases: &[(&str, Json, &str)] = &[
            ("/Version", json!("1"), "Version"),
            (
                "/Plans/0/Request/ShippingOption",
                json!(7),
                "ShippingOption",
            ),
            (
                "/Plans/0/Changes/0/Before",
                json!("EXPRESS"),
                "same Before and After",
            ),
            ("/Plans/0/Changes", json!([]), "empty"),
            ("/Plans/0/Changes/0/Field", json!(5), "Changes[0]"),
            (
                "/Plans/0/Operation",
                json!("CancelCluster"),
                "CancelCluster",
            ),
            ("/Region", json!(null), "Region"),
        ];
        for (path, value, named) in cases {
            let mut doc = plan();
            *doc.pointer_mut(path).unwrap() = value.clone();
            let e = parse(&doc).unwrap_err();
            assert!(e.message.contains(named), "{path}: {}", e.message);
            assert_eq!(e.exit_code(), 2);
        }
        let e = Plan::parse(b"[1", "p").unwrap_err();
        assert!(e.message.contains("not JSON"), "{}", e.message);
    }
}
