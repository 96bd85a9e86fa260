use aws_sdk_snowball::types::JobMetadata;
use clap::Args;

use crate::args::{Bucket, JobIds};
use crate::core::checks;
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::failure::Failure;

/// Remove an S3 bucket, keeping every other resource.
///
/// Every other bucket (with its key range and services), Lambda function and
/// AMI is carried along; a bucket not on the job leaves it unchanged. The last
/// bucket of an IMPORT or EXPORT job cannot be removed: such a job needs one.
/// A bucket the job holds in more than one entry is not removed (exit 2,
/// nothing sent): edit or apply can change such entries.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct RemoveS3ResourceArgs {
    #[command(flatten)]
    pub ids: JobIds,
    #[command(flatten)]
    pub bucket: Bucket,
}

impl super::Declared for RemoveS3ResourceArgs {
    const WHAT: super::What = super::What::Edit;
}

impl Edit for RemoveS3ResourceArgs {
    fn check(&self, ctx: &Context) -> Result<(), Failure> {
        self.bucket.arn(ctx.partition).map(drop)
    }

    fn patch(&self, job: &JobMetadata, ctx: &Context) -> Result<Patch, Failure> {
        let arn = self.bucket.arn(ctx.partition)?;
        let Some(entry) = checks::bucket_entry(job, &arn, "remove")? else {
            return Ok(Patch::default());
        };
        let Some(mut resources) = job.resources().cloned() else {
            return Ok(Patch::default());
        };
        let buckets = resources.s3_resources.get_or_insert_with(Vec::new);
        buckets.remove(entry);
        if buckets.is_empty() {
            if let Some(job_type) = job
                .job_type()
                .filter(|t| snowball_model::facts::NEEDS_A_BUCKET.contains(&t.as_str()))
            {
                return Err(Failure::invalid(format!(
                    "job {}: {arn} is the only bucket of this {} job, which needs at least one; nothing was sent",
                    job.job_id().unwrap_or("the job"),
                    job_type.as_str()
                )));
            }
            // Leave the list out rather than send an empty one.
            resources.s3_resources = None;
        }
        Ok(Patch {
            resources: Some(resources),
            ..Patch::default()
        })
    }
}

/// Shown at the end of `remove-s3-resource --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Remove a bucket, keeping the others",
        "snowjob remove-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket",
    ),
    (
        "See the request first",
        "snowjob remove-s3-resource JID123e4567-e89b-12d3-a456-426655440000 --bucket my-bucket --dry-run",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::types::{JobResource, JobType, LambdaResource, S3Resource};

    fn args(bucket: &str) -> RemoveS3ResourceArgs {
        RemoveS3ResourceArgs {
            ids: JobIds { jobs: vec![] },
            bucket: Bucket {
                bucket: bucket.into(),
            },
        }
    }

    fn job(job_type: JobType, buckets: &[&str]) -> JobMetadata {
        let mut resources = JobResource::builder().lambda_resources(
            LambdaResource::builder()
                .lambda_arn("arn:aws:lambda:us-east-1:123456789012:function:f")
                .build(),
        );
        for b in buckets {
            resources = resources.s3_resources(S3Resource::builder().bucket_arn(*b).build());
        }
        JobMetadata::builder()
            .job_id("JID123e4567-e89b-12d3-a456-426655440000")
            .job_type(job_type)
            .resources(resources.build())
            .build()
    }

    const CTX: Context = Context {
        partition: "aws",
        command: String::new(),
    };

    #[test]
    fn removes_only_that_bucket() {
        let job = job(
            JobType::Import,
            &["arn:aws:s3:::example-a", "arn:aws:s3:::example-b"],
        );
        let r = args("example-a")
            .patch(&job, &CTX)
            .unwrap()
            .resources
            .unwrap();
        assert_eq!(r.s3_resources().len(), 1);
        assert_eq!(
            r.s3_resources()[0].bucket_arn(),
            Some("arn:aws:s3:::example-b")
        );
        assert_eq!(
            r.lambda_resources(),
            job.resources().unwrap().lambda_resources()
        );
    }

    #[test]
    fn a_bucket_not_on_the_job_changes_nothing() {
        let job = job(JobType::Import, &["arn:aws:s3:::example-a"]);
        assert!(
            args("example-b")
                .patch(&job, &CTX)
                .unwrap()
                .minimized(&job)
                .is_empty()
        );
    }

    #[test]
    fn a_bucket_held_twice_is_not_removed_but_another_one_is() {
        let job = job(
            JobType::Import,
            &[
                "arn:aws:s3:::example-a",
                "arn:aws:s3:::example-b",
                "arn:aws:s3:::example-a",
            ],
        );
        let err = args("example-a").patch(&job, &CTX).unwrap_err();
        assert_eq!((err.code.as_str(), err.exit_code()), ("AmbiguousBucket", 2));
        assert!(err.message.contains("2 entries"), "{}", err.message);
        let r = args("example-b")
            .patch(&job, &CTX)
            .unwrap()
            .resources
            .unwrap();
        let left: Vec<_> = r.s3_resources().iter().map(|b| b.bucket_arn()).collect();
        assert_eq!(
            left,
            [
                Some("arn:aws:s3:::example-a"),
                Some("arn:aws:s3:::example-a")
            ]
        );
    }

    #[test]
    fn the_last_bucket_stays_unless_the_job_is_local_use() {
        for t in [JobType::Import, JobType::Export] {
            let err = args("example-a")
                .patch(&job(t, &["arn:aws:s3:::example-a"]), &CTX)
                .unwrap_err();
            assert_eq!(err.exit_code(), 2);
        }
        let local = job(JobType::LocalUse, &["arn:aws:s3:::example-a"]);
        let r = args("example-a")
            .patch(&local, &CTX)
            .unwrap()
            .resources
            .unwrap();
        assert!(r.s3_resources.is_none());
        assert_eq!(r.lambda_resources().len(), 1);
    }
}
