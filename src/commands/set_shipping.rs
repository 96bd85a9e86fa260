use aws_sdk_snowball::types::{JobMetadata, ShippingOption};
use clap::Args;

use crate::args::{ApiEnum, JobIds};
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::failure::Failure;

/// Change the shipping speed, the address or the forwarding address.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct SetShippingArgs {
    #[command(flatten)]
    pub ids: JobIds,
    /// Shipping speed.
    #[arg(long, group = "change", value_name = "SPEED", value_parser = ApiEnum(ShippingOption::values()))]
    pub speed: Option<String>,
    /// The address the device ships to (ADID + UUID); it must exist.
    #[arg(long, group = "change", value_name = "ADID", value_parser = crate::args::address_id)]
    pub address_id: Option<String>,
    /// The address the device is forwarded to after the first (ADID + UUID).
    #[arg(long, group = "change", value_name = "ADID", value_parser = crate::args::address_id)]
    pub forwarding_address_id: Option<String>,
}

impl super::Declared for SetShippingArgs {
    const WHAT: super::What = super::What::Edit;
}

impl Edit for SetShippingArgs {
    fn patch(&self, _job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        Ok(Patch {
            shipping_option: self.speed.as_deref().map(ShippingOption::from),
            address_id: self.address_id.clone(),
            forwarding_address_id: self.forwarding_address_id.clone(),
            ..Patch::default()
        })
    }
}

/// Shown at the end of `set-shipping --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
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
];
