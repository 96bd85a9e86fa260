//! The eight steps of an edit (SPEC.md section 2), shared by every edit command:
//! describe each job, refuse unless New, build and minimize the patch, check it,
//! then (unless --dry-run or declined) send it and report per field.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use aws_sdk_snowball::types::{JobMetadata, JobState};
use futures::StreamExt;
use serde::Serialize;
use serde_json::Value as Json;
use tokio::sync::OnceCell;

use crate::checks;
use crate::client::Snow;
use crate::failure::{Failure, Kind};
use crate::patch::{Change, Patch};

/// What an edit command contributes: the patch for one job, built from the
/// job's current value. Unchanged members are dropped afterwards.
pub trait Edit: Send + Sync + std::fmt::Debug {
    /// Step 1: checks of the arguments that need the configuration but no
    /// request. Runs before any job is described.
    fn check(&self, _ctx: &Context) -> Result<(), Failure> {
        Ok(())
    }
    fn patch(&self, job: &JobMetadata, ctx: &Context) -> Result<Patch, Failure>;
}

/// What an edit may need to know beyond the job.
pub struct Context {
    /// The AWS partition of the configured region (`aws`, `aws-cn`, ...).
    pub partition: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Updated,
    Unchanged,
    Planned,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Planned => "planned",
            Outcome::Failed => "failed",
        }
    }
}

/// One job's result, as reported in every output format.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobResult {
    pub job_id: String,
    pub outcome: Outcome,
    pub changes: Vec<Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Json>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "error_object"
    )]
    pub error: Option<Failure>,
}

fn error_object<S: serde::Serializer>(f: &Option<Failure>, s: S) -> Result<S::Ok, S::Error> {
    let f = f.as_ref().expect("skipped when None");
    serde_json::json!({ "Code": f.code, "Message": f.message }).serialize(s)
}

impl JobResult {
    fn failed(job_id: &str, error: Failure) -> JobResult {
        JobResult {
            job_id: job_id.to_string(),
            outcome: Outcome::Failed,
            changes: Vec::new(),
            request: None,
            error: Some(error),
        }
    }
}

pub struct Options {
    pub dry_run: bool,
    pub concurrency: usize,
}

/// Asked once before sending updates to several jobs; false sends nothing.
pub type Confirm<'a> = &'a (dyn Fn(&[JobResult]) -> bool + Sync);

/// Runs an edit over `job_ids`; results come back in input order.
pub async fn run(
    snow: &Snow,
    job_ids: &[String],
    edit: &dyn Edit,
    opts: &Options,
    confirm: Confirm<'_>,
) -> Result<Vec<JobResult>, Failure> {
    let ctx = Context {
        partition: checks::partition(snow.region()),
    };
    edit.check(&ctx)?;
    let addresses = AddressCheck::default();
    let planned: Vec<(JobResult, Option<Patch>)> = futures::stream::iter(job_ids)
        .map(|id| plan_one(snow, id, edit, &ctx, &addresses))
        .buffered(opts.concurrency)
        .collect()
        .await;

    let to_send = planned.iter().filter(|(_, p)| p.is_some()).count();
    if opts.dry_run || to_send == 0 {
        return Ok(planned.into_iter().map(|(r, _)| r).collect());
    }
    let results: Vec<JobResult> = planned.iter().map(|(r, _)| r.clone()).collect();
    if job_ids.len() > 1 && !confirm(&results) {
        return Ok(planned
            .into_iter()
            .map(|(r, plan)| match plan {
                Some(_) => JobResult {
                    outcome: Outcome::Failed,
                    error: Some(Failure::new(
                        Kind::Unexpected,
                        "NotConfirmed",
                        "not confirmed; nothing was sent",
                    )),
                    ..r
                },
                None => r,
            })
            .collect());
    }
    Ok(futures::stream::iter(planned)
        .map(|(result, plan)| async move {
            match plan {
                None => result,
                Some(patch) => send_one(snow, result, &patch).await,
            }
        })
        .buffered(opts.concurrency)
        .collect()
        .await)
}

/// Steps 2 to 6 for one job: describe, refuse unless New, patch, check.
async fn plan_one(
    snow: &Snow,
    id: &str,
    edit: &dyn Edit,
    ctx: &Context,
    addresses: &AddressCheck,
) -> (JobResult, Option<Patch>) {
    match plan_checked(snow, id, edit, ctx, addresses).await {
        Err(e) => (JobResult::failed(id, e), None),
        Ok((_, patch)) if patch.is_empty() => (
            JobResult {
                job_id: id.to_string(),
                outcome: Outcome::Unchanged,
                changes: Vec::new(),
                request: None,
                error: None,
            },
            None,
        ),
        Ok((job, patch)) => (
            JobResult {
                job_id: id.to_string(),
                outcome: Outcome::Planned,
                changes: patch.changes(&job),
                request: Some(patch.request(id)),
                error: None,
            },
            Some(patch),
        ),
    }
}

async fn plan_checked(
    snow: &Snow,
    id: &str,
    edit: &dyn Edit,
    ctx: &Context,
    addresses: &AddressCheck,
) -> Result<(JobMetadata, Patch), Failure> {
    let job = snow.describe_job(id).await?;
    ensure_new(id, &job)?;
    let patch = edit.patch(&job, ctx)?.minimized(&job);
    checks::patch_fits_job(&job, &patch)?;
    for address in [&patch.address_id, &patch.forwarding_address_id]
        .into_iter()
        .flatten()
    {
        addresses.ensure_exists(snow, address).await?;
    }
    Ok((job, patch))
}

pub fn ensure_new(id: &str, job: &JobMetadata) -> Result<(), Failure> {
    match job.job_state() {
        Some(JobState::New) => Ok(()),
        state => Err(Failure::new(
            Kind::NotEditable,
            "JobNotEditable",
            format!(
                "job {id} is {}; it can only be edited while New (usually the first hour after it was ordered)",
                state.map_or("in an unknown state", |s| s.as_str())
            ),
        )),
    }
}

/// Step 7: UpdateJob. A job that left New meanwhile is reported as not editable.
async fn send_one(snow: &Snow, planned: JobResult, patch: &Patch) -> JobResult {
    match snow.update_job(&planned.job_id, patch).await {
        Ok(()) => JobResult {
            outcome: Outcome::Updated,
            ..planned
        },
        Err(mut e) => {
            if e.kind == Kind::NotEditable {
                e.message = format!(
                    "job {} left New before the update was sent; nothing was changed ({})",
                    planned.job_id, e.message
                );
            }
            JobResult {
                outcome: Outcome::Failed,
                error: Some(e),
                ..planned
            }
        }
    }
}

/// One address's check, shared by every job that names it.
type AddressVerdict = Arc<OnceCell<Result<(), Failure>>>;

/// DescribeAddress once per address, however many jobs name it.
#[derive(Default)]
struct AddressCheck {
    seen: Mutex<HashMap<String, AddressVerdict>>,
}

impl AddressCheck {
    async fn ensure_exists(&self, snow: &Snow, id: &str) -> Result<(), Failure> {
        let cell = self
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(id.to_string())
            .or_default()
            .clone();
        cell.get_or_init(|| async { snow.describe_address(id).await.map(|_| ()) })
            .await
            .clone()
            .map_err(|mut e| {
                if e.kind == Kind::NotFound {
                    e.message = format!(
                        "address {id} does not exist; nothing was sent ({})",
                        e.message
                    );
                }
                e
            })
    }
}
