//! Everything snowjob prints: tables, text, JSON and YAML, `--query` and the
//! AWS CLI's formatters for its results, the messages on stderr
//! (`--cli-error-format`), and the writers for stdout and stderr. Depends on
//! nothing above it.

pub mod aws_cli;
pub mod message;
pub mod query;
pub mod render;
pub mod stdio;

/// How results are printed (`-o`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Yaml,
    Text,
    // Nothing on stdout, as the AWS CLI v2's `--output off`: stderr and the
    // exit code as usual. (A doc comment here would become help for each
    // value and turn every --help to the next-line layout.)
    Off,
}
