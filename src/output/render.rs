//! Output: tables for people, JSON/YAML with the API's names, and tab-separated
//! text for scripts (one record a line, job ID first, no header). Pure.

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format as TimeFormat;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde_json::Value as Json;

use crate::history_file::Record;
use crate::output::Format;
use crate::report::{JobResult, Outcome};
use crate::text::{escape_controls, escaped};
use crate::yaml;

pub struct Style {
    pub color: bool,
    /// Columns the tables must fit in; `None`: as wide as their content.
    pub width: Option<u16>,
}

/// The width tables must fit: `COLUMNS` when set, else the terminal's (of
/// stdout), else none.
pub fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u16>().ok())
        .filter(|c| *c >= 20)
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0))
}

pub fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn field<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key).and_then(Json::as_str).unwrap_or("")
}

/// A time member as shown: its RFC 3339 text, or the epoch seconds of a time
/// no such text can hold.
fn time_field(v: &Json, key: &str) -> String {
    match v.get(key) {
        Some(Json::Number(n)) => n.to_string(),
        _ => field(v, key).to_string(),
    }
}

pub(crate) fn machine(value: &impl serde::Serialize, format: Format) -> Option<String> {
    match format {
        Format::Json => {
            Some(serde_json::to_string_pretty(value).expect("JSON values serialize") + "\n")
        }
        Format::Yaml => Some(yaml::to_string(value)),
        _ => None,
    }
}

/// One record a line, tab-separated: tabs, newlines and other control
/// characters inside a field are escaped.
fn text_lines(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    rows.into_iter()
        .map(|cols| {
            cols.iter()
                .map(|c| escape_controls(c))
                .collect::<Vec<_>>()
                .join("\t")
                + "\n"
        })
        .collect()
}

/// A table that fits the width; the column `id_column` (job or address IDs)
/// is never wrapped, so an ID can always be copied whole.
fn new_table(style: &Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::UTF8_FULL_CONDENSED);
    table.set_content_arrangement(ContentArrangement::Dynamic);
    // The width is decided here, not by comfy-table's own terminal probe.
    table.force_no_tty();
    if style.color {
        table.enforce_styling();
    }
    if let Some(width) = style.width {
        table.set_width(width);
    }
    table
}

fn keep_whole(table: &mut Table, column: usize, width: usize) {
    // The boundary counts the cell's padding, one space each side.
    if let Some(c) = table.column_mut(column) {
        c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            (width + 2).try_into().unwrap_or(u16::MAX),
        )));
    }
}

/// The widest value of a column, in characters.
fn widest<'a>(values: impl IntoIterator<Item = &'a str>) -> usize {
    values
        .into_iter()
        .map(|v| v.chars().count())
        .max()
        .unwrap_or(0)
}

fn colored(text: impl Into<String>, color: Color, style: &Style) -> Cell {
    let cell = Cell::new(text.into());
    if style.color { cell.fg(color) } else { cell }
}

/// "~37 min left" for a New job, from its CreationDate; said as an estimate.
pub fn edit_window(job: &Json, now: f64) -> String {
    if field(job, "JobState") != "New" {
        return "closed".into();
    }
    let Ok(created) = DateTime::from_str(field(job, "CreationDate"), TimeFormat::DateTime) else {
        return "unknown".into();
    };
    let left = created.as_secs_f64() + snowball_model::facts::EDIT_WINDOW.as_secs_f64() - now;
    if left > 0.0 {
        format!("~{} min left (est.)", (left / 60.0).ceil() as i64)
    } else {
        "closing any moment (est.)".into()
    }
}

/// `show`: an array of JobMetadata, a table per job, or a line per job.
pub fn jobs(jobs: &[Json], format: Format, style: &Style, now: f64) -> String {
    if let Some(out) = machine(&jobs, format) {
        return out;
    }
    let jobs: Vec<Json> = jobs.iter().map(escaped).collect();
    if format == Format::Text {
        return text_lines(jobs.iter().map(|j| {
            vec![
                field(j, "JobId").into(),
                field(j, "JobState").into(),
                field(j, "JobType").into(),
                field(j, "SnowballType").into(),
                field(j, "SnowballCapacityPreference").into(),
                j.pointer("/ShippingDetails/ShippingOption")
                    .and_then(Json::as_str)
                    .unwrap_or("")
                    .into(),
                field(j, "AddressId").into(),
                field(j, "Description").into(),
            ]
        }));
    }
    jobs.iter()
        .map(|j| job_table(j, style, now).to_string() + "\n")
        .collect()
}

fn job_table(j: &Json, style: &Style, now: f64) -> Table {
    let mut table = new_table(style);
    let state = field(j, "JobState");
    let state_color = if state == "New" {
        Color::Green
    } else {
        Color::Yellow
    };
    table.set_header(vec![Cell::new("Job"), Cell::new(field(j, "JobId"))]);
    // The value column holds the job's ID and its address IDs: none is broken.
    let ids = ["JobId", "AddressId", "ForwardingAddressId"].map(|k| field(j, k));
    keep_whole(&mut table, 1, widest(ids));
    table.add_row(vec![
        Cell::new("State"),
        colored(
            match edit_window(j, now).as_str() {
                "closed" => format!("{state}; edit window closed"),
                window => format!("{state}; {window}"),
            },
            state_color,
            style,
        ),
    ]);
    let rows: Vec<(&str, String)> = vec![
        ("Type", field(j, "JobType").into()),
        ("Device", field(j, "SnowballType").into()),
        ("Capacity", field(j, "SnowballCapacityPreference").into()),
        (
            "Shipping speed",
            j.pointer("/ShippingDetails/ShippingOption")
                .and_then(Json::as_str)
                .unwrap_or("")
                .into(),
        ),
        ("Address", field(j, "AddressId").into()),
        ("Forwarding address", field(j, "ForwardingAddressId").into()),
        ("Description", field(j, "Description").into()),
        ("Role", field(j, "RoleARN").into()),
        ("Created", time_field(j, "CreationDate")),
        ("Notification", notification_text(j.get("Notification"))),
        ("S3 buckets", s3_text(j)),
        ("Lambda functions", lambda_text(j)),
        ("AMIs", ami_text(j)),
        (
            "On-device services",
            services_text(j.get("OnDeviceServiceConfiguration")),
        ),
    ];
    for (name, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        table.add_row(vec![Cell::new(name), Cell::new(value)]);
    }
    table
}

fn notification_text(n: Option<&Json>) -> String {
    let Some(n) = n else { return String::new() };
    let states = match n.get("JobStatesToNotify").and_then(Json::as_array) {
        _ if n.get("NotifyAll") == Some(&Json::Bool(true)) => "all states".to_string(),
        Some(list) => list
            .iter()
            .filter_map(Json::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        None => "no states".into(),
    };
    format!("{} ({states})", field(n, "SnsTopicARN"))
}

fn resources<'a>(j: &'a Json, kind: &str) -> impl Iterator<Item = &'a Json> {
    j.pointer(&format!("/Resources/{kind}"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
}

fn s3_text(j: &Json) -> String {
    resources(j, "S3Resources")
        .map(|s| {
            let mut line = field(s, "BucketArn").to_string();
            if let Some(range) = s.get("KeyRange") {
                line.push_str(&format!(
                    " [{} .. {}]",
                    field(range, "BeginMarker"),
                    field(range, "EndMarker")
                ));
            }
            let targets: Vec<String> = s
                .get("TargetOnDeviceServices")
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .map(|t| {
                    format!(
                        "{} {}",
                        field(t, "ServiceName").trim_end_matches("_ON_DEVICE_SERVICE"),
                        field(t, "TransferOption")
                    )
                })
                .collect();
            if !targets.is_empty() {
                line.push_str(&format!(" via {}", targets.join(", ")));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn lambda_text(j: &Json) -> String {
    resources(j, "LambdaResources")
        .map(|l| field(l, "LambdaArn").to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn ami_text(j: &Json) -> String {
    resources(j, "Ec2AmiResources")
        .map(|a| match a.get("SnowballAmiId").and_then(Json::as_str) {
            Some(on_device) => format!("{} (on device {on_device})", field(a, "AmiId")),
            None => field(a, "AmiId").to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// On-device services and how each is shown.
const SERVICES: &[(&str, &str)] = &[
    ("NFSOnDeviceService", "NFS"),
    ("TGWOnDeviceService", "Tape Gateway"),
    ("EKSOnDeviceService", "EKS Anywhere"),
    ("S3OnDeviceService", "S3 compatible storage"),
];

fn services_text(config: Option<&Json>) -> String {
    let Some(config) = config else {
        return String::new();
    };
    SERVICES
        .iter()
        .filter_map(|(key, label)| {
            let s = config.get(*key)?;
            let detail = match (s.get("StorageLimit"), s.get("KubernetesVersion")) {
                (Some(limit), _) => format!("{limit} {}", field(s, "StorageUnit")),
                (_, Some(k8s)) => format!(
                    "{} (Kubernetes {})",
                    field(s, "EKSAnywhereVersion"),
                    k8s.as_str().unwrap_or("")
                ),
                _ => String::new(),
            };
            Some(format!("{label} {detail}").trim_end().to_string())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `list`: an array of JobListEntry, a table, or a line per job.
pub fn list(entries: &[Json], format: Format, style: &Style, now: f64) -> String {
    if let Some(out) = machine(&entries, format) {
        return out;
    }
    let entries: Vec<Json> = entries.iter().map(escaped).collect();
    let columns = |e: &Json| {
        vec![
            field(e, "JobId").to_string(),
            field(e, "JobState").to_string(),
            field(e, "JobType").to_string(),
            field(e, "SnowballType").to_string(),
            time_field(e, "CreationDate"),
            field(e, "Description").to_string(),
        ]
    };
    if format == Format::Text {
        return text_lines(entries.iter().map(columns));
    }
    let entries = &entries;
    if entries.is_empty() {
        return "No jobs.\n".into();
    }
    let mut table = new_table(style);
    table.set_header(vec![
        "Job ID",
        "State",
        "Type",
        "Device",
        "Created",
        "Edit window",
        "Description",
    ]);
    for e in entries {
        let mut cols: Vec<Cell> = columns(e).into_iter().map(Cell::new).collect();
        cols.insert(5, Cell::new(edit_window(e, now)));
        table.add_row(cols);
    }
    keep_whole(
        &mut table,
        0,
        widest(entries.iter().map(|e| field(e, "JobId"))),
    );
    table.to_string() + "\n"
}

/// The code and message in the text line of a result that has no error: a
/// job skipped because of a signal or a declined prompt.
const NOT_ATTEMPTED: (&str, &str) = ("NotAttempted", "not attempted; nothing was sent");

/// A result's text line, its columns set by the outcome:
/// `JOB_ID<TAB>OUTCOME<TAB>FIELDS` (the changed members, comma-joined) for
/// updated, planned and unchanged; `JOB_ID<TAB>OUTCOME<TAB>CODE<TAB>MESSAGE`
/// for failed, unknown and skipped.
fn result_line(r: &JobResult) -> Vec<String> {
    let mut cols = vec![r.job_id.clone(), r.outcome.as_str().to_string()];
    match r.outcome {
        Outcome::Updated | Outcome::Planned | Outcome::Unchanged => cols.push(
            r.changes
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>()
                .join(","),
        ),
        Outcome::Failed | Outcome::Unknown | Outcome::Skipped => match &r.error {
            Some(e) => cols.extend([e.code.clone(), e.message.clone()]),
            None => cols.extend([NOT_ATTEMPTED.0.into(), NOT_ATTEMPTED.1.into()]),
        },
    }
    cols
}

/// Edit results: an array of results, a table, or a line per job ([`result_line`]).
pub fn results(results: &[JobResult], format: Format, style: &Style) -> String {
    if let Some(out) = machine(&results, format) {
        return out;
    }
    if format == Format::Text {
        return text_lines(results.iter().map(result_line));
    }
    let mut table = new_table(style);
    table.set_header(vec!["Job ID", "Outcome", "Change"]);
    for r in results {
        let color = match r.outcome {
            Outcome::Updated => Color::Green,
            Outcome::Planned => Color::Cyan,
            Outcome::Unchanged | Outcome::Skipped => Color::DarkGrey,
            Outcome::Failed => Color::Red,
            Outcome::Unknown => Color::Yellow,
        };
        // The error's message goes to stderr, once; the table names its code.
        let changes = r
            .changes
            .iter()
            .flat_map(|c| diff_lines(&c.field, &c.before, &c.after))
            .map(|line| escape_controls(&line));
        let detail = match (&r.error, r.outcome) {
            (Some(e), Outcome::Failed) if r.changes.is_empty() || e.code != "JobChanged" => {
                e.code.clone()
            }
            (Some(e), _) => std::iter::once(e.code.clone())
                .chain(changes)
                .collect::<Vec<_>>()
                .join("\n"),
            (None, Outcome::Skipped) => "not attempted".into(),
            (None, _) if r.changes.is_empty() => "no change needed".into(),
            (None, _) => changes.collect::<Vec<_>>().join("\n"),
        };
        table.add_row(vec![
            Cell::new(&r.job_id),
            colored(r.outcome.as_str(), color, style),
            Cell::new(detail),
        ]);
    }
    keep_whole(
        &mut table,
        0,
        widest(results.iter().map(|r| r.job_id.as_str())),
    );
    table.to_string() + "\n"
}

/// `history`: an array of records, a table, or a line per record
/// (`TIME<TAB>JOB_ID<TAB>OUTCOME<TAB>FIELDS`).
pub fn history(records: &[Record], format: Format, style: &Style) -> String {
    if let Some(out) = machine(&records, format) {
        return out;
    }
    let fields = |r: &Record| {
        r.changes
            .iter()
            .map(|c| c.field.as_str())
            .collect::<Vec<_>>()
            .join(",")
    };
    if format == Format::Text {
        return text_lines(records.iter().map(|r| {
            vec![
                r.time.clone(),
                r.job_id.clone(),
                r.outcome.as_str().to_string(),
                fields(r),
            ]
        }));
    }
    if records.is_empty() {
        return "No recorded edits.\n".into();
    }
    let mut table = new_table(style);
    table.set_header(vec!["Time", "Job ID", "Outcome", "Change", "Command"]);
    for r in records {
        let changes: Vec<String> = r
            .changes
            .iter()
            .flat_map(|c| diff_lines(&c.field, &c.before, &c.after))
            .map(|line| escape_controls(&line))
            .collect();
        table.add_row(vec![
            Cell::new(escape_controls(&r.time)),
            Cell::new(escape_controls(&r.job_id)),
            Cell::new(r.outcome.as_str()),
            Cell::new(changes.join("\n")),
            Cell::new(escape_controls(&r.command)),
        ]);
    }
    keep_whole(
        &mut table,
        1,
        widest(records.iter().map(|r| r.job_id.as_str())),
    );
    table.to_string() + "\n"
}

/// One line for people: what happened overall.
pub fn summary(results: &[JobResult], dry_run: bool) -> String {
    let count = |o: Outcome| {
        results
            .iter()
            .filter(|r| r.outcome == o && r.error.is_none())
            .count()
    };
    let failed = results
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .count();
    let unknown = results
        .iter()
        .filter(|r| r.outcome == Outcome::Unknown)
        .count();
    let mut parts = Vec::new();
    for (n, what) in [
        (count(Outcome::Updated), "updated"),
        (count(Outcome::Planned), "planned (dry run, nothing sent)"),
        (count(Outcome::Unchanged), "unchanged"),
        (failed, "failed"),
        (unknown, "unknown (check with snowjob show)"),
        (count(Outcome::Skipped), "skipped (not attempted)"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    }
    if dry_run && count(Outcome::Planned) == 0 && failed == 0 {
        parts.push("nothing to send".into());
    }
    parts.join(", ")
}

/// `addresses` columns, as (table header, Address member); text output has
/// the same columns, address ID first.
const ADDRESS_COLUMNS: &[(&str, &str)] = &[
    ("Address ID", "AddressId"),
    ("Name", "Name"),
    ("Company", "Company"),
    ("Street", "Street1"),
    ("City", "City"),
    ("State", "StateOrProvince"),
    ("Postal code", "PostalCode"),
    ("Country", "Country"),
    ("Phone", "PhoneNumber"),
];

/// `addresses`: an array of Address, a table, or a line per address.
pub fn addresses(addresses: &[Json], format: Format, style: &Style) -> String {
    if let Some(out) = machine(&addresses, format) {
        return out;
    }
    let addresses: Vec<Json> = addresses.iter().map(escaped).collect();
    let addresses = &addresses;
    let columns = |a: &Json| -> Vec<String> {
        ADDRESS_COLUMNS
            .iter()
            .map(|(_, key)| field(a, key).to_string())
            .collect()
    };
    if format == Format::Text {
        return text_lines(addresses.iter().map(columns));
    }
    if addresses.is_empty() {
        return "No addresses.\n".into();
    }
    let mut table = new_table(style);
    table.set_header(ADDRESS_COLUMNS.iter().map(|(header, _)| *header));
    for a in addresses {
        table.add_row(columns(a));
    }
    keep_whole(
        &mut table,
        0,
        widest(addresses.iter().map(|a| field(a, "AddressId"))),
    );
    table.to_string() + "\n"
}

/// A value in one short line: strings bare, structures by their most telling member.
fn short(v: &Json) -> String {
    match v {
        Json::Null => "(none)".into(),
        Json::String(s) => s.clone(),
        Json::Object(map) => ["BucketArn", "LambdaArn", "AmiId", "SnsTopicARN"]
            .iter()
            .find_map(|k| map.get(*k).and_then(Json::as_str))
            .map_or_else(|| v.to_string(), str::to_string),
        other => other.to_string(),
    }
}

/// What changed between two values, a line a difference: `path: before -> after`
/// for values, `path: + item` / `path: - item` for list entries.
pub fn diff_lines(path: &str, before: &Json, after: &Json) -> Vec<String> {
    match (before, after) {
        (Json::Object(b), Json::Object(a)) => a
            .keys()
            .chain(b.keys().filter(|k| !a.contains_key(*k)))
            .flat_map(|k| {
                let (bv, av) = (
                    b.get(k).unwrap_or(&Json::Null),
                    a.get(k).unwrap_or(&Json::Null),
                );
                if bv == av {
                    Vec::new()
                } else {
                    diff_lines(&format!("{path}.{k}"), bv, av)
                }
            })
            .collect(),
        (Json::Array(b), Json::Array(a)) => {
            let added = a
                .iter()
                .filter(|x| !b.contains(x))
                .map(|x| format!("{path}: + {}", short(x)));
            let removed = b
                .iter()
                .filter(|x| !a.contains(x))
                .map(|x| format!("{path}: - {}", short(x)));
            added.chain(removed).collect()
        }
        (Json::Null, Json::Array(a)) => a
            .iter()
            .map(|x| format!("{path}: + {}", short(x)))
            .collect(),
        (Json::Null, Json::Object(_)) => diff_lines(path, &Json::Object(Default::default()), after),
        _ => vec![format!("{path}: {} -> {}", short(before), short(after))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_names_what_changed_inside_structures() {
        let before = json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::a"}], "LambdaResources": [{"LambdaArn": "l"}]});
        let after = json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::a"}, {"BucketArn": "arn:aws:s3:::b"}], "LambdaResources": [{"LambdaArn": "l"}]});
        assert_eq!(
            diff_lines("Resources", &before, &after),
            vec!["Resources.S3Resources: + arn:aws:s3:::b"]
        );
        let before = json!({"NFSOnDeviceService": {"StorageLimit": 8, "StorageUnit": "TB"}, "TGWOnDeviceService": {"StorageLimit": 80}});
        let after = json!({"NFSOnDeviceService": {"StorageLimit": 4, "StorageUnit": "TB"}, "TGWOnDeviceService": {"StorageLimit": 80}});
        assert_eq!(
            diff_lines("OnDeviceServiceConfiguration", &before, &after),
            vec!["OnDeviceServiceConfiguration.NFSOnDeviceService.StorageLimit: 8 -> 4"]
        );
        assert_eq!(
            diff_lines("ShippingOption", &json!("SECOND_DAY"), &json!("NEXT_DAY")),
            vec!["ShippingOption: SECOND_DAY -> NEXT_DAY"]
        );
    }

    #[test]
    fn edit_window_is_an_estimate_from_creation() {
        let created = DateTime::from_secs(1_000_000);
        let job =
            json!({"JobState": "New", "CreationDate": created.fmt(TimeFormat::DateTime).unwrap()});
        assert_eq!(
            edit_window(&job, 1_000_000.0 + 600.0),
            "~50 min left (est.)"
        );
        assert_eq!(
            edit_window(&job, 1_000_000.0 + 4000.0),
            "closing any moment (est.)"
        );
        assert_eq!(edit_window(&json!({"JobState": "WithAWS"}), 0.0), "closed");
    }

    #[test]
    fn every_outcome_has_its_text_line() {
        use crate::failure::{Failure, Kind};
        use crate::report::Change;
        let change = |field: &str| Change {
            field: field.into(),
            before: json!(1),
            after: json!(2),
        };
        let with_changes = |id: &str, outcome| JobResult {
            changes: vec![change("ShippingOption"), change("Description")],
            ..JobResult::new(id, outcome)
        };
        let error = |code: &str| Some(Failure::new(Kind::Unreachable, code, "tab\there\nline"));
        let results = vec![
            with_changes("J1", Outcome::Updated),
            with_changes("J2", Outcome::Planned),
            JobResult::new("J3", Outcome::Unchanged),
            JobResult::failed("J4", Failure::invalid("bad")),
            with_changes("J5", Outcome::Unknown).with(Outcome::Unknown, error("UpdateFateUnknown")),
            JobResult::skipped("J6"),
            JobResult::skipped("J7").with(Outcome::Skipped, error("Aborted")),
        ];
        let style = Style {
            color: false,
            width: None,
        };
        let out = super::results(&results, Format::Text, &style);
        assert_eq!(
            out.lines().collect::<Vec<_>>(),
            [
                "J1\tupdated\tShippingOption,Description",
                "J2\tplanned\tShippingOption,Description",
                "J3\tunchanged\t",
                "J4\tfailed\tInvalidInput\tbad",
                "J5\tunknown\tUpdateFateUnknown\ttab\\there\\nline",
                "J6\tskipped\tNotAttempted\tnot attempted; nothing was sent",
                "J7\tskipped\tAborted\ttab\\there\\nline",
            ]
        );
    }

    #[test]
    fn text_output_keeps_one_record_a_line() {
        let entries = vec![
            json!({"JobId": "JID1", "JobState": "New", "Description": "two\tparts\nand lines"}),
        ];
        let out = list(
            &entries,
            Format::Text,
            &Style {
                color: false,
                width: None,
            },
            0.0,
        );
        assert_eq!(out.lines().count(), 1);
        assert_eq!(out.split('\t').next(), Some("JID1"));
        assert_eq!(out.trim_end().split('\t').count(), 6);
    }
}
