//! The calls snowjob makes to the service, and what became of each. The
//! connection is made by [`crate::aws::connect`]; errors are sorted into
//! failures by [`crate::aws::errors`].

use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_snowball::operation::update_cluster::builders::UpdateClusterFluentBuilder;
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;
use aws_sdk_snowball::types::{
    Address, ClusterListEntry, ClusterMetadata, JobListEntry, JobMetadata,
};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use crate::aws::errors::{Fate, backoff, classify, fate_of};
use crate::aws::order::{Order, OrderKind};
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

/// Sets the members an UpdateCluster changes (all but ClusterId).
pub type SetClusterMembers<'a> =
    dyn Fn(UpdateClusterFluentBuilder) -> UpdateClusterFluentBuilder + Sync + 'a;

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

    pub async fn describe_cluster(&self, cluster_id: &str) -> Result<ClusterMetadata, Failure> {
        let out = self
            .client
            .describe_cluster()
            .cluster_id(cluster_id)
            .send()
            .await
            .map_err(|e| classify(e, &format!("cluster {cluster_id}")))?;
        out.cluster_metadata.ok_or_else(|| {
            Failure::of(
                Code::EmptyReply,
                format!("DescribeCluster returned no metadata for {cluster_id}"),
            )
        })
    }

    /// The order an ID names, read with its kind's call.
    pub async fn describe_order(&self, id: &str) -> Result<Order, Failure> {
        match OrderKind::of(id) {
            OrderKind::Job => self.describe_job(id).await.map(Order::of_job),
            OrderKind::Cluster => self.describe_cluster(id).await.map(Order::of_cluster),
        }
    }

    /// The update of an order with its kind's call, members set by the
    /// setter of that kind.
    /// `stopped` ends the wait before a retry (a signal starts no new attempt).
    pub async fn update_order(
        &self,
        id: &str,
        job: &SetMembers<'_>,
        cluster: &SetClusterMembers<'_>,
        stopped: impl std::future::Future<Output = ()>,
    ) -> Sent {
        let subject = format!("{} {id}", OrderKind::of(id).noun());
        let no_retries = || {
            aws_sdk_snowball::config::Builder::default()
                .retry_config(RetryConfig::standard().with_max_attempts(1))
        };
        match OrderKind::of(id) {
            OrderKind::Job => {
                self.update(
                    &subject,
                    || {
                        job(self.client.update_job().job_id(id))
                            .customize()
                            .config_override(no_retries())
                            .send()
                    },
                    stopped,
                )
                .await
            }
            OrderKind::Cluster => {
                self.update(
                    &subject,
                    || {
                        cluster(self.client.update_cluster().cluster_id(id))
                            .customize()
                            .config_override(no_retries())
                            .send()
                    },
                    stopped,
                )
                .await
            }
        }
    }

    /// CancelJob or CancelCluster, as the ID names, sent as updates are.
    pub async fn cancel_order(
        &self,
        id: &str,
        stopped: impl std::future::Future<Output = ()>,
    ) -> Sent {
        let kind = OrderKind::of(id);
        let subject = format!("{} {id}", kind.noun());
        let no_retries = || {
            aws_sdk_snowball::config::Builder::default()
                .retry_config(RetryConfig::standard().with_max_attempts(1))
        };
        match kind {
            OrderKind::Job => {
                self.update(
                    &subject,
                    || {
                        self.client
                            .cancel_job()
                            .job_id(id)
                            .customize()
                            .config_override(no_retries())
                            .send()
                    },
                    stopped,
                )
                .await
            }
            OrderKind::Cluster => {
                self.update(
                    &subject,
                    || {
                        self.client
                            .cancel_cluster()
                            .cluster_id(id)
                            .customize()
                            .config_override(no_retries())
                            .send()
                    },
                    stopped,
                )
                .await
            }
        }
    }

    /// UpdateJob or UpdateCluster, with the SDK's retries off: a retry after
    /// a lost reply would hide that the first attempt may have applied.
    /// Retried here only when the service refused the attempt (throttling)
    /// or the request never left (no connection), up to the configured
    /// attempts, and never once `stopped` (a signal) has resolved: the attempt
    /// refused is then the last.
    async fn update<F, Fut, T, E>(
        &self,
        subject: &str,
        send: F,
        stopped: impl std::future::Future<Output = ()>,
    ) -> Sent
    where
        F: Fn() -> Fut,
        Fut: std::future::Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut attempt = 1;
        tokio::pin!(stopped);
        loop {
            let result = send().await;
            let err = match result {
                Ok(_) => return Sent::Applied,
                Err(err) => err,
            };
            let fate = fate_of(&err);
            let failure = classify(err, subject);
            match fate {
                Fate::NotApplied { retry } if retry && attempt < self.max_attempts => {
                    tokio::select! {
                        biased;
                        () = &mut stopped => return Sent::Refused(failure),
                        () = tokio::time::sleep(backoff(attempt)) => {}
                    }
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

    /// Every cluster, following NextToken to the end.
    pub async fn list_clusters(&self) -> Result<Vec<ClusterListEntry>, Failure> {
        let items = self
            .client
            .list_clusters()
            .max_results(100)
            .into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, "the cluster list"))
    }

    /// A cluster's node jobs, following NextToken to the end.
    pub async fn list_cluster_jobs(&self, cluster_id: &str) -> Result<Vec<JobListEntry>, Failure> {
        let items = self
            .client
            .list_cluster_jobs()
            .cluster_id(cluster_id)
            .max_results(100)
            .into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, &format!("the node jobs of cluster {cluster_id}")))
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
