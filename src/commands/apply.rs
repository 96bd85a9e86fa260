use std::path::{Path, PathBuf};

use aws_sdk_snowball::types::JobMetadata;
use clap::Args;

use crate::args::{Global, JobIds};
use crate::core::patch::Patch;
use crate::core::patch_file::{self, PatchFile};
use crate::core::pipeline::{Context, Edit};
use crate::core::stop::Stop;
use crate::failure::Failure;

/// Apply a YAML or JSON patch of UpdateJob members to jobs.
#[derive(Args, Debug)]
#[command(long_about = long_about(), after_help = super::examples(EXAMPLES))]
pub struct ApplyArgs {
    #[command(flatten)]
    pub ids: JobIds,
    /// The patch file, or - for stdin.
    #[arg(long, short = 'f', required = true, value_name = "PATH|-")]
    pub file: PathBuf,
}

impl super::Declared for ApplyArgs {
    const WHAT: super::What = super::What::Edit;
}

/// A patch file's edit (what `apply` sends).
#[derive(Debug)]
pub struct Apply(pub PatchFile);

impl Edit for Apply {
    fn patch(&self, job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        // The file's own values were checked; what merging adds is the job's.
        self.0.patch_for(job).map_err(Failure::invalid)
    }

    fn members(&self) -> Option<Vec<String>> {
        Some(self.0.member_names().map(String::from).collect())
    }
}

/// Patch files larger than this are refused unread.
pub const MAX_PATCH_BYTES: u64 = 1024 * 1024;

/// The patch in `bytes`, read from `path` (`-`: stdin) by [`super::read_input`].
fn parse(path: &Path, read: std::io::Result<Vec<u8>>) -> Result<PatchFile, Failure> {
    let source = super::named(path);
    let typical = "a patch of UpdateJob members is a few KiB";
    let text = super::text_of(read, MAX_PATCH_BYTES, "patch", &source, typical)?;
    patch_file::parse(&text).map_err(|e| Failure::invalid(format!("{source}: {e}")))
}

pub async fn run(global: &Global, args: &ApplyArgs, stop: &Stop) -> Result<i32, Failure> {
    if args.file.as_os_str() == "-" && args.ids.jobs.iter().any(|j| j == "-") {
        return Err(Failure::invalid(
            "stdin cannot hold both the job IDs and the patch: give one of them as a file",
        ));
    }
    let Some(read) = super::read_input(&args.file, MAX_PATCH_BYTES, stop).await else {
        return Ok(0);
    };
    let file = parse(&args.file, read)?;
    super::run_edit(global, &args.ids.jobs, &Apply(file), stop).await
}

/// `apply --help`'s description: the members a patch may set (from the
/// model) and the file's size limit (from [`MAX_PATCH_BYTES`]).
pub fn long_about() -> String {
    let members = snowball_model::facts::update_members().join(", ");
    let mut text = String::new();
    text.push_str("Apply a YAML or JSON patch of UpdateJob members to jobs.\n\n");
    text.push_str(&format!(
        "Top-level keys are UpdateJob members: {members}.\n\n"
    ));
    text.push_str(
        "Structures merge into the job's current value member by member: a \
         sub-member given replaces the job's, null removes it, the others are \
         kept. Lists replace the job's list whole (give every bucket you want to \
         keep). Scalars replace. ",
    );
    text.push_str(&format!(
        "The file (YAML or JSON, at most {}) is read whole and checked before any \
         request; errors name each key's path and line.",
        crate::text::size(MAX_PATCH_BYTES)
    ));
    text
}

/// Shown at the end of `apply --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
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
];
