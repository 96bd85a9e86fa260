//! Printing a command's JSON document through `--query`.

use std::io::IsTerminal;

use serde::Serialize;

use crate::cli::Global;
use crate::edit::{JobResult, Outcome};
use crate::failure::{Failure, Kind};
use crate::{query_output, render};

/// The AWS CLI's table width when stdout is not a terminal.
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
        print!("{}", plain());
        return Ok(());
    };
    let document = serde_json::to_value(document).expect("documents are JSON");
    let result = query
        .search(&document)
        .map_err(|e| Failure::new(Kind::Invalid, "InvalidQuery", format!("--query: {e}")))?;
    print!(
        "{}",
        query_output::render(&result, global.output, title, terminal_width())
    );
    Ok(())
}

/// Edit results; a query failing after an update is no longer invalid input
/// (exit 1), and says what the edit did.
pub fn results(global: &Global, results: &[JobResult]) -> Result<(), Failure> {
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
            eprintln!("error: {}", e.message);
            if work == 0 { e.exit_code() } else { work }
        }
    }
}

fn terminal_width() -> usize {
    let stdout = std::io::stdout();
    match comfy_table::Table::new().width() {
        Some(w) if stdout.is_terminal() => w.into(),
        _ => DEFAULT_WIDTH,
    }
}
