//! The calls snowjob makes to the service, and what became of each. The
//! connection is made by [`crate::aws::connect`]; errors are sorted into
//! failures by [`crate::aws::errors`]; every call keeps the one pace of
//! [`crate::aws::pace`].

use std::sync::Arc;

use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::operation::describe_address::DescribeAddressError;
use aws_sdk_snowball::operation::describe_addresses::{
    DescribeAddressesError, DescribeAddressesOutput,
};
use aws_sdk_snowball::operation::describe_job::DescribeJobError;
use aws_sdk_snowball::operation::list_jobs::{ListJobsError, ListJobsOutput};
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;
use aws_sdk_snowball::types::{Address, JobListEntry, JobMetadata};

use crate::aws::pace::{Pace, throttling_left_to_pace};
use crate::failure::{Code, Failure};

pub use crate::aws::connect::{Settings, Sink};

pub struct Snow {
    pub(super) client: Client,
    pub(super) region: String,
    /// The configured endpoint; `None`: the region's own.
    pub(super) endpoint: Option<String>,
    pub(super) profile: String,
    pub(super) max_attempts: u32,
    /// The one pace every request of the command keeps.
    pub(super) pace: Arc<Pace>,
}

/// Sets the members an UpdateJob changes (all but JobId).
pub type SetMembers<'a> = dyn Fn(UpdateJobFluentBuilder) -> UpdateJobFluentBuilder + Sync + 'a;

/// What became of an UpdateJob.
#[derive(Debug)]
pub enum Sent {
    Applied,
    /// The service answered with an error: nothing was applied.
    Refused(Failure),
    /// Not sent at all: a signal came while it waited its turn.
    NotSent,
    /// The request may have reached the service, but no answer says what it did.
    Unknown(Failure),
}

impl Snow {
    /// The pace every request keeps (to show it, or to halt it on a signal).
    pub fn pace(&self) -> &Arc<Pace> {
        &self.pace
    }

    /// Attempts per request, as configured (the SDK's retries included;
    /// attempts refused for throttling do not count).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint configured instead of the region's, as given (it may
    /// hold a user:password).
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The profile whose settings apply (`default` when none is named).
    pub fn profile(&self) -> &str {
        &self.profile
    }

    pub async fn describe_job(&self, job_id: &str) -> Result<JobMetadata, Failure> {
        self.describe(job_id, true).await
    }

    /// DescribeJob for a job already under way (its update's fate unknown):
    /// it goes before the jobs not yet begun.
    pub async fn describe_job_again(&self, job_id: &str) -> Result<JobMetadata, Failure> {
        self.describe(job_id, false).await
    }

    async fn describe(&self, job_id: &str, begins: bool) -> Result<JobMetadata, Failure> {
        let out = self
            .pace
            .read(&format!("job {job_id}"), begins, || {
                self.client
                    .describe_job()
                    .job_id(job_id)
                    .customize()
                    .config_override(throttling_left_to_pace::<DescribeJobError>())
                    .send()
            })
            .await?;
        out.job_metadata.ok_or_else(|| {
            Failure::of(
                Code::EmptyReply,
                format!("DescribeJob returned no metadata for {job_id}"),
            )
        })
    }

    pub async fn describe_address(&self, address_id: &str) -> Result<Address, Failure> {
        // Checks an address for a job already begun: it goes before new jobs.
        let out = self
            .pace
            .read(&format!("address {address_id}"), false, || {
                self.client
                    .describe_address()
                    .address_id(address_id)
                    .customize()
                    .config_override(throttling_left_to_pace::<DescribeAddressError>())
                    .send()
            })
            .await?;
        out.address.ok_or_else(|| {
            Failure::of(
                Code::EmptyReply,
                format!("DescribeAddress returned nothing for {address_id}"),
            )
        })
    }

    /// UpdateJob, with the SDK's retries off: a retry after a lost reply would
    /// hide that the first attempt may have applied. Sent again here only when
    /// the service refused the attempt for throttling (at the pace, however
    /// often, until it gives up) or the request never left (no connection, up
    /// to the configured attempts).
    pub async fn update_job(&self, job_id: &str, members: &SetMembers<'_>) -> Sent {
        let subject = format!("job {job_id}");
        self.pace
            .change(&subject, self.max_attempts, || {
                members(self.client.update_job().job_id(job_id))
                    .customize()
                    .config_override(
                        aws_sdk_snowball::config::Builder::default()
                            .retry_config(RetryConfig::standard().with_max_attempts(1)),
                    )
                    .send()
            })
            .await
    }

    /// Every job, following NextToken to the end.
    pub async fn list_jobs(&self) -> Result<Vec<JobListEntry>, Failure> {
        let page = |token| {
            self.client
                .list_jobs()
                .max_results(100)
                .set_next_token(token)
                .customize()
                .config_override(throttling_left_to_pace::<ListJobsError>())
                .send()
        };
        let split = |p: ListJobsOutput| (p.job_list_entries.unwrap_or_default(), p.next_token);
        self.pace.pages("the job list", page, split).await
    }

    /// Every address of the account, following NextToken to the end.
    pub async fn describe_addresses(&self) -> Result<Vec<Address>, Failure> {
        let page = |token| {
            self.client
                .describe_addresses()
                .max_results(100)
                .set_next_token(token)
                .customize()
                .config_override(throttling_left_to_pace::<DescribeAddressesError>())
                .send()
        };
        let split = |p: DescribeAddressesOutput| (p.addresses.unwrap_or_default(), p.next_token);
        self.pace.pages("the address list", page, split).await
    }
}
