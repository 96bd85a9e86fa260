use std::collections::{HashMap, HashSet};

use clap::Args;

use crate::args::{Global, JobIds};
use crate::core::stop::Stop;
use crate::core::undo::Undo;
use crate::failure::Failure;

/// `undo`; its help is the doc comment of its `Command` variant in `cli`.
#[derive(Args, Debug)]
pub struct UndoArgs {
    #[command(flatten)]
    pub ids: JobIds,
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
