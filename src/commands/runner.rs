//! The runner every edit shares: confirmed on a terminal, sent through the
//! pipeline, each update recorded in the history as its outcome is known,
//! reported, and with --plan the plan written.

use super::prompt::ask_to_confirm;
use super::{connect_for_edit, history, say_error, submit, ui};
use crate::args::{Format, Global};
use crate::aws::client::Snow;
use crate::core::pipeline::{self as pipeline, Edit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure, first_exit_code};
use crate::output::render;
use crate::report::{OrderResult, Outcome};

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
) -> (i32, Vec<OrderResult>) {
    match send_edit(global, snow, ids, edit, confirm_from, stop).await {
        Sent::Results(results) => (report_edit(global, snow, &results, stop), results),
        Sent::Reported(code, results) => (code, results),
    }
}

/// What became of an edit's orders before they are reported.
pub enum Sent {
    /// Each order's result, to be reported.
    Results(Vec<OrderResult>),
    /// Already said (declined, or refused as a whole): the exit code.
    Reported(i32, Vec<OrderResult>),
}

/// [`edit_jobs`] up to its report: confirmed on a terminal from
/// `confirm_from` orders on, sent, and each update recorded in the history.
pub async fn send_edit(
    global: &Global,
    snow: &Snow,
    ids: &[String],
    edit: &dyn Edit,
    confirm_from: usize,
    stop: &Stop,
) -> Sent {
    let recorder = history::Recorder::new(global, snow);
    // The plan only reads; the history is told of the results of sending.
    let opts = |bar: &ui::progress::Bar, sending: bool| pipeline::Options {
        command: subcommand(global).to_string(),
        dry_run: global.dry_run,
        concurrency: global.concurrency.into(),
        progress: ui::progress::both(bar.callback(), sending.then(|| recorder.callback())),
    };
    let interactive = !global.yes && global.terminal.can_ask();
    if ids.len() > 1 && global.terminal.stderr {
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
        let planned = pipeline::preview(snow, ids, edit, &opts(&bar, false), stop).await;
        bar.clear();
        match planned {
            Ok(planned) if planned.iter().any(|r| r.outcome == Outcome::Planned) => {
                if !ask_to_confirm(global, &planned, edit, stop).await {
                    let (code, skipped) = not_confirmed(global, planned, edit, stop);
                    return Sent::Reported(code, skipped);
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
        Ok(results) => Sent::Results(results),
        Err(e) => {
            say_error(global, &e);
            Sent::Reported(e.exit_code(), Vec::new())
        }
    }
}

/// The results a person is shown: the orders of the edit (those no
/// standard of `conform` selects are left out).
pub(super) fn shown<'r>(edit: &dyn Edit, results: &'r [OrderResult]) -> Vec<&'r OrderResult> {
    results
        .iter()
        .filter(|r| edit.standards(&r.id).is_some())
        .collect()
}

/// Declined or interrupted: nothing was sent. The table was on screen already.
fn not_confirmed(
    global: &Global,
    planned: Vec<OrderResult>,
    edit: &dyn Edit,
    stop: &Stop,
) -> (i32, Vec<OrderResult>) {
    let skipped: Vec<OrderResult> = shown(edit, &planned)
        .into_iter()
        .cloned()
        .map(|r| match r.outcome {
            Outcome::Planned => OrderResult::skipped(&r.id),
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

/// An edit's results reported ([`report`]) and, with --plan, the plan of them
/// written: every edit run that ends leaves FILE holding its own plan, with
/// no orders when none would change, so an older plan never survives it. An
/// interrupted run writes none (it would leave orders out).
pub fn report_edit(global: &Global, snow: &Snow, results: &[OrderResult], stop: &Stop) -> i32 {
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
fn order_errors(results: &[OrderResult]) -> impl Iterator<Item = (&str, &Failure)> {
    results
        .iter()
        .filter_map(|r| Some((r.id.as_str(), r.error.as_ref()?)))
}

/// Results to stdout; errors, and a summary for people, to stderr. Returns
/// the exit code the results earned (and their printing).
pub(super) fn report(global: &Global, results: &[OrderResult]) -> i32 {
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
