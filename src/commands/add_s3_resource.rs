use aws_sdk_snowball::types::{
    DeviceServiceName, JobMetadata, JobResource, KeyRange, S3Resource, TargetOnDeviceService,
    TransferOption,
};
use clap::{Args, ValueEnum};

use crate::checks;
use crate::cli::{ApiEnum, Bucket, JobIds};
use crate::edit::{Context, Edit};
use crate::failure::Failure;
use crate::patch::Patch;

/// Add an S3 bucket to the job. Every existing bucket, Lambda function and AMI
/// is carried along; a bucket already on the job leaves it unchanged.
#[derive(Args, Debug)]
pub struct AddS3ResourceArgs {
    #[command(flatten)]
    pub ids: JobIds,
    #[command(flatten)]
    pub bucket: Bucket,
    /// First key of the range to export (inclusive; export jobs only).
    #[arg(long, value_name = "KEY")]
    pub begin_marker: Option<String>,
    /// Last key of the range to export (inclusive; export jobs only).
    #[arg(long, value_name = "KEY")]
    pub end_marker: Option<String>,
    /// On-device service the data goes through; repeat for both.
    #[arg(long = "service", value_enum, value_name = "SERVICE", default_values_t = [Service::S3])]
    pub services: Vec<Service>,
    /// Transfer direction (default: the job's type).
    #[arg(long, value_name = "OPTION", value_parser = ApiEnum(TransferOption::values()))]
    pub transfer_option: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    S3,
    Nfs,
}

impl Service {
    fn api_name(self) -> DeviceServiceName {
        match self {
            Service::S3 => DeviceServiceName::S3OnDeviceService,
            Service::Nfs => DeviceServiceName::NfsOnDeviceService,
        }
    }
}

impl AddS3ResourceArgs {
    fn resource(&self, bucket_arn: String, job: &JobMetadata) -> S3Resource {
        let key_range = (self.begin_marker.is_some() || self.end_marker.is_some()).then(|| {
            KeyRange::builder()
                .set_begin_marker(self.begin_marker.clone())
                .set_end_marker(self.end_marker.clone())
                .build()
        });
        let transfer = match &self.transfer_option {
            Some(t) => Some(TransferOption::from(t.as_str())),
            None => job.job_type().and_then(checks::transfer_option_for),
        };
        let mut services = self.services.clone();
        services.dedup();
        S3Resource::builder()
            .bucket_arn(bucket_arn)
            .set_key_range(key_range)
            .set_target_on_device_services(Some(
                services
                    .iter()
                    .map(|s| {
                        TargetOnDeviceService::builder()
                            .service_name(s.api_name())
                            .set_transfer_option(transfer.clone())
                            .build()
                    })
                    .collect(),
            ))
            .build()
    }
}

impl Edit for AddS3ResourceArgs {
    fn check(&self, ctx: &Context) -> Result<(), Failure> {
        self.bucket.arn(ctx.partition)?;
        checks::key_range_order(self.begin_marker.as_deref(), self.end_marker.as_deref())
            .map_err(Failure::invalid)
    }

    fn patch(&self, job: &JobMetadata, ctx: &Context) -> Result<Patch, Failure> {
        let arn = self.bucket.arn(ctx.partition)?;
        let mut resources = job
            .resources()
            .cloned()
            .unwrap_or_else(|| JobResource::builder().build());
        let present = resources
            .s3_resources()
            .iter()
            .any(|r| r.bucket_arn() == Some(arn.as_str()));
        if !present {
            let added = self.resource(arn, job);
            resources
                .s3_resources
                .get_or_insert_with(Vec::new)
                .push(added);
        }
        Ok(Patch {
            resources: Some(resources),
            ..Patch::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::types::{Ec2AmiResource, JobType, LambdaResource};

    fn args(bucket: &str) -> AddS3ResourceArgs {
        AddS3ResourceArgs {
            ids: JobIds { jobs: vec![] },
            bucket: Bucket {
                bucket: bucket.into(),
            },
            begin_marker: None,
            end_marker: None,
            services: vec![Service::S3],
            transfer_option: None,
        }
    }

    fn job() -> JobMetadata {
        JobMetadata::builder()
            .job_type(JobType::Import)
            .resources(
                JobResource::builder()
                    .s3_resources(S3Resource::builder().bucket_arn("arn:aws:s3:::old").build())
                    .lambda_resources(
                        LambdaResource::builder()
                            .lambda_arn("arn:aws:lambda:us-east-1:123456789012:function:f")
                            .build(),
                    )
                    .ec2_ami_resources(
                        Ec2AmiResource::builder()
                            .ami_id("ami-12345678")
                            .build()
                            .unwrap(),
                    )
                    .build(),
            )
            .build()
    }

    #[test]
    fn new_bucket_is_appended_and_everything_else_kept() {
        let patch = args("new")
            .patch(&job(), &Context { partition: "aws" })
            .unwrap();
        let r = patch.resources.unwrap();
        let arns: Vec<_> = r
            .s3_resources()
            .iter()
            .map(|s| s.bucket_arn().unwrap())
            .collect();
        assert_eq!(arns, ["arn:aws:s3:::old", "arn:aws:s3:::new"]);
        assert_eq!(
            r.lambda_resources(),
            job().resources().unwrap().lambda_resources()
        );
        assert_eq!(
            r.ec2_ami_resources(),
            job().resources().unwrap().ec2_ami_resources()
        );
        let target = &r.s3_resources()[1].target_on_device_services()[0];
        assert_eq!(
            target.service_name(),
            Some(&DeviceServiceName::S3OnDeviceService)
        );
        assert_eq!(target.transfer_option(), Some(&TransferOption::Import));
    }

    #[test]
    fn a_bucket_already_present_changes_nothing() {
        let patch = args("arn:aws:s3:::old")
            .patch(&job(), &Context { partition: "aws" })
            .unwrap();
        assert!(patch.minimized(&job()).is_empty());
    }
}
