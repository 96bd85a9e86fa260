//! Printing a command's JSON document through `--query`.

use serde::Serialize;

use crate::args::{Format, Global};
use crate::failure::{Code, Failure, Kind};
use crate::output::message::Message;
use crate::output::{aws_cli, render, stdio};
use crate::report::{OrderResult, Outcome};

/// The AWS CLI's table width when the terminal's is not known.
const DEFAULT_WIDTH: usize = 80;

/// Prints `document` through `--query` and the AWS CLI's formatters (a table
/// headed by `title`), or without a query as `plain` draws it. A query that
/// fails on the data is invalid input (exit 2).
pub fn print(
    global: &Global,
    title: &str,
    document: &impl Serialize,
    plain: impl FnOnce() -> String,
) -> Result<(), Failure> {
    let Some(query) = &global.query else {
        stdio::out(&plain());
        return Ok(());
    };
    let document = serde_json::to_value(document)
        .map_err(|e| Failure::of(Code::InternalError, format!("internal error: {e}")))?;
    let mut result = query
        .search(&document)
        .map_err(|e| Failure::of(Code::InvalidQuery, format!("--query: {e}")))?;
    if matches!(global.output, Format::Table | Format::Text) {
        // Job data drawn for a person never reaches the terminal raw.
        result = crate::text::escaped(&result);
    }
    stdio::out(&aws_cli::render(
        &result,
        global.output,
        title,
        render::terminal_width().map_or(DEFAULT_WIDTH, usize::from),
    ));
    Ok(())
}

/// Edit results; a query failing after an update is no longer invalid input
/// (exit 1), and says what the edit did.
pub fn results(global: &Global, results: &[OrderResult]) -> Result<(), Failure> {
    print(global, "Results", &results, || {
        render::results(results, global.output, &global.style())
    })
    .map_err(|mut e| {
        if results.iter().any(|r| r.outcome == Outcome::Updated) {
            e.kind = Kind::Unexpected;
            e.message = format!(
                "{} (the edit itself: {})",
                e.message,
                render::summary(results, global.dry_run)
            );
        }
        e
    })
}

/// The exit code of a command: the work's, else what printing earned.
pub fn exit_code(work: i32, printed: Result<(), Failure>) -> i32 {
    match printed {
        Ok(()) => work,
        Err(e) => {
            let message = Message::error(&e.code, crate::text::message(&e.message));
            if work == 0 {
                stdio::say(&message.deciding(e.exit_code()));
                e.exit_code()
            } else {
                stdio::say(&message);
                work
            }
        }
    }
}
