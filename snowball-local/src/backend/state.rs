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
//! are then rewritten in this format. An empty file (as `mktemp` or `touch`
//! leave it) is a new state.
//!
//! One server per state file: [`claim`] takes an exclusive lock (`flock`) on
//! `<file>.lock` beside it, holding the owner's PID, before the file is read,
//! and keeps it while the server runs (the kernel drops it at exit, `kill -9`
//! included). A state file given as a symbolic link is followed: its target
//! is read, locked and rewritten, and the link stays. Anything but a regular
//! file (a FIFO, a directory, a device) is refused, without blocking.

use std::borrow::Cow;
use std::ffi::OsString;
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use serde::Serialize;
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

/// Parses JSON text: checked as JSON, then read as YAML (JSON is YAML),
/// since serde_json's default float parsing does not round-trip every
/// timestamp exactly. The one escape JSON has and YAML refuses, a surrogate
/// pair (`\ud83d\ude00`, what Python's `json.dump` writes for any emoji), is
/// given to YAML as the character's own escape.
pub fn parse_json(text: &str) -> Result<Json, String> {
    serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| e.to_string())?;
    serde_yaml::from_str(&astral_escapes(text)).map_err(|e| e.to_string())
}

/// Valid JSON `text` with each surrogate-pair escape rewritten as YAML's
/// escape for the character (`\U0001f600`). In valid JSON a backslash is
/// always an escape inside a string, so escapes are read from left to right.
fn astral_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("\\u") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let hex4 = |at: usize| -> Option<u32> {
        let digits = bytes.get(at..at + 4)?;
        if !digits.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    let (mut out, mut start, mut i) = (String::with_capacity(text.len()), 0, 0);
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        let high = hex4(i + 2);
        let low = (bytes.get(i + 6..i + 8) == Some(&b"\\u"[..]))
            .then(|| hex4(i + 8))
            .flatten();
        if let (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) = (high, low) {
            let c = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            out.push_str(&text[start..i]);
            out.push_str(&format!("\\U{c:08x}"));
            i += 12;
            start = i;
        } else {
            i += 6;
        }
    }
    out.push_str(&text[start..]);
    Cow::Owned(out)
}

/// The state file as this process holds it: the path it is read and written
/// at (a symbolic link's target), and the lock that keeps any other server
/// off it.
pub struct Claim {
    pub path: PathBuf,
    lock: File,
}

/// The lock file beside the state file.
fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

/// What a file that is not a regular one is, for messages.
fn kind_of(kind: std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Resolves the state file (following a symbolic link), refuses what is not
/// a regular file, and takes the lock: a second server on the same file
/// (by any name) is refused naming the file and the PID holding it.
pub fn claim(given: &Path) -> anyhow::Result<Claim> {
    let name = crate::escaped(&given.display().to_string());
    if given.file_name().is_none() {
        bail!("the state file '{name}' is not the path of a file; give one such as state.json");
    }
    let path = match std::fs::symlink_metadata(given) {
        Ok(meta) if meta.file_type().is_symlink() => match std::fs::canonicalize(given) {
            Ok(target) => target,
            Err(e) => {
                let target = std::fs::read_link(given)
                    .map(|t| crate::escaped(&t.display().to_string()))
                    .unwrap_or_default();
                bail!(
                    "the state file {name} is a symbolic link to {target}, which cannot be followed ({e}); point it at a file in a directory that exists, or give the path itself"
                );
            }
        },
        _ => given.to_path_buf(),
    };
    if let Ok(meta) = std::fs::metadata(&path)
        && !meta.file_type().is_file()
    {
        bail!(
            "the state file {name} is {}, not a regular file; give the path of a file (it need not exist yet)",
            kind_of(meta.file_type())
        );
    }
    let lock_at = lock_path(&path);
    let lock_name = crate::escaped(&lock_at.display().to_string());
    let mut lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(&lock_at)
        .with_context(|| format!("opening the state file's lock {lock_name}"))?;
    if !lock.metadata().is_ok_and(|m| m.file_type().is_file()) {
        bail!("the state file's lock {lock_name} is not a regular file; remove it");
    }
    use std::os::fd::AsRawFd;
    // SAFETY: flock on a file descriptor this function owns.
    if unsafe { libc::flock(lock.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Err(e).with_context(|| format!("locking the state file's lock {lock_name}"));
        }
        let mut holder = String::new();
        let _ = (&lock).take(64).read_to_string(&mut holder);
        let holder = match holder.trim() {
            pid if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) => {
                format!("PID {pid}")
            }
            _ => "a PID not yet written".to_string(),
        };
        let resolved = crate::escaped(&path.display().to_string());
        let shown = match resolved == name {
            true => name,
            false => format!("{name} ({resolved})"),
        };
        bail!(
            "the state file {shown} is in use by another snowball-local ({holder}, holding {lock_name}); stop it, or give this one another --state-file"
        );
    }
    lock.set_len(0)
        .and_then(|()| writeln!(lock, "{}", std::process::id()))
        .with_context(|| format!("writing the state file's lock {lock_name}"))?;
    Ok(Claim { path, lock })
}

/// One record as a line of JSON, newline included. Characters YAML does not
/// read raw as themselves (DEL and the C1 controls, which it refuses; NEL,
/// U+2028 and U+2029, which it takes for line breaks; the BOM and the
/// noncharacters U+FFFE and U+FFFF) are written as `\uXXXX` escapes, which
/// JSON and YAML both read as the character.
fn to_line(record: &Json) -> std::io::Result<Vec<u8>> {
    let mut line = Vec::new();
    record
        .serialize(&mut serde_json::Serializer::with_formatter(
            &mut line, YamlSafe,
        ))
        .map_err(std::io::Error::other)?;
    line.push(b'\n');
    Ok(line)
}

struct YamlSafe;

/// Whether YAML would not read `c` raw as itself (see [`to_line`]).
fn yaml_misreads(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    )
}

impl serde_json::ser::Formatter for YamlSafe {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices().filter(|(_, c)| yaml_misreads(*c)) {
            writer.write_all(&fragment.as_bytes()[start..i])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            start = i + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// What the state file holds, or `None` if there is none yet. A file that
/// cannot be read or parsed is an error naming it (and the line): starting
/// over would lose it.
pub fn read(path: &Path) -> anyhow::Result<Option<Saved>> {
    let name = crate::escaped(&path.display().to_string());
    // Without blocking: a FIFO put there meanwhile is refused, not waited on.
    let opened = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path);
    let mut file = match opened {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {name}")),
    };
    let kind = file
        .metadata()
        .with_context(|| format!("reading {name}"))?
        .file_type();
    if !kind.is_file() {
        bail!(
            "the state file {name} is {}, not a regular file",
            kind_of(kind)
        );
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .with_context(|| format!("reading {name}"))?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        // Nothing saved yet (as `mktemp` or `touch` leave a file).
        return Ok(None);
    }
    let first_end = bytes.iter().position(|b| *b == b'\n');
    let first = &bytes[..first_end.unwrap_or(bytes.len())];
    let header = std::str::from_utf8(first)
        .ok()
        .and_then(|line| parse_json(line).ok())
        .filter(|v| v.get(MARKER).is_some());
    let Some(mut header) = header else {
        // The format before the log: one JSON document.
        let text = String::from_utf8(bytes)
            .with_context(|| format!("the state file {name} is not UTF-8 text"))?;
        let doc = parse_json(&text)
            .map_err(|e| anyhow::anyhow!("the state file {name} is not valid JSON: {e}"))?;
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
        let record = parse_json(line)
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
    /// The state file's lock, held as long as the log is written.
    _lock: Option<File>,
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
            _lock: None,
        })
    }

    /// This log, keeping the state file's lock while it lives.
    pub fn holding(mut self, claim: Claim) -> Log {
        self._lock = Some(claim.lock);
        self
    }

    /// Writes one change before its reply is sent: appended as a line, or,
    /// once the changes would outgrow the snapshot, the whole state
    /// (`snapshot()`, which includes the change) as a new file. If that
    /// rewrite fails (say the directory became read-only) the line is
    /// appended all the same, and the next change tries again. After a failed
    /// append the file may end in part of a line, so until a rewrite succeeds
    /// every change is a rewrite.
    pub fn append(
        &mut self,
        change: &Json,
        snapshot: impl FnOnce() -> Json,
    ) -> std::io::Result<()> {
        if self.broken {
            return self.compact(&snapshot());
        }
        let line = to_line(change)?;
        let len = line.len() as u64;
        if self.change_bytes + len > self.snapshot_bytes && self.compact(&snapshot()).is_ok() {
            return Ok(());
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
        let (file, bytes) = write_snapshot(&self.path, snapshot)?;
        self.file = file;
        self.snapshot_bytes = bytes;
        self.change_bytes = 0;
        self.broken = false;
        Ok(())
    }
}

/// Writes a log of one snapshot line atomically (temp file, fsync, rename);
/// returns the file, open at its end for the changes, and its size.
fn write_snapshot(path: &Path, snapshot: &Json) -> std::io::Result<(File, u64)> {
    let line = to_line(&json!({ MARKER: VERSION, "Snapshot": snapshot }))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &Path) -> usize {
        std::fs::read_to_string(path).unwrap().lines().count()
    }

    #[test]
    fn a_failed_rewrite_falls_back_to_appending() {
        let dir = tempfile::tempdir().unwrap();
        let (here, away) = (dir.path().join("here"), dir.path().join("away"));
        std::fs::create_dir(&here).unwrap();
        let snapshot = json!({ "Jobs": [] });
        let mut log = Log::create(&here.join("state.json"), &snapshot).unwrap();
        let change = json!({ "Jobs": [{ "JobMetadata": { "Description": "x".repeat(100) } }] });
        // The directory moved away: the rewrite this change is due fails (no
        // temp file can be made where the state file was), so it is appended.
        std::fs::rename(&here, &away).unwrap();
        log.append(&change, || snapshot.clone()).unwrap();
        assert_eq!(lines(&away.join("state.json")), 2);
        // Back again: the next change rewrites the file.
        std::fs::rename(&away, &here).unwrap();
        log.append(&change, || snapshot.clone()).unwrap();
        assert_eq!(lines(&here.join("state.json")), 1);
    }

    #[test]
    fn lines_escape_what_yaml_would_misread() {
        let text = "a\u{7f}\u{85}\u{2028}\u{feff}\u{ffff}\u{1F600}";
        let line = to_line(&json!({ "Description": text })).unwrap();
        let line = String::from_utf8(line).unwrap();
        assert!(line.replace('\u{1F600}', "").is_ascii(), "{line}");
        assert!(
            line.contains(r"\u007f") && line.contains(r"\u2028"),
            "{line}"
        );
        assert_eq!(parse_json(line.trim_end()).unwrap()["Description"], text);
    }
}
