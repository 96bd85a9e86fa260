//! One module per subcommand; each turns its arguments into an [`Edit`] (or a
//! read) and hands it to the shared runner here.

pub mod add_s3_resource;
pub mod addresses;
pub mod apply;
pub mod cancel;
pub mod clusters;
pub mod completions;
pub mod edit;
pub mod history;
pub mod list;
pub mod remove_s3_resource;
pub mod set_capacity;
pub mod set_nfs_limit;
pub mod set_shipping;
pub mod show;
pub mod submit;
pub mod ui;
pub mod undo;

use std::io::{BufRead, IsTerminal, Read};

use crate::args::{Format, Global};
use crate::aws::client::{Settings, Sink, Snow};
use crate::aws::config::Overrides;
use crate::core::pipeline::{self as pipeline, Edit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure, Warning, first_exit_code};
use crate::output::message::Message;
use crate::output::render::{self, Style};
use crate::output::stdio;
use crate::report::{JobResult, Outcome};

impl Global {
    pub fn settings(&self) -> Settings {
        Settings {
            overrides: Overrides {
                profile: self.profile.clone(),
                region: self.region.clone(),
                endpoint_url: self.endpoint_url.clone(),
                max_attempts: self.max_attempts,
            },
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            warnings: if self.quiet {
                Sink::nowhere()
            } else {
                ui::say::sink()
            },
            trace: self.debug.then(ui::say::sink),
            ..Default::default()
        }
    }

    pub fn style(&self) -> Style {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !self.no_color && !no_color_env && std::io::stdout().is_terminal(),
            width: render::terminal_width(),
        }
    }

    /// Progress and other notes: stderr, unless --quiet.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            stdio::say(&Message::info(message));
        }
    }

    /// A warning, with its code: stderr, unless --quiet.
    pub fn warn(&self, code: Warning, message: &str) {
        if !self.quiet {
            stdio::say(&Message::warning(code, message));
        }
    }
}

/// The error that ends the run, once, on stderr: escaped, with its causes
/// under --debug; it decides the exit code.
pub fn say_error(global: &Global, failure: &Failure) {
    stdio::say(&ui::say::error(global, failure).deciding(failure.exit_code()));
}

/// Longest line of job IDs read from stdin; a longer one is refused.
const MAX_ID_LINE: usize = 1024;

/// The job IDs to work on: `-` reads stdin (one a line; blank lines and `#`
/// comments skipped). Every ID is checked before any request; repeats are dropped.
pub fn resolve_job_ids(given: &[String], stdin: &mut dyn BufRead) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| -> Result<(), Failure> {
        let id = crate::args::job_id(id).map_err(Failure::invalid)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
        Ok(())
    };
    let mut read_stdin = false;
    for arg in given {
        if arg != "-" {
            push(arg)?;
            continue;
        }
        if read_stdin {
            continue;
        }
        read_stdin = true;
        let mut n = 0;
        while let Some(line) = bounded_line(stdin)
            .map_err(|e| Failure::invalid(format!("reading job IDs from stdin: {e}")))?
        {
            n += 1;
            let line = line.map_err(|len| {
                Failure::invalid(format!(
                    "stdin line {n} is longer than {MAX_ID_LINE} bytes ({len} or more); a job ID is 39"
                ))
            })?;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            push(line).map_err(|e| Failure::invalid(format!("stdin line {n}: {}", e.message)))?;
        }
    }
    if ids.is_empty() {
        return Err(Failure::invalid("no job IDs were given (stdin had none)"));
    }
    Ok(ids)
}

/// One line of at most MAX_ID_LINE bytes: `Ok(None)` at the end, `Err(len)`
/// inside for a longer line, which is not read further.
fn bounded_line(stdin: &mut dyn BufRead) -> std::io::Result<Option<Result<String, usize>>> {
    let mut bytes = Vec::new();
    let read = Read::take(&mut *stdin, MAX_ID_LINE as u64 + 1).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    if body.len() > MAX_ID_LINE {
        return Ok(Some(Err(body.len())));
    }
    Ok(Some(Ok(String::from_utf8_lossy(body).into_owned())))
}

/// The file at `path`, at most `limit` bytes and one more (so that a larger
/// one shows as larger, without reading it all).
pub fn read_at_most(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read_at_most`] of a path or `-` (stdin), in a thread of its own so that
/// Ctrl-C or SIGTERM ends the wait (a terminal or a FIFO may hold the read);
/// `None` when a signal came first.
pub async fn read_input(
    source: &std::path::Path,
    limit: u64,
    stop: &Stop,
) -> Option<std::io::Result<Vec<u8>>> {
    let source = source.to_path_buf();
    let reading = tokio::task::spawn_blocking(move || {
        if source.as_os_str() != "-" {
            return read_at_most(&source, limit);
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    stop.until_stopped(reading)
        .await
        .map(|read| read.unwrap_or_else(|e| Err(std::io::Error::other(e))))
}

/// `resolve_job_ids` on the process's stdin; reading a terminal gives way to
/// Ctrl-C (the read goes on in a thread of its own, left behind).
pub async fn read_job_ids(given: &[String], stop: &Stop) -> Result<Vec<String>, Failure> {
    if !given.iter().any(|g| g == "-") {
        return resolve_job_ids(given, &mut std::io::empty());
    }
    let given = given.to_vec();
    let reading =
        tokio::task::spawn_blocking(move || resolve_job_ids(&given, &mut std::io::stdin().lock()));
    match stop.until_stopped(reading).await {
        Some(Ok(ids)) => ids,
        Some(Err(e)) => Err(Failure::of(
            Code::InternalError,
            format!("reading job IDs from stdin: {e}"),
        )),
        None => Ok(Vec::new()),
    }
}

/// The jobs a command works on: the IDs given (`-` reads stdin) or, with none,
/// those a person at a terminal picks from the jobs still New (one or several).
/// An empty list means a signal came first.
pub async fn job_ids(
    global: &Global,
    given: &[String],
    pick: ui::pick::Pick,
    stop: &Stop,
) -> Result<Vec<String>, Failure> {
    if !given.is_empty() {
        return read_job_ids(given, stop).await;
    }
    if !(std::io::stdin().is_terminal() && std::io::stderr().is_terminal()) {
        return Err(Failure::invalid(
            "no job IDs were given: name them, or give - to read them from stdin",
        ));
    }
    ui::pick::pending_jobs(global, pick, stop).await
}

/// Runs an edit command end to end and returns the exit code.
pub async fn run_edit(
    global: &Global,
    job_args: &[String],
    edit: &dyn Edit,
    stop: &Stop,
) -> Result<i32, Failure> {
    match connect_for_edit(global, job_args, stop).await? {
        Some((ids, snow)) => Ok(edit_jobs(global, &snow, &ids, edit, 2, stop).await.0),
        None => Ok(0),
    }
}

/// The job IDs an edit is for (given, or picked on a terminal) and the
/// connection it goes through; `None` when interrupted while reading the IDs.
pub async fn connect_for_edit(
    global: &Global,
    job_args: &[String],
    stop: &Stop,
) -> Result<Option<(Vec<String>, Snow)>, Failure> {
    let ids = job_ids(global, job_args, ui::pick::Pick::Several, stop).await?;
    Ok(connect(global, stop).await?.map(|snow| (ids, snow)))
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

/// The subcommand as typed (`set-shipping`), from the recorded command line.
fn subcommand(global: &Global) -> &str {
    global.command_line.split(' ').next().unwrap_or_default()
}

/// Edits the jobs, records each update in the history as its outcome is
/// known, and reports: a person at a terminal confirms the plan first when
/// there are `confirm_from` jobs or more. Returns the exit code and the results.
pub async fn edit_jobs(
    global: &Global,
    snow: &Snow,
    ids: &[String],
    edit: &dyn Edit,
    confirm_from: usize,
    stop: &Stop,
) -> (i32, Vec<JobResult>) {
    let recorder = history::Recorder::new(global, snow);
    // The plan only reads; the history is told of the results of sending.
    let opts = |bar: &ui::progress::Bar, sending: bool| pipeline::Options {
        command: subcommand(global).to_string(),
        dry_run: global.dry_run,
        concurrency: global.concurrency.into(),
        progress: ui::progress::both(bar.callback(), sending.then(|| recorder.callback())),
    };
    let interactive =
        !global.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if ids.len() > 1 && std::io::stderr().is_terminal() {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        global.note(&format!("Reading {}...", pipeline::orders(&ids)));
    }
    let editing = || ui::progress::Bar::new(global, ids.len(), "Editing", snow);
    let results = if !(interactive && ids.len() >= confirm_from && !global.dry_run) {
        let bar = editing();
        let results = pipeline::run(snow, ids, edit, &opts(&bar, true), None, stop).await;
        bar.clear();
        results
    } else {
        // A person confirms the plan; each job is then read again before it is sent.
        let bar = ui::progress::Bar::new(global, ids.len(), "Reading", snow);
        let planned = pipeline::plan(snow, ids, edit, &opts(&bar, false), stop).await;
        bar.clear();
        match planned {
            Ok(planned) if planned.iter().any(|r| r.outcome == Outcome::Planned) => {
                if !ask_to_confirm(global, &planned, edit, stop).await {
                    return not_confirmed(global, planned, stop);
                }
                let bar = editing();
                let results =
                    pipeline::run(snow, ids, edit, &opts(&bar, true), Some(&planned), stop).await;
                bar.clear();
                results
            }
            other => other,
        }
    };
    recorder.finish(global, stop).await;
    match results {
        Ok(results) => (report_edit(global, snow, &results, stop), results),
        Err(e) => {
            say_error(global, &e);
            (e.exit_code(), Vec::new())
        }
    }
}

/// Declined or interrupted: nothing was sent. The table was on screen already.
fn not_confirmed(global: &Global, planned: Vec<JobResult>, stop: &Stop) -> (i32, Vec<JobResult>) {
    let skipped: Vec<JobResult> = planned
        .into_iter()
        .map(|r| match r.outcome {
            Outcome::Planned => JobResult::skipped(&r.job_id),
            _ => r,
        })
        .collect();
    let printed = match global.output {
        Format::Table if global.query.is_none() => Ok(()),
        _ => ui::print::results(global, &skipped),
    };
    // Each order refused while planning says why, once; declined is the
    // run's failure (exit 1), and an interrupt says itself.
    ui::say::order_errors(global, order_errors(&skipped), false);
    let declined = Failure::of(Code::Declined, "not confirmed; nothing was sent");
    if !stop.is_stopped() {
        say_error(global, &declined);
    }
    let code = ui::print::exit_code(declined.exit_code(), printed);
    (code, skipped)
}

/// Shows the plan on stderr and asks; Ctrl-C (or end of input) is a no.
async fn ask_to_confirm(
    global: &Global,
    planned: &[JobResult],
    edit: &dyn Edit,
    stop: &Stop,
) -> bool {
    let ids: Vec<&str> = planned
        .iter()
        .filter(|r| r.outcome == Outcome::Planned)
        .map(|r| r.job_id.as_str())
        .collect();
    // A cancel lists what each order is: it cannot be undone.
    let cancelling = planned.iter().any(|r| r.order.is_some());
    match edit.action() {
        pipeline::Action::Cancel => stdio::err(&render::cancels(planned, &global.style())),
        pipeline::Action::Update => {
            stdio::err(&render::results(planned, Format::Table, &global.style()));
            if cancelling {
                stdio::err("To be cancelled (this cannot be undone):\n");
                stdio::err(&render::cancels(planned, &global.style()));
            }
        }
    }
    stdio::err(&edit.question(&ids));
    let answer = tokio::task::spawn_blocking(|| {
        let mut answer = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut answer)
            .map(|_| answer)
    });
    match stop.until_stopped(answer).await {
        Some(Ok(Ok(answer))) => matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes"),
        None => {
            stdio::err("\n");
            false
        }
        _ => false,
    }
}

/// An edit's results reported ([`report`]) and, with --plan, the plan of them
/// written: every edit run that ends leaves FILE holding its own plan, with
/// no orders when none would change, so an older plan never survives it. An
/// interrupted run writes none (it would leave orders out).
pub fn report_edit(global: &Global, snow: &Snow, results: &[JobResult], stop: &Stop) -> i32 {
    let code = report(global, results);
    let Some(path) = global.plan.as_deref().filter(|_| !stop.is_stopped()) else {
        return code;
    };
    let written = submit::PlanFile::create(path)
        .and_then(|file| file.finish(results, &history::target(snow), &global.command_line));
    match written {
        Ok(note) => {
            global.note(&note);
            code
        }
        Err(e) => {
            say_error(global, &e);
            if code == 0 { e.exit_code() } else { code }
        }
    }
}

/// Each result's error, with the order it is about.
fn order_errors(results: &[JobResult]) -> impl Iterator<Item = (&str, &Failure)> {
    results
        .iter()
        .filter_map(|r| Some((r.job_id.as_str(), r.error.as_ref()?)))
}

/// Results to stdout; errors, and a summary for people, to stderr. Returns
/// the exit code the results earned (and their printing).
fn report(global: &Global, results: &[JobResult]) -> i32 {
    let machine = global.output != Format::Table;
    let mut printed = Ok(());
    if machine || !global.quiet || global.query.is_some() {
        printed = ui::print::results(global, results);
    }
    ui::say::order_errors(global, order_errors(results), true);
    let summary = render::summary(results, global.dry_run);
    if !machine && !summary.is_empty() {
        global.note(&summary);
    }
    ui::print::exit_code(
        first_exit_code(results.iter().map(|r| r.error.as_ref())),
        printed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "JID123e4567-e89b-12d3-a456-426655440000";
    const B: &str = "JID223e4567-e89b-12d3-a456-426655440000";

    #[test]
    fn stdin_ids_skip_blanks_and_comments_and_repeats() {
        let mut input = format!("# pending jobs\n\n{B}\n  {A}  \n{B}\n").into_bytes();
        let ids = resolve_job_ids(&[A.into(), "-".into()], &mut input.as_slice()).unwrap();
        assert_eq!(ids, vec![A, B]);
        input = b"JID-bad\n".to_vec();
        let err = resolve_job_ids(&["-".into()], &mut input.as_slice()).unwrap_err();
        assert!(err.message.contains("stdin line 1"), "{}", err.message);
        assert!(resolve_job_ids(&["-".into()], &mut b"\n# none\n".as_slice()).is_err());
        let long = format!("{}\n{A}\n", "x".repeat(5000)).into_bytes();
        let err = resolve_job_ids(&["-".into()], &mut long.as_slice()).unwrap_err();
        assert!(
            err.message.contains("longer than 1024 bytes"),
            "{}",
            err.message
        );
    }
}
