//! What a command reads before any request: job IDs (given, from stdin, or
//! picked on a terminal) and files, each bounded and interruptible.

use std::io::{BufRead, Read};

use super::ui;
use crate::args::Global;
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};

/// Longest line of job IDs read from stdin; a longer one is refused.
const MAX_ID_LINE: usize = 1024;

/// The job IDs to work on: `-` reads stdin (one a line; blank lines and `#`
/// comments skipped). Every ID is checked before any request; repeats are dropped.
pub fn resolve_job_ids(given: &[String], stdin: &mut dyn BufRead) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| -> Result<(), Failure> {
        let id = crate::args::job_id(id).map_err(Failure::invalid)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
        Ok(())
    };
    let mut read_stdin = false;
    for arg in given {
        if arg != "-" {
            push(arg)?;
            continue;
        }
        if read_stdin {
            continue;
        }
        read_stdin = true;
        let mut n = 0;
        while let Some(line) = bounded_line(stdin)
            .map_err(|e| Failure::invalid(format!("reading job IDs from stdin: {e}")))?
        {
            n += 1;
            let line = line.map_err(|len| {
                Failure::invalid(format!(
                    "stdin line {n} is longer than {MAX_ID_LINE} bytes ({len} or more); a job ID is 39"
                ))
            })?;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            push(line).map_err(|e| Failure::invalid(format!("stdin line {n}: {}", e.message)))?;
        }
    }
    if ids.is_empty() {
        return Err(Failure::invalid("no job IDs were given (stdin had none)"));
    }
    Ok(ids)
}

/// One line of at most MAX_ID_LINE bytes: `Ok(None)` at the end, `Err(len)`
/// inside for a longer line, which is not read further.
fn bounded_line(stdin: &mut dyn BufRead) -> std::io::Result<Option<Result<String, usize>>> {
    let mut bytes = Vec::new();
    let read = Read::take(&mut *stdin, MAX_ID_LINE as u64 + 1).read_until(b'\n', &mut bytes)?;
    if read == 0 {
        return Ok(None);
    }
    let body = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
    let body = body.strip_suffix(b"\r").unwrap_or(body);
    if body.len() > MAX_ID_LINE {
        return Ok(Some(Err(body.len())));
    }
    Ok(Some(Ok(String::from_utf8_lossy(body).into_owned())))
}

/// The file at `path`, at most `limit` bytes and one more (so that a larger
/// one shows as larger, without reading it all).
pub fn read_at_most(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read_at_most`] of a path or `-` (stdin), in a thread of its own so that
/// Ctrl-C or SIGTERM ends the wait (a terminal or a FIFO may hold the read);
/// `None` when a signal came first.
pub async fn read_input(
    source: &std::path::Path,
    limit: u64,
    stop: &Stop,
) -> Option<std::io::Result<Vec<u8>>> {
    let source = source.to_path_buf();
    let reading = tokio::task::spawn_blocking(move || {
        if source.as_os_str() != "-" {
            return read_at_most(&source, limit);
        }
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    });
    stop.until_stopped(reading)
        .await
        .map(|read| read.unwrap_or_else(|e| Err(std::io::Error::other(e))))
}

/// `resolve_job_ids` on the process's stdin; reading a terminal gives way to
/// Ctrl-C (the read goes on in a thread of its own, left behind).
pub async fn read_job_ids(given: &[String], stop: &Stop) -> Result<Vec<String>, Failure> {
    if !given.iter().any(|g| g == "-") {
        return resolve_job_ids(given, &mut std::io::empty());
    }
    let given = given.to_vec();
    let reading =
        tokio::task::spawn_blocking(move || resolve_job_ids(&given, &mut std::io::stdin().lock()));
    match stop.until_stopped(reading).await {
        Some(Ok(ids)) => ids,
        Some(Err(e)) => Err(Failure::of(
            Code::InternalError,
            format!("reading job IDs from stdin: {e}"),
        )),
        None => Ok(Vec::new()),
    }
}

/// The jobs a command works on: the IDs given (`-` reads stdin) or, with none,
/// those a person at a terminal picks from the jobs still New (one or several).
/// An empty list means a signal came first.
pub async fn job_ids(
    global: &Global,
    given: &[String],
    pick: ui::pick::Pick,
    stop: &Stop,
) -> Result<Vec<String>, Failure> {
    if !given.is_empty() {
        return read_job_ids(given, stop).await;
    }
    if !global.terminal.can_ask() {
        return Err(Failure::invalid(
            "no job IDs were given: name them, or give - to read them from stdin",
        ));
    }
    ui::pick::pending_jobs(global, pick, stop).await
}

/// How a file given as `path` (`-`: stdin) is named in messages.
pub fn named(path: &std::path::Path) -> String {
    match path.as_os_str() == "-" {
        true => "stdin".to_string(),
        false => crate::text::quote(&path.display().to_string()),
    }
}

/// The text of the `what` (a patch, a standard) [`read_input`] read from
/// `source` (as [`named`] names it): refused, naming it, when it could not be
/// read, is larger than `limit` (`typical` says what size it should have) or
/// is not UTF-8.
pub fn text_of(
    read: std::io::Result<Vec<u8>>,
    limit: u64,
    what: &str,
    source: &str,
    typical: &str,
) -> Result<String, Failure> {
    let bytes =
        read.map_err(|e| Failure::invalid(format!("reading the {what} from {source}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(Failure::invalid(format!(
            "the {what} in {source} is larger than {}; {typical}",
            crate::text::size(limit)
        )));
    }
    String::from_utf8(bytes)
        .map_err(|_| Failure::invalid(format!("the {what} in {source} is not UTF-8 text")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "JID123e4567-e89b-12d3-a456-426655440000";
    const B: &str = "JID223e4567-e89b-12d3-a456-426655440000";

    #[test]
    fn stdin_ids_skip_blanks_and_comments_and_repeats() {
        let mut input = format!("# pending jobs\n\n{B}\n  {A}  \n{B}\n").into_bytes();
        let ids = resolve_job_ids(&[A.into(), "-".into()], &mut input.as_slice()).unwrap();
        assert_eq!(ids, vec![A, B]);
        input = b"JID-bad\n".to_vec();
        let err = resolve_job_ids(&["-".into()], &mut input.as_slice()).unwrap_err();
        assert!(err.message.contains("stdin line 1"), "{}", err.message);
        assert!(resolve_job_ids(&["-".into()], &mut b"\n# none\n".as_slice()).is_err());
        let long = format!("{}\n{A}\n", "x".repeat(5000)).into_bytes();
        let err = resolve_job_ids(&["-".into()], &mut long.as_slice()).unwrap_err();
        assert!(
            err.message.contains("longer than 1024 bytes"),
            "{}",
            err.message
        );
    }
}
