//! The kinds of pending order and what tells them apart: a job (DescribeJob
//! and UpdateJob, editable while `New`) and a cluster (DescribeCluster and
//! UpdateCluster, editable while `AwaitingQuorum`), in one table.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrderKind {
    Job,
    Cluster,
}

/// What tells the kinds apart, in one table.
struct Facts {
    kind: OrderKind,
    /// The ID's prefixes.
    prefixes: &'static [&'static str],
    noun: &'static str,
    id_member: &'static str,
    request_shape: &'static str,
    update: &'static str,
    cancel: &'static str,
    state_member: &'static str,
    editable_state: &'static str,
}

const KINDS: &[Facts] = &[
    Facts {
        kind: OrderKind::Job,
        prefixes: &["JID", "MID"],
        noun: "job",
        id_member: "JobId",
        request_shape: "UpdateJobRequest",
        update: "UpdateJob",
        cancel: "CancelJob",
        state_member: "JobState",
        editable_state: "New",
    },
    Facts {
        kind: OrderKind::Cluster,
        prefixes: &["CID"],
        noun: "cluster",
        id_member: "ClusterId",
        request_shape: "UpdateClusterRequest",
        update: "UpdateCluster",
        cancel: "CancelCluster",
        state_member: "ClusterState",
        editable_state: "AwaitingQuorum",
    },
];

impl OrderKind {
    fn facts(self) -> &'static Facts {
        KINDS
            .iter()
            .find(|f| f.kind == self)
            .expect("every kind has its facts")
    }

    /// The kind an ID names (a job's when the prefix is not a cluster's).
    pub fn of(id: &str) -> OrderKind {
        KINDS
            .iter()
            .find(|f| f.prefixes.iter().any(|p| id.starts_with(p)))
            .map_or(OrderKind::Job, |f| f.kind)
    }

    pub fn noun(self) -> &'static str {
        self.facts().noun
    }

    /// `JobId` or `ClusterId`: the ID's member in requests, results and records.
    pub fn id_member(self) -> &'static str {
        self.facts().id_member
    }

    /// The model's shape of the update request.
    pub fn request_shape(self) -> &'static str {
        self.facts().request_shape
    }

    /// `UpdateJob` or `UpdateCluster`.
    pub fn update_operation(self) -> &'static str {
        self.facts().update
    }

    pub fn cancel_operation(self) -> &'static str {
        self.facts().cancel
    }

    /// `JobState` or `ClusterState`.
    pub fn state_member(self) -> &'static str {
        self.facts().state_member
    }

    /// The state in which the order can still be changed.
    pub fn editable_state(self) -> &'static str {
        self.facts().editable_state
    }

    /// The kind whose update operation is `operation`.
    pub fn of_operation(operation: &str) -> Option<OrderKind> {
        KINDS
            .iter()
            .find(|f| f.update == operation || f.cancel == operation)
            .map(|f| f.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_name_their_kind() {
        assert_eq!(
            OrderKind::of("CID123e4567-e89b-12d3-a456-426655440000"),
            OrderKind::Cluster
        );
        assert_eq!(
            OrderKind::of("JID123e4567-e89b-12d3-a456-426655440000"),
            OrderKind::Job
        );
        assert_eq!(OrderKind::Cluster.request_shape(), "UpdateClusterRequest");
        assert_eq!(
            OrderKind::of_operation("UpdateCluster"),
            Some(OrderKind::Cluster)
        );
    }
}
