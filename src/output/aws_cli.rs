//! How a `--query` result is printed: any JSON value, drawn the way the AWS CLI
//! draws one (its `text` and generic `table` formatters), or as JSON or YAML.
//! Pure.
//!
//! Text: a scalar on its own line (`True`, `False` and `None` for JSON's
//! `true`, `false` and `null`, as the AWS CLI prints them); a list of scalars
//! tab-separated on one line; a list of lists a line each; an object's scalar
//! values tab-separated in key order, then each nested value, a list of
//! scalars under it prefixed with its key in upper case.
//!
//! Table: a titled section per object or list of objects, scalar members as
//! columns in key order, nested values as indented sub-sections; sections with
//! one row turn vertical when the table is wider than the terminal. Unlike the
//! AWS CLI (which draws only the title), a scalar result is shown in a row.

use serde_json::Value as Json;
use unicode_width::UnicodeWidthStr;

use crate::output::Format;
use crate::output::render;

/// `value` in `format`; `title` heads a table, `width` is the terminal's.
pub fn render(value: &Json, format: Format, title: &str, width: usize) -> String {
    if let Some(out) = render::machine(value, format) {
        return out;
    }
    let mut out = String::new();
    if format == Format::Text {
        text(value, None, None, &mut out);
    } else {
        let mut table = MultiTable::default();
        if table.build(Some(title), value, 0) {
            table.render(width, &mut out);
        }
    }
    out
}

/// A scalar as the AWS CLI prints it (Python's `str`), on one line.
fn scalar(v: &Json) -> String {
    match v {
        Json::Null => "None".into(),
        Json::Bool(true) => "True".into(),
        Json::Bool(false) => "False".into(),
        Json::String(s) => crate::text::escape_controls(s),
        other => crate::text::escape_controls(&other.to_string()),
    }
}

fn is_scalar(v: &Json) -> bool {
    !matches!(v, Json::Array(_) | Json::Object(_))
}

fn sorted_keys<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut keys: Vec<&str> = keys.map(String::as_str).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

// ---- text (awscli/text.py) ----

fn line(fields: impl IntoIterator<Item = String>, out: &mut String) {
    out.push_str(&fields.into_iter().collect::<Vec<_>>().join("\t"));
    out.push('\n');
}

fn text(item: &Json, identifier: Option<&str>, scalar_keys: Option<&[&str]>, out: &mut String) {
    match item {
        Json::Object(map) => {
            // The scalar columns: the list's (so rows line up), else this object's.
            let own: Vec<&str>;
            let keys = match scalar_keys {
                Some(keys) => keys,
                None => {
                    own = sorted_keys(map.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k));
                    &own
                }
            };
            if !keys.is_empty() {
                let values = keys
                    .iter()
                    .map(|k| map.get(*k).map_or_else(String::new, scalar));
                line(
                    identifier.map(str::to_uppercase).into_iter().chain(values),
                    out,
                );
            }
            for key in sorted_keys(map.keys().filter(|k| !keys.contains(&k.as_str()))) {
                text(&map[key], Some(key), None, out);
            }
        }
        Json::Array(items) if items.is_empty() => {}
        Json::Array(items) if items.iter().any(Json::is_object) => {
            let keys = sorted_keys(
                items
                    .iter()
                    .filter_map(Json::as_object)
                    .flat_map(|m| m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k)),
            );
            for element in items {
                text(element, identifier, Some(&keys), out);
            }
        }
        Json::Array(items) => {
            let scalars: Vec<&Json> = items.iter().filter(|v| is_scalar(v)).collect();
            if !scalars.is_empty() {
                match identifier {
                    Some(id) => {
                        for s in scalars {
                            line([id.to_uppercase(), scalar(s)], out);
                        }
                    }
                    None => line(scalars.into_iter().map(scalar), out),
                }
            }
            for nested in items.iter().filter(|v| !is_scalar(v)) {
                text(nested, identifier, None, out);
            }
        }
        _ => line([scalar(item)], out),
    }
}

// ---- table (awscli/formatter.py TableFormatter, awscli/table.py MultiTable) ----

#[derive(Default)]
struct Section {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    indent: usize,
    max_widths: Vec<usize>,
}

fn width_of(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

impl Section {
    fn widen(&mut self, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            match self.max_widths.get_mut(i) {
                Some(w) => *w = (*w).max(width_of(cell)),
                None => self.max_widths.push(width_of(cell)),
            }
        }
    }

    fn add_row(&mut self, row: Vec<String>) {
        self.widen(&row);
        self.rows.push(row);
    }

    fn columns(&self) -> usize {
        self.max_widths.len()
    }

    /// Column widths (with `padding` each) scaled to add up to `max_width`.
    fn column_widths(&self, padding: usize, max_width: usize) -> Vec<usize> {
        let unscaled: Vec<usize> = self.max_widths.iter().map(|w| w + padding).collect();
        let total: usize = unscaled.iter().sum();
        if total == 0 {
            return unscaled;
        }
        let scale = max_width as f64 / total as f64;
        // Python's round(): halves to even.
        let mut scaled: Vec<i64> = unscaled
            .iter()
            .map(|w| (scale * *w as f64).round_ties_even() as i64)
            .collect();
        let mut off_by = scaled.iter().sum::<i64>() - max_width as i64;
        while off_by != 0 {
            let order: Vec<usize> = if off_by < 0 {
                (0..scaled.len()).rev().collect()
            } else {
                (0..scaled.len()).collect()
            };
            for i in order {
                scaled[i] -= off_by.signum();
                off_by -= off_by.signum();
                if off_by == 0 {
                    break;
                }
            }
        }
        scaled.into_iter().map(|w| w.max(0) as usize).collect()
    }

    fn total_width(&self) -> usize {
        let outer = 2 * self.indent;
        let columns: usize = self.max_widths.iter().map(|w| w + 4).sum();
        (width_of(&self.title) + 2 + outer).max(columns + 2 + outer)
    }
}

#[derive(Default)]
struct MultiTable {
    sections: Vec<Section>,
}

impl MultiTable {
    fn section(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section::default());
        }
        self.sections.last_mut().expect("one was just added")
    }

    fn new_section(&mut self, title: &str, indent: usize) {
        self.sections.push(Section {
            title: title.to_string(),
            indent,
            ..Section::default()
        });
    }

    /// Adds `value`'s sections; false when there is nothing to draw.
    fn build(&mut self, title: Option<&str>, value: &Json, indent: usize) -> bool {
        let empty = match value {
            Json::Null => true,
            Json::Array(a) => a.is_empty(),
            Json::Object(o) => o.is_empty(),
            _ => false,
        };
        if empty {
            return false;
        }
        if let Some(title) = title {
            self.new_section(title, indent);
        }
        match value {
            Json::Array(items) if items[0].is_object() => {
                let objects: Vec<_> = items.iter().filter_map(Json::as_object).collect();
                let headers = sorted_keys(
                    objects
                        .iter()
                        .flat_map(|m| m.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k)),
                );
                let nested = sorted_keys(
                    objects
                        .iter()
                        .flat_map(|m| m.iter().filter(|(_, v)| !is_scalar(v)).map(|(k, _)| k)),
                );
                let title = title.unwrap_or_default();
                for (n, object) in objects.iter().enumerate() {
                    if n == 0 || !nested.is_empty() {
                        if n > 0 {
                            self.new_section(title, indent);
                        }
                        self.set_headers(&headers);
                    }
                    let row = headers
                        .iter()
                        .map(|h| object.get(*h).map_or_else(String::new, scalar))
                        .collect();
                    self.section().add_row(row);
                    for key in &nested {
                        if let Some(v) = object.get(*key) {
                            self.build(Some(key), v, indent + 1);
                        }
                    }
                }
            }
            Json::Array(items) => {
                for item in items {
                    match item {
                        Json::Array(row) if row.iter().all(is_scalar) => {
                            self.add_padded_row(row.iter().map(scalar).collect())
                        }
                        v if is_scalar(v) => self.add_padded_row(vec![scalar(v)]),
                        nested => {
                            self.build(None, nested, indent);
                        }
                    }
                }
            }
            Json::Object(map) => {
                let headers = sorted_keys(map.iter().filter(|(_, v)| is_scalar(v)).map(|(k, _)| k));
                match headers[..] {
                    [] => {}
                    [only] => self
                        .section()
                        .add_row(vec![only.to_string(), scalar(&map[only])]),
                    _ => {
                        self.set_headers(&headers);
                        let row = headers.iter().map(|h| scalar(&map[*h])).collect();
                        self.section().add_row(row);
                    }
                }
                for key in sorted_keys(map.iter().filter(|(_, v)| !is_scalar(v)).map(|(k, _)| k)) {
                    self.build(Some(key), &map[key], indent + 1);
                }
            }
            v => self.section().add_row(vec![scalar(v)]),
        }
        true
    }

    fn set_headers(&mut self, headers: &[&str]) {
        let headers: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let section = self.section();
        section.widen(&headers);
        section.headers = headers;
    }

    /// Rows of a list of lists may differ in length; short ones are padded.
    fn add_padded_row(&mut self, mut row: Vec<String>) {
        let section = self.section();
        let columns = section.columns().max(row.len());
        for r in &mut section.rows {
            r.resize(columns, String::new());
        }
        row.resize(columns, String::new());
        section.add_row(row);
    }

    fn render(&mut self, terminal_width: usize, out: &mut String) {
        let mut max_width = self.max_width();
        if max_width > terminal_width {
            self.make_single_rows_vertical();
            max_width = self.max_width();
        }
        out.push_str(&"-".repeat(max_width));
        out.push('\n');
        for section in &self.sections {
            render_section(section, max_width, out);
        }
    }

    fn max_width(&self) -> usize {
        self.sections
            .iter()
            .map(Section::total_width)
            .max()
            .unwrap_or(0)
    }

    /// A one-row section becomes a row per column: `header | value`.
    fn make_single_rows_vertical(&mut self) {
        for section in &mut self.sections {
            if section.rows.len() == 1 && !section.headers.is_empty() {
                let headers = std::mem::take(&mut section.headers);
                let row = section.rows.pop().expect("one row");
                section.max_widths.clear();
                for (h, v) in headers.into_iter().zip(row) {
                    section.add_row(vec![h, v]);
                }
            }
        }
    }
}

fn spaces(n: isize) -> String {
    " ".repeat(n.max(0) as usize)
}

fn center(text: &str, length: usize, left_edge: &str, right_edge: &str) -> String {
    let text_length = width_of(text) as isize;
    let start = (length as isize / 2) - (text_length / 2) - 1;
    let so_far = left_edge.len() as isize + start + text_length;
    let right = length as isize - right_edge.len() as isize - so_far;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        spaces(start),
        spaces(right)
    )
}

fn align_left(text: &str, length: usize, left_edge: &str, right_edge: &str) -> String {
    let text_length = width_of(text) as isize;
    let edges = (left_edge.len() + right_edge.len()) as isize;
    let padding = if length as isize - (text_length + 2 + edges) >= 0 {
        2
    } else {
        0
    };
    let so_far = left_edge.len() as isize + padding + text_length;
    let right = length as isize - so_far - right_edge.len() as isize;
    format!(
        "{left_edge}{}{text}{}{right_edge}",
        spaces(padding),
        spaces(right)
    )
}

fn line_break(widths: &[usize]) -> String {
    widths
        .iter()
        .enumerate()
        .map(|(i, w)| match i {
            0 => format!("+{}+", "-".repeat(w.saturating_sub(2))),
            _ => format!("{}+", "-".repeat(w.saturating_sub(1))),
        })
        .collect()
}

fn cells(
    values: &[String],
    widths: &[usize],
    cell: fn(&str, usize, &str, &str) -> String,
) -> String {
    values
        .iter()
        .zip(widths)
        .enumerate()
        .map(|(i, (v, w))| cell(v, *w, if i == 0 { "|" } else { "" }, "|"))
        .collect()
}

fn render_section(section: &Section, max_width: usize, out: &mut String) {
    let bars = "|".repeat(section.indent);
    let mut write = |text: String| {
        out.push_str(&bars);
        out.push_str(&text);
        out.push_str(&bars);
        out.push('\n');
    };
    let width = max_width - 2 * section.indent;
    if !section.title.is_empty() {
        write(center(&section.title, width, "|", "|"));
        if section.headers.is_empty() && section.rows.is_empty() {
            write(format!("+{}+", "-".repeat(width - 2)));
        }
    }
    let widths = section.column_widths(4, width);
    if !section.headers.is_empty() {
        write(line_break(&widths));
        write(cells(&section.headers, &widths, center));
    }
    if !section.rows.is_empty() && !widths.is_empty() {
        write(line_break(&widths));
        for row in &section.rows {
            write(cells(row, &widths, align_left));
        }
        write(line_break(&widths));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn as_text(v: Json) -> String {
        render(&v, Format::Text, "t", 80)
    }

    #[test]
    fn text_prints_scalars_and_lists_as_the_aws_cli() {
        assert_eq!(as_text(json!("JID1")), "JID1\n");
        assert_eq!(as_text(json!(2)), "2\n");
        assert_eq!(as_text(json!(1.5)), "1.5\n");
        assert_eq!(as_text(Json::Null), "None\n");
        assert_eq!(as_text(json!(["a", true, null])), "a\tTrue\tNone\n");
        assert_eq!(as_text(json!([["a", "b"], ["c"]])), "a\tb\nc\n");
        assert_eq!(as_text(json!([])), "");
        assert_eq!(
            as_text(json!("two\tparts\nand lines")),
            "two\\tparts\\nand lines\n"
        );
    }

    #[test]
    fn text_prints_objects_as_the_aws_cli() {
        // Scalars in key order; nested values after, lists of scalars by key.
        let v = json!([
            {"JobId": "J1", "Outcome": "planned", "Changes": [{"Field": "F"}], "Tags": ["x", "y"]},
            {"JobId": "J2", "Extra": 1}
        ]);
        assert_eq!(
            as_text(v),
            "\tJ1\tplanned\nCHANGES\tF\nTAGS\tx\nTAGS\ty\n1\tJ2\t\n"
        );
        assert_eq!(
            as_text(json!({"B": "b", "A": "a", "Nested": {"C": 1}})),
            "a\tb\nNESTED\t1\n"
        );
    }

    #[test]
    fn table_is_drawn_as_the_aws_cli_draws_it() {
        let v = json!([{"Id": "JID00000000-0000-4000-8000-000000000001", "Type": "IMPORT",
                        "Res": {"S3Resources": [{"BucketArn": "arn:aws:s3:::example-migration-raw"}]}}]);
        let expected = "\
-------------------------------------------------------
|                     DescribeJob                     |
+-------------------------------------------+---------+
|                    Id                     |  Type   |
+-------------------------------------------+---------+
|  JID00000000-0000-4000-8000-000000000001  |  IMPORT |
+-------------------------------------------+---------+
||                        Res                        ||
|+---------------------------------------------------+|
|||                   S3Resources                   |||
||+-------------------------------------------------+||
|||                    BucketArn                    |||
||+-------------------------------------------------+||
|||  arn:aws:s3:::example-migration-raw             |||
||+-------------------------------------------------+||
";
        assert_eq!(render(&v, Format::Table, "DescribeJob", 80), expected);
    }

    #[test]
    fn table_shows_scalars_and_nothing_for_null() {
        let out = render(&json!(3), Format::Table, "Results", 80);
        assert!(out.contains("|  3"), "{out}");
        assert_eq!(render(&Json::Null, Format::Table, "Results", 80), "");
        assert_eq!(render(&json!([]), Format::Table, "Results", 80), "");
    }

    #[test]
    fn a_table_wider_than_the_terminal_turns_one_row_sections_vertical() {
        let v = json!({"A": "x".repeat(30), "B": "y".repeat(30), "C": "z".repeat(30)});
        let out = render(&v, Format::Table, "Wide", 60);
        assert!(out.lines().all(|l| l.chars().count() <= 60), "{out}");
        assert_eq!(out.matches(&"x".repeat(30)).count(), 1);
        assert!(out.contains("|  A|  xxx"), "{out}");
    }

    #[test]
    fn json_and_yaml_print_the_value() {
        assert_eq!(render(&json!(2), Format::Json, "t", 80), "2\n");
        assert_eq!(render(&json!(["a"]), Format::Yaml, "t", 80), "- a\n");
    }
}
