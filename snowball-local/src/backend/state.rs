//! The state file: read once at start, written atomically after every change.
//! Temp files are named `<file>.tmp<pid>` next to it, so a run killed mid-write
//! leaves only something the next start recognises and removes.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::Value as Json;

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

/// The document in the state file, or `None` if there is none yet. A file that
/// cannot be read or parsed is an error naming it: starting over would lose it.
pub fn read(path: &Path) -> anyhow::Result<Option<Json>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("reading {}", path.display())),
    };
    // Parsed as YAML (JSON is YAML): serde_json's default float parsing does
    // not round-trip every timestamp exactly.
    serde_yaml::from_str(&text)
        .map(Some)
        .with_context(|| format!("the state file {} is not valid JSON", path.display()))
}

/// Writes `doc` atomically: temp file, fsync, rename.
pub fn write(path: &Path, doc: &Json) -> std::io::Result<()> {
    let tmp = temp_path(path);
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(format!("{doc:#}").as_bytes())?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path)
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
