//! SDK values as API JSON (`JobId`, `ShippingDetails`, ...) and back: the one
//! form every output format, comparison, report and patch is built from. The
//! SDK has no serde support, so each shape is declared here once, by its
//! members, and both directions come from that declaration.
//!
//! Timestamps are RFC 3339; members the SDK would not send (unset, or a
//! primitive at its default) are left out, so a rendered request is what goes
//! on the wire; non-finite doubles are written as the AWS JSON protocols write
//! them (`NaN`, `Infinity`), so they are seen and refused, never dropped.

use aws_sdk_snowball::primitives::DateTime;
use aws_sdk_snowball::types::*;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value as Json};

/// A value and its API JSON form, both ways.
pub trait ApiJson: Sized {
    /// `None` when the SDK would not send it (unset, or a default primitive).
    fn to_json(&self) -> Option<Json>;
    /// `None` when `json` is not this shape; values are checked against the
    /// service model before they get here.
    fn from_json(json: &Json) -> Option<Self>;
}

/// The JSON of a value that is always rendered (a structure); `{}` if empty.
pub fn json<T: ApiJson>(value: &T) -> Json {
    value.to_json().unwrap_or_else(|| Json::Object(Map::new()))
}

impl<T: ApiJson> ApiJson for Option<T> {
    fn to_json(&self) -> Option<Json> {
        self.as_ref()?.to_json()
    }
    fn from_json(json: &Json) -> Option<Self> {
        Some(T::from_json(json))
    }
}

/// A list is shown even when empty: the SDK sends an empty list it is given,
/// so the rendered request must show it too.
impl<T: ApiJson> ApiJson for Vec<T> {
    fn to_json(&self) -> Option<Json> {
        Some(Json::Array(self.iter().map(json_or_null).collect()))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_array()?.iter().map(T::from_json).collect()
    }
}

fn json_or_null<T: ApiJson>(value: &T) -> Json {
    value.to_json().unwrap_or(Json::Null)
}

impl ApiJson for String {
    fn to_json(&self) -> Option<Json> {
        Some(Json::String(self.clone()))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_str().map(str::to_string)
    }
}

impl ApiJson for bool {
    fn to_json(&self) -> Option<Json> {
        self.then_some(Json::Bool(true))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_bool()
    }
}

impl ApiJson for i32 {
    fn to_json(&self) -> Option<Json> {
        (*self != 0).then(|| Json::from(*self))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_i64()?.try_into().ok()
    }
}

impl ApiJson for i64 {
    fn to_json(&self) -> Option<Json> {
        (*self != 0).then(|| Json::from(*self))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_i64()
    }
}

/// Non-finite doubles as the AWS JSON protocols write them.
const NON_FINITE: &[(&str, f64)] = &[
    ("NaN", f64::NAN),
    ("Infinity", f64::INFINITY),
    ("-Infinity", f64::NEG_INFINITY),
];

impl ApiJson for f64 {
    fn to_json(&self) -> Option<Json> {
        if self.is_finite() {
            return Some(Json::from(*self));
        }
        let name = NON_FINITE
            .iter()
            .find(|(_, x)| x == self)
            .map_or("NaN", |(name, _)| name);
        Some(Json::from(name))
    }
    fn from_json(json: &Json) -> Option<Self> {
        json.as_f64().or_else(|| {
            let name = json.as_str()?;
            NON_FINITE.iter().find(|(n, _)| *n == name).map(|(_, x)| *x)
        })
    }
}

impl ApiJson for DateTime {
    fn to_json(&self) -> Option<Json> {
        Some(time_json(self))
    }
    fn from_json(json: &Json) -> Option<Self> {
        let time = match json {
            Json::Number(n) => Some(DateTime::from_secs_f64(
                n.as_f64().filter(|x| x.is_finite())?,
            )),
            _ => DateTime::from_str(json.as_str()?, Format::DateTime).ok(),
        };
        time.map(|t| to_millis(&t))
    }
}

/// A time as API JSON: RFC 3339 text at the service's precision, or, for a
/// time no RFC 3339 text can hold (past year 9999, before year 0), its epoch
/// seconds as a number, as the wire carries it, so that it is never lost.
pub fn time_json(t: &DateTime) -> Json {
    let t = to_millis(t);
    match t.fmt(Format::DateTime) {
        Ok(text) => Json::String(text),
        Err(_) => Json::from(t.as_secs_f64()),
    }
}

/// A time as the service keeps it: to the millisecond, rounded. The wire
/// carries epoch seconds as a float, which the SDK truncates (`.58` arrives as
/// `.579999923`): rounded here, the same instant always reads as the same text.
pub fn to_millis(t: &DateTime) -> DateTime {
    let millis = (t.as_nanos() + 500_000).div_euclid(1_000_000);
    i64::try_from(millis).map_or(*t, DateTime::from_millis)
}

/// A time as RFC 3339 text at the service's precision.
pub fn timestamp(t: &DateTime) -> String {
    let t = to_millis(t);
    t.fmt(Format::DateTime)
        .unwrap_or_else(|_| t.secs().to_string())
}

/// SDK enums: their API spelling.
macro_rules! enums {
    ($($ty:ty),* $(,)?) => {$(
        impl ApiJson for $ty {
            fn to_json(&self) -> Option<Json> {
                Some(Json::String(self.as_str().to_string()))
            }
            fn from_json(json: &Json) -> Option<Self> {
                json.as_str().map(<$ty>::from)
            }
        }
    )*};
}

enums!(
    AddressType,
    ClusterState,
    DeviceServiceName,
    ImpactLevel,
    JobState,
    JobType,
    RemoteManagement,
    ShippingOption,
    SnowballCapacity,
    SnowballType,
    StorageUnit,
    TransferOption,
);

/// A structure, declared once by its members: `"ApiName" => field / set_field`.
/// `[?]` after the type marks a builder whose `build()` can fail (a required
/// member); `[shown]` after a boolean member shows it even when false (in
/// replies only: requests leave defaults out, as the SDK does).
macro_rules! shapes {
    ($($ty:ident $([$fallible:tt])? { $($name:literal => $field:ident / $setter:ident $([$shown:ident])?),* $(,)? })*) => {$(
        impl ApiJson for $ty {
            fn to_json(&self) -> Option<Json> {
                let mut map = Map::new();
                $(
                    let value = shapes!(@value self.$field.to_json() $(, $shown)?);
                    if let Some(v) = value { map.insert($name.to_string(), v); }
                )*
                Some(Json::Object(map))
            }
            fn from_json(json: &Json) -> Option<Self> {
                let members = json.as_object()?;
                let builder = $ty::builder()
                    $( .$setter(members.get($name).and_then(ApiJson::from_json)) )*;
                shapes!(@build builder $($fallible)?)
            }
        }
    )*};
    (@value $value:expr) => { $value };
    (@value $value:expr, shown) => { $value.or(Some(Json::Bool(false))) };
    (@build $builder:ident) => { Some($builder.build()) };
    (@build $builder:ident ?) => { $builder.build().ok() };
}

shapes! {
    JobMetadata {
        "JobId" => job_id / set_job_id,
        "JobState" => job_state / set_job_state,
        "JobType" => job_type / set_job_type,
        "SnowballType" => snowball_type / set_snowball_type,
        "CreationDate" => creation_date / set_creation_date,
        "Resources" => resources / set_resources,
        "Description" => description / set_description,
        "KmsKeyARN" => kms_key_arn / set_kms_key_arn,
        "RoleARN" => role_arn / set_role_arn,
        "AddressId" => address_id / set_address_id,
        "ShippingDetails" => shipping_details / set_shipping_details,
        "SnowballCapacityPreference" => snowball_capacity_preference / set_snowball_capacity_preference,
        "Notification" => notification / set_notification,
        "DataTransferProgress" => data_transfer_progress / set_data_transfer_progress,
        "JobLogInfo" => job_log_info / set_job_log_info,
        "ClusterId" => cluster_id / set_cluster_id,
        "ForwardingAddressId" => forwarding_address_id / set_forwarding_address_id,
        "TaxDocuments" => tax_documents / set_tax_documents,
        "DeviceConfiguration" => device_configuration / set_device_configuration,
        "RemoteManagement" => remote_management / set_remote_management,
        "LongTermPricingId" => long_term_pricing_id / set_long_term_pricing_id,
        "OnDeviceServiceConfiguration" => on_device_service_configuration / set_on_device_service_configuration,
        "ImpactLevel" => impact_level / set_impact_level,
        "PickupDetails" => pickup_details / set_pickup_details,
        "SnowballId" => snowball_id / set_snowball_id,
    }
    ClusterMetadata {
        "ClusterId" => cluster_id / set_cluster_id,
        "Description" => description / set_description,
        "KmsKeyARN" => kms_key_arn / set_kms_key_arn,
        "RoleARN" => role_arn / set_role_arn,
        "ClusterState" => cluster_state / set_cluster_state,
        "JobType" => job_type / set_job_type,
        "SnowballType" => snowball_type / set_snowball_type,
        "CreationDate" => creation_date / set_creation_date,
        "Resources" => resources / set_resources,
        "AddressId" => address_id / set_address_id,
        "ShippingOption" => shipping_option / set_shipping_option,
        "Notification" => notification / set_notification,
        "ForwardingAddressId" => forwarding_address_id / set_forwarding_address_id,
        "TaxDocuments" => tax_documents / set_tax_documents,
        "OnDeviceServiceConfiguration" => on_device_service_configuration / set_on_device_service_configuration,
    }
    ClusterListEntry {
        "ClusterId" => cluster_id / set_cluster_id,
        "ClusterState" => cluster_state / set_cluster_state,
        "CreationDate" => creation_date / set_creation_date,
        "Description" => description / set_description,
    }
    JobListEntry {
        "JobId" => job_id / set_job_id,
        "JobState" => job_state / set_job_state,
        "IsMaster" => is_master / set_is_master [shown],
        "JobType" => job_type / set_job_type,
        "SnowballType" => snowball_type / set_snowball_type,
        "CreationDate" => creation_date / set_creation_date,
        "Description" => description / set_description,
    }
    Address {
        "AddressId" => address_id / set_address_id,
        "Name" => name / set_name,
        "Company" => company / set_company,
        "Street1" => street1 / set_street1,
        "Street2" => street2 / set_street2,
        "Street3" => street3 / set_street3,
        "City" => city / set_city,
        "StateOrProvince" => state_or_province / set_state_or_province,
        "PrefectureOrDistrict" => prefecture_or_district / set_prefecture_or_district,
        "Landmark" => landmark / set_landmark,
        "Country" => country / set_country,
        "PostalCode" => postal_code / set_postal_code,
        "PhoneNumber" => phone_number / set_phone_number,
        "IsRestricted" => is_restricted / set_is_restricted,
        "Type" => r#type / set_type,
    }
    JobResource {
        "S3Resources" => s3_resources / set_s3_resources,
        "LambdaResources" => lambda_resources / set_lambda_resources,
        "Ec2AmiResources" => ec2_ami_resources / set_ec2_ami_resources,
    }
    S3Resource {
        "BucketArn" => bucket_arn / set_bucket_arn,
        "KeyRange" => key_range / set_key_range,
        "TargetOnDeviceServices" => target_on_device_services / set_target_on_device_services,
    }
    KeyRange {
        "BeginMarker" => begin_marker / set_begin_marker,
        "EndMarker" => end_marker / set_end_marker,
    }
    TargetOnDeviceService {
        "ServiceName" => service_name / set_service_name,
        "TransferOption" => transfer_option / set_transfer_option,
    }
    LambdaResource {
        "LambdaArn" => lambda_arn / set_lambda_arn,
        "EventTriggers" => event_triggers / set_event_triggers,
    }
    EventTriggerDefinition {
        "EventResourceARN" => event_resource_arn / set_event_resource_arn,
    }
    Ec2AmiResource [?] {
        "AmiId" => ami_id / set_ami_id,
        "SnowballAmiId" => snowball_ami_id / set_snowball_ami_id,
    }
    ShippingDetails {
        "ShippingOption" => shipping_option / set_shipping_option,
        "InboundShipment" => inbound_shipment / set_inbound_shipment,
        "OutboundShipment" => outbound_shipment / set_outbound_shipment,
    }
    Shipment {
        "Status" => status / set_status,
        "TrackingNumber" => tracking_number / set_tracking_number,
    }
    Notification {
        "SnsTopicARN" => sns_topic_arn / set_sns_topic_arn,
        "JobStatesToNotify" => job_states_to_notify / set_job_states_to_notify,
        "NotifyAll" => notify_all / set_notify_all,
        "DevicePickupSnsTopicARN" => device_pickup_sns_topic_arn / set_device_pickup_sns_topic_arn,
    }
    OnDeviceServiceConfiguration {
        "NFSOnDeviceService" => nfs_on_device_service / set_nfs_on_device_service,
        "TGWOnDeviceService" => tgw_on_device_service / set_tgw_on_device_service,
        "EKSOnDeviceService" => eks_on_device_service / set_eks_on_device_service,
        "S3OnDeviceService" => s3_on_device_service / set_s3_on_device_service,
    }
    NfsOnDeviceServiceConfiguration {
        "StorageLimit" => storage_limit / set_storage_limit,
        "StorageUnit" => storage_unit / set_storage_unit,
    }
    TgwOnDeviceServiceConfiguration {
        "StorageLimit" => storage_limit / set_storage_limit,
        "StorageUnit" => storage_unit / set_storage_unit,
    }
    EksOnDeviceServiceConfiguration {
        "KubernetesVersion" => kubernetes_version / set_kubernetes_version,
        "EKSAnywhereVersion" => eks_anywhere_version / set_eks_anywhere_version,
    }
    S3OnDeviceServiceConfiguration {
        "StorageLimit" => storage_limit / set_storage_limit,
        "StorageUnit" => storage_unit / set_storage_unit,
        "ServiceSize" => service_size / set_service_size,
        "FaultTolerance" => fault_tolerance / set_fault_tolerance,
    }
    PickupDetails {
        "Name" => name / set_name,
        "PhoneNumber" => phone_number / set_phone_number,
        "Email" => email / set_email,
        "IdentificationNumber" => identification_number / set_identification_number,
        "IdentificationExpirationDate" => identification_expiration_date / set_identification_expiration_date,
        "IdentificationIssuingOrg" => identification_issuing_org / set_identification_issuing_org,
        "DevicePickupId" => device_pickup_id / set_device_pickup_id,
    }
    DataTransfer {
        "BytesTransferred" => bytes_transferred / set_bytes_transferred,
        "ObjectsTransferred" => objects_transferred / set_objects_transferred,
        "TotalBytes" => total_bytes / set_total_bytes,
        "TotalObjects" => total_objects / set_total_objects,
    }
    JobLogs {
        "JobCompletionReportURI" => job_completion_report_uri / set_job_completion_report_uri,
        "JobSuccessLogURI" => job_success_log_uri / set_job_success_log_uri,
        "JobFailureLogURI" => job_failure_log_uri / set_job_failure_log_uri,
    }
    TaxDocuments {
        "IND" => ind / set_ind,
    }
    IndTaxDocuments {
        "GSTIN" => gstin / set_gstin,
    }
    DeviceConfiguration {
        "SnowconeDeviceConfiguration" => snowcone_device_configuration / set_snowcone_device_configuration,
    }
    SnowconeDeviceConfiguration {
        "WirelessConnection" => wireless_connection / set_wireless_connection,
    }
    WirelessConnection {
        "IsWifiEnabled" => is_wifi_enabled / set_is_wifi_enabled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_the_sdk_would_not_send_are_left_out() {
        let n = Notification::builder()
            .sns_topic_arn("arn:aws:sns:us-east-1:123456789012:t")
            .notify_all(false)
            .build();
        assert_eq!(
            json(&n),
            json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t"})
        );
        let c = OnDeviceServiceConfiguration::builder()
            .nfs_on_device_service(
                NfsOnDeviceServiceConfiguration::builder()
                    .storage_limit(4)
                    .storage_unit(StorageUnit::Tb)
                    .build(),
            )
            .build();
        assert_eq!(
            json(&c),
            json!({"NFSOnDeviceService": {"StorageLimit": 4, "StorageUnit": "TB"}})
        );
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let job = JobMetadata::builder()
            .creation_date(DateTime::from_secs(1_795_588_243))
            .build();
        assert_eq!(json(&job)["CreationDate"], "2026-11-25T06:30:43Z");
    }

    #[test]
    fn every_update_member_comes_back_from_its_json() {
        let doc = json!({
            "SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:t",
            "JobStatesToNotify": ["Complete", "WithAWS"], "NotifyAll": true
        });
        assert_eq!(json(&Notification::from_json(&doc).unwrap()), doc);
        let doc = json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::b",
            "KeyRange": {"BeginMarker": "a", "EndMarker": "b"},
            "TargetOnDeviceServices": [{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]}],
            "Ec2AmiResources": [{"AmiId": "ami-12345678"}]});
        assert_eq!(json(&JobResource::from_json(&doc).unwrap()), doc);
        let doc = json!({"S3OnDeviceService": {"StorageLimit": 2.5, "ServiceSize": 3}});
        assert_eq!(
            json(&OnDeviceServiceConfiguration::from_json(&doc).unwrap()),
            doc
        );
        let doc = json!({"Name": "Kim", "IdentificationExpirationDate": "2030-01-31T00:00:00Z"});
        assert_eq!(json(&PickupDetails::from_json(&doc).unwrap()), doc);
    }

    #[test]
    fn an_empty_list_set_is_shown_as_sent() {
        let r = JobResource::builder()
            .set_s3_resources(Some(vec![]))
            .build();
        assert_eq!(json(&r), json!({"S3Resources": []}));
        assert_eq!(json(&JobResource::builder().build()), json!({}));
    }

    #[test]
    fn non_finite_doubles_are_shown_not_dropped() {
        let s3 = S3OnDeviceServiceConfiguration::builder()
            .storage_limit(f64::NAN)
            .build();
        assert_eq!(json(&s3), json!({"StorageLimit": "NaN"}));
        let inf = f64::INFINITY.to_json().unwrap();
        assert_eq!(inf, json!("Infinity"));
        assert_eq!(f64::from_json(&inf), Some(f64::INFINITY));
    }
}
