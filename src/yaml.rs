//! The one place that knows YAML. Writing and reading agree on one dialect by
//! construction: the writer below emits a text plain only when it is a word
//! that every YAML reader (1.1 or 1.2) takes as that same text, and quotes
//! every other string with each character a reader could fold, strip or
//! reinterpret escaped; saphyr's parser reads patch and editor files into a
//! tree that keeps each value's line and whether a scalar was quoted, so that
//! errors can name their line and `2025.10` is never silently read as the
//! number 2025.1. (serde_yaml's emitter chooses scalar styles itself, some of
//! which a YAML 1.2 reader reads back differently: U+2028 in a plain scalar,
//! `0x-1`.)

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::Serialize;
use serde_json::Value as Json;
use std::fmt::Write as _;

/// A value as a YAML document, block style, ending in a newline.
pub fn to_string<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(json) => {
            let mut out = String::new();
            emit(&json, 0, &mut out);
            out.push('\n');
            out
        }
        Err(e) => format!("# could not render YAML: {e}\n"),
    }
}

/// Writes `value` as the rest of a line whose indentation is `indent`:
/// scalars and empty collections inline, others on the lines below.
fn emit(value: &Json, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match value {
        Json::Object(map) if !map.is_empty() => {
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                scalar_text(key, out);
                out.push(':');
                match item {
                    Json::Object(m) if !m.is_empty() => {
                        out.push('\n');
                        out.push_str(&"  ".repeat(indent + 1));
                        emit(item, indent + 1, out);
                    }
                    Json::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        out.push_str(&"  ".repeat(indent + 1));
                        emit(item, indent + 1, out);
                    }
                    _ => {
                        out.push(' ');
                        emit(item, indent + 1, out);
                    }
                }
            }
        }
        Json::Array(items) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str("- ");
                emit(item, indent + 1, out);
            }
        }
        Json::Object(_) => out.push_str("{}"),
        Json::Array(_) => out.push_str("[]"),
        Json::Null => out.push_str("null"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&n.to_string()),
        Json::String(s) => scalar_text(s, out),
    }
}

/// Words every YAML reader gives a meaning of its own when plain (YAML 1.1's
/// booleans and null included), compared without case.
const RESERVED: &[&str] = &["null", "true", "false", "yes", "no", "on", "off", "y", "n"];

/// Whether `s` may be written plain: a letter, then letters, digits, single
/// spaces and `_ - . / : @ , ( )`, with no `: ` or ` #` inside, not ending in
/// a space or `:`, and not a reserved word. Such a text is no number, time,
/// boolean or null in any YAML schema, and holds nothing a reader folds or
/// strips.
fn plain_is_safe(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || " _-./:@,()".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.contains("  ")
        && !s.ends_with([' ', ':'])
        && !RESERVED.iter().any(|w| w.eq_ignore_ascii_case(s))
}

/// A text as a scalar: plain when safe, else double-quoted with every
/// character outside printable, non-breaking text escaped.
fn scalar_text(s: &str, out: &mut String) {
    if plain_is_safe(s) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            // Line breaks of YAML 1.1 (NEL, U+2028, U+2029), the byte-order
            // mark, C0 and C1 controls, DEL and non-characters, and the
            // invisible format characters a terminal would hide or act on
            // (bidi overrides, zero-width, tags): escaped.
            c if c.is_control()
                || crate::text::is_hidden(c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = match u32::from(c) {
                    code @ 0..=0xffff => write!(out, "\\u{code:04X}"),
                    code => write!(out, "\\U{code:08X}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A parsed YAML (or JSON) value and the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub line: usize,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written; `plain` when unquoted, so YAML's rules may make it
    /// a number, a boolean or null.
    Scalar {
        text: String,
        plain: bool,
    },
    List(Vec<Node>),
    /// Keys in file order, each with its line.
    Map(Vec<(String, Node)>),
}

/// Nesting deeper than any UpdateJob member needs is refused, not followed.
const MAX_DEPTH: usize = 32;

/// Parses one YAML document. Anchors and aliases, tags, several documents and
/// non-scalar keys are refused: a patch is plain data.
pub fn parse(text: &str) -> Result<Option<Node>, String> {
    let joined = json_surrogates_joined(text);
    let text = joined.as_deref().unwrap_or(text);
    let events = Parser::new_from_str(text).map(|item| {
        item.map_err(|e| {
            format!(
                "line {}, column {}: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            )
        })
    });
    let mut stack: Vec<(Node, Option<String>)> = Vec::new();
    let mut pending_key: Option<String> = None;
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for item in events {
        let (event, span) = item?;
        let line = span.start.line();
        let refuse = |what: &str| {
            Err(format!(
                "line {line}: {what} are not supported in this file"
            ))
        };
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(format!(
                        "line {line}: the file holds more than one YAML document"
                    ));
                }
                continue;
            }
            Event::Alias(_) => return refuse("anchors and aliases"),
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _)
                if anchor != 0 =>
            {
                return refuse("anchors and aliases");
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, Some(_))
            | Event::MappingStart(_, Some(_)) => {
                return refuse("YAML tags (!name)");
            }
            Event::Scalar(text, style, _, None) => {
                let value = Value::Scalar {
                    text: text.into_owned(),
                    plain: style == ScalarStyle::Plain,
                };
                Node { line, value }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "line {line}: nested more than {MAX_DEPTH} levels deep"
                    ));
                }
                let value = match event {
                    Event::SequenceStart(..) => Value::List(Vec::new()),
                    _ => Value::Map(Vec::new()),
                };
                stack.push((Node { line, value }, pending_key.take()));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((node, key)) = stack.pop() else {
                    continue;
                };
                pending_key = key;
                node
            }
            _ => continue,
        };
        // Place the finished node in its parent.
        match stack.last_mut() {
            None => root = Some(node),
            Some((
                Node {
                    value: Value::List(items),
                    ..
                },
                _,
            )) => items.push(node),
            Some((
                Node {
                    value: Value::Map(entries),
                    ..
                },
                _,
            )) => match pending_key.take() {
                Some(key) => entries.push((key, node)),
                None => match node.value {
                    Value::Scalar { text, .. } => pending_key = Some(text),
                    _ => return Err(format!("line {}: a key must be plain text", node.line)),
                },
            },
            Some(_) => return Err(format!("line {line}: unexpected YAML structure")),
        }
    }
    Ok(root)
}

/// JSON (which every patch file may be) escapes a character beyond U+FFFF
/// as a UTF-16 surrogate pair (`\\ud83d\\ude9a`, as `json.dumps` writes it),
/// which YAML's escapes cannot spell. For a text that is valid JSON, each
/// such pair becomes the one YAML escape of its character (`\\U0001F69A`),
/// leaving the lines as they were; `None` when there is nothing to join.
fn json_surrogates_joined(text: &str) -> Option<String> {
    if !text.contains("\\u") || serde_json::from_str::<serde::de::IgnoredAny>(text).is_err() {
        return None;
    }
    let b = text.as_bytes();
    let unit = |at: usize| -> Option<u32> {
        let hex = text.get(at..at + 6)?.strip_prefix("\\u")?;
        u32::from_str_radix(hex, 16).ok()
    };
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut from, mut i) = (false, 0, 0);
    while i < b.len() {
        match b[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                if let (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) =
                    (unit(i), unit(i + 6))
                {
                    let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                    out.push_str(&text[from..i]);
                    let _ = write!(out, "\\U{c:08X}");
                    i += 12;
                    from = i;
                    continue;
                }
                // Any other escape: its two characters as they are.
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&text[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str, plain: bool) -> Value {
        Value::Scalar {
            text: text.into(),
            plain,
        }
    }

    #[test]
    fn lines_and_quoting_are_kept() {
        let node = parse(
            "Description: 2025.10\nResources:\n  S3Resources:\n    - BucketArn: 'arn:aws:s3:::b'\n",
        )
        .unwrap()
        .unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].0, "Description");
        assert_eq!(entries[0].1.value, scalar("2025.10", true));
        let Value::Map(resources) = &entries[1].1.value else {
            panic!()
        };
        let Value::List(buckets) = &resources[0].1.value else {
            panic!()
        };
        assert_eq!(buckets[0].line, 4);
        let Value::Map(bucket) = &buckets[0].value else {
            panic!()
        };
        assert_eq!(bucket[0].1.value, scalar("arn:aws:s3:::b", false));
    }

    #[test]
    fn json_is_yaml_and_plain_data_only() {
        let node = parse("{\"ShippingOption\": \"NEXT_DAY\",\n \"X\": [1, 2]}")
            .unwrap()
            .unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[1].1.line, 2);
        for bad in [
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: 1\n---\nb: 2\n",
            "? [a]\n: 1\n",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse(&"[".repeat(100)).is_err());
        // JSON's surrogate pairs are its characters; a lone one is refused.
        let node = parse("{\"a\": \"\\ud83d\\ude9a \\\\ud83d\"}")
            .unwrap()
            .unwrap();
        let Value::Map(entries) = node.value else {
            panic!()
        };
        assert_eq!(entries[0].1.value, scalar("\u{1F69A} \\ud83d", false));
        assert!(parse("{\"a\": \"\\ud83d\"}").is_err());
        assert_eq!(parse("").unwrap(), None);
    }
}
