//! The picker: with no job ID on a terminal, the jobs still New to choose
//! from, filtered as you type. Ctrl-C cancels (exit 130), Esc too (exit 1).

use crate::args::Global;
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};
use crate::output::render;
use crate::output::stdio;

/// How many jobs may be chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    One,
    Several,
}

/// A pending job as the picker shows it: ID first, then its description
/// (escaped: job data never reaches the terminal raw) and edit window.
struct Choice {
    id: String,
    label: String,
}

impl std::fmt::Display for Choice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// Job IDs a person picked; empty when a signal came first.
pub async fn pending_jobs(
    global: &Global,
    pick: Pick,
    stop: &Stop,
) -> Result<Vec<String>, Failure> {
    let Some(snow) = crate::commands::connect(global, stop).await? else {
        return Ok(Vec::new());
    };
    let Some(listed) = stop
        .until_stopped(crate::commands::pending_orders(&snow))
        .await
    else {
        return Ok(Vec::new());
    };
    let now = render::now();
    let choices: Vec<Choice> = listed?
        .into_iter()
        .map(|e| {
            let id = e["JobId"]
                .as_str()
                .or(e["ClusterId"].as_str())
                .unwrap_or_default()
                .to_string();
            let description = crate::text::escape_controls(e["Description"].as_str().unwrap_or(""));
            let window = render::edit_window(&e, now);
            Choice {
                label: format!("{id}  {description}  {window}"),
                id,
            }
        })
        .collect();
    if choices.is_empty() {
        return Err(Failure::of(
            Code::NoPendingJobs,
            "no job is still New (editable); `snowjob list --all` shows every job",
        ));
    }
    let asking = tokio::task::spawn_blocking(move || match pick {
        Pick::One => inquire::Select::new("Job (type to filter):", choices)
            .prompt()
            .map(|c| vec![c.id]),
        Pick::Several => inquire::MultiSelect::new(
            "Jobs (type to filter, space to choose, enter to go on):",
            choices,
        )
        .prompt()
        .map(|cs| cs.into_iter().map(|c| c.id).collect()),
    });
    // Restores the terminal however this future ends: a signal may also
    // drop it from above (a read is ended whole by a signal).
    let mut held = HeldTerminal(true);
    let Some(answer) = stop.until_stopped(asking).await else {
        return Ok(Vec::new());
    };
    held.0 = false;
    let answer =
        answer.map_err(|e| Failure::of(Code::InternalError, format!("the picker failed: {e}")))?;
    match answer {
        Ok(ids) if ids.is_empty() => Err(cancelled(Code::Cancelled, "no job was chosen")),
        Ok(ids) => Ok(ids),
        Err(inquire::InquireError::OperationInterrupted) => {
            Err(cancelled(Code::Interrupted, "interrupted"))
        }
        Err(inquire::InquireError::OperationCanceled) => {
            Err(cancelled(Code::Cancelled, "cancelled"))
        }
        Err(e) => Err(Failure::of(
            Code::PickerFailed,
            format!("the picker failed: {e}"),
        )),
    }
}

fn cancelled(code: Code, why: &str) -> Failure {
    Failure::of(code, format!("{why}; nothing was sent"))
}

/// While true, the picker holds the terminal: dropping gives it back.
struct HeldTerminal(bool);

impl Drop for HeldTerminal {
    fn drop(&mut self) {
        if self.0 {
            restore_terminal();
        }
    }
}

/// A signal came while the picker held the terminal: give it back as it was
/// (the prompt's own cleanup runs only when it returns). crossterm is the
/// prompt's own, so it knows the mode to go back to.
fn restore_terminal() {
    use crossterm::{cursor, event, execute, terminal};
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stderr(),
        event::DisableBracketedPaste,
        cursor::Show
    );
    stdio::err("\n");
}
