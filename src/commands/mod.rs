//! One module per subcommand; each turns its arguments into an [`Edit`] (or a
//! read) and hands it to the shared runner here.

pub mod add_s3_resource;
pub mod addresses;
pub mod apply;
pub mod completions;
pub mod list;
pub mod output;
pub mod remove_s3_resource;
pub mod set_capacity;
pub mod set_nfs_limit;
pub mod set_shipping;
pub mod show;

use std::io::{BufRead, IsTerminal, Write};

use crate::cli::{Format, Global};
use crate::client::{Settings, Snow};
use crate::edit::{self, Edit, JobResult, Outcome};
use crate::failure::{Failure, first_exit_code};
use crate::render::{self, Style};

impl Global {
    pub fn settings(&self) -> Settings {
        Settings {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            max_attempts: self.max_attempts,
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
            debug: self.debug,
        }
    }

    pub fn style(&self) -> Style {
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !self.no_color && !no_color_env && std::io::stdout().is_terminal(),
        }
    }

    /// Progress and warnings: stderr, unless --quiet.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

/// The job IDs to work on: `-` reads stdin (one a line; blank lines and `#`
/// comments skipped). Every ID is checked before any request; repeats are dropped.
pub fn resolve_job_ids(given: &[String], stdin: &mut dyn BufRead) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| -> Result<(), Failure> {
        let id = crate::checks::job_id(id).map_err(Failure::invalid)?;
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
        for (n, line) in stdin.lines().enumerate() {
            let line =
                line.map_err(|e| Failure::invalid(format!("reading job IDs from stdin: {e}")))?;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            push(line)
                .map_err(|e| Failure::invalid(format!("stdin line {}: {}", n + 1, e.message)))?;
        }
    }
    if ids.is_empty() {
        return Err(Failure::invalid("no job IDs were given (stdin had none)"));
    }
    Ok(ids)
}

/// Runs an edit command end to end and returns the exit code.
pub async fn run_edit(
    global: &Global,
    job_args: &[String],
    edit: &dyn Edit,
) -> Result<i32, Failure> {
    let ids = resolve_job_ids(job_args, &mut std::io::stdin().lock())?;
    let snow = Snow::connect(&global.settings()).await?;
    let opts = edit::Options {
        dry_run: global.dry_run,
        concurrency: global.concurrency.into(),
    };
    let interactive =
        !global.yes && std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let confirm = |planned: &[JobResult]| !interactive || ask_to_confirm(global, planned);
    if ids.len() > 1 && std::io::stderr().is_terminal() {
        global.note(&format!("Reading {} jobs...", ids.len()));
    }
    let results = edit::run(&snow, &ids, edit, &opts, &confirm).await?;
    let printed = report(global, &results);
    Ok(output::exit_code(
        first_exit_code(results.iter().map(|r| r.error.as_ref())),
        printed,
    ))
}

fn ask_to_confirm(global: &Global, planned: &[JobResult]) -> bool {
    let count = planned
        .iter()
        .filter(|r| r.outcome == Outcome::Planned)
        .count();
    eprint!(
        "{}",
        render::results(planned, Format::Table, &global.style())
    );
    eprint!("Update {count} jobs? [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer).is_ok()
        && matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes")
}

/// Results to stdout; errors, and a summary for people, to stderr.
fn report(global: &Global, results: &[JobResult]) -> Result<(), Failure> {
    let machine = global.output != Format::Table;
    let mut printed = Ok(());
    if machine || !global.quiet || global.query.is_some() {
        printed = output::results(global, results);
    }
    for r in results {
        if let Some(e) = &r.error {
            eprintln!("error: {}", e.message);
        }
    }
    if !machine {
        global.note(&render::summary(results, global.dry_run));
    }
    printed
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
    }
}
