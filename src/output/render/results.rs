//! Edit results: per job, what changed and what became of it; the summary
//! line; the diff of two values.

use super::*;

/// The code and message in the text line of a result that has no error: a
/// job skipped because of a signal or a declined prompt.
const NOT_ATTEMPTED: (&str, &str) = ("NotAttempted", "not attempted; nothing was sent");

/// A result's text line, its columns set by the outcome:
/// `JOB_ID<TAB>OUTCOME<TAB>FIELDS` (the changed members, comma-joined) for
/// updated, planned and unchanged; `JOB_ID<TAB>OUTCOME<TAB>CODE<TAB>MESSAGE`
/// for failed, unknown and skipped.
fn result_line(r: &OrderResult) -> Vec<String> {
    let mut cols = vec![r.id.clone(), r.outcome.as_str().to_string()];
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
pub fn results(results: &[OrderResult], format: Format, style: &Style) -> String {
    if let Some(out) = machine(&results, format) {
        return out;
    }
    if format == Format::Text {
        return text_lines(results.iter().map(result_line));
    }
    let mut table = new_table(style);
    let header = if results
        .iter()
        .any(|r| snowball_model::OrderKind::of(&r.id) == snowball_model::OrderKind::Cluster)
    {
        "Job or cluster ID"
    } else {
        "Job ID"
    };
    table.set_header(vec![header, "Outcome", "Change"]);
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
            (Some(e), Outcome::Failed)
                if r.changes.is_empty() || !e.is(crate::failure::Code::JobChanged) =>
            {
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
            Cell::new(&r.id),
            colored(r.outcome.as_str(), color, style),
            Cell::new(detail),
        ]);
    }
    keep_whole(&mut table, 0, widest(results.iter().map(|r| r.id.as_str())));
    table.to_string() + "\n"
}

/// The most of a description a cancel prompt shows: the question stays near
/// the IDs it is about.
const PROMPT_DESCRIPTION: usize = 60;

/// `text`, cut at `most` characters with an ellipsis.
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    text.chars().take(most - 1).chain(['…']).collect()
}

/// The orders a person is asked to cancel: each ID with its type, device
/// and description, so that the right ones are recognized.
pub fn cancels(planned: &[OrderResult], style: &Style) -> String {
    let mut table = new_table(style);
    table.set_header(vec!["ID", "Type", "Device", "Description"]);
    for r in planned.iter().filter(|r| r.outcome == Outcome::Planned) {
        let order = r.order.clone().unwrap_or_default();
        table.add_row(vec![
            Cell::new(&r.id),
            Cell::new(escape_controls(&order.job_type)),
            Cell::new(escape_controls(&order.device)),
            Cell::new(escape_controls(&shorten(
                &order.description,
                PROMPT_DESCRIPTION,
            ))),
        ]);
    }
    keep_whole(&mut table, 0, widest(planned.iter().map(|r| r.id.as_str())));
    table.to_string() + "\n"
}

/// One line for people: what happened overall.
pub fn summary(results: &[OrderResult], dry_run: bool) -> String {
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
    fn every_outcome_has_its_text_line() {
        use crate::failure::{Failure, Kind};
        use crate::report::Change;
        let change = |field: &str| Change {
            field: field.into(),
            before: json!(1),
            after: json!(2),
        };
        let with_changes = |id: &str, outcome| OrderResult {
            changes: vec![change("ShippingOption"), change("Description")],
            ..OrderResult::new(id, outcome)
        };
        let error = |code: &str| Some(Failure::new(Kind::Unreachable, code, "tab\there\nline"));
        let results = vec![
            with_changes("J1", Outcome::Updated),
            with_changes("J2", Outcome::Planned),
            OrderResult::new("J3", Outcome::Unchanged),
            OrderResult::failed("J4", Failure::invalid("bad")),
            with_changes("J5", Outcome::Unknown).with(Outcome::Unknown, error("UpdateFateUnknown")),
            OrderResult::skipped("J6"),
            OrderResult::skipped("J7").with(Outcome::Skipped, error("Aborted")),
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
}
