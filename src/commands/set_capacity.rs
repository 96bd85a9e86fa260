use aws_sdk_snowball::types::{JobMetadata, SnowballCapacity};
use clap::Args;

use crate::cli::{ApiEnum, JobIds};
use crate::core::pipeline::{Context, Edit};
use crate::core::patch::Patch;
use crate::failure::Failure;

/// Change the device capacity; it must be one the job's device type comes in.
#[derive(Args, Debug)]
pub struct SetCapacityArgs {
    #[command(flatten)]
    pub ids: JobIds,
    #[arg(long, required = true, value_name = "CAP", help = crate::cli::capacity_help(), value_parser = ApiEnum(SnowballCapacity::values()))]
    pub capacity: String,
}

impl Edit for SetCapacityArgs {
    fn patch(&self, _job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        Ok(Patch {
            snowball_capacity_preference: Some(SnowballCapacity::from(self.capacity.as_str())),
            ..Patch::default()
        })
    }
}
