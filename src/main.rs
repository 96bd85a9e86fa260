//! snowjob: safely edit pending AWS Snow Family jobs.

use std::panic::AssertUnwindSafe;

use clap::Parser;

use snowjob::cli::Cli;
use snowjob::commands;
use snowjob::core::pipeline::internal;
use snowjob::core::stop::Stop;
use snowjob::failure::{Code, Failure, Kind};
use snowjob::output::message::{ErrorFormat, Message};
use snowjob::output::stdio;

fn main() {
    snowjob::cli::complete::serve();
    let mut cli = Cli::try_parse().unwrap_or_else(|e| {
        if !e.use_stderr() {
            e.exit(); // --help, --version
        }
        stdio::set_error_format(format_of_unparsed_line());
        stdio::say(&argument_error(&e));
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

/// The error format of a line clap could not parse: `--cli-error-format X`
/// (or `=X`) as typed, else AWS_CLI_ERROR_FORMAT, else enhanced. A value that
/// is not a format is passed over (the error may be about it). The profile's
/// `cli_error_format` is not read: which profile applies depends on the line
/// that could not be parsed, and an argument error needs no configuration.
fn format_of_unparsed_line() -> ErrorFormat {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut words = args.iter().take_while(|w| *w != "--");
    let mut typed = None;
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--cli-error-format") {
            Some("") => words.next().map(String::as_str),
            Some(attached) => attached.strip_prefix('='),
            None => None,
        };
        typed = value.and_then(ErrorFormat::parse).or(typed);
    }
    typed
        .or_else(|| {
            std::env::var("AWS_CLI_ERROR_FORMAT")
                .ok()
                .and_then(|v| ErrorFormat::parse(&v))
        })
        .unwrap_or_default()
}

/// clap's refusal of the command line as a message: exit 2, its code clap's
/// kind of error (`InvalidValue`, `UnknownArgument`, `MissingRequiredArgument`
/// …). A person reads clap's text as clap writes it; a script gets it without
/// the usage and `--help` lines.
fn argument_error(e: &clap::Error) -> Message {
    // clap quotes what was typed in full; a message quotes at most 200 characters.
    let mut rendered = e.render().to_string();
    if let Some(clap::error::ContextValue::String(value)) =
        e.get(clap::error::ContextKind::InvalidValue)
    {
        // A value with spaces (a long --query) escapes shorten_long_words.
        rendered = rendered.replacen(&format!("'{value}'"), &snowjob::text::quote(value), 1);
    }
    let rendered = snowjob::text::shorten_long_words(&rendered);
    let rendered = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    let text = if stdio::error_format().is_structured() {
        rendered
            .split("\n\n")
            .filter(|p| !p.starts_with("Usage:") && !p.starts_with("For more information"))
            .flat_map(str::lines)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        rendered.strip_suffix('\n').unwrap_or(rendered).to_string()
    };
    Message::error(&format!("{:?}", e.kind()), text).deciding(e.exit_code())
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
        let code = match format {
            None => 0,
            Some(Err(failure)) => {
                commands::say_error(&cli.global, &failure);
                failure.exit_code()
            }
            Some(Ok(format)) => {
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
