//! `edit`: the job's editable members in the user's editor. The saved file is
//! their desired state, sent through the edit pipeline like any other edit.

use std::path::{Path, PathBuf};

use aws_sdk_snowball::types::JobMetadata;
use clap::Args;
use serde_json::{Map, Value as Json};

use crate::args::Global;
use crate::aws::convert;
use crate::aws::order::{Order, OrderKind};
use crate::core::checks;
use crate::core::compare;
use crate::core::patch::{self, Patch};
use crate::core::patch_file;
use crate::core::pipeline::{self, Context, Edit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};
use crate::output::message::Message;
use crate::output::render;
use crate::output::stdio;
use crate::report::{OrderResult, Outcome};
use crate::text::escape_controls;
use crate::yaml;

/// Edit a job's members in your editor ($VISUAL, else $EDITOR, else vi).
///
/// The file holds the job's editable members (every UpdateJob member but
/// JobId) with their current values, under a comment saying what the job
/// is and how long it stays editable (an estimate). Save it as you want the
/// job to be: lists and structures are taken as written (delete a bucket to
/// remove it), and a member cannot be deleted (UpdateJob can only replace
/// it). Then it is an edit like any other: checked, shown, confirmed on a
/// terminal (--yes skips), the job read again and the change sent.
///
/// A file saved unchanged is `unchanged`; an empty file, or an editor that
/// exits with an error (vi: :cq), sends nothing (exit 1). An invalid file
/// reopens with the errors on top; saved again without a change it is kept,
/// its path printed (exit 2), as it is when the job changed meanwhile. The
/// file is readable by you only: it may hold pickup details. The editor
/// runs through sh -c, so it may take arguments (EDITOR="code --wait").
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct EditArgs {
    /// The job ID (JID + UUID). Without one, a terminal offers the jobs still New.
    #[arg(value_name = "JOB_ID", value_parser = crate::args::job_id)]
    pub job: Option<String>,
}

impl super::Declared for EditArgs {
    const WHAT: super::What = super::What::Edit;
}

/// The desired state of a job's members, as saved in the editor.
#[derive(Debug)]
struct Desired {
    /// The members as the file showed them.
    before: Map<String, Json>,
    /// What the file changes, checked.
    patch: Patch,
}

impl Edit for Desired {
    fn patch(&self, job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        // The file replaces whole members: sent over a colleague's change, it
        // would undo it.
        if !compare::same_members(&patch::editable_members(job), &self.before) {
            // What to do about it follows in a note, beside the kept file.
            let id = job.job_id().unwrap_or_default();
            return Err(Failure::of(
                Code::JobChanged,
                format!(
                    "{} {id} changed while it was open in the editor; nothing was sent for it",
                    OrderKind::of(id).noun()
                ),
            ));
        }
        Ok(self.patch.clone())
    }
}

/// What the person did in the editor.
enum Saved {
    /// Nothing to send, and why.
    Aborted(String),
    /// The file as it was written.
    Unchanged,
    /// A valid change.
    Changed(Box<Patch>),
    /// Not usable, and why: kept for the person to look at.
    GaveUp(String),
}

/// Saved files larger than this are not read (a patch is a few KiB).
const MAX_FILE_BYTES: u64 = crate::commands::apply::MAX_PATCH_BYTES;

/// Lines snowjob puts at the top of a file it reopens: the errors. They are
/// removed again before the file is read.
const ERROR_MARK: &str = "#!";

pub async fn run(global: &Global, args: &EditArgs, stop: &Stop) -> Result<i32, Failure> {
    let given: Vec<String> = args.job.iter().cloned().collect();
    let ids = super::job_ids(global, &given, super::ui::pick::Pick::One, stop).await?;
    let Some(id) = ids.first() else {
        return Ok(0);
    };
    let Some(snow) = super::connect(global, stop).await? else {
        return Ok(0);
    };
    let Some(read) = stop.until_stopped(snow.describe_order(id)).await else {
        return Ok(0);
    };
    let order = match read
        .and_then(|order| pipeline::ensure_editable(id, &order, "edit").map(|()| order))
    {
        Ok(order) => order,
        Err(e) => {
            return Ok(super::report_edit(
                global,
                &snow,
                &[OrderResult::failed(id, e)],
                stop,
            ));
        }
    };
    let job = order.metadata.clone();
    let before = patch::editable_members(&job);
    let original = header(id, &order) + &yaml::to_string(&Json::Object(before.clone()));
    let file = tempfile::Builder::new()
        .prefix("snowjob-edit-")
        .suffix(".yaml")
        .tempfile()
        .and_then(|mut f| {
            std::io::Write::write_all(&mut f, original.as_bytes())?;
            Ok(f)
        })
        .map_err(|e| Failure::of(Code::TempFile, format!("writing the file to edit: {e}")))?;

    let saved = edit_until_valid(file.path(), &original, &job, &before, stop).await?;
    // The person's work is kept whenever nothing was sent and the file holds
    // something other than what was opened (an emptied file is the abort).
    let path = file.path().to_path_buf();
    let keep = |why: &str| -> String {
        match file.keep() {
            Ok((_, path)) => format!("{why}; the file is kept: {}", path.display()),
            Err(e) => format!("{why}; the file could not be kept: {}", e.error),
        }
    };
    let result = match saved {
        Saved::Aborted(why) => {
            let why = format!("{why}; nothing was sent");
            let why = match read_saved(&path) {
                Ok(text) if has_work(without_errors(&text), &original) => keep(&why),
                _ => why,
            };
            OrderResult {
                error: Some(Failure::of(Code::Aborted, why)),
                ..OrderResult::skipped(id)
            }
        }
        Saved::Unchanged => OrderResult::new(id, Outcome::Unchanged),
        Saved::GaveUp(error) => OrderResult::failed(id, Failure::invalid(keep(&error))),
        Saved::Changed(patch) => {
            let desired = Desired {
                before,
                patch: *patch,
            };
            let (code, results) =
                super::edit_jobs(global, &snow, std::slice::from_ref(id), &desired, 1, stop).await;
            let sent = results
                .iter()
                .any(|r| matches!(r.outcome, Outcome::Updated | Outcome::Unknown));
            // With --plan the change is kept in the plan instead.
            let planned =
                global.plan.is_some() && results.iter().any(|r| r.outcome == Outcome::Planned);
            if !sent && !planned {
                let changed = results
                    .iter()
                    .any(|r| r.error.as_ref().is_some_and(|e| e.is(Code::JobChanged)));
                let why = match changed {
                    true => format!(
                        "your change was not sent: to make it on the {} as it is now, run `snowjob edit {id}` and copy it over",
                        OrderKind::of(id).noun()
                    ),
                    false => "your change was not sent".to_string(),
                };
                stdio::say(&Message::info(keep(&why)).about(id));
            }
            return Ok(code);
        }
    };
    Ok(super::report_edit(global, &snow, &[result], stop))
}

/// Whether a saved file holds work of the person's: not emptied, not what was opened.
fn has_work(body: &str, original: &str) -> bool {
    body != original && !is_blank(body)
}

/// Only blank lines and comments: the documented way to abort.
fn is_blank(body: &str) -> bool {
    body.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

/// The comment on top of the file: what the job is, how long it stays
/// editable, what the file means and how to get out.
fn header(id: &str, order: &Order) -> String {
    let json = convert::json(&order.metadata);
    let field = |key: &str| escape_controls(json[key].as_str().unwrap_or("unknown"));
    let state = order.state.as_deref().unwrap_or("unknown");
    let mut window = json.clone();
    window[order.kind.state_member()] = Json::String(state.to_string());
    let (noun, update) = (order.kind.noun(), order.kind.update_operation());
    let capacity = match order.kind {
        OrderKind::Job => format!(", capacity {}", field("SnowballCapacityPreference")),
        OrderKind::Cluster => String::new(),
    };
    format!(
        "# snowjob edit {id}\n\
         # {state}, {kind} {noun}, device {device}{capacity}.\n\
         # Edit window: {window}, counted from the creation date.\n\
         #\n\
         # Below: the {noun}'s editable members, as {update} takes them. Save the file\n\
         # as you want them to be: lists and structures are taken as written (delete\n\
         # a bucket to remove it). A member cannot be deleted: {update} can only\n\
         # replace it. The change is shown (on a terminal, confirmed) before it is sent.\n\
         # To abort: save an empty file, or quit the editor with an error (vi: :cq).\n\
         \n",
        state = escape_controls(state),
        kind = field("JobType"),
        device = field("SnowballType"),
        window = render::edit_window(&window, render::now()),
    )
}

/// Opens the editor until the file is valid, unchanged, empty, or saved
/// again unchanged while invalid.
async fn edit_until_valid(
    path: &Path,
    original: &str,
    job: &JobMetadata,
    before: &Map<String, Json>,
    stop: &Stop,
) -> Result<Saved, Failure> {
    let mut rejected: Option<String> = None;
    loop {
        if let Some(why) = open_editor(path).await {
            return Ok(Saved::Aborted(why));
        }
        if stop.is_stopped() {
            return Ok(Saved::Aborted("interrupted".into()));
        }
        let text = match read_saved(path) {
            Ok(text) => text,
            Err(saved) => return Ok(saved),
        };
        let body = without_errors(&text);
        if is_blank(body) {
            return Ok(Saved::Aborted("the file was saved empty".into()));
        }
        if body == original {
            return Ok(Saved::Unchanged);
        }
        // Line numbers in the errors count the lines the reopened file will
        // have above the body: a line per line of the errors, and one more.
        let checked = |lines_above: usize| {
            check(
                &format!("{}{body}", format!("{ERROR_MARK}\n").repeat(lines_above)),
                job,
                before,
            )
        };
        let error = match checked(2) {
            Ok(patch) if patch.is_empty() => return Ok(Saved::Unchanged),
            Ok(patch) => return Ok(Saved::Changed(Box::new(patch))),
            Err(error) => match error.lines().count() {
                1 => error,
                n => checked(n + 1).err().unwrap_or(error),
            },
        };
        if rejected.as_deref() == Some(body) {
            return Ok(Saved::GaveUp(format!(
                "{error} (saved again without a change, so nothing was sent)"
            )));
        }
        let comments: String = error
            .lines()
            .enumerate()
            .map(|(i, line)| {
                let lead = if i == 0 { " Not used: " } else { " " };
                format!("{ERROR_MARK}{lead}{}\n", escape_controls(line))
            })
            .collect();
        let reopened = format!(
            "{comments}{ERROR_MARK} Fix it and save; save without a change to give up (the file is kept).\n{body}"
        );
        write_private(path, &reopened).map_err(|e| {
            Failure::of(Code::TempFile, format!("rewriting {}: {e}", path.display()))
        })?;
        rejected = Some(body.to_string());
    }
}

/// The saved file as the desired members: parsed, no member deleted, and
/// fitting the job. The patch holds only what changes.
fn check(text: &str, job: &JobMetadata, before: &Map<String, Json>) -> Result<Patch, String> {
    let file = patch_file::parse(text)?;
    let deleted: Vec<&str> = before
        .keys()
        .map(String::as_str)
        .filter(|k| !file.member_names().any(|m| m == *k))
        .collect();
    if !deleted.is_empty() {
        return Err(format!(
            "{} deleted: UpdateJob cannot remove a member, only replace it; put {} back",
            deleted.join(", "),
            if deleted.len() == 1 { "it" } else { "them" }
        ));
    }
    let patch = file.desired()?.minimized(job);
    checks::patch_fits_job(job, &patch).map_err(|e| e.message)?;
    Ok(patch)
}

/// The edit a file saved in the editor makes: `text` as the desired members
/// of `job` as it was opened, checked as [`run`] checks it (`Ok(None)`:
/// nothing would change). What `run` sends once the file is valid, for a
/// caller that has the text already (the simulation).
pub fn saved(text: &str, job: &JobMetadata) -> Result<Option<impl Edit + use<>>, String> {
    let before = patch::editable_members(job);
    let patch = check(text, job, &before)?;
    Ok((!patch.is_empty()).then_some(Desired { before, patch }))
}

/// The text without the error lines a reopen put on top.
fn without_errors(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with(ERROR_MARK) {
        rest = rest.split_once('\n').map_or("", |(_, after)| after);
    }
    rest
}

/// The file as saved, or why it cannot be used.
fn read_saved(path: &Path) -> Result<String, Saved> {
    let bytes = match super::read_at_most(path, MAX_FILE_BYTES) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Saved::Aborted("the file was deleted".into()));
        }
        Err(e) => {
            return Err(Saved::GaveUp(format!(
                "the file could not be read ({e}); nothing was sent"
            )));
        }
        Ok(bytes) if bytes.len() as u64 > MAX_FILE_BYTES => {
            return Err(Saved::GaveUp(
                "the file is larger than 1 MiB (the editable members are a few KiB); nothing was sent".into(),
            ));
        }
        Ok(bytes) => bytes,
    };
    let text = String::from_utf8(bytes)
        .map_err(|_| Saved::GaveUp("the file is not UTF-8 text; nothing was sent".into()))?;
    // A byte-order mark some editors put first is not part of the YAML.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Writes `text` to `path`, readable by the user only (it holds pickup details),
/// also when the editor replaced the file with one of its own.
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    // A new file in the path's place: whatever the editor left there (a link
    // to another file, say) is replaced, never written through.
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?
        .write_all(text.as_bytes())
}

/// `$VISUAL`, else `$EDITOR`, else vi: a shell command, so it may carry
/// arguments (`code --wait`).
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// Runs the editor on the file; `Some(why)` when it failed.
async fn open_editor(path: &Path) -> Option<String> {
    let editor = editor();
    let path: PathBuf = path.to_path_buf();
    let command = editor.clone();
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$@\""))
            .arg(&command)
            .arg(&path)
            .status()
    })
    .await;
    let shown = crate::text::quote(&editor);
    match status {
        Ok(Ok(s)) if s.success() => None,
        Ok(Ok(s)) if s.code() == Some(127) => Some(format!(
            "the editor {shown} was not found (set VISUAL or EDITOR to the one you use)"
        )),
        Ok(Ok(s)) => Some(format!("the editor {shown} exited with {s}")),
        Ok(Err(e)) => Some(format!("the editor {shown} could not be started: {e}")),
        Err(e) => Some(format!("the editor {shown} could not be run: {e}")),
    }
}

/// Shown at the end of `edit --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Edit a job in $VISUAL or $EDITOR",
        "snowjob edit JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "In an editor that needs an argument to wait",
        "EDITOR='code --wait' snowjob edit JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "Pick the job on a terminal; see the request, send nothing",
        "snowjob edit --dry-run",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_lines_come_off_before_reading() {
        assert_eq!(
            without_errors("#! a\n#! b\nShippingOption: X\n"),
            "ShippingOption: X\n"
        );
        assert_eq!(
            without_errors("# header\n#! not on top\n"),
            "# header\n#! not on top\n"
        );
        assert_eq!(without_errors("#! only"), "");
    }
}
