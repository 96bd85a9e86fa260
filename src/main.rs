//! snowjob: safely edit pending AWS Snow Family jobs.

use std::panic::AssertUnwindSafe;

use clap::Parser;

use snowjob::cli::Cli;
use snowjob::commands;
use snowjob::core::pipeline::internal;
use snowjob::core::stop::Stop;
use snowjob::failure::Kind;
use snowjob::output::stdio;

fn main() {
    snowjob::cli::complete::serve();
    let mut cli = Cli::try_parse().unwrap_or_else(|e| {
        if !e.use_stderr() {
            e.exit(); // --help, --version
        }
        // clap quotes what was typed in full; a message quotes at most 200 characters.
        let mut message = e.render().to_string();
        if let Some(clap::error::ContextValue::String(value)) =
            e.get(clap::error::ContextKind::InvalidValue)
        {
            // A value with spaces (a long --query) escapes shorten_long_words.
            message = message.replacen(&format!("'{value}'"), &snowjob::text::quote(value), 1);
        }
        stdio::err(&snowjob::text::shorten_long_words(&message));
        std::process::exit(e.exit_code());
    });
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    cli.global.command_line = snowjob::cli::command_line(&args);
    // A plan is a dry run written down.
    cli.global.dry_run |= cli.global.plan.is_some();
    if cli.global.output == snowjob::output::Format::Off {
        stdio::turn_stdout_off();
    }
    // A panic is a bug: it is reported once, as `internal error`, by whoever
    // catches it (the job it happened in, or this function), never by the
    // default hook. --debug shows where it happened.
    let debug = cli.global.debug;
    std::panic::set_hook(Box::new(move |info| {
        if debug {
            stdio::errln(&format!("[debug] {info}"));
        }
    }));
    let code = std::panic::catch_unwind(AssertUnwindSafe(|| run_to_exit_code(&cli)))
        .unwrap_or_else(|panic| {
            stdio::errln(&format!("error: {}", internal(&*panic).message));
            Kind::Unexpected.exit_code()
        });
    std::process::exit(code);
}

fn run_to_exit_code(cli: &Cli) -> i32 {
    // One thread is plenty for a few hundred concurrent HTTP calls, and starts fastest.
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            stdio::errln(&format!("error: could not start the async runtime: {e}"));
            return Kind::Unexpected.exit_code();
        }
    };
    let code = runtime.block_on(async {
        let stop = Stop::listen();
        let code = match snowjob::cli::run(cli, &stop).await {
            Ok(code) => code,
            Err(failure) => {
                commands::say_error(&cli.global, &failure);
                failure.exit_code()
            }
        };
        match stop.signal() {
            Some(signal) => signal.exit_code(),
            None if code == 0 && stdio::out_failed() => Kind::Unexpected.exit_code(),
            None => code,
        }
    });
    // Do not wait for blocked reads of stdin or requests still in flight.
    runtime.shutdown_background();
    code
}
