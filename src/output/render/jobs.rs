//! `show` and `list`: jobs as tables, text lines or documents, and the edit
//! window left.

use super::*;

/// "~37 min left" for a New job, from its CreationDate; said as an estimate.
/// A cluster's (`ClusterState` AwaitingQuorum) is counted the same way.
pub fn edit_window(job: &Json, now: f64) -> String {
    if field(job, "JobState") != "New" && field(job, "ClusterState") != "AwaitingQuorum" {
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

/// What a person's table shows beside the orders' own members.
#[derive(Default)]
pub struct Looked {
    /// A cluster's node jobs (JobListEntry), by cluster ID.
    pub nodes: std::collections::HashMap<String, Vec<Json>>,
    /// An address's name, city and country, by address ID.
    pub addresses: std::collections::HashMap<String, String>,
}

/// `show`: an array of JobMetadata (a cluster's ClusterMetadata), a table per
/// order (a cluster's lists its node jobs; addresses are named), or a line
/// per order.
pub fn jobs(jobs: &[Json], looked: &Looked, format: Format, style: &Style, now: f64) -> String {
    if let Some(out) = machine(&jobs, format) {
        return out;
    }
    let jobs: Vec<Json> = jobs.iter().map(escaped).collect();
    if format == Format::Text {
        return text_lines(jobs.iter().map(|j| {
            vec![
                order_id(j).into(),
                order_state(j).into(),
                field(j, "JobType").into(),
                field(j, "SnowballType").into(),
                field(j, "SnowballCapacityPreference").into(),
                shipping(j).into(),
                field(j, "AddressId").into(),
                field(j, "Description").into(),
            ]
        }));
    }
    jobs.iter()
        .map(|j| job_table(j, looked, style, now).to_string() + "\n")
        .collect()
}

fn job_table(j: &Json, looked: &Looked, style: &Style, now: f64) -> Table {
    let nodes = looked.nodes.get(order_id(j));
    let address = |key: &str| {
        let id = field(j, key);
        match looked.addresses.get(id) {
            Some(named) => format!("{id}\n{}", escape_controls(named)),
            None => id.to_string(),
        }
    };
    let mut table = new_table(style);
    let state = order_state(j);
    let state_color = if state == "New" || state == "AwaitingQuorum" {
        Color::Green
    } else {
        Color::Yellow
    };
    let is_cluster =
        snowball_model::OrderKind::of(order_id(j)) == snowball_model::OrderKind::Cluster;
    let noun = if is_cluster { "Cluster" } else { "Job" };
    table.set_header(vec![Cell::new(noun), Cell::new(order_id(j))]);
    // The value column holds the order's ID and its address IDs: none is broken.
    let ids = [
        order_id(j),
        field(j, "AddressId"),
        field(j, "ForwardingAddressId"),
    ];
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
    // A node job is edited through its cluster: name it.
    let cluster = if is_cluster {
        String::new()
    } else {
        field(j, "ClusterId").to_string()
    };
    let rows: Vec<(&str, String)> = vec![
        ("Cluster", cluster),
        ("Type", field(j, "JobType").into()),
        ("Device", field(j, "SnowballType").into()),
        ("Capacity", field(j, "SnowballCapacityPreference").into()),
        ("Shipping speed", shipping(j).into()),
        ("Address", address("AddressId")),
        ("Forwarding address", address("ForwardingAddressId")),
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
        ("Node jobs", nodes.map(|n| node_text(n)).unwrap_or_default()),
    ];
    for (name, value) in rows.into_iter().filter(|(_, v)| !v.is_empty()) {
        table.add_row(vec![Cell::new(name), Cell::new(value)]);
    }
    table
}

/// A cluster's node jobs, one a line with its state.
fn node_text(nodes: &[Json]) -> String {
    nodes
        .iter()
        .map(|n| format!("{} ({})", order_id(n), order_state(n)))
        .collect::<Vec<_>>()
        .join("\n")
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

/// A column of a list of orders: its header and its value (`now` for the
/// edit window); the edit window, an estimate for people, is in the table only.
struct Column {
    header: &'static str,
    value: fn(&Json, f64) -> String,
    in_text: bool,
}

const fn column(header: &'static str, value: fn(&Json, f64) -> String) -> Column {
    Column {
        header,
        value,
        in_text: true,
    }
}

const ID: Column = column("ID", |e, _| order_id(e).to_string());
const STATE: Column = column("State", |e, _| order_state(e).to_string());
const CREATED: Column = column("Created", |e, _| time_field(e, "CreationDate"));
const WINDOW: Column = Column {
    in_text: false,
    ..column("Edit window", edit_window)
};
const DESCRIPTION: Column = column("Description", |e, _| field(e, "Description").to_string());

/// `list`: an array of JobListEntry, a table, or a line per job.
pub fn list(entries: &[Json], format: Format, style: &Style, now: f64) -> String {
    let has_cluster = entries
        .iter()
        .any(|e| snowball_model::OrderKind::of(order_id(e)) == snowball_model::OrderKind::Cluster);
    let id_header = if has_cluster {
        "Job or cluster ID"
    } else {
        "Job ID"
    };
    let columns = [
        ID,
        STATE,
        column("Type", |e, _| field(e, "JobType").to_string()),
        column("Device", |e, _| field(e, "SnowballType").to_string()),
        CREATED,
        WINDOW,
        DESCRIPTION,
    ];
    orders(
        entries,
        format,
        style,
        now,
        (id_header, &columns),
        "No jobs.",
    )
}

/// `clusters`: an array of ClusterListEntry, a table, or a line per cluster
/// (`CLUSTER_ID<TAB>STATE<TAB>CREATED<TAB>DESCRIPTION`).
pub fn clusters(entries: &[Json], format: Format, style: &Style, now: f64) -> String {
    let columns = [ID, STATE, CREATED, WINDOW, DESCRIPTION];
    orders(
        entries,
        format,
        style,
        now,
        ("Cluster ID", &columns),
        "No clusters.",
    )
}

/// A list of orders: the entries as they are (json, yaml), a line each (text:
/// the columns but the edit window), or a table headed `id_header` first.
fn orders(
    entries: &[Json],
    format: Format,
    style: &Style,
    now: f64,
    (id_header, columns): (&str, &[Column]),
    none: &str,
) -> String {
    if let Some(out) = machine(&entries, format) {
        return out;
    }
    let entries: Vec<Json> = entries.iter().map(escaped).collect();
    let row = |e: &Json, text: bool| -> Vec<String> {
        columns
            .iter()
            .filter(|c| c.in_text || !text)
            .map(|c| (c.value)(e, now))
            .collect()
    };
    if format == Format::Text {
        return text_lines(entries.iter().map(|e| row(e, true)));
    }
    if entries.is_empty() {
        return format!("{none}\n");
    }
    let mut table = new_table(style);
    let headers = columns.iter().map(|c| c.header).skip(1);
    table.set_header(
        std::iter::once(id_header)
            .chain(headers)
            .collect::<Vec<_>>(),
    );
    for e in &entries {
        table.add_row(row(e, false).into_iter().map(Cell::new).collect::<Vec<_>>());
    }
    keep_whole(&mut table, 0, widest(entries.iter().map(order_id)));
    table.to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
