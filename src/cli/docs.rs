//! Generated documentation: shell completions and man pages, from the CLI
//! definition itself. The committed copies under `completions/` and `man/` are
//! checked against these by a test.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Shells and the file each one's script is committed as.
pub const COMPLETION_FILES: &[(Shell, &str)] = &[
    (Shell::Bash, "snowjob.bash"),
    (Shell::Zsh, "_snowjob"),
    (Shell::Fish, "snowjob.fish"),
    (Shell::PowerShell, "_snowjob.ps1"),
    (Shell::Elvish, "snowjob.elv"),
];

pub fn completion(shell: Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "snowjob", &mut out);
    String::from_utf8(out).expect("completion scripts are UTF-8")
}

/// The environment snowjob reads; `{name}` placeholders are filled in from
/// the limits' own constants by [`fill`].
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "AWS_PROFILE",
        "Profile to use from the AWS config and credentials files (--profile wins).",
    ),
    (
        "AWS_REGION",
        "Region (--region wins); also AWS_DEFAULT_REGION and the profile's region.",
    ),
    (
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
        "Static credentials; they win over AWS_PROFILE (with a warning) but not over --profile. One holding a control character (a trailing newline) is exit {exit_config}.",
    ),
    (
        "AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SNOWBALL",
        "Endpoint for all services, or for Snowball only (--endpoint-url wins).",
    ),
    (
        "AWS_MAX_ATTEMPTS, AWS_RETRY_MODE",
        "Retries: standard, adaptive or legacy (5 attempts); --max-attempts wins for the count.",
    ),
    (
        "AWS_CA_BUNDLE",
        "PEM certificates to trust for HTTPS endpoints instead of the system's (a corporate proxy's); also ca_bundle in a profile. At most {ca_bundle_limit}.",
    ),
    (
        "AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE",
        "Where the AWS config and credentials files are; each is read up to {profile_file_limit}.",
    ),
    (
        "AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN",
        "Web identity credentials, as CI systems provide them.",
    ),
    (
        "AWS_EC2_METADATA_DISABLED",
        "Set to true to skip instance metadata when looking for credentials.",
    ),
    (
        "AWS_CLI_ERROR_FORMAT",
        "How messages are written to stderr, when --cli-error-format is not given: {error_formats} (else the profile's cli_error_format). An invalid value is exit {exit_config}.",
    ),
    ("NO_COLOR", "Any value turns colour off."),
    (
        "SNOWJOB_HISTORY",
        "The history file that edits are recorded in and undo reads (a regular file, never a link; mode 0600); off turns the history off; empty counts as unset.",
    ),
    (
        "SNOWJOB_THROTTLE_PATIENCE",
        "How long a batch goes on while the service refuses every request for throttling (a duration such as 90s or 5m, or seconds; default {patience}); then the jobs left fail with exit {exit_unreachable}. An invalid value is exit {exit_config}.",
    ),
    (
        "XDG_STATE_HOME",
        "Without SNOWJOB_HISTORY the history is XDG_STATE_HOME/snowjob/history.jsonl, else ~/.local/state/snowjob/history.jsonl.",
    ),
];

const EXAMPLES: &[(&str, &str)] = &[
    ("List jobs that can still be edited:", "snowjob list"),
    (
        "Show a job with its edit window left:",
        "snowjob show JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "Ship faster:",
        "snowjob set-shipping JID123e4567-e89b-12d3-a456-426655440000 --speed NEXT_DAY",
    ),
    (
        "Add a bucket, keeping every other resource:",
        "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
    ),
    (
        "Remove a bucket, keeping every other resource:",
        "snowjob remove-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
    ),
    (
        "Preview the exact UpdateJob request:",
        "snowjob --dry-run -o json set-capacity JID123e4567-e89b-12d3-a456-426655440000 --capacity T240",
    ),
    (
        "Count the jobs an edit would change (JMESPath, as in the AWS CLI):",
        "snowjob --dry-run -o json --query \"[?Outcome=='planned'] | length(@)\" set-capacity - --capacity T240",
    ),
    (
        "The IDs of the account's addresses in one city:",
        "snowjob addresses -o text --query \"[?City=='Seattle'].AddressId\"",
    ),
    (
        "Edit every pending job from a script:",
        "snowjob list -o text | cut -f1 | snowjob set-nfs-limit - --limit 40 --yes",
    ),
    (
        "Apply a patch file:",
        "snowjob apply JID123e4567-e89b-12d3-a456-426655440000 --file patch.yaml",
    ),
    (
        "What snowjob has changed on a job, oldest first:",
        "snowjob history JID123e4567-e89b-12d3-a456-426655440000",
    ),
    (
        "Put back what the last recorded edit of a job changed:",
        "snowjob undo JID123e4567-e89b-12d3-a456-426655440000",
    ),
];

/// The environment variables of [`ENVIRONMENT`] that `keep` keeps, in order.
pub fn environment_names(keep: impl Fn(&str) -> bool) -> Vec<&'static str> {
    ENVIRONMENT
        .iter()
        .flat_map(|(names, _)| names.split(", "))
        .filter(|n| keep(n))
        .collect()
}

/// A text of this module with its placeholders filled in from their sources.
fn fill(text: &str) -> String {
    let limits = [
        (
            "{exit_config}",
            crate::failure::Kind::Config.exit_code().to_string(),
        ),
        (
            "{exit_unreachable}",
            crate::failure::Kind::Unreachable.exit_code().to_string(),
        ),
        (
            "{patience}",
            humantime::format_duration(crate::aws::pace::DEFAULT_PATIENCE).to_string(),
        ),
        (
            "{ca_bundle_limit}",
            crate::text::size(crate::aws::files::CA_BUNDLE_LIMIT),
        ),
        (
            "{profile_file_limit}",
            crate::text::size(crate::aws::files::PROFILE_FILE_LIMIT),
        ),
        (
            "{error_formats}",
            crate::output::message::ErrorFormat::allowed(),
        ),
    ];
    limits.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(name, value)
    })
}

fn roff_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('-', "\\-")
}

fn extra_sections() -> String {
    let mut out = String::from(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in
        crate::failure::exit_code_meanings(crate::core::pipeline::GRACE_AFTER_SIGNAL)
    {
        out.push_str(&format!(".TP\n\\fB{code}\\fR\n{}\n", roff_escape(&meaning)));
    }
    out.push_str(".PP\nWith several jobs every job is attempted and reported; the exit status is that of the first failed job in input order.\n");
    out.push_str(&format!(
        ".SH OUTPUT\n{}\n",
        roff_escape(&crate::cli::TEXT_OUTPUT.replace('\n', " "))
    ));
    out.push_str(".SH ENVIRONMENT\n");
    for (name, meaning) in ENVIRONMENT {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff_escape(name),
            roff_escape(&fill(meaning))
        ));
    }
    out.push_str(".SH EXAMPLES\n");
    for (what, command) in EXAMPLES {
        out.push_str(&format!(
            ".PP\n{}\n.RS 4\n.nf\n{}\n.fi\n.RE\n",
            roff_escape(what),
            roff_escape(command)
        ));
    }
    out
}

/// `snowjob.1` and one page per subcommand (`snowjob-show.1`, ...).
pub fn man_pages() -> Vec<(String, String)> {
    let mut cmd = Cli::command();
    cmd.build();
    let render = |cmd: clap::Command, extra: bool| -> String {
        let man = clap_mangen::Man::new(cmd)
            .date("")
            .source(format!("snowjob {}", env!("CARGO_PKG_VERSION")));
        let mut out = Vec::new();
        man.render_title(&mut out).expect("writing to memory");
        man.render_name_section(&mut out)
            .expect("writing to memory");
        man.render_synopsis_section(&mut out)
            .expect("writing to memory");
        man.render_description_section(&mut out)
            .expect("writing to memory");
        man.render_options_section(&mut out)
            .expect("writing to memory");
        man.render_subcommands_section(&mut out)
            .expect("writing to memory");
        let mut page = String::from_utf8(out).expect("man pages are UTF-8");
        if extra {
            page.push_str(&extra_sections());
        }
        page
    };
    let mut pages = vec![("snowjob.1".to_string(), render(cmd.clone(), true))];
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("snowjob-{}", sub.get_name());
        pages.push((format!("{name}.1"), render(sub.clone().name(name), false)));
    }
    pages
}
