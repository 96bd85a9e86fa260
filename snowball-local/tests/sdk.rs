//! snowball-local through the real aws-sdk-snowball client: real HTTP, real
//! SigV4, Smithy RPC v2 CBOR on 127.0.0.1.

mod common;

use std::time::Duration;

use aws_sdk_snowball::Client;
use aws_sdk_snowball::operation::describe_job::DescribeJobError;
use aws_sdk_snowball::operation::list_jobs::ListJobsError;
use aws_sdk_snowball::operation::update_job::UpdateJobError;
use aws_sdk_snowball::types::{
    Address, JobResource, JobState, JobType, KeyRange, NfsOnDeviceServiceConfiguration,
    OnDeviceServiceConfiguration, S3Resource, ShippingOption, SnowballCapacity, SnowballType,
    StorageUnit,
};
use common::{client_at, client_in, demo_server, request};
use serde_json::json;
use snowball_local::{Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, Fault, LocalServer, demo};

fn client_with(server: &LocalServer, access: &str, secret: &str, region: &str) -> Client {
    client_at(server.url(), access, secret, region)
}

fn client(server: &LocalServer) -> Client {
    client_in(server.url(), "us-east-1")
}

async fn new_address(c: &Client) -> String {
    c.create_address()
        .address(
            Address::builder()
                .name("Ana")
                .street1("1 Main St")
                .city("Seattle")
                .country("US")
                .postal_code("98101")
                .build(),
        )
        .send()
        .await
        .unwrap()
        .address_id
        .unwrap()
}

async fn new_job(c: &Client, address: &str, job_type: JobType) -> String {
    c.create_job()
        .job_type(job_type)
        .snowball_type(SnowballType::Edge)
        .address_id(address)
        .shipping_option(ShippingOption::SecondDay)
        .role_arn("arn:aws:iam::123456789012:role/r")
        .resources(
            JobResource::builder()
                .s3_resources(S3Resource::builder().bucket_arn("arn:aws:s3:::one").build())
                .build(),
        )
        .send()
        .await
        .unwrap()
        .job_id
        .unwrap()
}

#[tokio::test]
async fn every_operation_works_through_the_sdk() {
    let server = LocalServer::start(Config::default()).unwrap();
    let c = client(&server);
    let address = new_address(&c).await;
    assert!(address.starts_with("ADID") && address.len() == 40);
    let described = c
        .describe_address()
        .address_id(&address)
        .send()
        .await
        .unwrap();
    assert_eq!(described.address.unwrap().city(), Some("Seattle"));
    let all = c.describe_addresses().send().await.unwrap();
    assert_eq!(all.addresses().len(), 1);

    let job = new_job(&c, &address, JobType::Import).await;
    assert!(job.starts_with("JID") && job.len() == 39);
    let meta = c
        .describe_job()
        .job_id(&job)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap();
    assert_eq!(meta.job_state(), Some(&JobState::New));
    assert_eq!(
        meta.snowball_capacity_preference(),
        Some(&SnowballCapacity::NoPreference)
    );
    let age = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
        - meta.creation_date().unwrap().as_secs_f64();
    assert!(
        (0.0..60.0).contains(&age),
        "CreationDate decoded as a CBOR timestamp: {age}"
    );

    c.update_job()
        .job_id(&job)
        .shipping_option(ShippingOption::NextDay)
        .snowball_capacity_preference(SnowballCapacity::T100)
        .send()
        .await
        .unwrap();
    let meta = c
        .describe_job()
        .job_id(&job)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap();
    assert_eq!(
        meta.shipping_details().unwrap().shipping_option(),
        Some(&ShippingOption::NextDay)
    );
    assert_eq!(
        meta.snowball_capacity_preference(),
        Some(&SnowballCapacity::T100)
    );

    let listed = c.list_jobs().send().await.unwrap();
    assert_eq!(listed.job_list_entries().len(), 1);
    assert_eq!(listed.job_list_entries()[0].job_id(), Some(job.as_str()));

    c.cancel_job().job_id(&job).send().await.unwrap();
    let meta = c
        .describe_job()
        .job_id(&job)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap();
    assert_eq!(meta.job_state(), Some(&JobState::Cancelled));
    assert_eq!(server.operations().len(), 10);
    assert!(server.journal().iter().all(|e| e.signature == "valid"));
}

#[tokio::test]
async fn errors_map_to_the_sdks_typed_errors() {
    let server = demo_server();
    let c = client(&server);
    let missing = "JID11111111-2222-4333-8444-555555555555";
    match c
        .describe_job()
        .job_id(missing)
        .send()
        .await
        .unwrap_err()
        .into_service_error()
    {
        DescribeJobError::InvalidResourceException(e) => {
            assert_eq!(e.resource_type(), Some("JOB"));
            assert!(e.message().unwrap().contains(missing));
        }
        other => panic!("{other:?}"),
    }
    let err = c
        .update_job()
        .job_id(demo::LOCKED_JOB)
        .description("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateJobError::InvalidJobStateException(_)),
        "{err:?}"
    );

    let err = c
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .snowball_capacity_preference(SnowballCapacity::T8)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateJobError::InvalidInputCombinationException(_)),
        "{err:?}"
    );

    let ranged = JobResource::builder()
        .s3_resources(
            S3Resource::builder()
                .bucket_arn("arn:aws:s3:::b")
                .key_range(KeyRange::builder().begin_marker("a").build())
                .build(),
        )
        .build();
    let err = c
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .resources(ranged)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateJobError::InvalidInputCombinationException(_)),
        "{err:?}"
    );

    let err = c
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .address_id("ADID11111111-2222-4333-8444-555555555555")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        UpdateJobError::InvalidResourceException(e) => {
            assert_eq!(e.resource_type(), Some("ADDRESS"))
        }
        other => panic!("{other:?}"),
    }

    let err = c
        .list_jobs()
        .next_token("bogus")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, ListJobsError::InvalidNextTokenException(_)),
        "{err:?}"
    );

    // Model validation: a bucket that is not an ARN, named by its path.
    let bad = JobResource::builder()
        .s3_resources(S3Resource::builder().bucket_arn("arn:aws:s3:::ok").build())
        .s3_resources(S3Resource::builder().bucket_arn("not-an-arn").build())
        .build();
    let err = c
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .resources(bad)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let meta = aws_sdk_snowball::error::ProvideErrorMetadata::meta(&err);
    assert_eq!(meta.code(), Some("ValidationException"));
    assert!(
        meta.message()
            .unwrap()
            .contains("Resources.S3Resources[1].BucketArn"),
        "{meta:?}"
    );
    let err = c
        .describe_job()
        .job_id("JID-short")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    let meta = aws_sdk_snowball::error::ProvideErrorMetadata::meta(&err);
    assert_eq!(meta.code(), Some("ValidationException"));
    // Nothing was changed by any of the refused updates.
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["SnowballCapacityPreference"],
        "T100"
    );
}

#[tokio::test]
async fn pagination_covers_250_jobs() {
    let server = LocalServer::start(Config::default()).unwrap();
    let jobs: Vec<_> = (0..250).map(|i| json!({"JobType": "IMPORT", "SnowballType": "EDGE", "Description": format!("job {i}")})).collect();
    let ids = server.seed(&json!({ "Jobs": jobs })).unwrap();
    let c = client(&server);
    let pages: Vec<_> = c
        .list_jobs()
        .max_results(100)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let listed: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p.job_list_entries()
                .iter()
                .map(|e| e.job_id().unwrap().to_string())
        })
        .collect();
    assert_eq!(listed, ids);
    let err = c
        .list_jobs()
        .max_results(101)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(
        aws_sdk_snowball::error::ProvideErrorMetadata::code(&err),
        Some("ValidationException")
    );
}

#[tokio::test]
async fn bad_signatures_are_refused_with_403() {
    let server = demo_server();
    for (access, secret, region, why) in [
        (DEFAULT_ACCESS_KEY, "wrong-secret", "us-east-1", "signature"),
        (
            "AKIAWRONGWRONGWRONG0",
            DEFAULT_SECRET_KEY,
            "us-east-1",
            "access key",
        ),
    ] {
        let err = client_with(&server, access, secret, region)
            .list_jobs()
            .send()
            .await
            .unwrap_err();
        let raw = err.raw_response().expect("a reply was received");
        assert_eq!(raw.status().as_u16(), 403);
        let meta = aws_sdk_snowball::error::ProvideErrorMetadata::meta(&err);
        assert_eq!(meta.code(), Some("InvalidSignatureException"));
        let last = server.journal().pop().unwrap();
        assert!(last.signature.contains(why), "{why}: {}", last.signature);
        assert_eq!(last.status, 403);
    }
    // A signature scoped to another service, and no signature at all.
    let status = request(
        server.addr(),
        "POST",
        "/service/AWSIESnowballJobManagementService/operation/ListJobs",
        &[
            (
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261125/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
            ),
            ("x-amz-date", "20261125T000000Z"),
            ("smithy-protocol", "rpc-v2-cbor"),
        ],
        &[0xa0],
    )
    .status;
    assert_eq!(status, 403);
    assert!(
        server
            .journal()
            .pop()
            .unwrap()
            .signature
            .contains("service")
    );
    let status = request(
        server.addr(),
        "POST",
        "/service/AWSIESnowballJobManagementService/operation/ListJobs",
        &[],
        &[0xa0],
    )
    .status;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn no_auth_accepts_any_signature() {
    let server = LocalServer::start(Config {
        credentials: None,
        demo: true,
        ..Config::default()
    })
    .unwrap();
    let c = client_with(&server, "anything", "anything", "ap-south-1");
    assert_eq!(
        c.list_jobs().send().await.unwrap().job_list_entries().len(),
        5
    );
    assert_eq!(server.journal()[0].signature, "not checked");
}

#[tokio::test]
async fn update_job_replaces_members_wholesale() {
    let server = demo_server();
    let c = client(&server);
    let before = server.job(demo::SERVICES_JOB).unwrap();
    c.update_job()
        .job_id(demo::SERVICES_JOB)
        .on_device_service_configuration(
            OnDeviceServiceConfiguration::builder()
                .nfs_on_device_service(
                    NfsOnDeviceServiceConfiguration::builder()
                        .storage_limit(4)
                        .storage_unit(StorageUnit::Tb)
                        .build(),
                )
                .build(),
        )
        .send()
        .await
        .unwrap();
    let after = server.job(demo::SERVICES_JOB).unwrap();
    // The service drops the Tape Gateway and EKS configuration: the trap snowjob avoids.
    assert_eq!(
        after["OnDeviceServiceConfiguration"],
        json!({"NFSOnDeviceService": {"StorageLimit": 4, "StorageUnit": "TB"}})
    );
    assert_eq!(after["Resources"], before["Resources"]);
    assert_eq!(after["ShippingDetails"], before["ShippingDetails"]);
}

#[tokio::test]
async fn jobs_leave_new_when_the_edit_window_ends() {
    let server = LocalServer::start(Config {
        edit_window: Duration::from_millis(800),
        ..Config::default()
    })
    .unwrap();
    let c = client(&server);
    let address = new_address(&c).await;
    let job = new_job(&c, &address, JobType::Import).await;
    let state = |c: Client, job: String| async move {
        c.describe_job()
            .job_id(job)
            .send()
            .await
            .unwrap()
            .job_metadata
            .unwrap()
            .job_state()
            .cloned()
    };
    assert_eq!(state(c.clone(), job.clone()).await, Some(JobState::New));
    tokio::time::sleep(Duration::from_millis(1000)).await;
    assert_eq!(
        state(c.clone(), job.clone()).await,
        Some(JobState::PreparingAppliance)
    );
    let err = c
        .update_job()
        .job_id(&job)
        .description("late")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(matches!(err, UpdateJobError::InvalidJobStateException(_)));
}

#[tokio::test]
async fn state_file_keeps_every_job_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    let config = Config {
        state_file: Some(state_file.clone()),
        demo: true,
        ..Config::default()
    };
    let (created, before) = {
        let server = LocalServer::start(config.clone()).unwrap();
        let c = client(&server);
        let address = new_address(&c).await;
        let job = new_job(&c, &address, JobType::Export).await;
        c.update_job()
            .job_id(demo::IMPORT_JOB)
            .description("changed")
            .send()
            .await
            .unwrap();
        (job, server.jobs())
    };
    let files: Vec<_> = dir
        .path()
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        files,
        vec![std::ffi::OsString::from("state.json")],
        "no temp file left behind"
    );
    let server = LocalServer::start(Config {
        demo: false,
        ..config
    })
    .unwrap();
    assert_eq!(server.jobs(), before);
    assert_eq!(server.jobs().len(), 6);
    let meta = client(&server)
        .describe_job()
        .job_id(&created)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap();
    assert_eq!(meta.job_type(), Some(&JobType::Export));
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["Description"],
        "changed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_updates_on_distinct_jobs_lose_nothing() {
    let server = LocalServer::start(Config::default()).unwrap();
    let jobs: Vec<_> = (0..64)
        .map(|_| json!({"JobType": "IMPORT", "SnowballType": "EDGE"}))
        .collect();
    let ids = server.seed(&json!({ "Jobs": jobs })).unwrap();
    let c = client(&server);
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let (c, id) = (c.clone(), id.clone());
            tokio::spawn(async move {
                c.update_job()
                    .job_id(&id)
                    .description(format!("for {id}"))
                    .send()
                    .await
                    .unwrap();
            })
        })
        .collect();
    for t in tasks {
        t.await.unwrap();
    }
    for id in &ids {
        assert_eq!(server.job(id).unwrap()["Description"], format!("for {id}"));
    }
}

#[tokio::test]
async fn injected_faults_reach_the_client() {
    let server = demo_server();
    let c = client(&server);
    server.push_fault(Fault::error("DescribeJob", 1, 500, "InternalFailure"));
    let err = c
        .describe_job()
        .job_id(demo::IMPORT_JOB)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    assert!(
        c.describe_job()
            .job_id(demo::IMPORT_JOB)
            .send()
            .await
            .is_ok()
    );
    server.push_fault(Fault {
        operation: "DescribeJob".into(),
        count: 1,
        action: snowball_local::FaultAction::SetStateAfter {
            job_id: demo::IMPORT_JOB.into(),
            state: "PreparingAppliance".into(),
        },
    });
    c.describe_job()
        .job_id(demo::IMPORT_JOB)
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["JobState"],
        "PreparingAppliance"
    );
}

#[test]
fn any_bytes_get_a_4xx_never_a_5xx() {
    let server = LocalServer::start(Config {
        credentials: None,
        ..Config::default()
    })
    .unwrap();
    let path = "/service/AWSIESnowballJobManagementService/operation/UpdateJob";
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut bodies: Vec<Vec<u8>> = vec![
        vec![0xff],
        vec![0xbf],
        vec![0x9f; 4000],
        b"{}".to_vec(),
        vec![0xa1, 0x01, 0x02],
    ];
    for len in 1..200 {
        bodies.push(
            (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    seed as u8
                })
                .collect(),
        );
    }
    for body in bodies {
        let raw = request(
            server.addr(),
            "POST",
            path,
            &[
                ("smithy-protocol", "rpc-v2-cbor"),
                ("content-type", "application/cbor"),
            ],
            &body,
        );
        assert!(
            (400..500).contains(&raw.status),
            "{} for {body:?}",
            raw.status
        );
        assert!(raw.head.contains("x-amzn-requestid"));
        assert!(raw.head.contains("smithy-protocol: rpc-v2-cbor"));
    }
}
