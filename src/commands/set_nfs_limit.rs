use aws_sdk_snowball::types::{
    JobMetadata, NfsOnDeviceServiceConfiguration, OnDeviceServiceConfiguration, StorageUnit,
};
use clap::Args;

use crate::args::JobIds;
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::failure::Failure;

/// Set the NFS on-device storage limit, keeping the other on-device services.
///
/// Tape Gateway, EKS Anywhere and S3 on-device settings are carried along
/// unchanged. The limit is whole terabytes, above 0 and not above the
/// device's capacity.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct SetNfsLimitArgs {
    #[command(flatten)]
    pub ids: JobIds,
    /// NFS storage limit in whole terabytes, above 0 and not above the device's capacity.
    #[arg(long, required = true, value_name = "TB", value_parser = whole_terabytes, allow_negative_numbers = true)]
    pub limit: i32,
}

impl super::Declared for SetNfsLimitArgs {
    const WHAT: super::What = super::What::Edit;
}

fn whole_terabytes(text: &str) -> Result<i32, String> {
    match text.parse::<i32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!(
            "'{text}' is not a whole number of terabytes above 0"
        )),
    }
}

impl Edit for SetNfsLimitArgs {
    fn patch(&self, job: &JobMetadata, _ctx: &Context) -> Result<Patch, Failure> {
        let current = job.on_device_service_configuration().cloned();
        let nfs = NfsOnDeviceServiceConfiguration::builder()
            .storage_limit(self.limit)
            .storage_unit(StorageUnit::Tb)
            .build();
        let config = match current {
            Some(mut c) => {
                c.nfs_on_device_service = Some(nfs);
                c
            }
            None => OnDeviceServiceConfiguration::builder()
                .nfs_on_device_service(nfs)
                .build(),
        };
        Ok(Patch {
            on_device_service_configuration: Some(config),
            ..Patch::default()
        })
    }
}

/// Shown at the end of `set-nfs-limit --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "20 TB for NFS, other services kept",
        "snowjob set-nfs-limit JID123e4567-e89b-12d3-a456-426655440000 --limit 20",
    ),
    (
        "The same on jobs picked on a terminal",
        "snowjob set-nfs-limit --limit 20",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::types::{
        EksOnDeviceServiceConfiguration, TgwOnDeviceServiceConfiguration,
    };

    #[test]
    fn other_services_survive() {
        let job = JobMetadata::builder()
            .on_device_service_configuration(
                OnDeviceServiceConfiguration::builder()
                    .nfs_on_device_service(
                        NfsOnDeviceServiceConfiguration::builder()
                            .storage_limit(8)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .tgw_on_device_service(
                        TgwOnDeviceServiceConfiguration::builder()
                            .storage_limit(80)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .eks_on_device_service(
                        EksOnDeviceServiceConfiguration::builder()
                            .kubernetes_version("1.29")
                            .build(),
                    )
                    .build(),
            )
            .build();
        let args = SetNfsLimitArgs {
            ids: crate::args::JobIds { jobs: vec![] },
            limit: 4,
        };
        let patch = args
            .patch(
                &job,
                &Context {
                    partition: "aws",
                    command: String::new(),
                },
            )
            .unwrap();
        let config = patch.on_device_service_configuration.unwrap();
        assert_eq!(config.nfs_on_device_service().unwrap().storage_limit(), 4);
        assert_eq!(
            config.tgw_on_device_service(),
            job.on_device_service_configuration()
                .unwrap()
                .tgw_on_device_service()
        );
        assert_eq!(
            config.eks_on_device_service(),
            job.on_device_service_configuration()
                .unwrap()
                .eks_on_device_service()
        );
    }

    #[test]
    fn limits_are_whole_positive_terabytes() {
        assert_eq!(whole_terabytes("4"), Ok(4));
        for bad in ["0", "-1", "1.5", "four", "99999999999"] {
            assert!(whole_terabytes(bad).is_err(), "{bad}");
        }
    }
}
