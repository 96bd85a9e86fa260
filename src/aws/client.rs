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
use aws_sdk_snowball::operation::describe_cluster::DescribeClusterError;
use aws_sdk_snowball::operation::describe_job::DescribeJobError;
use aws_sdk_snowball::operation::list_cluster_jobs::{ListClusterJobsError, ListClusterJobsOutput};
use aws_sdk_snowball::operation::list_clusters::{ListClustersError, ListClustersOutput};
use aws_sdk_snowball::operation::list_jobs::{ListJobsError, ListJobsOutput};
use aws_sdk_snowball::operation::update_cluster::builders::UpdateClusterFluentBuilder;
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;
use aws_sdk_snowball::types::{
    Address, ClusterListEntry, ClusterMetadata, JobListEntry, JobMetadata,
};

use crate::aws::order::{Order, OrderKind};
use crate::aws::pace::{Pace, throttling_left_to_pace};
use crate::failure::{Code, Failure};

pub use crate::aws::connect::{Settings, Sink, TargetCheck};

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

/// Sets the members an UpdateCluster changes (all but ClusterId).
pub type SetClusterMembers<'a> =
    dyn Fn(UpdateClusterFluentBuilder) -> UpdateClusterFluentBuilder + Sync + 'a;

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
        self.job(job_id, true).await
    }

    /// DescribeJob; `begins`: for an order not yet under way (one under way,
    /// read again, goes first).
    async fn job(&self, job_id: &str, begins: bool) -> Result<JobMetadata, Failure> {
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
        out.job_metadata
            .ok_or_else(|| empty_reply("DescribeJob", job_id))
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
        out.address
            .ok_or_else(|| empty_reply("DescribeAddress", address_id))
    }

    pub async fn describe_cluster(&self, cluster_id: &str) -> Result<ClusterMetadata, Failure> {
        self.cluster(cluster_id, true).await
    }

    /// DescribeCluster; `begins` as for [`Snow::job`].
    async fn cluster(&self, cluster_id: &str, begins: bool) -> Result<ClusterMetadata, Failure> {
        let out = self
            .pace
            .read(&format!("cluster {cluster_id}"), begins, || {
                self.client
                    .describe_cluster()
                    .cluster_id(cluster_id)
                    .customize()
                    .config_override(throttling_left_to_pace::<DescribeClusterError>())
                    .send()
            })
            .await?;
        out.cluster_metadata
            .ok_or_else(|| empty_reply("DescribeCluster", cluster_id))
    }

    /// The order an ID names, read with its kind's call.
    pub async fn describe_order(&self, id: &str) -> Result<Order, Failure> {
        self.order(id, true).await
    }

    /// The order read again while it is under way (its update's fate
    /// unknown): it goes before the orders not yet begun.
    pub async fn describe_order_again(&self, id: &str) -> Result<Order, Failure> {
        self.order(id, false).await
    }

    async fn order(&self, id: &str, begins: bool) -> Result<Order, Failure> {
        match OrderKind::of(id) {
            OrderKind::Job => self.job(id, begins).await.map(Order::of_job),
            OrderKind::Cluster => self.cluster(id, begins).await.map(Order::of_cluster),
        }
    }

    /// UpdateJob or UpdateCluster, as the ID names, with the SDK's retries
    /// off: a retry after a lost reply would hide that the first attempt may
    /// have applied. Sent again here only when the service refused the
    /// attempt for throttling (at the pace, however often, until it gives
    /// up) or the request never left (no connection, up to the configured
    /// attempts); a signal (the pace halted) starts no new attempt.
    pub async fn update_order(
        &self,
        id: &str,
        job: &SetMembers<'_>,
        cluster: &SetClusterMembers<'_>,
    ) -> Sent {
        let kind = OrderKind::of(id);
        let subject = format!("{} {id}", kind.noun());
        match kind {
            OrderKind::Job => {
                self.pace
                    .change(&subject, self.max_attempts, || {
                        job(self.client.update_job().job_id(id))
                            .customize()
                            .config_override(one_attempt())
                            .send()
                    })
                    .await
            }
            OrderKind::Cluster => {
                self.pace
                    .change(&subject, self.max_attempts, || {
                        cluster(self.client.update_cluster().cluster_id(id))
                            .customize()
                            .config_override(one_attempt())
                            .send()
                    })
                    .await
            }
        }
    }

    /// CancelJob or CancelCluster, as the ID names, sent as updates are.
    pub async fn cancel_order(&self, id: &str) -> Sent {
        let kind = OrderKind::of(id);
        let subject = format!("{} {id}", kind.noun());
        match kind {
            OrderKind::Job => {
                self.pace
                    .change(&subject, self.max_attempts, || {
                        self.client
                            .cancel_job()
                            .job_id(id)
                            .customize()
                            .config_override(one_attempt())
                            .send()
                    })
                    .await
            }
            OrderKind::Cluster => {
                self.pace
                    .change(&subject, self.max_attempts, || {
                        self.client
                            .cancel_cluster()
                            .cluster_id(id)
                            .customize()
                            .config_override(one_attempt())
                            .send()
                    })
                    .await
            }
        }
    }

    /// Every cluster, following NextToken to the end.
    pub async fn list_clusters(&self) -> Result<Vec<ClusterListEntry>, Failure> {
        let page = |token| {
            self.client
                .list_clusters()
                .max_results(100)
                .set_next_token(token)
                .customize()
                .config_override(throttling_left_to_pace::<ListClustersError>())
                .send()
        };
        let split =
            |p: ListClustersOutput| (p.cluster_list_entries.unwrap_or_default(), p.next_token);
        self.pace.pages("the cluster list", page, split).await
    }

    /// A cluster's node jobs, following NextToken to the end.
    pub async fn list_cluster_jobs(&self, cluster_id: &str) -> Result<Vec<JobListEntry>, Failure> {
        let page = |token| {
            self.client
                .list_cluster_jobs()
                .cluster_id(cluster_id)
                .max_results(100)
                .set_next_token(token)
                .customize()
                .config_override(throttling_left_to_pace::<ListClusterJobsError>())
                .send()
        };
        let split =
            |p: ListClusterJobsOutput| (p.job_list_entries.unwrap_or_default(), p.next_token);
        self.pace
            .pages(
                &format!("the node jobs of cluster {cluster_id}"),
                page,
                split,
            )
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

/// A reply without the member asked for.
fn empty_reply(operation: &str, id: &str) -> Failure {
    Failure::of(
        Code::EmptyReply,
        format!("{operation} returned nothing for {id}"),
    )
}

/// One attempt per call, the SDK retrying nothing: a call that changes an
/// order is sent again only by the pace, and only when nothing was applied.
fn one_attempt() -> aws_sdk_snowball::config::Builder {
    aws_sdk_snowball::config::Builder::default()
        .retry_config(RetryConfig::standard().with_max_attempts(1))
}
