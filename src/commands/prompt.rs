//! The question a person at a terminal answers before a batch is sent.

use std::io::BufRead;

use crate::args::{Format, Global};
use crate::core::pipeline::{self as pipeline, Edit};
use crate::core::stop::Stop;
use crate::output::render;
use crate::output::stdio;
use crate::report::{JobResult, Outcome};

use super::runner::shown;

/// Shows the plan on stderr and asks; Ctrl-C (or end of input) is a no.
pub async fn ask_to_confirm(
    global: &Global,
    planned: &[JobResult],
    edit: &dyn Edit,
    stop: &Stop,
) -> bool {
    let planned: Vec<JobResult> = shown(edit, planned).into_iter().cloned().collect();
    let planned = planned.as_slice();
    let ids: Vec<&str> = planned
        .iter()
        .filter(|r| r.outcome == Outcome::Planned)
        .map(|r| r.job_id.as_str())
        .collect();
    // A cancel lists what each order is: it cannot be undone.
    let cancelling = planned.iter().any(|r| r.order.is_some());
    let first = ids.first().map(|id| edit.action(id));
    match first {
        Some(Ok(pipeline::Action::Cancel)) => {
            stdio::err(&render::cancels(planned, &global.style()))
        }
        _ => {
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
