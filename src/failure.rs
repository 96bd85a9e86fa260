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
    /// `conform --check`: some order does not meet its standards.
    Drift,
    /// Hung up by SIGHUP (its terminal closed).
    HungUp,
}

/// Every exit code and what it means: the one place they are written, for
/// the code, `--help` and the man page alike (`{grace}`: the grace after a
/// signal, filled in by [`exit_code_meanings`]). (0, success, has no kind.)
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
        Some(Kind::Drift),
        7,
        "conform --check: some order does not meet the standards (nothing was sent)",
    ),
    (
        Some(Kind::Interrupted),
        130,
        "interrupted by SIGINT: no new request started, updates in flight had {grace}, the results so far were printed (not attempted: skipped; no reply: unknown)",
    ),
    (
        Some(Kind::Terminated),
        143,
        "terminated by SIGTERM, as for SIGINT",
    ),
    (
        Some(Kind::HungUp),
        129,
        "hung up by SIGHUP (its terminal closed), as for SIGINT; ignored under nohup",
    ),
];

/// Each exit code and its meaning as help and man pages show it, `grace`
/// (how long updates in flight get after a signal) filled in.
pub fn exit_code_meanings(grace: std::time::Duration) -> Vec<(i32, String)> {
    EXIT_CODES
        .iter()
        .map(|(_, code, meaning)| {
            let grace = format!("{} seconds", grace.as_secs_f64());
            (*code, meaning.replace("{grace}", &grace))
        })
        .collect()
}

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

/// An enum of stable names (error or warning codes): every variant, and
/// each one's name as scripts see it.
macro_rules! named {
    ($enum:ident { $($name:ident,)* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $enum {
            $($name,)*
        }

        impl $enum {
            pub const ALL: &[$enum] = &[$($enum::$name,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($enum::$name => stringify!($name),)*
                }
            }
        }
    };
}

/// snowjob's own error codes, each with the kind (so the exit code) it
/// always has; a failure the service reports keeps the service's code.
macro_rules! codes {
    ($($code:ident => $kind:ident,)*) => {
        named!(Code { $($code,)* });

        impl Code {
            pub fn kind(self) -> Kind {
                match self {
                    $(Code::$code => Kind::$kind,)*
                }
            }
        }
    };
}

codes! {
    // Bad input, refused before any request.
    InvalidInput => Invalid,
    InvalidQuery => Invalid,
    NeedsYes => Invalid,
    AmbiguousBucket => Invalid,
    NodeJob => Invalid,
    NotForCluster => Invalid,
    StandardsConflict => Invalid,
    // The order, as it is now, does not take the edit.
    JobNotEditable => NotEditable,
    JobChanged => NotEditable,
    ChangedSinceEdit => NotEditable,
    CannotRemove => NotEditable,
    CannotUndoCancel => NotEditable,
    NoHistory => NotFound,
    NoPendingJobs => NotFound,
    // Orders that do not meet their standards (conform --check).
    Drift => Drift,
    // Configuration and credentials.
    InvalidConfiguration => Config,
    InvalidCredentials => Config,
    NoCredentials => Config,
    NoRegion => Config,
    ProfileNotFound => Config,
    HistoryUnreadable => Config,
    // The service, or the way to it.
    UpdateFateUnknown => Unreachable,
    Unreachable => Unreachable,
    Timeout => Unreachable,
    BadReply => Unreachable,
    // Declined, aborted, or a bug.
    Aborted => Unexpected,
    Declined => Unexpected,
    Cancelled => Unexpected,
    Interrupted => Interrupted,
    PickerFailed => Unexpected,
    TempFile => Unexpected,
    OutputFailed => Unexpected,
    EmptyReply => Unexpected,
    Unexpected => Unexpected,
    InternalError => Unexpected,
}

// snowjob's warnings, each with a stable code that scripts can match
// (`--cli-error-format json`), declared once here.
named!(Warning {
    // Both AWS_PROFILE and AWS_ACCESS_KEY_ID are set: the keys are used.
    EnvironmentKeysOverProfile,
    // A line of the history file that is not a record was skipped.
    HistoryLineSkipped,
    // An edit was made but its record could not be written.
    HistoryNotRecorded,
    // `show` could not name an address (DescribeAddress failed).
    AddressNotNamed,
});

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Failure {
    /// One of snowjob's own failures: its code says its kind.
    pub fn of(code: Code, message: impl Into<String>) -> Failure {
        Failure::new(code.kind(), code.as_str(), message)
    }

    /// Whether this is the failure `code` names.
    pub fn is(&self, code: Code) -> bool {
        self.code == code.as_str()
    }

    /// A failure with a code of the service's (or, for tests, any code).
    pub fn new(kind: Kind, code: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            code: code.into(),
            message: message.into(),
            cause: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::of(Code::InvalidInput, message)
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
    fn each_code_is_named_once_and_keeps_its_exit_code() {
        let names: std::collections::BTreeSet<&str> =
            Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        let f = Failure::of(Code::JobChanged, "x");
        assert!(f.is(Code::JobChanged) && !f.is(Code::JobNotEditable));
        assert_eq!(f.exit_code(), 3);
        assert_eq!(Failure::of(Code::NoHistory, "x").exit_code(), 4);
        assert_eq!(Failure::invalid("x").code, "InvalidInput");
        let warnings: std::collections::BTreeSet<&str> =
            Warning::ALL.iter().map(|w| w.as_str()).collect();
        assert_eq!(warnings.len(), Warning::ALL.len());
        assert!(warnings.iter().all(|w| !names.contains(w)));
    }

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
