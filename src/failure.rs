//! Why something failed, as a kind the caller can act on, and the exit code
//! each kind gives.

use std::fmt;
use std::sync::Arc;

/// Why a run or a job failed; each kind is one exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything else, a bug included; also a declined prompt.
    Unexpected,
    /// Invalid arguments or input; nothing was sent.
    Invalid,
    /// The job is not editable (not `New`), or changed after the plan was confirmed.
    NotEditable,
    /// The job or address does not exist.
    NotFound,
    /// Credentials, region, configuration or permission problem.
    Config,
    /// The service could not be reached or kept failing; or an update's fate is unknown.
    Unreachable,
    /// Interrupted by SIGINT.
    Interrupted,
    /// Terminated by SIGTERM.
    Terminated,
}

/// Every exit code and what it means: the one place they are written, for
/// the code, `--help` and the man page alike. (0, success, has no kind.)
pub const EXIT_CODES: &[(Option<Kind>, i32, &str)] = &[
    (None, 0, "success, including unchanged jobs and --dry-run"),
    (
        Some(Kind::Unexpected),
        1,
        "unexpected failure (a bug is reported as `internal error`), or the user declined or aborted; nothing was sent",
    ),
    (
        Some(Kind::Invalid),
        2,
        "invalid arguments or input; nothing was sent",
    ),
    (
        Some(Kind::NotEditable),
        3,
        "the job is not editable (no longer New), or it changed after the plan was confirmed",
    ),
    (Some(Kind::NotFound), 4, "the job or address does not exist"),
    (
        Some(Kind::Config),
        5,
        "credentials, region, profile, configuration or permission problem",
    ),
    (
        Some(Kind::Unreachable),
        6,
        "the service could not be reached or kept failing after retries, or an update's fate is unknown (check with `snowjob show JOB_ID`)",
    ),
    (
        Some(Kind::Interrupted),
        130,
        "interrupted by SIGINT: no new request started, updates in flight had 2 seconds, the results so far were printed (not attempted: skipped; no reply: unknown)",
    ),
    (
        Some(Kind::Terminated),
        143,
        "terminated by SIGTERM, as for SIGINT",
    ),
];

impl Kind {
    pub fn exit_code(self) -> i32 {
        EXIT_CODES
            .iter()
            .find(|(kind, _, _)| *kind == Some(self))
            .map_or(1, |(_, code, _)| *code)
    }
}

/// A failure with a code (the service's error code, or one of ours), a
/// message that says what went wrong and what to do, and the error that
/// caused it, whose chain `--debug` prints (as cargo's `CliError` carries one).
#[derive(Debug, Clone)]
pub struct Failure {
    pub kind: Kind,
    pub code: String,
    pub message: String,
    pub cause: Option<Arc<anyhow::Error>>,
}

impl PartialEq for Failure {
    fn eq(&self, other: &Failure) -> bool {
        (self.kind, &self.code, &self.message) == (other.kind, &other.code, &other.message)
    }
}

impl Failure {
    pub fn new(kind: Kind, code: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            code: code.into(),
            message: message.into(),
            cause: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Invalid, "InvalidInput", message)
    }

    /// The same failure, caused by `cause`.
    pub fn caused_by(self, cause: impl Into<anyhow::Error>) -> Failure {
        Failure {
            cause: Some(Arc::new(cause.into())),
            ..self
        }
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
    }

    /// The message, and with `debug` each error of the cause's chain below it.
    pub fn report(&self, debug: bool) -> String {
        let mut text = self.message.clone();
        if debug && let Some(cause) = &self.cause {
            for e in cause.chain() {
                text.push_str(&format!("\n  caused by: {e}"));
            }
        }
        text
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

/// The exit code of a run: that of the first failure in input order, else 0.
pub fn first_exit_code<'a>(failures: impl IntoIterator<Item = Option<&'a Failure>>) -> i32 {
    failures
        .into_iter()
        .flatten()
        .map(Failure::exit_code)
        .next()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_exit_code() {
        let codes: Vec<i32> = EXIT_CODES.iter().map(|(_, c, _)| *c).collect();
        let mut unique = codes.clone();
        unique.dedup();
        assert_eq!(codes, unique);
        for (kind, code, _) in EXIT_CODES.iter().filter(|(k, _, _)| k.is_some()) {
            assert_eq!(kind.unwrap().exit_code(), *code);
        }
    }
}
