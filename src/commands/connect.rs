//! The connection a command goes through, and the orders still pending.

use super::{job_ids, ui};
use crate::args::Global;
use crate::aws::client::{Settings, Snow};
use crate::core::stop::Stop;
use crate::failure::Failure;
use crate::report::OrderResult;

/// The job IDs an edit is for (given, or picked on a terminal) and the
/// connection it goes through; `None` when interrupted while reading the IDs.
pub async fn connect_for_edit(
    global: &Global,
    job_args: &[String],
    stop: &Stop,
) -> Result<Option<(Vec<String>, Snow)>, Failure> {
    let ids = job_ids(global, job_args, ui::pick::Pick::Several, stop).await?;
    match connect(global, stop).await? {
        Some(snow) => Ok(Some((ids, snow))),
        None => {
            // A signal before the first request: every order not attempted.
            let skipped: Vec<OrderResult> = ids.iter().map(|id| OrderResult::skipped(id)).collect();
            super::runner::report(global, &skipped);
            Ok(None)
        }
    }
}

/// The orders still editable, as list entries (JobListEntry, ClusterListEntry):
/// the jobs still New, node jobs left out (they are edited through their
/// cluster), then the clusters still AwaitingQuorum.
pub async fn pending_orders(snow: &Snow) -> Result<Vec<serde_json::Value>, Failure> {
    use aws_sdk_snowball::types::{ClusterState, JobState};
    let (jobs, clusters) = futures::join!(snow.list_jobs(), snow.list_clusters());
    let clusters: Vec<_> = clusters?
        .into_iter()
        .filter(|c| c.cluster_state() == Some(&ClusterState::AwaitingQuorum))
        .collect();
    let mut nodes = std::collections::HashSet::new();
    for c in &clusters {
        let listed = snow
            .list_cluster_jobs(c.cluster_id().unwrap_or_default())
            .await?;
        nodes.extend(listed.into_iter().filter_map(|j| j.job_id));
    }
    let jobs = jobs?;
    let pending_jobs = jobs
        .iter()
        .filter(|j| j.job_state() == Some(&JobState::New))
        .filter(|j| !j.job_id().is_some_and(|id| nodes.contains(id)))
        .map(crate::aws::convert::json);
    Ok(pending_jobs
        .chain(clusters.iter().map(crate::aws::convert::json))
        .collect())
}

/// The connection a command goes through; `None` when a signal came first
/// (loading credentials may run a program, or wait for SSO). A signal ends
/// every wait for the pace at once (requests in flight get their grace).
pub async fn connect(global: &Global, stop: &Stop) -> Result<Option<Snow>, Failure> {
    connect_with(&global.settings(), stop).await
}

/// [`connect`] with settings of the command's own.
pub async fn connect_with(settings: &Settings, stop: &Stop) -> Result<Option<Snow>, Failure> {
    let snow = stop
        .until_stopped(Snow::connect(settings))
        .await
        .transpose()?;
    if let Some(snow) = &snow {
        let (pace, stop) = (snow.pace().clone(), stop.clone());
        tokio::spawn(async move {
            stop.stopped().await;
            pace.halt();
        });
    }
    Ok(snow)
}
