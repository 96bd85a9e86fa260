//! What every edit command does, per job and independently of the other jobs:
//! describe the job, refuse unless New, build and minimize the patch, check it,
//! then (unless --dry-run) send it right away, so that a job's
//! read-modify-write window is one round trip. When a person confirms a batch,
//! the plan is made first and each job is read again before it is sent.

use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aws_sdk_snowball::types::{JobMetadata, JobState};
use futures::{FutureExt, StreamExt};
use tokio::sync::OnceCell;

use crate::aws::client::{Sent, Snow};
use crate::core::checks;
use crate::core::compare;
use crate::core::patch::{Effect, Patch};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure, Kind};
use crate::report::{JobResult, Outcome};

/// How long UpdateJobs already in flight may take to answer after a signal.
pub const GRACE_AFTER_SIGNAL: Duration = Duration::from_secs(2);

/// What an edit command contributes: the patch for one job, built from the
/// job's current value. Unchanged members are dropped afterwards.
pub trait Edit: Send + Sync + std::fmt::Debug {
    /// Checks of the arguments that need the configuration but no request.
    /// Run before any job is described.
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

pub struct Options {
    pub dry_run: bool,
    pub concurrency: usize,
    /// Told of each job's result as soon as it is known (a progress bar, the
    /// history; core prints and writes nothing itself).
    pub progress: Option<Progress>,
}

/// Called with each job's result as soon as it is known.
pub type Progress = Box<dyn Fn(&JobResult) + Send + Sync>;

/// Plans every job (describe, check, build the patch) without sending
/// anything: what a person is asked to confirm.
pub async fn plan(
    snow: &Snow,
    job_ids: &[String],
    edit: &dyn Edit,
    opts: &Options,
    stop: &Stop,
) -> Result<Vec<JobResult>, Failure> {
    let batch = Batch::new(snow, edit)?;
    Ok(for_each_job(job_ids, opts, |id| async {
        match stop.until_stopped(batch.plan(id)).await {
            None => JobResult::skipped(id),
            Some(Err(e)) => JobResult::failed(id, e),
            Some(Ok(plan)) => plan.result,
        }
    })
    .await)
}

/// Edits every job: each is described, planned, checked and sent on its own.
/// With `confirmed` (the plan a person agreed to), only the jobs planned there
/// are edited, and only if the request is still the one confirmed.
pub async fn run(
    snow: &Snow,
    job_ids: &[String],
    edit: &dyn Edit,
    opts: &Options,
    confirmed: Option<&[JobResult]>,
    stop: &Stop,
) -> Result<Vec<JobResult>, Failure> {
    let batch = Batch::new(snow, edit)?;
    let agreed: HashMap<&str, &JobResult> = confirmed
        .unwrap_or_default()
        .iter()
        .map(|r| (r.job_id.as_str(), r))
        .collect();
    Ok(for_each_job(job_ids, opts, |id| {
        let agreed = agreed.get(id.as_str()).copied();
        let batch = &batch;
        async move {
            match (confirmed, agreed) {
                (Some(_), Some(r)) if r.outcome != Outcome::Planned => r.clone(),
                (Some(_), None) => JobResult::skipped(id),
                _ => batch.edit_one(id, opts, agreed, stop).await,
            }
        }
    })
    .await)
}

/// Runs `work` for each job, at most `opts.concurrency` at once: a job starts
/// as soon as a worker is free, however long an earlier one takes. Each
/// result is told to `opts.progress` as soon as it is known (the history is
/// written from there); the results are returned in input order. A panic
/// while handling one job fails that job only.
async fn for_each_job<'a, F, Fut>(job_ids: &'a [String], opts: &Options, work: F) -> Vec<JobResult>
where
    F: Fn(&'a String) -> Fut,
    Fut: Future<Output = JobResult> + 'a,
{
    let mut results: Vec<(usize, JobResult)> = futures::stream::iter(job_ids.iter().enumerate())
        .map(|(i, id)| {
            AssertUnwindSafe(work(id)).catch_unwind().map(move |r| {
                let result = r.unwrap_or_else(|panic| JobResult::failed(id, internal(&*panic)));
                if let Some(progress) = &opts.progress {
                    progress(&result);
                }
                (i, result)
            })
        })
        .buffer_unordered(opts.concurrency.max(1))
        .collect()
        .await;
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// A bug, reported as the failure of the job it happened in.
pub fn internal(panic: &(dyn std::any::Any + Send)) -> Failure {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into());
    Failure::of(
        Code::InternalError,
        format!("internal error: {what} (this is a bug in snowjob; please report it)"),
    )
}

/// A job's plan: the report so far and, when something would change, the patch.
struct Plan {
    result: JobResult,
    patch: Option<Patch>,
}

/// What the jobs of one command share.
struct Batch<'a> {
    snow: &'a Snow,
    edit: &'a dyn Edit,
    ctx: Context,
    addresses: AddressCheck,
}

impl<'a> Batch<'a> {
    fn new(snow: &'a Snow, edit: &'a dyn Edit) -> Result<Batch<'a>, Failure> {
        let ctx = Context {
            partition: checks::partition(snow.region()),
        };
        edit.check(&ctx)?;
        Ok(Batch {
            snow,
            edit,
            ctx,
            addresses: AddressCheck::default(),
        })
    }

    /// Describe, refuse unless New, patch, check.
    async fn plan(&self, id: &str) -> Result<Plan, Failure> {
        let job = self.snow.describe_job(id).await?;
        self.plan_from(id, &job).await
    }

    async fn plan_from(&self, id: &str, job: &JobMetadata) -> Result<Plan, Failure> {
        // Lets the test suite prove that a bug in one job fails that job only.
        #[cfg(debug_assertions)]
        if std::env::var_os("SNOWJOB_TEST_PANIC_FOR_JOB").is_some_and(|v| v == id) {
            panic!("a panic staged by the test suite");
        }
        ensure_new(id, job)?;
        let patch = self.edit.patch(job, &self.ctx)?.minimized(job);
        checks::patch_fits_job(job, &patch)?;
        if !patch.is_empty() {
            checks::request_fits_model(&patch.request(id))?;
        }
        for address in [&patch.address_id, &patch.forwarding_address_id]
            .into_iter()
            .flatten()
        {
            self.addresses.ensure_exists(self.snow, address).await?;
        }
        if patch.is_empty() {
            return Ok(Plan {
                result: JobResult::new(id, Outcome::Unchanged),
                patch: None,
            });
        }
        Ok(Plan {
            result: JobResult {
                changes: patch.changes(job),
                request: Some(patch.request(id)),
                ..JobResult::new(id, Outcome::Planned)
            },
            patch: Some(patch),
        })
    }

    /// One job end to end; `agreed` is the plan a person confirmed for it.
    async fn edit_one(
        &self,
        id: &str,
        opts: &Options,
        agreed: Option<&JobResult>,
        stop: &Stop,
    ) -> JobResult {
        let plan = match stop.until_stopped(self.plan(id)).await {
            None => return JobResult::skipped(id),
            Some(Err(e)) => return JobResult::failed(id, e),
            Some(Ok(plan)) => plan,
        };
        // Sent only as confirmed: the same request, over the values shown
        // as Before (a colleague's change made meanwhile is never overwritten).
        if let Some(agreed) = agreed
            && !(compare::same_request(agreed.request.as_ref(), plan.result.request.as_ref())
                && compare::same_changes(&agreed.changes, &plan.result.changes))
        {
            return plan.result.with(
                Outcome::Failed,
                Some(job_changed(id, "after the plan was confirmed")),
            );
        }
        let Some(patch) = plan.patch else {
            return plan.result;
        };
        if opts.dry_run {
            return plan.result;
        }
        if stop.is_stopped() {
            return JobResult::skipped(id);
        }
        self.send(plan.result, &patch, stop).await
    }

    /// UpdateJob, and the truth about what it did. When its fate is unknown
    /// (a lost reply, a 5xx), the job is read again: the update is reported as
    /// applied only if the job shows it, and sent again (attempts permitting)
    /// only if the job plainly lacks it and would get the very same request.
    async fn send(&self, planned: JobResult, patch: &Patch, stop: &Stop) -> JobResult {
        let id = planned.job_id.clone();
        let members = |call| patch.set_on(call);
        let mut attempt = 1;
        // Why the last attempt, read again, plainly was not applied.
        let mut not_applied: Option<Failure> = None;
        loop {
            let sent = tokio::select! {
                sent = self.snow.update_job(&id, &members) => sent,
                () = stop.grace_over(GRACE_AFTER_SIGNAL) => {
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, "interrupted before the service answered")));
                }
            };
            let cause = match sent {
                Sent::Applied => return planned.with(Outcome::Updated, None),
                // A signal came while it waited its turn.
                Sent::NotSent => {
                    return match not_applied {
                        None => JobResult::skipped(&id),
                        Some(e) => planned.with(Outcome::Failed, Some(e)),
                    };
                }
                Sent::Refused(mut e) => {
                    if e.kind == Kind::NotEditable {
                        e.message = format!(
                            "job {id} left New before the update was applied; nothing was changed ({})",
                            e.message
                        );
                    }
                    return planned.with(Outcome::Failed, Some(e));
                }
                Sent::Unknown(e) if stop.is_stopped() => {
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, &e.message)));
                }
                Sent::Unknown(e) => e,
            };
            let why = cause.message.trim_end_matches('.').to_string();
            let job = match self.snow.describe_job_again(&id).await {
                Ok(job) => job,
                Err(e) => {
                    let why = format!(
                        "{why}; reading the job again failed too ({})",
                        e.message.trim_end_matches('.')
                    );
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, &why)));
                }
            };
            match patch.in_effect(&job) {
                Effect::All => return planned.with(Outcome::Updated, None),
                Effect::Partly => {
                    let why = format!(
                        "{why}; read again, the job has only part of the change (another edit may have come in between)"
                    );
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, &why)));
                }
                Effect::None => {}
            }
            let failure = not_applied.insert(Failure::new(
                Kind::Unreachable,
                cause.code,
                format!("{why}; the job was read again and does not have the change"),
            ));
            if attempt >= self.snow.max_attempts() || stop.is_stopped() {
                return planned.with(Outcome::Failed, Some(failure.clone()));
            }
            match self.plan_from(&id, &job).await {
                Ok(again)
                    if compare::same_request(
                        again.result.request.as_ref(),
                        planned.request.as_ref(),
                    ) => {}
                Ok(_) => {
                    return planned.with(
                        Outcome::Failed,
                        Some(job_changed(&id, "while the update was being retried")),
                    );
                }
                Err(e) => return planned.with(Outcome::Failed, Some(e)),
            }
            attempt += 1;
            tokio::time::sleep(crate::aws::errors::backoff(attempt)).await;
        }
    }
}

pub fn job_changed(id: &str, when: &str) -> Failure {
    Failure::of(
        Code::JobChanged,
        format!(
            "job {id} changed {when}; nothing was sent for it. Run the command again to see the new plan"
        ),
    )
}

fn fate_unknown(id: &str, why: &str) -> Failure {
    Failure::of(
        Code::UpdateFateUnknown,
        format!(
            "job {id}: the update was sent but whether it was applied is not known ({why}); check with `snowjob show {id}`"
        ),
    )
}

pub fn ensure_new(id: &str, job: &JobMetadata) -> Result<(), Failure> {
    match job.job_state() {
        Some(JobState::New) => Ok(()),
        state => Err(Failure::of(
            Code::JobNotEditable,
            format!(
                "job {id} is {}; it can only be edited while New (usually the first {} minutes after it was ordered)",
                state.map_or("in an unknown state", |s| s.as_str()),
                snowball_model::facts::EDIT_WINDOW.as_secs() / 60
            ),
        )),
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
