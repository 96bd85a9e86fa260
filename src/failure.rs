//! Why something failed, as a kind the caller can act on; each kind is one exit
//! code of SPEC.md section 4.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Invalid arguments or input; nothing was sent.
    Invalid,
    /// The job is not editable (not `New`).
    NotEditable,
    /// The job or address does not exist.
    NotFound,
    /// Credentials, region, configuration or permission problem.
    Config,
    /// The service could not be reached or kept failing after retries.
    Unreachable,
    /// Anything else.
    Unexpected,
    /// Interrupted by the user.
    Interrupted,
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Unexpected => 1,
            Kind::Invalid => 2,
            Kind::NotEditable => 3,
            Kind::NotFound => 4,
            Kind::Config => 5,
            Kind::Unreachable => 6,
            Kind::Interrupted => 130,
        }
    }
}

/// A failure with a code (the service's error code, or one of ours) and a
/// message that says what went wrong and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub kind: Kind,
    pub code: String,
    pub message: String,
}

impl Failure {
    pub fn new(kind: Kind, code: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure {
            kind,
            code: code.into(),
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Failure {
        Failure::new(Kind::Invalid, "InvalidInput", message)
    }

    pub fn exit_code(&self) -> i32 {
        self.kind.exit_code()
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
