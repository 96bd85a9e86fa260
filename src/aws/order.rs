//! The two kinds of pending order, seen one way: a job (DescribeJob and
//! UpdateJob, editable while `New`) and a cluster (DescribeCluster and
//! UpdateCluster, editable while `AwaitingQuorum`). An [`Order`] carries its
//! members where a job holds them, so every edit, check and comparison of the
//! pipeline serves both kinds by construction; only this seam knows which
//! call, request shape and state belong to which kind.

use aws_sdk_snowball::types::{ClusterMetadata, JobMetadata, ShippingDetails};

pub use snowball_model::OrderKind;

/// An order as the pipeline sees it.
#[derive(Clone, Debug)]
pub struct Order {
    pub kind: OrderKind,
    /// Its state as the service names it (`New`, `AwaitingQuorum`, ...).
    pub state: Option<String>,
    /// Its members where a job holds them (a cluster's shipping option in
    /// `ShippingDetails`, as a node job shows it); a cluster has no capacity
    /// or pickup details.
    pub metadata: JobMetadata,
    /// For a node job: the cluster it belongs to (edited through it).
    pub cluster_id: Option<String>,
}

impl Order {
    pub fn of_job(job: JobMetadata) -> Order {
        Order {
            kind: OrderKind::Job,
            state: job.job_state().map(|s| s.as_str().to_string()),
            cluster_id: job.cluster_id().map(str::to_string),
            metadata: job,
        }
    }

    pub fn of_cluster(c: ClusterMetadata) -> Order {
        let job = JobMetadata::builder()
            .set_job_id(c.cluster_id.clone())
            .set_job_type(c.job_type.clone())
            .set_snowball_type(c.snowball_type.clone())
            .set_creation_date(c.creation_date)
            .set_resources(c.resources.clone())
            .set_description(c.description.clone())
            .set_kms_key_arn(c.kms_key_arn.clone())
            .set_role_arn(c.role_arn.clone())
            .set_address_id(c.address_id.clone())
            .set_shipping_details(
                c.shipping_option
                    .clone()
                    .map(|o| ShippingDetails::builder().shipping_option(o).build()),
            )
            .set_notification(c.notification.clone())
            .set_forwarding_address_id(c.forwarding_address_id.clone())
            .set_tax_documents(c.tax_documents.clone())
            .set_on_device_service_configuration(c.on_device_service_configuration.clone())
            .build();
        Order {
            kind: OrderKind::Cluster,
            state: c.cluster_state().map(|s| s.as_str().to_string()),
            metadata: job,
            cluster_id: None,
        }
    }

    pub fn id(&self) -> &str {
        self.metadata.job_id().unwrap_or_default()
    }

    pub fn is_editable(&self) -> bool {
        self.state.as_deref() == Some(self.kind.editable_state())
    }
}
