//! One module per subcommand; each turns its arguments into an [`Edit`] (or a
//! read), says what it is ([`What`]) and holds its help and examples. The
//! jobs they share have a file each: `settings` (resolved from the global
//! options), `input` (IDs and files, bounded), `connect`, `runner` (every
//! edit's: confirm, send, record, report, write the plan) and `prompt`.
//!
//! [`Edit`]: crate::core::pipeline::Edit

pub mod add_s3_resource;
pub mod addresses;
pub mod apply;
pub mod cancel;
pub mod clusters;
pub mod completions;
pub mod conform;
mod connect;
pub mod edit;
pub mod history;
mod input;
pub mod list;
mod prompt;
pub mod remove_s3_resource;
mod runner;
pub mod set_capacity;
pub mod set_nfs_limit;
pub mod set_shipping;
mod settings;
pub mod show;
pub mod submit;
pub mod ui;
pub mod undo;

pub use connect::{connect, connect_for_edit, connect_with, pending_orders};
pub use input::{job_ids, named, read_at_most, read_input, read_job_ids, resolve_job_ids, text_of};
pub use runner::{Sent, edit_jobs, report_edit, run_edit, send_edit};
pub use settings::say_error;

/// What a subcommand is, declared beside its arguments ([`Declared`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    /// Reads and changes nothing: a signal ends it at once.
    Read,
    /// Edits orders through the pipeline: takes --plan.
    Edit,
    /// Neither: sends a reviewed plan (submit), or prints a script.
    Other,
}

/// A subcommand's arguments say what the subcommand is.
pub trait Declared {
    const WHAT: What;
}

/// A subcommand's examples (declared beside its arguments) as its help's
/// closing text.
pub fn examples(listed: &[(&str, &str)]) -> String {
    listed
        .iter()
        .fold(String::from("Examples:"), |text, (what, line)| {
            text + &format!("\n  # {what}\n  {line}")
        })
}
