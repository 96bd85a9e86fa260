//! `--demo`: a few realistic pending jobs and addresses with fixed IDs, so the
//! README's examples can name them; and [`cluster_seed`], a pending cluster
//! with three node jobs.

use serde_json::{Value as Json, json};

pub const HOME_ADDRESS: &str = "ADID00000000-0000-4000-8000-000000000001";
pub const FORWARDING_ADDRESS: &str = "ADID00000000-0000-4000-8000-000000000002";
pub const IMPORT_JOB: &str = "JID00000000-0000-4000-8000-000000000001";
pub const EXPORT_JOB: &str = "JID00000000-0000-4000-8000-000000000002";
pub const COMPUTE_JOB: &str = "JID00000000-0000-4000-8000-000000000003";
pub const SERVICES_JOB: &str = "JID00000000-0000-4000-8000-000000000004";
pub const LOCKED_JOB: &str = "JID00000000-0000-4000-8000-000000000005";

pub const CLUSTER: &str = "CID00000000-0000-4000-8000-000000000001";
pub const CLUSTER_JOBS: [&str; 3] = [
    "JID00000000-0000-4000-8000-0000000000c1",
    "JID00000000-0000-4000-8000-0000000000c2",
    "JID00000000-0000-4000-8000-0000000000c3",
];

const ROLE: &str = "arn:aws:iam::123456789012:role/snowball-import";
const TOPIC: &str = "arn:aws:sns:us-east-1:123456789012:snow-updates";

/// The demo seed; creation dates are minutes before `now` so edit windows differ.
pub fn seed(now: f64) -> Json {
    let ago = |minutes: f64| now - minutes * 60.0;
    json!({
        "Addresses": addresses(),
        "Jobs": [
            {"JobId": IMPORT_JOB, "JobState": "New", "JobType": "IMPORT", "SnowballType": "EDGE", "CreationDate": ago(5.0),
             "Description": "Data centre migration, rack 7", "RoleARN": ROLE, "AddressId": HOME_ADDRESS,
             "KmsKeyARN": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
             "SnowballCapacityPreference": "T100",
             "ShippingDetails": {"ShippingOption": "SECOND_DAY"},
             "Notification": {"SnsTopicARN": TOPIC, "JobStatesToNotify": ["InTransitToCustomer", "WithAWS", "Complete"]},
             "Resources": {"S3Resources": [
                 {"BucketArn": "arn:aws:s3:::example-migration-raw", "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "IMPORT"}]},
                 {"BucketArn": "arn:aws:s3:::example-migration-archive"}
             ]}},
            {"JobId": EXPORT_JOB, "JobState": "New", "JobType": "EXPORT", "SnowballType": "EDGE_S", "CreationDate": ago(20.0),
             "Description": "Export 2025 video archive", "RoleARN": ROLE, "AddressId": HOME_ADDRESS,
             "SnowballCapacityPreference": "T98", "ShippingDetails": {"ShippingOption": "NEXT_DAY"},
             "Resources": {"S3Resources": [
                 {"BucketArn": "arn:aws:s3:::example-video", "KeyRange": {"BeginMarker": "2025/01/", "EndMarker": "2025/12/~"}}
             ]}},
            {"JobId": COMPUTE_JOB, "JobState": "New", "JobType": "LOCAL_USE", "SnowballType": "EDGE_C", "CreationDate": ago(35.0),
             "Description": "Edge compute for survey ship", "RoleARN": ROLE, "AddressId": HOME_ADDRESS,
             "SnowballCapacityPreference": "T42", "ShippingDetails": {"ShippingOption": "EXPRESS"},
             "Resources": {
                 "S3Resources": [{"BucketArn": "arn:aws:s3:::example-survey-data"}],
                 "LambdaResources": [{"LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:tag-images",
                                      "EventTriggers": [{"EventResourceARN": "arn:aws:s3:::example-survey-data"}]}],
                 "Ec2AmiResources": [{"AmiId": "ami-0123456789abcdef0", "SnowballAmiId": "s.ami-0a1b2c3d4e5f60718"}]
             }},
            {"JobId": SERVICES_JOB, "JobState": "New", "JobType": "IMPORT", "SnowballType": "V3_5C", "CreationDate": ago(50.0),
             "Description": "Branch office file shares", "RoleARN": ROLE, "AddressId": HOME_ADDRESS,
             "ForwardingAddressId": FORWARDING_ADDRESS,
             "SnowballCapacityPreference": "T32", "ShippingDetails": {"ShippingOption": "STANDARD"},
             "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::example-branch-shares",
                 "TargetOnDeviceServices": [{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "IMPORT"}]}]},
             "OnDeviceServiceConfiguration": {
                 "NFSOnDeviceService": {"StorageLimit": 8, "StorageUnit": "TB"},
                 "TGWOnDeviceService": {"StorageLimit": 80, "StorageUnit": "TB"},
                 "EKSOnDeviceService": {"KubernetesVersion": "1.29", "EKSAnywhereVersion": "0.19.2"}
             }},
            {"JobId": LOCKED_JOB, "JobState": "PreparingAppliance", "JobType": "IMPORT", "SnowballType": "EDGE", "CreationDate": ago(150.0),
             "Description": "Already being prepared", "RoleARN": ROLE, "AddressId": HOME_ADDRESS,
             "SnowballCapacityPreference": "T100", "ShippingDetails": {"ShippingOption": "SECOND_DAY"},
             "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::example-locked"}]}}
        ]
    })
}

fn addresses() -> Json {
    json!([
        {"AddressId": HOME_ADDRESS, "Name": "Dana Ortiz", "Company": "Example Corp", "Street1": "410 Terry Ave N",
         "City": "Seattle", "StateOrProvince": "WA", "Country": "US", "PostalCode": "98109", "PhoneNumber": "+1 206 555 0100"},
        {"AddressId": FORWARDING_ADDRESS, "Name": "Lee Chen", "Company": "Example Corp DR site", "Street1": "12 Harbor Rd",
         "City": "Portland", "StateOrProvince": "OR", "Country": "US", "PostalCode": "97201", "PhoneNumber": "+1 503 555 0199"}
    ])
}

/// A pending cluster ([`CLUSTER`], created ten minutes before `now`) of three
/// V3_5C T32 LOCAL_USE node jobs ([`CLUSTER_JOBS`]), with the demo's addresses
/// (included, so the seed stands alone) and role. `--demo` loads it after
/// the five jobs.
pub fn cluster_seed(now: f64) -> Json {
    let created = now - 10.0 * 60.0;
    let resources = json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::example-field-lab",
        "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "LOCAL_USE"}]}]});
    let description = "Field lab edge cluster";
    let jobs: Vec<Json> = CLUSTER_JOBS
        .iter()
        .map(|id| {
            json!({"JobId": id, "JobState": "New", "JobType": "LOCAL_USE", "SnowballType": "V3_5C",
                   "CreationDate": created, "Description": description, "RoleARN": ROLE,
                   "AddressId": HOME_ADDRESS, "ForwardingAddressId": FORWARDING_ADDRESS,
                   "SnowballCapacityPreference": "T32", "ShippingDetails": {"ShippingOption": "SECOND_DAY"},
                   "Notification": {"SnsTopicARN": TOPIC, "JobStatesToNotify": ["InTransitToCustomer", "Complete"]},
                   "Resources": resources, "ClusterId": CLUSTER})
        })
        .collect();
    json!({
        "Addresses": addresses(),
        "Clusters": [
            {"ClusterId": CLUSTER, "ClusterState": "AwaitingQuorum", "JobType": "LOCAL_USE", "SnowballType": "V3_5C",
             "CreationDate": created, "Description": description, "RoleARN": ROLE,
             "AddressId": HOME_ADDRESS, "ForwardingAddressId": FORWARDING_ADDRESS, "ShippingOption": "SECOND_DAY",
             "Notification": {"SnsTopicARN": TOPIC, "JobStatesToNotify": ["InTransitToCustomer", "Complete"]},
             "Resources": resources}
        ],
        "Jobs": jobs
    })
}
