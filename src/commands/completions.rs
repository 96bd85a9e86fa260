//! `completions SHELL`: the static completion script, which the clap
//! definition above generates (`cli::docs`) and hands down.

use clap::Args;
use clap_complete::Shell;

use crate::failure::Failure;

/// Print a static shell completion script (options and values, no job IDs).
///
/// Recommended instead: live completion, which also completes the job IDs of
/// the jobs still New (with description and minutes left), address IDs,
/// profiles and regions, asking the account with the line's --profile,
/// --region and --endpoint-url. Add `source <(COMPLETE=bash snowjob)` to
/// ~/.bashrc, `source <(COMPLETE=zsh snowjob)` to ~/.zshrc, or
/// `source (COMPLETE=fish snowjob | psub)` to ~/.config/fish/config.fish.
/// A completion that cannot reach the service within 2 seconds offers nothing.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

impl super::Declared for CompletionsArgs {
    const WHAT: super::What = super::What::Other;
}

/// Prints `script`, the completion script for `args.shell`.
pub fn run(script: &str) -> Result<i32, Failure> {
    crate::output::stdio::out(script);
    Ok(0)
}

/// Shown at the end of `completions --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Live completion of job and address IDs (in ~/.bashrc)",
        "source <(COMPLETE=bash snowjob)",
    ),
    (
        "The same for zsh (in ~/.zshrc)",
        "source <(COMPLETE=zsh snowjob)",
    ),
    (
        "A static script: options and values only",
        "snowjob completions fish > ~/.config/fish/completions/snowjob.fish",
    ),
];
