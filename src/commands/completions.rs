use clap::Args;
use clap_complete::Shell;

use crate::cli::docs;
use crate::failure::Failure;

/// Print a completion script for a shell.
///
/// bash: snowjob completions bash > ~/.local/share/bash-completion/completions/snowjob
/// zsh: snowjob completions zsh > "${fpath[1]}/_snowjob"
/// fish: snowjob completions fish > ~/.config/fish/completions/snowjob.fish
#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> Result<i32, Failure> {
    crate::output::stdio::out(&docs::completion(args.shell));
    Ok(0)
}
