//! Jobs, clusters and addresses, and what each operation does to them. Values are
//! kept in the API's JSON form (member names as in the model, timestamps as epoch
//! seconds).
//!
//! A cluster's node jobs are jobs with `ClusterId`: they take the cluster's
//! settings when created, follow its UpdateCluster calls, and are edited and
//! cancelled only through it.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value as Json, json};

use crate::protocol::ApiError;
use snowball_model::Wire;
use snowball_model::{DecodeOptions, model};

/// CreateJob members copied as they are into JobMetadata.
const CREATE_MEMBERS: &[&str] = &[
    "JobType",
    "Resources",
    "OnDeviceServiceConfiguration",
    "Description",
    "AddressId",
    "KmsKeyARN",
    "RoleARN",
    "SnowballCapacityPreference",
    "Notification",
    "ClusterId",
    "SnowballType",
    "ForwardingAddressId",
    "TaxDocuments",
    "DeviceConfiguration",
    "RemoteManagement",
    "LongTermPricingId",
    "ImpactLevel",
    "PickupDetails",
];

/// CreateCluster members copied as they are into ClusterMetadata.
const CLUSTER_MEMBERS: &[&str] = &[
    "JobType",
    "Resources",
    "OnDeviceServiceConfiguration",
    "Description",
    "AddressId",
    "KmsKeyARN",
    "RoleARN",
    "SnowballType",
    "ShippingOption",
    "Notification",
    "ForwardingAddressId",
    "TaxDocuments",
];

/// ClusterMetadata members a node job holds under the same name (the shipping
/// option is under ShippingDetails, see [`snowball_model::facts::job_location`]).
const INHERITED_MEMBERS: &[&str] = &[
    "JobType",
    "SnowballType",
    "Resources",
    "OnDeviceServiceConfiguration",
    "Description",
    "AddressId",
    "KmsKeyARN",
    "RoleARN",
    "Notification",
    "ForwardingAddressId",
    "TaxDocuments",
];

/// What node jobs take from CreateCluster that ClusterMetadata has no member
/// for; kept beside the cluster (and in the state file) for later node jobs.
const NODE_SETTINGS: &[&str] = &["SnowballCapacityPreference", "RemoteManagement"];

/// A cluster's [`NODE_SETTINGS`] as stored (`at`: where, for a message),
/// checked as JobMetadata members.
fn node_settings(
    settings: &Json,
    at: &str,
    opts: DecodeOptions,
) -> Result<Map<String, Json>, String> {
    Ok(model()
        .decode("JobMetadata", &Wire::from_json(settings.clone()), opts)
        .map_err(|e| format!("{at}.{e}"))?
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(k, _)| NODE_SETTINGS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect())
}

/// The most node jobs a cluster can have (InitialClusterSize's maximum in the model).
pub const MAX_CLUSTER_NODES: usize = 16;

/// Clusters are LOCAL_USE only.
const CLUSTER_JOB_TYPE: &str = "LOCAL_USE";

pub const DEFAULT_PAGE: usize = 100;

struct Job {
    meta: Json,
    /// When the job leaves `New` on its own; `None` once it has, or when a test
    /// pinned its state.
    window_ends: Option<f64>,
}

struct Cluster {
    meta: Json,
    /// When the cluster leaves `AwaitingQuorum` on its own (its node jobs
    /// with it); `None` once it has, or when a test pinned its state.
    window_ends: Option<f64>,
    /// [`NODE_SETTINGS`] as CreateCluster gave them (empty for a seeded cluster:
    /// then its first node job's are used).
    node_settings: Map<String, Json>,
}

pub struct Store {
    jobs: Vec<Job>,
    job_index: HashMap<String, usize>,
    clusters: Vec<Cluster>,
    cluster_index: HashMap<String, usize>,
    addresses: Vec<Json>,
    edit_window: f64,
    /// No window ends before this (infinity when none is pending), so a call
    /// need not look at every job to see that none has ended.
    next_window_end: f64,
    changes: Changes,
}

/// What changed since the last [`Store::take_changes`], kept only while
/// tracking (for a state file): the jobs and clusters touched, and the address
/// changes in order (an address put again moves to the end of the list).
/// Edit windows ending are not changes: each window's end is kept, so a
/// restart replays the move.
#[derive(Default)]
struct Changes {
    tracking: bool,
    jobs: BTreeSet<usize>,
    clusters: BTreeSet<usize>,
    addresses: Vec<Json>,
}

impl Changes {
    fn job(&mut self, index: usize) {
        if self.tracking {
            self.jobs.insert(index);
        }
    }

    fn cluster(&mut self, index: usize) {
        if self.tracking {
            self.clusters.insert(index);
        }
    }

    fn address(&mut self, entry: impl FnOnce() -> Json) {
        if self.tracking {
            self.addresses.push(entry());
        }
    }
}

/// The state a cluster's node jobs are in while the cluster is in `state`:
/// `New` only while it is `AwaitingQuorum`.
pub fn node_job_state(cluster_state: &str) -> &'static str {
    match cluster_state {
        "AwaitingQuorum" => "New",
        "Pending" => "PreparingAppliance",
        "InUse" => "WithCustomer",
        "Complete" => "Complete",
        _ => "Cancelled",
    }
}

fn str_of<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key).and_then(Json::as_str).unwrap_or_default()
}

pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", uuid::Uuid::new_v4())
}

impl Store {
    pub fn new(edit_window_secs: f64) -> Store {
        Store {
            jobs: Vec::new(),
            job_index: HashMap::new(),
            clusters: Vec::new(),
            cluster_index: HashMap::new(),
            addresses: Vec::new(),
            edit_window: edit_window_secs,
            next_window_end: f64::INFINITY,
            changes: Changes::default(),
        }
    }

    /// From now on, remembers what each change touches, for
    /// [`Store::take_changes`].
    pub fn track_changes(&mut self) {
        self.changes.tracking = true;
    }

    /// Moves jobs whose edit window has passed to `PreparingAppliance`, and
    /// clusters whose window has passed to `Pending` (their node jobs to
    /// `PreparingAppliance`). Returns whether anything changed.
    pub fn advance(&mut self, now: f64) -> bool {
        if now < self.next_window_end {
            return false;
        }
        let mut changed = false;
        let mut closed = Vec::new();
        for cluster in &mut self.clusters {
            if cluster.window_ends.is_some_and(|end| end <= now) {
                cluster.window_ends = None;
                if str_of(&cluster.meta, "ClusterState") == "AwaitingQuorum" {
                    cluster.meta["ClusterState"] = json!("Pending");
                    closed.push(str_of(&cluster.meta, "ClusterId").to_string());
                    changed = true;
                }
            }
        }
        for job in self.jobs.iter_mut().filter(|_| !closed.is_empty()) {
            let cluster = str_of(&job.meta, "ClusterId");
            if !cluster.is_empty()
                && closed.iter().any(|c| c == cluster)
                && str_of(&job.meta, "JobState") == "New"
            {
                job.meta["JobState"] = json!("PreparingAppliance");
            }
        }
        for job in &mut self.jobs {
            if job.window_ends.is_some_and(|end| end <= now) {
                job.window_ends = None;
                if str_of(&job.meta, "JobState") == "New" {
                    job.meta["JobState"] = json!("PreparingAppliance");
                    changed = true;
                }
            }
        }
        let pending = self.jobs.iter().filter_map(|j| j.window_ends);
        let pending = pending.chain(self.clusters.iter().filter_map(|c| c.window_ends));
        self.next_window_end = pending.fold(f64::INFINITY, f64::min);
        changed
    }

    /// Notes a window that ends at `end`, for [`Store::advance`].
    fn window_pending(&mut self, end: Option<f64>) {
        if let Some(end) = end {
            self.next_window_end = self.next_window_end.min(end);
        }
    }

    pub fn call(&mut self, operation: &str, input: &Json, now: f64) -> Result<Json, ApiError> {
        match operation {
            "CreateJob" => self.create_job(input, now),
            "DescribeJob" => self
                .job(str_of(input, "JobId"))
                .map(|job| json!({ "JobMetadata": job.meta })),
            "UpdateJob" => self.update_job(input),
            "CancelJob" => self.cancel_job(str_of(input, "JobId")),
            "ListJobs" => self.list_jobs(input),
            "CreateAddress" => {
                Ok(json!({ "AddressId": self.insert_address(input["Address"].clone()) }))
            }
            "DescribeAddress" => self
                .address(str_of(input, "AddressId"))
                .map(|a| json!({ "Address": a })),
            "DescribeAddresses" => self.describe_addresses(input),
            "CreateCluster" => self.create_cluster(input, now),
            "DescribeCluster" => self
                .cluster(str_of(input, "ClusterId"))
                .map(|c| json!({ "ClusterMetadata": c.meta })),
            "UpdateCluster" => self.update_cluster(input),
            "CancelCluster" => self.cancel_cluster(str_of(input, "ClusterId")),
            "ListClusters" => self.list_clusters(input),
            "ListClusterJobs" => self.list_cluster_jobs(input),
            other => Err(ApiError::new(
                "UnsupportedOperation",
                400,
                format!("{other} is not implemented by snowball-local"),
            )),
        }
    }

    pub fn is_mutation(operation: &str) -> bool {
        matches!(
            operation,
            "CreateJob"
                | "UpdateJob"
                | "CancelJob"
                | "CreateAddress"
                | "CreateCluster"
                | "UpdateCluster"
                | "CancelCluster"
        )
    }

    fn job(&self, id: &str) -> Result<&Job, ApiError> {
        self.job_index
            .get(id)
            .map(|i| &self.jobs[*i])
            .ok_or_else(|| {
                ApiError::invalid_resource("JOB", format!("The job {id} was not found."))
            })
    }

    fn cluster(&self, id: &str) -> Result<&Cluster, ApiError> {
        self.cluster_index
            .get(id)
            .map(|i| &self.clusters[*i])
            .ok_or_else(|| {
                ApiError::invalid_resource("CLUSTER", format!("The cluster {id} was not found."))
            })
    }

    /// The indices of a cluster's node jobs, in the order they were created.
    fn node_jobs(&self, cluster_id: &str) -> Vec<usize> {
        (0..self.jobs.len())
            .filter(|i| str_of(&self.jobs[*i].meta, "ClusterId") == cluster_id)
            .collect()
    }

    /// Refuses UpdateJob and CancelJob on a node job: it changes with its cluster.
    fn refuse_node_job(job: &Job, operation: &str) -> Result<(), ApiError> {
        let cluster = str_of(&job.meta, "ClusterId");
        if cluster.is_empty() {
            return Ok(());
        }
        let id = str_of(&job.meta, "JobId");
        let instead = operation.replace("Job", "Cluster");
        Err(ApiError::combination(format!(
            "The job {id} is a node of the cluster {cluster}; use {instead} on the cluster instead."
        )))
    }

    fn address(&self, id: &str) -> Result<&Json, ApiError> {
        self.addresses
            .iter()
            .find(|a| str_of(a, "AddressId") == id)
            .ok_or_else(|| {
                ApiError::invalid_resource("ADDRESS", format!("The address {id} was not found."))
            })
    }

    fn check_addresses(&self, input: &Json) -> Result<(), ApiError> {
        for key in ["AddressId", "ForwardingAddressId"] {
            if let Some(id) = input.get(key).and_then(Json::as_str) {
                self.address(id)?;
            }
        }
        Ok(())
    }

    fn create_job(&mut self, input: &Json, now: f64) -> Result<Json, ApiError> {
        if let Some(cluster) = input.get("ClusterId").and_then(Json::as_str) {
            return self.create_node_job(cluster, now);
        }
        for key in ["JobType", "SnowballType", "AddressId", "ShippingOption"] {
            if input.get(key).is_none() {
                return Err(ApiError::validation(format!(
                    "{key} is required to create a job"
                )));
            }
        }
        self.check_addresses(input)?;
        let job_type = str_of(input, "JobType");
        check_capacity(
            str_of(input, "SnowballType"),
            input.get("SnowballCapacityPreference"),
        )?;
        check_key_ranges(job_type, input.get("Resources"))?;
        let mut meta = Map::new();
        let id = new_id("JID");
        meta.insert("JobId".into(), json!(id));
        meta.insert("JobState".into(), json!("New"));
        meta.insert("CreationDate".into(), json!(now));
        meta.insert(
            "ShippingDetails".into(),
            json!({ "ShippingOption": input["ShippingOption"] }),
        );
        for key in CREATE_MEMBERS {
            if let Some(v) = input.get(*key) {
                meta.insert((*key).into(), v.clone());
            }
        }
        meta.entry("SnowballCapacityPreference")
            .or_insert(json!("NoPreference"));
        self.insert_job(Json::Object(meta), Some(now + self.edit_window));
        Ok(json!({ "JobId": id }))
    }

    fn update_job(&mut self, input: &Json) -> Result<Json, ApiError> {
        let id = str_of(input, "JobId");
        let job = self.job(id)?;
        Self::refuse_node_job(job, "UpdateJob")?;
        let state = str_of(&job.meta, "JobState");
        if state != "New" {
            return Err(ApiError::job_state(format!(
                "The job {id} is in state {state}; it can only be updated while New."
            )));
        }
        self.check_addresses(input)?;
        check_capacity(
            str_of(&job.meta, "SnowballType"),
            input.get("SnowballCapacityPreference"),
        )?;
        check_key_ranges(str_of(&job.meta, "JobType"), input.get("Resources"))?;
        let index = self.job_index[id];
        self.changes.job(index);
        let meta = &mut self.jobs[index].meta;
        for member in snowball_model::facts::update_members() {
            if let Some(value) = input.get(member) {
                set_path(
                    meta,
                    &snowball_model::facts::job_location(member),
                    value.clone(),
                );
            }
        }
        Ok(json!({}))
    }

    fn cancel_job(&mut self, id: &str) -> Result<Json, ApiError> {
        let job = self.job(id)?;
        Self::refuse_node_job(job, "CancelJob")?;
        let state = str_of(&job.meta, "JobState");
        if state != "New" {
            return Err(ApiError::job_state(format!(
                "The job {id} is in state {state}; it can only be cancelled while New."
            )));
        }
        let index = self.job_index[id];
        self.changes.job(index);
        self.jobs[index].meta["JobState"] = json!("Cancelled");
        self.jobs[index].window_ends = None;
        Ok(json!({}))
    }

    fn create_cluster(&mut self, input: &Json, now: f64) -> Result<Json, ApiError> {
        self.check_addresses(input)?;
        let job_type = str_of(input, "JobType");
        if job_type != CLUSTER_JOB_TYPE {
            return Err(ApiError::combination(format!(
                "A cluster's JobType must be {CLUSTER_JOB_TYPE}, not {job_type}."
            )));
        }
        check_capacity(
            str_of(input, "SnowballType"),
            input.get("SnowballCapacityPreference"),
        )?;
        check_cluster_key_ranges(input.get("Resources"))?;
        let id = new_id("CID");
        let mut meta = Map::new();
        meta.insert("ClusterId".into(), json!(id));
        meta.insert("ClusterState".into(), json!("AwaitingQuorum"));
        meta.insert("CreationDate".into(), json!(now));
        for key in CLUSTER_MEMBERS {
            if let Some(v) = input.get(*key) {
                meta.insert((*key).into(), v.clone());
            }
        }
        let mut node_settings = Map::new();
        for key in NODE_SETTINGS {
            if let Some(v) = input.get(*key) {
                node_settings.insert((*key).into(), v.clone());
            }
        }
        self.insert_cluster(
            Json::Object(meta),
            Some(now + self.edit_window),
            node_settings,
        );
        // The model bounds InitialClusterSize (0 to 16); absent means 0.
        let size = input
            .get("InitialClusterSize")
            .and_then(Json::as_u64)
            .unwrap_or(0);
        let pricing = input.get("LongTermPricingIds").and_then(Json::as_array);
        let mut entries = Vec::new();
        for i in 0..size as usize {
            let mut job = self.node_job_from(&id, now);
            if let Some(pricing_id) = pricing.and_then(|p| p.get(i)) {
                job["LongTermPricingId"] = pricing_id.clone();
            }
            entries.push(list_entry(&job));
            self.insert_job(job, None);
        }
        Ok(json!({ "ClusterId": id, "JobListEntries": entries }))
    }

    /// CreateJob with `ClusterId`: a new node job with the cluster's settings
    /// (whatever else the request gives, as the service documents).
    fn create_node_job(&mut self, cluster_id: &str, now: f64) -> Result<Json, ApiError> {
        let cluster = self.cluster(cluster_id)?;
        let state = str_of(&cluster.meta, "ClusterState");
        if state != "AwaitingQuorum" {
            return Err(ApiError::job_state(format!(
                "The cluster {cluster_id} is in state {state}; jobs can only be added while AwaitingQuorum."
            )));
        }
        if self.node_jobs(cluster_id).len() >= MAX_CLUSTER_NODES {
            return Err(ApiError::new(
                "ClusterLimitExceededException",
                400,
                format!(
                    "The cluster {cluster_id} already has {MAX_CLUSTER_NODES} jobs, the most a cluster can have."
                ),
            ));
        }
        let job = self.node_job_from(cluster_id, now);
        let id = str_of(&job, "JobId").to_string();
        self.insert_job(job, None);
        Ok(json!({ "JobId": id }))
    }

    /// A new node job's JobMetadata: the cluster's settings, its node settings
    /// (else those of its first node job), and a state matching the cluster's.
    fn node_job_from(&self, cluster_id: &str, now: f64) -> Json {
        let cluster = &self.clusters[self.cluster_index[cluster_id]];
        let c = &cluster.meta;
        let mut meta = Map::new();
        meta.insert("JobId".into(), json!(new_id("JID")));
        meta.insert(
            "JobState".into(),
            json!(node_job_state(str_of(c, "ClusterState"))),
        );
        meta.insert("CreationDate".into(), json!(now));
        for key in INHERITED_MEMBERS {
            if let Some(v) = c.get(*key) {
                meta.insert((*key).into(), v.clone());
            }
        }
        if let Some(option) = c.get("ShippingOption") {
            meta.insert(
                "ShippingDetails".into(),
                json!({ "ShippingOption": option }),
            );
        }
        let first = self
            .node_jobs(cluster_id)
            .first()
            .map(|i| &self.jobs[*i].meta);
        for key in NODE_SETTINGS {
            let value = cluster
                .node_settings
                .get(*key)
                .or_else(|| first.and_then(|j| j.get(*key)));
            if let Some(v) = value {
                meta.insert((*key).into(), v.clone());
            }
        }
        meta.entry("SnowballCapacityPreference")
            .or_insert(json!("NoPreference"));
        meta.insert("ClusterId".into(), json!(cluster_id));
        Json::Object(meta)
    }

    fn update_cluster(&mut self, input: &Json) -> Result<Json, ApiError> {
        let id = str_of(input, "ClusterId");
        let cluster = self.cluster(id)?;
        let state = str_of(&cluster.meta, "ClusterState");
        if state != "AwaitingQuorum" {
            return Err(ApiError::job_state(format!(
                "The cluster {id} is in state {state}; it can only be updated while AwaitingQuorum."
            )));
        }
        self.check_addresses(input)?;
        check_cluster_key_ranges(input.get("Resources"))?;
        let members = cluster_update_members();
        let index = self.cluster_index[id];
        self.changes.cluster(index);
        for member in &members {
            if let Some(value) = input.get(*member) {
                self.clusters[index].meta[*member] = value.clone();
            }
        }
        // The service's node jobs inherit their cluster's settings, so each
        // member UpdateCluster replaces is replaced in every node job too:
        // DescribeJob of a node job shows the cluster's new shipping option,
        // address, resources, description and so on.
        for job in self.node_jobs(id) {
            self.changes.job(job);
            let meta = &mut self.jobs[job].meta;
            for member in &members {
                if let Some(value) = input.get(*member) {
                    set_path(
                        meta,
                        &snowball_model::facts::job_location(member),
                        value.clone(),
                    );
                }
            }
        }
        Ok(json!({}))
    }

    fn cancel_cluster(&mut self, id: &str) -> Result<Json, ApiError> {
        let cluster = self.cluster(id)?;
        let state = str_of(&cluster.meta, "ClusterState");
        if state != "AwaitingQuorum" {
            return Err(ApiError::job_state(format!(
                "The cluster {id} is in state {state}; it can only be cancelled while AwaitingQuorum."
            )));
        }
        self.move_cluster(id, "Cancelled");
        Ok(json!({}))
    }

    /// Sets a cluster's state and its node jobs' to match; its window no
    /// longer applies.
    fn move_cluster(&mut self, id: &str, state: &str) {
        let index = self.cluster_index[id];
        self.changes.cluster(index);
        self.clusters[index].meta["ClusterState"] = json!(state);
        self.clusters[index].window_ends = None;
        for job in self.node_jobs(id) {
            self.changes.job(job);
            self.jobs[job].meta["JobState"] = json!(node_job_state(state));
        }
    }

    fn list_clusters(&self, input: &Json) -> Result<Json, ApiError> {
        let entries: Vec<Json> = self
            .clusters
            .iter()
            .map(|c| cluster_list_entry(&c.meta))
            .collect();
        let (page, next) = paginate(&entries, "ClusterId", "clusters", input)?;
        let mut out = json!({ "ClusterListEntries": page });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    fn list_cluster_jobs(&self, input: &Json) -> Result<Json, ApiError> {
        let id = str_of(input, "ClusterId");
        self.cluster(id)?;
        let entries: Vec<Json> = self
            .node_jobs(id)
            .into_iter()
            .map(|i| list_entry(&self.jobs[i].meta))
            .collect();
        let (page, next) = paginate(&entries, "JobId", "cluster-jobs", input)?;
        let mut out = json!({ "JobListEntries": page });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    fn list_jobs(&self, input: &Json) -> Result<Json, ApiError> {
        let entries: Vec<Json> = self.jobs.iter().map(|j| list_entry(&j.meta)).collect();
        let (page, next) = paginate(&entries, "JobId", "jobs", input)?;
        let mut out = json!({ "JobListEntries": page });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    fn describe_addresses(&self, input: &Json) -> Result<Json, ApiError> {
        let (page, next) = paginate(&self.addresses, "AddressId", "addresses", input)?;
        let mut out = json!({ "Addresses": page });
        if let Some(token) = next {
            out["NextToken"] = json!(token);
        }
        Ok(out)
    }

    /// Adds or replaces a job; `window_ends` is when it leaves `New` on its own.
    pub fn insert_job(&mut self, meta: Json, window_ends: Option<f64>) {
        let id = str_of(&meta, "JobId").to_string();
        self.window_pending(window_ends);
        let job = Job { meta, window_ends };
        let index = match self.job_index.get(&id) {
            Some(i) => {
                self.jobs[*i] = job;
                *i
            }
            None => {
                self.job_index.insert(id, self.jobs.len());
                self.jobs.push(job);
                self.jobs.len() - 1
            }
        };
        self.changes.job(index);
    }

    /// Adds or replaces a cluster; `window_ends` is when it leaves
    /// `AwaitingQuorum` on its own.
    fn insert_cluster(
        &mut self,
        meta: Json,
        window_ends: Option<f64>,
        node_settings: Map<String, Json>,
    ) {
        let id = str_of(&meta, "ClusterId").to_string();
        self.window_pending(window_ends);
        let cluster = Cluster {
            meta,
            window_ends,
            node_settings,
        };
        let index = match self.cluster_index.get(&id) {
            Some(i) => {
                self.clusters[*i] = cluster;
                *i
            }
            None => {
                self.cluster_index.insert(id, self.clusters.len());
                self.clusters.push(cluster);
                self.clusters.len() - 1
            }
        };
        self.changes.cluster(index);
    }

    pub fn insert_address(&mut self, mut address: Json) -> String {
        let id = match address.get("AddressId").and_then(Json::as_str) {
            Some(id) => id.to_string(),
            None => new_id("ADID"),
        };
        address["AddressId"] = json!(id);
        self.addresses.retain(|a| str_of(a, "AddressId") != id);
        self.changes.address(|| json!({ "Address": address }));
        self.addresses.push(address);
        id
    }

    pub fn remove_address(&mut self, id: &str) -> bool {
        let before = self.addresses.len();
        self.addresses.retain(|a| str_of(a, "AddressId") != id);
        let removed = before != self.addresses.len();
        if removed {
            self.changes.address(|| json!({ "RemovedAddress": id }));
        }
        removed
    }

    /// Sets a job's state as a test asks; the edit window no longer applies to it.
    /// A node job is `New` exactly while its cluster is `AwaitingQuorum` (it
    /// leaves `New` with its cluster), so a state that breaks this is refused.
    pub fn set_state(&mut self, id: &str, state: &str) -> Result<(), String> {
        check_job_state(state)?;
        let index = *self
            .job_index
            .get(id)
            .ok_or_else(|| format!("no job {id}"))?;
        let cluster = str_of(&self.jobs[index].meta, "ClusterId");
        if let Some(c) = self.cluster_index.get(cluster).map(|i| &self.clusters[*i]) {
            self.check_node_state(cluster, str_of(&c.meta, "ClusterState"), state)?;
        }
        self.changes.job(index);
        self.jobs[index].meta["JobState"] = json!(state);
        self.jobs[index].window_ends = None;
        Ok(())
    }

    fn check_node_state(
        &self,
        cluster: &str,
        cluster_state: &str,
        state: &str,
    ) -> Result<(), String> {
        let awaiting = cluster_state == "AwaitingQuorum";
        if awaiting != (state == "New") {
            return Err(format!(
                "a node job of the cluster {cluster} ({cluster_state}) cannot be {state}: its jobs are New exactly while it is AwaitingQuorum; set the cluster's state instead (PUT /_local/clusters/{cluster}/state)"
            ));
        }
        Ok(())
    }

    /// Sets a cluster's state as a test asks, and its node jobs' to match
    /// (`Pending` → `PreparingAppliance`, `Cancelled` → `Cancelled`, …); its
    /// edit window no longer applies.
    pub fn set_cluster_state(&mut self, id: &str, state: &str) -> Result<(), String> {
        check_text("ClusterState", state)?;
        if !self.cluster_index.contains_key(id) {
            return Err(format!("no cluster {id}"));
        }
        self.move_cluster(id, state);
        Ok(())
    }

    /// Sets the state of a job or, given a cluster ID, of a cluster.
    pub fn set_order_state(&mut self, id: &str, state: &str) -> Result<(), String> {
        if is_cluster_id(id) {
            self.set_cluster_state(id, state)
        } else {
            self.set_state(id, state)
        }
    }

    pub fn cluster_metadata(&self, id: &str) -> Option<Json> {
        self.cluster(id).ok().map(|c| c.meta.clone())
    }

    pub fn all_clusters(&self) -> Vec<Json> {
        self.clusters.iter().map(|c| c.meta.clone()).collect()
    }

    pub fn job_metadata(&self, id: &str) -> Option<Json> {
        self.job(id).ok().map(|j| j.meta.clone())
    }

    pub fn all_jobs(&self) -> Vec<Json> {
        self.jobs.iter().map(|j| j.meta.clone()).collect()
    }

    /// Loads a seed document (`Jobs`, `Clusters`, `Addresses`, and in state
    /// files `WindowEnds` and `NodeSettings`). Each entry is checked against the
    /// model; errors name the entry's path. Node jobs are jobs with `ClusterId`,
    /// naming a cluster of this document or one loaded before.
    pub fn load(&mut self, doc: &Json, now: f64) -> Result<Vec<String>, String> {
        let opts = DecodeOptions {
            text_timestamps: true,
        };
        let list = |key: &str| -> Result<Vec<Json>, String> {
            match doc.get(key) {
                None | Some(Json::Null) => Ok(Vec::new()),
                Some(Json::Array(items)) => Ok(items.clone()),
                Some(_) => Err(format!("{key}: expected a list")),
            }
        };
        if let Some(unknown) = doc
            .as_object()
            .ok_or("a seed document is a map with Jobs, Clusters and Addresses")?
            .keys()
            .find(|k| {
                ![
                    "Jobs",
                    "Clusters",
                    "Addresses",
                    "WindowEnds",
                    "NodeSettings",
                ]
                .contains(&k.as_str())
            })
        {
            return Err(format!(
                "{unknown}: unknown key (expected Jobs, Clusters, Addresses)"
            ));
        }
        for (i, address) in list("Addresses")?.into_iter().enumerate() {
            let decoded = model()
                .decode("Address", &Wire::from_json(address), opts)
                .map_err(|e| format!("Addresses[{i}].{e}"))?;
            self.insert_address(decoded);
        }
        let window_ends = doc.get("WindowEnds").cloned().unwrap_or(Json::Null);
        for (i, cluster) in list("Clusters")?.into_iter().enumerate() {
            let mut meta = model()
                .decode("ClusterMetadata", &Wire::from_json(cluster), opts)
                .map_err(|e| format!("Clusters[{i}].{e}"))?;
            let id = match meta.get("ClusterId").and_then(Json::as_str) {
                Some(id) => id.to_string(),
                None => new_id("CID"),
            };
            if !is_cluster_id(&id) {
                return Err(format!(
                    "Clusters[{i}].ClusterId: '{id}' is not a cluster ID (CID + UUID)"
                ));
            }
            meta["ClusterId"] = json!(id);
            let fields = meta
                .as_object_mut()
                .expect("ClusterMetadata decodes to a map");
            let created = fields
                .entry("CreationDate")
                .or_insert(json!(now))
                .as_f64()
                .unwrap_or(now);
            fields
                .entry("ClusterState")
                .or_insert(json!("AwaitingQuorum"));
            let ends = match window_ends.get(&id) {
                Some(v) => v.as_f64(),
                None if str_of(&meta, "ClusterState") == "AwaitingQuorum" => {
                    Some(created + self.edit_window)
                }
                None => None,
            };
            let node_settings = match doc.get("NodeSettings").and_then(|n| n.get(&id)) {
                Some(settings) => node_settings(settings, &format!("NodeSettings.{id}"), opts)?,
                None => Map::new(),
            };
            // A cluster seeded again in another state moves the node jobs it
            // already has, as PUT /_local/clusters/ID/state would.
            let moved = self
                .cluster_index
                .get(&id)
                .is_some_and(|i| self.clusters[*i].meta["ClusterState"] != meta["ClusterState"]);
            let state = str_of(&meta, "ClusterState").to_string();
            self.insert_cluster(meta, ends, node_settings);
            if moved {
                for job in self.node_jobs(&id) {
                    self.changes.job(job);
                    self.jobs[job].meta["JobState"] = json!(node_job_state(&state));
                }
            }
        }
        let mut ids = Vec::new();
        for (i, job) in list("Jobs")?.into_iter().enumerate() {
            let mut meta = model()
                .decode("JobMetadata", &Wire::from_json(job), opts)
                .map_err(|e| format!("Jobs[{i}].{e}"))?;
            let id = match meta.get("JobId").and_then(Json::as_str) {
                Some(id) => id.to_string(),
                None => new_id("JID"),
            };
            if !is_job_id(&id) {
                return Err(format!(
                    "Jobs[{i}].JobId: '{id}' is not a job ID (JID + UUID)"
                ));
            }
            meta["JobId"] = json!(id);
            // A node job's state follows its cluster's, and so does its window.
            let cluster_state = match meta.get("ClusterId").and_then(Json::as_str) {
                None => None,
                Some(cluster) => {
                    if !is_cluster_id(cluster) {
                        return Err(format!(
                            "Jobs[{i}].ClusterId: '{cluster}' is not a cluster ID (CID + UUID)"
                        ));
                    }
                    let c = self.cluster(cluster).map_err(|_| {
                        format!(
                            "Jobs[{i}].ClusterId: no cluster {cluster} (give it under Clusters)"
                        )
                    })?;
                    Some((
                        cluster.to_string(),
                        str_of(&c.meta, "ClusterState").to_string(),
                    ))
                }
            };
            let fields = meta.as_object_mut().expect("JobMetadata decodes to a map");
            let created = fields
                .entry("CreationDate")
                .or_insert(json!(now))
                .as_f64()
                .unwrap_or(now);
            let default_state = match &cluster_state {
                Some((_, state)) => node_job_state(state),
                None => "New",
            };
            fields.entry("JobState").or_insert(json!(default_state));
            let ends = match (&cluster_state, window_ends.get(&id)) {
                (Some((cluster, state)), _) => {
                    self.check_node_state(cluster, state, str_of(&meta, "JobState"))
                        .map_err(|e| format!("Jobs[{i}].JobState: {e}"))?;
                    None
                }
                (None, Some(v)) => v.as_f64(),
                (None, None) if str_of(&meta, "JobState") == "New" => {
                    Some(created + self.edit_window)
                }
                (None, None) => None,
            };
            self.insert_job(meta, ends);
            ids.push(id);
        }
        Ok(ids)
    }

    /// Everything needed to restart where we left off, as one record (see
    /// [`Store::apply`]) that touches every job, cluster and address.
    pub fn snapshot(&self) -> Json {
        json!({
            "Jobs": self.jobs.iter().map(job_entry).collect::<Vec<_>>(),
            "Clusters": self.clusters.iter().map(cluster_entry).collect::<Vec<_>>(),
            "Addresses": self.addresses.iter().map(|a| json!({ "Address": a })).collect::<Vec<_>>(),
        })
    }

    /// The record of what changed since the last call (see [`Store::apply`]),
    /// or `None` if nothing did (or changes are not tracked). Its size is that
    /// of the entries touched, whatever the number of stored ones.
    pub fn take_changes(&mut self) -> Option<Json> {
        let changes = &mut self.changes;
        if changes.jobs.is_empty() && changes.clusters.is_empty() && changes.addresses.is_empty() {
            return None;
        }
        let mut record = Map::new();
        if !changes.addresses.is_empty() {
            record.insert(
                "Addresses".into(),
                Json::Array(std::mem::take(&mut changes.addresses)),
            );
        }
        // In index order, so new entries are appended in the order they were
        // made and replaced ones keep their place.
        if !changes.clusters.is_empty() {
            let touched = std::mem::take(&mut changes.clusters);
            let entries = touched
                .into_iter()
                .map(|i| cluster_entry(&self.clusters[i]));
            record.insert("Clusters".into(), entries.collect());
        }
        if !changes.jobs.is_empty() {
            let touched = std::mem::take(&mut changes.jobs);
            let entries = touched.into_iter().map(|i| job_entry(&self.jobs[i]));
            record.insert("Jobs".into(), entries.collect());
        }
        Some(Json::Object(record))
    }

    /// Applies a record of [`Store::snapshot`] or [`Store::take_changes`]: each
    /// entry replaces the stored one whole (new ones are appended):
    ///
    /// ```text
    /// {"Addresses": [{"Address": Address} | {"RemovedAddress": AddressId}...],
    ///  "Clusters": [{"ClusterMetadata": …, "WindowEnds": epoch|null, "NodeSettings": {…}}...],
    ///  "Jobs": [{"JobMetadata": …, "WindowEnds": epoch|null}...]}
    /// ```
    ///
    /// Every entry is checked against the model (the record was read from a
    /// file); errors name the entry's path (`Jobs[2].JobMetadata.JobState: …`).
    /// Unlike [`Store::load`] nothing is defaulted or moved: the record is the
    /// state as it was.
    pub fn apply(&mut self, record: &Json) -> Result<(), String> {
        let opts = DecodeOptions {
            text_timestamps: false,
        };
        let fields = record
            .as_object()
            .ok_or("expected a map with Addresses, Clusters and Jobs")?;
        if let Some(unknown) = fields
            .keys()
            .find(|k| !["Addresses", "Clusters", "Jobs"].contains(&k.as_str()))
        {
            return Err(format!(
                "{unknown}: unknown key (expected Addresses, Clusters, Jobs)"
            ));
        }
        let list = |key: &str| -> Result<&[Json], String> {
            match fields.get(key) {
                None => Ok(&[]),
                Some(Json::Array(items)) => Ok(items),
                Some(_) => Err(format!("{key}: expected a list")),
            }
        };
        for (i, entry) in list("Addresses")?.iter().enumerate() {
            let at = format!("Addresses[{i}]");
            match entry_fields(entry, &at, &["Address", "RemovedAddress"], &[])? {
                (Some(address), None) if address.is_object() => {
                    let decoded = model()
                        .decode("Address", &Wire::from_json(address.clone()), opts)
                        .map_err(|e| format!("{at}.Address.{e}"))?;
                    if decoded.get("AddressId").is_none() {
                        return Err(format!("{at}.Address.AddressId: missing"));
                    }
                    self.insert_address(decoded);
                }
                (None, Some(Json::String(id))) => {
                    self.remove_address(id);
                }
                _ => {
                    return Err(format!(
                        "{at}: expected {{\"Address\": {{…}}}} or {{\"RemovedAddress\": \"ADID…\"}}"
                    ));
                }
            }
        }
        for (i, entry) in list("Clusters")?.iter().enumerate() {
            let at = format!("Clusters[{i}]");
            let (meta, ends) = entry_fields(
                entry,
                &at,
                &["ClusterMetadata", "WindowEnds"],
                &["NodeSettings"],
            )?;
            let meta = decode_meta(meta, "ClusterMetadata", "ClusterId", &at, opts)?;
            if !is_cluster_id(str_of(&meta, "ClusterId")) {
                return Err(format!(
                    "{at}.ClusterMetadata.ClusterId: not a cluster ID (CID + UUID)"
                ));
            }
            let ends = window_end(ends, &at)?;
            let node_settings = match entry.get("NodeSettings") {
                None => Map::new(),
                Some(settings) if settings.is_object() => {
                    node_settings(settings, &format!("{at}.NodeSettings"), opts)?
                }
                Some(_) => return Err(format!("{at}.NodeSettings: expected a map")),
            };
            self.insert_cluster(meta, ends, node_settings);
        }
        for (i, entry) in list("Jobs")?.iter().enumerate() {
            let at = format!("Jobs[{i}]");
            let (meta, ends) = entry_fields(entry, &at, &["JobMetadata", "WindowEnds"], &[])?;
            let meta = decode_meta(meta, "JobMetadata", "JobId", &at, opts)?;
            if !is_job_id(str_of(&meta, "JobId")) {
                return Err(format!("{at}.JobMetadata.JobId: not a job ID (JID + UUID)"));
            }
            if let Some(cluster) = meta.get("ClusterId").and_then(Json::as_str)
                && !self.cluster_index.contains_key(cluster)
            {
                return Err(format!(
                    "{at}.JobMetadata.ClusterId: no cluster {cluster} before it"
                ));
            }
            let ends = window_end(ends, &at)?;
            self.insert_job(meta, ends);
        }
        Ok(())
    }
}

fn job_entry(job: &Job) -> Json {
    json!({ "JobMetadata": job.meta, "WindowEnds": job.window_ends })
}

fn cluster_entry(cluster: &Cluster) -> Json {
    let mut entry = json!({ "ClusterMetadata": cluster.meta, "WindowEnds": cluster.window_ends });
    if !cluster.node_settings.is_empty() {
        entry["NodeSettings"] = Json::Object(cluster.node_settings.clone());
    }
    entry
}

/// The two members of a record's entry (`None` when absent), after checking
/// it is a map of only those and the `optional` ones.
fn entry_fields<'a>(
    entry: &'a Json,
    at: &str,
    members: &[&str; 2],
    optional: &[&str],
) -> Result<(Option<&'a Json>, Option<&'a Json>), String> {
    let fields = entry
        .as_object()
        .ok_or_else(|| format!("{at}: expected a map"))?;
    if let Some(unknown) = fields
        .keys()
        .find(|k| !members.contains(&k.as_str()) && !optional.contains(&k.as_str()))
    {
        return Err(format!(
            "{at}.{unknown}: unknown key (expected {})",
            members.join(", ")
        ));
    }
    Ok((fields.get(members[0]), fields.get(members[1])))
}

/// An entry's metadata checked against the model, with its ID present.
fn decode_meta(
    meta: Option<&Json>,
    shape: &str,
    id: &str,
    at: &str,
    opts: DecodeOptions,
) -> Result<Json, String> {
    let meta = match meta {
        Some(meta) if meta.is_object() => meta,
        Some(_) => return Err(format!("{at}.{shape}: expected a map")),
        None => return Err(format!("{at}.{shape}: missing")),
    };
    let decoded = model()
        .decode(shape, &Wire::from_json(meta.clone()), opts)
        .map_err(|e| format!("{at}.{shape}.{e}"))?;
    if decoded.get(id).is_none() {
        return Err(format!("{at}.{shape}.{id}: missing"));
    }
    Ok(decoded)
}

/// An entry's `WindowEnds`: epoch seconds, or null once the window no longer applies.
fn window_end(value: Option<&Json>, at: &str) -> Result<Option<f64>, String> {
    match value {
        None | Some(Json::Null) => Ok(None),
        Some(v) => v
            .as_f64()
            .filter(|t| t.is_finite())
            .map(Some)
            .ok_or_else(|| format!("{at}.WindowEnds: expected epoch seconds or null, not {v}")),
    }
}

/// Ok if `state` is a JobState the model knows.
pub fn check_job_state(state: &str) -> Result<(), String> {
    check_text("JobState", state)
}

/// Ok if `state` is a JobState or a ClusterState the model knows (what a
/// fault may set a job or a cluster to after its call).
pub fn check_order_state(state: &str) -> Result<(), String> {
    check_job_state(state).or_else(|job| {
        check_text("ClusterState", state).map_err(|cluster| {
            let clusters = cluster.split_once("one of: ").map_or("", |(_, c)| c);
            format!("{job} (JobState), nor one of: {clusters} (ClusterState)")
        })
    })
}

fn is_job_id(id: &str) -> bool {
    check_text("JobId", id).is_ok()
}

pub fn is_cluster_id(id: &str) -> bool {
    check_text("ClusterId", id).is_ok()
}

/// The members UpdateCluster can change (all but ClusterId), in the model's
/// order; ClusterMetadata holds each under its own name.
fn cluster_update_members() -> Vec<&'static str> {
    match model().shape("UpdateClusterRequest") {
        snowball_model::Shape::Structure { members, .. } => members
            .iter()
            .map(|(m, _)| m.as_str())
            .filter(|m| *m != "ClusterId")
            .collect(),
        _ => Vec::new(),
    }
}

/// Checks a text against a string shape of the model (enum, pattern, length).
fn check_text(shape: &str, text: &str) -> Result<(), String> {
    model()
        .decode(
            shape,
            &crate::protocol::Wire::Text(text.into()),
            DecodeOptions::default(),
        )
        .map(|_| ())
        .map_err(|e| e.message)
}

fn set_path(target: &mut Json, path: &[&str], value: Json) {
    match path {
        [last] => target[*last] = value,
        [first, rest @ ..] => {
            if !target.get(*first).is_some_and(Json::is_object) {
                target[*first] = json!({});
            }
            set_path(&mut target[*first], rest, value)
        }
        [] => {}
    }
}

fn list_entry(meta: &Json) -> Json {
    let mut entry = Map::new();
    for key in [
        "JobId",
        "JobState",
        "JobType",
        "SnowballType",
        "CreationDate",
        "Description",
    ] {
        if let Some(v) = meta.get(key) {
            entry.insert(key.into(), v.clone());
        }
    }
    entry.insert("IsMaster".into(), json!(false));
    Json::Object(entry)
}

fn cluster_list_entry(meta: &Json) -> Json {
    let mut entry = Map::new();
    for key in ["ClusterId", "ClusterState", "CreationDate", "Description"] {
        if let Some(v) = meta.get(key) {
            entry.insert(key.into(), v.clone());
        }
    }
    Json::Object(entry)
}

pub fn check_capacity(device: &str, capacity: Option<&Json>) -> Result<(), ApiError> {
    let Some(capacity) = capacity.and_then(Json::as_str) else {
        return Ok(());
    };
    if capacity == "NoPreference" {
        return Ok(());
    }
    match snowball_model::facts::capacities(device) {
        Some(allowed) if !snowball_model::facts::capacity_fits(device, capacity) => {
            Err(ApiError::combination(format!(
                "Capacity {capacity} is not available for SnowballType {device}; valid: {}, NoPreference.",
                allowed.join(", ")
            )))
        }
        _ => Ok(()),
    }
}

fn check_key_ranges(job_type: &str, resources: Option<&Json>) -> Result<(), ApiError> {
    let has_range = resources
        .and_then(|r| r.get("S3Resources"))
        .and_then(Json::as_array)
        .is_some_and(|list| list.iter().any(|s| s.get("KeyRange").is_some()));
    if has_range && job_type != snowball_model::facts::KEY_RANGE_JOB_TYPE {
        return Err(ApiError::combination(format!(
            "KeyRange is only supported on EXPORT jobs, not {job_type} jobs."
        )));
    }
    Ok(())
}

/// Clusters are LOCAL_USE, so none of their buckets takes a key range.
fn check_cluster_key_ranges(resources: Option<&Json>) -> Result<(), ApiError> {
    check_key_ranges(CLUSTER_JOB_TYPE, resources).map_err(|_| {
        ApiError::combination(
            "KeyRange is only supported on EXPORT jobs; a cluster's jobs are LOCAL_USE.",
        )
    })
}

/// One page of `items` after the item a NextToken names; tokens are opaque to clients.
fn paginate(
    items: &[Json],
    id_key: &str,
    kind: &str,
    input: &Json,
) -> Result<(Vec<Json>, Option<String>), ApiError> {
    let size = match input.get("MaxResults").and_then(Json::as_u64) {
        Some(n) if n > 0 => n as usize,
        _ => DEFAULT_PAGE,
    };
    let start = match input.get("NextToken").and_then(Json::as_str) {
        None => 0,
        Some(token) => {
            let bad = || {
                ApiError::new(
                    "InvalidNextTokenException",
                    400,
                    "The NextToken is not valid.",
                )
            };
            let text =
                String::from_utf8(hex::decode(token).map_err(|_| bad())?).map_err(|_| bad())?;
            let id = text.strip_prefix(&format!("{kind}:")).ok_or_else(bad)?;
            items
                .iter()
                .position(|i| str_of(i, id_key) == id)
                .ok_or_else(bad)?
        }
    };
    let end = (start + size).min(items.len());
    let next = items
        .get(end)
        .map(|i| hex::encode(format!("{kind}:{}", str_of(i, id_key))));
    Ok((items[start..end].to_vec(), next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store_with_job(job_type: &str, device: &str) -> (Store, String) {
        let mut store = Store::new(3600.0);
        let address = store.insert_address(
            json!({"Name": "A", "Street1": "1 Main", "City": "Seattle", "Country": "US"}),
        );
        let out = store
            .call(
                "CreateJob",
                &json!({"JobType": job_type, "SnowballType": device, "AddressId": address, "ShippingOption": "SECOND_DAY",
                        "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::a"}], "LambdaResources": [{"LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f"}]}}),
                1000.0,
            )
            .unwrap();
        (store, out["JobId"].as_str().unwrap().to_string())
    }

    #[test]
    fn update_replaces_each_member_wholesale() {
        let (mut store, id) = store_with_job("IMPORT", "EDGE");
        store
            .call("UpdateJob", &json!({"JobId": id, "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::b"}]}}), 1001.0)
            .unwrap();
        let meta = store.job_metadata(&id).unwrap();
        assert_eq!(
            meta["Resources"],
            json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::b"}]})
        );
        assert_eq!(meta["ShippingDetails"]["ShippingOption"], "SECOND_DAY");
    }

    #[test]
    fn capacity_and_key_range_combinations_are_refused() {
        let (mut store, id) = store_with_job("IMPORT", "EDGE");
        let err = store
            .call(
                "UpdateJob",
                &json!({"JobId": id, "SnowballCapacityPreference": "T8"}),
                1.0,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidInputCombinationException");
        let with_range = json!({"JobId": id, "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::b", "KeyRange": {"BeginMarker": "a"}}]}});
        assert_eq!(
            store.call("UpdateJob", &with_range, 1.0).unwrap_err().code,
            "InvalidInputCombinationException"
        );
        assert!(
            store
                .call(
                    "UpdateJob",
                    &json!({"JobId": id, "SnowballCapacityPreference": "T98"}),
                    1.0
                )
                .is_ok()
        );
    }

    #[test]
    fn window_moves_job_out_of_new() {
        let (mut store, id) = store_with_job("IMPORT", "EDGE");
        assert!(!store.advance(1000.0 + 3599.0));
        assert!(store.advance(1000.0 + 3600.0));
        let err = store
            .call(
                "UpdateJob",
                &json!({"JobId": id, "Description": "x"}),
                5000.0,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidJobStateException");
    }

    #[test]
    fn pagination_walks_every_job_and_rejects_bad_tokens() {
        let mut store = Store::new(3600.0);
        for _ in 0..7 {
            store.insert_job(json!({"JobId": new_id("JID"), "JobState": "New"}), None);
        }
        let mut seen = 0;
        let mut token: Option<String> = None;
        loop {
            let mut input = json!({"MaxResults": 3});
            if let Some(t) = &token {
                input["NextToken"] = json!(t);
            }
            let page = store.call("ListJobs", &input, 0.0).unwrap();
            seen += page["JobListEntries"].as_array().unwrap().len();
            match page.get("NextToken") {
                Some(t) => token = Some(t.as_str().unwrap().into()),
                None => break,
            }
        }
        assert_eq!(seen, 7);
        let err = store
            .call("ListJobs", &json!({"NextToken": "zz"}), 0.0)
            .unwrap_err();
        assert_eq!(err.code, "InvalidNextTokenException");
    }

    #[test]
    fn a_late_node_job_leaves_new_with_its_cluster_not_on_its_own_window() {
        let mut store = Store::new(3600.0);
        let address = store.insert_address(json!({"Name": "A"}));
        let out = store
            .call(
                "CreateCluster",
                &json!({"JobType": "LOCAL_USE", "SnowballType": "V3_5C", "AddressId": address,
                        "ShippingOption": "SECOND_DAY", "InitialClusterSize": 1}),
                1000.0,
            )
            .unwrap();
        let cluster = out["ClusterId"].as_str().unwrap().to_string();
        let late = store
            .call("CreateJob", &json!({"ClusterId": cluster}), 4000.0)
            .unwrap();
        let late = late["JobId"].as_str().unwrap();
        assert!(store.advance(4600.0));
        assert_eq!(
            store.cluster_metadata(&cluster).unwrap()["ClusterState"],
            "Pending"
        );
        assert_eq!(
            store.job_metadata(late).unwrap()["JobState"],
            "PreparingAppliance"
        );
        assert!(!store.advance(4000.0 + 3600.0));
    }
}
