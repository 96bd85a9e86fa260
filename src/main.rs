//! snowjob: safely edit pending AWS Snow Family jobs.

use std::panic::AssertUnwindSafe;

use clap::Parser;

use snowjob::cli::Cli;
use snowjob::commands;
use snowjob::core::pipeline::internal;
use snowjob::core::stop::Stop;
use snowjob::failure::{Code, Failure, Kind};
use snowjob::output::message::Message;
use snowjob::output::stdio;

fn main() {
    snowjob::cli::complete::serve();
    // From here a signal stops the run, however early it comes.
    snowjob::core::stop::catch_early();
    let mut cli = Cli::try_parse().unwrap_or_else(|e| {
        if !e.use_stderr() {
            e.exit(); // --help, --version
        }
        stdio::set_error_format(snowjob::cli::format_of_unparsed_line());
        stdio::say(&snowjob::cli::argument_error(&e));
        std::process::exit(e.exit_code());
    });
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    cli.global
        .resolve(snowjob::cli::command_line(&args), no_color);
    if cli.global.output == snowjob::output::Format::Off {
        stdio::turn_stdout_off();
    }
    // A panic is a bug: it is reported once, as `internal error`, by whoever
    // catches it (the job it happened in, or this function), never by the
    // default hook. --debug shows where it happened.
    let debug = cli.global.debug;
    std::panic::set_hook(Box::new(move |info| {
        if debug {
            stdio::say(&Message::debug(info.to_string()));
        }
    }));
    let code = std::panic::catch_unwind(AssertUnwindSafe(|| run_to_exit_code(&cli)))
        .unwrap_or_else(|panic| {
            let failure = internal(&*panic);
            commands::say_error(&cli.global, &failure);
            failure.exit_code()
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
            let failure = Failure::of(
                Code::Unexpected,
                format!("could not start the async runtime: {e}"),
            );
            commands::say_error(&cli.global, &failure);
            return failure.exit_code();
        }
    };
    let code = runtime.block_on(async {
        let stop = Stop::listen(|signal| {
            let text = format!("stopped by a second {}: ended at once", signal.name());
            stdio::say_interrupt(&text, signal.exit_code());
        });
        let signalled = stop.clone();
        stdio::exit_code_after_signal(move || signalled.is_stopped());
        // The format is known before the first message.
        let format = stop
            .until_stopped(commands::ui::say::error_format(&cli.global))
            .await;
        // Interrupted while settling it: the format the line or the
        // environment gives, and the command reports what it did not do.
        let format = format.unwrap_or_else(|| Ok(snowjob::cli::format_of_unparsed_line()));
        let code = match format {
            Err(failure) => {
                commands::say_error(&cli.global, &failure);
                failure.exit_code()
            }
            Ok(format) => {
                stdio::set_error_format(format);
                // Boxed: every command's future inline is deeper than the
                // compiler's layout limit allows in some feature sets.
                match Box::pin(snowjob::cli::run(cli, &stop)).await {
                    Ok(code) => code,
                    Err(failure) => {
                        commands::say_error(&cli.global, &failure);
                        failure.exit_code()
                    }
                }
            }
        };
        let signal = stop.signal();
        // The results were lost (a full disk): the run fails, unless it had already.
        let lost = signal.is_none() && code == 0 && stdio::out_failed();
        stdio::say_out_failure(lost.then(|| Kind::Unexpected.exit_code()));
        match signal {
            Some(signal) => {
                let text = format!(
                    "stopped by {}: no new request was started after it",
                    signal.name()
                );
                stdio::say_interrupt(&text, signal.exit_code());
                signal.exit_code()
            }
            None if lost => Kind::Unexpected.exit_code(),
            None => code,
        }
    });
    // Do not wait for blocked reads of stdin or requests still in flight.
    runtime.shutdown_background();
    code
}
