//! Fleet standards (`conform`): a team's standard for its orders, read from a
//! file and checked whole, which orders it selects, and how the standards that
//! select one order combine into one edit (or conflict). Pure: the edit itself
//! is `apply`'s merge and `add-s3-resource`'s bucket step, called by the
//! command.

use aws_sdk_snowball::types::{JobMetadata, JobType, SnowballType, TransferOption};
use serde_json::{Map, Value as Json};
use snowball_model::OrderKind;

use crate::core::checks;
use crate::core::compare;
use crate::core::patch_file::{self, PatchFile, Problems, child};
use crate::failure::{Code, Failure};
use crate::yaml::{self, Node, Value};

/// The largest standard file read.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The top-level keys of a standard, in the order they are documented.
const KEYS: &[&str] = &["Name", "Select", "Set", "Buckets"];
const SELECT_KEYS: &[&str] = &["Kind", "JobType", "SnowballType", "Description"];
const BUCKET_KEYS: &[&str] = &[
    "Bucket",
    "BeginMarker",
    "EndMarker",
    "Services",
    "TransferOption",
];
/// The on-device services a bucket goes through, as add-s3-resource names them.
pub const SERVICES: &[&str] = &["s3", "nfs"];
const KINDS: &[(&str, OrderKind)] = &[("job", OrderKind::Job), ("cluster", OrderKind::Cluster)];
const MAX_NAME: usize = 64;

/// One standard, checked.
#[derive(Debug)]
pub struct Standard {
    pub name: String,
    pub select: Select,
    /// A patch, as `apply` merges it.
    pub set: Option<PatchFile>,
    /// Buckets every selected order must hold, as add-s3-resource adds them.
    pub buckets: Vec<BucketRule>,
}

/// Which orders a standard is for: every key given must match.
#[derive(Debug, Default)]
pub struct Select {
    pub kinds: Option<Vec<OrderKind>>,
    pub job_types: Option<Vec<String>>,
    pub devices: Option<Vec<String>>,
    pub description: Option<regex::Regex>,
}

/// A bucket an order must hold, with the settings add-s3-resource takes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BucketRule {
    /// A name or an ARN, as given.
    pub bucket: String,
    pub begin_marker: Option<String>,
    pub end_marker: Option<String>,
    /// `s3`, `nfs`: each once, in the order given; empty when not given.
    pub services: Vec<String>,
    pub transfer_option: Option<String>,
}

/// Whether an order is selected, as far as what is known of it tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Selected,
    NotSelected,
    /// The list entry lacks a member a key matches on (a cluster's type and
    /// device): known once the order is read.
    Undecided,
}

/// What the selector keys match on: an order's type, device and description.
pub struct Facts<'a> {
    pub kind: OrderKind,
    pub job_type: Option<&'a str>,
    pub device: Option<&'a str>,
    pub description: Option<&'a str>,
}

impl<'a> Facts<'a> {
    /// What a list entry (JobListEntry, ClusterListEntry) says.
    pub fn of_entry(kind: OrderKind, entry: &'a Json) -> Facts<'a> {
        let text = |key: &str| entry.get(key).and_then(Json::as_str);
        Facts {
            kind,
            job_type: text("JobType"),
            device: text("SnowballType"),
            description: text("Description"),
        }
    }

    /// What the order read says (a cluster as a job holds its members).
    pub fn of_order(kind: OrderKind, job: &'a JobMetadata) -> Facts<'a> {
        Facts {
            kind,
            job_type: Some(job.job_type().map_or("", |t| t.as_str())),
            device: Some(job.snowball_type().map_or("", |t| t.as_str())),
            description: Some(job.description().unwrap_or_default()),
        }
    }
}

impl Select {
    /// Whether the keys given all match. A type or device the facts lack is
    /// undecided; a description they lack is the empty text.
    pub fn judge(&self, facts: &Facts) -> Verdict {
        if self
            .kinds
            .as_ref()
            .is_some_and(|k| !k.contains(&facts.kind))
        {
            return Verdict::NotSelected;
        }
        let mut verdict = Verdict::Selected;
        for (wanted, value) in [
            (&self.job_types, facts.job_type),
            (&self.devices, facts.device),
        ] {
            match (wanted, value) {
                (None, _) => {}
                (Some(_), None) => verdict = Verdict::Undecided,
                (Some(listed), Some(v)) if !listed.iter().any(|l| l == v) => {
                    return Verdict::NotSelected;
                }
                _ => {}
            }
        }
        if let Some(re) = &self.description
            && !re.is_match(facts.description.unwrap_or_default())
        {
            return Verdict::NotSelected;
        }
        verdict
    }

    /// Whether the standard may select clusters (so it must not set what
    /// UpdateCluster lacks).
    fn may_select_clusters(&self) -> bool {
        self.kinds
            .as_ref()
            .is_none_or(|k| k.contains(&OrderKind::Cluster))
    }
}

/// Reads and checks a standard; `source` names the file in messages. Every
/// problem is reported, in file order, with its key path and line.
pub fn parse(text: &str, source: &str) -> Result<Standard, Failure> {
    let bad = |why: String| Failure::invalid(format!("{source}: {why}; nothing was sent"));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(root) = yaml::parse(text).map_err(bad)? else {
        return Err(bad(
            "the standard is empty: give Name and Set or Buckets".into()
        ));
    };
    let Value::Map(entries) = &root.value else {
        return Err(bad(format!(
            "line {}: a standard is a map of {}",
            root.line,
            KEYS.join(", ")
        )));
    };
    let mut problems = Problems::default();
    let mut not_for_cluster = false;
    let mut name = None;
    let mut select = Select::default();
    let mut set: Option<(usize, PatchFile)> = None;
    let mut buckets: Option<(usize, Vec<BucketRule>)> = None;
    let mut seen: Vec<&str> = Vec::new();
    for (key, node) in entries {
        if seen.contains(&key.as_str()) {
            problems.add(node.line, key, "given twice");
            continue;
        }
        seen.push(key);
        match key.as_str() {
            "Name" => name = standard_name(node, &mut problems),
            "Select" => select = parse_select(node, &mut problems),
            "Set" => match &node.value {
                Value::Map(members) if !members.is_empty() => {
                    set = Some((
                        node.line,
                        patch_file::members_of(members, "Set", &mut problems),
                    ))
                }
                Value::Map(_) => problems.add(
                    node.line,
                    "Set",
                    "empty: give the UpdateJob members the orders must hold",
                ),
                _ => problems.add(
                    node.line,
                    "Set",
                    "expected a map of UpdateJob members (a patch, as apply takes)",
                ),
            },
            "Buckets" => buckets = Some((node.line, parse_buckets(node, &mut problems))),
            _ => problems.add(
                node.line,
                key,
                format!("unknown key; a standard has {}", KEYS.join(", ")),
            ),
        }
    }
    if name.is_none() && !seen.contains(&"Name") {
        problems.add(
            root.line,
            "Name",
            "required: the standard's name (1-64 of A-Z a-z 0-9 . _ -)",
        );
    }
    if set.is_none() && buckets.is_none() && !seen.contains(&"Set") && !seen.contains(&"Buckets") {
        problems.add(
            root.line,
            "",
            "a standard needs Set, Buckets or both: what the orders it selects must hold",
        );
    }
    if let (Some((_, file)), Some((line, _))) = (&set, &buckets)
        && file.members().contains_key("Resources")
    {
        problems.add(
            *line,
            "Buckets",
            "Set.Resources replaces the bucket list and Buckets keeps it: give one of them",
        );
    }
    if let Some((line, file)) = &set
        && select.may_select_clusters()
    {
        let shape = OrderKind::Cluster.request_shape();
        for member in file
            .member_names()
            .filter(|m| compare::member_shape(shape, m).is_none())
        {
            not_for_cluster = true;
            problems.add(
                *line,
                &child("Set", member),
                format!(
                    "{} has no such member, and this standard may select clusters: add `Select: {{Kind: [job]}}`",
                    OrderKind::Cluster.update_operation()
                ),
            );
        }
    }
    if !problems.is_empty() {
        let code = if not_for_cluster {
            Code::NotForCluster
        } else {
            Code::InvalidInput
        };
        let message = problems.into_result().err().unwrap_or_default();
        return Err(Failure::of(
            code,
            format!("{source}: {message}; nothing was sent"),
        ));
    }
    Ok(Standard {
        name: name.unwrap_or_default(),
        select,
        set: set.map(|(_, file)| file),
        buckets: buckets.map(|(_, b)| b).unwrap_or_default(),
    })
}

/// A scalar's text, or a problem naming what was expected. An unquoted
/// scalar YAML reads as null, a boolean or a number is refused, as in a
/// patch: it would be another text than the one meant.
fn text<'n>(node: &'n Node, path: &str, problems: &mut Problems) -> Option<&'n str> {
    match &node.value {
        Value::Scalar { text, plain } => {
            let other = plain
                .then(|| patch_file::read_as_other_than_text(text))
                .flatten();
            match other {
                None => Some(text),
                Some(what) => {
                    problems.add(
                        node.line,
                        path,
                        format!(
                            "YAML reads {} as {what}; write it in quotes ('{text}') to mean the text",
                            if text.is_empty() { "an empty value" } else { text }
                        ),
                    );
                    None
                }
            }
        }
        _ => {
            problems.add(
                node.line,
                path,
                "expected a single value, not a list or map",
            );
            None
        }
    }
}

/// A list's items (a single value or a map is a problem: lists are written
/// as lists).
fn items<'n>(node: &'n Node, path: &str, problems: &mut Problems) -> &'n [Node] {
    match &node.value {
        Value::List(items) => items,
        Value::Scalar { text, .. } => {
            problems.add(node.line, path, format!("expected a list: write [{text}]"));
            &[]
        }
        Value::Map(_) => {
            problems.add(node.line, path, "expected a list of values");
            &[]
        }
    }
}

/// One enum value, folded to the API's spelling.
fn enum_value(
    node: &Node,
    path: &str,
    values: &[&'static str],
    problems: &mut Problems,
) -> Option<&'static str> {
    let given = text(node, path, problems)?;
    let folded = checks::fold_enum(values.iter().copied(), given);
    if folded.is_none() {
        problems.add(
            node.line,
            path,
            format!(
                "{} is not one of {}",
                crate::text::quote(given),
                values.join(", ")
            ),
        );
    }
    folded
}

fn standard_name(node: &Node, problems: &mut Problems) -> Option<String> {
    let name = text(node, "Name", problems)?;
    let fits = (1..=MAX_NAME).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !fits {
        problems.add(
            node.line,
            "Name",
            format!(
                "{} is not a name: 1-64 of A-Z a-z 0-9 . _ -",
                crate::text::quote(name)
            ),
        );
        return None;
    }
    Some(name.to_string())
}

/// Enum values of a list, each folded to the API's spelling, each once.
fn enum_list(
    node: &Node,
    path: &str,
    values: &[&'static str],
    problems: &mut Problems,
) -> Vec<&'static str> {
    if matches!(&node.value, Value::List(l) if l.is_empty()) {
        problems.add(
            node.line,
            path,
            format!("empty; give one or more of {}", values.join(", ")),
        );
    }
    let mut out: Vec<&'static str> = Vec::new();
    for (i, item) in items(node, path, problems).iter().enumerate() {
        if let Some(v) = enum_value(item, &format!("{path}[{i}]"), values, problems)
            && !out.contains(&v)
        {
            out.push(v);
        }
    }
    out
}

fn parse_select(node: &Node, problems: &mut Problems) -> Select {
    let mut select = Select::default();
    let Value::Map(entries) = &node.value else {
        problems.add(
            node.line,
            "Select",
            format!("expected a map of {}", SELECT_KEYS.join(", ")),
        );
        return select;
    };
    for (key, item) in entries {
        let path = child("Select", key);
        match key.as_str() {
            "Kind" => {
                let names: Vec<&str> = KINDS.iter().map(|(n, _)| *n).collect();
                let kinds = enum_list(item, &path, &names, problems);
                select.kinds = Some(
                    KINDS
                        .iter()
                        .filter(|(n, _)| kinds.contains(n))
                        .map(|(_, k)| *k)
                        .collect(),
                );
            }
            "JobType" => {
                let listed = enum_list(item, &path, JobType::values(), problems);
                select.job_types = Some(listed.into_iter().map(String::from).collect());
            }
            "SnowballType" => {
                let listed = enum_list(item, &path, SnowballType::values(), problems);
                select.devices = Some(listed.into_iter().map(String::from).collect());
            }
            "Description" => {
                let Some(pattern) = text(item, &path, problems) else {
                    continue;
                };
                match regex::RegexBuilder::new(pattern)
                    .size_limit(1 << 20)
                    .build()
                {
                    Ok(re) => select.description = Some(re),
                    Err(e) => {
                        let why = e.to_string();
                        let why = why.lines().last().unwrap_or("").trim();
                        problems.add(
                            item.line,
                            &path,
                            format!(
                                "{} is not a regular expression ({why})",
                                crate::text::quote(pattern)
                            ),
                        )
                    }
                }
            }
            _ => problems.add(
                item.line,
                &path,
                format!("unknown key; Select has {}", SELECT_KEYS.join(", ")),
            ),
        }
    }
    select
}

fn parse_buckets(node: &Node, problems: &mut Problems) -> Vec<BucketRule> {
    let Value::List(items) = &node.value else {
        problems.add(
            node.line,
            "Buckets",
            "expected a list of buckets (- Bucket: NAME)",
        );
        return Vec::new();
    };
    if items.is_empty() {
        problems.add(node.line, "Buckets", "empty; give at least one bucket");
    }
    let mut rules: Vec<BucketRule> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("Buckets[{i}]");
        let Value::Map(entries) = &item.value else {
            problems.add(
                item.line,
                &at,
                format!("expected a map of {}", BUCKET_KEYS.join(", ")),
            );
            continue;
        };
        let mut rule = BucketRule::default();
        for (key, value) in entries {
            let path = child(&at, key);
            match key.as_str() {
                "Bucket" => {
                    if let Some(given) = text(value, &path, problems) {
                        match checks::bucket_arn(given, "aws") {
                            Ok(_) => rule.bucket = given.to_string(),
                            Err(e) => problems.add(value.line, &path, e),
                        }
                    }
                }
                "BeginMarker" => rule.begin_marker = text(value, &path, problems).map(String::from),
                "EndMarker" => rule.end_marker = text(value, &path, problems).map(String::from),
                "Services" => {
                    rule.services = enum_list(value, &path, SERVICES, problems)
                        .into_iter()
                        .map(String::from)
                        .collect()
                }
                "TransferOption" => {
                    rule.transfer_option =
                        enum_value(value, &path, TransferOption::values(), problems)
                            .map(String::from)
                }
                _ => problems.add(
                    value.line,
                    &path,
                    format!("unknown key; a bucket has {}", BUCKET_KEYS.join(", ")),
                ),
            }
        }
        if !entries.iter().any(|(k, _)| k == "Bucket") {
            problems.add(
                item.line,
                &child(&at, "Bucket"),
                "required: the bucket's name or ARN",
            );
            continue;
        }
        if let Err(e) =
            checks::key_range_order(rule.begin_marker.as_deref(), rule.end_marker.as_deref())
        {
            problems.add(item.line, &at, e);
        }
        if !rule.bucket.is_empty()
            && let Some(j) = rules
                .iter()
                .position(|r| same_bucket(&r.bucket, &rule.bucket))
        {
            problems.add(
                item.line,
                &at,
                format!("the bucket of Buckets[{j}] again: give each bucket once"),
            );
        }
        rules.push(rule);
    }
    rules
}

/// Whether two buckets as given name the same bucket (a name and its ARN).
fn same_bucket(a: &str, b: &str) -> bool {
    let name = |s: &str| s.rsplit(':').next().unwrap_or(s).to_string();
    name(a) == name(b)
}

/// What the standards that select one order ask of it, together.
#[derive(Debug, Default)]
pub struct Combined {
    pub set: Option<PatchFile>,
    pub buckets: Vec<BucketRule>,
}

/// The standards selecting one order, in command-line order, as one edit:
/// their `Set`s merged member by member and their buckets joined. Two that
/// give one member (or one bucket's setting) different values conflict.
pub fn combine(standards: &[&Standard]) -> Result<Combined, Failure> {
    let conflict = |a: &Standard, b: &Standard, what: String| {
        Failure::of(
            Code::StandardsConflict,
            format!(
                "standards {} and {} disagree on {what}; nothing was sent for it. Make them agree, or select this order with one of them",
                crate::text::quote(&a.name),
                crate::text::quote(&b.name)
            ),
        )
    };
    for (i, a) in standards.iter().enumerate() {
        for b in &standards[i + 1..] {
            if let (Some(sa), Some(sb)) = (&a.set, &b.set)
                && let Some(path) = clash(
                    &Json::Object(sa.members().clone()),
                    &Json::Object(sb.members().clone()),
                    "",
                )
            {
                return Err(conflict(a, b, path));
            }
            let resources = |s: &Standard| {
                s.set
                    .as_ref()
                    .is_some_and(|f| f.members().contains_key("Resources"))
            };
            if (resources(a) && !b.buckets.is_empty()) || (resources(b) && !a.buckets.is_empty()) {
                return Err(conflict(
                    a,
                    b,
                    "Resources (one sets Resources, replacing the bucket list; the other's Buckets keep it)".into(),
                ));
            }
            for ra in &a.buckets {
                for rb in b
                    .buckets
                    .iter()
                    .filter(|rb| same_bucket(&ra.bucket, &rb.bucket))
                {
                    if let Some(setting) = bucket_clash(ra, rb) {
                        return Err(conflict(
                            a,
                            b,
                            format!("bucket {}'s {setting}", crate::text::quote(&ra.bucket)),
                        ));
                    }
                }
            }
        }
    }
    let mut members = Map::new();
    let mut any_set = false;
    let mut buckets: Vec<BucketRule> = Vec::new();
    for s in standards {
        if let Some(file) = &s.set {
            any_set = true;
            for (key, value) in file.members() {
                let merged = match members.remove(key) {
                    Some(current) => deep_merge(current, value),
                    None => value.clone(),
                };
                members.insert(key.clone(), merged);
            }
        }
        for rule in &s.buckets {
            match buckets
                .iter_mut()
                .find(|r| same_bucket(&r.bucket, &rule.bucket))
            {
                Some(held) => {
                    held.begin_marker = held.begin_marker.take().or(rule.begin_marker.clone());
                    held.end_marker = held.end_marker.take().or(rule.end_marker.clone());
                    held.transfer_option =
                        held.transfer_option.take().or(rule.transfer_option.clone());
                    if held.services.is_empty() {
                        held.services = rule.services.clone();
                    }
                }
                None => buckets.push(rule.clone()),
            }
        }
    }
    Ok(Combined {
        set: any_set.then(|| PatchFile::from_members(members)),
        buckets,
    })
}

/// Where two members' values disagree, compared as a patch merges them:
/// maps key by key, anything else (lists included) whole.
fn clash(a: &Json, b: &Json, path: &str) -> Option<String> {
    match (a, b) {
        (Json::Object(a), Json::Object(b)) => a.iter().find_map(|(key, va)| {
            let vb = b.get(key)?;
            clash(va, vb, &child(path, key))
        }),
        _ if a == b => None,
        _ => Some(format!("Set.{path}")),
    }
}

/// Maps merged key by key; anything else is the later value.
fn deep_merge(base: Json, over: &Json) -> Json {
    match (base, over) {
        (Json::Object(mut base), Json::Object(over)) => {
            for (key, value) in over {
                let merged = match base.remove(key) {
                    Some(current) => deep_merge(current, value),
                    None => value.clone(),
                };
                base.insert(key.clone(), merged);
            }
            Json::Object(base)
        }
        (_, over) => over.clone(),
    }
}

/// The setting two rules for one bucket give different values.
fn bucket_clash(a: &BucketRule, b: &BucketRule) -> Option<&'static str> {
    let differ = |x: &Option<String>, y: &Option<String>| x.is_some() && y.is_some() && x != y;
    if differ(&a.begin_marker, &b.begin_marker) {
        return Some("BeginMarker");
    }
    if differ(&a.end_marker, &b.end_marker) {
        return Some("EndMarker");
    }
    if differ(&a.transfer_option, &b.transfer_option) {
        return Some("TransferOption");
    }
    if !a.services.is_empty() && !b.services.is_empty() && a.services != b.services {
        return Some("Services");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standard(text: &str) -> Standard {
        parse(text, "std.yaml").unwrap()
    }

    fn refused(text: &str) -> Failure {
        parse(text, "std.yaml").unwrap_err()
    }

    #[test]
    fn every_problem_is_named_with_its_path_and_line() {
        let e = refused(
            "Name: x\nSelect:\n  JobType: [IMPRT]\n  Description: '(['\nSet:\n  ShippingOption: WARP\nColour: blue\n",
        );
        assert_eq!(e.exit_code(), 2);
        for needle in [
            "std.yaml: 4 problems",
            "line 3: Select.JobType[0]: 'IMPRT' is not one of",
            "line 4: Select.Description:",
            "line 6: Set.ShippingOption:",
            "line 7: Colour: unknown key",
        ] {
            assert!(e.message.contains(needle), "{needle}: {}", e.message);
        }
    }

    #[test]
    fn values_yaml_reads_otherwise_and_single_values_for_lists_are_refused() {
        for (text, needle) in [
            (
                "Name: x\nSelect: {Description: null}\nSet: {Description: y}\n",
                "YAML reads null as null",
            ),
            (
                "Name: x\nSelect: {Description: true}\nSet: {Description: y}\n",
                "as a boolean",
            ),
            (
                "Name: x\nBuckets: [{Bucket: abc, BeginMarker: 2025}]\n",
                "write it in quotes ('2025')",
            ),
            (
                "Name: x\nSelect: {JobType: IMPORT}\nSet: {Description: y}\n",
                "write [IMPORT]",
            ),
            (
                "Name: x\nBuckets: [{Bucket: abc, TransferOption: [import]}]\n",
                "TransferOption: expected a single value",
            ),
            ("Name: x\nSelect: {Kind: [job]}\nSet: {}\n", "Set: empty"),
        ] {
            let e = refused(text);
            assert!(e.message.contains(needle), "{needle}: {}", e.message);
        }
        standard(
            "Name: x\nSelect: {Description: 'null'}\nBuckets: [{Bucket: abc, BeginMarker: '2025', TransferOption: import}]\n",
        );
    }

    #[test]
    fn name_and_what_to_set_are_required() {
        let e = refused("Select: {Kind: [job]}\n");
        assert!(e.message.contains("Name: required"), "{}", e.message);
        assert!(e.message.contains("needs Set, Buckets"), "{}", e.message);
        let e = refused("Name: 'a b'\nSet: {ShippingOption: NEXT_DAY}\n");
        assert!(e.message.contains("is not a name"), "{}", e.message);
    }

    #[test]
    fn set_resources_with_buckets_is_refused_naming_both() {
        let e = refused(
            "Name: x\nSelect: {Kind: [job]}\nSet:\n  Resources: {S3Resources: [{BucketArn: 'arn:aws:s3:::a'}]}\nBuckets:\n  - Bucket: b\n",
        );
        assert!(
            e.message.contains("Set.Resources") && e.message.contains("Buckets"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_member_clusters_lack_needs_select_kind_job() {
        let e = refused("Name: x\nSet: {SnowballCapacityPreference: T240}\n");
        assert_eq!(e.code, "NotForCluster");
        assert!(e.message.contains("Kind: [job]"), "{}", e.message);
        standard("Name: x\nSelect: {Kind: [job]}\nSet: {SnowballCapacityPreference: T240}\n");
    }

    #[test]
    fn selection_matches_every_key_given() {
        let s = standard(
            "Name: x\nSelect: {Kind: [job], JobType: [import], SnowballType: [V3_5S], Description: '^media/'}\nSet: {ShippingOption: next-day}\n",
        );
        let facts = |kind, t: Option<&'static str>, d: Option<&'static str>, text| Facts {
            kind,
            job_type: t,
            device: d,
            description: text,
        };
        let job = OrderKind::Job;
        assert_eq!(
            s.select
                .judge(&facts(job, Some("IMPORT"), Some("V3_5S"), Some("media/x"))),
            Verdict::Selected
        );
        for (t, d, text) in [
            (Some("EXPORT"), Some("V3_5S"), Some("media/x")),
            (Some("IMPORT"), Some("V3_5C"), Some("media/x")),
            (Some("IMPORT"), Some("V3_5S"), Some("x media/")),
            (Some("IMPORT"), Some("V3_5S"), None),
        ] {
            assert_eq!(
                s.select.judge(&facts(job, t, d, text)),
                Verdict::NotSelected
            );
        }
        assert_eq!(
            s.select
                .judge(&facts(OrderKind::Cluster, None, None, Some("media/x"))),
            Verdict::NotSelected
        );
        assert_eq!(
            s.select.judge(&facts(job, None, None, Some("media/x"))),
            Verdict::Undecided
        );
    }

    #[test]
    fn standards_combine_member_by_member_and_conflict_on_a_value() {
        let a = standard(
            "Name: a\nSet: {Notification: {SnsTopicARN: 'arn:aws:sns:us-east-1:123456789012:t'}}\n",
        );
        let b = standard("Name: b\nSet: {Notification: {NotifyAll: true}}\n");
        let c = standard("Name: c\nSet: {Notification: {NotifyAll: false}}\n");
        let both = combine(&[&a, &b]).unwrap().set.unwrap();
        assert_eq!(
            both.members()["Notification"],
            serde_json::json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t", "NotifyAll": true})
        );
        assert!(combine(&[&b, &b]).is_ok(), "equal values agree");
        let e = combine(&[&a, &b, &c]).unwrap_err();
        assert_eq!((e.code.as_str(), e.exit_code()), ("StandardsConflict", 2));
        assert!(
            e.message.contains("'b' and 'c'") && e.message.contains("Set.Notification.NotifyAll"),
            "{}",
            e.message
        );
    }

    #[test]
    fn buckets_join_and_conflict_on_a_setting() {
        let a = standard("Name: a\nBuckets: [{Bucket: audit, Services: [s3]}]\n");
        let b = standard("Name: b\nBuckets: [{Bucket: 'arn:aws:s3:::audit', EndMarker: z}]\n");
        let c = standard("Name: c\nBuckets: [{Bucket: audit, Services: [nfs]}]\n");
        let joined = combine(&[&a, &b]).unwrap().buckets;
        assert_eq!(joined.len(), 1);
        assert_eq!(joined[0].services, ["s3"]);
        assert_eq!(joined[0].end_marker.as_deref(), Some("z"));
        let e = combine(&[&a, &c]).unwrap_err();
        assert!(e.message.contains("Services"), "{}", e.message);
        let r = standard(
            "Name: r\nSelect: {Kind: [job]}\nSet: {Resources: {S3Resources: [{BucketArn: 'arn:aws:s3:::x'}]}}\n",
        );
        let e = combine(&[&r, &a]).unwrap_err();
        assert!(e.message.contains("Resources"), "{}", e.message);
    }
}
