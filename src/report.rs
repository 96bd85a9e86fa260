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

/// One order's result, as reported in every output format: the ID under
/// `JobId`, or `ClusterId` for a cluster.
#[derive(Clone, Debug)]
pub struct JobResult {
    pub job_id: String,
    /// What was (or would be) sent when not the order's update: a cancel
    /// (`CancelJob`, `CancelCluster`). Not shown; the history records it.
    pub operation: Option<&'static str>,
    pub outcome: Outcome,
    pub changes: Vec<Change>,
    pub request: Option<Json>,
    pub error: Option<Failure>,
    /// What the order is, for a person asked to cancel it (not shown in
    /// results): its type, device and description.
    pub order: Option<OrderSummary>,
    /// The names of the standards that selected the order (`conform`, and
    /// `submit` of its plan); empty for every other edit, and then not shown.
    pub standards: Vec<String>,
}

/// An order as a person recognizes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderSummary {
    pub job_type: String,
    pub device: String,
    pub description: String,
}

impl Serialize for JobResult {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        let id = snowball_model::OrderKind::of(&self.job_id).id_member();
        map.serialize_entry(id, &self.job_id)?;
        map.serialize_entry("Outcome", &self.outcome)?;
        if !self.standards.is_empty() {
            map.serialize_entry("Standards", &self.standards)?;
        }
        map.serialize_entry("Changes", &self.changes)?;
        if let Some(request) = &self.request {
            map.serialize_entry("Request", request)?;
        }
        if let Some(f) = &self.error {
            let error = serde_json::json!({ "Code": f.code, "Message": f.message });
            map.serialize_entry("Error", &error)?;
        }
        map.end()
    }
}

impl JobResult {
    pub fn new(job_id: &str, outcome: Outcome) -> JobResult {
        JobResult {
            job_id: job_id.to_string(),
            operation: None,
            outcome,
            changes: Vec::new(),
            request: None,
            error: None,
            order: None,
            standards: Vec::new(),
        }
    }

    pub fn failed(job_id: &str, error: Failure) -> JobResult {
        JobResult {
            error: Some(error),
            ..JobResult::new(job_id, Outcome::Failed)
        }
    }

    /// What was (or would be) sent: the cancel, or the order's update.
    pub fn sent_operation(&self) -> &'static str {
        self.operation
            .unwrap_or(snowball_model::OrderKind::of(&self.job_id).update_operation())
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
