//! `completions SHELL`: the static completion script, which the clap
//! definition above generates (`cli::docs`) and hands down.

use clap::Args;
use clap_complete::Shell;

use crate::failure::Failure;

/// `completions`; its help is the doc comment of its `Command` variant in `cli`.
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
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
