//! The one place that knows the YAML libraries: serde_yaml writes YAML, and
//! saphyr's parser reads patch and editor files into a tree that keeps each
//! value's line and whether a scalar was quoted, so that errors can name their
//! line and `2025.10` is never silently read as the number 2025.1.

use saphyr_parser::{Event, Parser, ScalarStyle};
use serde::Serialize;

pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|e| format!("# could not render YAML: {e}\n"))
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
        assert_eq!(parse("").unwrap(), None);
    }
}
