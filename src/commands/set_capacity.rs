use aws_sdk_snowball::types::{JobMetadata, SnowballCapacity};
use clap::Args;

use crate::args::{ApiEnum, JobIds};
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::failure::Failure;

/// Change the device capacity.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct SetCapacityArgs {
    #[command(flatten)]
    pub ids: JobIds,
    #[arg(long, required = true, value_name = "CAP", help = capacity_help(), value_parser = ApiEnum(SnowballCapacity::values()))]
    pub capacity: String,
}

impl super::Declared for SetCapacityArgs {
    const WHAT: super::What = super::What::Edit;
}

impl Edit for SetCapacityArgs {
    fn patch(&self, _job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        Ok(Patch {
            snowball_capacity_preference: Some(SnowballCapacity::from(self.capacity.as_str())),
            ..Patch::default()
        })
    }

    fn members(&self) -> Option<Vec<String>> {
        Some(vec!["SnowballCapacityPreference".into()])
    }
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

/// Shown at the end of `set-capacity --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "The capacity a V3_5S device comes in",
        "snowjob set-capacity JID123e4567-e89b-12d3-a456-426655440000 --capacity T240",
    ),
    (
        "Let AWS choose, on jobs picked on a terminal",
        "snowjob set-capacity --capacity NoPreference",
    ),
];
