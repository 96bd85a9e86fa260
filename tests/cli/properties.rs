//! Property tests of the patch builder: for arbitrary pending jobs and edits,
//! the request carries only changed members; every untouched member, resource
//! and service survives the service's wholesale replacement; and editing the
//! updated job again changes nothing.

use aws_sdk_snowball::types::*;
use proptest::prelude::*;
use serde_json::Value as Json;

use snowjob::args::{Bucket, JobIds};
use snowjob::aws::convert;
use snowjob::commands::add_s3_resource::{AddS3ResourceArgs, Service};
use snowjob::commands::set_capacity::SetCapacityArgs;
use snowjob::commands::set_nfs_limit::SetNfsLimitArgs;
use snowjob::commands::set_shipping::SetShippingArgs;
use snowjob::core::patch::Patch;
use snowjob::core::patch_file;
use snowjob::core::pipeline::{Context, Edit};

const JOB_ID: &str = "JID123e4567-e89b-12d3-a456-426655440000";

fn name() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9-]{2,10}[a-z0-9]"
}

fn s3_resource() -> impl Strategy<Value = S3Resource> {
    (
        name(),
        proptest::option::of(("[a-m]{1,4}", "[n-z]{1,4}")),
        proptest::bool::ANY,
    )
        .prop_map(|(bucket, range, nfs)| {
            S3Resource::builder()
                .bucket_arn(format!("arn:aws:s3:::{bucket}"))
                .set_key_range(
                    range.map(|(b, e)| KeyRange::builder().begin_marker(b).end_marker(e).build()),
                )
                .set_target_on_device_services(nfs.then(|| {
                    vec![
                        TargetOnDeviceService::builder()
                            .service_name(DeviceServiceName::NfsOnDeviceService)
                            .build(),
                    ]
                }))
                .build()
        })
}

fn resources() -> impl Strategy<Value = Option<JobResource>> {
    proptest::option::of((
        proptest::collection::vec(s3_resource(), 0..4),
        proptest::collection::vec(name(), 0..3),
        proptest::collection::vec("[0-9a-f]{8}", 0..3),
    ))
    .prop_map(|r| {
        r.map(|(s3, lambdas, amis)| {
            JobResource::builder()
                .set_s3_resources((!s3.is_empty()).then_some(s3))
                .set_lambda_resources((!lambdas.is_empty()).then(|| {
                    lambdas
                        .iter()
                        .map(|l| {
                            LambdaResource::builder()
                                .lambda_arn(format!(
                                    "arn:aws:lambda:us-east-1:123456789012:function:{l}"
                                ))
                                .build()
                        })
                        .collect()
                }))
                .set_ec2_ami_resources((!amis.is_empty()).then(|| {
                    amis.iter()
                        .map(|a| {
                            Ec2AmiResource::builder()
                                .ami_id(format!("ami-{a}"))
                                .build()
                                .unwrap()
                        })
                        .collect()
                }))
                .build()
        })
    })
}

fn services() -> impl Strategy<Value = Option<OnDeviceServiceConfiguration>> {
    proptest::option::of((
        proptest::option::of(1..50i32),
        proptest::option::of(1..100i32),
        proptest::option::of("1\\.[0-9]{2}"),
        proptest::option::of(1.0..100.0f64),
    ))
    .prop_map(|s| {
        s.map(|(nfs, tgw, k8s, s3)| {
            let storage = |n: i32| {
                NfsOnDeviceServiceConfiguration::builder()
                    .storage_limit(n)
                    .storage_unit(StorageUnit::Tb)
                    .build()
            };
            OnDeviceServiceConfiguration::builder()
                .set_nfs_on_device_service(nfs.map(storage))
                .set_tgw_on_device_service(tgw.map(|n| {
                    TgwOnDeviceServiceConfiguration::builder()
                        .storage_limit(n)
                        .storage_unit(StorageUnit::Tb)
                        .build()
                }))
                .set_eks_on_device_service(k8s.map(|v| {
                    EksOnDeviceServiceConfiguration::builder()
                        .kubernetes_version(v)
                        .build()
                }))
                .set_s3_on_device_service(s3.map(|l| {
                    S3OnDeviceServiceConfiguration::builder()
                        .storage_limit(l)
                        .build()
                }))
                .build()
        })
    })
}

fn job() -> impl Strategy<Value = JobMetadata> {
    (
        prop::sample::select(vec![JobType::Import, JobType::Export, JobType::LocalUse]),
        prop::sample::select(SnowballType::values().to_vec()),
        prop::sample::select(SnowballCapacity::values().to_vec()),
        prop::sample::select(ShippingOption::values().to_vec()),
        resources(),
        services(),
        proptest::option::of(name()),
    )
        .prop_map(
            |(job_type, device, capacity, speed, resources, services, topic)| {
                JobMetadata::builder()
                    .job_id(JOB_ID)
                    .job_state(JobState::New)
                    .job_type(job_type)
                    .snowball_type(SnowballType::from(device))
                    .snowball_capacity_preference(SnowballCapacity::from(capacity))
                    .shipping_details(
                        ShippingDetails::builder()
                            .shipping_option(ShippingOption::from(speed))
                            .build(),
                    )
                    .role_arn("arn:aws:iam::123456789012:role/r")
                    .set_resources(resources)
                    .set_on_device_service_configuration(services)
                    .set_notification(topic.map(|t| {
                        Notification::builder()
                            .sns_topic_arn(format!("arn:aws:sns:us-east-1:123456789012:{t}"))
                            .job_states_to_notify(JobState::Complete)
                            .build()
                    }))
                    .build()
            },
        )
}

/// An edit, and the JobMetadata members it may change.
fn edit() -> impl Strategy<Value = (Box<dyn Edit>, &'static [&'static str])> {
    let ids = || JobIds { jobs: vec![] };
    prop_oneof![
        prop::sample::select(ShippingOption::values().to_vec()).prop_map(move |s| {
            let e: Box<dyn Edit> = Box::new(SetShippingArgs {
                ids: ids(),
                speed: Some(s.to_string()),
                address_id: None,
                forwarding_address_id: None,
            });
            (e, &["ShippingDetails"][..])
        }),
        prop::sample::select(SnowballCapacity::values().to_vec()).prop_map(move |c| {
            let e: Box<dyn Edit> = Box::new(SetCapacityArgs { ids: ids(), capacity: c.to_string() });
            (e, &["SnowballCapacityPreference"][..])
        }),
        (name(), proptest::bool::ANY).prop_map(move |(bucket, nfs)| {
            let e: Box<dyn Edit> = Box::new(AddS3ResourceArgs {
                ids: ids(),
                bucket: Bucket { bucket },
                begin_marker: None,
                end_marker: None,
                services: if nfs { vec![Service::S3, Service::Nfs] } else { vec![] },
                transfer_option: None,
            });
            (e, &["Resources"][..])
        }),
        (1..100i32).prop_map(move |limit| {
            let e: Box<dyn Edit> = Box::new(SetNfsLimitArgs { ids: ids(), limit });
            (e, &["OnDeviceServiceConfiguration"][..])
        }),
        (name(), 1..60i32).prop_map(|(topic, limit)| {
            let text = format!(
                "Notification:\n  SnsTopicARN: arn:aws:sns:us-east-1:123456789012:{topic}\nOnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: {limit}\n"
            );
            let e: Box<dyn Edit> = Box::new(FileEdit(patch_file::parse(&text).unwrap()));
            (e, &["Notification", "OnDeviceServiceConfiguration"][..])
        }),
    ]
}

#[derive(Debug)]
struct FileEdit(patch_file::PatchFile);

impl Edit for FileEdit {
    fn patch(&self, job: &JobMetadata, _: &Context) -> Result<Patch, snowjob::failure::Failure> {
        self.0
            .patch_for(job)
            .map_err(snowjob::failure::Failure::invalid)
    }
}

/// What the service does with UpdateJob: each given member replaces the job's.
fn update_wholesale(job: &JobMetadata, patch: &Patch) -> JobMetadata {
    let mut after = job.clone();
    let p = patch.clone();
    if p.role_arn.is_some() {
        after.role_arn = p.role_arn;
    }
    if p.notification.is_some() {
        after.notification = p.notification;
    }
    if p.resources.is_some() {
        after.resources = p.resources;
    }
    if p.on_device_service_configuration.is_some() {
        after.on_device_service_configuration = p.on_device_service_configuration;
    }
    if p.address_id.is_some() {
        after.address_id = p.address_id;
    }
    if let Some(speed) = p.shipping_option {
        after.shipping_details = Some(ShippingDetails::builder().shipping_option(speed).build());
    }
    if p.description.is_some() {
        after.description = p.description;
    }
    if p.snowball_capacity_preference.is_some() {
        after.snowball_capacity_preference = p.snowball_capacity_preference;
    }
    if p.forwarding_address_id.is_some() {
        after.forwarding_address_id = p.forwarding_address_id;
    }
    if p.pickup_details.is_some() {
        after.pickup_details = p.pickup_details;
    }
    after
}

fn list<'a>(v: &'a Json, path: &str) -> Vec<&'a Json> {
    v.pointer(path)
        .and_then(Json::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn patches_are_minimal_lossless_and_idempotent(job in job(), (edit, may_change) in edit()) {
        let ctx = Context {
            partition: "aws",
            command: String::new(),
        };
        let patch = edit.patch(&job, &ctx).unwrap().minimized(&job);

        // Only changed members are in the request.
        let changes = patch.changes(&job);
        for c in &changes {
            prop_assert_ne!(&c.before, &c.after, "{} sent unchanged", c.field);
        }
        let request = patch.request(JOB_ID);
        prop_assert_eq!(request.as_object().unwrap().len(), changes.len() + 1);

        // After the wholesale replacement nothing the edit did not target is lost.
        let after = update_wholesale(&job, &patch);
        let (b, a) = (convert::json(&job), convert::json(&after));
        for (key, value) in b.as_object().unwrap() {
            if !may_change.contains(&key.as_str()) {
                prop_assert_eq!(a.get(key), Some(value), "{} changed", key);
            }
        }
        for kind in ["S3Resources", "LambdaResources", "Ec2AmiResources"] {
            let path = format!("/Resources/{kind}");
            let now = list(&a, &path);
            for r in list(&b, &path) {
                prop_assert!(now.contains(&r), "{} lost {}", kind, r);
            }
        }
        for service in ["TGWOnDeviceService", "EKSOnDeviceService", "S3OnDeviceService"] {
            let path = format!("/OnDeviceServiceConfiguration/{service}");
            prop_assert_eq!(a.pointer(&path), b.pointer(&path), "{} changed", service);
        }

        // Editing the updated job again changes nothing; building is deterministic.
        prop_assert!(edit.patch(&after, &ctx).unwrap().minimized(&after).is_empty());
        prop_assert_eq!(edit.patch(&job, &ctx).unwrap().minimized(&job), patch);
    }
}
