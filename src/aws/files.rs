//! The files the AWS configuration names, read with a size limit: the config
//! and credentials files (handed to aws-config as contents, so that it does
//! not read them itself) and a CA bundle; token files aws-config reads itself
//! are checked first. No file is read past its limit and no read can hang,
//! so no path in the environment can stall snowjob or fill its memory.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};

use crate::failure::{Code, Failure};
use crate::text::quote;

/// Config and credentials files are a few kilobytes; tools that generate a
/// profile for every account and role of a large organisation (aws-sso-util,
/// granted) reach a few hundred. 4 MiB leaves room for ten thousand such
/// profiles and still bounds what a wrong path can make snowjob hold.
pub const PROFILE_FILE_LIMIT: u64 = 4 << 20;

/// The system's whole trust store, which a CA bundle often is (a corporate
/// CA appended to it), is about 250 KiB; 16 MiB is room for any real bundle.
pub const CA_BUNDLE_LIMIT: u64 = 16 << 20;

/// How long a FIFO or device (a shell's `<(…)`) may take to deliver its
/// contents: a generator that writes a config file is done in far less.
const STREAM_DEADLINE: Duration = Duration::from_secs(5);

/// Why a file could not be read.
#[derive(Debug)]
pub enum Unreadable {
    NotFound,
    /// A directory, device, FIFO or socket: what it is.
    NotAFile(&'static str),
    TooLarge(u64),
    /// A FIFO or device that did not deliver its contents in time.
    Stalled(Duration),
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::NotFound => f.write_str("does not exist"),
            Unreadable::NotAFile(what) => write!(f, "is {what}, not a regular file"),
            Unreadable::TooLarge(limit) => write!(f, "is larger than {} MiB", limit >> 20),
            Unreadable::Stalled(deadline) => write!(
                f,
                "was not read to its end within {} seconds (a FIFO nothing writes to, or a device?)",
                deadline.as_secs()
            ),
            Unreadable::Io(e) => write!(f, "cannot be read ({e})"),
        }
    }
}

fn io(e: std::io::Error) -> Unreadable {
    match e.kind() {
        std::io::ErrorKind::NotFound => Unreadable::NotFound,
        _ => Unreadable::Io(e),
    }
}

/// A file's bytes, at most `limit` of them; a file found larger while reading
/// is refused, whatever its size claimed. A directory is refused, `/dev/null`
/// is empty, and any other FIFO or device (`<(…)`, `/dev/zero`) is read on a
/// blocking thread for at most [`STREAM_DEADLINE`]: opening a FIFO waits for
/// a writer, and reading one may wait forever, which must keep neither the
/// runtime from answering a signal nor snowjob from ending.
pub async fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(Unreadable::NotAFile("a directory"));
    }
    if metadata.is_file() {
        return read_up_to(path, limit);
    }
    if is_null_device(&metadata) {
        return Ok(Vec::new());
    }
    let owned = path.to_path_buf();
    // A thread still waiting after the deadline is left behind: the runtime
    // does not wait for it when snowjob ends.
    let reading = tokio::task::spawn_blocking(move || read_up_to(&owned, limit));
    match tokio::time::timeout(STREAM_DEADLINE, reading).await {
        Ok(Ok(read)) => read,
        Ok(Err(failed)) => Err(Unreadable::Io(std::io::Error::other(failed))),
        Err(_) => Err(Unreadable::Stalled(STREAM_DEADLINE)),
    }
}

/// At most `limit` bytes of `path`, or [`Unreadable::TooLarge`].
fn read_up_to(path: &Path, limit: u64) -> Result<Vec<u8>, Unreadable> {
    let file = std::fs::File::open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(Unreadable::NotAFile("a directory"));
    }
    if metadata.is_file() && metadata.len() > limit {
        return Err(Unreadable::TooLarge(limit));
    }
    let expected = if metadata.is_file() {
        metadata.len()
    } else {
        0
    };
    let mut bytes = Vec::with_capacity(usize::try_from(expected).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(Unreadable::TooLarge(limit));
    }
    Ok(bytes)
}

/// `/dev/null` (or a link to it): the usual way to say "no file".
#[cfg(unix)]
fn is_null_device(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    metadata.file_type().is_char_device()
        && std::fs::metadata("/dev/null").is_ok_and(|null| null.rdev() == metadata.rdev())
}

#[cfg(not(unix))]
fn is_null_device(_: &std::fs::Metadata) -> bool {
    false
}

/// A web identity or container token is a JWT of a few kilobytes.
pub const TOKEN_FILE_LIMIT: u64 = 1 << 20;

/// Checks, without reading it, that a file aws-config will read itself is a
/// regular file of at most `limit` bytes. A missing one passes: aws-config
/// reports it when it needs it.
pub fn check_small_file(path: &Path, limit: u64) -> Result<(), Unreadable> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Unreadable::Io(e)),
        Ok(metadata) => {
            check_regular(&metadata)?;
            if metadata.len() > limit {
                return Err(Unreadable::TooLarge(limit));
            }
            Ok(())
        }
    }
}

fn check_regular(metadata: &std::fs::Metadata) -> Result<(), Unreadable> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    let what = if kind.is_dir() {
        "a directory"
    } else {
        kind_of_special(&kind)
    };
    Err(Unreadable::NotAFile(what))
}

#[cfg(unix)]
fn kind_of_special(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_of_special(_: &std::fs::FileType) -> &'static str {
    "not a file"
}

/// A config or credentials file, read.
pub struct ProfileFile {
    pub kind: EnvConfigFileKind,
    /// The file as a message names it: `the AWS config file '…' (from AWS_CONFIG_FILE)`.
    pub label: String,
    pub contents: String,
}

/// The config and credentials files, found as aws-config finds them
/// (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and
/// `~/.aws/credentials`), read with [`PROFILE_FILE_LIMIT`]. A missing file is
/// an empty one, as in the AWS CLI; one that cannot be read, is not a regular
/// file, is too large or is not UTF-8 is exit 5 naming it.
pub async fn profile_files(
    var: &dyn Fn(&str) -> Option<OsString>,
) -> Result<Vec<ProfileFile>, Failure> {
    let home = var("HOME").filter(|h| !h.is_empty()).map(PathBuf::from);
    let mut files = Vec::new();
    for (kind, variable, default, name) in [
        (
            EnvConfigFileKind::Config,
            "AWS_CONFIG_FILE",
            "~/.aws/config",
            "AWS config file",
        ),
        (
            EnvConfigFileKind::Credentials,
            "AWS_SHARED_CREDENTIALS_FILE",
            "~/.aws/credentials",
            "AWS credentials file",
        ),
    ] {
        let named = var(variable);
        let from = match named {
            Some(_) => format!(" (from {variable})"),
            None => String::new(),
        };
        let path = named.map_or_else(|| PathBuf::from(default), PathBuf::from);
        let path = expand_home(&path, home.as_deref());
        let label = format!("the {name} {}{from}", quote(&path.to_string_lossy()));
        let refuse = |why: &str| Failure::of(Code::InvalidConfiguration, format!("{label} {why}"));
        let contents = match read_bounded(&path, PROFILE_FILE_LIMIT).await {
            Ok(bytes) => String::from_utf8(bytes).map_err(|_| refuse("is not UTF-8 text"))?,
            Err(Unreadable::NotFound) => String::new(),
            Err(why) => return Err(refuse(&why.to_string())),
        };
        files.push(ProfileFile {
            kind,
            label,
            contents,
        });
    }
    Ok(files)
}

/// The files as aws-config takes them: their contents, so that it never
/// reads a file itself.
pub fn as_contents<'a>(files: impl IntoIterator<Item = &'a ProfileFile>) -> EnvConfigFiles {
    files
        .into_iter()
        .fold(EnvConfigFiles::builder(), |builder, file| {
            builder.with_contents(file.kind, file.contents.clone())
        })
        .build()
}

/// `~` as the first component is the home directory, as aws-config expands it.
fn expand_home(path: &Path, home: Option<&Path>) -> PathBuf {
    let mut components = path.components();
    match (components.next(), home) {
        (Some(Component::Normal(first)), Some(home)) if first == "~" => {
            home.join(components.as_path())
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::failure::Kind;

    #[tokio::test]
    async fn only_regular_files_are_read_and_never_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let small = dir.path().join("small");
        std::fs::write(&small, "[default]\n").unwrap();
        assert_eq!(read_bounded(&small, 10).await.unwrap(), b"[default]\n");
        assert!(matches!(
            read_bounded(&small, 9).await,
            Err(Unreadable::TooLarge(9))
        ));
        assert!(matches!(
            read_bounded(dir.path(), 10).await,
            Err(Unreadable::NotAFile("a directory"))
        ));
        assert!(matches!(
            read_bounded(&dir.path().join("none"), 10).await,
            Err(Unreadable::NotFound)
        ));
        #[cfg(unix)]
        {
            assert!(matches!(
                read_bounded(Path::new("/dev/zero"), 10).await,
                Err(Unreadable::TooLarge(10))
            ));
            assert_eq!(read_bounded(Path::new("/dev/null"), 10).await.unwrap(), b"");
        }
    }

    #[test]
    fn the_home_directory_is_expanded_as_aws_config_does() {
        let home = Some(Path::new("/home/kim"));
        assert_eq!(
            expand_home(Path::new("~/.aws/config"), home),
            Path::new("/home/kim/.aws/config")
        );
        assert_eq!(expand_home(Path::new("~kim/x"), home), Path::new("~kim/x"));
        assert_eq!(expand_home(Path::new("~/x"), None), Path::new("~/x"));
    }

    #[tokio::test]
    async fn unreadable_profile_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let config = dir.path().join("config");
        std::fs::write(&config, b"[default]\nregion = \xff\n").unwrap();
        let vars = |name: &str| match name {
            "AWS_CONFIG_FILE" => Some(config.clone().into_os_string()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some(dir.path().join("none").into_os_string()),
            _ => None,
        };
        let err = profile_files(&vars).await.err().unwrap();
        assert_eq!(err.kind, Kind::Config);
        assert!(
            err.message.contains("config") && err.message.contains("UTF-8"),
            "{}",
            err.message
        );
        let vars = |name: &str| match name {
            "AWS_CONFIG_FILE" => Some(dir.path().into()),
            _ => None,
        };
        let err = profile_files(&vars).await.err().unwrap();
        assert!(
            err.message.contains("a directory") && err.message.contains("AWS_CONFIG_FILE"),
            "{}",
            err.message
        );
    }
}
