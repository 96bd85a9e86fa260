//! snowjob: safely edit pending AWS Snow Family jobs.

use std::panic::AssertUnwindSafe;

use clap::Parser;

use snowjob::cli::{Cli, Command};
use snowjob::commands;
use snowjob::core::edit::internal;
use snowjob::core::stop::Stop;
use snowjob::failure::{Failure, Kind};
use snowjob::output::{render, stdio};

fn main() {
    commands::complete::serve();
    let cli = Cli::try_parse().unwrap_or_else(|e| {
        if !e.use_stderr() {
            e.exit(); // --help, --version
        }
        // clap quotes what was typed in full; a message quotes at most 200 characters.
        let mut message = e.render().to_string();
        if let Some(clap::error::ContextValue::String(value)) =
            e.get(clap::error::ContextKind::InvalidValue)
        {
            // A value with spaces (a long --query) escapes shorten_long_words.
            message = message.replacen(&format!("'{value}'"), &render::quote(value), 1);
        }
        stdio::err(&render::shorten_long_words(&message));
        std::process::exit(e.exit_code());
    });
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
        let code = match run(cli, &stop).await {
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

async fn run(cli: &Cli, stop: &Stop) -> Result<i32, Failure> {
    let g = &cli.global;
    match &cli.command {
        Command::Show(args) => read(commands::show::run(g, args, stop), stop).await,
        Command::List(args) => read(commands::list::run(g, args), stop).await,
        Command::Addresses(args) => read(commands::addresses::run(g, args), stop).await,
        Command::SetShipping(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::SetCapacity(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::AddS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::RemoveS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::SetNfsLimit(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::Apply(args) => commands::apply::run(g, args, stop).await,
        Command::History(args) => read(commands::history::run(g, args, stop), stop).await,
        Command::Undo(args) => commands::undo::run(g, args, stop).await,
        Command::Edit(args) => commands::edit::run(g, args, stop).await,
        Command::Completions(args) => commands::completions::run(args),
    }
}

/// Reads change nothing: a signal ends them at once.
async fn read(
    work: impl std::future::Future<Output = Result<i32, Failure>>,
    stop: &Stop,
) -> Result<i32, Failure> {
    Ok(stop.until_stopped(work).await.transpose()?.unwrap_or(0))
}
