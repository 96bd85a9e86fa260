use std::collections::{HashMap, HashSet};

use clap::Args;

use crate::args::{Global, JobIds};
use crate::core::stop::Stop;
use crate::core::undo::Undo;
use crate::failure::Failure;

/// Revert each job's last recorded edit, through the same checks as any edit.
///
/// The last edit of the job recorded in the history for this region and
/// endpoint is undone: every member it changed is set back to its value
/// before. Refused for a job, with nothing sent for it, when the job is no
/// longer New (exit 3), when no edit of it is recorded (exit 4, NoHistory),
/// when a member it changed no longer holds the value it set (someone changed
/// it since; exit 3, ChangedSinceEdit), or when it set a member the job did
/// not have before (exit 3, CannotRemove: UpdateJob cannot remove a value; a
/// structure goes back to empty instead). A job already back as it was is
/// unchanged. --dry-run, confirmation and the re-read before sending work as
/// for every edit. An undo is itself recorded, so undoing twice re-applies
/// the edit. With the history off, or not a regular file, undo is refused
/// (exit 2).
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct UndoArgs {
    #[command(flatten)]
    pub ids: JobIds,
}

impl super::Declared for UndoArgs {
    const WHAT: super::What = super::What::Edit;
}

pub async fn run(global: &Global, args: &UndoArgs, stop: &Stop) -> Result<i32, Failure> {
    let path = super::history::file()?;
    let Some((ids, snow)) = super::connect_for_edit(global, &args.ids.jobs, stop).await? else {
        return Ok(0);
    };
    // The last record of each job sent through this region and endpoint.
    let target = super::history::target(&snow);
    let wanted: HashSet<&String> = ids.iter().collect();
    let Some(records) = super::history::read(global, &path, stop).await? else {
        return Ok(0);
    };
    let mut last = HashMap::new();
    for r in records {
        if wanted.contains(&r.job_id) && r.sent_to(&target) {
            last.insert(r.job_id.clone(), r);
        }
    }
    Ok(
        super::edit_jobs(global, &snow, &ids, &Undo { last }, 2, stop)
            .await
            .0,
    )
}

/// Shown at the end of `undo --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Put back what the last edit of a job changed",
        "snowjob undo JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "See what an undo would send, without sending it",
        "snowjob undo JID123e4567-e89b-12d3-a456-426655440000 --dry-run",
    ),
    (
        "Undo again: re-applies the edit that was undone",
        "snowjob undo JID123e4567-e89b-12d3-a456-426655440000",
    ),
];
