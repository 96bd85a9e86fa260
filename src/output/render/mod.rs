//! Output: tables for people, JSON/YAML with the API's names, and tab-separated
//! text for scripts (one record a line, job ID first, no header). Pure. The
//! helpers every renderer shares are here; each kind of document has its file.

mod addresses;
mod history;
mod jobs;
mod results;

pub use addresses::addresses;
pub use history::history;
pub use jobs::{Looked, clusters, edit_window, jobs, list};
pub use results::{cancels, diff_lines, results, summary};

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format as TimeFormat;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};
use serde_json::Value as Json;

use crate::history_file::Record;
use crate::output::Format;
use crate::report::{OrderResult, Outcome};
use crate::text::{escape_controls, escaped};
use crate::yaml;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
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

/// An order's ID: a job's `JobId` or a cluster's `ClusterId`.
fn order_id(v: &Json) -> &str {
    v.get("JobId")
        .or_else(|| v.get("ClusterId"))
        .and_then(Json::as_str)
        .unwrap_or("")
}

/// An order's state: `JobState` or `ClusterState`.
fn order_state(v: &Json) -> &str {
    v.get("JobState")
        .or_else(|| v.get("ClusterState"))
        .and_then(Json::as_str)
        .unwrap_or("")
}

/// The shipping speed: a job's in ShippingDetails, a cluster's its own member.
fn shipping(v: &Json) -> &str {
    v.pointer("/ShippingDetails/ShippingOption")
        .or_else(|| v.get("ShippingOption"))
        .and_then(Json::as_str)
        .unwrap_or("")
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
            let json = serde_json::to_string_pretty(value).expect("JSON values serialize") + "\n";
            // A pipe gets JSON as it is; a terminal none it would act on.
            Some(match crate::output::stdio::terminal().stdout {
                true => crate::text::json_for_terminal(&json),
                false => json,
            })
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
