//! Writing results and messages without ever failing the run: a reader that
//! goes away (`snowjob list | head -1`) ends the output quietly, and the exit
//! code stays the one the work earned. The one writer of stderr: every
//! message goes out in the run's `--cli-error-format`.

use std::io::Write;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::failure::Code;
use crate::output::message::{ErrorFormat, Message};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDOUT_OFF: AtomicBool = AtomicBool::new(false);
/// Why writing the results failed (other than a closed pipe), said at the end.
static STDOUT_FAILED: OnceLock<String> = OnceLock::new();
static ERROR_FORMAT: OnceLock<ErrorFormat> = OnceLock::new();
/// Whether a message has said the exit code: only one may.
static EXIT_CODE_SAID: AtomicBool = AtomicBool::new(false);
/// Whether a signal has stopped the run: its exit code is then the signal's.
type Check = Box<dyn Fn() -> bool + Send + Sync>;
static SIGNALLED: OnceLock<Check> = OnceLock::new();

/// `-o off`: from now on nothing is written to stdout.
/// Which of the process's standard streams are terminals.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Terminal {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminal {
    /// A person can be asked: stdin and stderr are a terminal.
    pub fn can_ask(self) -> bool {
        self.stdin && self.stderr
    }
}

/// Which streams are terminals, read from the process once (the streams do
/// not change), for the settings and the writers alike.
pub fn terminal() -> Terminal {
    static TERMINAL: std::sync::OnceLock<Terminal> = std::sync::OnceLock::new();
    *TERMINAL.get_or_init(|| {
        use std::io::IsTerminal;
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        }
    })
}

pub fn turn_stdout_off() {
    STDOUT_OFF.store(true, Ordering::Relaxed);
}

/// Results, to stdout. After the reader has gone, nothing more is written.
pub fn out(text: &str) {
    if text.is_empty()
        || STDOUT_CLOSED.load(Ordering::Relaxed)
        || STDOUT_OFF.load(Ordering::Relaxed)
    {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            let _ = STDOUT_FAILED.set(format!("could not write the results: {e}"));
        }
    }
}

/// Whether stdout was closed (`| head`): nothing more is written to it.
pub fn out_closed() -> bool {
    STDOUT_CLOSED.load(Ordering::Relaxed)
}

/// Whether writing the results failed for a reason other than a closed pipe
/// (a full disk): the run then fails, since its report was lost.
pub fn out_failed() -> bool {
    STDOUT_FAILED.get().is_some()
}

/// Says why writing the results failed, if it did: once the run is over, so
/// that the message knows whether it decides the exit code.
pub fn say_out_failure(decides: Option<i32>) {
    if let Some(why) = STDOUT_FAILED.get() {
        let message = Message::error(Code::OutputFailed.as_str(), why.as_str());
        say(&match decides {
            Some(exit_code) => message.deciding(exit_code),
            None => message,
        });
    }
}

/// Sets the run's `--cli-error-format` (once, before the first message).
pub fn set_error_format(format: ErrorFormat) {
    let _ = ERROR_FORMAT.set(format);
}

pub fn error_format() -> ErrorFormat {
    ERROR_FORMAT.get().copied().unwrap_or_default()
}

/// `signalled` says whether a signal has stopped the run: from then on no
/// message but the interrupt's says the exit code.
pub fn exit_code_after_signal(signalled: impl Fn() -> bool + Send + Sync + 'static) {
    let _ = SIGNALLED.set(Box::new(signalled));
}

/// A message, in the run's format. Only the first that decides the exit code
/// says it, and none after a signal (the interrupt says it).
pub fn say(message: &Message) {
    let mut message = std::borrow::Cow::Borrowed(message);
    if message.exit_code.is_some() {
        let signalled = SIGNALLED.get().is_some_and(|s| s());
        if signalled || EXIT_CODE_SAID.swap(true, Ordering::Relaxed) {
            message.to_mut().exit_code = None;
        }
    }
    let text = message.render(error_format());
    // JSON messages on a terminal, as JSON results there: nothing it acts on.
    if error_format() == ErrorFormat::Json && terminal().stderr {
        return err(&crate::text::json_for_terminal(&text));
    }
    err(&text);
}

/// The interrupt, for scripts: the message that says the exit code (130 or
/// 143). A person's terminal shows nothing more than before.
pub fn say_interrupt(text: &str, exit_code: i32) {
    if error_format().is_structured() {
        EXIT_CODE_SAID.store(true, Ordering::Relaxed);
        err(&Message::error(Code::Interrupted.as_str(), text)
            .deciding(exit_code)
            .render(error_format()));
    }
}

/// Raw text to stderr (prompts and what they show; messages go through
/// [`say`]); a closed stderr is ignored.
pub fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}
