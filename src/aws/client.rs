//! The calls snowjob makes to the service, and what became of each. The
//! connection is made by [`crate::aws::connect`]; errors are sorted into
//! failures by [`crate::aws::errors`].

use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;
use aws_sdk_snowball::types::{Address, JobListEntry, JobMetadata};

use crate::aws::errors::{Fate, backoff, classify, fate_of};
use crate::failure::{Code, Failure};

pub use crate::aws::connect::{Settings, Sink};

pub struct Snow {
    pub(super) client: Client,
    pub(super) region: String,
    /// The configured endpoint; `None`: the region's own.
    pub(super) endpoint: Option<String>,
    pub(super) profile: String,
    pub(super) max_attempts: u32,
}

/// Sets the members an UpdateJob changes (all but JobId).
pub type SetMembers<'a> = dyn Fn(UpdateJobFluentBuilder) -> UpdateJobFluentBuilder + Sync + 'a;

/// What became of an UpdateJob.
#[derive(Debug)]
pub enum Sent {
    Applied,
    /// The service answered with an error: nothing was applied.
    Refused(Failure),
    /// The request may have reached the service, but no answer says what it did.
    Unknown(Failure),
}

impl Snow {
    /// Attempts per request, as configured (the SDK's retries included).
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
        let out = self
            .client
            .describe_job()
            .job_id(job_id)
            .send()
            .await
            .map_err(|e| classify(e, &format!("job {job_id}")))?;
        out.job_metadata.ok_or_else(|| {
            Failure::of(
                Code::EmptyReply,
                format!("DescribeJob returned no metadata for {job_id}"),
            )
        })
    }

    pub async fn describe_address(&self, address_id: &str) -> Result<Address, Failure> {
        let out = self
            .client
            .describe_address()
            .address_id(address_id)
            .send()
            .await
            .map_err(|e| classify(e, &format!("address {address_id}")))?;
        out.address.ok_or_else(|| {
            Failure::of(
                Code::EmptyReply,
                format!("DescribeAddress returned nothing for {address_id}"),
            )
        })
    }

    /// UpdateJob, with the SDK's retries off: a retry after a lost reply would
    /// hide that the first attempt may have applied. Retried here only when the
    /// service refused the attempt (throttling) or the request never left
    /// (no connection), up to the configured attempts.
    pub async fn update_job(&self, job_id: &str, members: &SetMembers<'_>) -> Sent {
        let subject = format!("job {job_id}");
        let mut attempt = 1;
        loop {
            let result = members(self.client.update_job().job_id(job_id))
                .customize()
                .config_override(
                    aws_sdk_snowball::config::Builder::default()
                        .retry_config(RetryConfig::standard().with_max_attempts(1)),
                )
                .send()
                .await;
            let err = match result {
                Ok(_) => return Sent::Applied,
                Err(err) => err,
            };
            let fate = fate_of(&err);
            let failure = classify(err, &subject);
            match fate {
                Fate::NotApplied { retry } if retry && attempt < self.max_attempts => {
                    tokio::time::sleep(backoff(attempt)).await;
                    attempt += 1;
                }
                Fate::NotApplied { .. } => return Sent::Refused(failure),
                Fate::Unknown => return Sent::Unknown(failure),
            }
        }
    }

    /// Every job, following NextToken to the end.
    pub async fn list_jobs(&self) -> Result<Vec<JobListEntry>, Failure> {
        let items = self.client.list_jobs().max_results(100).into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, "the job list"))
    }

    /// Every address of the account, following NextToken to the end.
    pub async fn describe_addresses(&self) -> Result<Vec<Address>, Failure> {
        let items = self
            .client
            .describe_addresses()
            .max_results(100)
            .into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, "the address list"))
    }
}
