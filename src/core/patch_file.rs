//! Patch files for `apply` (SPEC.md section 3): YAML or JSON whose top-level keys
//! are UpdateJob members. The file is checked whole before any request: unknown
//! keys and wrong types by serde (with path and line), values (enums, ARNs, IDs,
//! lengths) on conversion to SDK types (with path). For each job, structures
//! merge into its current value member by member (a given sub-member replaces,
//! `null` removes it, others are kept); lists and scalars replace.

use aws_sdk_snowball::primitives::DateTime;
use aws_sdk_snowball::types::*;
use aws_smithy_types::date_time::Format;
use serde::Deserialize;
use serde_json::{Map, Value as Json};

use crate::aws::convert;
use crate::core::checks;
use crate::core::patch::Patch;
use crate::output::yaml;

/// A patch file, checked: the given members as written (for merging), known
/// to convert cleanly.
#[derive(Clone, Debug, PartialEq)]
pub struct PatchFile {
    members: Map<String, Json>,
}

// The document's shape, for serde to check keys and types. Field names are the API's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
#[allow(dead_code)]
struct Document {
    #[serde(rename = "RoleARN")]
    role_arn: Option<String>,
    notification: Option<NotificationDoc>,
    resources: Option<ResourcesDoc>,
    on_device_service_configuration: Option<ServicesDoc>,
    address_id: Option<String>,
    shipping_option: Option<String>,
    description: Option<String>,
    snowball_capacity_preference: Option<String>,
    forwarding_address_id: Option<String>,
    pickup_details: Option<PickupDoc>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NotificationDoc {
    #[serde(rename = "SnsTopicARN")]
    sns_topic_arn: Option<String>,
    #[serde(rename = "JobStatesToNotify")]
    job_states_to_notify: Option<Vec<String>>,
    #[serde(rename = "NotifyAll")]
    notify_all: Option<bool>,
    #[serde(rename = "DevicePickupSnsTopicARN")]
    device_pickup_sns_topic_arn: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ResourcesDoc {
    #[serde(rename = "S3Resources")]
    s3_resources: Option<Vec<S3Doc>>,
    lambda_resources: Option<Vec<LambdaDoc>>,
    ec2_ami_resources: Option<Vec<AmiDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct S3Doc {
    bucket_arn: Option<String>,
    key_range: Option<KeyRangeDoc>,
    target_on_device_services: Option<Vec<TargetDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct KeyRangeDoc {
    begin_marker: Option<String>,
    end_marker: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct TargetDoc {
    service_name: Option<String>,
    transfer_option: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct LambdaDoc {
    lambda_arn: Option<String>,
    event_triggers: Option<Vec<TriggerDoc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerDoc {
    #[serde(rename = "EventResourceARN")]
    event_resource_arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct AmiDoc {
    ami_id: String,
    snowball_ami_id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ServicesDoc {
    #[serde(rename = "NFSOnDeviceService")]
    nfs: Option<StorageDoc>,
    #[serde(rename = "TGWOnDeviceService")]
    tgw: Option<StorageDoc>,
    #[serde(rename = "EKSOnDeviceService")]
    eks: Option<EksDoc>,
    #[serde(rename = "S3OnDeviceService")]
    s3: Option<S3OnDeviceDoc>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct StorageDoc {
    storage_limit: Option<i32>,
    storage_unit: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EksDoc {
    #[serde(rename = "KubernetesVersion")]
    kubernetes_version: Option<String>,
    #[serde(rename = "EKSAnywhereVersion")]
    eks_anywhere_version: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct S3OnDeviceDoc {
    storage_limit: Option<f64>,
    storage_unit: Option<String>,
    service_size: Option<i32>,
    fault_tolerance: Option<i32>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PickupDoc {
    name: Option<String>,
    phone_number: Option<String>,
    email: Option<String>,
    identification_number: Option<String>,
    identification_expiration_date: Option<String>,
    identification_issuing_org: Option<String>,
    device_pickup_id: Option<String>,
}

type Checked<T> = Result<T, String>;

/// A structure member of a patch file and the SDK type it becomes.
trait ToSdk: serde::de::DeserializeOwned {
    type Sdk;
    fn to_sdk(&self, path: &str) -> Checked<Self::Sdk>;
}

/// A merged structure member, decoded and checked as `D`.
fn structure<D: ToSdk>(merged: Option<Json>, key: &str) -> Checked<Option<D::Sdk>> {
    merged.map(|v| decode::<D>(v, key)?.to_sdk(key)).transpose()
}

fn at(path: &str, message: impl std::fmt::Display) -> String {
    format!("{path}: {message}")
}

/// An enum value in the API's spelling; the error lists the valid ones.
fn api_enum<T: From<&'static str>>(
    value: &str,
    path: &str,
    values: &'static [&'static str],
) -> Checked<T> {
    values
        .iter()
        .find(|v| **v == value)
        .map(|v| T::from(v))
        .ok_or_else(|| {
            at(
                path,
                format!("'{value}' is not one of {}", values.join(", ")),
            )
        })
}

fn text(value: &Option<String>, path: &str, min: usize, max: usize) -> Checked<Option<String>> {
    match value {
        Some(v) if !(min..=max).contains(&v.chars().count()) => {
            Err(at(path, format!("must be {min} to {max} characters long")))
        }
        other => Ok(other.clone()),
    }
}

fn arn(
    value: &Option<String>,
    path: &str,
    service: Option<&str>,
    example: &str,
) -> Checked<Option<String>> {
    let Some(v) = value else { return Ok(None) };
    let parts: Vec<&str> = v.splitn(6, ':').collect();
    let ok = v.len() <= 255
        && parts.len() == 6
        && parts[0] == "arn"
        && parts[1].starts_with("aws")
        && service.is_none_or(|s| parts[2] == s);
    if ok {
        Ok(Some(v.clone()))
    } else {
        Err(at(
            path,
            format!("'{v}' is not a valid ARN (e.g. {example})"),
        ))
    }
}

fn role_arn(value: &Option<String>, path: &str) -> Checked<Option<String>> {
    let example = "arn:aws:iam::123456789012:role/snowball";
    let checked = arn(value, path, Some("iam"), example)?;
    if let Some(v) = &checked {
        let rest: Vec<&str> = v.splitn(6, ':').collect();
        if !(rest[4].len() == 12
            && rest[4].bytes().all(|b| b.is_ascii_digit())
            && rest[5].starts_with("role/"))
        {
            return Err(at(
                path,
                format!("'{v}' is not an IAM role ARN (e.g. {example})"),
            ));
        }
    }
    Ok(checked)
}

fn topic_arn(value: &Option<String>, path: &str) -> Checked<Option<String>> {
    arn(
        value,
        path,
        Some("sns"),
        "arn:aws:sns:us-east-1:123456789012:topic",
    )
}

fn timestamp(value: &Option<String>, path: &str) -> Checked<Option<DateTime>> {
    value
        .as_deref()
        .map(|v| {
            DateTime::from_str(v, Format::DateTime).map_err(|_| {
                at(
                    path,
                    format!("'{v}' is not an RFC 3339 timestamp (e.g. 2027-01-31T00:00:00Z)"),
                )
            })
        })
        .transpose()
}

fn each<D, T>(
    items: &Option<Vec<D>>,
    path: &str,
    convert: impl Fn(&D, &str) -> Checked<T>,
) -> Checked<Option<Vec<T>>> {
    items
        .as_ref()
        .map(|list| {
            list.iter()
                .enumerate()
                .map(|(i, item)| convert(item, &format!("{path}[{i}]")))
                .collect()
        })
        .transpose()
}

impl ToSdk for NotificationDoc {
    type Sdk = Notification;

    fn to_sdk(&self, path: &str) -> Checked<Notification> {
        let states = each(
            &self.job_states_to_notify,
            &format!("{path}.JobStatesToNotify"),
            |s, p| api_enum::<JobState>(s, p, JobState::values()),
        )?;
        Ok(Notification::builder()
            .set_sns_topic_arn(topic_arn(
                &self.sns_topic_arn,
                &format!("{path}.SnsTopicARN"),
            )?)
            .set_job_states_to_notify(states)
            .set_notify_all(self.notify_all)
            .set_device_pickup_sns_topic_arn(topic_arn(
                &self.device_pickup_sns_topic_arn,
                &format!("{path}.DevicePickupSnsTopicARN"),
            )?)
            .build())
    }
}

impl ToSdk for ResourcesDoc {
    type Sdk = JobResource;

    fn to_sdk(&self, path: &str) -> Checked<JobResource> {
        let s3 = each(
            &self.s3_resources,
            &format!("{path}.S3Resources"),
            |s, p| s.to_sdk(p),
        )?;
        let lambda = each(
            &self.lambda_resources,
            &format!("{path}.LambdaResources"),
            |l, p| {
                let triggers = each(&l.event_triggers, &format!("{p}.EventTriggers"), |t, tp| {
                    let arn = arn(
                        &t.event_resource_arn,
                        &format!("{tp}.EventResourceARN"),
                        None,
                        "arn:aws:s3:::bucket",
                    )?;
                    Ok(EventTriggerDefinition::builder()
                        .set_event_resource_arn(arn)
                        .build())
                })?;
                Ok(LambdaResource::builder()
                    .set_lambda_arn(arn(
                        &l.lambda_arn,
                        &format!("{p}.LambdaArn"),
                        Some("lambda"),
                        "arn:aws:lambda:us-east-1:123456789012:function:f",
                    )?)
                    .set_event_triggers(triggers)
                    .build())
            },
        )?;
        let amis = each(
            &self.ec2_ami_resources,
            &format!("{path}.Ec2AmiResources"),
            |a, p| {
                let id = &a.ami_id;
                let hex = id.strip_prefix("ami-").unwrap_or("");
                if !((hex.len() == 8 || hex.len() == 17)
                    && hex
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
                {
                    return Err(at(
                        &format!("{p}.AmiId"),
                        format!("'{id}' is not an AMI ID (ami- and 8 or 17 hex digits)"),
                    ));
                }
                Ec2AmiResource::builder()
                    .ami_id(id)
                    .set_snowball_ami_id(text(
                        &a.snowball_ami_id,
                        &format!("{p}.SnowballAmiId"),
                        1,
                        1024,
                    )?)
                    .build()
                    .map_err(|e| at(p, e))
            },
        )?;
        Ok(JobResource::builder()
            .set_s3_resources(s3)
            .set_lambda_resources(lambda)
            .set_ec2_ami_resources(amis)
            .build())
    }
}

impl S3Doc {
    fn to_sdk(&self, path: &str) -> Checked<S3Resource> {
        let bucket_path = format!("{path}.BucketArn");
        let bucket = match self.bucket_arn.as_deref() {
            Some(b) if !b.starts_with("arn:") => {
                return Err(at(
                    &bucket_path,
                    format!("'{b}' is not an ARN: write arn:aws:s3:::{b}"),
                ));
            }
            Some(b) => Some(checks::bucket_arn(b, "aws").map_err(|e| at(&bucket_path, e))?),
            None => None,
        };
        let key_range = match &self.key_range {
            Some(k) => {
                checks::key_range_order(k.begin_marker.as_deref(), k.end_marker.as_deref())
                    .map_err(|e| at(&format!("{path}.KeyRange"), e))?;
                Some(
                    KeyRange::builder()
                        .set_begin_marker(text(
                            &k.begin_marker,
                            &format!("{path}.KeyRange.BeginMarker"),
                            1,
                            1024,
                        )?)
                        .set_end_marker(text(
                            &k.end_marker,
                            &format!("{path}.KeyRange.EndMarker"),
                            1,
                            1024,
                        )?)
                        .build(),
                )
            }
            None => None,
        };
        let targets = each(
            &self.target_on_device_services,
            &format!("{path}.TargetOnDeviceServices"),
            |t, p| {
                Ok(TargetOnDeviceService::builder()
                    .set_service_name(
                        t.service_name
                            .as_deref()
                            .map(|s| {
                                api_enum(
                                    s,
                                    &format!("{p}.ServiceName"),
                                    DeviceServiceName::values(),
                                )
                            })
                            .transpose()?,
                    )
                    .set_transfer_option(
                        t.transfer_option
                            .as_deref()
                            .map(|s| {
                                api_enum(
                                    s,
                                    &format!("{p}.TransferOption"),
                                    TransferOption::values(),
                                )
                            })
                            .transpose()?,
                    )
                    .build())
            },
        )?;
        Ok(S3Resource::builder()
            .set_bucket_arn(bucket)
            .set_key_range(key_range)
            .set_target_on_device_services(targets)
            .build())
    }
}

fn unit(value: &Option<String>, path: &str) -> Checked<Option<StorageUnit>> {
    value
        .as_deref()
        .map(|u| api_enum(u, path, StorageUnit::values()))
        .transpose()
}

impl StorageDoc {
    /// The limit (0 or more) and unit shared by the NFS and Tape Gateway services.
    fn checked(&self, path: &str) -> Checked<(Option<i32>, Option<StorageUnit>)> {
        let limit = match self.storage_limit {
            Some(n) if n < 0 => {
                return Err(at(
                    &format!("{path}.StorageLimit"),
                    format!("{n} is below 0"),
                ));
            }
            other => other,
        };
        Ok((
            limit,
            unit(&self.storage_unit, &format!("{path}.StorageUnit"))?,
        ))
    }
}

impl ToSdk for ServicesDoc {
    type Sdk = OnDeviceServiceConfiguration;

    fn to_sdk(&self, path: &str) -> Checked<OnDeviceServiceConfiguration> {
        let nfs = match &self.nfs {
            Some(n) => {
                let (limit, unit) = n.checked(&format!("{path}.NFSOnDeviceService"))?;
                let nfs = NfsOnDeviceServiceConfiguration::builder().set_storage_limit(limit);
                Some(nfs.set_storage_unit(unit).build())
            }
            None => None,
        };
        let tgw = match &self.tgw {
            Some(t) => {
                let (limit, unit) = t.checked(&format!("{path}.TGWOnDeviceService"))?;
                let tgw = TgwOnDeviceServiceConfiguration::builder().set_storage_limit(limit);
                Some(tgw.set_storage_unit(unit).build())
            }
            None => None,
        };
        let eks = self
            .eks
            .as_ref()
            .map(|e| -> Checked<_> {
                let p = format!("{path}.EKSOnDeviceService");
                Ok(EksOnDeviceServiceConfiguration::builder()
                    .set_kubernetes_version(text(
                        &e.kubernetes_version,
                        &format!("{p}.KubernetesVersion"),
                        1,
                        1024,
                    )?)
                    .set_eks_anywhere_version(text(
                        &e.eks_anywhere_version,
                        &format!("{p}.EKSAnywhereVersion"),
                        1,
                        1024,
                    )?)
                    .build())
            })
            .transpose()?;
        let s3 = self
            .s3
            .as_ref()
            .map(|s| -> Checked<_> {
                let p = format!("{path}.S3OnDeviceService");
                if let Some(limit) = s.storage_limit
                    && !(limit.is_finite() && limit >= 0.0)
                {
                    return Err(at(
                        &format!("{p}.StorageLimit"),
                        "must be a number of 0 or more",
                    ));
                }
                let in_range = |v: Option<i32>, lo: i32, hi: i32, name: &str| match v {
                    Some(n) if !(lo..=hi).contains(&n) => Err(at(
                        &format!("{p}.{name}"),
                        format!("{n} is not within {lo} to {hi}"),
                    )),
                    other => Ok(other),
                };
                Ok(S3OnDeviceServiceConfiguration::builder()
                    .set_storage_limit(s.storage_limit)
                    .set_storage_unit(unit(&s.storage_unit, &format!("{p}.StorageUnit"))?)
                    .set_service_size(in_range(s.service_size, 3, 16, "ServiceSize")?)
                    .set_fault_tolerance(in_range(s.fault_tolerance, 1, 4, "FaultTolerance")?)
                    .build())
            })
            .transpose()?;
        Ok(OnDeviceServiceConfiguration::builder()
            .set_nfs_on_device_service(nfs)
            .set_tgw_on_device_service(tgw)
            .set_eks_on_device_service(eks)
            .set_s3_on_device_service(s3)
            .build())
    }
}

impl ToSdk for PickupDoc {
    type Sdk = PickupDetails;

    fn to_sdk(&self, path: &str) -> Checked<PickupDetails> {
        let p = |m: &str| format!("{path}.{m}");
        if let Some(email) = &self.email {
            let (user, domain) = email.split_once('@').unwrap_or(("", ""));
            if user.is_empty() || !domain.contains('.') || email.len() > 100 {
                return Err(at(
                    &p("Email"),
                    format!("'{email}' is not an email address"),
                ));
            }
        }
        if let Some(phone) = &self.phone_number {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            if !(7..=30).contains(&phone.len()) || digits < 10 {
                return Err(at(
                    &p("PhoneNumber"),
                    format!("'{phone}' is not a phone number"),
                ));
            }
        }
        let pickup_id = match &self.device_pickup_id {
            Some(id) => match id
                .strip_prefix("DPID")
                .map(|rest| checks::address_id(&format!("ADID{rest}")))
            {
                Some(Ok(_)) => Some(id.clone()),
                _ => {
                    return Err(at(
                        &p("DevicePickupId"),
                        format!("'{id}' is not a device pickup ID (DPID + UUID)"),
                    ));
                }
            },
            None => None,
        };
        Ok(PickupDetails::builder()
            .set_name(text(&self.name, &p("Name"), 1, 1024)?)
            .set_phone_number(self.phone_number.clone())
            .set_email(self.email.clone())
            .set_identification_number(text(
                &self.identification_number,
                &p("IdentificationNumber"),
                1,
                1024,
            )?)
            .set_identification_expiration_date(timestamp(
                &self.identification_expiration_date,
                &p("IdentificationExpirationDate"),
            )?)
            .set_identification_issuing_org(text(
                &self.identification_issuing_org,
                &p("IdentificationIssuingOrg"),
                1,
                1024,
            )?)
            .set_device_pickup_id(pickup_id)
            .build())
    }
}

/// Members that are structures: merged into the job's value, not replaced.
const STRUCTURES: &[&str] = &[
    "Notification",
    "Resources",
    "OnDeviceServiceConfiguration",
    "PickupDetails",
];

/// Reads and checks a patch file's text. Errors name the member's path and,
/// where the parser knows it, the line.
pub fn parse(text: &str) -> Result<PatchFile, String> {
    if text.trim().is_empty() {
        return Err("the patch file is empty: give at least one UpdateJob member (e.g. ShippingOption: NEXT_DAY)".into());
    }
    let doc: Json = yaml::from_str(text)?;
    let Json::Object(members) = doc else {
        return Err("the patch file must be a map of UpdateJob members (RoleARN, Notification, Resources, ...)".into());
    };
    if members.is_empty() {
        return Err("the patch file has no members".into());
    }
    for (key, value) in &members {
        if value.is_null() {
            return Err(at(
                key,
                "null cannot remove a member: UpdateJob can only replace it; leave the key out to keep it",
            ));
        }
    }
    // Keys and types, with lines.
    let _: Document = yaml::from_str(text)?;
    let file = PatchFile { members };
    // Values: the file's own members must convert on their own.
    file.to_patch(&Json::Object(Map::new()))?;
    Ok(file)
}

impl PatchFile {
    /// The patch for a job whose current members (as API JSON) are `current`.
    pub fn patch_for(&self, job: &JobMetadata) -> Result<Patch, String> {
        self.to_patch(&convert::job_metadata(job))
    }

    /// The UpdateJob members the file gives.
    pub fn member_names(&self) -> impl Iterator<Item = &str> {
        self.members.keys().map(String::as_str)
    }

    /// The patch that sets every member the file gives to exactly its value:
    /// structures replace instead of merging (a desired state, as `edit` saves it).
    pub fn desired(&self) -> Result<Patch, String> {
        self.to_patch(&Json::Object(Map::new()))
    }

    fn to_patch(&self, current: &Json) -> Result<Patch, String> {
        let merged = |key: &str| -> Option<Json> {
            let given = self.members.get(key)?;
            if !STRUCTURES.contains(&key) {
                return Some(given.clone());
            }
            let base = current
                .get(key)
                .cloned()
                .unwrap_or(Json::Object(Map::new()));
            Some(merge(base, given))
        };
        let string = |key: &str| -> Checked<Option<String>> {
            merged(key).map(|v| scalar(&v, key)).transpose()
        };

        let address = |key: &str| -> Checked<Option<String>> {
            string(key)?
                .map(|id| checks::address_id(&id).map_err(|e| at(key, e)))
                .transpose()
        };
        Ok(Patch {
            role_arn: role_arn(&string("RoleARN")?, "RoleARN")?,
            notification: structure::<NotificationDoc>(merged("Notification"), "Notification")?,
            resources: structure::<ResourcesDoc>(merged("Resources"), "Resources")?,
            on_device_service_configuration: structure::<ServicesDoc>(
                merged("OnDeviceServiceConfiguration"),
                "OnDeviceServiceConfiguration",
            )?,
            address_id: address("AddressId")?,
            shipping_option: string("ShippingOption")?
                .map(|s| api_enum(&s, "ShippingOption", ShippingOption::values()))
                .transpose()?,
            description: text(&string("Description")?, "Description", 1, 1024)?,
            snowball_capacity_preference: string("SnowballCapacityPreference")?
                .map(|s| api_enum(&s, "SnowballCapacityPreference", SnowballCapacity::values()))
                .transpose()?,
            forwarding_address_id: address("ForwardingAddressId")?,
            pickup_details: structure::<PickupDoc>(merged("PickupDetails"), "PickupDetails")?,
        })
    }
}

/// A scalar member as text: YAML writes `2025` for the string "2025", so numbers
/// and booleans are taken as their text; lists and maps are refused.
fn scalar(value: &Json, key: &str) -> Checked<String> {
    match value {
        Json::String(s) => Ok(s.clone()),
        Json::Number(_) | Json::Bool(_) => Ok(value.to_string()),
        _ => Err(at(key, "expected a single value, not a list or map")),
    }
}

/// Decodes a merged member; errors name the full path inside it.
fn decode<T: serde::de::DeserializeOwned>(value: Json, key: &str) -> Result<T, String> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            key.to_string()
        } else {
            format!("{key}.{inner}")
        };
        at(&path, e.into_inner())
    })
}

/// JSON merge patch (RFC 7396): maps merge key by key, `null` removes a key,
/// anything else (lists included) replaces.
pub fn merge(base: Json, patch: &Json) -> Json {
    match (base, patch) {
        (Json::Object(mut base), Json::Object(changes)) => {
            for (key, change) in changes {
                if change.is_null() {
                    base.remove(key);
                } else {
                    let current = base.remove(key).unwrap_or(Json::Null);
                    base.insert(key.clone(), merge(current, change));
                }
            }
            Json::Object(base)
        }
        (_, patch) => strip_nulls(patch),
    }
}

fn strip_nulls(v: &Json) -> Json {
    match v {
        Json::Object(map) => Json::Object(
            map.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), strip_nulls(v)))
                .collect(),
        ),
        Json::Array(items) => Json::Array(items.iter().map(strip_nulls).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn services_job() -> JobMetadata {
        JobMetadata::builder()
            .notification(
                Notification::builder()
                    .sns_topic_arn("arn:aws:sns:us-east-1:123456789012:old")
                    .job_states_to_notify(JobState::Complete)
                    .job_states_to_notify(JobState::WithAws)
                    .build(),
            )
            .on_device_service_configuration(
                OnDeviceServiceConfiguration::builder()
                    .nfs_on_device_service(
                        NfsOnDeviceServiceConfiguration::builder()
                            .storage_limit(8)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .tgw_on_device_service(
                        TgwOnDeviceServiceConfiguration::builder()
                            .storage_limit(80)
                            .storage_unit(StorageUnit::Tb)
                            .build(),
                    )
                    .build(),
            )
            .build()
    }

    #[test]
    fn setting_nfs_keeps_tape_gateway() {
        let file =
            parse("OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 4\n")
                .unwrap();
        let patch = file.patch_for(&services_job()).unwrap();
        let config = patch.on_device_service_configuration.unwrap();
        assert_eq!(config.nfs_on_device_service().unwrap().storage_limit(), 4);
        assert_eq!(
            config.nfs_on_device_service().unwrap().storage_unit(),
            Some(&StorageUnit::Tb),
            "sub-member kept"
        );
        assert_eq!(config.tgw_on_device_service().unwrap().storage_limit(), 80);
    }

    #[test]
    fn setting_the_topic_keeps_the_states() {
        let file =
            parse(r#"{"Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:new"}}"#)
                .unwrap();
        let n = file
            .patch_for(&services_job())
            .unwrap()
            .notification
            .unwrap();
        assert_eq!(
            n.sns_topic_arn(),
            Some("arn:aws:sns:us-east-1:123456789012:new")
        );
        assert_eq!(
            n.job_states_to_notify(),
            [JobState::Complete, JobState::WithAws]
        );
    }

    #[test]
    fn lists_replace_and_null_removes() {
        let file = parse(
            "Notification:\n  JobStatesToNotify: [InTransitToCustomer]\n  SnsTopicARN: null\n",
        )
        .unwrap();
        let n = file
            .patch_for(&services_job())
            .unwrap()
            .notification
            .unwrap();
        assert_eq!(n.job_states_to_notify(), [JobState::InTransitToCustomer]);
        assert_eq!(n.sns_topic_arn(), None);
    }

    #[test]
    fn rejections_name_the_path_and_line() {
        let cases = [
            ("Bogus: 1\n", "Bogus"),
            ("JobId: JID123e4567-e89b-12d3-a456-426655440000\n", "JobId"),
            ("ShippingOption: WARP\n", "ShippingOption"),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n    - BucketArn: 42\n",
                "Resources.S3Resources[1].BucketArn",
            ),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n      Colour: blue\n",
                "line 4",
            ),
            (
                "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok\n    - BucketArn: not-an-arn\n",
                "Resources.S3Resources[1].BucketArn",
            ),
            (
                "Resources:\n  S3Resources:\n    - Bucket: arn:aws:s3:::ok\n",
                "Bucket",
            ),
            (
                "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: lots\n",
                "StorageLimit",
            ),
            (
                "Notification:\n  JobStatesToNotify: [Whenever]\n",
                "Notification.JobStatesToNotify[0]",
            ),
            ("RoleARN: arn:aws:iam::123:role/x\n", "RoleARN"),
            ("AddressId: ADID1\n", "AddressId"),
            ("PickupDetails:\n  Email: nope\n", "PickupDetails.Email"),
            (
                "Resources:\n  Ec2AmiResources:\n    - AmiId: ami-1\n",
                "Resources.Ec2AmiResources[0].AmiId",
            ),
            ("Description: ''\n", "Description"),
            ("Notification: null\n", "Notification"),
            ("- ShippingOption: NEXT_DAY\n", "map of UpdateJob members"),
            ("ShippingOption: [NEXT_DAY\n", "line"),
            ("", "empty"),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }

    #[test]
    fn merge_follows_rfc_7396() {
        let merged = merge(
            json!({"a": 1, "b": {"c": 2, "d": 3}, "l": [1, 2]}),
            &json!({"b": {"c": null, "e": 4}, "l": [3]}),
        );
        assert_eq!(merged, json!({"a": 1, "b": {"d": 3, "e": 4}, "l": [3]}));
    }
}
