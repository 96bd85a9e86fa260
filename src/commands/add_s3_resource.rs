use aws_sdk_snowball::types::{
    DeviceServiceName, JobMetadata, JobResource, KeyRange, S3Resource, TargetOnDeviceService,
    TransferOption,
};
use clap::{Args, ValueEnum};

use crate::args::{ApiEnum, Bucket, JobIds};
use crate::core::checks;
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::failure::Failure;

/// Add an S3 bucket, or change one the job has, keeping every other resource.
///
/// Every other bucket, Lambda function and AMI is carried along. A new bucket
/// gets the settings given, and by default --service s3 and the job type's
/// transfer option. For a bucket already on the job only the settings given
/// replace its own: --begin-marker and --end-marker each on its own,
/// --service and --transfer-option its target services (a transfer option
/// not given stays the entry's). No defaults apply to it, and settings equal
/// to its current ones leave the job unchanged. A --service given twice is
/// sent once. A bucket the job holds in more than one entry is not changed
/// (exit 2, nothing sent): edit or apply can change such entries.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
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
    /// On-device service the data goes through; repeat for both (new bucket: s3).
    #[arg(
        long = "service",
        value_enum,
        ignore_case = true,
        value_name = "SERVICE"
    )]
    pub services: Vec<Service>,
    /// Transfer direction (new bucket: the job's type).
    #[arg(long, value_name = "OPTION", value_parser = ApiEnum(TransferOption::values()))]
    pub transfer_option: Option<String>,
}

impl super::Declared for AddS3ResourceArgs {
    const WHAT: super::What = super::What::Edit;
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

/// A new bucket's service when none is given.
const DEFAULT_SERVICE: Service = Service::S3;

fn target(service: DeviceServiceName, transfer: Option<TransferOption>) -> TargetOnDeviceService {
    TargetOnDeviceService::builder()
        .service_name(service)
        .set_transfer_option(transfer)
        .build()
}

impl AddS3ResourceArgs {
    /// The services given, each once, in the order first given.
    fn services(&self) -> Vec<DeviceServiceName> {
        let mut services = Vec::new();
        for service in self.services.iter().map(|s| s.api_name()) {
            if !services.contains(&service) {
                services.push(service);
            }
        }
        services
    }

    /// Whether any setting of the bucket is given (else the command only asks
    /// that the job have the bucket).
    fn has_settings(&self) -> bool {
        self.begin_marker.is_some()
            || self.end_marker.is_some()
            || !self.services.is_empty()
            || self.transfer_option.is_some()
    }

    fn transfer_option(&self) -> Option<TransferOption> {
        self.transfer_option.as_deref().map(TransferOption::from)
    }

    /// The key range with the given markers replacing `current`'s.
    fn key_range(&self, current: Option<&KeyRange>) -> Option<KeyRange> {
        if self.begin_marker.is_none() && self.end_marker.is_none() {
            return current.cloned();
        }
        let kept = |given: &Option<String>, own: fn(&KeyRange) -> Option<&str>| {
            given
                .clone()
                .or_else(|| current.and_then(own).map(str::to_string))
        };
        Some(
            KeyRange::builder()
                .set_begin_marker(kept(&self.begin_marker, KeyRange::begin_marker))
                .set_end_marker(kept(&self.end_marker, KeyRange::end_marker))
                .build(),
        )
    }

    /// A bucket new to the job: the settings given, defaults for the rest.
    fn new_entry(&self, bucket_arn: String, job: &JobMetadata) -> S3Resource {
        let transfer = self
            .transfer_option()
            .or_else(|| job.job_type().and_then(checks::transfer_option_for));
        let mut services = self.services();
        if services.is_empty() {
            services.push(DEFAULT_SERVICE.api_name());
        }
        S3Resource::builder()
            .bucket_arn(bucket_arn)
            .set_key_range(self.key_range(None))
            .set_target_on_device_services(Some(
                services
                    .into_iter()
                    .map(|s| target(s, transfer.clone()))
                    .collect(),
            ))
            .build()
    }

    /// A bucket already on the job: the settings given replace the entry's own.
    fn updated_entry(&self, entry: &S3Resource, job: &JobMetadata) -> Result<S3Resource, Failure> {
        let mut updated = entry.clone();
        updated.key_range = self.key_range(entry.key_range());
        if self.services.is_empty() && self.transfer_option.is_none() {
            return Ok(updated);
        }
        let current = entry.target_on_device_services();
        let mut services = self.services();
        if services.is_empty() {
            services = current
                .iter()
                .filter_map(|t| t.service_name().cloned())
                .collect();
        }
        if services.is_empty() {
            return Err(Failure::invalid(format!(
                "job {}: {} has no target service to apply --transfer-option to; give --service too",
                job.job_id().unwrap_or("the job"),
                entry.bucket_arn().unwrap_or("the bucket")
            )));
        }
        // A transfer option not given: the service's own, else the entry's.
        let own = |service: &DeviceServiceName| {
            current
                .iter()
                .find(|t| t.service_name() == Some(service))
                .or(current.first())
                .and_then(|t| t.transfer_option().cloned())
        };
        updated.target_on_device_services = Some(
            services
                .into_iter()
                .map(|s| {
                    let transfer = self.transfer_option().or_else(|| own(&s));
                    target(s, transfer)
                })
                .collect(),
        );
        Ok(updated)
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
        let entry = match checks::bucket_entry(job, &arn, "change") {
            Ok(entry) => entry,
            // No setting to change: the job has the bucket, as asked.
            Err(_) if !self.has_settings() => return Ok(Patch::default()),
            Err(e) => return Err(e),
        };
        let mut resources = job
            .resources()
            .cloned()
            .unwrap_or_else(|| JobResource::builder().build());
        let buckets = resources.s3_resources.get_or_insert_with(Vec::new);
        match entry {
            Some(i) => buckets[i] = self.updated_entry(&buckets[i], job)?,
            None => buckets.push(self.new_entry(arn, job)),
        }
        Ok(Patch {
            resources: Some(resources),
            ..Patch::default()
        })
    }
}

/// Shown at the end of `add-s3-resource --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Add a bucket by name",
        "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
    ),
    (
        "Export a key range through S3 and NFS",
        "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket arn:aws:s3:::videos --begin-marker 2025/01/ --end-marker 2025/12/ --service s3 --service nfs",
    ),
    (
        "Change one setting of a bucket on the job",
        "snowjob add-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket videos --end-marker 2025/06/",
    ),
];

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
            services: vec![],
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
            .patch(
                &job(),
                &Context {
                    partition: "aws",
                    command: String::new(),
                },
            )
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
            .patch(
                &job(),
                &Context {
                    partition: "aws",
                    command: String::new(),
                },
            )
            .unwrap();
        assert!(patch.minimized(&job()).is_empty());
    }

    #[test]
    fn a_present_bucket_takes_only_the_settings_given() {
        let ctx = Context {
            partition: "aws",
            command: String::new(),
        };
        let mut add = args("old");
        add.transfer_option = Some("IMPORT".into());
        let err = add.patch(&job(), &ctx).unwrap_err();
        assert!(err.message.contains("give --service"), "{}", err.message);

        add.services = vec![Service::Nfs];
        let resources = add.patch(&job(), &ctx).unwrap().resources.unwrap();
        let old = &resources.s3_resources()[0];
        assert_eq!(old.key_range(), None);
        let target = &old.target_on_device_services()[0];
        assert_eq!(
            target.service_name(),
            Some(&DeviceServiceName::NfsOnDeviceService)
        );
        assert_eq!(target.transfer_option(), Some(&TransferOption::Import));
    }

    #[test]
    fn services_are_taken_once_in_the_order_first_given() {
        let mut add = args("new");
        add.services = vec![Service::Nfs, Service::S3, Service::Nfs, Service::S3];
        assert_eq!(
            add.services(),
            [
                DeviceServiceName::NfsOnDeviceService,
                DeviceServiceName::S3OnDeviceService
            ]
        );
    }

    #[test]
    fn a_bucket_held_twice_is_not_changed() {
        let ctx = Context {
            partition: "aws",
            command: String::new(),
        };
        let mut twice = job();
        let mut resources = twice.resources.take().unwrap();
        resources
            .s3_resources
            .as_mut()
            .unwrap()
            .push(S3Resource::builder().bucket_arn("arn:aws:s3:::old").build());
        twice.resources = Some(resources);

        let mut add = args("old");
        add.services = vec![Service::Nfs];
        let err = add.patch(&twice, &ctx).unwrap_err();
        assert_eq!((err.code.as_str(), err.exit_code()), ("AmbiguousBucket", 2));
        // Nothing to change on it: the job has the bucket.
        assert!(args("old").patch(&twice, &ctx).unwrap().is_empty());
        // Another bucket is added, the two entries kept as they are.
        let r = args("new").patch(&twice, &ctx).unwrap().resources.unwrap();
        assert_eq!(r.s3_resources().len(), 3);
    }

    #[test]
    fn markers_replace_one_at_a_time() {
        let mut add = args("old");
        add.end_marker = Some("m".into());
        let current = KeyRange::builder()
            .begin_marker("a")
            .end_marker("z")
            .build();
        let merged = add.key_range(Some(&current)).unwrap();
        assert_eq!(
            (merged.begin_marker(), merged.end_marker()),
            (Some("a"), Some("m"))
        );
        assert_eq!(args("old").key_range(Some(&current)), Some(current));
        assert_eq!(args("old").key_range(None), None);
    }
}
