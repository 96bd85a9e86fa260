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
        pattern: Option<(String, Regex)>,
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
                if let Some(allowed) = allowed
                    && !allowed.iter().any(|a| a == text)
                {
                    return Err(invalid(
                        path,
                        format!("{} is not one of: {}", quoted(text), allowed.join(", ")),
                    ));
                }
                check_range(path, text.chars().count() as f64, *min, *max, "length")?;
                if let Some((source, regex)) = pattern
                    && !regex.is_match(text).unwrap_or(false)
                {
                    return Err(invalid(
                        path,
                        format!("{} does not satisfy the pattern {source}", quoted(text)),
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

pub fn parse_rfc3339(text: &str) -> Option<f64> {
    let time = humantime::parse_rfc3339_weak(text).ok()?;
    let since = time.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(since.as_secs_f64())
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
                pattern: match def["pattern"].as_str() {
                    Some(p) => Some((
                        p.to_string(),
                        Regex::new(p).map_err(|e| format!("pattern {p}: {e}"))?,
                    )),
                    None => None,
                },
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
