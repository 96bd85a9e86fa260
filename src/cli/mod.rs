//! The command line. Doc comments here are the help text.

pub mod docs;

use std::ffi::OsStr;
use std::time::Duration;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};

use crate::commands::{self, complete};
pub use crate::output::Format;
use crate::output::query::Query;
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

/// The help's closing text: the exit codes (from their one table) and where
/// configuration comes from.
fn after_help() -> String {
    let mut text = String::from("Exit codes:\n");
    for (_, code, meaning) in crate::failure::EXIT_CODES {
        text.push_str(&format!("  {code:<4} {meaning}\n"));
    }
    text + AFTER_EXIT_CODES
}

const AFTER_EXIT_CODES: &str = "\
With several jobs every job is attempted and reported; the exit code is that of
the first failed job in input order. A closed stdout (`| head`) is not an error.

Configuration comes from the AWS environment, as in the AWS CLI: AWS_PROFILE,
AWS_REGION, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SNOWBALL, AWS_MAX_ATTEMPTS,
AWS_RETRY_MODE (standard, adaptive, legacy), AWS_CA_BUNDLE, credentials from the
environment, profiles, SSO, web identity, containers and instances. --profile
takes the profile's credentials even when AWS_ACCESS_KEY_ID is set. A setting
that is not valid is refused before any request, naming where it came from.";

/// Each subcommand's examples, shown at the end of its help: (what, command).
const SUBCOMMAND_EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "history",
        &[
            (
                "Every edit snowjob has sent, oldest first",
                "snowjob history",
            ),
            (
                "One job's edits, as data",
                "snowjob history JID123e4567-e89b-12d3-a456-426655440000 -o json",
            ),
            (
                "Which members each edit changed",
                "snowjob history -o text | cut -f2,4",
            ),
        ],
    ),
    (
        "undo",
        &[
            (
                "Put back what the last edit of a job changed",
                "snowjob undo JID123e4567-e89b-12d3-a456-426655440000",
            ),
            (
                "See what an undo would send, without sending it",
                "snowjob undo JID123e4567-e89b-12d3-a456-426655440000 --dry-run",
            ),
            (
                "Undo again: re-applies the edit that was undone",
                "snowjob undo JID123e4567-e89b-12d3-a456-426655440000",
            ),
        ],
    ),
    (
        "show",
        &[
            (
                "One job, with the minutes left to edit it",
                "snowjob show JID123e4567-e89b-12d3-a456-426655440000",
            ),
            (
                "Pick among the jobs still New (on a terminal)",
                "snowjob show",
            ),
            (
                "Every pending job, as JSON",
                "snowjob list -o text | cut -f1 | snowjob show - -o json",
            ),
        ],
    ),
    (
        "list",
        &[
            ("The jobs that can still be edited", "snowjob list"),
            ("Every job, whatever its state", "snowjob list --all"),
            (
                "IDs of the pending V3_5S jobs",
                "snowjob list -o text --query \"[?SnowballType=='V3_5S'].JobId\"",
            ),
        ],
    ),
    (
        "addresses",
        &[
            ("The account's addresses, ID first", "snowjob addresses"),
            (
                "IDs and cities only",
                "snowjob addresses -o text --query '[].[AddressId, City]'",
            ),
        ],
    ),
    (
        "set-shipping",
        &[
            (
                "Ship faster",
                "snowjob set-shipping JID123e4567-e89b-12d3-a456-426655440000 --speed NEXT_DAY",
            ),
            (
                "Ship to another address (see snowjob addresses)",
                "snowjob set-shipping JID123e4567-e89b-12d3-a456-426655440000 --address-id ADID1234ab12-3eec-4eb3-9be6-9374c10eb51b",
            ),
            (
                "Every pending job, after a look at the plan",
                "snowjob list -o text | cut -f1 | snowjob set-shipping - --speed EXPRESS --dry-run",
            ),
        ],
    ),
    (
        "set-capacity",
        &[
            (
                "The capacity a V3_5S device comes in",
                "snowjob set-capacity JID123e4567-e89b-12d3-a456-426655440000 --capacity T240",
            ),
            (
                "Let AWS choose, on jobs picked on a terminal",
                "snowjob set-capacity --capacity NoPreference",
            ),
        ],
    ),
    (
        "add-s3-resource",
        &[
            (
                "Add a bucket by name",
                "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
            ),
            (
                "Export a key range through S3 and NFS",
                "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket arn:aws:s3:::videos --begin-marker 2025/01/ --end-marker 2025/12/ --service s3 --service nfs",
            ),
            (
                "Change one setting of a bucket on the job",
                "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket videos --end-marker 2025/06/",
            ),
        ],
    ),
    (
        "remove-s3-resource",
        &[
            (
                "Remove a bucket, keeping the others",
                "snowjob remove-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
            ),
            (
                "See the request first",
                "snowjob remove-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket --dry-run",
            ),
        ],
    ),
    (
        "set-nfs-limit",
        &[
            (
                "20 TB for NFS, other services kept",
                "snowjob set-nfs-limit JID123e4567-e89b-12d3-a456-426655440000 --limit 20",
            ),
            (
                "The same on jobs picked on a terminal",
                "snowjob set-nfs-limit --limit 20",
            ),
        ],
    ),
    (
        "apply",
        &[
            (
                "A patch file, checked and shown first",
                "snowjob apply JID123e4567-e89b-12d3-a456-426655440000 --file patch.yaml --dry-run",
            ),
            (
                "One member from stdin",
                "echo 'ShippingOption: EXPRESS' | snowjob apply JID123e4567-e89b-12d3-a456-426655440000 --file -",
            ),
            (
                "Every pending job",
                "snowjob list -o text | cut -f1 | snowjob apply - --file patch.yaml --yes",
            ),
        ],
    ),
    (
        "edit",
        &[
            (
                "Edit a job in $VISUAL or $EDITOR",
                "snowjob edit JID123e4567-e89b-12d3-a456-426655440000",
            ),
            (
                "In an editor that needs an argument to wait",
                "EDITOR='code --wait' snowjob edit JID123e4567-e89b-12d3-a456-426655440000",
            ),
            (
                "Pick the job on a terminal; see the request, send nothing",
                "snowjob edit --dry-run",
            ),
        ],
    ),
    (
        "completions",
        &[
            (
                "Live completion of job and address IDs (in ~/.bashrc)",
                "source <(COMPLETE=bash snowjob)",
            ),
            (
                "The same for zsh (in ~/.zshrc)",
                "source <(COMPLETE=zsh snowjob)",
            ),
            (
                "A static script: options and values only",
                "snowjob completions fish > ~/.config/fish/completions/snowjob.fish",
            ),
        ],
    ),
];

/// A subcommand's examples as its help's closing text.
fn examples(command: &str) -> String {
    let listed = SUBCOMMAND_EXAMPLES
        .iter()
        .find(|(name, _)| *name == command)
        .map_or(&[][..], |(_, examples)| examples);
    listed
        .iter()
        .fold(String::from("Examples:"), |text, (what, line)| {
            text + &format!("\n  # {what}\n  {line}")
        })
}

/// The capacities each device type comes in, from the checks' own table.
pub fn capacity_help() -> String {
    let devices: Vec<String> = snowball_model::facts::DEVICE_CAPACITIES
        .iter()
        .map(|(device, caps)| format!("{device}: {}", caps.join(", ")))
        .collect();
    format!(
        "Device capacity (T100 is 100 TB); it must be one the job's device type comes in: {}. NoPreference (AWS chooses) fits every type.",
        devices.join("; ")
    )
}

/// Safely edit pending AWS Snow Family jobs.
///
/// Every edit reads the job (DescribeJob), refuses unless it is still New,
/// builds the smallest UpdateJob request that carries every existing resource
/// and setting along, and submits it. UpdateJob replaces each member it is
/// given wholesale; snowjob never drops what you did not ask to change.
#[derive(Parser, Debug)]
#[command(name = "snowjob", version, after_help = after_help(), max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// Use this profile from the AWS config and credentials files.
    #[arg(long, global = true, value_name = "NAME", add = ArgValueCandidates::new(complete::profiles))]
    pub profile: Option<String>,
    /// The AWS region (else AWS_REGION or the profile's region).
    #[arg(long, global = true, value_name = "REGION", add = ArgValueCandidates::new(complete::regions))]
    pub region: Option<String>,
    /// Send requests to this endpoint instead of the region's (e.g. snowball-local).
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Output format.
    #[arg(short = 'o', long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// A JMESPath query (as in the AWS CLI) applied to the output's JSON document
    /// before it is printed in the chosen format; at most 64 levels deep.
    #[arg(long, global = true, value_name = "JMESPATH", value_parser = Query::parse)]
    pub query: Option<Query>,
    /// Show the change and the exact request; send nothing that modifies.
    #[arg(long, global = true)]
    pub dry_run: bool,
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
    /// Attempts per request, retries included (else AWS_MAX_ATTEMPTS or 3).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: Option<u32>,
    /// Seconds to wait for a connection.
    #[arg(long, global = true, value_name = "SECS", value_parser = seconds, alias = "cli-connect-timeout")]
    pub connect_timeout: Option<Duration>,
    /// Seconds to wait for a reply.
    #[arg(long, global = true, value_name = "SECS", value_parser = seconds, alias = "cli-read-timeout")]
    pub read_timeout: Option<Duration>,
    /// Jobs handled at once.
    #[arg(long, global = true, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show jobs: state and edit window left, shipping, capacity, resources, services.
    #[command(after_help = examples("show"))]
    Show(commands::show::ShowArgs),
    /// List jobs; without --all only those still editable (New).
    #[command(after_help = examples("list"))]
    List(commands::list::ListArgs),
    /// List the account's shipping addresses, address ID first.
    ///
    /// Their IDs are what --address-id and --forwarding-address-id take. Follows
    /// every page of DescribeAddresses.
    #[command(after_help = examples("addresses"))]
    Addresses(commands::addresses::AddressesArgs),
    /// Change the shipping speed, the address or the forwarding address.
    #[command(after_help = examples("set-shipping"))]
    SetShipping(commands::set_shipping::SetShippingArgs),
    /// Change the device capacity.
    #[command(after_help = examples("set-capacity"))]
    SetCapacity(commands::set_capacity::SetCapacityArgs),
    /// Add an S3 bucket, or change one the job has, keeping every other resource.
    ///
    /// Every other bucket, Lambda function and AMI is carried along. A new bucket
    /// gets the settings given, and by default --service s3 and the job type's
    /// transfer option. For a bucket already on the job only the settings given
    /// replace its own: --begin-marker and --end-marker each on its own,
    /// --service and --transfer-option its target services (a transfer option
    /// not given stays the entry's). No defaults apply to it, and settings equal
    /// to its current ones leave the job unchanged.
    #[command(after_help = examples("add-s3-resource"))]
    AddS3Resource(commands::add_s3_resource::AddS3ResourceArgs),
    /// Remove an S3 bucket, keeping every other resource.
    ///
    /// Every other bucket (with its key range and services), Lambda function and
    /// AMI is carried along; a bucket not on the job leaves it unchanged. The last
    /// bucket of an IMPORT or EXPORT job cannot be removed: such a job needs one.
    #[command(after_help = examples("remove-s3-resource"))]
    RemoveS3Resource(commands::remove_s3_resource::RemoveS3ResourceArgs),
    /// Set the NFS on-device storage limit, keeping the other on-device services.
    ///
    /// Tape Gateway, EKS Anywhere and S3 on-device settings are carried along
    /// unchanged. The limit is whole terabytes, above 0 and not above the
    /// device's capacity.
    #[command(after_help = examples("set-nfs-limit"))]
    SetNfsLimit(commands::set_nfs_limit::SetNfsLimitArgs),
    /// Apply a YAML or JSON patch of UpdateJob members to jobs.
    ///
    /// Top-level keys are UpdateJob members: RoleARN, Notification, Resources,
    /// OnDeviceServiceConfiguration, AddressId, ShippingOption, Description,
    /// SnowballCapacityPreference, ForwardingAddressId, PickupDetails.
    ///
    /// Structures merge into the job's current value member by member: a
    /// sub-member given replaces the job's, null removes it, the others are
    /// kept. Lists replace the job's list whole (give every bucket you want to
    /// keep). Scalars replace. The file (YAML or JSON, at most 1 MiB) is read
    /// whole and checked before any request; errors name each key's path and line.
    #[command(after_help = examples("apply"))]
    Apply(commands::apply::ApplyArgs),
    /// Show the edits snowjob has sent, oldest first.
    ///
    /// Every UpdateJob whose outcome was updated or unknown is recorded, one JSON
    /// line each: Time, JobId, Region, Endpoint (when not the region's own; never
    /// with a user:password), Profile, Command, Outcome, Changes (Field, Before,
    /// After) and Request. Dry runs and unchanged or failed edits are not. The
    /// file is $SNOWJOB_HISTORY (off turns the history off; empty counts as
    /// unset), else $XDG_STATE_HOME/snowjob/history.jsonl, else
    /// ~/.local/state/snowjob/history.jsonl; it is created readable by you alone
    /// (mode 0600: it holds pickup details as sent, never a credential). A
    /// history that cannot be written is a warning, never a failed edit. Text
    /// output is TIME, JOB_ID, OUTCOME and the changed members, comma-joined; a
    /// line that is not a record is skipped with a warning naming it.
    #[command(after_help = examples("history"))]
    History(commands::history::HistoryArgs),
    /// Revert each job's last recorded edit, through the same checks as any edit.
    ///
    /// The last edit of the job recorded in the history for this region and
    /// endpoint is undone: every member it changed is set back to its value
    /// before. Refused for a job, with nothing sent for it, when the job is no
    /// longer New (exit 3), when no edit of it is recorded (exit 4, NoHistory),
    /// when a member it changed no longer holds the value it set (someone changed
    /// it since; exit 3, ChangedSinceEdit), or when it set a member the job did
    /// not have before (exit 3, CannotRemove: UpdateJob cannot remove a value; a
    /// structure goes back to empty instead). A job already back as it was is
    /// unchanged. --dry-run, confirmation and the re-read before sending work as
    /// for every edit. An undo is itself recorded, so undoing twice re-applies
    /// the edit. With the history off, undo is refused (exit 2).
    #[command(after_help = examples("undo"))]
    Undo(commands::undo::UndoArgs),
    /// Edit a job's members in your editor ($VISUAL, else $EDITOR, else vi).
    ///
    /// The file holds the job's editable members (every UpdateJob member but
    /// JobId) with their current values, under a comment saying what the job
    /// is and how long it stays editable (an estimate). Save it as you want the
    /// job to be: lists and structures are taken as written (delete a bucket to
    /// remove it), and a member cannot be deleted (UpdateJob can only replace
    /// it). Then it is an edit like any other: checked, shown, confirmed on a
    /// terminal (--yes skips), the job read again and the change sent.
    ///
    /// A file saved unchanged is `unchanged`; an empty file, or an editor that
    /// exits with an error (vi: :cq), sends nothing (exit 1). An invalid file
    /// reopens with the errors on top; saved again without a change it is kept,
    /// its path printed (exit 2), as it is when the job changed meanwhile. The
    /// file is readable by you only: it may hold pickup details. The editor
    /// runs through sh -c, so it may take arguments (EDITOR="code --wait").
    #[command(after_help = examples("edit"))]
    Edit(commands::edit::EditArgs),
    /// Print a static shell completion script (options and values, no job IDs).
    ///
    /// Recommended instead: live completion, which also completes the job IDs of
    /// the jobs still New (with description and minutes left), address IDs,
    /// profiles and regions, asking the account with the line's --profile,
    /// --region and --endpoint-url. Add `source <(COMPLETE=bash snowjob)` to
    /// ~/.bashrc, `source <(COMPLETE=zsh snowjob)` to ~/.zshrc, or
    /// `source (COMPLETE=fish snowjob | psub)` to ~/.config/fish/config.fish.
    /// A completion that cannot reach the service within 2 seconds offers nothing.
    #[command(after_help = examples("completions"))]
    Completions(commands::completions::CompletionsArgs),
}

/// Job IDs as given: IDs, or `-` to read them from stdin.
#[derive(Args, Debug, Clone)]
pub struct JobIds {
    /// Job IDs (JID + UUID), or - to read them from stdin, one a line. Without
    /// any, a terminal offers the jobs still New to pick from.
    #[arg(value_name = "JOB_ID", value_parser = job_id_or_dash, add = ArgValueCompleter::new(complete::pending_jobs))]
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
        crate::core::checks::bucket_arn(&self.bucket, partition)
            .map_err(crate::failure::Failure::invalid)
    }
}

/// The subcommand and its arguments as typed, for the history. Global options
/// are left out: the region, endpoint and profile are recorded on their own,
/// and an endpoint URL may carry a password.
pub fn command_line(args: &[String]) -> String {
    use clap::CommandFactory;
    let cli = Cli::command();
    let globals: Vec<&clap::Arg> = cli.get_arguments().filter(|a| a.is_global_set()).collect();
    let long = |name: &str| {
        globals.iter().find(|a| {
            a.get_long() == Some(name) || a.get_all_aliases().is_some_and(|al| al.contains(&name))
        })
    };
    let short = |c: char| globals.iter().find(|a| a.get_short() == Some(c));
    let mut kept = Vec::new();
    let mut words = args.iter().skip(1);
    while let Some(word) = words.next() {
        if word == "--" {
            kept.push(word.clone());
            kept.extend(words.by_ref().cloned());
            break;
        }
        // How many words a global option here takes: itself, and its value if apart.
        let global = if let Some(name) = word.strip_prefix("--") {
            let (name, attached) = name
                .split_once('=')
                .map_or((name, false), |(n, _)| (n, true));
            long(name).map(|a| !attached && a.get_action().takes_values())
        } else if let Some(cluster) = word.strip_prefix('-').filter(|c| !c.is_empty()) {
            // -y, -qy, -o json, -ojson: every letter up to a value a global's.
            let mut needs_value = None;
            for (i, c) in cluster.char_indices() {
                match short(c) {
                    None => {
                        needs_value = None;
                        break;
                    }
                    Some(a) if a.get_action().takes_values() => {
                        needs_value = Some(i + c.len_utf8() == cluster.len());
                        break;
                    }
                    Some(_) => needs_value = Some(false),
                }
            }
            needs_value
        } else {
            None
        };
        match global {
            Some(true) => {
                words.next();
            }
            Some(false) => {}
            None => kept.push(word.clone()),
        }
    }
    kept.iter()
        .map(|w| shell_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word as a POSIX shell would need it quoted to read it back.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=@,+%^".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

pub fn job_id_or_dash(text: &str) -> Result<String, String> {
    if text == "-" {
        Ok(text.to_string())
    } else {
        crate::core::checks::job_id(text)
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
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_ends_its_help_with_examples() {
        for sub in Cli::command().get_subcommands() {
            let help = sub
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            assert!(
                help.starts_with("Examples:\n  # ")
                    && help.matches("\n  snowjob ").count()
                        + help.matches("\n  source ").count()
                        + help.matches("| snowjob ").count()
                        >= 2,
                "{}: {help}",
                sub.get_name()
            );
        }
    }

    #[test]
    fn capacity_help_names_each_device_and_its_capacities() {
        let help = capacity_help();
        for needle in [
            "V3_5S: T240",
            "V3_5C: T32",
            "STANDARD: T50, T80",
            "NoPreference",
        ] {
            assert!(help.contains(needle), "{needle}: {help}");
        }
    }

    #[test]
    fn enums_accept_api_and_folded_spellings() {
        let speeds = ApiEnum(&["SECOND_DAY", "NEXT_DAY", "EXPRESS", "STANDARD"]);
        assert_eq!(speeds.resolve("next-day"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("NEXT_DAY"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("Next_Day"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("warp"), None);
        let caps = ApiEnum(&["T100", "NoPreference"]);
        assert_eq!(caps.resolve("no-preference"), Some("NoPreference"));
        assert_eq!(caps.resolve("t100"), Some("T100"));
    }

    #[test]
    fn the_recorded_command_leaves_global_options_out() {
        let id = "JID123e4567-e89b-12d3-a456-426655440000";
        let args = |line: &[&str]| -> Vec<String> {
            std::iter::once("snowjob")
                .chain(line.iter().copied())
                .map(String::from)
                .collect()
        };
        let line = args(&[
            "--endpoint-url",
            "http://u:secret@h",
            "-qy",
            "--profile=ops",
            "set-shipping",
            id,
            "--speed",
            "NEXT_DAY",
            "-ojson",
            "--cli-read-timeout",
            "5",
            "--dry-run",
        ]);
        assert_eq!(
            command_line(&line),
            format!("set-shipping {id} --speed NEXT_DAY")
        );
        let line = args(&["-o", "text", "apply", "-", "-f", "my patch's.yaml"]);
        assert_eq!(command_line(&line), r"apply - -f 'my patch'\''s.yaml'");
    }

    #[test]
    fn global_options_go_before_or_after_the_command() {
        let id = "JID123e4567-e89b-12d3-a456-426655440000";
        let after =
            Cli::try_parse_from(["snowjob", "show", id, "--region", "eu-west-1", "-o", "json"])
                .unwrap();
        let before =
            Cli::try_parse_from(["snowjob", "--region", "eu-west-1", "-o", "json", "show", id])
                .unwrap();
        assert_eq!(after.global.region, before.global.region);
        assert_eq!(after.global.output, Format::Json);
    }
}
