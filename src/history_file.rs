//! The local history of edits: one JSON line per UpdateJob whose outcome was
//! `updated` or `unknown`, appended under an exclusive file lock so that
//! concurrent snowjob processes never interleave or lose a line. The file holds
//! pickup details as sent (undo needs them), so it is created 0600 in a 0700
//! directory, and an existing file is tightened to 0600; it never holds a
//! credential. The path must name a regular file: a symbolic link (its last
//! component), FIFO, device, directory or socket is refused, and nothing is
//! read or written through it.

use std::ffi::OsString;
use std::fs::{DirBuilder, File, FileType, OpenOptions, Permissions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, FileTypeExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::report::{Change, JobResult, Outcome};

/// The variable that names the history file, or turns it off.
pub const VARIABLE: &str = "SNOWJOB_HISTORY";

/// One recorded update (UpdateJob or UpdateCluster).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(into = "Line", try_from = "Line")]
pub struct Record {
    /// When the result was known, RFC 3339 (UTC).
    pub time: String,
    /// The order's ID: a job's, or a cluster's.
    pub job_id: String,
    /// `UpdateJob`, `UpdateCluster`, ...: what was sent.
    pub operation: String,
    pub region: String,
    /// Only when not the region's own, and never with a user:password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    pub profile: String,
    /// The subcommand and its arguments.
    pub command: String,
    pub outcome: Outcome,
    pub changes: Vec<Change>,
    pub request: Json,
    /// The standards that selected the order (`conform`); empty otherwise.
    pub standards: Vec<String>,
}

/// A record as a line holds it: the ID under `JobId` or `ClusterId`, and
/// `Operation` (lines written before clusters have none: UpdateJob).
#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Line {
    time: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    job_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cluster_id: Option<String>,
    #[serde(default)]
    operation: Option<String>,
    region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    endpoint: Option<String>,
    profile: String,
    command: String,
    outcome: Outcome,
    changes: Vec<Change>,
    request: Json,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    standards: Vec<String>,
}

impl From<Record> for Line {
    fn from(r: Record) -> Line {
        let cluster =
            snowball_model::OrderKind::of(&r.job_id) == snowball_model::OrderKind::Cluster;
        Line {
            time: r.time,
            job_id: (!cluster).then(|| r.job_id.clone()),
            cluster_id: cluster.then_some(r.job_id),
            operation: Some(r.operation),
            region: r.region,
            endpoint: r.endpoint,
            profile: r.profile,
            command: r.command,
            outcome: r.outcome,
            changes: r.changes,
            request: r.request,
            standards: r.standards,
        }
    }
}

impl TryFrom<Line> for Record {
    type Error = String;

    fn try_from(l: Line) -> Result<Record, String> {
        let id = l
            .job_id
            .or(l.cluster_id)
            .ok_or("a record needs JobId or ClusterId")?;
        let operation = l.operation.unwrap_or_else(|| {
            snowball_model::OrderKind::of(&id)
                .update_operation()
                .to_string()
        });
        Ok(Record {
            time: l.time,
            job_id: id,
            operation,
            region: l.region,
            endpoint: l.endpoint,
            profile: l.profile,
            command: l.command,
            outcome: l.outcome,
            changes: l.changes,
            request: l.request,
            standards: l.standards,
        })
    }
}

/// Where an edit was sent: what a record says, and what undo matches on.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub region: String,
    /// As [`endpoint`] records it.
    pub endpoint: Option<String>,
    pub profile: String,
}

impl Record {
    /// Whether the edit was sent through this region and endpoint (a job ID
    /// names one job only there).
    pub fn sent_to(&self, target: &Target) -> bool {
        self.region == target.region && self.endpoint == target.endpoint
    }
}

/// The records an edit's results earn: only UpdateJobs that were (or may have
/// been) applied.
pub fn records(results: &[JobResult], target: &Target, command: &str, time: &str) -> Vec<Record> {
    results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Updated | Outcome::Unknown))
        .map(|r| Record {
            time: time.to_string(),
            job_id: r.job_id.clone(),
            operation: r.sent_operation().to_string(),
            region: target.region.clone(),
            endpoint: target.endpoint.clone(),
            profile: target.profile.clone(),
            command: command.to_string(),
            outcome: r.outcome,
            changes: r.changes.clone(),
            request: r.request.clone().unwrap_or(Json::Null),
            standards: r.standards.clone(),
        })
        .collect()
}

/// An endpoint as recorded: without user:password, query or fragment (where
/// credentials could hide), without a trailing `/`, and `None` when it is the
/// region's own.
pub fn endpoint(configured: Option<&str>, region: &str) -> Option<String> {
    let url = configured?;
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let clean = format!("{scheme}://{host}{}", path.trim_end_matches('/'));
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    (clean != format!("https://snowball.{region}.{suffix}")).then_some(clean)
}

/// Where the history is kept.
#[derive(Clone, Debug, PartialEq)]
pub enum Location {
    Off,
    File(PathBuf),
    /// No variable names a place and there is no home directory.
    Nowhere,
}

/// `$SNOWJOB_HISTORY` (`off` turns it off; empty counts as unset), else
/// `$XDG_STATE_HOME/snowjob/history.jsonl` (an absolute path, as the XDG base
/// directory rules want), else `~/.local/state/snowjob/history.jsonl`.
pub fn location(var: &dyn Fn(&str) -> Option<OsString>, home: Option<PathBuf>) -> Location {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(path) = set(VARIABLE) {
        if path.eq_ignore_ascii_case("off") {
            return Location::Off;
        }
        return Location::File(path.into());
    }
    let state = set("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            set("HOME")
                .map(PathBuf::from)
                .or(home)
                .map(|h| h.join(".local/state"))
        });
    match state {
        Some(dir) => Location::File(dir.join("snowjob/history.jsonl")),
        None => Location::Nowhere,
    }
}

/// The location this process's environment names.
pub fn configured() -> Location {
    location(&|name| std::env::var_os(name), std::env::home_dir())
}

/// The history path names something other than a regular file (what it is),
/// so nothing is read or written through it.
#[derive(Debug)]
pub struct NotRegular(pub &'static str);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "it is {}, not a regular file", self.0)
    }
}

impl std::error::Error for NotRegular {}

impl NotRegular {
    /// The refusal an error carries, if it is one.
    pub fn of(e: &io::Error) -> Option<&NotRegular> {
        e.get_ref()?.downcast_ref()
    }
}

/// What a file type is, when it is not a regular file.
fn irregular(file_type: FileType) -> Option<&'static str> {
    if file_type.is_file() {
        None
    } else if file_type.is_symlink() {
        Some("a symbolic link")
    } else if file_type.is_dir() {
        Some("a directory")
    } else if file_type.is_fifo() {
        Some("a FIFO")
    } else if file_type.is_char_device() {
        Some("a character device")
    } else if file_type.is_block_device() {
        Some("a block device")
    } else if file_type.is_socket() {
        Some("a socket")
    } else {
        Some("not a file")
    }
}

fn refused(what: &'static str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NotRegular(what))
}

/// `Err` when the path names something other than a regular file; `Ok(false)`
/// when it names nothing.
fn check_path(path: &Path) -> io::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => match irregular(meta.file_type()) {
            Some(what) => Err(refused(what)),
            None => Ok(true),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Opens the history: never through a symbolic link in its last component
/// (`O_NOFOLLOW`), never waiting on a FIFO (`O_NONBLOCK`), never a
/// controlling terminal, and only when it is a regular file, looked at before
/// opening (so a device is not even opened) and again once open (so nothing
/// put in its place meanwhile is used). A file others could read is tightened
/// to 0600; when it cannot be and `for_append`, it is refused. `Ok(None)`: a
/// history to read that does not exist.
fn open(path: &Path, for_append: bool) -> io::Result<Option<File>> {
    if !check_path(path)? && !for_append {
        return Ok(None);
    }
    let mut options = OpenOptions::new();
    options
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY);
    if for_append {
        options.append(true).create(true).mode(0o600);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound && !for_append => return Ok(None),
        // Replaced meanwhile (ELOOP for a link, ENXIO for a FIFO...): say what it is.
        Err(e) => {
            return Err(check_path(path)
                .err()
                .filter(|r| NotRegular::of(r).is_some())
                .unwrap_or(e));
        }
    };
    let meta = file.metadata()?;
    if let Some(what) = irregular(meta.file_type()) {
        return Err(refused(what));
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode != 0o600
        && let Err(e) = file.set_permissions(Permissions::from_mode(0o600))
        && for_append
        && mode & 0o077 != 0
    {
        return Err(io::Error::new(
            e.kind(),
            format!("it is readable by others (mode {mode:04o}) and cannot be made private: {e}"),
        ));
    }
    Ok(Some(file))
}

/// Opens (creating it and its directories when missing) the history to
/// append to, with [`append_to`].
pub fn open_for_append(path: &Path) -> io::Result<File> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    open(path, true)?.ok_or_else(|| io::Error::from(io::ErrorKind::NotFound))
}

/// Appends records as whole lines to a path.
pub fn append(path: &Path, records: &[Record]) -> io::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    append_to(&mut open_for_append(path)?, records)
}

/// Appends records as whole lines, under an exclusive lock (the standard
/// library's `File::lock`, flock(2) on Unix: no crate needed), released
/// before returning, so that the file can stay open for the next. A line left
/// unfinished by a crash is ended first, so it spoils no other record.
pub fn append_to(file: &mut File, records: &[Record]) -> io::Result<()> {
    if records.is_empty() {
        return Ok(());
    }
    let mut lines = String::new();
    for r in records {
        lines.push_str(&serde_json::to_string(r).map_err(io::Error::other)?);
        lines.push('\n');
    }
    file.lock()?;
    let written = (|| {
        if ends_unfinished(file)? {
            lines.insert(0, '\n');
        }
        file.write_all(lines.as_bytes())?;
        file.flush()
    })();
    let unlocked = file.unlock();
    written.and(unlocked)
}

fn ends_unfinished(file: &mut File) -> io::Result<bool> {
    if file.metadata()?.len() == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// Longest line read as a record; a longer one is skipped as corrupt.
const MAX_LINE: u64 = 16 * 1024 * 1024;

/// Reads every record in file order, under a shared lock (so no line is
/// half-written), handing each to `each`. A missing file is an empty history;
/// anything but a regular file is refused ([`NotRegular`]).
/// Returns a warning for each line that is not a record.
pub fn read(path: &Path, mut each: impl FnMut(Record)) -> io::Result<Vec<String>> {
    let Some(file) = open(path, false)? else {
        return Ok(Vec::new());
    };
    file.lock_shared()?;
    let mut reader = BufReader::new(file);
    let mut warnings = Vec::new();
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let read = (&mut reader).take(MAX_LINE).read_until(b'\n', &mut line)?;
        if read == 0 {
            break;
        }
        if !line.ends_with(b"\n") && read as u64 == MAX_LINE {
            skip_line(&mut reader)?;
            warnings.push(format!("line {n} is longer than 16 MiB"));
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match serde_json::from_slice::<Record>(&line) {
            Ok(record) => each(record),
            Err(e) => {
                // serde's own position is within the line, not the file.
                let why = e.to_string();
                let why = why.split(" at line ").next().unwrap_or_default();
                warnings.push(format!("line {n} is not a record ({why})"));
            }
        }
    }
    Ok(warnings)
}

fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|b| *b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let len = buf.len();
                reader.consume(len);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::failure::Failure;
    use serde_json::json;

    const JOB: &str = "JID123e4567-e89b-12d3-a456-426655440000";

    fn target() -> Target {
        Target {
            region: "us-east-1".into(),
            endpoint: None,
            profile: "default".into(),
        }
    }

    #[test]
    fn endpoints_lose_credentials_and_the_regions_own_is_none() {
        let cases = [
            ("http://127.0.0.1:8080", Some("http://127.0.0.1:8080")),
            (
                "http://user:pw@127.0.0.1:8080/",
                Some("http://127.0.0.1:8080"),
            ),
            (
                "https://a:b@c@snow.example/x/?token=1#f",
                Some("https://snow.example/x"),
            ),
            ("https://snowball.us-east-1.amazonaws.com", None),
            ("https://snowball.us-east-1.amazonaws.com/", None),
            (
                "https://snowball.eu-west-1.amazonaws.com",
                Some("https://snowball.eu-west-1.amazonaws.com"),
            ),
        ];
        for (given, recorded) in cases {
            assert_eq!(
                endpoint(Some(given), "us-east-1").as_deref(),
                recorded,
                "{given}"
            );
        }
        assert_eq!(
            endpoint(
                Some("https://snowball.cn-north-1.amazonaws.com.cn"),
                "cn-north-1"
            ),
            None
        );
        assert_eq!(endpoint(None, "us-east-1"), None);
    }

    #[test]
    fn only_updates_that_may_have_applied_are_recorded() {
        let mut updated = JobResult::new(JOB, Outcome::Updated);
        updated.changes = vec![Change {
            field: "ShippingOption".into(),
            before: json!("SECOND_DAY"),
            after: json!("NEXT_DAY"),
        }];
        updated.request = Some(json!({"JobId": JOB, "ShippingOption": "NEXT_DAY"}));
        let failure = Failure::invalid("no");
        let results = [
            updated.clone(),
            JobResult::new(JOB, Outcome::Unchanged),
            JobResult::new(JOB, Outcome::Planned),
            JobResult::failed(JOB, failure.clone()),
            JobResult::skipped(JOB),
            updated.clone().with(Outcome::Unknown, Some(failure)),
        ];
        let records = records(&results, &target(), "set-shipping", "2030-01-01T00:00:00Z");
        let outcomes: Vec<Outcome> = records.iter().map(|r| r.outcome).collect();
        assert_eq!(outcomes, [Outcome::Updated, Outcome::Unknown]);
        assert_eq!(
            serde_json::to_value(&records[0]).unwrap(),
            json!({"Time": "2030-01-01T00:00:00Z", "JobId": JOB, "Operation": "UpdateJob", "Region": "us-east-1",
                   "Profile": "default", "Command": "set-shipping", "Outcome": "updated",
                   "Changes": [{"Field": "ShippingOption", "Before": "SECOND_DAY", "After": "NEXT_DAY"}],
                   "Request": {"JobId": JOB, "ShippingOption": "NEXT_DAY"}})
        );
        assert!(records[0].sent_to(&target()));
        let elsewhere = Target {
            region: "eu-west-1".into(),
            ..target()
        };
        assert!(!records[0].sent_to(&elsewhere));
    }

    #[test]
    fn the_location_follows_the_variables() {
        let home = Some(PathBuf::from("/home/pw"));
        let at = |vars: &[(&str, &str)], home: Option<PathBuf>| {
            let vars: Vec<(String, OsString)> = vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.into()))
                .collect();
            location(
                &move |n| vars.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()),
                home,
            )
        };
        let file = |p: &str| Location::File(p.into());
        assert_eq!(at(&[("SNOWJOB_HISTORY", "/tmp/h")], None), file("/tmp/h"));
        assert_eq!(at(&[("SNOWJOB_HISTORY", "off")], None), Location::Off);
        assert_eq!(at(&[("SNOWJOB_HISTORY", "OFF")], None), Location::Off);
        assert_eq!(
            at(&[("SNOWJOB_HISTORY", ""), ("HOME", "/h")], None),
            file("/h/.local/state/snowjob/history.jsonl")
        );
        assert_eq!(
            at(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")], None),
            file("/s/snowjob/history.jsonl")
        );
        assert_eq!(
            at(&[("XDG_STATE_HOME", "relative"), ("HOME", "/h")], None),
            file("/h/.local/state/snowjob/history.jsonl")
        );
        assert_eq!(
            at(&[], home),
            file("/home/pw/.local/state/snowjob/history.jsonl")
        );
        assert_eq!(at(&[], None), Location::Nowhere);
    }

    #[test]
    fn appended_records_read_back_and_bad_lines_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new/dir/history.jsonl");
        let record = records(
            &[JobResult {
                request: Some(json!({"JobId": JOB})),
                ..JobResult::new(JOB, Outcome::Updated)
            }],
            &target(),
            "undo",
            "t",
        );
        append(&path, &record).unwrap();
        // A crash left half a line; the next append ends it first.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"JobId\"")
            .unwrap();
        append(&path, &record).unwrap();
        let mut read_back = Vec::new();
        let warnings = read(&path, |r| read_back.push(r)).unwrap();
        assert_eq!(read_back, [record[0].clone(), record[0].clone()]);
        assert_eq!(warnings.len(), 1);
        assert!(
            warnings[0].starts_with("line 2 is not a record"),
            "{warnings:?}"
        );
        assert!(read(&dir.path().join("none"), |_| {}).unwrap().is_empty());
    }

    #[test]
    fn only_a_regular_file_is_used_and_it_is_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let record = records(
            &[JobResult {
                request: Some(json!({"JobId": JOB})),
                ..JobResult::new(JOB, Outcome::Updated)
            }],
            &target(),
            "undo",
            "t",
        );
        let real = dir.path().join("real");
        std::fs::write(&real, "kept\n").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("none"), &dangling).unwrap();
        let fifo = dir.path().join("fifo");
        let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
        let cases = [
            (link.as_path(), "a symbolic link"),
            (dangling.as_path(), "a symbolic link"),
            (fifo.as_path(), "a FIFO"),
            (dir.path(), "a directory"),
            (Path::new("/dev/null"), "a character device"),
        ];
        for (path, what) in cases {
            let e = append(path, &record).unwrap_err();
            assert_eq!(NotRegular::of(&e).map(|r| r.0), Some(what), "{path:?}: {e}");
            let e = read(path, |_| panic!("read through {path:?}")).unwrap_err();
            assert_eq!(NotRegular::of(&e).map(|r| r.0), Some(what), "{path:?}: {e}");
        }
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "kept\n");
        assert!(!dir.path().join("none").exists());
        // An existing file others may read is tightened, on append and on read.
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        std::fs::set_permissions(&real, Permissions::from_mode(0o644)).unwrap();
        append(&real, &record).unwrap();
        assert_eq!(mode(&real), 0o600);
        std::fs::set_permissions(&real, Permissions::from_mode(0o640)).unwrap();
        read(&real, |_| {}).unwrap();
        assert_eq!(mode(&real), 0o600);
        let new = dir.path().join("new");
        append(&new, &record).unwrap();
        assert_eq!(mode(&new), 0o600);
    }
}
