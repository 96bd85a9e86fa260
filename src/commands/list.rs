use clap::Args;

use crate::args::Global;
use crate::aws::client::Snow;
use crate::aws::convert;
use crate::failure::Failure;
use crate::output::render;

/// List jobs; without --all only those still editable (New).
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct ListArgs {
    /// Every job, not only those still editable (New).
    #[arg(long)]
    pub all: bool,
}

impl super::Declared for ListArgs {
    const WHAT: super::What = super::What::Read;
}

pub async fn run(global: &Global, args: &ListArgs) -> Result<i32, Failure> {
    let snow = Snow::connect(&global.settings()).await?;
    let all = snow.list_jobs().await?;
    let entries: Vec<_> = if args.all {
        all.iter().map(convert::json).collect()
    } else {
        super::pending_orders(&snow).await?
    };
    let printed = super::ui::print::print(global, "Jobs", &entries, || {
        render::list(&entries, global.output, &global.style(), render::now())
    });
    let others = all.len().saturating_sub(entries.len());
    if entries.is_empty() && others > 0 {
        global.note(&format!(
            "No job is still editable (New); {others} job{} in other states: see them with --all.",
            if others == 1 { " is" } else { "s are" }
        ));
    }
    Ok(super::ui::print::exit_code(0, printed))
}

/// Shown at the end of `list --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("The jobs that can still be edited", "snowjob list"),
    ("Every job, whatever its state", "snowjob list --all"),
    (
        "IDs of the pending V3_5S jobs",
        "snowjob list -o text --query \"[?SnowballType=='V3_5S'].JobId\"",
    ),
];
