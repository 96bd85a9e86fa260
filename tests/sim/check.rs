//! The promise, written once: what must hold after every run, whatever the
//! seed did. Each broken rule is one line naming the order.

use std::collections::BTreeSet;

use serde_json::Value as Json;
use snowjob::core::compare;
use snowjob::failure::first_exit_code;
use snowjob::history_file;
use snowjob::report::{OrderResult, Outcome};

use crate::scenario::{Kind, Ran};
use crate::world::{Event, Logged, Request};

fn is_cluster(id: &str) -> bool {
    id.starts_with("CID")
}

/// Where an order's metadata holds an update member (or its state).
fn path_of<'a>(id: &str, member: &'a str) -> Vec<&'a str> {
    if is_cluster(id) || member.ends_with("State") {
        vec![member]
    } else {
        snowball_model::facts::job_location(member)
    }
}

/// An order's value of an update member (or its state), as stored.
fn value<'a>(order: &'a Json, id: &str, member: &str) -> Option<&'a Json> {
    path_of(id, member)
        .iter()
        .try_fold(order, |v, key| v.get(*key))
        .filter(|v| !v.is_null())
}

fn same(member: &str, a: Option<&Json>, b: Option<&Json>) -> bool {
    if member.ends_with("State") {
        return a == b;
    }
    compare::same(member, a, b)
}

/// The buckets, Lambdas and AMIs of a Resources value, the entries for
/// `bucket` left out (missing lists are empty).
fn resources_but(resources: Option<&Json>, bucket: Option<&str>) -> Json {
    let list = |key: &str| -> Vec<Json> {
        resources
            .and_then(|r| r.get(key))
            .and_then(Json::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let buckets: Vec<Json> = list("S3Resources")
        .into_iter()
        .filter(|b| bucket.is_none_or(|name| b["BucketArn"].as_str() != Some(name)))
        .collect();
    serde_json::json!([buckets, list("LambdaResources"), list("Ec2AmiResources")])
}

/// The on-device services but the NFS limit.
fn services_but_nfs_limit(config: Option<&Json>) -> Json {
    let mut config = config.cloned().unwrap_or(Json::Null);
    if let Some(nfs) = config
        .get_mut("NFSOnDeviceService")
        .and_then(Json::as_object_mut)
    {
        nfs.remove("StorageLimit");
        nfs.remove("StorageUnit");
        if nfs.is_empty() {
            config
                .as_object_mut()
                .map(|c| c.remove("NFSOnDeviceService"));
        }
    }
    match config {
        Json::Object(map) if map.is_empty() => Json::Null,
        other => other,
    }
}

fn requests(ran: &Ran) -> impl Iterator<Item = (usize, &Request)> {
    ran.log.iter().enumerate().filter_map(|(i, e)| match e {
        Logged::Request(r) => Some((i, r)),
        Logged::Event { .. } => None,
    })
}

/// The cluster a node job belongs to.
fn cluster_of(ran: &Ran, id: &str) -> Option<String> {
    ran.initial
        .get(id)
        .and_then(|o| o.get("ClusterId"))
        .and_then(Json::as_str)
        .map(str::to_string)
}

/// Every rule; an empty list when the run kept the promise.
pub fn promise(ran: &Ran) -> Vec<String> {
    let mut broken = Vec::new();
    let sc = &ran.scenario;
    let results = match &ran.results {
        Ok(results) => results,
        Err(e) => return vec![e.clone()],
    };
    let ids: Vec<String> = results.iter().map(|r| r.id.clone()).collect();
    let mutations: Vec<(usize, &Request)> = requests(ran).filter(|(_, r)| r.mutating).collect();

    // Only the orders the edit names are sent anything, and a dry run
    // sends nothing that modifies.
    for (_, r) in &mutations {
        if !ids.contains(&r.id) {
            broken.push(format!(
                "{} was sent {} but is not in the edit",
                r.id, r.operation
            ));
        }
        if sc.dry_run {
            broken.push(format!("a dry run sent {} for {}", r.operation, r.id));
        }
    }

    for result in results {
        let id = result.id.as_str();
        let ours: Vec<&(usize, &Request)> = mutations.iter().filter(|(_, r)| r.id == id).collect();
        let applied: Vec<&(usize, &Request)> =
            ours.iter().copied().filter(|(_, r)| r.applied).collect();
        let outcome = result.outcome;
        let says = |what: &str| format!("{id} ({}): {what}", outcome.as_str());

        // At most one update applied; another request only after one whose
        // fate was unknown (or throttled: nothing applied).
        if applied.len() > 1 {
            broken.push(says(&format!(
                "{} modifying requests applied",
                applied.len()
            )));
        }
        for pair in ours.windows(2) {
            let earlier = &pair[0].1;
            if earlier.seen.is_clean() && !earlier.seen.is_throttling() {
                broken.push(says(&format!(
                    "#{} sent again after #{} was answered {:?}",
                    pair[1].1.n, earlier.n, earlier.seen
                )));
            }
        }

        // The outcome agrees with the store.
        match outcome {
            Outcome::Updated => match applied.first() {
                // Settled by reading again: the order holds every After
                // (whoever put it there: a re-read cannot tell).
                None => {
                    let holds = |order: &Json| {
                        result
                            .changes
                            .iter()
                            .all(|c| same(&c.field, value(order, id, &c.field), Some(&c.after)))
                    };
                    let settled = ours.iter().any(|(i, r)| {
                        !r.seen.is_clean()
                            && requests(ran).any(|(j, d)| {
                                j > *i
                                    && d.id == id
                                    && d.operation.starts_with("Describe")
                                    && d.seen.is_clean()
                                    && d.after.as_ref().is_some_and(holds)
                            })
                    });
                    if !settled {
                        broken.push(says("reported updated, but no update of it was applied, nor did a read after a lost reply show it"));
                    }
                }
                Some((_, r)) => {
                    let after = r.after.as_ref().unwrap_or(&Json::Null);
                    for c in &result.changes {
                        if !same(&c.field, value(after, id, &c.field), Some(&c.after)) {
                            broken.push(says(&format!(
                                "{} does not hold its After {} once applied (it holds {:?})",
                                c.field,
                                c.after,
                                value(after, id, &c.field)
                            )));
                        }
                    }
                }
            },
            Outcome::Unknown => {
                let unsettled = ours
                    .iter()
                    .any(|(_, r)| !r.seen.is_clean() || r.in_flight_at_stop);
                if !unsettled {
                    broken.push(says("unknown, though every request of it was answered"));
                }
            }
            Outcome::Unchanged | Outcome::Failed | Outcome::Skipped | Outcome::Planned => {
                if let Some((_, r)) = applied.first() {
                    broken.push(says(&format!("#{} {} was applied", r.n, r.operation)));
                }
            }
        }
        match (outcome, &result.error) {
            (Outcome::Failed | Outcome::Unknown, None) => broken.push(says("no error given")),
            (Outcome::Updated | Outcome::Unchanged | Outcome::Planned, Some(e)) => {
                broken.push(says(&format!("an error given: {}", e.message)))
            }
            _ => {}
        }
        // The pace sends a throttled request again for as long as the
        // patience lasts, which outlasts every run's throttling.
        if let Some(e) = result.error.as_ref().filter(|_| !ran.stopped)
            && (snowjob::aws::errors::is_throttling(&e.code) || e.message.contains("Throttling"))
        {
            broken.push(says(&format!("failed for throttling: {}", e.message)));
        }
        if outcome == Outcome::Skipped && !ran.stopped && !sc.confirmed {
            broken.push(says("skipped without an interrupt"));
        }
        if outcome == Outcome::Planned && !sc.dry_run {
            broken.push(says("planned, but this was no dry run"));
        }

        // Nothing is sent to an order last read as not editable (or a node job).
        for (i, r) in &ours {
            let read = requests(ran)
                .take_while(|(j, _)| j < i)
                .filter(|(_, d)| {
                    d.id == id
                        && d.operation.starts_with("Describe")
                        && d.seen == crate::world::Seen::Reply(200, None)
                })
                .last()
                .and_then(|(_, d)| d.after.as_ref());
            let Some(read) = read else {
                broken.push(says(&format!("#{} was sent without a read before it", r.n)));
                continue;
            };
            let state = if is_cluster(id) {
                "ClusterState"
            } else {
                "JobState"
            };
            let editable = if is_cluster(id) {
                "AwaitingQuorum"
            } else {
                "New"
            };
            if read.get(state).and_then(Json::as_str) != Some(editable)
                || read.get("ClusterId").is_some_and(|c| !c.is_null()) && !is_cluster(id)
            {
                broken.push(says(&format!(
                    "#{} sent to an order read as {:?} (node of {:?})",
                    r.n,
                    read.get(state),
                    read.get("ClusterId")
                )));
            }
        }

        // Every update applied was sent over a read that showed each
        // change's Before, carrying along what it did not change.
        for (i, r) in &applied {
            let read = requests(ran)
                .take_while(|(j, _)| j < i)
                .filter(|(_, d)| {
                    d.id == id
                        && d.operation.starts_with("Describe")
                        && d.seen == crate::world::Seen::Reply(200, None)
                })
                .last();
            let Some((_, read)) = read else {
                broken.push(says(&format!(
                    "#{} was applied without a read before it",
                    r.n
                )));
                continue;
            };
            let read = read.after.as_ref().unwrap_or(&Json::Null);
            if result.changes.is_empty() {
                broken.push(says(&format!(
                    "#{} applied, but the result names no change",
                    r.n
                )));
            }
            for c in &result.changes {
                if !same(&c.field, value(read, id, &c.field), Some(&c.before)) {
                    broken.push(says(&format!(
                        "#{} sent over a read where {} was {:?}, not its Before {}",
                        r.n,
                        c.field,
                        value(read, id, &c.field),
                        c.before
                    )));
                }
            }
            if r.operation.starts_with("Cancel") {
                continue;
            }
            let sent: BTreeSet<&String> = r
                .input
                .as_object()
                .map(|m| {
                    m.keys()
                        .filter(|k| !k.ends_with("Id") || k.contains("Address"))
                        .collect()
                })
                .unwrap_or_default();
            if let Kind::Submit(_) = sc.kind {
                match ran.plan.iter().find(|e| e.id == id) {
                    Some(entry) if entry.request == r.input => {}
                    Some(entry) => broken.push(says(&format!(
                        "#{} sent {}, not the plan's {}",
                        r.n, r.input, entry.request
                    ))),
                    None => broken.push(says("sent, but not in the plan")),
                }
            } else if !matches!(sc.kind, Kind::Cancel) {
                for member in &sent {
                    if !ran.members.contains(member) {
                        broken.push(says(&format!(
                            "#{} sent {member}, which the edit does not set",
                            r.n
                        )));
                    }
                }
            }
            let bucket = match &sc.kind {
                Kind::Line(line) | Kind::Undo(line) if line[0].ends_with("s3-resource") => {
                    Some(line[2].clone())
                }
                _ => None,
            };
            if let (Some(bucket), Some(sent)) = (&bucket, r.input.get("Resources")) {
                let arn = if bucket.starts_with("arn:") {
                    bucket.clone()
                } else {
                    format!("arn:aws:s3:::{bucket}")
                };
                let read = value(read, id, "Resources");
                if resources_but(Some(sent), Some(&arn)) != resources_but(read, Some(&arn)) {
                    broken.push(says(&format!(
                        "#{} Resources does not carry the read's other entries along: sent {sent}, read {read:?}",
                        r.n
                    )));
                }
            }
            if let (Kind::Line(line), Some(sent)) =
                (&sc.kind, r.input.get("OnDeviceServiceConfiguration"))
            {
                let read = value(read, id, "OnDeviceServiceConfiguration");
                if line[0] == "set-nfs-limit"
                    && services_but_nfs_limit(Some(sent)) != services_but_nfs_limit(read)
                {
                    broken.push(says(&format!(
                        "#{} OnDeviceServiceConfiguration does not carry the read's other services along: sent {sent}, read {read:?}",
                        r.n
                    )));
                }
            }
        }

        // A confirmed plan is still the plan: what was sent changes what
        // the person was shown.
        if let (Some(planned), true) = (&ran.confirmed, !applied.is_empty()) {
            match planned.iter().find(|p| p.id == id) {
                Some(p) if p.outcome == Outcome::Planned => {
                    if !compare::same_changes(&p.changes, &result.changes) {
                        broken.push(says("sent changes other than the ones confirmed"));
                    }
                }
                _ => broken.push(says("sent, though it was not in the confirmed plan")),
            }
        }
    }

    // Every member the edit did not name holds what it held, unless a
    // colleague or the service changed it.
    for (id, before) in &ran.initial {
        let Some(after) = ran.last.get(id) else {
            broken.push(format!("{id} is gone"));
            continue;
        };
        let cluster = cluster_of(ran, id);
        let about = |other: &str| other == id || cluster.as_deref() == Some(other);
        let keys: BTreeSet<&String> = before
            .as_object()
            .into_iter()
            .flat_map(|m| m.keys())
            .chain(after.as_object().into_iter().flat_map(|m| m.keys()))
            .collect();
        for key in keys {
            if before.get(key) == after.get(key) {
                continue;
            }
            let by_world = ran.log.iter().any(|e| match e {
                Logged::Event {
                    event:
                        Event::Colleague {
                            id: other,
                            member,
                            applied: true,
                        },
                    ..
                } => about(other) && path_of(id, member)[0] == key,
                Logged::Event {
                    event: Event::Moved { id: other, .. },
                    ..
                } => about(other) && key.ends_with("State"),
                _ => false,
            });
            let by_us = mutations.iter().any(|(_, r)| {
                r.applied
                    && about(&r.id)
                    && (r.operation.starts_with("Cancel") && key.ends_with("State")
                        || r.input
                            .as_object()
                            .is_some_and(|m| m.keys().any(|member| path_of(id, member)[0] == key)))
            });
            if !by_world && !by_us {
                broken.push(format!(
                    "{id}: {key} changed from {:?} to {:?}, which neither the edit nor anyone else did",
                    before.get(key),
                    after.get(key)
                ));
            }
        }
    }

    // The progress (and so the history) is told each result once, as it
    // is known; the history records every update applied or unknown.
    let mut told: Vec<&str> = ran.told.iter().map(|r| r.id.as_str()).collect();
    told.sort();
    let mut expected: Vec<&str> = if ran
        .confirmed
        .as_ref()
        .is_some_and(|p| p.iter().all(|r| r.outcome != Outcome::Planned))
    {
        Vec::new()
    } else {
        ids.iter().map(String::as_str).collect()
    };
    expected.sort();
    if told != expected {
        broken.push(format!(
            "the progress was told {told:?}, not each of {expected:?} once"
        ));
    }
    let target = snowjob::report::Target {
        region: String::new(),
        endpoint: None,
        profile: String::new(),
    };
    let recorded = history_file::records(&ran.told, &target, "sim", "now");
    let sent = |r: &&OrderResult| matches!(r.outcome, Outcome::Updated | Outcome::Unknown);
    if recorded.len() != results.iter().filter(sent).count() {
        broken.push(format!(
            "{} records for {} updates applied or unknown",
            recorded.len(),
            results.iter().filter(sent).count()
        ));
    }
    for r in results.iter().filter(sent) {
        let told = ran.told.iter().find(|t| t.id == r.id);
        if told.is_none_or(|t| t.outcome != r.outcome) {
            broken.push(format!(
                "{}: the history was told {:?}, the report says {}",
                r.id,
                told.map(|t| t.outcome),
                r.outcome.as_str()
            ));
        }
    }

    // The exit code is the first failure's, in input order.
    let code = first_exit_code(results.iter().map(|r| r.error.as_ref()));
    let first = results
        .iter()
        .find_map(|r| r.error.as_ref())
        .map_or(0, |e| e.exit_code());
    if code != first || (code == 0) != results.iter().all(|r| r.error.is_none()) {
        broken.push(format!(
            "exit code {code}, but the first failure's is {first}"
        ));
    }

    // An undo puts back what the edit changed when nothing else moved.
    if let Kind::Undo(_) = sc.kind {
        for result in results.iter().filter(|r| r.outcome == Outcome::Updated) {
            let id = &result.id;
            let moved = ran.log.iter().any(|e| {
                matches!(
                    e,
                    Logged::Event {
                        event: Event::Colleague { applied: true, .. } | Event::Moved { .. },
                        ..
                    }
                )
            });
            let (Some(record), Some(pristine), Some(last)) =
                (ran.undone.get(id), ran.pristine.get(id), ran.last.get(id))
            else {
                continue;
            };
            if moved || record.outcome != Outcome::Updated {
                continue;
            }
            for c in &record.changes {
                let (was, is) = (value(pristine, id, &c.field), value(last, id, &c.field));
                let empty = |v: Option<&Json>| compare::same(&c.field, v, None);
                if !(same(&c.field, was, is) || was.is_none() && empty(is)) {
                    broken.push(format!(
                        "{id}: undone, {} holds {is:?}, not {was:?} as before the edit",
                        c.field
                    ));
                }
            }
        }
    }

    // Without a fault, nothing is unknown.
    let calm = requests(ran).all(|(_, r)| r.fault.is_none())
        && !ran.log.iter().any(|e| matches!(e, Logged::Event { .. }));
    if calm {
        for r in results.iter().filter(|r| r.outcome == Outcome::Unknown) {
            broken.push(format!("{}: unknown in a run without faults", r.id));
        }
    }
    broken
}
