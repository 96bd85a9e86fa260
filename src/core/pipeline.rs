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

use aws_sdk_snowball::types::JobMetadata;
use futures::{FutureExt, StreamExt};
use serde_json::Value as Json;
use tokio::sync::OnceCell;

use crate::aws::client::{Sent, Snow};
use crate::aws::order::{Order, OrderKind};
use crate::core::checks;
use crate::core::compare;
use crate::core::patch::{Effect, Patch};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure, Kind};
use crate::report::{Change, JobResult, Outcome};

/// How long UpdateJobs already in flight may take to answer after a signal.
pub const GRACE_AFTER_SIGNAL: Duration = Duration::from_secs(2);

/// What an edit command is: what it does to each order (an [`Action`]) and,
/// for an update, the patch built from the order's current value (unchanged
/// members are dropped afterwards).
pub trait Edit: Send + Sync + std::fmt::Debug {
    /// Checks of the arguments that need the configuration but no request.
    /// Run before any job is described.
    fn check(&self, _ctx: &Context) -> Result<(), Failure> {
        Ok(())
    }
    /// What the edit does to order `id`, known before it is read; an error
    /// refuses the order unread (undo of a cancel, from its record).
    fn action(&self, _id: &str) -> Result<Action<'_>, Failure> {
        Ok(Action::Update)
    }
    /// An update's patch, from the order as it is (asked only when
    /// [`Edit::action`] is [`Action::Update`]).
    fn patch(&self, job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        Err(Failure::of(
            Code::InternalError,
            format!(
                "internal error: no patch for {} (this is a bug in snowjob; please report it)",
                job.job_id().unwrap_or_default()
            ),
        ))
    }
    /// The members the edit may set, when they are known before any request
    /// (so that a cluster is refused what UpdateCluster cannot send before
    /// it is read); `None`: known only from the order.
    fn members(&self) -> Option<Vec<String>> {
        None
    }
    /// The standards that selected order `id` (`conform`; `submit` of its
    /// plan), asked once its result is known; `None`: no standard selects
    /// it, so it is no order of this edit's and goes unreported.
    fn standards(&self, _id: &str) -> Option<Vec<String>> {
        Some(Vec::new())
    }
    /// What a person at a terminal is asked before the orders `ids` are sent.
    fn question(&self, ids: &[&str]) -> String {
        format!("Update {}? [y/N] ", orders(ids))
    }
}

/// `2 jobs`, `1 cluster`, `3 orders` (jobs and clusters together).
pub fn orders(ids: &[&str]) -> String {
    let first = ids.first().map(|id| OrderKind::of(id));
    let noun = match first {
        Some(kind) if ids.iter().all(|id| OrderKind::of(id) == kind) => kind.noun(),
        _ => "order",
    };
    let plural = if ids.len() == 1 { "" } else { "s" };
    format!("{} {noun}{plural}", ids.len())
}

/// What an edit does to an order: the value the pipeline matches on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Action<'e> {
    /// UpdateJob or UpdateCluster with the patch [`Edit::patch`] builds.
    Update,
    /// CancelJob or CancelCluster: the one change a pending order's state can take.
    Cancel,
    /// A reviewed plan's entry (`submit`): its request sent exactly, or nothing.
    Reviewed(&'e crate::core::plan::Entry),
}

/// The state a cancelled order is in, for jobs and clusters alike.
pub const CANCELLED: &str = "Cancelled";

/// What an edit may need to know beyond the job.
pub struct Context {
    /// The AWS partition of the configured region (`aws`, `aws-cn`, ...).
    pub partition: &'static str,
    /// The subcommand, for messages that say what to run instead.
    pub command: String,
}

pub struct Options {
    /// The subcommand, for messages that say what to run instead.
    pub command: String,
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
    let batch = Batch::new(snow, edit, &opts.command)?;
    Ok(for_each_job(job_ids, edit, opts, |id| async {
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
    let batch = Batch::new(snow, edit, &opts.command)?;
    let agreed: HashMap<&str, &JobResult> = confirmed
        .unwrap_or_default()
        .iter()
        .map(|r| (r.job_id.as_str(), r))
        .collect();
    Ok(for_each_job(job_ids, edit, opts, |id| {
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
async fn for_each_job<'a, F, Fut>(
    job_ids: &'a [String],
    edit: &dyn Edit,
    opts: &Options,
    work: F,
) -> Vec<JobResult>
where
    F: Fn(&'a String) -> Fut,
    Fut: Future<Output = JobResult> + 'a,
{
    let mut results: Vec<(usize, JobResult)> = futures::stream::iter(job_ids.iter().enumerate())
        .map(|(i, id)| {
            AssertUnwindSafe(work(id)).catch_unwind().map(move |r| {
                let mut result = r.unwrap_or_else(|panic| JobResult::failed(id, internal(&*panic)));
                result.standards = edit.standards(id).unwrap_or_default();
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
    /// What to send; `None`: nothing would change.
    patch: Option<Sending>,
}

/// What a planned order is sent.
enum Sending {
    Update(Box<Patch>),
    Cancel,
}

/// What the jobs of one command share.
struct Batch<'a> {
    snow: &'a Snow,
    edit: &'a dyn Edit,
    ctx: Context,
    addresses: AddressCheck,
}

impl<'a> Batch<'a> {
    fn new(snow: &'a Snow, edit: &'a dyn Edit, command: &str) -> Result<Batch<'a>, Failure> {
        let ctx = Context {
            partition: checks::partition(snow.region()),
            command: command.to_string(),
        };
        edit.check(&ctx)?;
        Ok(Batch {
            snow,
            edit,
            ctx,
            addresses: AddressCheck::default(),
        })
    }

    /// Describe, refuse unless editable, patch, check.
    async fn plan(&self, id: &str) -> Result<Plan, Failure> {
        self.edit.action(id)?;
        if let Some(members) = self.edit.members() {
            not_for_cluster(id, members.iter().map(String::as_str))?;
        }
        let order = self.snow.describe_order(id).await?;
        self.plan_from(id, &order).await
    }

    async fn plan_from(&self, id: &str, order: &Order) -> Result<Plan, Failure> {
        // Lets the test suite prove that a bug in one job fails that job only.
        #[cfg(debug_assertions)]
        if std::env::var_os("SNOWJOB_TEST_PANIC_FOR_JOB").is_some_and(|v| v == id) {
            panic!("a panic staged by the test suite");
        }
        match self.edit.action(id)? {
            Action::Update => {}
            Action::Cancel => return plan_cancel(id, order, &self.ctx.command),
            Action::Reviewed(entry) => {
                let plan = plan_reviewed(entry, order)?;
                if let Some(Sending::Update(patch)) = &plan.patch {
                    self.addresses_exist(patch).await?;
                }
                return Ok(plan);
            }
        }
        ensure_editable(id, order, &self.ctx.command)?;
        let job = &order.job;
        let patch = self.edit.patch(job, &self.ctx)?.minimized(job);
        not_for_cluster(id, patch.not_sendable(order.kind))?;
        checks::patch_fits_job(job, &patch)?;
        if !patch.is_empty() {
            checks::request_fits_model(order.kind.request_shape(), &patch.request(id))?;
        }
        self.addresses_exist(&patch).await?;
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
            patch: Some(Sending::Update(Box::new(patch))),
        })
    }

    /// The addresses a patch sets exist (DescribeAddress once per address).
    async fn addresses_exist(&self, patch: &Patch) -> Result<(), Failure> {
        for address in [&patch.address_id, &patch.forwarding_address_id]
            .into_iter()
            .flatten()
        {
            self.addresses.ensure_exists(self.snow, address).await?;
        }
        Ok(())
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
        let Some(sending) = plan.patch else {
            return plan.result;
        };
        if opts.dry_run {
            return plan.result;
        }
        if stop.is_stopped() {
            return JobResult::skipped(id);
        }
        self.send(plan.result, &sending, stop).await
    }

    /// UpdateJob, and the truth about what it did. When its fate is unknown
    /// (a lost reply, a 5xx), the job is read again: the update is reported as
    /// applied only if the job shows it, and sent again (attempts permitting)
    /// only if the job plainly lacks it and would get the very same request.
    async fn send(&self, planned: JobResult, sending: &Sending, stop: &Stop) -> JobResult {
        let id = planned.job_id.clone();
        let mut attempt = 1;
        // Why the last attempt, read again, plainly was not applied.
        let mut not_applied: Option<Failure> = None;
        loop {
            let call = async {
                match sending {
                    Sending::Update(patch) => {
                        let job_members = |call| patch.set_on(call);
                        let cluster_members = |call| patch.set_on_cluster(call);
                        self.snow
                            .update_order(&id, &job_members, &cluster_members)
                            .await
                    }
                    Sending::Cancel => self.snow.cancel_order(&id).await,
                }
            };
            let sent = tokio::select! {
                sent = call => sent,
                () = stop.grace_over(GRACE_AFTER_SIGNAL) => {
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, sending, "interrupted before the service answered")));
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
                        // Refused for the order's state: another run (a
                        // second submit of one plan, a cancel racing this
                        // one) may have made this very change first.
                        if self.holds_already(&id, sending, stop).await {
                            return JobResult {
                                changes: Vec::new(),
                                request: None,
                                ..planned.with(Outcome::Unchanged, None)
                            };
                        }
                        let kind = OrderKind::of(&id);
                        e.message = format!(
                            "{} {id} left {} before the {} was applied; nothing was changed ({})",
                            kind.noun(),
                            kind.editable_state(),
                            sending.what(),
                            e.message
                        );
                    }
                    return planned.with(Outcome::Failed, Some(e));
                }
                Sent::Unknown(e) if stop.is_stopped() => {
                    return planned.with(
                        Outcome::Unknown,
                        Some(fate_unknown(&id, sending, &e.message)),
                    );
                }
                Sent::Unknown(e) => e,
            };
            let why = cause.message.trim_end_matches('.').to_string();
            let noun = OrderKind::of(&id).noun();
            // The re-read gets the grace an update in flight gets, no more.
            let reread = tokio::select! {
                reread = self.snow.describe_order_again(&id) => reread,
                () = stop.grace_over(GRACE_AFTER_SIGNAL) => {
                    let why = format!("{why}; interrupted while reading the {noun} again");
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, sending, &why)));
                }
            };
            let order = match reread {
                Ok(order) => order,
                Err(e) => {
                    let why = format!(
                        "{why}; reading the {noun} again failed too ({})",
                        e.message.trim_end_matches('.')
                    );
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, sending, &why)));
                }
            };
            let effect = match sending {
                Sending::Update(patch) => patch.in_effect(&order.job),
                Sending::Cancel if order.state.as_deref() == Some(CANCELLED) => Effect::All,
                Sending::Cancel if order.is_editable() => Effect::None,
                // Neither cancelled nor pending: whatever moved it, not known.
                Sending::Cancel => Effect::Partly,
            };
            match effect {
                Effect::All => return planned.with(Outcome::Updated, None),
                Effect::Partly => {
                    let kind = OrderKind::of(&id);
                    let why = match sending {
                        Sending::Cancel => format!(
                            "{why}; read again, the {} is {}, neither {CANCELLED} nor {} (its state moved on meanwhile)",
                            kind.noun(),
                            order.state.as_deref().unwrap_or("without a state"),
                            kind.editable_state()
                        ),
                        Sending::Update(_) => format!(
                            "{why}; read again, the {} has only part of the change (another edit may have come in between)",
                            kind.noun()
                        ),
                    };
                    return planned.with(Outcome::Unknown, Some(fate_unknown(&id, sending, &why)));
                }
                // Plainly not applied only while every member still holds
                // what it held before: a third value is someone else's
                // change, made over ours or instead of it.
                Effect::None if matches!(sending, Sending::Cancel) => {}
                Effect::None => {
                    let now = crate::core::patch::current_members(&order.job);
                    if let Some(moved) = planned
                        .changes
                        .iter()
                        .find(|c| !compare::same(&c.field, now.get(&c.field), Some(&c.before)))
                    {
                        let why = format!(
                            "{why}; read again, {} holds neither the change nor its value before (another edit may have come in between)",
                            moved.field
                        );
                        return planned
                            .with(Outcome::Unknown, Some(fate_unknown(&id, sending, &why)));
                    }
                }
            }
            let failure = not_applied.insert(Failure::new(
                Kind::Unreachable,
                cause.code,
                format!("{why}; the job was read again and does not have the change"),
            ));
            if attempt >= self.snow.max_attempts() || stop.is_stopped() {
                return planned.with(Outcome::Failed, Some(failure.clone()));
            }
            match self.plan_from(&id, &order).await {
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
            // A signal during the pause starts no new request.
            let pause = tokio::time::sleep(crate::aws::errors::backoff(attempt));
            if stop.until_stopped(pause).await.is_none() {
                return planned.with(Outcome::Failed, not_applied);
            }
        }
    }
}

impl Batch<'_> {
    /// Whether the order, read again after its update or cancel was refused
    /// for its state, holds the change all the same (not after a signal:
    /// then nothing new is asked).
    async fn holds_already(&self, id: &str, sending: &Sending, stop: &Stop) -> bool {
        if stop.is_stopped() {
            return false;
        }
        let reread = tokio::select! {
            reread = self.snow.describe_order_again(id) => reread,
            () = stop.grace_over(GRACE_AFTER_SIGNAL) => return false,
        };
        let Ok(order) = reread else {
            return false;
        };
        match sending {
            Sending::Update(patch) => patch.in_effect(&order.job) == Effect::All,
            Sending::Cancel => order.state.as_deref() == Some(CANCELLED),
        }
    }
}

/// The one change a cancel makes: the state, from pending to cancelled.
pub fn cancel_change(kind: OrderKind) -> Change {
    Change {
        field: kind.state_member().into(),
        before: kind.editable_state().into(),
        after: CANCELLED.into(),
    }
}

/// What a person is shown of an order to be cancelled.
fn summary(order: &Order) -> crate::report::OrderSummary {
    let job = &order.job;
    let text = |v: Option<&str>| v.unwrap_or_default().to_string();
    crate::report::OrderSummary {
        job_type: text(job.job_type().map(|t| t.as_str())),
        device: text(job.snowball_type().map(|t| t.as_str())),
        description: text(job.description()),
    }
}

/// A cancel's plan: the order's one state change, the request its ID alone.
/// An order already cancelled is unchanged (a cancel run again is safe).
fn plan_cancel(id: &str, order: &Order, command: &str) -> Result<Plan, Failure> {
    let result = |outcome| JobResult {
        operation: Some(order.kind.cancel_operation()),
        order: Some(summary(order)),
        ..JobResult::new(id, outcome)
    };
    if order.cluster_id.is_none() && order.state.as_deref() == Some(CANCELLED) {
        return Ok(Plan {
            result: result(Outcome::Unchanged),
            patch: None,
        });
    }
    ensure_editable(id, order, command)?;
    let kind = order.kind;
    let mut request = serde_json::Map::new();
    request.insert(kind.id_member().into(), id.into());
    Ok(Plan {
        result: JobResult {
            changes: vec![cancel_change(kind)],
            request: Some(serde_json::Value::Object(request)),
            ..result(Outcome::Planned)
        },
        patch: Some(Sending::Cancel),
    })
}

/// A reviewed entry's plan: already as reviewed (every changed field holds
/// its After, a cancelled order included) is unchanged; otherwise the order
/// must be editable and hold every Before, and is then sent the reviewed
/// request exactly. Anything else is a change made since the review.
fn plan_reviewed(entry: &crate::core::plan::Entry, order: &Order) -> Result<Plan, Failure> {
    let id = &entry.id;
    let current = crate::core::patch::current_members(&order.job);
    let state = order.state.clone().map(Json::String);
    let now = |field: &str| match entry.is_cancel() {
        true => state.as_ref(),
        false => current.get(field),
    };
    // What each changed field holds now.
    #[derive(PartialEq)]
    enum Holds {
        After,
        Before,
        Neither,
    }
    let held: Vec<(&str, Holds)> = entry
        .changes
        .iter()
        .map(|c| {
            let is = |value: &Json| compare::same(&c.field, now(&c.field), Some(value));
            let holds = match (is(&c.after), is(&c.before)) {
                (true, _) => Holds::After,
                (false, true) => Holds::Before,
                (false, false) => Holds::Neither,
            };
            (c.field.as_str(), holds)
        })
        .collect();
    let fields = |which: Holds| -> Vec<&str> {
        held.iter()
            .filter(|(_, h)| *h == which)
            .map(|(f, _)| *f)
            .collect()
    };
    let result = |outcome| JobResult {
        operation: entry.is_cancel().then_some(entry.operation),
        order: entry.is_cancel().then(|| summary(order)),
        ..JobResult::new(id, outcome)
    };
    let (applied, neither) = (fields(Holds::After), fields(Holds::Neither));
    if order.cluster_id.is_none() && applied.len() == held.len() {
        return Ok(Plan {
            result: result(Outcome::Unchanged),
            patch: None,
        });
    }
    // A node job is edited, or cancelled, through its cluster.
    let instead = if entry.is_cancel() { "cancel" } else { "edit" };
    ensure_editable(id, order, instead)?;
    let changed = match (neither.is_empty(), applied.is_empty()) {
        (true, true) => None,
        (false, _) => Some(format!(
            "{} holds neither the plan's Before nor its After",
            neither.join(", ")
        )),
        (true, false) => Some(format!(
            "{} already holds the plan's After, the rest its Before",
            applied.join(", ")
        )),
    };
    if let Some(changed) = changed {
        return Err(Failure::of(
            Code::JobChanged,
            format!(
                "{} {id} changed since the plan was made: {changed}; nothing was sent for it. Make and review a new plan",
                order.kind.noun(),
            ),
        ));
    }
    let sending = match entry.is_cancel() {
        true => Sending::Cancel,
        false => {
            let request = entry.request.as_object();
            let patch = Patch::of(|name| request.and_then(|r| r.get(name)).cloned())
                .map_err(Failure::invalid)?;
            checks::patch_fits_job(&order.job, &patch)?;
            Sending::Update(Box::new(patch))
        }
    };
    Ok(Plan {
        result: JobResult {
            changes: entry.changes.clone(),
            request: Some(entry.request.clone()),
            ..result(Outcome::Planned)
        },
        patch: Some(sending),
    })
}

pub fn job_changed(id: &str, when: &str) -> Failure {
    Failure::of(
        Code::JobChanged,
        format!(
            "{} {id} changed {when}; nothing was sent for it. Run the command again to see the new plan",
            OrderKind::of(id).noun()
        ),
    )
}

impl Sending {
    /// `update` or `cancel`, for messages.
    fn what(&self) -> &'static str {
        match self {
            Sending::Update(_) => "update",
            Sending::Cancel => "cancel",
        }
    }
}

fn fate_unknown(id: &str, sending: &Sending, why: &str) -> Failure {
    let what = sending.what();
    Failure::of(
        Code::UpdateFateUnknown,
        format!(
            "{} {id}: the {what} was sent but whether it was applied is not known ({why}); check with `snowjob show {id}`",
            OrderKind::of(id).noun()
        ),
    )
}

/// Refuses an order that cannot be edited: a node job (edited through its
/// cluster: `command` says what to run instead), or one no longer in its
/// kind's editable state.
pub fn ensure_editable(id: &str, order: &Order, command: &str) -> Result<(), Failure> {
    if let Some(cluster) = &order.cluster_id {
        let command = if command.is_empty() { "edit" } else { command };
        let message = if command == "cancel" {
            format!(
                "job {id} is a node job of cluster {cluster}, which is cancelled with its node jobs; nothing was sent for it. Cancel the cluster instead: `snowjob cancel {cluster}`"
            )
        } else {
            format!(
                "job {id} is a node job of cluster {cluster}, which sets its members; nothing was sent for it. Edit the cluster instead: `snowjob {command} {cluster} ...`"
            )
        };
        return Err(Failure::of(Code::NodeJob, message));
    }
    if order.is_editable() {
        return Ok(());
    }
    let kind = order.kind;
    Err(Failure::of(
        Code::JobNotEditable,
        format!(
            "{} {id} is {}; it can only be edited while {} (usually the first {} minutes after it was ordered)",
            kind.noun(),
            order.state.as_deref().unwrap_or("in an unknown state"),
            kind.editable_state(),
            snowball_model::facts::EDIT_WINDOW.as_secs() / 60
        ),
    ))
}

/// Refuses a cluster an edit of members UpdateCluster lacks.
fn not_for_cluster<'m>(
    id: &str,
    members: impl IntoIterator<Item = &'m str>,
) -> Result<(), Failure> {
    let kind = OrderKind::of(id);
    let lacking: Vec<&str> = members
        .into_iter()
        .filter(|m| crate::core::compare::member_shape(kind.request_shape(), m).is_none())
        .collect();
    if lacking.is_empty() {
        return Ok(());
    }
    Err(Failure::of(
        Code::NotForCluster,
        format!(
            "cluster {id}: {} cannot be set on a cluster ({} has no such member); nothing was sent for it",
            lacking.join(", "),
            kind.update_operation()
        ),
    ))
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
