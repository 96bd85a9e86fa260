//! `history`: the recorded edits.

use super::*;

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
                r.id.clone(),
                r.outcome.as_str().to_string(),
                fields(r),
            ]
        }));
    }
    if records.is_empty() {
        return "No recorded edits.\n".into();
    }
    let mut table = new_table(style);
    let id_header = if records
        .iter()
        .any(|r| snowball_model::OrderKind::of(&r.id) == snowball_model::OrderKind::Cluster)
    {
        "Job or cluster ID"
    } else {
        "Job ID"
    };
    table.set_header(vec!["Time", id_header, "Outcome", "Change", "Command"]);
    for r in records {
        let changes: Vec<String> = r
            .changes
            .iter()
            .flat_map(|c| diff_lines(&c.field, &c.before, &c.after))
            .map(|line| escape_controls(&line))
            .collect();
        table.add_row(vec![
            Cell::new(escape_controls(&r.time)),
            Cell::new(escape_controls(&r.id)),
            Cell::new(r.outcome.as_str()),
            Cell::new(changes.join("\n")),
            Cell::new(escape_controls(&r.command)),
        ]);
    }
    keep_whole(&mut table, 1, widest(records.iter().map(|r| r.id.as_str())));
    table.to_string() + "\n"
}
