use clap::Args;
use futures::StreamExt;

use crate::args::{Global, JobIds};
use crate::aws::client::Snow;
use crate::aws::convert;
use crate::aws::order::OrderKind;
use crate::core::stop::Stop;
use crate::failure::{Failure, Warning, first_exit_code};
use crate::output::render;

/// Show jobs: state and edit window left, shipping, capacity, resources, services.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct ShowArgs {
    #[command(flatten)]
    pub ids: JobIds,
}

impl super::Declared for ShowArgs {
    const WHAT: super::What = super::What::Read;
}

pub async fn run(global: &Global, args: &ShowArgs, stop: &Stop) -> Result<i32, Failure> {
    let ids = super::job_ids(global, &args.ids.jobs, super::ui::pick::Pick::Several, stop).await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let snow = Snow::connect(&global.settings()).await?;
    let described: Vec<Result<serde_json::Value, Failure>> = futures::stream::iter(&ids)
        .map(|id| {
            let snow = &snow;
            async move {
                match OrderKind::of(id) {
                    OrderKind::Job => snow.describe_job(id).await.map(|job| convert::json(&job)),
                    OrderKind::Cluster => snow
                        .describe_cluster(id)
                        .await
                        .map(|cluster| convert::json(&cluster)),
                }
            }
        })
        .buffered(global.concurrency.into())
        .collect()
        .await;
    // A person's table lists a cluster's node jobs and names each address
    // (DescribeAddress once per address); the documents stay as the service
    // returns them.
    let mut looked = render::Looked::default();
    if global.output == crate::output::Format::Table && global.query.is_none() {
        for (id, _) in ids
            .iter()
            .zip(&described)
            .filter(|(id, r)| r.is_ok() && OrderKind::of(id) == OrderKind::Cluster)
        {
            let listed = snow.list_cluster_jobs(id).await?;
            looked
                .nodes
                .insert(id.clone(), listed.iter().map(convert::json).collect());
        }
        let mut addresses: Vec<&str> = described
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .flat_map(|j| ["AddressId", "ForwardingAddressId"].map(|k| j[k].as_str()))
            .flatten()
            .collect();
        addresses.sort_unstable();
        addresses.dedup();
        for id in addresses {
            match snow.describe_address(id).await {
                Ok(a) => {
                    let a = convert::json(&a);
                    let named: Vec<&str> = ["Name", "City", "Country"]
                        .iter()
                        .filter_map(|k| a[*k].as_str())
                        .collect();
                    looked.addresses.insert(id.to_string(), named.join(", "));
                }
                Err(e) => global.warn(
                    Warning::AddressNotNamed,
                    &format!(
                        "address {id} could not be named ({}); shown by its ID",
                        crate::text::message(e.message.trim_end_matches('.'))
                    ),
                ),
            }
        }
    }
    let jobs: Vec<_> = described
        .iter()
        .filter_map(|r| r.as_ref().ok())
        .cloned()
        .collect();
    let printed = super::ui::print::print(global, "Jobs", &jobs, || {
        render::jobs(
            &jobs,
            &looked,
            global.output,
            &global.style(),
            render::now(),
        )
    });
    let errors = ids
        .iter()
        .zip(&described)
        .filter_map(|(id, r)| Some((id.as_str(), r.as_ref().err()?)));
    super::ui::say::order_errors(global, errors, true);
    Ok(super::ui::print::exit_code(
        first_exit_code(described.iter().map(|r| r.as_ref().err())),
        printed,
    ))
}

/// Shown at the end of `show --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
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
];
