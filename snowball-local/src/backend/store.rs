//! Jobs and addresses, and what each operation does to them. Values are kept in
//! the API's JSON form (member names as in the model, timestamps as epoch seconds).

use std::collections::HashMap;

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

pub const DEFAULT_PAGE: usize = 100;

struct Job {
    meta: Json,
    /// When the job leaves `New` on its own; `None` once it has, or when a test
    /// pinned its state.
    window_ends: Option<f64>,
}

pub struct Store {
    jobs: Vec<Job>,
    job_index: HashMap<String, usize>,
    addresses: Vec<Json>,
    edit_window: f64,
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
            addresses: Vec::new(),
            edit_window: edit_window_secs,
        }
    }

    /// Moves jobs whose edit window has passed to `PreparingAppliance`.
    /// Returns whether anything changed.
    pub fn advance(&mut self, now: f64) -> bool {
        let mut changed = false;
        for job in &mut self.jobs {
            if job.window_ends.is_some_and(|end| end <= now) {
                job.window_ends = None;
                if str_of(&job.meta, "JobState") == "New" {
                    job.meta["JobState"] = json!("PreparingAppliance");
                    changed = true;
                }
            }
        }
        changed
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
            "CreateJob" | "UpdateJob" | "CancelJob" | "CreateAddress"
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
        let state = str_of(&job.meta, "JobState");
        if state != "New" {
            return Err(ApiError::job_state(format!(
                "The job {id} is in state {state}; it can only be cancelled while New."
            )));
        }
        let index = self.job_index[id];
        self.jobs[index].meta["JobState"] = json!("Cancelled");
        self.jobs[index].window_ends = None;
        Ok(json!({}))
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
        let job = Job { meta, window_ends };
        match self.job_index.get(&id) {
            Some(i) => self.jobs[*i] = job,
            None => {
                self.job_index.insert(id, self.jobs.len());
                self.jobs.push(job);
            }
        }
    }

    pub fn insert_address(&mut self, mut address: Json) -> String {
        let id = match address.get("AddressId").and_then(Json::as_str) {
            Some(id) => id.to_string(),
            None => new_id("ADID"),
        };
        address["AddressId"] = json!(id);
        self.addresses.retain(|a| str_of(a, "AddressId") != id);
        self.addresses.push(address);
        id
    }

    pub fn remove_address(&mut self, id: &str) -> bool {
        let before = self.addresses.len();
        self.addresses.retain(|a| str_of(a, "AddressId") != id);
        before != self.addresses.len()
    }

    /// Sets a job's state as a test asks; the edit window no longer applies to it.
    pub fn set_state(&mut self, id: &str, state: &str) -> Result<(), String> {
        check_job_state(state)?;
        let index = *self
            .job_index
            .get(id)
            .ok_or_else(|| format!("no job {id}"))?;
        self.jobs[index].meta["JobState"] = json!(state);
        self.jobs[index].window_ends = None;
        Ok(())
    }

    pub fn job_metadata(&self, id: &str) -> Option<Json> {
        self.job(id).ok().map(|j| j.meta.clone())
    }

    pub fn all_jobs(&self) -> Vec<Json> {
        self.jobs.iter().map(|j| j.meta.clone()).collect()
    }

    /// Loads a seed document (`Jobs`, `Addresses`, and in state files `WindowEnds`).
    /// Each entry is checked against the model; errors name the entry's path.
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
            .ok_or("a seed document is a map with Jobs and Addresses")?
            .keys()
            .find(|k| !["Jobs", "Addresses", "WindowEnds"].contains(&k.as_str()))
        {
            return Err(format!("{unknown}: unknown key (expected Jobs, Addresses)"));
        }
        for (i, address) in list("Addresses")?.into_iter().enumerate() {
            let decoded = model()
                .decode("Address", &Wire::from_json(address), opts)
                .map_err(|e| format!("Addresses[{i}].{e}"))?;
            self.insert_address(decoded);
        }
        let window_ends = doc.get("WindowEnds").cloned().unwrap_or(Json::Null);
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
            let fields = meta.as_object_mut().expect("JobMetadata decodes to a map");
            let created = fields
                .entry("CreationDate")
                .or_insert(json!(now))
                .as_f64()
                .unwrap_or(now);
            fields.entry("JobState").or_insert(json!("New"));
            let ends = match window_ends.get(&id) {
                Some(v) => v.as_f64(),
                None if str_of(&meta, "JobState") == "New" => Some(created + self.edit_window),
                None => None,
            };
            self.insert_job(meta, ends);
            ids.push(id);
        }
        Ok(ids)
    }

    /// Everything needed to restart where we left off.
    pub fn snapshot(&self) -> Json {
        let window_ends: Map<String, Json> = self
            .jobs
            .iter()
            .map(|j| (str_of(&j.meta, "JobId").to_string(), json!(j.window_ends)))
            .collect();
        json!({
            "Jobs": self.all_jobs(),
            "Addresses": self.addresses,
            "WindowEnds": window_ends,
        })
    }
}

/// Ok if `state` is a JobState the model knows.
pub fn check_job_state(state: &str) -> Result<(), String> {
    check_text("JobState", state)
}

fn is_job_id(id: &str) -> bool {
    check_text("JobId", id).is_ok()
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
}
