//! The messages snowjob writes to stderr, as a person reads them (`enhanced`:
//! `error: …`, `warning: …`, notes, `[debug] …`) or as a script does
//! (`--cli-error-format json|yaml|text`, as in the AWS CLI v2): one object a
//! message, with its level, its code, the order it concerns and, on the one
//! error that decides it, the exit code.

use serde_json::{Map, Value as Json};

use crate::failure::Warning;

/// How messages are written to stderr (`--cli-error-format`).
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ErrorFormat {
    // The text a person reads; `legacy`, the AWS CLI's older name, is the
    // same. (Doc comments here would become help for each value and turn
    // every --help to the next-line layout.)
    #[default]
    Enhanced,
    Legacy,
    Json,
    Yaml,
    Text,
}

impl ErrorFormat {
    /// The format a value names, spelled as on the command line.
    pub fn parse(text: &str) -> Option<ErrorFormat> {
        <ErrorFormat as clap::ValueEnum>::from_str(text, false).ok()
    }

    /// The values there are, for a message refusing another:
    /// `enhanced, legacy, json, yaml or text`.
    pub fn allowed() -> String {
        let names: Vec<String> = <ErrorFormat as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_string())
            .collect();
        match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.join(""),
        }
    }

    /// Whether each message is an object for a script (json, yaml, text).
    pub fn is_structured(self) -> bool {
        !matches!(self, ErrorFormat::Enhanced | ErrorFormat::Legacy)
    }
}

/// How much a message matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Error,
    Warning,
    /// Progress, summaries and other notes for people.
    Info,
    /// The `--debug` trace.
    Debug,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
            Level::Debug => "debug",
        }
    }
}

/// One message for stderr. Its text is what a person reads, already safe to
/// show (inputs quoted short, control characters escaped, its own line breaks
/// kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    /// An error's code (snowjob's own or the service's), a warning's.
    pub code: Option<String>,
    /// The job or cluster it concerns.
    pub order: Option<String>,
    pub text: String,
    /// On the one error that decides the run's exit code.
    pub exit_code: Option<i32>,
}

impl Message {
    fn new(level: Level, code: Option<&str>, text: impl Into<String>) -> Message {
        Message {
            level,
            code: code.map(str::to_string),
            order: None,
            text: text.into(),
            exit_code: None,
        }
    }

    pub fn error(code: &str, text: impl Into<String>) -> Message {
        Message::new(Level::Error, Some(code), text)
    }

    pub fn warning(code: Warning, text: impl Into<String>) -> Message {
        Message::new(Level::Warning, Some(code.as_str()), text)
    }

    pub fn info(text: impl Into<String>) -> Message {
        Message::new(Level::Info, None, text)
    }

    pub fn debug(text: impl Into<String>) -> Message {
        Message::new(Level::Debug, None, text)
    }

    /// The same message, about the job or cluster `id`.
    pub fn about(self, id: &str) -> Message {
        Message {
            order: Some(id.to_string()),
            ..self
        }
    }

    /// The same message, as the one that decides the exit code.
    pub fn deciding(self, exit_code: i32) -> Message {
        Message {
            exit_code: Some(exit_code),
            ..self
        }
    }

    /// The message as a script reads it: `Level`, `Code`, `JobId` or
    /// `ClusterId` (by the ID's prefix), `Message`, `ExitCode`; those that do
    /// not apply left out.
    fn object(&self) -> Map<String, Json> {
        let mut object = Map::new();
        object.insert("Level".into(), self.level.as_str().into());
        if let Some(code) = &self.code {
            object.insert("Code".into(), code.as_str().into());
        }
        if let Some(id) = &self.order {
            let member = snowball_model::OrderKind::of(id).id_member();
            object.insert(member.into(), id.as_str().into());
        }
        object.insert("Message".into(), self.text.as_str().into());
        if let Some(code) = self.exit_code {
            object.insert("ExitCode".into(), code.into());
        }
        object
    }

    /// The message as `format` writes it, ending in a newline: one line,
    /// or one YAML document, whatever line breaks the text holds.
    pub fn render(&self, format: ErrorFormat) -> String {
        match format {
            ErrorFormat::Enhanced | ErrorFormat::Legacy => {
                let text = &self.text;
                match self.level {
                    Level::Error => format!("error: {text}\n"),
                    Level::Warning => format!("warning: {text}\n"),
                    Level::Info => format!("{text}\n"),
                    Level::Debug => text.lines().map(|l| format!("[debug] {l}\n")).collect(),
                }
            }
            ErrorFormat::Json => {
                let line = serde_json::to_string(&Json::Object(self.object()))
                    .unwrap_or_else(|e| format!("{{\"Level\":\"error\",\"Message\":\"{e}\"}}"));
                format!("{line}\n")
            }
            ErrorFormat::Yaml => format!("---\n{}", crate::yaml::to_string(&self.object())),
            ErrorFormat::Text => {
                let fields = [
                    Some(self.level.as_str()),
                    self.code.as_deref(),
                    self.order.as_deref(),
                    Some(self.text.as_str()),
                ];
                let fields: Vec<String> = fields
                    .iter()
                    .map(|f| crate::text::escape_controls(f.unwrap_or_default()))
                    .collect();
                format!("{}\n", fields.join("\t"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JOB: &str = "JID123e4567-e89b-12d3-a456-426655440000";
    const CLUSTER: &str = "CID123e4567-e89b-12d3-a456-426655440000";

    #[test]
    fn every_format_writes_one_message_as_one_record() {
        let m = Message::error("JobNotEditable", "job is\tnot New\nsee `show`")
            .about(JOB)
            .deciding(3);
        assert_eq!(
            m.render(ErrorFormat::Enhanced),
            "error: job is\tnot New\nsee `show`\n"
        );
        assert_eq!(
            m.render(ErrorFormat::Legacy),
            m.render(ErrorFormat::Enhanced)
        );
        let json = m.render(ErrorFormat::Json);
        assert_eq!(json.lines().count(), 1);
        assert_eq!(
            json,
            format!(
                "{{\"Level\":\"error\",\"Code\":\"JobNotEditable\",\"JobId\":\"{JOB}\",\"Message\":\"job is\\tnot New\\nsee `show`\",\"ExitCode\":3}}\n"
            )
        );
        let text = m.render(ErrorFormat::Text);
        assert_eq!(
            text,
            format!("error\tJobNotEditable\t{JOB}\tjob is\\tnot New\\nsee `show`\n")
        );
        let yaml = m.render(ErrorFormat::Yaml);
        assert!(yaml.starts_with("---\nLevel: error\n"), "{yaml}");
        let read: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(
            serde_json::to_value(read).unwrap(),
            Json::Object(m.object())
        );
        let about_cluster = Message::info("done").about(CLUSTER);
        assert_eq!(
            about_cluster.render(ErrorFormat::Json),
            format!("{{\"Level\":\"info\",\"ClusterId\":\"{CLUSTER}\",\"Message\":\"done\"}}\n")
        );
        assert_eq!(
            Message::info("done").render(ErrorFormat::Text),
            "info\t\t\tdone\n"
        );
    }

    #[test]
    fn debug_lines_keep_their_prefix_in_enhanced() {
        let m = Message::debug("-> POST x\n   body: {}");
        assert_eq!(
            m.render(ErrorFormat::Enhanced),
            "[debug] -> POST x\n[debug]    body: {}\n"
        );
        assert_eq!(
            Message::warning(Warning::AddressNotNamed, "w").render(ErrorFormat::Enhanced),
            "warning: w\n"
        );
    }

    #[test]
    fn the_formats_are_named_once() {
        assert_eq!(
            ErrorFormat::allowed(),
            "enhanced, legacy, json, yaml or text"
        );
        assert_eq!(ErrorFormat::parse("yaml"), Some(ErrorFormat::Yaml));
        assert_eq!(ErrorFormat::parse("JSON"), None);
        assert!(!ErrorFormat::Legacy.is_structured() && ErrorFormat::Text.is_structured());
    }
}
