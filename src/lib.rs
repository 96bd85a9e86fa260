//! snowjob's library: everything but `main`, so tests, benchmarks and fuzz
//! targets reach the pure parts. The layers, each depending only on those
//! below it:
//!
//! - `cli`: the command line (clap), its help, man pages and completions;
//! - `commands`: one module per subcommand, wiring the layers together;
//! - `core`: what an edit is: the pipeline, patches, checks, patch files;
//!   no network of its own and no output;
//! - `aws`: the only code that talks to AWS: configuration, calls, error
//!   sorting, the SDK-to-API-JSON codec, the --debug trace;
//! - `output`: tables, text, JSON/YAML, --query, and writing them;
//! - `history`: the local record of edits sent, which `undo` reverts;
//! - `report` and `failure`: what happened to each job and why something
//!   failed (with its exit code), the vocabulary all layers share.

pub mod args;
pub mod aws;
pub mod cli;
pub mod commands;
pub mod core;
pub mod failure;
pub mod history_file;
pub mod output;
pub mod report;
pub mod text;
pub mod yaml;
