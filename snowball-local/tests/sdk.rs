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
use snowball_local::{
    Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, Fault, LocalServer, RateLimit, demo,
};

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
        8
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
    let mut files: Vec<_> = dir
        .path()
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["state.json", "state.json.lock"],
        "no temp file left behind (the lock stays, unlocked)"
    );
    let server = LocalServer::start(Config {
        demo: false,
        ..config
    })
    .unwrap();
    assert_eq!(server.jobs(), before);
    assert_eq!(
        server.jobs().len(),
        9,
        "the demo's 5 jobs, its cluster's 3, and the new one"
    );
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

// Clusters: CreateCluster, DescribeCluster, ListClusters, ListClusterJobs,
// UpdateCluster, CancelCluster, and node jobs (jobs with ClusterId).

fn code_of(err: &impl aws_sdk_snowball::error::ProvideErrorMetadata) -> Option<&str> {
    err.code()
}

fn local_use_bucket(arn: &str) -> JobResource {
    JobResource::builder()
        .s3_resources(S3Resource::builder().bucket_arn(arn).build())
        .build()
}

/// A new V3_5C T32 LOCAL_USE cluster of `size` node jobs; its ID and theirs.
async fn new_cluster(c: &Client, address: &str, size: i32) -> (String, Vec<String>) {
    let out = c
        .create_cluster()
        .job_type(JobType::LocalUse)
        .snowball_type(SnowballType::V35C)
        .snowball_capacity_preference(SnowballCapacity::T32)
        .address_id(address)
        .shipping_option(ShippingOption::SecondDay)
        .role_arn("arn:aws:iam::123456789012:role/r")
        .description("cluster")
        .resources(local_use_bucket("arn:aws:s3:::cluster-data"))
        .initial_cluster_size(size)
        .send()
        .await
        .unwrap();
    let jobs = out
        .job_list_entries()
        .iter()
        .map(|e| e.job_id().unwrap().to_string())
        .collect();
    (out.cluster_id.unwrap(), jobs)
}

#[tokio::test]
async fn cluster_operations_work_through_the_sdk() {
    use aws_sdk_snowball::types::ClusterState;
    let server = LocalServer::start(Config::default()).unwrap();
    let c = client(&server);
    let address = new_address(&c).await;
    let (cluster, nodes) = new_cluster(&c, &address, 3).await;
    assert!(
        cluster.starts_with("CID") && cluster.len() == 39,
        "{cluster}"
    );
    assert_eq!(nodes.len(), 3);

    let meta = c
        .describe_cluster()
        .cluster_id(&cluster)
        .send()
        .await
        .unwrap()
        .cluster_metadata
        .unwrap();
    assert_eq!(meta.cluster_state(), Some(&ClusterState::AwaitingQuorum));
    assert_eq!(meta.job_type(), Some(&JobType::LocalUse));
    assert_eq!(meta.shipping_option(), Some(&ShippingOption::SecondDay));
    assert_eq!(meta.address_id(), Some(address.as_str()));
    for node in &nodes {
        let job = c
            .describe_job()
            .job_id(node)
            .send()
            .await
            .unwrap()
            .job_metadata
            .unwrap();
        assert_eq!(job.cluster_id(), Some(cluster.as_str()));
        assert_eq!(job.job_state(), Some(&JobState::New));
        assert_eq!(job.snowball_type(), Some(&SnowballType::V35C));
        assert_eq!(
            job.snowball_capacity_preference(),
            Some(&SnowballCapacity::T32)
        );
        assert_eq!(job.description(), Some("cluster"));
        assert_eq!(
            job.shipping_details().unwrap().shipping_option(),
            Some(&ShippingOption::SecondDay)
        );
    }

    // A node added with CreateJob takes the cluster's settings, not its own.
    let added = c
        .create_job()
        .cluster_id(&cluster)
        .description("ignored: a node job inherits")
        .send()
        .await
        .unwrap()
        .job_id
        .unwrap();
    let job = server.job(&added).unwrap();
    assert_eq!(job["ClusterId"], json!(cluster));
    assert_eq!(job["Description"], "cluster");
    assert_eq!(job["SnowballCapacityPreference"], "T32");
    assert_eq!(
        job["Resources"],
        server.cluster(&cluster).unwrap()["Resources"]
    );

    let listed = c.list_clusters().send().await.unwrap();
    assert_eq!(listed.cluster_list_entries().len(), 1);
    let entry = &listed.cluster_list_entries()[0];
    assert_eq!(entry.cluster_id(), Some(cluster.as_str()));
    assert_eq!(entry.cluster_state(), Some(&ClusterState::AwaitingQuorum));
    assert_eq!(entry.description(), Some("cluster"));
    let members: Vec<_> = c
        .list_cluster_jobs()
        .cluster_id(&cluster)
        .send()
        .await
        .unwrap()
        .job_list_entries()
        .iter()
        .map(|e| e.job_id().unwrap().to_string())
        .collect();
    assert_eq!(members, [nodes.clone(), vec![added.clone()]].concat());
    // ListJobs shows node jobs like any other.
    assert_eq!(
        c.list_jobs().send().await.unwrap().job_list_entries().len(),
        4
    );

    // UpdateCluster replaces members wholesale, in the cluster and in its node jobs.
    let other = new_address(&c).await;
    c.update_cluster()
        .cluster_id(&cluster)
        .shipping_option(ShippingOption::NextDay)
        .description("renamed")
        .address_id(&other)
        .resources(local_use_bucket("arn:aws:s3:::replaced"))
        .send()
        .await
        .unwrap();
    let stored = server.cluster(&cluster).unwrap();
    assert_eq!(stored["ShippingOption"], "NEXT_DAY");
    assert_eq!(stored["Description"], "renamed");
    assert_eq!(stored["AddressId"], json!(other));
    assert_eq!(
        stored["Resources"],
        json!({"S3Resources": [{"BucketArn": "arn:aws:s3:::replaced"}]})
    );
    assert_eq!(stored["RoleARN"], "arn:aws:iam::123456789012:role/r");
    for node in nodes.iter().chain([&added]) {
        let job = c
            .describe_job()
            .job_id(node)
            .send()
            .await
            .unwrap()
            .job_metadata
            .unwrap();
        assert_eq!(
            job.shipping_details().unwrap().shipping_option(),
            Some(&ShippingOption::NextDay)
        );
        assert_eq!(job.description(), Some("renamed"));
        assert_eq!(job.address_id(), Some(other.as_str()));
        assert_eq!(
            job.resources().unwrap().s3_resources()[0].bucket_arn(),
            Some("arn:aws:s3:::replaced")
        );
    }

    c.cancel_cluster()
        .cluster_id(&cluster)
        .send()
        .await
        .unwrap();
    assert_eq!(
        server.cluster(&cluster).unwrap()["ClusterState"],
        "Cancelled"
    );
    for node in nodes.iter().chain([&added]) {
        assert_eq!(server.job(node).unwrap()["JobState"], "Cancelled");
    }
    let ops = server.operations();
    for op in [
        "CreateCluster",
        "DescribeCluster",
        "ListClusters",
        "ListClusterJobs",
        "UpdateCluster",
        "CancelCluster",
    ] {
        assert!(ops.iter().any(|o| o == op), "{op}: {ops:?}");
    }
    assert!(server.journal().iter().all(|e| e.signature == "valid"));
}

#[tokio::test]
async fn cluster_refusals_carry_the_services_codes() {
    use aws_sdk_snowball::operation::cancel_cluster::CancelClusterError;
    use aws_sdk_snowball::operation::create_cluster::CreateClusterError;
    use aws_sdk_snowball::operation::create_job::CreateJobError;
    use aws_sdk_snowball::operation::describe_cluster::DescribeClusterError;
    use aws_sdk_snowball::operation::list_cluster_jobs::ListClusterJobsError;
    use aws_sdk_snowball::operation::update_cluster::UpdateClusterError;
    let server = LocalServer::start(Config::default()).unwrap();
    server.seed(&demo::cluster_seed(now())).unwrap();
    let c = client(&server);
    let node = demo::CLUSTER_JOBS[0];
    let before = server.cluster(demo::CLUSTER).unwrap();
    let node_before = server.job(node).unwrap();

    // Node jobs change only through their cluster.
    let err = c
        .update_job()
        .job_id(node)
        .description("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateJobError::InvalidInputCombinationException(_)),
        "{err:?}"
    );
    let message = aws_sdk_snowball::error::ProvideErrorMetadata::message(&err);
    assert!(message.unwrap().contains(demo::CLUSTER), "{message:?}");
    // Not among CancelJob's modelled errors: unhandled, sorted by its code.
    let err = c
        .cancel_job()
        .job_id(node)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code_of(&err), Some("InvalidInputCombinationException"));

    // KeyRange: clusters are LOCAL_USE.
    let ranged = JobResource::builder()
        .s3_resources(
            S3Resource::builder()
                .bucket_arn("arn:aws:s3:::b")
                .key_range(KeyRange::builder().begin_marker("a").build())
                .build(),
        )
        .build();
    let err = c
        .update_cluster()
        .cluster_id(demo::CLUSTER)
        .resources(ranged.clone())
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateClusterError::InvalidInputCombinationException(_)),
        "{err:?}"
    );
    let create = || {
        c.create_cluster()
            .job_type(JobType::LocalUse)
            .snowball_type(SnowballType::V35C)
            .address_id(demo::HOME_ADDRESS)
            .shipping_option(ShippingOption::SecondDay)
    };
    let err = create()
        .resources(ranged)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CreateClusterError::InvalidInputCombinationException(_)),
        "{err:?}"
    );
    let err = create()
        .job_type(JobType::Import)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CreateClusterError::InvalidInputCombinationException(_)),
        "{err:?}"
    );
    let err = create()
        .snowball_capacity_preference(SnowballCapacity::T240)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CreateClusterError::InvalidInputCombinationException(_)),
        "{err:?}"
    );
    // The model bounds InitialClusterSize to 0..=16.
    for size in [-1, 17, 1000] {
        let err = create()
            .initial_cluster_size(size)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(code_of(&err), Some("ValidationException"), "{size}");
    }
    let err = create()
        .address_id("ADID11111111-2222-4333-8444-555555555555")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    match err {
        CreateClusterError::InvalidResourceException(e) => {
            assert_eq!(e.resource_type(), Some("ADDRESS"))
        }
        other => panic!("{other:?}"),
    }
    let err = c
        .update_cluster()
        .cluster_id(demo::CLUSTER)
        .forwarding_address_id("ADID11111111-2222-4333-8444-555555555555")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateClusterError::InvalidResourceException(_)),
        "{err:?}"
    );

    // Unknown clusters, and IDs of the wrong shape.
    let missing = "CID11111111-2222-4333-8444-555555555555";
    match c
        .describe_cluster()
        .cluster_id(missing)
        .send()
        .await
        .unwrap_err()
        .into_service_error()
    {
        DescribeClusterError::InvalidResourceException(e) => {
            assert_eq!(e.resource_type(), Some("CLUSTER"));
            assert!(e.message().unwrap().contains(missing));
        }
        other => panic!("{other:?}"),
    }
    let err = c
        .update_cluster()
        .cluster_id(missing)
        .description("x")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateClusterError::InvalidResourceException(_)),
        "{err:?}"
    );
    let err = c
        .cancel_cluster()
        .cluster_id(missing)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CancelClusterError::InvalidResourceException(_)),
        "{err:?}"
    );
    let err = c
        .list_cluster_jobs()
        .cluster_id(missing)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, ListClusterJobsError::InvalidResourceException(_)),
        "{err:?}"
    );
    let err = c
        .create_job()
        .cluster_id(missing)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CreateJobError::InvalidResourceException(_)),
        "{err:?}"
    );
    for bad in [
        "CID-short",
        "JID00000000-0000-4000-8000-0000000000c1",
        "CID00000000-0000-4000-8000-00000000000A",
    ] {
        let err = c
            .describe_cluster()
            .cluster_id(bad)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        assert_eq!(code_of(&err), Some("ValidationException"), "{bad}");
    }
    // UpdateCluster without its ClusterId is refused by the model.
    let err = c
        .update_cluster()
        .description("x")
        .send()
        .await
        .unwrap_err();
    let meta = aws_sdk_snowball::error::ProvideErrorMetadata::meta(&err);
    assert_eq!(meta.code(), Some("ValidationException"));
    assert!(meta.message().unwrap().contains("ClusterId"), "{meta:?}");
    assert_eq!(server.cluster(demo::CLUSTER).unwrap(), before);
    assert_eq!(server.job(node).unwrap(), node_before);

    // States: UpdateCluster and CancelCluster only while AwaitingQuorum.
    c.cancel_cluster()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap();
    let err = c
        .cancel_cluster()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CancelClusterError::InvalidJobStateException(_)),
        "{err:?}"
    );
    let err = c
        .update_cluster()
        .cluster_id(demo::CLUSTER)
        .description("late")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateClusterError::InvalidJobStateException(_)),
        "{err:?}"
    );
    let err = c
        .create_job()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code_of(&err), Some("InvalidJobStateException"));
    server.set_cluster_state(demo::CLUSTER, "Pending").unwrap();
    let err = c
        .cancel_cluster()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CancelClusterError::InvalidJobStateException(_)),
        "{err:?}"
    );
    assert_eq!(server.job(node).unwrap()["JobState"], "PreparingAppliance");

    // CancelJob: only New; a job already cancelled cannot be cancelled again.
    let address = new_address(&c).await;
    let job = new_job(&c, &address, JobType::Import).await;
    c.cancel_job().job_id(&job).send().await.unwrap();
    let err = c
        .cancel_job()
        .job_id(&job)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code_of(&err), Some("InvalidJobStateException"));
}

fn now() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

#[tokio::test]
async fn list_clusters_and_list_cluster_jobs_paginate() {
    use aws_sdk_snowball::operation::create_job::CreateJobError;
    use aws_sdk_snowball::operation::list_clusters::ListClustersError;
    let server = LocalServer::start(Config::default()).unwrap();
    let clusters: Vec<_> = (0..130)
        .map(|i| {
            json!({"ClusterId": format!("CID00000000-0000-4000-8000-{i:012x}"), "JobType": "LOCAL_USE",
                   "SnowballType": "V3_5C", "Description": format!("cluster {i}")})
        })
        .collect();
    server.seed(&json!({ "Clusters": clusters })).unwrap();
    let c = client(&server);
    let pages: Vec<_> = c
        .list_clusters()
        .max_results(50)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    let listed: Vec<_> = pages
        .iter()
        .flat_map(|p| {
            p.cluster_list_entries()
                .iter()
                .map(|e| e.cluster_id().unwrap().to_string())
        })
        .collect();
    let expected: Vec<_> = server
        .clusters()
        .iter()
        .map(|c| c["ClusterId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(listed.len(), 130);
    let err = c
        .list_clusters()
        .next_token("bogus")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, ListClustersError::InvalidNextTokenException(_)),
        "{err:?}"
    );
    let err = c
        .list_clusters()
        .max_results(101)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code_of(&err), Some("ValidationException"));

    // 16 node jobs, the most a cluster can have; listed five at a time.
    let cluster = &listed[0];
    let mut nodes = Vec::new();
    for _ in 0..16 {
        nodes.push(
            c.create_job()
                .cluster_id(cluster)
                .send()
                .await
                .unwrap()
                .job_id
                .unwrap(),
        );
    }
    let err = c
        .create_job()
        .cluster_id(cluster)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, CreateJobError::ClusterLimitExceededException(_)),
        "{err:?}"
    );
    let pages: Vec<_> = c
        .list_cluster_jobs()
        .cluster_id(cluster)
        .max_results(5)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 4);
    let listed_nodes: Vec<_> = pages
        .iter()
        .flat_map(|p| {
            p.job_list_entries()
                .iter()
                .map(|e| e.job_id().unwrap().to_string())
        })
        .collect();
    assert_eq!(listed_nodes, nodes);
    // Another cluster has none; a token of another listing is refused.
    let empty = c
        .list_cluster_jobs()
        .cluster_id(&listed[1])
        .send()
        .await
        .unwrap();
    assert!(empty.job_list_entries().is_empty() && empty.next_token().is_none());
    let cluster_token = c
        .list_clusters()
        .max_results(1)
        .send()
        .await
        .unwrap()
        .next_token
        .unwrap();
    let err = c
        .list_cluster_jobs()
        .cluster_id(cluster)
        .next_token(cluster_token)
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert_eq!(code_of(&err), Some("InvalidNextTokenException"));
}

#[tokio::test]
async fn clusters_leave_awaiting_quorum_when_the_edit_window_ends() {
    use aws_sdk_snowball::operation::update_cluster::UpdateClusterError;
    use aws_sdk_snowball::types::ClusterState;
    let server = LocalServer::start(Config {
        edit_window: Duration::from_millis(800),
        ..Config::default()
    })
    .unwrap();
    let c = client(&server);
    let address = new_address(&c).await;
    let (cluster, nodes) = new_cluster(&c, &address, 2).await;
    let state = |c: Client, id: String| async move {
        c.describe_cluster()
            .cluster_id(id)
            .send()
            .await
            .unwrap()
            .cluster_metadata
            .unwrap()
            .cluster_state()
            .cloned()
    };
    assert_eq!(
        state(c.clone(), cluster.clone()).await,
        Some(ClusterState::AwaitingQuorum)
    );
    tokio::time::sleep(Duration::from_millis(1000)).await;
    // The control API sees it as of now too.
    let (status, body) = common::control(server.addr(), "GET", &format!("clusters/{cluster}"), "");
    assert_eq!(status, 200);
    let stored: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(stored["ClusterState"], "Pending");
    assert_eq!(
        state(c.clone(), cluster.clone()).await,
        Some(ClusterState::Pending)
    );
    for node in &nodes {
        let job = c
            .describe_job()
            .job_id(node)
            .send()
            .await
            .unwrap()
            .job_metadata
            .unwrap();
        assert_eq!(job.job_state(), Some(&JobState::PreparingAppliance));
    }
    let err = c
        .update_cluster()
        .cluster_id(&cluster)
        .description("late")
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(
        matches!(err, UpdateClusterError::InvalidJobStateException(_)),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_control_api_reads_and_moves_clusters() {
    let server = LocalServer::start(Config::default()).unwrap();
    server.seed(&demo::cluster_seed(now())).unwrap();
    let addr = server.addr();
    let (status, body) = common::control(addr, "GET", "clusters", "");
    assert_eq!(status, 200);
    let all: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["ClusterId"], demo::CLUSTER);
    assert_eq!(all[0]["ClusterState"], "AwaitingQuorum");
    let (status, _) = common::control(
        addr,
        "GET",
        "clusters/CID11111111-2222-4333-8444-555555555555",
        "",
    );
    assert_eq!(status, 404);

    // A node job's state follows its cluster: not set on its own while AwaitingQuorum.
    let node = demo::CLUSTER_JOBS[1];
    let (status, body) = common::control(
        addr,
        "PUT",
        &format!("jobs/{node}/state"),
        r#"{"state":"PreparingAppliance"}"#,
    );
    assert_eq!(status, 400, "{body}");
    assert!(body.contains(demo::CLUSTER), "{body}");
    assert_eq!(server.job(node).unwrap()["JobState"], "New");

    let path = format!("clusters/{}/state", demo::CLUSTER);
    for bad in [
        r#"{"state":"New"}"#,
        r#"{"state":"Gone"}"#,
        "{}",
        "not json",
    ] {
        let (status, _) = common::control(addr, "PUT", &path, bad);
        assert_eq!(status, 400, "{bad}");
    }
    for (cluster_state, job_state) in [
        ("Pending", "PreparingAppliance"),
        ("InUse", "WithCustomer"),
        ("Complete", "Complete"),
        ("AwaitingQuorum", "New"),
        ("Cancelled", "Cancelled"),
    ] {
        let (status, body) = common::control(
            addr,
            "PUT",
            &path,
            &format!(r#"{{"state":"{cluster_state}"}}"#),
        );
        assert_eq!(status, 200, "{body}");
        assert_eq!(
            server.cluster(demo::CLUSTER).unwrap()["ClusterState"],
            cluster_state
        );
        for node in demo::CLUSTER_JOBS {
            assert_eq!(
                server.job(node).unwrap()["JobState"],
                job_state,
                "{cluster_state}"
            );
        }
    }
    let (status, _) = common::control(
        addr,
        "PUT",
        "clusters/CID11111111-2222-4333-8444-555555555555/state",
        r#"{"state":"Pending"}"#,
    );
    assert_eq!(status, 404);
    // Once the cluster has left AwaitingQuorum, its node jobs go their own ways.
    let (status, body) = common::control(
        addr,
        "PUT",
        &format!("jobs/{node}/state"),
        r#"{"state":"InTransitToCustomer"}"#,
    );
    assert_eq!(status, 200, "{body}");
    assert!(server.set_cluster_state(demo::CLUSTER, "Gone").is_err());
}

#[tokio::test]
async fn faults_apply_to_cluster_operations() {
    let server = LocalServer::start(Config::default()).unwrap();
    server.seed(&demo::cluster_seed(now())).unwrap();
    let c = client(&server);
    server.push_fault(Fault::error(
        "DescribeCluster",
        1,
        503,
        "ServiceUnavailable",
    ));
    let err = c
        .describe_cluster()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 503);
    // A lost reply at the very end of the edit window.
    server.push_fault(Fault {
        operation: "UpdateCluster".into(),
        count: 1,
        action: snowball_local::FaultAction::DropReply {
            state: Some("Pending".into()),
            job_id: None,
        },
    });
    let err = c
        .update_cluster()
        .cluster_id(demo::CLUSTER)
        .description("applied, reply lost")
        .send()
        .await
        .unwrap_err();
    assert!(err.raw_response().is_none(), "{err:?}");
    let cluster = server.cluster(demo::CLUSTER).unwrap();
    assert_eq!(cluster["Description"], "applied, reply lost");
    assert_eq!(cluster["ClusterState"], "Pending");
    for node in demo::CLUSTER_JOBS {
        let job = server.job(node).unwrap();
        assert_eq!(job["Description"], "applied, reply lost");
        assert_eq!(job["JobState"], "PreparingAppliance");
    }
    let journal = server.journal();
    let last = journal.last().unwrap();
    assert_eq!(last.operation, "UpdateCluster");
    assert_eq!(last.fault.as_deref(), Some("drop_reply"));
    assert_eq!(last.input["ClusterId"], demo::CLUSTER);
    assert_eq!(journal[0].operation, "DescribeCluster");
    assert_eq!(journal[0].status, 503);
}

#[tokio::test]
async fn seeds_and_the_state_file_keep_clusters_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    let seed = demo::cluster_seed(now());
    let config = Config {
        state_file: Some(state_file.clone()),
        seed: Some(seed),
        ..Config::default()
    };
    let (created, before_clusters, before_jobs) = {
        let server = LocalServer::start(config.clone()).unwrap();
        assert_eq!(server.clusters().len(), 1);
        assert_eq!(server.jobs().len(), 3);
        let c = client(&server);
        // No node jobs yet: a node added later still gets the cluster's capacity.
        let (created, nodes) = new_cluster(&c, demo::HOME_ADDRESS, 0).await;
        assert!(nodes.is_empty());
        c.update_cluster()
            .cluster_id(demo::CLUSTER)
            .shipping_option(ShippingOption::Express)
            .send()
            .await
            .unwrap();
        (created, server.clusters(), server.jobs())
    };
    let server = LocalServer::start(Config {
        seed: None,
        ..config
    })
    .unwrap();
    assert_eq!(server.clusters(), before_clusters);
    assert_eq!(server.jobs(), before_jobs);
    assert_eq!(
        server.job(demo::CLUSTER_JOBS[2]).unwrap()["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
    let c = client(&server);
    let node = c
        .create_job()
        .cluster_id(&created)
        .send()
        .await
        .unwrap()
        .job_id
        .unwrap();
    assert_eq!(
        server.job(&node).unwrap()["SnowballCapacityPreference"],
        "T32"
    );
    // A seeded cluster's later node takes its first node job's capacity.
    let node = c
        .create_job()
        .cluster_id(demo::CLUSTER)
        .send()
        .await
        .unwrap()
        .job_id
        .unwrap();
    assert_eq!(
        server.job(&node).unwrap()["SnowballCapacityPreference"],
        "T32"
    );
    assert_eq!(
        c.list_cluster_jobs()
            .cluster_id(demo::CLUSTER)
            .send()
            .await
            .unwrap()
            .job_list_entries()
            .len(),
        4
    );
}

#[test]
fn cluster_seeds_are_checked() {
    let server = LocalServer::start(Config::default()).unwrap();
    for (doc, culprit) in [
        (
            json!({"Clusters": [{"ClusterId": "CID-short", "JobType": "LOCAL_USE"}]}),
            "Clusters[0].ClusterId",
        ),
        (
            json!({"Clusters": [{"ClusterState": "Pending"}, {"ClusterState": "Waiting"}]}),
            "Clusters[1].ClusterState",
        ),
        (
            json!({"Jobs": [{"JobType": "LOCAL_USE", "ClusterId": "CID11111111-2222-4333-8444-555555555555"}]}),
            "Jobs[0].ClusterId",
        ),
        (
            json!({"Jobs": [{"JobType": "LOCAL_USE", "ClusterId": "JID11111111-2222-4333-8444-555555555555"}]}),
            "Jobs[0].ClusterId",
        ),
        (
            json!({"Clusters": [{"ClusterId": demo::CLUSTER}],
                   "Jobs": [{"ClusterId": demo::CLUSTER, "JobState": "PreparingAppliance"}]}),
            "Jobs[0].JobState",
        ),
        (json!({"Cluster": []}), "Cluster: unknown key"),
    ] {
        let err = server.seed(&doc).unwrap_err();
        assert!(err.starts_with(culprit), "{culprit}: {err}");
    }
    // Seeding a cluster again in another state moves its node jobs to match.
    server
        .seed(&json!({"Clusters": [{"ClusterId": demo::CLUSTER}], "Jobs": [{"JobId": demo::CLUSTER_JOBS[0], "ClusterId": demo::CLUSTER}]}))
        .unwrap();
    server
        .seed(&json!({"Clusters": [{"ClusterId": demo::CLUSTER, "ClusterState": "Complete"}]}))
        .unwrap();
    assert_eq!(
        server.job(demo::CLUSTER_JOBS[0]).unwrap()["JobState"],
        "Complete"
    );
    // A node job without a state takes its cluster's.
    server
        .seed(&json!({"Clusters": [{"ClusterId": "CID11111111-2222-4333-8444-555555555555", "ClusterState": "Pending"}],
                      "Jobs": [{"JobId": "JID11111111-2222-4333-8444-555555555555", "ClusterId": "CID11111111-2222-4333-8444-555555555555"}]}))
        .unwrap();
    assert_eq!(
        server
            .job("JID11111111-2222-4333-8444-555555555555")
            .unwrap()["JobState"],
        "PreparingAppliance"
    );
}

// Rate limiting (--rate-limit): a token bucket over Snowball operations.

fn rate_limited(per_second: f64, burst: u32) -> LocalServer {
    LocalServer::start(Config {
        demo: true,
        rate_limit: Some(RateLimit::new(per_second, Some(burst)).unwrap()),
        ..Config::default()
    })
    .unwrap()
}

/// One UpdateJob of the demo import job: Ok, or the error's code.
async fn try_update(c: &Client, description: &str) -> Result<(), (Option<u16>, String, String)> {
    match c
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .description(description)
        .send()
        .await
    {
        Ok(_) => Ok(()),
        Err(err) => {
            let status = err.raw_response().map(|r| r.status().as_u16());
            let err = err.into_service_error();
            Err((
                status,
                code_of(&err).unwrap_or_default().to_string(),
                aws_sdk_snowball::error::ProvideErrorMetadata::message(&err)
                    .unwrap_or_default()
                    .to_string(),
            ))
        }
    }
}

#[tokio::test]
async fn a_burst_beyond_the_bucket_is_throttled_and_journalled() {
    // 3 at once, then one every 5 s: the burst below takes milliseconds.
    let server = rate_limited(0.2, 3);
    let c = client(&server); // one attempt, no retries
    let mut outcomes = Vec::new();
    for i in 0..6 {
        outcomes.push(try_update(&c, &format!("try {i}")).await);
    }
    assert!(outcomes[..3].iter().all(Result::is_ok), "{outcomes:?}");
    for outcome in &outcomes[3..] {
        let (status, code, message) = outcome.clone().unwrap_err();
        assert_eq!(
            (status, code.as_str(), message.as_str()),
            (Some(400), "ThrottlingException", "Rate exceeded")
        );
    }
    // Throttled calls did not run.
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["Description"],
        "try 2"
    );
    let journal = server.journal();
    assert_eq!(journal.len(), 6);
    for (i, entry) in journal.iter().enumerate() {
        assert_eq!(entry.operation, "UpdateJob");
        assert_eq!(entry.input["JobId"], demo::IMPORT_JOB, "{entry:?}");
        if i < 3 {
            assert_eq!((entry.status, entry.fault.as_deref()), (200, None));
        } else {
            assert_eq!(entry.status, 400);
            assert_eq!(entry.fault.as_deref(), Some("throttled"));
            assert_eq!(entry.error_code.as_deref(), Some("ThrottlingException"));
        }
    }
    // The control API is never throttled, and takes no tokens.
    for i in 0..30 {
        let (status, _) = common::control(server.addr(), "GET", "jobs", "");
        assert_eq!(status, 200, "control call {i}");
        let (status, _) = common::control(server.addr(), "GET", "journal", "");
        assert_eq!(status, 200, "control call {i}");
    }
    server.set_job_state(demo::LOCKED_JOB, "Complete").unwrap();
    let (_, code, _) = try_update(&c, "still throttled").await.unwrap_err();
    assert_eq!(code, "ThrottlingException");
    // Every operation counts, reads too.
    let err = c
        .describe_job()
        .job_id(demo::IMPORT_JOB)
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        code_of(&err.into_service_error()),
        Some("ThrottlingException")
    );
}

#[tokio::test]
async fn throttled_tokens_refill_at_the_rate() {
    // One at once, refilled at 2 a second.
    let server = rate_limited(2.0, 1);
    let c = client(&server);
    try_update(&c, "first").await.unwrap();
    let emptied = std::time::Instant::now();
    assert_eq!(
        try_update(&c, "at once").await.unwrap_err().1,
        "ThrottlingException"
    );
    // A bounded wait for the next token: about 0.5 s; never much sooner.
    loop {
        if try_update(&c, "refilled").await.is_ok() {
            break;
        }
        assert!(
            emptied.elapsed() < Duration::from_secs(5),
            "no token within 5 s at 2 a second"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let waited = emptied.elapsed();
    assert!(
        waited >= Duration::from_millis(250),
        "refilled after {waited:?}"
    );
    // Hammered for 2 s, it lets through about 2 a second (generous bounds:
    // a busy machine may slow the client, never speed up the bucket).
    let started = std::time::Instant::now();
    let mut passed = 0u32;
    while started.elapsed() < Duration::from_secs(2) {
        if try_update(&c, "hammer").await.is_ok() {
            passed += 1;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let most = (2.0 * started.elapsed().as_secs_f64()).floor() as u32 + 2;
    assert!((2..=most).contains(&passed), "{passed} calls passed in 2 s");
}

#[test]
fn throttling_is_shaped_as_each_protocol_defines() {
    let server = LocalServer::start(Config {
        demo: true,
        credentials: None,
        rate_limit: Some(RateLimit::new(0.01, Some(1)).unwrap()),
        ..Config::default()
    })
    .unwrap();
    let target = "AWSIESnowballJobManagementService.DescribeJob";
    let body = format!(r#"{{"JobId": "{}"}}"#, demo::IMPORT_JOB);
    let json_call = || {
        request(
            server.addr(),
            "POST",
            "/",
            &[
                ("x-amz-target", target),
                ("content-type", "application/x-amz-json-1.1"),
            ],
            body.as_bytes(),
        )
    };
    assert_eq!(json_call().status, 200);
    let raw = json_call();
    assert_eq!(raw.status, 400);
    assert!(
        raw.head.contains("x-amzn-errortype: throttlingexception"),
        "{}",
        raw.head
    );
    let reply: serde_json::Value = serde_json::from_slice(&raw.body).unwrap();
    assert_eq!(reply["__type"], "ThrottlingException");
    assert_eq!(reply["message"], "Rate exceeded");

    let mut cbor_body = Vec::new();
    ciborium::ser::into_writer(
        &ciborium::Value::Map(vec![(
            ciborium::Value::Text("JobId".into()),
            ciborium::Value::Text(demo::IMPORT_JOB.into()),
        )]),
        &mut cbor_body,
    )
    .unwrap();
    let raw = request(
        server.addr(),
        "POST",
        "/service/AWSIESnowballJobManagementService/operation/DescribeJob",
        &[
            ("smithy-protocol", "rpc-v2-cbor"),
            ("content-type", "application/cbor"),
        ],
        &cbor_body,
    );
    assert_eq!(raw.status, 400);
    let reply: ciborium::Value = ciborium::de::from_reader(raw.body.as_slice()).unwrap();
    let field = |name: &str| {
        reply
            .as_map()
            .unwrap()
            .iter()
            .find(|(k, _)| k.as_text() == Some(name))
            .and_then(|(_, v)| v.as_text().map(str::to_string))
    };
    assert_eq!(
        field("__type").as_deref(),
        Some("com.amazonaws.snowball#ThrottlingException")
    );
    assert_eq!(field("message").as_deref(), Some("Rate exceeded"));
    let faults: Vec<_> = server.journal().into_iter().map(|e| e.fault).collect();
    assert_eq!(
        faults,
        [None, Some("throttled".into()), Some("throttled".into())]
    );
}

#[test]
fn rate_limits_parse_and_bad_ones_are_refused() {
    for (text, rate, burst) in [
        ("20", 20.0, 20),
        ("0.5", 0.5, 1),
        ("2.5", 2.5, 3),
        ("4,10", 4.0, 10),
        (" 4 , 1 ", 4.0, 1),
    ] {
        let limit: RateLimit = text.parse().unwrap();
        assert_eq!((limit.per_second(), limit.burst()), (rate, burst), "{text}");
    }
    for text in [
        "0", "-1", "nan", "inf", "", "fast", "2,0", "2,", "2,1.5", "2,-1", "2,3,4",
    ] {
        let err = text.parse::<RateLimit>().unwrap_err();
        assert!(!err.is_empty(), "{text}");
    }
    assert!(RateLimit::new(0.0, None).is_err());
    assert!(RateLimit::new(1.0, Some(0)).is_err());
}

// The state file: a log of changes, compacted as it grows.

#[tokio::test]
async fn the_state_log_is_compacted_as_it_grows() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    let config = Config {
        state_file: Some(state_file.clone()),
        demo: true,
        ..Config::default()
    };
    let size = || std::fs::metadata(&state_file).unwrap().len();
    {
        let server = LocalServer::start(config.clone()).unwrap();
        let c = client(&server);
        let snapshot = size();
        let (mut largest, mut last, mut compactions) = (snapshot, snapshot, 0);
        for i in 0..300 {
            c.update_job()
                .job_id(demo::IMPORT_JOB)
                .description(format!("edit {i:03}"))
                .send()
                .await
                .unwrap();
            let now = size();
            if now < last {
                compactions += 1;
            }
            largest = largest.max(now);
            last = now;
        }
        assert!(compactions >= 2, "{compactions} compactions in 300 edits");
        assert!(
            largest <= 2 * snapshot + 4096,
            "grew to {largest} bytes from a snapshot of {snapshot}"
        );
    }
    // Compacted at start too: one snapshot line.
    let server = LocalServer::start(config).unwrap();
    let text = std::fs::read_to_string(&state_file).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(text.starts_with(r#"{"SnowballLocalState":1,"#), "{text}");
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["Description"],
        "edit 299"
    );
}

#[tokio::test]
async fn every_kind_of_change_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    let config = Config {
        state_file: Some(state_file.clone()),
        demo: true,
        seed: Some(demo::cluster_seed(now())),
        ..Config::default()
    };
    let before = {
        let server = LocalServer::start(config.clone()).unwrap();
        let c = client(&server);
        let address = new_address(&c).await;
        let job = new_job(&c, &address, JobType::Import).await;
        c.update_job()
            .job_id(&job)
            .shipping_option(ShippingOption::Express)
            .send()
            .await
            .unwrap();
        c.cancel_job()
            .job_id(demo::EXPORT_JOB)
            .send()
            .await
            .unwrap();
        let (cluster, _) = new_cluster(&c, demo::HOME_ADDRESS, 2).await;
        c.update_cluster()
            .cluster_id(&cluster)
            .description("moved")
            .send()
            .await
            .unwrap();
        c.create_job().cluster_id(&cluster).send().await.unwrap();
        c.cancel_cluster()
            .cluster_id(demo::CLUSTER)
            .send()
            .await
            .unwrap();
        server
            .set_job_state(demo::COMPUTE_JOB, "InTransitToCustomer")
            .unwrap();
        server.set_cluster_state(&cluster, "Pending").unwrap();
        assert!(server.remove_address(demo::FORWARDING_ADDRESS));
        let again = new_address(&c).await;
        server
            .seed(&json!({"Jobs": [{"JobType": "EXPORT", "SnowballType": "EDGE"}]}))
            .unwrap();
        server
            .seed(&json!({"Addresses": [{"AddressId": again, "Name": "Put again"}]}))
            .unwrap();
        let addresses = c.describe_addresses().send().await.unwrap();
        (
            server.jobs(),
            server.clusters(),
            format!("{:?}", addresses.addresses()),
        )
    };
    let server = LocalServer::start(Config {
        demo: false,
        seed: None,
        ..config
    })
    .unwrap();
    let addresses = client(&server).describe_addresses().send().await.unwrap();
    assert_eq!(
        (
            server.jobs(),
            server.clusters(),
            format!("{:?}", addresses.addresses())
        ),
        before
    );
}

#[test]
fn an_old_format_state_file_loads_and_is_rewritten_as_a_log() {
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join("state.json");
    // The format before the log: one pretty-printed document.
    let mut doc = demo::seed(now());
    doc["Jobs"][0]["Description"] = json!("from the old format");
    doc["WindowEnds"] = json!({ demo::IMPORT_JOB: null });
    doc["NodeSettings"] = json!({});
    std::fs::write(&state_file, format!("{doc:#}")).unwrap();
    let server = LocalServer::start(Config {
        state_file: Some(state_file.clone()),
        ..Config::default()
    })
    .unwrap();
    assert_eq!(server.jobs().len(), 5);
    assert_eq!(
        server.job(demo::IMPORT_JOB).unwrap()["Description"],
        "from the old format"
    );
    let text = std::fs::read_to_string(&state_file).unwrap();
    assert!(text.starts_with(r#"{"SnowballLocalState":1,"#), "{text}");
    let before = server.jobs();
    drop(server);
    let server = LocalServer::start(Config {
        state_file: Some(state_file),
        ..Config::default()
    })
    .unwrap();
    assert_eq!(server.jobs(), before);
}

#[tokio::test]
async fn any_text_survives_the_state_file() {
    let dir = tempfile::tempdir().unwrap();
    let config = Config {
        state_file: Some(dir.path().join("state.json")),
        demo: true,
        ..Config::default()
    };
    // Characters JSON writes raw that YAML refuses or reads as line breaks.
    let text = "del\u{7f} c1\u{9b} nel\u{85} ls\u{2028} ps\u{2029} bom\u{feff} \u{fffe}\u{ffff} nul\0 tab\t \u{1F600} \"\\";
    {
        let server = LocalServer::start(config.clone()).unwrap();
        let c = client(&server);
        c.update_job()
            .job_id(demo::IMPORT_JOB)
            .description(text)
            .send()
            .await
            .unwrap();
    }
    // Read from a change line, then from the snapshot it was compacted into.
    for _ in 0..2 {
        let server = LocalServer::start(config.clone()).unwrap();
        assert_eq!(server.job(demo::IMPORT_JOB).unwrap()["Description"], text);
    }
}
