//! SDK types to JSON with the API's member names (`JobId`, `ShippingDetails`, ...),
//! the one form every output format, comparison and report is built from.
//! Timestamps become RFC 3339; members the SDK would not send (unset, or a
//! primitive at its default) are left out, so a rendered request is what goes
//! on the wire.

use aws_sdk_snowball::primitives::DateTime;
use aws_sdk_snowball::types::*;
use aws_smithy_types::date_time::Format;
use serde_json::{Map, Value as Json};

/// Builds a JSON object from `"Name" => Option<Json>` pairs, skipping `None`.
macro_rules! object {
    ($($key:literal => $value:expr),* $(,)?) => {{
        let mut map = Map::new();
        $( if let Some(v) = $value { map.insert($key.to_string(), v); } )*
        Json::Object(map)
    }};
}

fn text(v: Option<&str>) -> Option<Json> {
    v.map(|s| Json::String(s.to_string()))
}

fn name<T: AsRef<str>>(v: Option<&T>) -> Option<Json> {
    v.map(|e| Json::String(e.as_ref().to_string()))
}

fn list<T>(items: &[T], each: fn(&T) -> Json) -> Option<Json> {
    (!items.is_empty()).then(|| Json::Array(items.iter().map(each).collect()))
}

fn nonzero(n: i64) -> Option<Json> {
    (n != 0).then(|| Json::from(n))
}

fn flag(b: bool) -> Option<Json> {
    b.then_some(Json::Bool(true))
}

pub fn timestamp(t: &DateTime) -> String {
    t.fmt(Format::DateTime)
        .unwrap_or_else(|_| t.secs().to_string())
}

fn time(t: Option<&DateTime>) -> Option<Json> {
    t.map(|t| Json::String(timestamp(t)))
}

pub fn job_metadata(j: &JobMetadata) -> Json {
    object! {
        "JobId" => text(j.job_id()),
        "JobState" => name(j.job_state()),
        "JobType" => name(j.job_type()),
        "SnowballType" => name(j.snowball_type()),
        "CreationDate" => time(j.creation_date()),
        "Resources" => j.resources().map(job_resource),
        "Description" => text(j.description()),
        "KmsKeyARN" => text(j.kms_key_arn()),
        "RoleARN" => text(j.role_arn()),
        "AddressId" => text(j.address_id()),
        "ShippingDetails" => j.shipping_details().map(shipping_details),
        "SnowballCapacityPreference" => name(j.snowball_capacity_preference()),
        "Notification" => j.notification().map(notification),
        "DataTransferProgress" => j.data_transfer_progress().map(data_transfer),
        "JobLogInfo" => j.job_log_info().map(job_logs),
        "ClusterId" => text(j.cluster_id()),
        "ForwardingAddressId" => text(j.forwarding_address_id()),
        "TaxDocuments" => j.tax_documents().map(|t| object! {
            "IND" => t.ind().map(|i| object! { "GSTIN" => text(i.gstin()) }),
        }),
        "DeviceConfiguration" => j.device_configuration().map(|d| object! {
            "SnowconeDeviceConfiguration" => d.snowcone_device_configuration().map(|s| object! {
                "WirelessConnection" => s.wireless_connection().map(|w| object! { "IsWifiEnabled" => flag(w.is_wifi_enabled()) }),
            }),
        }),
        "RemoteManagement" => name(j.remote_management()),
        "LongTermPricingId" => text(j.long_term_pricing_id()),
        "OnDeviceServiceConfiguration" => j.on_device_service_configuration().map(on_device_services),
        "ImpactLevel" => name(j.impact_level()),
        "PickupDetails" => j.pickup_details().map(pickup_details),
        "SnowballId" => text(j.snowball_id()),
    }
}

pub fn job_list_entry(e: &JobListEntry) -> Json {
    object! {
        "JobId" => text(e.job_id()),
        "JobState" => name(e.job_state()),
        "IsMaster" => Some(Json::Bool(e.is_master())),
        "JobType" => name(e.job_type()),
        "SnowballType" => name(e.snowball_type()),
        "CreationDate" => time(e.creation_date()),
        "Description" => text(e.description()),
    }
}

pub fn address(a: &Address) -> Json {
    object! {
        "AddressId" => text(a.address_id()),
        "Name" => text(a.name()),
        "Company" => text(a.company()),
        "Street1" => text(a.street1()),
        "Street2" => text(a.street2()),
        "Street3" => text(a.street3()),
        "City" => text(a.city()),
        "StateOrProvince" => text(a.state_or_province()),
        "PrefectureOrDistrict" => text(a.prefecture_or_district()),
        "Landmark" => text(a.landmark()),
        "Country" => text(a.country()),
        "PostalCode" => text(a.postal_code()),
        "PhoneNumber" => text(a.phone_number()),
        "IsRestricted" => flag(a.is_restricted()),
        "Type" => name(a.r#type()),
    }
}

pub fn job_resource(r: &JobResource) -> Json {
    object! {
        "S3Resources" => list(r.s3_resources(), s3_resource),
        "LambdaResources" => list(r.lambda_resources(), |l| object! {
            "LambdaArn" => text(l.lambda_arn()),
            "EventTriggers" => list(l.event_triggers(), |t| object! { "EventResourceARN" => text(t.event_resource_arn()) }),
        }),
        "Ec2AmiResources" => list(r.ec2_ami_resources(), |a| object! {
            "AmiId" => Some(Json::String(a.ami_id().to_string())),
            "SnowballAmiId" => text(a.snowball_ami_id()),
        }),
    }
}

pub fn s3_resource(s: &S3Resource) -> Json {
    object! {
        "BucketArn" => text(s.bucket_arn()),
        "KeyRange" => s.key_range().map(|k| object! {
            "BeginMarker" => text(k.begin_marker()),
            "EndMarker" => text(k.end_marker()),
        }),
        "TargetOnDeviceServices" => list(s.target_on_device_services(), |t| object! {
            "ServiceName" => name(t.service_name()),
            "TransferOption" => name(t.transfer_option()),
        }),
    }
}

pub fn shipping_details(s: &ShippingDetails) -> Json {
    let shipment = |s: &Shipment| object! { "Status" => text(s.status()), "TrackingNumber" => text(s.tracking_number()) };
    object! {
        "ShippingOption" => name(s.shipping_option()),
        "InboundShipment" => s.inbound_shipment().map(shipment),
        "OutboundShipment" => s.outbound_shipment().map(shipment),
    }
}

pub fn notification(n: &Notification) -> Json {
    object! {
        "SnsTopicARN" => text(n.sns_topic_arn()),
        "JobStatesToNotify" => list(n.job_states_to_notify(), |s| Json::String(s.as_str().to_string())),
        "NotifyAll" => flag(n.notify_all()),
        "DevicePickupSnsTopicARN" => text(n.device_pickup_sns_topic_arn()),
    }
}

pub fn on_device_services(c: &OnDeviceServiceConfiguration) -> Json {
    object! {
        "NFSOnDeviceService" => c.nfs_on_device_service().map(|n| object! {
            "StorageLimit" => nonzero(n.storage_limit().into()),
            "StorageUnit" => name(n.storage_unit()),
        }),
        "TGWOnDeviceService" => c.tgw_on_device_service().map(|t| object! {
            "StorageLimit" => nonzero(t.storage_limit().into()),
            "StorageUnit" => name(t.storage_unit()),
        }),
        "EKSOnDeviceService" => c.eks_on_device_service().map(|e| object! {
            "KubernetesVersion" => text(e.kubernetes_version()),
            "EKSAnywhereVersion" => text(e.eks_anywhere_version()),
        }),
        "S3OnDeviceService" => c.s3_on_device_service().map(|s| object! {
            "StorageLimit" => s.storage_limit().map(Json::from),
            "StorageUnit" => name(s.storage_unit()),
            "ServiceSize" => s.service_size().map(Json::from),
            "FaultTolerance" => s.fault_tolerance().map(Json::from),
        }),
    }
}

pub fn pickup_details(p: &PickupDetails) -> Json {
    object! {
        "Name" => text(p.name()),
        "PhoneNumber" => text(p.phone_number()),
        "Email" => text(p.email()),
        "IdentificationNumber" => text(p.identification_number()),
        "IdentificationExpirationDate" => time(p.identification_expiration_date()),
        "IdentificationIssuingOrg" => text(p.identification_issuing_org()),
        "DevicePickupId" => text(p.device_pickup_id()),
    }
}

fn data_transfer(d: &DataTransfer) -> Json {
    object! {
        "BytesTransferred" => nonzero(d.bytes_transferred()),
        "ObjectsTransferred" => nonzero(d.objects_transferred()),
        "TotalBytes" => nonzero(d.total_bytes()),
        "TotalObjects" => nonzero(d.total_objects()),
    }
}

fn job_logs(l: &JobLogs) -> Json {
    object! {
        "JobCompletionReportURI" => text(l.job_completion_report_uri()),
        "JobSuccessLogURI" => text(l.job_success_log_uri()),
        "JobFailureLogURI" => text(l.job_failure_log_uri()),
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
            notification(&n),
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
            on_device_services(&c),
            json!({"NFSOnDeviceService": {"StorageLimit": 4, "StorageUnit": "TB"}})
        );
    }

    #[test]
    fn timestamps_are_rfc3339() {
        let job = JobMetadata::builder()
            .creation_date(DateTime::from_secs(1_795_588_243))
            .build();
        assert_eq!(job_metadata(&job)["CreationDate"], "2026-11-25T06:30:43Z");
    }
}
