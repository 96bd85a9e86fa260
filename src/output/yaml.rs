//! The one place that knows serde_yaml, so it can be swapped without a hunt.

use serde::Serialize;
use serde::de::DeserializeOwned;

pub fn to_string<T: Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).unwrap_or_else(|e| format!("# could not render YAML: {e}\n"))
}

/// Parses YAML (JSON is YAML); the error names the line and column where known.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_yaml::from_str(text).map_err(|e| match e.location() {
        Some(at) => format!("line {}, column {}: {e}", at.line(), at.column()),
        None => e.to_string(),
    })
}
