//! What the subcommands share with a person at a terminal or a script: the
//! job picker, printing results, the progress bar, messages on stderr.

pub mod pick;
pub mod print;
pub mod progress;
pub mod say;
