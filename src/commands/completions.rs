use clap::Args;
use clap_complete::Shell;

use crate::cli::docs;
use crate::failure::Failure;

/// `completions`; its help is on [`crate::cli::Command::Completions`].
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
