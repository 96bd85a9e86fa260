//! Writing results and messages without ever failing the run: a reader that
//! goes away (`snowjob list | head -1`) ends the output quietly, and the exit
//! code stays the one the work earned.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static STDOUT_FAILED: AtomicBool = AtomicBool::new(false);
static STDOUT_OFF: AtomicBool = AtomicBool::new(false);

/// `-o off`: from now on nothing is written to stdout.
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
            STDOUT_FAILED.store(true, Ordering::Relaxed);
            err(&format!("error: could not write the results: {e}\n"));
        }
    }
}

/// Whether writing the results failed for a reason other than a closed pipe
/// (a full disk): the run then fails, since its report was lost.
pub fn out_failed() -> bool {
    STDOUT_FAILED.load(Ordering::Relaxed)
}

/// Messages for people, to stderr; a closed stderr is ignored.
pub fn err(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(text.as_bytes());
    let _ = stderr.flush();
}

/// `err` with a newline.
pub fn errln(text: &str) {
    err(&format!("{text}\n"));
}
