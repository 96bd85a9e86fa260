//! `cancel ID...`: cancel pending jobs (CancelJob while New) and clusters
//! (CancelCluster while AwaitingQuorum). It cannot be undone, so a person at a
//! terminal is always asked, and a script must say `--yes`.

use std::io::IsTerminal;

use aws_sdk_snowball::types::JobMetadata;
use clap::Args;

use crate::args::{Global, JobIds};
use crate::core::patch::Patch;
use crate::core::pipeline::{Action, Context, Edit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};

/// `cancel`; its help is the doc comment of its `Command` variant in `cli`.
#[derive(Args, Debug)]
pub struct CancelArgs {
    #[command(flatten)]
    pub ids: JobIds,
}

/// A cancel, through the same pipeline as every edit.
#[derive(Debug)]
pub struct Cancel;

impl Edit for Cancel {
    fn patch(&self, _job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        Ok(Patch::default())
    }

    fn action(&self) -> Action {
        Action::Cancel
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
    let terminal = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
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
