//! snowjob's library: everything but `main`, so tests, benchmarks and fuzz
//! targets reach the pure parts (patch building, checks, rendering, patch files).

pub mod checks;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod convert;
pub mod debug;
pub mod docs;
pub mod edit;
pub mod failure;
pub mod patch;
pub mod patch_file;
pub mod query;
pub mod query_output;
pub mod render;
pub mod stdio;
pub mod stop;
pub mod yaml;
