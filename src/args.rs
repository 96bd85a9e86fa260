//! The argument types the subcommands share, and the parsers that check
//! arguments before any request: global options, job IDs, buckets, enums in
//! the API's spelling. Below the commands that take them and the clap
//! definition that gathers them (`cli`); live completion is attached there.

use std::ffi::OsStr;
use std::time::Duration;

use clap::Args;
use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::core::checks::fits_shape;
pub use crate::output::Format;
pub use crate::output::message::ErrorFormat;
use crate::output::query::Query;
use crate::output::render::Style;
pub use crate::output::stdio::Terminal;

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Use this profile from the AWS config and credentials files.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,
    /// The AWS region (else AWS_REGION or the profile's region).
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Option<String>,
    /// Send requests to this endpoint instead of the region's (e.g. snowball-local).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Output format.
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// (`query_help`: its nesting limit comes from the parser's own.)
    #[arg(long, global = true, value_name = "JMESPATH", value_parser = Query::parse, help = query_help())]
    pub query: Option<Query>,
    /// Show the change and the exact request; send nothing that modifies.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Plan as --dry-run does, and write the plan (what each order would be
    /// sent) to FILE, readable by you only, for `snowjob submit FILE` after review.
    #[arg(long, global = true, value_name = "FILE", value_parser = plan_file)]
    pub plan: Option<std::path::PathBuf>,
    /// Do not ask for confirmation (before editing several jobs, or sending an edit).
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
    /// Print only errors (and the output of show, list, addresses and --query).
    #[arg(short = 'q', long, global = true)]
    pub quiet: bool,
    /// Trace requests and responses to stderr (credentials and signatures redacted).
    #[arg(long, global = true)]
    pub debug: bool,
    /// No colour (also when NO_COLOR is set).
    #[arg(long, global = true)]
    pub no_color: bool,
    /// Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3); attempts the service throttled do not count.
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20), allow_negative_numbers = true)]
    pub max_attempts: Option<u32>,
    /// Seconds to wait for a connection.
    #[arg(long, global = true, value_name = "SECS", value_parser = seconds, alias = "cli-connect-timeout", allow_negative_numbers = true)]
    pub connect_timeout: Option<Duration>,
    /// Seconds to wait for a reply.
    #[arg(long, global = true, value_name = "SECS", value_parser = seconds, alias = "cli-read-timeout", allow_negative_numbers = true)]
    pub read_timeout: Option<Duration>,
    /// Jobs handled at once.
    #[arg(long, global = true, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256), allow_negative_numbers = true)]
    pub concurrency: u16,
    /// How errors, warnings and notes are written to stderr: as text (enhanced, the default; legacy is the same), or one JSON object, YAML document or tab-separated line each, for scripts. Else AWS_CLI_ERROR_FORMAT, else the profile's cli_error_format.
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub cli_error_format: Option<ErrorFormat>,
    /// The subcommand and its arguments as typed, global options left out:
    /// what the history records as the command (set by `cli`, which knows
    /// which options are global).
    #[arg(skip)]
    pub command_line: String,
    /// What the process's standard streams are, read once ([`Global::resolve`]).
    #[arg(skip)]
    pub terminal: Terminal,
    /// How tables and text are drawn (colour, width), resolved once.
    #[arg(skip)]
    pub style: Style,
}

impl Global {
    /// The settings that follow from the options and the process, resolved
    /// once, before the command runs: the command line the history records,
    /// a plan being a dry run written down, the terminals, and the style
    /// (colour unless --no-color or NO_COLOR, or stdout is no terminal).
    pub fn resolve(&mut self, command_line: String, no_color_env: bool) {
        self.command_line = command_line;
        self.dry_run |= self.plan.is_some();
        self.terminal = crate::output::stdio::terminal();
        self.style = Style {
            color: !self.no_color && !no_color_env && self.terminal.stdout,
            width: crate::output::render::terminal_width(),
        };
    }
}

/// `--plan`'s file: a path (stdout carries the results).
fn plan_file(text: &str) -> Result<std::path::PathBuf, String> {
    match text {
        "-" => Err("--plan writes a file, and stdout carries the results: give a path".into()),
        "" => Err("--plan needs a path".into()),
        path => Ok(path.into()),
    }
}

/// `--query`'s help, its nesting limit from the parser's own.
fn query_help() -> String {
    format!(
        "A JMESPath query (as in the AWS CLI) applied to the output's JSON document before \
         it is printed in the chosen format; at most {} levels deep.",
        crate::output::query::MAX_NESTING
    )
}

/// Job IDs as given: IDs, or `-` to read them from stdin.
#[derive(Args, Debug, Clone)]
pub struct JobIds {
    /// Job IDs (JID + UUID), or - to read them from stdin, one a line. Without
    /// any, a terminal offers the jobs still New to pick from.
    #[arg(value_name = "JOB_ID", value_parser = job_id_or_dash)]
    pub jobs: Vec<String>,
}

/// The S3 bucket an edit is about.
#[derive(Args, Debug, Clone)]
pub struct Bucket {
    /// The bucket: an S3 bucket ARN, or a name (becomes arn:PARTITION:s3:::NAME for the region).
    #[arg(long, required = true, value_name = "ARN|NAME")]
    pub bucket: String,
}

impl Bucket {
    /// The bucket's ARN in the configured region's partition.
    pub fn arn(&self, partition: &str) -> Result<String, crate::failure::Failure> {
        bucket_arn(&self.bucket, partition).map_err(crate::failure::Failure::invalid)
    }
}

/// The ID of a pending order, as the model's shapes have them: a job's
/// (`JID` or `MID` and a lowercase UUID, 39 characters) or a cluster's (`CID`
/// and a lowercase UUID), wherever a job ID is taken.
pub fn job_id(text: &str) -> Result<String, String> {
    if fits_shape("JobId", text) || fits_shape("ClusterId", text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{} is not a job ID: expected JID followed by a lowercase UUID, 39 characters (JID123e4567-e89b-12d3-a456-426655440000), or a cluster's CID and its UUID",
            crate::text::quote(text)
        ))
    }
}

/// An address ID as the model's AddressId shape has it: `ADID` and a
/// lowercase UUID, 40 characters.
pub fn address_id(text: &str) -> Result<String, String> {
    if fits_shape("AddressId", text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{} is not an address ID: expected ADID followed by a lowercase UUID, 40 characters (ADID1234ab12-3eec-4eb3-9be6-9374c10eb51b)",
            crate::text::quote(text)
        ))
    }
}

pub use crate::core::checks::bucket_arn;

pub fn job_id_or_dash(text: &str) -> Result<String, String> {
    if text == "-" {
        Ok(text.to_string())
    } else {
        job_id(text)
    }
}

fn seconds(text: &str) -> Result<Duration, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(Duration::from_secs_f64(s)),
        _ => Err(format!(
            "'{text}' is not a number of seconds above 0 and at most 86400"
        )),
    }
}

/// An API enum: accepts the API spelling, or any case with `-` for `_`; help and
/// completions list the API spelling.
#[derive(Clone)]
pub struct ApiEnum(pub &'static [&'static str]);

impl ApiEnum {
    pub fn resolve(&self, text: &str) -> Option<&'static str> {
        crate::core::checks::fold_enum(self.0.iter().copied(), text)
    }
}

impl TypedValueParser for ApiEnum {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let text = value.to_string_lossy();
        self.resolve(&text).map(str::to_string).ok_or_else(|| {
            let mut err = clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd);
            if let Some(arg) = arg {
                err.insert(
                    ContextKind::InvalidArg,
                    ContextValue::String(arg.to_string()),
                );
            }
            err.insert(
                ContextKind::InvalidValue,
                ContextValue::String(text.into_owned()),
            );
            err.insert(
                ContextKind::ValidValue,
                ContextValue::Strings(self.0.iter().map(|s| s.to_string()).collect()),
            );
            err
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.0.iter().map(|v| PossibleValue::new(*v))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_exactly() {
        assert!(job_id("JID123e4567-e89b-12d3-a456-426655440000").is_ok());
        assert!(job_id("MID123e4567-e89b-12d3-a456-426655440000").is_ok());
        assert!(job_id("JID123E4567-e89b-12d3-a456-426655440000").is_err());
        assert!(job_id("JID123e4567-e89b-12d3-a456-42665544000").is_err());
        assert!(job_id("").is_err());
        assert!(job_id("JIDé").is_err());
        assert!(address_id("ADID1234ab12-3eec-4eb3-9be6-9374c10eb51b").is_ok());
        assert!(address_id("ADID1234ab12-3eec-4eb3-9be6-9374c10eb51").is_err());
    }

    #[test]
    fn bucket_names_become_arns_in_the_regions_partition() {
        assert_eq!(
            bucket_arn("photos", crate::core::checks::partition("us-east-1")).unwrap(),
            "arn:aws:s3:::photos"
        );
        assert_eq!(
            bucket_arn("photos", crate::core::checks::partition("cn-north-1")).unwrap(),
            "arn:aws-cn:s3:::photos"
        );
        assert_eq!(
            bucket_arn("photos", crate::core::checks::partition("us-gov-west-1")).unwrap(),
            "arn:aws-us-gov:s3:::photos"
        );
        assert!(bucket_arn("arn:aws:s3:::photos", "aws").is_ok());
        for bad in [
            "Photos",
            "ab",
            "-ab",
            "a..b",
            "arn:aws:sns:us-east-1:1:t",
            "arn:aws:s3:::",
            "arn:aws:s3:::b/key",
            "arn:aws:s3:us-east-1::b",
        ] {
            assert!(bucket_arn(bad, "aws").is_err(), "{bad}");
        }
    }
}
