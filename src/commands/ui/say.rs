//! Messages on stderr, in the run's `--cli-error-format`: errors (the one
//! that decides the exit code says it), warnings with their codes, notes,
//! and the boundary's warnings and `--debug` trace.

use crate::args::{ErrorFormat, Global};
use crate::aws::client::Sink;
use crate::failure::{Failure, Warning};
use crate::output::message::Message;
use crate::output::stdio;

/// Where the boundary's warnings and trace go: messages on stderr.
pub fn sink() -> Sink {
    Sink::new(|code: Option<Warning>, text: &str| {
        stdio::say(&match code {
            Some(code) => Message::warning(code, text),
            None => Message::debug(text),
        })
    })
}

/// The run's error format: `--cli-error-format`, else AWS_CLI_ERROR_FORMAT,
/// else `cli_error_format` in the profile in use (`--profile`, AWS_PROFILE,
/// …), else enhanced. A value from the environment or the profile that is
/// not a format is exit 5, naming where it was set (the command line's is
/// clap's to refuse, exit 2).
pub async fn error_format(global: &Global) -> Result<ErrorFormat, Failure> {
    if let Some(format) = global.cli_error_format {
        return Ok(format);
    }
    let configured = crate::aws::connect::own_setting(
        global.profile.as_deref(),
        ("AWS_CLI_ERROR_FORMAT", "cli_error_format"),
        "error format",
        |v| ErrorFormat::parse(v).ok_or_else(|| format!("use {}", ErrorFormat::allowed())),
    )
    .await?;
    Ok(configured.unwrap_or_default())
}

/// A failure as an error message: escaped, with its causes under --debug.
pub fn error(global: &Global, failure: &Failure) -> Message {
    Message::error(
        &failure.code,
        crate::text::message(&failure.report(global.debug)),
    )
}

/// Each order's error, once, about that order; with `deciding`, the first,
/// in input order, decides the exit code.
pub fn order_errors<'a>(
    global: &Global,
    errors: impl IntoIterator<Item = (&'a str, &'a Failure)>,
    deciding: bool,
) {
    for (i, (id, failure)) in errors.into_iter().enumerate() {
        let message = error(global, failure).about(id);
        stdio::say(&if deciding && i == 0 {
            message.deciding(failure.exit_code())
        } else {
            message
        });
    }
}
