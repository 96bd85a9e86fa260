//! The command line. Doc comments here are the help text.

pub mod complete;
pub mod docs;

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

pub use crate::args::{Format, Global};
use crate::commands;
use crate::core::stop::Stop;
use crate::failure::Failure;
use crate::output::message::{ErrorFormat, Message};

/// The help's closing text: the exit codes (from their one table) and where
/// configuration comes from.
fn after_help() -> String {
    let mut text = String::from("Exit codes:\n");
    for (code, meaning) in
        crate::failure::exit_code_meanings(crate::core::pipeline::GRACE_AFTER_SIGNAL)
    {
        text.push_str(&format!("  {code:<4} {meaning}\n"));
    }
    format!("{text}{BATCHES}\n\n{TEXT_OUTPUT}\n\n{}", configuration())
}

const BATCHES: &str = "\
With several jobs every job is attempted and reported; the exit code is that of
the first failed job in input order. A closed stdout (`| head`) is not an error.";

/// What `-o text` prints, for the help and the man page.
pub const TEXT_OUTPUT: &str = "\
-o text is tab-separated, one record a line, job ID first (history: the time),
no header; a tab, line break or other control character in a value is written
escaped (\\t). An edit prints a line a job: JOB_ID OUTCOME CHANGED_FIELDS (comma-joined) when
updated, planned or unchanged; JOB_ID OUTCOME CODE MESSAGE when failed, unknown
or skipped (a job a signal or a declined prompt skipped: NotAttempted).";

/// Where configuration comes from; the variables named from the man page's
/// one table of them ([`docs::environment_names`]).
fn configuration() -> String {
    format!(
        "Configuration comes from the AWS environment, as in the AWS CLI: {}; credentials \
         from the environment, profiles, SSO, web identity, containers and instances. \
         --profile takes the profile's credentials even when AWS_ACCESS_KEY_ID is set. A \
         setting that is not valid is refused before any request, naming where it came \
         from. Also read: {} (man snowjob, ENVIRONMENT).",
        docs::environment_names(|n| n.starts_with("AWS_")).join(", "),
        docs::environment_names(|n| !n.starts_with("AWS_")).join(", ")
    )
}

/// A subcommand's examples (declared beside its arguments) as its help's
/// closing text.
fn examples(listed: &[(&str, &str)]) -> String {
    listed
        .iter()
        .fold(String::from("Examples:"), |text, (what, line)| {
            text + &format!("\n  # {what}\n  {line}")
        })
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

/// The command line as live completion sees it: completers attached to the
/// arguments that name things in the account (parsing, help and the static
/// scripts need none). The arguments are declared below (`args`, the
/// commands); completing them needs the account, which this layer reaches.
pub fn command() -> clap::Command {
    let cmd = Cli::command()
        .mut_arg("profile", |a| {
            a.add(ArgValueCandidates::new(complete::profiles))
        })
        .mut_arg("region", |a| {
            a.add(ArgValueCandidates::new(complete::regions))
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    names.iter().fold(cmd, |cmd, name| {
        cmd.mut_subcommand(name, |sub| {
            let completed: Vec<(String, &str)> = sub
                .get_arguments()
                .filter_map(|a| {
                    let value = a.get_value_names()?.first()?.to_string();
                    Some((a.get_id().to_string(), value))
                })
                .filter_map(|(id, value)| match value.as_str() {
                    "JOB_ID" => Some((id, "job")),
                    "ADID" => Some((id, "address")),
                    _ => None,
                })
                .collect();
            completed.into_iter().fold(sub, |sub, (id, what)| {
                sub.mut_arg(id, |a| match what {
                    "job" => a.add(ArgValueCompleter::new(complete::pending_jobs)),
                    _ => a.add(ArgValueCompleter::new(complete::addresses)),
                })
            })
        })
    })
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show jobs: state and edit window left, shipping, capacity, resources, services.
    #[command(after_help = examples(commands::show::EXAMPLES))]
    Show(commands::show::ShowArgs),
    /// List jobs; without --all only those still editable (New).
    #[command(after_help = examples(commands::list::EXAMPLES))]
    List(commands::list::ListArgs),
    /// List clusters; without --all only those still editable (AwaitingQuorum).
    ///
    /// A cluster (CID…) is edited like a job, with UpdateCluster while it is
    /// AwaitingQuorum: give its ID to set-shipping, add-s3-resource, apply,
    /// edit and the rest. Its node jobs are edited through it. Follows every
    /// page of ListClusters.
    #[command(after_help = examples(commands::clusters::EXAMPLES))]
    Clusters(commands::clusters::ClustersArgs),
    /// List the account's shipping addresses, address ID first.
    ///
    /// Their IDs are what --address-id and --forwarding-address-id take. Follows
    /// every page of DescribeAddresses.
    #[command(after_help = examples(commands::addresses::EXAMPLES))]
    Addresses(commands::addresses::AddressesArgs),
    /// Change the shipping speed, the address or the forwarding address.
    #[command(after_help = examples(commands::set_shipping::EXAMPLES))]
    SetShipping(commands::set_shipping::SetShippingArgs),
    /// Change the device capacity.
    #[command(after_help = examples(commands::set_capacity::EXAMPLES))]
    SetCapacity(commands::set_capacity::SetCapacityArgs),
    /// Add an S3 bucket, or change one the job has, keeping every other resource.
    ///
    /// Every other bucket, Lambda function and AMI is carried along. A new bucket
    /// gets the settings given, and by default --service s3 and the job type's
    /// transfer option. For a bucket already on the job only the settings given
    /// replace its own: --begin-marker and --end-marker each on its own,
    /// --service and --transfer-option its target services (a transfer option
    /// not given stays the entry's). No defaults apply to it, and settings equal
    /// to its current ones leave the job unchanged. A --service given twice is
    /// sent once. A bucket the job holds in more than one entry is not changed
    /// (exit 2, nothing sent): edit or apply can change such entries.
    #[command(after_help = examples(commands::add_s3_resource::EXAMPLES))]
    AddS3Resource(commands::add_s3_resource::AddS3ResourceArgs),
    /// Remove an S3 bucket, keeping every other resource.
    ///
    /// Every other bucket (with its key range and services), Lambda function and
    /// AMI is carried along; a bucket not on the job leaves it unchanged. The last
    /// bucket of an IMPORT or EXPORT job cannot be removed: such a job needs one.
    /// A bucket the job holds in more than one entry is not removed (exit 2,
    /// nothing sent): edit or apply can change such entries.
    #[command(after_help = examples(commands::remove_s3_resource::EXAMPLES))]
    RemoveS3Resource(commands::remove_s3_resource::RemoveS3ResourceArgs),
    /// Set the NFS on-device storage limit, keeping the other on-device services.
    ///
    /// Tape Gateway, EKS Anywhere and S3 on-device settings are carried along
    /// unchanged. The limit is whole terabytes, above 0 and not above the
    /// device's capacity.
    #[command(after_help = examples(commands::set_nfs_limit::EXAMPLES))]
    SetNfsLimit(commands::set_nfs_limit::SetNfsLimitArgs),
    /// Apply a YAML or JSON patch of UpdateJob members to jobs.
    #[command(long_about = commands::apply::long_about(), after_help = examples(commands::apply::EXAMPLES))]
    Apply(commands::apply::ApplyArgs),
    /// Show the edits snowjob has sent, oldest first.
    ///
    /// Every UpdateJob whose outcome was updated or unknown is recorded, one JSON
    /// line each: Time, JobId, Region, Endpoint (when not the region's own; never
    /// with a user:password), Profile, Command, Outcome, Changes (Field, Before,
    /// After) and Request, appended as soon as that job's outcome is known.
    /// Dry runs and unchanged or failed edits are not. The file is
    /// $SNOWJOB_HISTORY (off turns the history off; empty counts as unset),
    /// else $XDG_STATE_HOME/snowjob/history.jsonl, else
    /// ~/.local/state/snowjob/history.jsonl. It must be a regular file (a
    /// symbolic link, FIFO, device or directory is refused: exit 2, nothing read
    /// through it); it is created, or tightened, readable by you alone (mode
    /// 0600: it holds pickup details as sent, never a credential). A history
    /// that cannot be written is a warning, never a failed edit. Text
    /// output is TIME, JOB_ID, OUTCOME and the changed members, comma-joined; a
    /// line that is not a record is skipped with a warning naming it.
    #[command(after_help = examples(commands::history::EXAMPLES))]
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
    /// the edit. With the history off, or not a regular file, undo is refused
    /// (exit 2).
    #[command(after_help = examples(commands::undo::EXAMPLES))]
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
    #[command(after_help = examples(commands::edit::EXAMPLES))]
    Edit(commands::edit::EditArgs),
    /// Cancel pending jobs (New) or clusters (AwaitingQuorum); irreversible.
    ///
    /// Each order is read first: a node job is refused (cancel its cluster),
    /// one in another state is refused naming it (exit 3), and one already
    /// Cancelled is unchanged (one another run cancels first too), so running
    /// the command again, or twice at once, is safe. On a
    /// terminal it always asks, even for one order; without a terminal it needs
    /// --yes (exit 2 otherwise, nothing sent). --dry-run sends nothing. Each
    /// cancel is reported as a change of JobState (or ClusterState) to
    /// Cancelled and recorded in the history; undo refuses to revert it.
    #[command(after_help = examples(commands::cancel::EXAMPLES))]
    Cancel(commands::cancel::CancelArgs),
    /// Send exactly a reviewed plan (written by --plan FILE), or nothing.
    ///
    /// The whole plan is checked first: its version, each entry's ID and
    /// operation, every request against the service model, and each request's
    /// members exactly its changes (a cancel's request its ID alone); the
    /// region and endpoint must be the ones configured now. Any problem: exit
    /// 2, naming the entry and member, nothing sent. Then each order is read:
    /// one that already holds every After is unchanged (the plan was sent
    /// before; a cancelled order too); one no longer pending is exit 3; one
    /// that holds every Before is sent the plan's request exactly; anything
    /// else is someone's change since the plan was made: exit 3, JobChanged,
    /// nothing sent for that order, the others still sent. --dry-run shows
    /// what would be sent. A batch asks on a terminal, as edits do; a plan
    /// that cancels always asks, and needs --yes without a terminal. Each
    /// order sent is recorded in the history as `submit PLAN`.
    #[command(after_help = examples(commands::submit::EXAMPLES))]
    Submit(commands::submit::SubmitArgs),
    /// Print a static shell completion script (options and values, no job IDs).
    ///
    /// Recommended instead: live completion, which also completes the job IDs of
    /// the jobs still New (with description and minutes left), address IDs,
    /// profiles and regions, asking the account with the line's --profile,
    /// --region and --endpoint-url. Add `source <(COMPLETE=bash snowjob)` to
    /// ~/.bashrc, `source <(COMPLETE=zsh snowjob)` to ~/.zshrc, or
    /// `source (COMPLETE=fish snowjob | psub)` to ~/.config/fish/config.fish.
    /// A completion that cannot reach the service within 2 seconds offers nothing.
    #[command(after_help = examples(commands::completions::EXAMPLES))]
    Completions(commands::completions::CompletionsArgs),
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
        .map(|w| crate::text::shell_word(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The error format of a line clap could not parse: `--cli-error-format X`
/// (or `=X`) as typed, else AWS_CLI_ERROR_FORMAT, else enhanced. A value that
/// is not a format is passed over (the error may be about it). The profile's
/// `cli_error_format` is not read: which profile applies depends on the line
/// that could not be parsed, and an argument error needs no configuration.
pub fn format_of_unparsed_line() -> ErrorFormat {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let mut words = args.iter().take_while(|w| *w != "--");
    let mut typed = None;
    while let Some(word) = words.next() {
        let value = match word.strip_prefix("--cli-error-format") {
            Some("") => words.next().map(String::as_str),
            Some(attached) => attached.strip_prefix('='),
            None => None,
        };
        typed = value.and_then(ErrorFormat::parse).or(typed);
    }
    typed
        .or_else(|| {
            std::env::var("AWS_CLI_ERROR_FORMAT")
                .ok()
                .and_then(|v| ErrorFormat::parse(&v))
        })
        .unwrap_or_default()
}

/// clap's refusal of the command line as a message: exit 2, its code clap's
/// kind of error (`InvalidValue`, `UnknownArgument`, `MissingRequiredArgument`
/// …). A person reads clap's text as clap writes it; a script gets it without
/// the usage and `--help` lines.
pub fn argument_error(e: &clap::Error) -> Message {
    // What was typed is escaped where clap quotes it: clap's text, rendered
    // plain, would strip an escape sequence and keep a bidi override raw.
    let mut styled = e.render().ansi().to_string();
    for (_, value) in e.context() {
        let typed = match value {
            clap::error::ContextValue::String(s) => vec![s],
            clap::error::ContextValue::Strings(all) => all.iter().collect(),
            _ => Vec::new(),
        };
        for typed in typed
            .into_iter()
            .filter(|t| t.chars().any(crate::text::is_hidden))
        {
            styled = styled.replace(typed.as_str(), &crate::text::escape_controls(typed));
        }
    }
    // clap quotes what was typed in full; a message quotes at most 200 characters.
    let mut rendered = clap::builder::StyledStr::from(styled).to_string();
    if let Some(clap::error::ContextValue::String(value)) =
        e.get(clap::error::ContextKind::InvalidValue)
    {
        // A value with spaces (a long --query) escapes shorten_long_words.
        let value = crate::text::escape_controls(value);
        rendered = rendered.replacen(&format!("'{value}'"), &crate::text::quote(&value), 1);
    }
    let rendered = crate::text::shorten_long_words(&rendered);
    let rendered = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    let structured = crate::output::stdio::error_format().is_structured();
    if structured && e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // The whole help is for a person; a script gets what was missing.
        let usage = rendered
            .lines()
            .find_map(|l| l.trim().strip_prefix("Usage: "))
            .unwrap_or("snowjob [OPTIONS] <COMMAND>");
        let command: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        let text = format!(
            "a command or its arguments are missing: {usage} (`{} --help` says more)",
            command.join(" ")
        );
        return Message::error(&format!("{:?}", e.kind()), text).deciding(e.exit_code());
    }
    let text = if structured {
        rendered
            .split("\n\n")
            .filter(|p| !p.starts_with("Usage:") && !p.starts_with("For more information"))
            .flat_map(str::lines)
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    } else {
        rendered.strip_suffix('\n').unwrap_or(rendered).to_string()
    };
    Message::error(&format!("{:?}", e.kind()), text).deciding(e.exit_code())
}

/// Runs the command the line names, returning its exit code.
pub async fn run(cli: &Cli, stop: &Stop) -> Result<i32, Failure> {
    let g = &cli.global;
    if g.plan.is_some() && !cli.command.plans() {
        return Err(Failure::invalid(
            "--plan goes with a command that edits (set-*, add-s3-resource, remove-s3-resource, apply, edit, undo, cancel); nothing was sent",
        ));
    }
    // A plan that cannot be written is refused before the job IDs are read
    // or an editor opens (the file is made again when the plan is).
    if let Some(path) = &g.plan {
        drop(commands::submit::PlanFile::create(path)?);
    }
    match &cli.command {
        Command::Show(args) => read(commands::show::run(g, args, stop), stop).await,
        Command::List(args) => read(commands::list::run(g, args), stop).await,
        Command::Addresses(args) => read(commands::addresses::run(g, args), stop).await,
        Command::Clusters(args) => read(commands::clusters::run(g, args), stop).await,
        Command::SetShipping(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::SetCapacity(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::AddS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::RemoveS3Resource(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::SetNfsLimit(args) => commands::run_edit(g, &args.ids.jobs, args, stop).await,
        Command::Apply(args) => commands::apply::run(g, args, stop).await,
        Command::History(args) => read(commands::history::run(g, args, stop), stop).await,
        Command::Undo(args) => commands::undo::run(g, args, stop).await,
        Command::Edit(args) => commands::edit::run(g, args, stop).await,
        Command::Cancel(args) => commands::cancel::run(g, args, stop).await,
        Command::Submit(args) => commands::submit::run(g, args, stop).await,
        Command::Completions(args) => commands::completions::run(&docs::completion(args.shell)),
    }
}

impl Command {
    /// Whether the command edits, so that --plan can write down its plan.
    fn plans(&self) -> bool {
        matches!(
            self,
            Command::SetShipping(_)
                | Command::SetCapacity(_)
                | Command::AddS3Resource(_)
                | Command::RemoveS3Resource(_)
                | Command::SetNfsLimit(_)
                | Command::Apply(_)
                | Command::Undo(_)
                | Command::Edit(_)
                | Command::Cancel(_)
        )
    }
}

/// Reads change nothing: a signal ends them at once.
async fn read(
    work: impl std::future::Future<Output = Result<i32, Failure>>,
    stop: &Stop,
) -> Result<i32, Failure> {
    Ok(stop.until_stopped(work).await.transpose()?.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Help prose that names an exit code beside one of snowjob's codes
    /// ("exit 3, ChangedSinceEdit") says the number the code really has.
    #[test]
    fn exit_codes_named_in_help_are_the_codes_own() {
        let mut cmd = Cli::command();
        let mut checked = 0;
        for sub in cmd.get_subcommands_mut() {
            let help = sub.render_long_help().to_string();
            for (i, _) in help.match_indices("exit ") {
                let rest = &help[i + 5..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                let Some(name) = rest[digits.len()..].strip_prefix(", ") else {
                    continue;
                };
                let name: String = name.chars().take_while(char::is_ascii_alphabetic).collect();
                if let Some(code) = crate::failure::Code::ALL
                    .iter()
                    .find(|c| c.as_str() == name)
                {
                    assert_eq!(
                        digits,
                        code.kind().exit_code().to_string(),
                        "{}: exit {digits}, {name}",
                        sub.get_name()
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 3, "{checked}");
    }

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
        let help = crate::commands::set_capacity::capacity_help();
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
        let speeds = crate::args::ApiEnum(&["SECOND_DAY", "NEXT_DAY", "EXPRESS", "STANDARD"]);
        assert_eq!(speeds.resolve("next-day"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("NEXT_DAY"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("Next_Day"), Some("NEXT_DAY"));
        assert_eq!(speeds.resolve("warp"), None);
        let caps = crate::args::ApiEnum(&["T100", "NoPreference"]);
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
