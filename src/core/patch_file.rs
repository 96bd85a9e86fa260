//! Patch files for `apply`: YAML or JSON whose top-level keys are UpdateJob
//! members. The file is checked whole against the service model before any
//! request, and every error is reported, in file order, with its line and
//! member path. For each job, structures merge into its current value member
//! by member (a given sub-member replaces, `null` removes it, others are
//! kept); lists and scalars replace.

use aws_sdk_snowball::primitives::DateTime;
use aws_sdk_snowball::types::*;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value as Json};
use snowball_model::{DecodeOptions, Shape, Wire, model};

use crate::aws::convert;
use crate::core::checks;
use crate::core::compare;
use crate::core::patch::Patch;
use crate::yaml::{self, Node, Value};

/// A patch file, checked: the given members as written (for merging).
#[derive(Clone, Debug, PartialEq)]
pub struct PatchFile {
    members: Map<String, Json>,
}

/// The model's shape of each UpdateJob member a file may set (all but JobId).
fn member_shape(name: &str) -> Option<&'static str> {
    (name != "JobId")
        .then(|| compare::member_shape(compare::UPDATE_JOB, name))
        .flatten()
}

/// Whether an UpdateJob member is a structure (sent whole, merged by patch
/// files, emptied rather than removed).
pub fn is_structure(member: &str) -> bool {
    member_shape(member)
        .is_some_and(|shape| matches!(model().shape(shape), Shape::Structure { .. }))
}

/// Problems found in a file, each with its line; reported all together.
#[derive(Default)]
pub struct Problems(Vec<(usize, String)>);

impl Problems {
    pub fn add(&mut self, line: usize, path: &str, message: impl std::fmt::Display) {
        let at = if path.is_empty() {
            String::new()
        } else {
            format!("{path}: ")
        };
        self.0.push((line, format!("line {line}: {at}{message}")));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn into_result(mut self) -> Result<(), String> {
        self.0.sort_by_key(|(line, _)| *line);
        match self.0.len() {
            0 => Ok(()),
            1 => Err(self.0.remove(0).1),
            n => Err(format!(
                "{n} problems:\n{}",
                self.0
                    .into_iter()
                    .map(|(_, m)| format!("  {m}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )),
        }
    }
}

pub fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// YAML 1.2's core schema: what an unquoted scalar means.
enum Plain {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text,
}

/// What YAML reads an unquoted scalar as when it is not text: `null`,
/// `a boolean` or `a number` (`None`: text).
pub fn read_as_other_than_text(text: &str) -> Option<&'static str> {
    match plain(text) {
        Plain::Null => Some("null"),
        Plain::Bool(_) => Some("a boolean"),
        Plain::Int(_) | Plain::Float(_) => Some("a number"),
        Plain::Text => None,
    }
}

fn plain(text: &str) -> Plain {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Plain::Null,
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Plain::Float(f64::NAN),
        _ => {}
    }
    let unsigned = text.trim_start_matches(['-', '+']);
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        let sign = if text.starts_with('-') { -1.0 } else { 1.0 };
        return Plain::Float(sign * f64::INFINITY);
    }
    // `from_str_radix` takes a sign, the core schema none: `0x-1` is text.
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let int = if let Some(hex) = text.strip_prefix("0x") {
        digits(hex, 16)
            .then(|| i64::from_str_radix(hex, 16).ok())
            .flatten()
    } else if let Some(oct) = text.strip_prefix("0o") {
        digits(oct, 8)
            .then(|| i64::from_str_radix(oct, 8).ok())
            .flatten()
    } else if !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    };
    if let Some(n) = int {
        return Plain::Int(n);
    }
    let numeric = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
        && unsigned.bytes().any(|b| b.is_ascii_digit());
    match text.parse::<f64>() {
        Ok(x) if numeric => Plain::Float(x),
        _ => Plain::Text,
    }
}

/// Walks a file's node against model shape `shape`, returning its JSON value
/// (`null` where a sub-member is removed) and adding every problem found.
pub fn walk(shape: &str, node: &Node, path: &str, problems: &mut Problems) -> Option<Json> {
    let line = node.line;
    if let Value::Scalar { text, plain: true } = &node.value
        && matches!(plain(text), Plain::Null)
    {
        return Some(Json::Null);
    }
    match (model().shape(shape), &node.value) {
        (Shape::Structure { members, required }, Value::Map(entries)) => {
            let mut out = Map::new();
            let given: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
            for (key, item) in entries {
                let path = child(path, key);
                let Some((_, inner)) = members.iter().find(|(m, _)| m == key) else {
                    let known: Vec<&str> = members.iter().map(|(m, _)| m.as_str()).collect();
                    problems.add(
                        item.line,
                        &path,
                        format!("unknown member; {shape} has {}", known.join(", ")),
                    );
                    continue;
                };
                if out.contains_key(key) {
                    problems.add(item.line, &path, "given twice");
                    continue;
                }
                if let Some(value) = walk(inner, item, &path, problems) {
                    out.insert(key.clone(), value);
                }
            }
            for missing in required.iter().filter(|r| !given.contains(&r.as_str())) {
                problems.add(line, &child(path, missing), "required here");
            }
            Some(Json::Object(out))
        }
        (Shape::List { member, min, max }, Value::List(items)) => {
            let count = items.len() as f64;
            if min.is_some_and(|m| count < m) || max.is_some_and(|m| count > m) {
                problems.add(
                    line,
                    path,
                    format!("{count} entries; the model allows {min:?} to {max:?}"),
                );
            }
            let values = items.iter().enumerate().filter_map(|(i, item)| {
                let path = format!("{path}[{i}]");
                match walk(member, item, &path, problems)? {
                    Json::Null => {
                        problems.add(item.line, &path, "an entry cannot be null");
                        None
                    }
                    value => Some(value),
                }
            });
            Some(Json::Array(values.collect()))
        }
        (leaf @ (Shape::Structure { .. } | Shape::List { .. }), _) => {
            problems.add(line, path, format!("expected {}", leaf.kind()));
            None
        }
        (_, Value::List(_) | Value::Map(_)) => {
            problems.add(line, path, "expected a single value, not a list or map");
            None
        }
        (
            leaf,
            Value::Scalar {
                text,
                plain: is_plain,
            },
        ) => {
            // The pickup contact's details never show in a message.
            let private = crate::aws::debug::is_private_path(path);
            let hidden = |why: String| {
                if private && !text.is_empty() {
                    why.replace(text.as_str(), "<redacted>")
                } else {
                    why
                }
            };
            let value = match scalar(leaf, text, *is_plain) {
                Ok(value) => value,
                Err(why) => {
                    problems.add(line, path, hidden(why));
                    return None;
                }
            };
            // Lengths, patterns, ranges: the model's own check of the leaf.
            let checked = model().decode(
                shape,
                &Wire::from_json(value.clone()),
                DecodeOptions {
                    text_timestamps: true,
                },
            );
            match checked {
                Ok(_) => Some(value),
                Err(e) => {
                    problems.add(line, path, hidden(e.message));
                    None
                }
            }
        }
    }
}

/// A scalar as the leaf shape wants it. Enums take the command line's folded
/// spellings (`next-day`); text never comes from a YAML number or boolean,
/// which would lose how it was written (`2025.10` is not `2025.1`).
fn scalar(leaf: &Shape, text: &str, is_plain: bool) -> Result<Json, String> {
    let meaning = if is_plain { plain(text) } else { Plain::Text };
    let read_as = match meaning {
        Plain::Bool(_) => "boolean",
        _ => "number",
    };
    let quote_it = || {
        format!("YAML reads {text} as a {read_as}; write it in quotes ('{text}') to mean the text")
    };
    match (leaf, meaning) {
        (
            Shape::String {
                allowed: Some(values),
                ..
            },
            _,
        ) => checks::fold_enum(values.iter().map(String::as_str), text)
            .map(|v| Json::String(v.to_string()))
            .ok_or_else(|| format!("'{text}' is not one of {}", values.join(", "))),
        (Shape::String { .. }, Plain::Text) => Ok(Json::String(text.to_string())),
        (Shape::String { .. }, _) => Err(quote_it()),
        // A time as RFC 3339 (any offset) or epoch seconds, sent in UTC.
        (Shape::Timestamp, meaning) => {
            // Only seconds a time can hold (a whole number of them fits 64 bits).
            let seconds = |x: f64| (x.abs() < 9.2e18).then(|| DateTime::from_secs_f64(x));
            let time = match meaning {
                Plain::Int(n) => Some(DateTime::from_secs(n)),
                Plain::Float(x) => seconds(x),
                Plain::Text => DateTime::from_str(text, Format::DateTimeWithOffset)
                    .ok()
                    .or_else(|| text.parse().ok().and_then(seconds)),
                _ => None,
            };
            time.map(|t| convert::time_json(&t)).ok_or_else(|| {
                format!("'{text}' is not a time: write RFC 3339 (2030-01-31T00:00:00Z, an offset allowed) or epoch seconds")
            })
        }
        (Shape::Integer { .. }, Plain::Int(n)) => Ok(Json::from(n)),
        (Shape::Integer { .. } | Shape::Double { .. }, Plain::Text)
            if !is_plain && matches!(plain(text), Plain::Int(_) | Plain::Float(_)) =>
        {
            Err(format!(
                "'{text}' is quoted, so it is text; write {text} without quotes for a number"
            ))
        }
        (Shape::Integer { .. }, _) => Err(format!("'{text}' is not a whole number")),
        (Shape::Double { .. }, Plain::Float(x)) if !x.is_finite() => {
            Err(format!("{text} is not a finite number"))
        }
        (Shape::Double { .. }, Plain::Int(n)) => Ok(Json::from(n as f64)),
        (Shape::Double { .. }, Plain::Float(x)) => Ok(Json::from(x)),
        (Shape::Double { .. }, _) => Err(format!("'{text}' is not a number")),
        (Shape::Boolean, Plain::Bool(b)) => Ok(Json::Bool(b)),
        (Shape::Boolean, Plain::Text) if !is_plain && matches!(plain(text), Plain::Bool(_)) => {
            Err(format!(
                "'{text}' is quoted, so it is text; write {text} without quotes for true or false"
            ))
        }
        (Shape::Boolean, _) => Err(format!("'{text}' is not true or false")),
        (other, _) => Err(format!("expected {}", other.kind())),
    }
}

/// Reads and checks a patch file's text; every problem is reported, in file
/// order, with its line and member path.
pub fn parse(text: &str) -> Result<PatchFile, String> {
    let Some(root) = yaml::parse(text)? else {
        return Err("the patch file is empty: give at least one UpdateJob member (e.g. ShippingOption: NEXT_DAY)".into());
    };
    let Value::Map(entries) = root.value else {
        return Err("the patch file must be a map of UpdateJob members (RoleARN, Notification, Resources, ...)".into());
    };
    if entries.is_empty() {
        return Err("the patch file has no members".into());
    }
    let mut problems = Problems::default();
    let file = members_of(&entries, "", &mut problems);
    problems.into_result()?;
    Ok(file)
}

/// The UpdateJob members of a map's entries (`prefix`: the map's own path,
/// named in each problem, as a standard's `Set`), checked as `parse` checks
/// a patch file; every problem is added, with its line.
pub fn members_of(entries: &[(String, Node)], prefix: &str, problems: &mut Problems) -> PatchFile {
    let mut members = Map::new();
    for (key, node) in entries {
        let path = child(prefix, key);
        let Some(shape) = member_shape(key) else {
            let known: Vec<&str> = convert_members().collect();
            problems.add(
                node.line,
                &path,
                format!(
                    "not an UpdateJob member you can set; use {}",
                    known.join(", ")
                ),
            );
            continue;
        };
        if members.contains_key(key) {
            problems.add(node.line, &path, "given twice");
            continue;
        }
        match walk(shape, node, &path, problems) {
            Some(Json::Null) => problems.add(
                node.line,
                &path,
                "null cannot remove a member: UpdateJob can only replace it with a value",
            ),
            Some(value) => {
                members.insert(key.clone(), value);
            }
            None => {}
        }
    }
    PatchFile { members }
}

/// The members a file may set, in the model's order.
fn convert_members() -> impl Iterator<Item = &'static str> {
    snowball_model::facts::update_members().into_iter()
}

impl PatchFile {
    /// The patch for a job: structures merged into its current value.
    pub fn patch_for(&self, job: &JobMetadata) -> Result<Patch, String> {
        let current = convert::json(job);
        patch_of(|key| {
            let given = self.members.get(key)?;
            Some(match current.get(key) {
                Some(base) if given.is_object() => merge(base.clone(), given),
                _ => strip_nulls(given),
            })
        })
    }

    /// The members as given (structures with their `null`s), for merging.
    pub fn members(&self) -> &Map<String, Json> {
        &self.members
    }

    /// A patch file of members already checked (as [`members_of`] gives them).
    pub fn from_members(members: Map<String, Json>) -> PatchFile {
        PatchFile { members }
    }

    /// The UpdateJob members the file gives.
    pub fn member_names(&self) -> impl Iterator<Item = &str> {
        self.members.keys().map(String::as_str)
    }

    /// The patch that sets every member the file gives to exactly its value:
    /// structures replace instead of merging (a desired state, as `edit` saves it).
    pub fn desired(&self) -> Result<Patch, String> {
        patch_of(|key| self.members.get(key).map(strip_nulls))
    }
}

/// A patch that sets each member to exactly the value given, structures
/// whole rather than merged: what puts members back to recorded values.
pub fn whole(members: Map<String, Json>) -> Result<Patch, String> {
    patch_of(|key| members.get(key).cloned())
}

/// The patch of each member's API JSON value (`None`: not set).
fn patch_of(value: impl Fn(&str) -> Option<Json>) -> Result<Patch, String> {
    Patch::of(value)
}

/// JSON merge patch (RFC 7396): maps merge key by key, `null` removes a key,
/// anything else (lists included) replaces.
pub fn merge(base: Json, patch: &Json) -> Json {
    match (base, patch) {
        (Json::Object(mut base), Json::Object(changes)) => {
            for (key, change) in changes {
                if change.is_null() {
                    base.remove(key);
                } else {
                    let current = base.remove(key).unwrap_or(Json::Null);
                    base.insert(key.clone(), merge(current, change));
                }
            }
            Json::Object(base)
        }
        (_, patch) => strip_nulls(patch),
    }
}

fn strip_nulls(v: &Json) -> Json {
    match v {
        Json::Object(map) => Json::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn services_job() -> JobMetadata {
        JobMetadata::builder()
            .notification(
                Notification::builder()
                    .sns_topic_arn("arn:aws:sns:us-east-1:123456789012:old")
                    .job_states_to_notify(JobState::Complete)
                    .job_states_to_notify(JobState::WithAws)
                    .build(),
            )
            .on_device_service_configuration(
                OnDeviceServiceConfiguration::builder()
                    .nfs_on_device_service(
                        NfsOnDeviceServiceConfiguration::builder()
                            .storage_limit(8)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .tgw_on_device_service(
                        TgwOnDeviceServiceConfiguration::builder()
                            .storage_limit(80)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .build(),
            )
            .build()
    }

    #[test]
    fn setting_nfs_keeps_tape_gateway() {
        let file =
            parse("OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 4\n")
                .unwrap();
        let patch = file.patch_for(&services_job()).unwrap();
        let config = patch.on_device_service_configuration.unwrap();
        assert_eq!(config.nfs_on_device_service().unwrap().storage_limit(), 4);
        assert_eq!(
            config.nfs_on_device_service().unwrap().storage_unit(),
            Some(&StorageUnit::Tb),
            "sub-member kept"
        );
        assert_eq!(config.tgw_on_device_service().unwrap().storage_limit(), 80);
    }

    #[test]
    fn setting_the_topic_keeps_the_states() {
        let file =
            parse(r#"{"Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:new"}}"#)
                .unwrap();
        let n = file
            .patch_for(&services_job())
            .unwrap()
            .notification
            .unwrap();
        assert_eq!(
            n.sns_topic_arn(),
            Some("arn:aws:sns:us-east-1:123456789012:new")
        );
        assert_eq!(
            n.job_states_to_notify(),
            [JobState::Complete, JobState::WithAws]
        );
    }

    #[test]
    fn lists_replace_and_null_removes() {
        let file = parse(
            "Notification:\n  JobStatesToNotify: [InTransitToCustomer]\n  SnsTopicARN: null\n",
        )
        .unwrap();
        let n = file
            .patch_for(&services_job())
            .unwrap()
            .notification
            .unwrap();
        assert_eq!(n.job_states_to_notify(), [JobState::InTransitToCustomer]);
        assert_eq!(n.sns_topic_arn(), None);
    }

    #[test]
    fn rejections_name_the_path_and_line() {
        let cases = [
            ("Bogus: 1\n", "Bogus"),
            ("JobId: JID123e4567-e89b-12d3-a456-426655440000\n", "JobId"),
            ("ShippingOption: WARP\n", "ShippingOption"),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n    - BucketArn: 42\n",
                "Resources.S3Resources[1].BucketArn",
            ),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n      Colour: blue\n",
                "line 4",
            ),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n    - BucketArn: not-an-arn\n",
                "Resources.S3Resources[1].BucketArn",
            ),
            (
                "Resources:\n  S3Resources:\n    - Bucket: arn:aws:s3:::ok\n",
                "Bucket",
            ),
            (
                "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: lots\n",
                "StorageLimit",
            ),
            (
                "Notification:\n  JobStatesToNotify: [Whenever]\n",
                "Notification.JobStatesToNotify[0]",
            ),
            ("RoleARN: arn:aws:iam::123:role/x\n", "RoleARN"),
            ("AddressId: ADID1\n", "AddressId"),
            ("PickupDetails:\n  Email: nope\n", "PickupDetails.Email"),
            (
                "Resources:\n  Ec2AmiResources:\n    - AmiId: ami-1\n",
                "Resources.Ec2AmiResources[0].AmiId",
            ),
            ("Description: ''\n", "Description"),
            ("Notification: null\n", "Notification"),
            ("- ShippingOption: NEXT_DAY\n", "map of UpdateJob members"),
            ("ShippingOption: [NEXT_DAY\n", "line"),
            ("", "empty"),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn every_problem_is_reported_in_file_order_with_its_line() {
        let text = "Description: 2025.10\nShippingOption: warp\nResources:\n  S3Resources:\n    - BucketArn: bucket\n      Colour: blue\nBogus: 1\n";
        let err = parse(text).unwrap_err();
        let lines: Vec<&str> = err.lines().collect();
        assert!(lines[0].starts_with("5 problems"), "{err}");
        assert!(lines[1].contains("line 1: Description: YAML reads 2025.10 as a number; write it in quotes ('2025.10')"), "{err}");
        assert!(lines[2].contains("line 2: ShippingOption"), "{err}");
        assert!(
            lines[3].contains("line 5: Resources.S3Resources[0].BucketArn"),
            "{err}"
        );
        assert!(
            lines[4].contains("line 6: Resources.S3Resources[0].Colour: unknown member"),
            "{err}"
        );
        assert!(lines[5].contains("line 7: Bogus"), "{err}");
    }

    #[test]
    fn quoted_text_stays_text_and_enums_fold() {
        let file = parse("Description: '2025.10'\nShippingOption: next-day\nSnowballCapacityPreference: no-preference\n").unwrap();
        assert_eq!(file.members["Description"], json!("2025.10"));
        assert_eq!(file.members["ShippingOption"], json!("NEXT_DAY"));
        assert_eq!(
            file.members["SnowballCapacityPreference"],
            json!("NoPreference")
        );
        for bad in [
            "OnDeviceServiceConfiguration:\n  S3OnDeviceService:\n    StorageLimit: .nan\n",
            "OnDeviceServiceConfiguration:\n  S3OnDeviceService:\n    StorageLimit: -.inf\n",
            "Description: true\n",
            "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: '4'\n",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn times_take_offsets_and_epoch_seconds() {
        for (text, utc) in [
            ("2030-01-01T00:00:00+14:00", "2029-12-31T10:00:00Z"),
            ("1893456000", "2030-01-01T00:00:00Z"),
            ("'1893456000'", "2030-01-01T00:00:00Z"),
            ("2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
        ] {
            let file = parse(&format!(
                "PickupDetails:\n  IdentificationExpirationDate: {text}\n"
            ))
            .unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(
                file.members["PickupDetails"]["IdentificationExpirationDate"],
                json!(utc),
                "{text}"
            );
        }
        let err = parse("PickupDetails:\n  IdentificationExpirationDate: soon\n").unwrap_err();
        assert!(
            err.contains("RFC 3339") && err.contains("epoch seconds"),
            "{err}"
        );
    }

    #[test]
    fn an_invalid_required_member_is_reported_once() {
        let err = parse("Resources:\n  Ec2AmiResources:\n    - AmiId: 'ami-0123456789abcdef0 '\n")
            .unwrap_err();
        assert!(!err.contains("required"), "{err}");
        let err =
            parse("OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: '8'\n")
                .unwrap_err();
        assert!(err.contains("without quotes"), "{err}");
    }

    #[test]
    fn merge_follows_rfc_7396() {
        let merged = merge(
            json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]}),
            &json!({"b": {"c": null, "e": 4}, "l": [3]}),
        );
        assert_eq!(merged, json!({"a": 1, "b": {"d": 3, "e": 4}, "l": [3]}));
    }

    /// Text a YAML reader could take for something else, or fold, strip or
    /// reinterpret: the edit file must read each back exactly.
    const TRICKY: &[&str] = &[
        "\u{202e}",
        "\u{200b}",
        "\u{e0041}",
        "\u{2028}",
        "\u{2029}",
        "\u{85}",
        "\u{a0}",
        "\u{feff}",
        "\t",
        "\n",
        "\r",
        " ",
        "  ",
        "0",
        "007",
        "0x-1",
        "0x1F",
        "0o7",
        "1e3",
        ".inf",
        "-.INF",
        ".nan",
        "2025.10",
        "~",
        "null",
        "Null",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "true",
        "- ",
        "#",
        " #",
        ": ",
        ":",
        "'",
        "\"",
        "\\",
        "&a",
        "*a",
        "!tag",
        "%",
        "@",
        "`",
        "|",
        ">",
        "{",
        "}",
        "[",
        "]",
        ",",
        "?",
        "---",
        "...",
        "\u{1b}[31m",
        "\u{0}",
        "\u{7f}",
        "\u{9b}",
        "\u{fffe}",
        "é",
        "😀",
        "\u{e000}",
    ];

    fn tricky_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            proptest::sample::select(TRICKY).prop_map(str::to_string),
            any::<char>().prop_map(String::from),
            "[a-zA-Z0-9_:/.-]{1,8}",
        ];
        proptest::collection::vec(piece, 1..8).prop_map(|p| p.concat())
    }

    /// The path to every text leaf of every UpdateJob member, from the model,
    /// with the leaf's shape.
    fn text_leaves() -> Vec<(Vec<Option<String>>, &'static str)> {
        fn walk(
            shape: &'static str,
            path: Vec<Option<String>>,
            out: &mut Vec<(Vec<Option<String>>, &'static str)>,
        ) {
            match model().shape(shape) {
                Shape::Structure { members, .. } => {
                    for (name, inner) in members {
                        let mut p = path.clone();
                        p.push(Some(name.clone()));
                        walk(inner, p, out);
                    }
                }
                Shape::List { member, .. } => {
                    let mut p = path.clone();
                    p.push(None);
                    walk(member, p, out);
                }
                Shape::String { allowed: None, .. } => out.push((path, shape)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        for name in snowball_model::facts::update_members() {
            walk(
                member_shape(name).unwrap(),
                vec![Some(name.to_string())],
                &mut out,
            );
        }
        out
    }

    /// `leaf` placed at `path` (`None`: a list entry).
    fn nest(path: &[Option<String>], leaf: Json) -> Json {
        path.iter().rev().fold(leaf, |inner, step| match step {
            Some(key) => json!({ key: inner }),
            None => json!([inner]),
        })
    }

    fn node_at<'a>(node: &'a Node, path: &[Option<String>]) -> &'a Node {
        path.iter()
            .fold(node, |node, step| match (&node.value, step) {
                (Value::Map(entries), Some(key)) => {
                    &entries.iter().find(|(k, _)| k == key).unwrap().1
                }
                (Value::List(items), None) => &items[0],
                _ => panic!("no {step:?} in {node:?}"),
            })
    }

    #[test]
    fn the_model_has_text_leaves_in_every_kind_of_place() {
        let leaves: Vec<String> = text_leaves()
            .iter()
            .map(|(p, _)| {
                p.iter()
                    .map(|s| s.as_deref().unwrap_or("[]"))
                    .collect::<Vec<_>>()
                    .join(".")
            })
            .collect();
        for expected in [
            "Description",
            "PickupDetails.Name",
            "Resources.S3Resources.[].KeyRange.BeginMarker",
            "OnDeviceServiceConfiguration.EKSOnDeviceService.KubernetesVersion",
        ] {
            assert!(
                leaves.iter().any(|l| l == expected),
                "{expected} in {leaves:?}"
            );
        }
    }

    proptest::proptest! {
        /// Whatever a text member holds, the file snowjob writes reads back
        /// as exactly that text, for every text member of the model.
        #[test]
        fn every_text_member_reads_back_exactly(text in tricky_text()) {
            for (path, shape) in text_leaves() {
                let written = yaml::to_string(&nest(&path, Json::String(text.clone())));
                let root = yaml::parse(&written).map_err(|e| proptest::test_runner::TestCaseError::fail(format!("{e}\n{written}")))?.unwrap();
                let Value::Scalar { text: read, plain } = &node_at(&root, &path).value else {
                    panic!("not a scalar: {written}");
                };
                proptest::prop_assert_eq!(
                    scalar(model().shape(shape), read, *plain),
                    Ok(Json::String(text.clone())),
                    "{}", written
                );
            }
        }

        /// Enum values, numbers and booleans read back as themselves.
        #[test]
        fn other_leaves_read_back_as_themselves(n in proptest::num::i64::ANY, x in -1e12f64..1e12, b in proptest::bool::ANY) {
            let doc = json!({"Int": n, "Double": x, "Bool": b, "Enum": "SECOND_DAY"});
            let root = yaml::parse(&yaml::to_string(&doc)).unwrap().unwrap();
            let Value::Map(entries) = root.value else { panic!() };
            let read = |i: usize, shape: &Shape| match &entries[i].1.value {
                Value::Scalar { text, plain } => scalar(shape, text, *plain),
                _ => panic!(),
            };
            proptest::prop_assert_eq!(read(0, &Shape::Integer { min: None, max: None, bits: 64 }), Ok(json!(n)));
            proptest::prop_assert_eq!(read(1, &Shape::Double { min: None, max: None }), Ok(json!(x)));
            proptest::prop_assert_eq!(read(2, &Shape::Boolean), Ok(json!(b)));
            proptest::prop_assert_eq!(read(3, model().shape("ShippingOption")), Ok(json!("SECOND_DAY")));
        }
    }
}
