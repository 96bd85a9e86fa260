//! `clusters [--all]`: the account's clusters, every page of ListClusters.

use aws_sdk_snowball::types::ClusterState;
use clap::Args;

use crate::args::Global;
use crate::aws::client::Snow;
use crate::aws::convert;
use crate::failure::Failure;
use crate::output::render;

/// List clusters; without --all only those still editable (AwaitingQuorum).
///
/// A cluster (CID…) is edited like a job, with UpdateCluster while it is
/// AwaitingQuorum: give its ID to set-shipping, add-s3-resource, apply,
/// edit and the rest. Its node jobs are edited through it. Follows every
/// page of ListClusters.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct ClustersArgs {
    /// Every cluster, not only those still editable (AwaitingQuorum).
    #[arg(long)]
    pub all: bool,
}

impl super::Declared for ClustersArgs {
    const WHAT: super::What = super::What::Read;
}

pub async fn run(global: &Global, args: &ClustersArgs) -> Result<i32, Failure> {
    let snow = Snow::connect(&global.settings()).await?;
    let all = snow.list_clusters().await?;
    let entries: Vec<_> = all
        .iter()
        .filter(|c| args.all || c.cluster_state() == Some(&ClusterState::AwaitingQuorum))
        .map(convert::json)
        .collect();
    let printed = super::ui::print::print(global, "Clusters", &entries, || {
        render::clusters(&entries, global.output, &global.style(), render::now())
    });
    let others = all.len() - entries.len();
    if entries.is_empty() && others > 0 {
        global.note(&format!(
            "No cluster is still editable (AwaitingQuorum); {others} in other states: see them with --all."
        ));
    }
    Ok(super::ui::print::exit_code(0, printed))
}

/// Shown at the end of `clusters --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("The clusters that can still be edited", "snowjob clusters"),
    (
        "Every cluster, whatever its state",
        "snowjob clusters --all",
    ),
    (
        "Send every pending cluster next-day",
        "snowjob clusters -o text | cut -f1 | snowjob set-shipping - --speed NEXT_DAY",
    ),
];
