//! The state file: a log of changes, so that the cost of a change does not
//! grow with the number of stored jobs.
//!
//! ```text
//! {"SnowballLocalState":1,"Snapshot":{"Addresses":[…],"Clusters":[…],"Jobs":[…]}}
//! {"Jobs":[{"JobMetadata":{…},"WindowEnds":1767225600.5}]}
//! {"Addresses":[{"RemovedAddress":"ADID…"}]}
//! ```
//!
//! The first line is a snapshot of every job, cluster and address; each later
//! line is one change, the entries it touched whole (records of
//! [`Store::apply`](crate::backend::store::Store::apply)). A change is written
//! to the file (one `write(2)`, no fsync: a test endpoint need not survive a
//! power loss, only its own kill) before its reply is sent, so `kill -9` loses
//! nothing. The whole file is rewritten (compacted into one snapshot line) at
//! start and whenever the changes have grown past the snapshot's size, so it
//! stays within about twice the state's size; a rewrite is atomic (temp file
//! `<file>.tmp<pid>` next to it, fsync, rename), so a run killed mid-rewrite
//! leaves only something the next start recognises and removes.
//!
//! At start, a last line without its newline is a change cut short by a kill:
//! it is discarded (its reply was never sent), with a note on stderr. Anything
//! else that cannot be read is an error naming the file and the line.
//!
//! Files of the format before this one (a single JSON document, as
//! [`Store::load`](crate::backend::store::Store::load) reads) still load, and
//! are then rewritten in this format.

use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde_json::{Value as Json, json};

/// The key that marks the first line of a state log, and its format's version.
pub const MARKER: &str = "SnowballLocalState";
pub const VERSION: u64 = 1;

fn temp_prefix(path: &Path) -> OsString {
    let mut prefix = path.file_name().unwrap_or_default().to_os_string();
    prefix.push(".tmp");
    prefix
}

fn temp_path(path: &Path) -> PathBuf {
    let mut name = temp_prefix(path);
    name.push(std::process::id().to_string());
    path.with_file_name(name)
}

/// What a state file holds.
#[derive(Debug)]
pub enum Saved {
    /// The format before the log: one document for [`Store::load`](crate::backend::store::Store::load).
    Document(Json),
    /// The snapshot record, then each change record with its line number (from 2).
    Log {
        snapshot: Json,
        changes: Vec<(usize, Json)>,
    },
}

/// Parses one line of JSON: checked as JSON, then read as YAML (JSON is YAML),
/// since serde_json's default float parsing does not round-trip every
/// timestamp exactly.
fn parse_line(line: &str) -> Result<Json, String> {
    serde_json::from_str::<serde::de::IgnoredAny>(line).map_err(|e| e.to_string())?;
    serde_yaml::from_str(line).map_err(|e| e.to_string())
}

/// What the state file holds, or `None` if there is none yet. A file that
/// cannot be read or parsed is an error naming it (and the line): starting
/// over would lose it.
pub fn read(path: &Path) -> anyhow::Result<Option<Saved>> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    let name = path.display();
    let first_end = bytes.iter().position(|b| *b == b'\n');
    let first = &bytes[..first_end.unwrap_or(bytes.len())];
    let header = std::str::from_utf8(first)
        .ok()
        .and_then(|line| parse_line(line).ok())
        .filter(|v| v.get(MARKER).is_some());
    let Some(mut header) = header else {
        // The format before the log: one JSON document.
        let text = String::from_utf8(bytes)
            .with_context(|| format!("the state file {name} is not UTF-8 text"))?;
        let doc = serde_yaml::from_str::<Json>(&text)
            .with_context(|| format!("the state file {name} is not valid JSON"))?;
        return Ok(Some(Saved::Document(doc)));
    };
    if header[MARKER] != json!(VERSION) {
        bail!(
            "{name} line 1: {MARKER} {} is not a state format this snowball-local reads ({VERSION})",
            header[MARKER]
        );
    }
    let snapshot = match header
        .as_object_mut()
        .map(|h| (h.remove("Snapshot"), h.len()))
    {
        Some((Some(snapshot), 1)) => snapshot,
        _ => bail!("{name} line 1: expected {{\"{MARKER}\": {VERSION}, \"Snapshot\": {{…}}}}"),
    };
    let mut changes = Vec::new();
    let Some(first_end) = first_end else {
        return Ok(Some(Saved::Log { snapshot, changes }));
    };
    let mut rest = &bytes[first_end + 1..];
    let mut number = 1;
    while !rest.is_empty() {
        number += 1;
        let Some(end) = rest.iter().position(|b| *b == b'\n') else {
            // Every change is written with its newline in one write: a last
            // line without one was cut short, and its reply never sent.
            eprintln!(
                "snowball-local: {name} line {number}: discarded an incomplete last change \
                 ({} bytes, cut short by a kill; its reply was never sent)",
                rest.len()
            );
            break;
        };
        let line = std::str::from_utf8(&rest[..end])
            .map_err(|_| anyhow::anyhow!("{name} line {number}: not UTF-8 text"))?;
        rest = &rest[end + 1..];
        if line.trim().is_empty() {
            bail!("{name} line {number}: an empty line (each line is one change)");
        }
        let record = parse_line(line)
            .map_err(|e| anyhow::anyhow!("{name} line {number}: not valid JSON: {e}"))?;
        changes.push((number, record));
    }
    Ok(Some(Saved::Log { snapshot, changes }))
}

/// The state log being written: appends each change, and compacts the file
/// when the changes have grown past the snapshot.
pub struct Log {
    path: PathBuf,
    file: File,
    snapshot_bytes: u64,
    change_bytes: u64,
    /// A write failed part-way: the file may end in a partial line, so the
    /// next change rewrites it whole instead of appending.
    broken: bool,
}

impl Log {
    /// Starts a new log at `path` holding `snapshot`, atomically replacing
    /// whatever was there.
    pub fn create(path: &Path, snapshot: &Json) -> std::io::Result<Log> {
        let (file, snapshot_bytes) = write_snapshot(path, snapshot)?;
        Ok(Log {
            path: path.to_path_buf(),
            file,
            snapshot_bytes,
            change_bytes: 0,
            broken: false,
        })
    }

    /// Writes one change before its reply is sent: appended as a line, or,
    /// once the changes would outgrow the snapshot (or after a failed write),
    /// the whole state (`snapshot()`, which includes the change) as a new file.
    pub fn append(
        &mut self,
        change: &Json,
        snapshot: impl FnOnce() -> Json,
    ) -> std::io::Result<()> {
        let mut line = serde_json::to_vec(change).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let len = line.len() as u64;
        if self.broken || self.change_bytes + len > self.snapshot_bytes {
            return self.compact(&snapshot());
        }
        let before = self.snapshot_bytes + self.change_bytes;
        if let Err(e) = self.file.write_all(&line) {
            // Take back a partial line if we can; either way the next change
            // rewrites the file whole.
            let _ = self.file.set_len(before);
            self.broken = true;
            return Err(e);
        }
        self.change_bytes += len;
        Ok(())
    }

    /// Rewrites the file as one snapshot line.
    pub fn compact(&mut self, snapshot: &Json) -> std::io::Result<()> {
        match write_snapshot(&self.path, snapshot) {
            Ok((file, bytes)) => {
                self.file = file;
                self.snapshot_bytes = bytes;
                self.change_bytes = 0;
                self.broken = false;
                Ok(())
            }
            Err(e) => {
                self.broken = true;
                Err(e)
            }
        }
    }
}

/// Writes a log of one snapshot line atomically (temp file, fsync, rename);
/// returns the file, open at its end for the changes, and its size.
fn write_snapshot(path: &Path, snapshot: &Json) -> std::io::Result<(File, u64)> {
    let mut line = serde_json::to_vec(&json!({ MARKER: VERSION, "Snapshot": snapshot }))
        .map_err(std::io::Error::other)?;
    line.push(b'\n');
    let tmp = temp_path(path);
    let written = (|| {
        let mut file = File::create(&tmp)?;
        file.write_all(&line)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(file)
    })();
    match written {
        Ok(file) => Ok((file, line.len() as u64)),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Removes temp files a killed run left beside the state file.
pub fn remove_stale_temp_files(path: &Path) {
    let prefix = temp_prefix(path);
    let prefix = prefix.to_string_lossy();
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let Ok(entries) = dir.read_dir() else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stale = name
            .to_string_lossy()
            .strip_prefix(prefix.as_ref())
            .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
