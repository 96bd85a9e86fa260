//! `history`, and the recording every edit command does as each job's
//! outcome is known.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use clap::Args;

use crate::args::Global;
use crate::aws::client::Snow;
use crate::core::pipeline::{GRACE_AFTER_SIGNAL, Progress};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure, Warning};
use crate::history_file::{self, Location, NotRegular, Record, Target};
use crate::output::render;
use crate::report::JobResult;
use crate::text::quote;

/// Show the edits snowjob has sent, oldest first.
///
/// Every UpdateJob whose outcome was updated or unknown is recorded, one JSON
/// line each: Time, JobId, Region, Endpoint (when not the region's own; never
/// with a user:password), Profile, Command, Outcome, Changes (Field, Before,
/// After) and Request, appended as soon as that job's outcome is known.
/// Dry runs and unchanged or failed edits are not. The file is
/// $SNOWJOB_HISTORY (off turns the history off; empty counts as unset),
/// else $XDG_STATE_HOME/snowjob/history.jsonl, else
/// ~/.local/state/snowjob/history.jsonl. It must be a regular file (a
/// symbolic link, FIFO, device or directory is refused: exit 2, nothing read
/// through it); it is created, or tightened, readable by you alone (mode
/// 0600: it holds pickup details as sent, never a credential). A history
/// that cannot be written is a warning, never a failed edit. Text
/// output is TIME, JOB_ID, OUTCOME and the changed members, comma-joined; a
/// line that is not a record is skipped with a warning naming it.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct HistoryArgs {
    /// Only these jobs (JID + UUID), or - to read them from stdin; every job when none is given.
    #[arg(value_name = "JOB_ID", value_parser = crate::args::job_id_or_dash)]
    pub jobs: Vec<String>,
}

impl super::Declared for HistoryArgs {
    const WHAT: super::What = super::What::Read;
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
    match history_file::configured() {
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
    let printed = super::ui::print::print(global, "History", &records, || {
        render::history(&records, global.output, &global.style())
    });
    Ok(super::ui::print::exit_code(0, printed))
}

/// The history file `undo` reads: refused when there is none.
pub fn file() -> Result<PathBuf, Failure> {
    match history_file::configured() {
        Location::File(path) => Ok(path),
        other => Err(Failure::invalid(format!(
            "{}, so there is no recorded edit to undo",
            not_kept(&other)
        ))),
    }
}

fn not_kept(location: &Location) -> String {
    match location {
        Location::Off => format!("The history is off ({}=off)", history_file::VARIABLE),
        _ => format!(
            "No history is kept: there is no home directory; set {} to a file",
            history_file::VARIABLE
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
        history_file::read(&owned, |r| records.push(r)).map(|warnings| (records, warnings))
    });
    let Some(joined) = stop.until_stopped(reading).await else {
        return Ok(None);
    };
    let unreadable = |why: String| {
        Failure::of(
            Code::HistoryUnreadable,
            format!("the history {} cannot be read: {why}", shown(path)),
        )
    };
    let (records, warnings) = joined
        .map_err(|e| unreadable(e.to_string()))?
        .map_err(|e| match NotRegular::of(&e) {
            Some(refusal) => Failure::invalid(format!(
                "the history {} cannot be used: {refusal}; nothing was read through it",
                shown(path)
            )),
            None => unreadable(e.to_string()),
        })?;
    for w in warnings.iter().take(MAX_WARNINGS) {
        global.warn(
            Warning::HistoryLineSkipped,
            &format!(
                "the history {}: {}; skipped",
                shown(path),
                crate::text::message(w)
            ),
        );
    }
    if warnings.len() > MAX_WARNINGS {
        global.warn(
            Warning::HistoryLineSkipped,
            &format!(
                "the history {}: {} more lines are not records; skipped",
                shown(path),
                warnings.len() - MAX_WARNINGS
            ),
        );
    }
    Ok(Some(records))
}

/// Where this connection's edits go, as the history records it.
pub fn target(snow: &Snow) -> Target {
    Target {
        region: snow.region().to_string(),
        endpoint: history_file::endpoint(snow.endpoint(), snow.region()),
        profile: snow.profile().to_string(),
    }
}

/// Records each UpdateJob in the history as soon as its outcome is known,
/// through [`Recorder::callback`] (the pipeline calls it with each job's
/// result): a process killed later in the batch has recorded every update it
/// settled. The records are written by a thread of their own, so a slow or
/// locked file holds up no request; [`Recorder::finish`] waits for them and
/// says, once, what could not be written. The edits have happened: a history
/// that cannot be written is a warning, never a failure.
pub struct Recorder {
    shared: Arc<Shared>,
}

struct Shared {
    location: Location,
    target: Target,
    command: String,
    /// Started with the first record.
    writer: Mutex<Option<Writer>>,
    /// Records that could not be kept anywhere (no home directory).
    nowhere: AtomicUsize,
}

struct Writer {
    records: mpsc::Sender<Record>,
    /// How many were handed to it.
    sent: usize,
    tally: Arc<Mutex<Tally>>,
    done: tokio::task::JoinHandle<()>,
}

/// What the writer has done so far.
#[derive(Clone, Default)]
struct Tally {
    /// Records it is done with, written or not.
    settled: usize,
    /// Records it could not write, and why (the first reason).
    failed: usize,
    why: Option<String>,
}

impl Recorder {
    pub fn new(global: &Global, snow: &Snow) -> Recorder {
        Recorder {
            shared: Arc::new(Shared {
                location: history_file::configured(),
                target: target(snow),
                command: global.command_line.clone(),
                writer: Mutex::new(None),
                nowhere: AtomicUsize::new(0),
            }),
        }
    }

    /// What the pipeline calls with each job's result: a record for an
    /// `updated` or `unknown` one, stamped with the time it was known.
    pub fn callback(&self) -> Progress {
        let shared = Arc::clone(&self.shared);
        Box::new(move |result: &JobResult| shared.record(result))
    }

    /// Waits until every record is written, then warns (once) about those
    /// that could not be. After a signal (one that came during the batch, or
    /// comes now) the wait is bounded, as for updates in flight: the results
    /// are still printed when another process holds the file's lock.
    pub async fn finish(self, global: &Global, stop: &Stop) {
        let writer = lock(&self.shared.writer).take();
        let (mut count, mut why) = (0, None);
        if let Some(Writer {
            records,
            sent,
            tally,
            mut done,
        }) = writer
        {
            drop(records);
            let finished = tokio::select! {
                joined = &mut done => joined.is_ok(),
                () = stop.grace_over(GRACE_AFTER_SIGNAL) => false,
            };
            let tally = lock(&tally).clone();
            (count, why) = (tally.failed, tally.why);
            if !finished && sent > tally.settled {
                count += sent - tally.settled;
                why.get_or_insert_with(|| {
                    format!(
                        "could not be written to {} in time (another process may hold its lock)",
                        shown(self.shared.path())
                    )
                });
            }
        }
        let nowhere = self.shared.nowhere.load(Ordering::Relaxed);
        if nowhere > 0 {
            count += nowhere;
            why = Some(format!(
                "could not be kept: there is no home directory; set {}",
                history_file::VARIABLE
            ));
        }
        if count == 0 {
            return;
        }
        let why = why.unwrap_or_default();
        global.warn(
            Warning::HistoryNotRecorded,
            &if count == 1 {
                format!(
                    "the edit was made, but its record in the history {why} (`undo` will not know it)"
                )
            } else {
                format!(
                    "{count} edits were made, but their records in the history {why} (`undo` will not know them)"
                )
            },
        );
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    fn path(&self) -> &Path {
        match &self.location {
            Location::File(path) => path,
            _ => Path::new(""),
        }
    }

    fn record(&self, result: &JobResult) {
        let now = aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs();
        let time = crate::aws::convert::timestamp(&aws_smithy_types::DateTime::from_secs(now));
        let records = history_file::records(
            std::slice::from_ref(result),
            &self.target,
            &self.command,
            &time,
        );
        let Some(record) = records.into_iter().next() else {
            return;
        };
        let path = match &self.location {
            Location::File(path) => path,
            Location::Off => return,
            Location::Nowhere => {
                self.nowhere.fetch_add(1, Ordering::Relaxed);
                return;
            }
        };
        let mut writer = lock(&self.writer);
        let writer = writer.get_or_insert_with(|| {
            let (records, received) = mpsc::channel();
            let tally = Arc::new(Mutex::new(Tally::default()));
            let (path, told) = (path.clone(), Arc::clone(&tally));
            let done = tokio::task::spawn_blocking(move || write(&path, received, &told));
            Writer {
                records,
                sent: 0,
                tally,
                done,
            }
        });
        // The writer ends only when the sender is dropped (by `finish`).
        writer.sent += 1;
        let _ = writer.records.send(record);
    }
}

/// The writer: the file is opened (and checked) once, at the first record;
/// each record is appended, under the lock, as it comes.
fn write(path: &Path, records: mpsc::Receiver<Record>, tally: &Mutex<Tally>) {
    let mut file: Option<Result<std::fs::File, String>> = None;
    let cannot = |e: std::io::Error| match NotRegular::of(&e) {
        Some(refusal) => format!(
            "could not be written: {} is {}, not a regular file, so nothing is written through it",
            shown(path),
            refusal.0
        ),
        None => format!("could not be written to {}: {e}", shown(path)),
    };
    for record in records {
        let opened =
            file.get_or_insert_with(|| history_file::open_for_append(path).map_err(cannot));
        let written = match opened {
            Ok(f) => history_file::append_to(f, std::slice::from_ref(&record)).map_err(cannot),
            Err(why) => Err(why.clone()),
        };
        let mut tally = lock(tally);
        tally.settled += 1;
        if let Err(why) = written {
            tally.failed += 1;
            tally.why.get_or_insert(why);
        }
    }
}

fn shown(path: &Path) -> String {
    quote(&path.display().to_string())
}

/// Shown at the end of `history --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Every edit snowjob has sent, oldest first",
        "snowjob history",
    ),
    (
        "One job's edits, as data",
        "snowjob history JID123e4567-e89b-12d3-a456-426655440000 -o json",
    ),
    (
        "Which members each edit changed",
        "snowjob history -o text | cut -f2,4",
    ),
];
