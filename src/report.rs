//! What happened to each job of an edit: the vocabulary the edit pipeline
//! reports in and every output format renders.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

use crate::failure::Failure;

/// One field's change, for the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Change {
    pub field: String,
    pub before: Json,
    pub after: Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Updated,
    Unchanged,
    Planned,
    Failed,
    /// An UpdateJob was sent and nothing tells whether it was applied.
    Unknown,
    /// Not attempted: interrupted, or not confirmed.
    Skipped,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Planned => "planned",
            Outcome::Failed => "failed",
            Outcome::Unknown => "unknown",
            Outcome::Skipped => "skipped",
        }
    }
}

/// One job's result, as reported in every output format.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JobResult {
    pub job_id: String,
    pub outcome: Outcome,
    pub changes: Vec<Change>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Json>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "error_object"
    )]
    pub error: Option<Failure>,
}

fn error_object<S: serde::Serializer>(f: &Option<Failure>, s: S) -> Result<S::Ok, S::Error> {
    match f {
        Some(f) => serde_json::json!({ "Code": f.code, "Message": f.message }).serialize(s),
        None => s.serialize_none(),
    }
}

impl JobResult {
    pub fn new(job_id: &str, outcome: Outcome) -> JobResult {
        JobResult {
            job_id: job_id.to_string(),
            outcome,
            changes: Vec::new(),
            request: None,
            error: None,
        }
    }

    pub fn failed(job_id: &str, error: Failure) -> JobResult {
        JobResult {
            error: Some(error),
            ..JobResult::new(job_id, Outcome::Failed)
        }
    }

    pub fn skipped(job_id: &str) -> JobResult {
        JobResult::new(job_id, Outcome::Skipped)
    }

    pub fn with(self, outcome: Outcome, error: Option<Failure>) -> JobResult {
        JobResult {
            outcome,
            error,
            ..self
        }
    }
}
