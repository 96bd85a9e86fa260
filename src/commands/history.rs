//! `history`, and the recording every edit command does after its results are known.

use std::path::{Path, PathBuf};

use clap::Args;

use crate::aws::client::Snow;
use crate::cli::Global;
use crate::core::stop::Stop;
use crate::failure::{Failure, Kind};
use crate::history::{self, Location, Record, Target};
use crate::output::render;
use crate::report::JobResult;
use crate::text::quote;

/// `history`; its help is on [`crate::cli::Command::History`].
#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Only these jobs (JID + UUID), or - to read them from stdin; every job when none is given.
    #[arg(value_name = "JOB_ID", value_parser = crate::cli::job_id_or_dash)]
    pub jobs: Vec<String>,
}

pub async fn run(global: &Global, args: &HistoryArgs, stop: &Stop) -> Result<i32, Failure> {
    let ids = if args.jobs.is_empty() {
        Vec::new()
    } else {
        super::read_job_ids(&args.jobs, stop).await?
    };
    if stop.is_stopped() {
        return Ok(0);
    }
    let mut records: Vec<Record> = Vec::new();
    match history::configured() {
        Location::File(path) => {
            let Some(all) = read(global, &path, stop).await? else {
                return Ok(0);
            };
            records.extend(
                all.into_iter()
                    .filter(|r| ids.is_empty() || ids.contains(&r.job_id)),
            );
        }
        other => global.note(&format!("{}.", not_kept(&other))),
    }
    let printed = super::print::print(global, "History", &records, || {
        render::history(&records, global.output, &global.style())
    });
    Ok(super::print::exit_code(0, printed))
}

/// The history file `undo` reads: refused when there is none.
pub fn file() -> Result<PathBuf, Failure> {
    match history::configured() {
        Location::File(path) => Ok(path),
        other => Err(Failure::invalid(format!(
            "{}, so there is no recorded edit to undo",
            not_kept(&other)
        ))),
    }
}

fn not_kept(location: &Location) -> String {
    match location {
        Location::Off => format!("The history is off ({}=off)", history::VARIABLE),
        _ => format!(
            "No history is kept: there is no home directory; set {} to a file",
            history::VARIABLE
        ),
    }
}

/// Lines that are not records named one by one; the rest are counted.
const MAX_WARNINGS: usize = 10;

/// Reads the history, warning about each line that is not a record. The
/// reading goes on in a thread of its own, so that Ctrl-C ends even a read
/// that never ends (a history pointed at /dev/zero): `None` then.
pub async fn read(
    global: &Global,
    path: &Path,
    stop: &Stop,
) -> Result<Option<Vec<Record>>, Failure> {
    let owned = path.to_path_buf();
    let reading = tokio::task::spawn_blocking(move || {
        let mut records = Vec::new();
        history::read(&owned, |r| records.push(r)).map(|warnings| (records, warnings))
    });
    let Some(joined) = stop.until_stopped(reading).await else {
        return Ok(None);
    };
    let unreadable = |why: String| {
        Failure::new(
            Kind::Config,
            "HistoryUnreadable",
            format!("the history {} cannot be read: {why}", shown(path)),
        )
    };
    let (records, warnings) = joined
        .map_err(|e| unreadable(e.to_string()))?
        .map_err(|e| unreadable(e.to_string()))?;
    for w in warnings.iter().take(MAX_WARNINGS) {
        global.note(&format!(
            "warning: the history {}: {}; skipped",
            shown(path),
            crate::text::message(w)
        ));
    }
    if warnings.len() > MAX_WARNINGS {
        global.note(&format!(
            "warning: the history {}: {} more lines are not records; skipped",
            shown(path),
            warnings.len() - MAX_WARNINGS
        ));
    }
    Ok(Some(records))
}

/// Where this connection's edits go, as the history records it.
pub fn target(snow: &Snow) -> Target {
    Target {
        region: snow.region().to_string(),
        endpoint: history::endpoint(snow.endpoint(), snow.region()),
        profile: snow.profile().to_string(),
    }
}

/// Appends the results' UpdateJobs to the history. The edits have happened:
/// a history that cannot be written is a warning, never a failure.
pub fn record(global: &Global, snow: &Snow, results: &[JobResult]) {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let now = aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs();
    let records = history::records(
        results,
        &target(snow),
        &crate::cli::command_line(&args),
        &crate::aws::convert::timestamp(&aws_smithy_types::DateTime::from_secs(now)),
    );
    if records.is_empty() {
        return;
    }
    let written = match history::configured() {
        Location::File(path) => history::append(&path, &records)
            .map_err(|e| format!("could not be written to {}: {e}", shown(&path))),
        Location::Off => Ok(()),
        Location::Nowhere => Err(format!(
            "could not be kept: there is no home directory; set {}",
            history::VARIABLE
        )),
    };
    if let Err(why) = written {
        global.note(&format!(
            "warning: the edit was made, but its record in the history {why} (`undo` will not know it)"
        ));
    }
}

fn shown(path: &Path) -> String {
    quote(&path.display().to_string())
}
