//! Live shell completion through clap_complete's environment protocol
//! (`source <(COMPLETE=bash snowjob)`): job IDs of the jobs still New and
//! address IDs, asked of the account with the command line's profile, region
//! and endpoint. A completion answers within 2 seconds; on any failure it
//! offers nothing and prints nothing.

use std::ffi::OsStr;
use std::sync::OnceLock;
use std::time::Duration;

use clap_complete::engine::CompletionCandidate;

use crate::aws::client::{Settings, Sink, Snow};
use crate::aws::config::{Overrides, REGIONS};
use crate::failure::Failure;
use crate::output::render;
use crate::text::escape_controls;

/// The environment variable the shell's completion script sets.
const PROTOCOL_VAR: &str = "COMPLETE";

/// Everything, connection included, within this; then nothing is offered.
/// Under the 2 seconds a shell user waits, with room to start and print.
const DEADLINE: Duration = Duration::from_millis(1700);

/// The AWS options on the line being completed: completers see only the
/// current word, so they are read from the whole line before clap runs.
static LINE: OnceLock<Overrides> = OnceLock::new();

/// Answers a completion request and exits; returns when there is none.
pub fn serve() {
    if std::env::var_os(PROTOCOL_VAR).is_none_or(|v| v.is_empty() || v == "0") {
        return;
    }
    let words: Vec<String> = std::env::args_os()
        .map(|w| w.to_string_lossy().into_owned())
        .skip_while(|w| w != "--")
        .collect();
    let _ = LINE.set(overrides_on(&words));
    // A completer's bug must not print into the shell.
    std::panic::set_hook(Box::new(|_| {}));
    clap_complete::CompleteEnv::with_factory(crate::cli::command)
        .var(PROTOCOL_VAR)
        .complete();
}

/// `--profile`, `--region` and `--endpoint-url` among the words, as
/// `--name value` or `--name=value`; the last one given wins, as in clap.
fn overrides_on(words: &[String]) -> Overrides {
    let mut found = Overrides::default();
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (word.as_str(), None),
        };
        let slot = match name {
            "--profile" => &mut found.profile,
            "--region" => &mut found.region,
            "--endpoint-url" => &mut found.endpoint_url,
            _ => continue,
        };
        if let Some(value) = inline.or_else(|| words.next().cloned())
            && !value.is_empty()
        {
            *slot = Some(value);
        }
    }
    found
}

/// Asks the service, as a command would but quietly, with one attempt and
/// within the deadline; `None` on any failure.
fn ask<T>(call: impl AsyncFnOnce(&Snow) -> Result<T, Failure>) -> Option<T> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    let settings = Settings {
        overrides: Overrides {
            max_attempts: Some(1),
            ..LINE.get().cloned().unwrap_or_default()
        },
        connect_timeout: Some(DEADLINE),
        read_timeout: Some(DEADLINE),
        warnings: Sink::nowhere(),
        trace: None,
        ..Default::default()
    };
    let answer = runtime.block_on(async {
        let work = async {
            let snow = Snow::connect(&settings).await.ok()?;
            call(&snow).await.ok()
        };
        tokio::time::timeout(DEADLINE, work).await.ok().flatten()
    });
    // Work left behind (a DNS lookup, a credential process) is not waited for.
    runtime.shutdown_background();
    answer
}

/// Candidates whose value starts with what was typed.
fn matching(
    current: &OsStr,
    candidates: impl IntoIterator<Item = (String, String)>,
) -> Vec<CompletionCandidate> {
    let Some(typed) = current.to_str() else {
        return Vec::new();
    };
    candidates
        .into_iter()
        .filter(|(value, _)| value.starts_with(typed))
        .map(|(value, help)| CompletionCandidate::new(value).help(Some(help.into())))
        .collect()
}

/// JOB_ID: the jobs still New, with their description and edit window left.
pub fn pending_jobs(current: &OsStr) -> Vec<CompletionCandidate> {
    let orders = ask(async |snow| crate::commands::pending_orders(snow).await).unwrap_or_default();
    let now = render::now();
    matching(
        current,
        orders.into_iter().map(|e| {
            let id = e["JobId"]
                .as_str()
                .or(e["ClusterId"].as_str())
                .unwrap_or_default()
                .to_string();
            let description = e["Description"].as_str().unwrap_or_default();
            let help = format!(
                "{}; {}",
                escape_controls(description),
                render::edit_window(&e, now)
            );
            (id, help)
        }),
    )
}

/// ADID: the account's addresses, with name and city.
pub fn addresses(current: &OsStr) -> Vec<CompletionCandidate> {
    let addresses = ask(async |snow| snow.describe_addresses().await).unwrap_or_default();
    matching(
        current,
        addresses.iter().filter_map(|a| {
            let id = a.address_id()?.to_string();
            let help = [a.name(), a.city()]
                .into_iter()
                .flatten()
                .map(escape_controls)
                .collect::<Vec<_>>()
                .join(", ");
            Some((id, help))
        }),
    )
}

/// --profile: the profiles of the AWS config and credentials files.
pub fn profiles() -> Vec<CompletionCandidate> {
    let names = tokio::runtime::Builder::new_current_thread()
        .build()
        .ok()
        .and_then(|rt| rt.block_on(crate::aws::connect::profile_names()).ok())
        .unwrap_or_default();
    names
        .into_iter()
        .map(|n| CompletionCandidate::new(escape_controls(&n)))
        .collect()
}

/// --region: region names.
pub fn regions() -> Vec<CompletionCandidate> {
    REGIONS
        .iter()
        .map(|r| CompletionCandidate::new(*r))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_aws_options_are_found_in_either_spelling() {
        let words: Vec<String> = [
            "--",
            "snowjob",
            "--profile",
            "ops",
            "show",
            "--region=eu-west-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--region",
            "",
        ]
        .map(String::from)
        .to_vec();
        let found = overrides_on(&words);
        assert_eq!(found.profile.as_deref(), Some("ops"));
        assert_eq!(
            found.region.as_deref(),
            Some("eu-west-1"),
            "an empty word is no value"
        );
        assert_eq!(found.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
    }
}
