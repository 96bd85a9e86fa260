//! `cancel ID...`: cancel pending jobs (CancelJob while New) and clusters
//! (CancelCluster while AwaitingQuorum). It cannot be undone, so a person at a
//! terminal is always asked, and a script must say `--yes`.

use clap::Args;

use crate::args::{Global, JobIds};
use crate::core::pipeline::{Action, Edit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};

/// Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible.
///
/// Each order is read first: a node job is refused (cancel its cluster),
/// one in another state is refused naming it (exit 3), and one already
/// Cancelled is unchanged (one another run cancels first too), so running
/// the command again, or twice at once, is safe. On a
/// terminal it always asks, even for one order; without a terminal it needs
/// --yes (exit 2 otherwise, nothing sent). --dry-run sends nothing. Each
/// cancel is reported as a change of JobState (or ClusterState) to
/// Cancelled and recorded in the history; undo refuses to revert it.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct CancelArgs {
    #[command(flatten)]
    pub ids: JobIds,
}

impl super::Declared for CancelArgs {
    const WHAT: super::What = super::What::Edit;
}

/// A cancel, through the same pipeline as every edit.
#[derive(Debug)]
pub struct Cancel;

impl Edit for Cancel {
    fn action(&self, _id: &str) -> Result<Action<'_>, Failure> {
        Ok(Action::Cancel)
    }

    fn question(&self, ids: &[&str]) -> String {
        let plural = if ids.len() == 1 { "" } else { "s" };
        format!(
            "Cancel {} order{plural}? This cannot be undone. [y/N] ",
            ids.len()
        )
    }
}

pub async fn run(global: &Global, args: &CancelArgs, stop: &Stop) -> Result<i32, Failure> {
    let terminal = global.terminal.can_ask();
    if !terminal && !global.yes && !global.dry_run {
        return Err(Failure::of(
            Code::NeedsYes,
            "cancel cannot be undone: without a terminal to ask on, give --yes to cancel (or --dry-run to see what would be cancelled); nothing was sent",
        ));
    }
    let Some((ids, snow)) = super::connect_for_edit(global, &args.ids.jobs, stop).await? else {
        return Ok(0);
    };
    // Asked even for one order: `1`.
    Ok(super::edit_jobs(global, &snow, &ids, &Cancel, 1, stop)
        .await
        .0)
}

/// Shown at the end of `cancel --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "See what would be cancelled, sending nothing",
        "snowjob cancel JID123e4567-e89b-12d3-a456-426655440000 --dry-run",
    ),
    (
        "Cancel a job ordered twice (asks first on a terminal)",
        "snowjob cancel JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "Cancel a pending cluster from a script",
        "snowjob cancel CID123e4567-e89b-12d3-a456-426655440000 --yes",
    ),
];
