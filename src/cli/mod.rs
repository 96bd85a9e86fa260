//! The command line. Doc comments here are the help text.

pub mod complete;
pub mod docs;

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

pub use crate::args::{Format, Global};
use crate::commands::{self, Declared, What};
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

/// The subcommands, each named once: the enum clap parses, and what each
/// one is ([`What`], declared beside its arguments in `commands::NAME` with
/// its help and examples), so that no list of commands is kept by hand.
macro_rules! subcommands {
    ($($variant:ident($args:ty),)*) => {
        #[derive(Subcommand, Debug)]
        pub enum Command {
            $($variant($args),)*
        }

        impl Command {
            /// What the command is, as its module declares it.
            pub fn what(&self) -> What {
                match self {
                    $(Command::$variant(_) => <$args as Declared>::WHAT,)*
                }
            }

            /// Each subcommand's name (as clap spells it) and what it is.
            pub fn all() -> Vec<(String, What)> {
                vec![$((kebab(stringify!($variant)), <$args as Declared>::WHAT),)*]
            }
        }
    };
}

subcommands! {
    Show(commands::show::ShowArgs),
    List(commands::list::ListArgs),
    Clusters(commands::clusters::ClustersArgs),
    Addresses(commands::addresses::AddressesArgs),
    SetShipping(commands::set_shipping::SetShippingArgs),
    SetCapacity(commands::set_capacity::SetCapacityArgs),
    AddS3Resource(commands::add_s3_resource::AddS3ResourceArgs),
    RemoveS3Resource(commands::remove_s3_resource::RemoveS3ResourceArgs),
    SetNfsLimit(commands::set_nfs_limit::SetNfsLimitArgs),
    Apply(commands::apply::ApplyArgs),
    History(commands::history::HistoryArgs),
    Undo(commands::undo::UndoArgs),
    Edit(commands::edit::EditArgs),
    Cancel(commands::cancel::CancelArgs),
    Submit(commands::submit::SubmitArgs),
    Conform(commands::conform::ConformArgs),
    Completions(commands::completions::CompletionsArgs),
}

/// `SetNfsLimit` as clap names the subcommand: `set-nfs-limit`.
fn kebab(variant: &str) -> String {
    variant
        .char_indices()
        .fold(String::new(), |mut name, (i, c)| {
            if c.is_ascii_uppercase() && i > 0 {
                name.push('-');
            }
            name.push(c.to_ascii_lowercase());
            name
        })
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
    let what = cli.command.what();
    if g.plan.is_some() && what != What::Edit {
        let editing: Vec<String> = Command::all()
            .into_iter()
            .filter(|(_, w)| *w == What::Edit)
            .map(|(name, _)| name)
            .collect();
        return Err(Failure::invalid(format!(
            "--plan goes with a command that edits ({}); nothing was sent",
            editing.join(", ")
        )));
    }
    // A plan that cannot be written is refused before the job IDs are read
    // or an editor opens (the file is made again when the plan is).
    if let Some(path) = &g.plan {
        drop(commands::submit::PlanFile::create(path)?);
    }
    let work: Work = match &cli.command {
        Command::Show(args) => Box::pin(commands::show::run(g, args, stop)),
        Command::List(args) => Box::pin(commands::list::run(g, args)),
        Command::Addresses(args) => Box::pin(commands::addresses::run(g, args)),
        Command::Clusters(args) => Box::pin(commands::clusters::run(g, args)),
        Command::SetShipping(args) => edit(g, &args.ids, args, stop),
        Command::SetCapacity(args) => edit(g, &args.ids, args, stop),
        Command::AddS3Resource(args) => edit(g, &args.ids, args, stop),
        Command::RemoveS3Resource(args) => edit(g, &args.ids, args, stop),
        Command::SetNfsLimit(args) => edit(g, &args.ids, args, stop),
        Command::Apply(args) => Box::pin(commands::apply::run(g, args, stop)),
        Command::History(args) => Box::pin(commands::history::run(g, args, stop)),
        Command::Undo(args) => Box::pin(commands::undo::run(g, args, stop)),
        Command::Edit(args) => Box::pin(commands::edit::run(g, args, stop)),
        Command::Cancel(args) => Box::pin(commands::cancel::run(g, args, stop)),
        Command::Submit(args) => Box::pin(commands::submit::run(g, args, stop)),
        Command::Conform(args) => Box::pin(commands::conform::run(g, args, stop)),
        Command::Completions(args) => {
            let script = docs::completion(args.shell);
            Box::pin(async move { commands::completions::run(&script) })
        }
    };
    match what {
        What::Read => read(work, stop).await,
        _ => work.await,
    }
}

/// A command's work, boxed: every command's future inline is deeper than the
/// compiler's layout limit allows in some feature sets.
type Work<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<i32, Failure>> + 'a>>;

/// An edit command whose arguments are the edit.
fn edit<'a>(
    g: &'a crate::args::Global,
    ids: &'a crate::args::JobIds,
    edit: &'a dyn crate::core::pipeline::Edit,
    stop: &'a Stop,
) -> Work<'a> {
    Box::pin(commands::run_edit(g, &ids.jobs, edit, stop))
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
    fn every_subcommand_declares_what_it_is_under_its_own_name() {
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        let declared: Vec<String> = Command::all().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, declared);
        let editing: Vec<String> = Command::all()
            .into_iter()
            .filter(|(_, w)| *w == What::Edit)
            .map(|(n, _)| n)
            .collect();
        for name in ["set-nfs-limit", "add-s3-resource", "conform", "cancel"] {
            assert!(editing.contains(&name.to_string()), "{name}");
        }
        for name in ["submit", "show", "history", "completions"] {
            assert!(!editing.contains(&name.to_string()), "{name}");
        }
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
