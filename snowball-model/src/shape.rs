//! The Snowball service model (botocore's `snowball/2016-06-30`, documentation
//! stripped) and the walk that checks a value against one of its shapes, naming
//! the member path of whatever fails. The endpoint decodes requests with it and
//! encodes replies; snowjob checks every request it would send.

use std::collections::HashMap;
use std::sync::OnceLock;

use fancy_regex::Regex;
use serde_json::{Map, Value as Json};

/// A decoded request value, whichever protocol carried it (CBOR or JSON).
#[derive(Debug, Clone, PartialEq)]
pub enum Wire {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Text(String),
    Bytes(Vec<u8>),
    List(Vec<Wire>),
    Map(Vec<(String, Wire)>),
    Tag(u64, Box<Wire>),
}

impl Wire {
    /// A JSON value as the awsJson protocol carries it.
    pub fn from_json(value: Json) -> Wire {
        match value {
            Json::Null => Wire::Null,
            Json::Bool(b) => Wire::Bool(b),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Wire::Int(i.into()),
                None => match n.as_u64() {
                    Some(u) => Wire::Int(u.into()),
                    None => Wire::Float(n.as_f64().unwrap_or(f64::NAN)),
                },
            },
            Json::String(s) => Wire::Text(s),
            Json::Array(items) => Wire::List(items.into_iter().map(Wire::from_json).collect()),
            Json::Object(map) => Wire::Map(
                map.into_iter()
                    .map(|(k, v)| (k, Wire::from_json(v)))
                    .collect(),
            ),
        }
    }
}

const MODEL_JSON: &str = include_str!("../model/snowball-2016-06-30.json");

pub struct Model {
    shapes: HashMap<String, Shape>,
    operations: HashMap<String, Operation>,
    /// Shapes the model marks `sensitive` (never to be logged).
    sensitive: Vec<String>,
}

pub struct Operation {
    pub input: String,
    pub output: Option<String>,
}

pub enum Shape {
    Structure {
        members: Vec<(String, String)>,
        required: Vec<String>,
    },
    List {
        member: String,
        min: Option<f64>,
        max: Option<f64>,
    },
    String {
        min: Option<f64>,
        max: Option<f64>,
        pattern: Option<(String, Pattern)>,
        allowed: Option<Vec<String>>,
    },
    Integer {
        min: Option<f64>,
        max: Option<f64>,
        bits: u32,
    },
    Double {
        min: Option<f64>,
        max: Option<f64>,
    },
    Boolean,
    Timestamp,
}

/// A model pattern's regex, compiled the first time a value is checked
/// against it: compiling every pattern of the model when it is read cost
/// every command a few milliseconds, `--version` included, though most check
/// no value at all. (A test compiles them all.)
pub struct Pattern {
    ecma: String,
    compiled: OnceLock<Result<Regex, String>>,
}

impl Pattern {
    fn new(source: &str) -> Pattern {
        Pattern {
            ecma: ecma(source),
            compiled: OnceLock::new(),
        }
    }

    /// The regex, or why it does not compile.
    fn regex(&self) -> Result<&Regex, &str> {
        self.compiled
            .get_or_init(|| Regex::new(&self.ecma).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether `text` matches (a pattern that does not compile matches nothing).
    pub fn is_match(&self, text: &str) -> bool {
        self.regex()
            .is_ok_and(|regex| regex.is_match(text).unwrap_or(false))
    }
}

/// A member that fails the model, with its path (`Resources.S3Resources[1].BucketArn`).
#[derive(Debug, Clone, PartialEq)]
pub struct Invalid {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// How lenient decoding is: seed files may write timestamps as RFC 3339 text.
#[derive(Clone, Copy, Default)]
pub struct DecodeOptions {
    pub text_timestamps: bool,
}

pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(MODEL_JSON).expect("embedded service model is valid"))
}

fn child(path: &str, member: &str) -> String {
    if path.is_empty() {
        member.to_string()
    } else {
        format!("{path}.{member}")
    }
}

fn invalid(path: &str, message: impl Into<String>) -> Invalid {
    Invalid {
        path: path.to_string(),
        message: message.into(),
    }
}

impl Model {
    fn parse(text: &str) -> Result<Model, String> {
        let doc: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut shapes = HashMap::new();
        let mut sensitive = Vec::new();
        for (name, def) in doc["shapes"].as_object().ok_or("no shapes")? {
            shapes.insert(name.clone(), Shape::parse(def)?);
            if def["sensitive"] == Json::Bool(true) {
                sensitive.push(name.clone());
            }
        }
        let mut operations = HashMap::new();
        for (name, def) in doc["operations"].as_object().ok_or("no operations")? {
            let shape_of = |key: &str| def[key]["shape"].as_str().map(str::to_string);
            operations.insert(
                name.clone(),
                Operation {
                    input: shape_of("input").ok_or("operation without input")?,
                    output: shape_of("output"),
                },
            );
        }
        Ok(Model {
            shapes,
            operations,
            sensitive,
        })
    }

    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operations.get(name)
    }

    /// A shape by name; the model's own references always resolve.
    pub fn shape(&self, name: &str) -> &Shape {
        &self.shapes[name]
    }

    /// Members whose values the model marks sensitive, as (the member that
    /// holds the structure, the member): `("PickupDetails", "Email")`.
    pub fn sensitive_members(&self) -> Vec<(&str, &str)> {
        let mut pairs = Vec::new();
        for shape in self.shapes.values() {
            let Shape::Structure { members, .. } = shape else {
                continue;
            };
            for (holder, inner) in members {
                let Some(Shape::Structure {
                    members: fields, ..
                }) = self.shapes.get(inner)
                else {
                    continue;
                };
                for (field, field_shape) in fields {
                    let pair = (holder.as_str(), field.as_str());
                    if self.sensitive.contains(field_shape) && !pairs.contains(&pair) {
                        pairs.push(pair);
                    }
                }
            }
        }
        pairs.sort();
        pairs
    }

    /// Every shape's name, for walks over the whole model (tests).
    pub fn shape_names(&self) -> impl Iterator<Item = &str> {
        self.shapes.keys().map(String::as_str)
    }

    /// Checks `value` against shape `name` and turns it into the stored JSON form
    /// (API member names, timestamps as epoch seconds).
    pub fn decode(&self, name: &str, value: &Wire, opts: DecodeOptions) -> Result<Json, Invalid> {
        self.decode_at(name, value, "", opts)
    }

    fn decode_at(
        &self,
        name: &str,
        value: &Wire,
        path: &str,
        opts: DecodeOptions,
    ) -> Result<Json, Invalid> {
        match (self.shape(name), value) {
            (Shape::Structure { members, required }, Wire::Map(entries)) => {
                let mut out = Map::new();
                for (key, item) in entries {
                    let Some((_, member_shape)) = members.iter().find(|(m, _)| m == key) else {
                        return Err(invalid(&child(path, key), "unknown member"));
                    };
                    if matches!(item, Wire::Null) {
                        continue;
                    }
                    if out.contains_key(key) {
                        return Err(invalid(&child(path, key), "member given twice"));
                    }
                    let decoded = self.decode_at(member_shape, item, &child(path, key), opts)?;
                    out.insert(key.clone(), decoded);
                }
                if let Some(missing) = required.iter().find(|r| !out.contains_key(*r)) {
                    return Err(invalid(&child(path, missing), "member must not be null"));
                }
                Ok(Json::Object(out))
            }
            (Shape::List { member, min, max }, Wire::List(items)) => {
                check_range(path, items.len() as f64, *min, *max, "length")?;
                items
                    .iter()
                    .enumerate()
                    .filter(|(_, item)| !matches!(item, Wire::Null))
                    .map(|(i, item)| self.decode_at(member, item, &format!("{path}[{i}]"), opts))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Json::Array)
            }
            (
                Shape::String {
                    min,
                    max,
                    pattern,
                    allowed,
                },
                Wire::Text(text),
            ) => {
                // A sensitive value is never echoed, not even in part.
                let shown = || {
                    if self.sensitive.iter().any(|s| s == name) {
                        "the value (not shown)".to_string()
                    } else {
                        quoted(text)
                    }
                };
                if let Some(allowed) = allowed
                    && !allowed.iter().any(|a| a == text)
                {
                    return Err(invalid(
                        path,
                        format!("{} is not one of: {}", shown(), allowed.join(", ")),
                    ));
                }
                check_range(path, text.chars().count() as f64, *min, *max, "length")?;
                if let Some((source, pattern)) = pattern
                    && !pattern.is_match(text)
                {
                    return Err(invalid(
                        path,
                        format!("{} does not satisfy the pattern {source}", shown()),
                    ));
                }
                Ok(Json::String(text.clone()))
            }
            (Shape::Integer { min, max, bits }, Wire::Int(n)) => {
                let limit = 1i128 << (bits - 1);
                if *n < -limit || *n >= limit {
                    return Err(invalid(
                        path,
                        format!("{n} does not fit a {bits}-bit integer"),
                    ));
                }
                check_range(path, *n as f64, *min, *max, "value")?;
                Ok(Json::from(*n as i64))
            }
            (Shape::Double { min, max }, Wire::Int(n)) => {
                check_range(path, *n as f64, *min, *max, "value")?;
                Ok(Json::from(*n as f64))
            }
            (Shape::Double { min, max }, Wire::Float(x)) if x.is_finite() => {
                check_range(path, *x, *min, *max, "value")?;
                Ok(Json::from(*x))
            }
            (Shape::Boolean, Wire::Bool(b)) => Ok(Json::Bool(*b)),
            (Shape::Timestamp, wire) => decode_timestamp(wire, opts)
                .map(Json::from)
                .ok_or_else(|| invalid(path, "expected a timestamp (epoch seconds)")),
            (shape, _) => Err(invalid(path, format!("expected {}", shape.kind()))),
        }
    }

    /// Encodes a stored value of shape `name` for a CBOR reply; members not in the
    /// model (bookkeeping) are left out.
    pub fn encode_cbor(&self, name: &str, value: &Json) -> ciborium::Value {
        use ciborium::Value as C;
        match (self.shape(name), value) {
            (Shape::Structure { members, .. }, Json::Object(map)) => C::Map(
                members
                    .iter()
                    .filter_map(|(m, shape)| {
                        map.get(m)
                            .map(|v| (C::Text(m.clone()), self.encode_cbor(shape, v)))
                    })
                    .collect(),
            ),
            (Shape::List { member, .. }, Json::Array(items)) => {
                C::Array(items.iter().map(|v| self.encode_cbor(member, v)).collect())
            }
            (Shape::Timestamp, v) => C::Tag(1, Box::new(C::Float(v.as_f64().unwrap_or(0.0)))),
            (Shape::Double { .. }, v) => C::Float(v.as_f64().unwrap_or(0.0)),
            (Shape::Integer { .. }, v) => C::Integer(v.as_i64().unwrap_or(0).into()),
            (Shape::Boolean, v) => C::Bool(v.as_bool().unwrap_or(false)),
            (_, Json::String(s)) => C::Text(s.clone()),
            (_, _) => C::Null,
        }
    }

    /// Encodes a stored value for an awsJson1_1 reply (timestamps stay epoch seconds).
    pub fn encode_json(&self, name: &str, value: &Json) -> Json {
        match (self.shape(name), value) {
            (Shape::Structure { members, .. }, Json::Object(map)) => Json::Object(
                members
                    .iter()
                    .filter_map(|(m, shape)| {
                        map.get(m).map(|v| (m.clone(), self.encode_json(shape, v)))
                    })
                    .collect(),
            ),
            (Shape::List { member, .. }, Json::Array(items)) => {
                Json::Array(items.iter().map(|v| self.encode_json(member, v)).collect())
            }
            (_, v) => v.clone(),
        }
    }
}

/// A value quoted in a message: at most 200 characters of it.
fn quoted(text: &str) -> String {
    const MAX: usize = 200;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("'{}…'", &text[..cut]),
        None => format!("'{text}'"),
    }
}

fn check_range(
    path: &str,
    n: f64,
    min: Option<f64>,
    max: Option<f64>,
    what: &str,
) -> Result<(), Invalid> {
    if let Some(min) = min.filter(|m| n < *m) {
        return Err(invalid(
            path,
            format!("{what} {n} is below the minimum {min}"),
        ));
    }
    if let Some(max) = max.filter(|m| n > *m) {
        return Err(invalid(
            path,
            format!("{what} {n} is above the maximum {max}"),
        ));
    }
    Ok(())
}

fn decode_timestamp(wire: &Wire, opts: DecodeOptions) -> Option<f64> {
    let seconds = |w: &Wire| match w {
        Wire::Int(n) => Some(*n as f64),
        Wire::Float(x) if x.is_finite() => Some(*x),
        _ => None,
    };
    match wire {
        Wire::Tag(1, inner) => seconds(inner),
        Wire::Text(text) if opts.text_timestamps => parse_rfc3339(text),
        // awsJson1_1 sends epoch seconds as a plain number.
        other => seconds(other),
    }
}

/// RFC 3339 (`2030-01-31T00:00:00Z`, fractions and offsets allowed) as epoch
/// seconds; times before 1970 too, since the model sets no lower bound.
pub fn parse_rfc3339(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &text[19..];
    let mut fraction = 0.0;
    if let Some(after) = rest.strip_prefix('.') {
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        fraction = format!("0.{}", &after[..digits]).parse().ok()?;
        rest = &after[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let (h, m) = (
                rest.get(1..3)?.parse::<i64>().ok()?,
                rest.get(4..6)?.parse::<i64>().ok()?,
            );
            if rest.len() != 6 || &rest[3..4] != ":" || h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    // Days from 1970-01-01 to the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset;
    Some(seconds as f64 + fraction)
}

/// A model pattern (ECMA-262, as Smithy defines them) in the regex dialect:
/// `\d` and `\w` are ASCII there, and `.` stops at every line terminator.
fn ecma(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') if in_class => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('D') if !in_class => out.push_str("[^0-9]"),
                Some('w') if in_class => out.push_str("A-Za-z0-9_"),
                Some('w') => out.push_str("[A-Za-z0-9_]"),
                Some('W') if !in_class => out.push_str("[^A-Za-z0-9_]"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' if !in_class => {
                in_class = true;
                out.push(c);
                // A leading `]` or `^]` is a literal, not the class's end.
                if chars.as_str().starts_with("^]") {
                    out.push_str("^]");
                    chars.nth(1);
                } else if chars.as_str().starts_with(']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(c);
            }
            '.' if !in_class => out.push_str("[^\\n\\r\\u{2028}\\u{2029}]"),
            _ => out.push(c),
        }
    }
    out
}

impl Shape {
    fn parse(def: &Json) -> Result<Shape, String> {
        let num = |key: &str| def[key].as_f64();
        Ok(match def["type"].as_str().unwrap_or_default() {
            "structure" => Shape::Structure {
                members: def["members"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .map(|(k, v)| {
                                (
                                    k.clone(),
                                    v["shape"].as_str().unwrap_or_default().to_string(),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                required: strings(&def["required"]).unwrap_or_default(),
            },
            "list" => Shape::List {
                member: def["member"]["shape"]
                    .as_str()
                    .ok_or("list without member")?
                    .to_string(),
                min: num("min"),
                max: num("max"),
            },
            "string" => Shape::String {
                min: num("min"),
                max: num("max"),
                pattern: def["pattern"]
                    .as_str()
                    .map(|p| (p.to_string(), Pattern::new(p))),
                allowed: strings(&def["enum"]),
            },
            "integer" => Shape::Integer {
                min: num("min"),
                max: num("max"),
                bits: 32,
            },
            "long" => Shape::Integer {
                min: num("min"),
                max: num("max"),
                bits: 64,
            },
            "double" | "float" => Shape::Double {
                min: num("min"),
                max: num("max"),
            },
            "boolean" => Shape::Boolean,
            "timestamp" => Shape::Timestamp,
            other => return Err(format!("unsupported shape type {other}")),
        })
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Shape::Structure { .. } => "a structure",
            Shape::List { .. } => "a list",
            Shape::String { .. } => "a string",
            Shape::Integer { .. } => "an integer",
            Shape::Double { .. } => "a number",
            Shape::Boolean => "a boolean",
            Shape::Timestamp => "a timestamp",
        }
    }
}

fn strings(v: &Json) -> Option<Vec<String>> {
    v.as_array().map(|a| {
        a.iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(entries: Vec<(&str, Wire)>) -> Wire {
        Wire::Map(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }

    #[test]
    fn every_pattern_of_the_model_compiles() {
        let mut patterns = 0;
        for (name, shape) in &model().shapes {
            if let Shape::String {
                pattern: Some((source, pattern)),
                ..
            } = shape
            {
                assert!(
                    pattern.regex().is_ok(),
                    "{name}: pattern {source}: {:?}",
                    pattern.regex().err()
                );
                patterns += 1;
            }
        }
        assert!(patterns > 10, "{patterns}");
    }

    #[test]
    fn every_operation_names_known_shapes() {
        let m = model();
        for op in [
            "CreateJob",
            "DescribeJob",
            "UpdateJob",
            "ListJobs",
            "CancelJob",
            "CreateAddress",
            "DescribeAddress",
            "DescribeAddresses",
        ] {
            let op = m.operation(op).unwrap();
            assert!(m.shapes.contains_key(&op.input));
        }
    }

    #[test]
    fn nested_bad_arn_is_named_by_path() {
        let input = map(vec![
            (
                "JobId",
                Wire::Text("JID123e4567-e89b-12d3-a456-426655440000".into()),
            ),
            (
                "Resources",
                map(vec![(
                    "S3Resources",
                    Wire::List(vec![
                        map(vec![("BucketArn", Wire::Text("arn:aws:s3:::ok".into()))]),
                        map(vec![("BucketArn", Wire::Text("bucket".into()))]),
                    ]),
                )]),
            ),
        ]);
        let err = model()
            .decode("UpdateJobRequest", &input, DecodeOptions::default())
            .unwrap_err();
        assert_eq!(err.path, "Resources.S3Resources[1].BucketArn");
    }

    #[test]
    fn unknown_member_missing_required_and_enum_are_rejected() {
        let m = model();
        let o = DecodeOptions::default();
        let err = m.decode("DescribeJobRequest", &map(vec![]), o).unwrap_err();
        assert_eq!(err.path, "JobId");
        let err = m
            .decode("ListJobsRequest", &map(vec![("Bogus", Wire::Int(1))]), o)
            .unwrap_err();
        assert_eq!(err.path, "Bogus");
        let err = m
            .decode(
                "ListJobsRequest",
                &map(vec![("MaxResults", Wire::Int(101))]),
                o,
            )
            .unwrap_err();
        assert_eq!(err.path, "MaxResults");
        let err = m
            .decode(
                "UpdateJobRequest",
                &map(vec![
                    (
                        "JobId",
                        Wire::Text("JID123e4567-e89b-12d3-a456-426655440000".into()),
                    ),
                    ("ShippingOption", Wire::Text("WARP".into())),
                ]),
                o,
            )
            .unwrap_err();
        assert_eq!(err.path, "ShippingOption");
    }

    #[test]
    fn patterns_mean_what_they_mean_in_ecma_262() {
        let m = model();
        let phone = |p: &str| map(vec![("PhoneNumber", Wire::Text(p.into()))]);
        let o = DecodeOptions::default();
        assert!(
            m.decode("PickupDetails", &phone("+1 206 555 0100"), o)
                .is_ok()
        );
        // Arabic-Indic digits are digits to Unicode, not to ECMA-262's \d.
        assert!(m.decode("PickupDetails", &phone("٢٠٦٥٥٥٠١٠٠"), o).is_err());
        let email = |e: &str| map(vec![("Email", Wire::Text(e.into()))]);
        assert!(m.decode("PickupDetails", &email("a@b.co"), o).is_ok());
        assert!(m.decode("PickupDetails", &email("a\r@b.co"), o).is_err());
        assert_eq!(ecma(r"[\d.]\d.x"), r"[0-9.][0-9][^\n\r\u{2028}\u{2029}]x");
        assert_eq!(parse_rfc3339("1969-12-31T23:59:59Z"), Some(-1.0));
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_rfc3339("2030-01-01T00:00:00Z"), Some(1_893_456_000.0));
        assert_eq!(
            parse_rfc3339("2030-01-01T14:00:00+14:00"),
            Some(1_893_456_000.0)
        );
        assert_eq!(
            parse_rfc3339("2026-11-25T06:30:43.5Z"),
            Some(1_795_588_243.5)
        );
        for bad in [
            "2030-13-01T00:00:00Z",
            "2030-01-01",
            "2030-01-01T00:00:00",
            "x030-01-01T00:00:00Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn sensitive_members_come_from_the_model() {
        assert_eq!(
            model().sensitive_members(),
            [("PickupDetails", "Email"), ("PickupDetails", "PhoneNumber")]
        );
    }

    #[test]
    fn email_pattern_with_lookahead_is_enforced() {
        let m = model();
        let pickup = |email: &str| map(vec![("Email", Wire::Text(email.into()))]);
        assert!(
            m.decode("PickupDetails", &pickup("a@b.co"), DecodeOptions::default())
                .is_ok()
        );
        assert!(
            m.decode("PickupDetails", &pickup("nope"), DecodeOptions::default())
                .is_err()
        );
    }

    #[test]
    fn timestamps_round_trip_as_cbor_tag_1() {
        let m = model();
        let job = map(vec![(
            "CreationDate",
            Wire::Tag(1, Box::new(Wire::Float(1.7e9))),
        )]);
        let stored = m
            .decode("JobMetadata", &job, DecodeOptions::default())
            .unwrap();
        let cbor = m.encode_cbor("JobMetadata", &stored);
        let ciborium::Value::Map(entries) = cbor else {
            panic!()
        };
        assert!(matches!(entries[0].1, ciborium::Value::Tag(1, _)));
    }
}
