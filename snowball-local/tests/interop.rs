//! Independent clients (boto3 and the AWS CLI, both awsJson1_1) against the same
//! endpoint as aws-sdk-snowball (CBOR) must see the same jobs. These tests are
//! ignored unless asked for (`cargo test --workspace -- --include-ignored`),
//! which `.ci/run` does after installing the clients.

mod common;

use std::process::Command;

use aws_sdk_snowball::config::{Credentials, Region};
use serde_json::{Value as Json, json};
use snowball_local::{
    Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, LocalServer, demo, protocol::Protocol,
};

/// A command with the endpoint's credentials and nothing from this machine's AWS
/// setup. The CLI and boto3 sign for eu-west-1 while the SDK signs for
/// us-east-1: the endpoint accepts any region.
fn aws_env(cmd: &mut Command, home: &std::path::Path) {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY)
        .env("AWS_DEFAULT_REGION", "eu-west-1")
        .env("AWS_CONFIG_FILE", home.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true");
}

fn run_json(mut cmd: Command) -> Json {
    let out = cmd
        .output()
        .expect("the client runs (install boto3 and awscli: python3 -m pip install boto3 awscli)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Json::Null)
}

fn aws(url: &str, home: &std::path::Path, args: &[&str]) -> Json {
    let mut cmd = Command::new("aws");
    aws_env(&mut cmd, home);
    cmd.args(["snowball", "--endpoint-url", url, "--output", "json"])
        .args(args);
    run_json(cmd)
}

fn boto3(url: &str, home: &std::path::Path, script: &str) -> Json {
    let mut cmd = Command::new("python3");
    aws_env(&mut cmd, home);
    let prelude = format!(
        "import boto3, json, sys\nc = boto3.client('snowball', endpoint_url='{url}')\ndef out(v): print(json.dumps(v, default=lambda d: d.timestamp()))\n"
    );
    cmd.args(["-c", &format!("{prelude}{script}")]);
    run_json(cmd)
}

async fn sdk_job(url: &str, id: &str) -> aws_sdk_snowball::types::JobMetadata {
    let config = aws_sdk_snowball::Config::builder()
        .behavior_version(aws_sdk_snowball::config::BehaviorVersion::latest())
        .endpoint_url(url)
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            DEFAULT_ACCESS_KEY,
            DEFAULT_SECRET_KEY,
            None,
            None,
            "test",
        ))
        .build();
    aws_sdk_snowball::Client::from_conf(config)
        .describe_job()
        .job_id(id)
        .send()
        .await
        .unwrap()
        .job_metadata
        .unwrap()
}

#[tokio::test]
#[ignore = "needs boto3 and the AWS CLI"]
async fn boto3_aws_cli_and_the_sdk_agree() {
    let home = tempfile::tempdir().unwrap();
    let server = LocalServer::start(Config {
        demo: true,
        ..Config::default()
    })
    .unwrap();
    let url = server.url().to_string();

    // The same job through all three clients.
    let via_cli = aws(
        &url,
        home.path(),
        &["describe-job", "--job-id", demo::COMPUTE_JOB],
    );
    let via_boto3 = boto3(
        &url,
        home.path(),
        &format!(
            "out(c.describe_job(JobId='{}')['JobMetadata'])",
            demo::COMPUTE_JOB
        ),
    );
    let via_sdk = sdk_job(&url, demo::COMPUTE_JOB).await;
    let cli_meta = &via_cli["JobMetadata"];
    assert_eq!(cli_meta["Resources"], via_boto3["Resources"]);
    assert_eq!(
        cli_meta["Resources"],
        server.job(demo::COMPUTE_JOB).unwrap()["Resources"]
    );
    assert_eq!(
        via_sdk.resources().unwrap().lambda_resources()[0].lambda_arn(),
        cli_meta["Resources"]["LambdaResources"][0]["LambdaArn"].as_str()
    );
    let created = via_sdk.creation_date().unwrap().as_secs_f64();
    assert!((via_boto3["CreationDate"].as_f64().unwrap() - created).abs() < 0.001);

    // Writes through the CLI are read back by the SDK, and vice versa.
    aws(
        &url,
        home.path(),
        &[
            "update-job",
            "--job-id",
            demo::IMPORT_JOB,
            "--shipping-option",
            "EXPRESS",
            "--snowball-capacity-preference",
            "T98",
        ],
    );
    let meta = sdk_job(&url, demo::IMPORT_JOB).await;
    assert_eq!(
        meta.shipping_details()
            .unwrap()
            .shipping_option()
            .unwrap()
            .as_str(),
        "EXPRESS"
    );
    assert_eq!(meta.snowball_capacity_preference().unwrap().as_str(), "T98");
    let updated = boto3(
        &url,
        home.path(),
        &format!(
            "c.update_job(JobId='{}', Description='from boto3'); out(c.describe_job(JobId='{}')['JobMetadata'])",
            demo::IMPORT_JOB,
            demo::IMPORT_JOB
        ),
    );
    assert_eq!(updated["Description"], "from boto3");
    assert_eq!(updated["SnowballCapacityPreference"], "T98");

    // Listing: the CLI follows NextToken itself; boto3's paginator too.
    let listed = aws(&url, home.path(), &["list-jobs", "--page-size", "2"]);
    // The demo: five jobs and its cluster's three node jobs.
    assert_eq!(listed["JobListEntries"].as_array().unwrap().len(), 8);
    let paged = boto3(
        &url,
        home.path(),
        "out([j['JobId'] for p in c.get_paginator('list_jobs').paginate(PaginationConfig={'PageSize': 2}) for j in p['JobListEntries']])",
    );
    assert_eq!(paged.as_array().unwrap().len(), 8);

    // Errors carry the same codes.
    let err = boto3(
        &url,
        home.path(),
        &format!(
            "import botocore\ntry:\n  c.update_job(JobId='{}', Description='x')\nexcept botocore.exceptions.ClientError as e:\n  out(e.response['Error'])",
            demo::LOCKED_JOB
        ),
    );
    assert_eq!(err["Code"], "InvalidJobStateException");

    let journal = server.journal();
    assert!(journal.iter().any(|e| e.protocol == Some(Protocol::Json)));
    assert!(journal.iter().any(|e| e.protocol == Some(Protocol::Cbor)));
    assert!(
        journal.iter().all(|e| e.signature == "valid"),
        "{journal:?}"
    );
}

#[test]
#[ignore = "needs boto3 and the AWS CLI"]
fn the_binary_prints_its_url_first_and_serves_the_demo() {
    let home = tempfile::tempdir().unwrap();
    let server = common::Running::start(&["--demo"]);
    let listed = aws(&server.url, home.path(), &["list-jobs"]);
    let states: Vec<_> = listed["JobListEntries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|j| j["JobState"].clone())
        .collect();
    // Four pending jobs and the pending cluster's three node jobs.
    assert_eq!(states.iter().filter(|s| **s == json!("New")).count(), 7);
}

#[tokio::test]
#[ignore = "needs boto3 and the AWS CLI"]
async fn boto3_and_the_aws_cli_drive_clusters() {
    let home = tempfile::tempdir().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let server = LocalServer::start(Config {
        seed: Some(demo::cluster_seed(now)),
        ..Config::default()
    })
    .unwrap();
    let url = server.url().to_string();
    let cli = |args: &[&str]| aws(&url, home.path(), args);
    let py = |script: &str| boto3(&url, home.path(), script);

    // create-cluster through the CLI: three node jobs with its settings.
    let created = cli(&[
        "create-cluster",
        "--job-type",
        "LOCAL_USE",
        "--snowball-type",
        "V3_5C",
        "--snowball-capacity-preference",
        "T32",
        "--address-id",
        demo::HOME_ADDRESS,
        "--shipping-option",
        "SECOND_DAY",
        "--description",
        "from the CLI",
        "--resources",
        r#"{"S3Resources":[{"BucketArn":"arn:aws:s3:::cli-cluster"}]}"#,
        "--initial-cluster-size",
        "3",
    ]);
    let cluster = created["ClusterId"].as_str().unwrap().to_string();
    assert_eq!(created["JobListEntries"].as_array().unwrap().len(), 3);
    let described = cli(&["describe-cluster", "--cluster-id", &cluster]);
    assert_eq!(
        described["ClusterMetadata"]["ClusterState"],
        "AwaitingQuorum"
    );
    assert_eq!(described["ClusterMetadata"]["Description"], "from the CLI");
    let via_boto3 = py(&format!(
        "out(c.describe_cluster(ClusterId='{cluster}')['ClusterMetadata'])"
    ));
    assert_eq!(
        via_boto3["Resources"],
        described["ClusterMetadata"]["Resources"]
    );
    let created_at = server.cluster(&cluster).unwrap()["CreationDate"]
        .as_f64()
        .unwrap();
    assert!((via_boto3["CreationDate"].as_f64().unwrap() - created_at).abs() < 0.001);

    // Listing, every page: the CLI follows NextToken itself, boto3's paginators too.
    let listed = cli(&["list-clusters", "--page-size", "1"]);
    assert_eq!(listed["ClusterListEntries"].as_array().unwrap().len(), 2);
    let paged = py(
        "out([e['ClusterId'] for p in c.get_paginator('list_clusters').paginate(PaginationConfig={'PageSize': 1}) for e in p['ClusterListEntries']])",
    );
    assert_eq!(paged, json!([demo::CLUSTER, cluster]));
    let members = cli(&[
        "list-cluster-jobs",
        "--cluster-id",
        &cluster,
        "--page-size",
        "2",
    ]);
    let members: Vec<_> = members["JobListEntries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["JobId"].clone())
        .collect();
    assert_eq!(members.len(), 3);
    let paged = py(&format!(
        "out([j['JobId'] for p in c.get_paginator('list_cluster_jobs').paginate(ClusterId='{cluster}', PaginationConfig={{'PageSize': 2}}) for j in p['JobListEntries']])"
    ));
    assert_eq!(paged, Json::Array(members.clone()));

    // update-cluster through both; the SDK reads the node jobs back.
    py(&format!(
        "c.update_cluster(ClusterId='{cluster}', ShippingOption='NEXT_DAY', Description='from boto3'); out({{}})"
    ));
    cli(&[
        "update-cluster",
        "--cluster-id",
        &cluster,
        "--forwarding-address-id",
        demo::FORWARDING_ADDRESS,
    ]);
    for member in &members {
        let job = sdk_job(&url, member.as_str().unwrap()).await;
        assert_eq!(job.cluster_id(), Some(cluster.as_str()));
        assert_eq!(job.description(), Some("from boto3"));
        assert_eq!(
            job.shipping_details()
                .unwrap()
                .shipping_option()
                .unwrap()
                .as_str(),
            "NEXT_DAY"
        );
        assert_eq!(job.forwarding_address_id(), Some(demo::FORWARDING_ADDRESS));
    }

    // Errors carry the same codes through awsJson1_1.
    let error_of = |call: &str| {
        py(&format!(
            "import botocore\ntry:\n  {call}\n  out(None)\nexcept botocore.exceptions.ClientError as e:\n  out(e.response['Error'])"
        ))
    };
    let node = members[0].as_str().unwrap();
    assert_eq!(
        error_of(&format!("c.cancel_job(JobId='{node}')"))["Code"],
        "InvalidInputCombinationException"
    );
    assert_eq!(
        error_of(&format!(
            "c.update_cluster(ClusterId='{cluster}', Resources={{'S3Resources': [{{'BucketArn': 'arn:aws:s3:::b', 'KeyRange': {{'BeginMarker': 'a'}}}}]}})"
        ))["Code"],
        "InvalidInputCombinationException"
    );
    assert_eq!(
        error_of("c.describe_cluster(ClusterId='CID11111111-2222-4333-8444-555555555555')")["Code"],
        "InvalidResourceException"
    );

    // cancel-cluster through both: the cluster and its node jobs end Cancelled,
    // and a second cancel is refused.
    cli(&["cancel-cluster", "--cluster-id", &cluster]);
    py(&format!(
        "c.cancel_cluster(ClusterId='{}'); out({{}})",
        demo::CLUSTER
    ));
    for id in [&cluster, demo::CLUSTER] {
        assert_eq!(server.cluster(id).unwrap()["ClusterState"], "Cancelled");
    }
    assert!(server.jobs().iter().all(|j| j["JobState"] == "Cancelled"));
    assert_eq!(
        error_of(&format!("c.cancel_cluster(ClusterId='{cluster}')"))["Code"],
        "InvalidJobStateException"
    );

    let journal = server.journal();
    assert!(
        journal
            .iter()
            .any(|e| e.operation == "CreateCluster" && e.protocol == Some(Protocol::Json))
    );
    assert!(
        journal.iter().all(|e| e.signature == "valid"),
        "{journal:?}"
    );
}

#[test]
#[ignore = "needs boto3 and the AWS CLI"]
fn boto3_sees_throttling_as_the_service_sends_it() {
    let home = tempfile::tempdir().unwrap();
    let server = LocalServer::start(Config {
        demo: true,
        rate_limit: Some(snowball_local::RateLimit::new(0.01, Some(1)).unwrap()),
        ..Config::default()
    })
    .unwrap();
    let url = server.url().to_string();
    let codes = boto3(
        &url,
        home.path(),
        &format!(
            "from botocore.config import Config\n\
             from botocore.exceptions import ClientError\n\
             once = boto3.client('snowball', endpoint_url='{url}', config=Config(retries={{'total_max_attempts': 1}}))\n\
             codes = []\n\
             for _ in range(2):\n\
             \x20   try:\n\
             \x20       once.describe_job(JobId='{job}')\n\
             \x20       codes.append('ok')\n\
             \x20   except ClientError as e:\n\
             \x20       codes.append([e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']])\n\
             out(codes)",
            job = demo::IMPORT_JOB
        ),
    );
    assert_eq!(
        codes,
        serde_json::json!(["ok", ["ThrottlingException", "Rate exceeded", 400]])
    );
    let faults: Vec<_> = server.journal().into_iter().map(|e| e.fault).collect();
    assert_eq!(faults, [None, Some("throttled".into())]);
}
