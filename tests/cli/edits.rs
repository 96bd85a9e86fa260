//! The edit commands end to end: what is printed, what is sent, what is stored.

use crate::common::*;
use serde_json::json;

#[test]
fn set_shipping_sends_only_the_speed() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    let (code, out, _) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "next-day"])
        .json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "updated");
    assert_eq!(
        out[0]["Changes"],
        json!([{"Field": "ShippingOption", "Before": "SECOND_DAY", "After": "NEXT_DAY"}])
    );
    assert_eq!(env.ops(), ["DescribeJob", "UpdateJob"]);
    assert_eq!(
        env.updates(),
        vec![json!({"JobId": IMPORT_JOB, "ShippingOption": "NEXT_DAY"})]
    );
    assert_eq!(
        out[0]["Request"],
        env.updates()[0],
        "the reported request is the one sent"
    );
    let after = env.job(IMPORT_JOB);
    assert_eq!(after["ShippingDetails"]["ShippingOption"], "NEXT_DAY");
    assert_eq!(
        without(&after, &["ShippingDetails"]),
        without(&before, &["ShippingDetails"])
    );
}

#[test]
fn set_shipping_checks_new_addresses_exist() {
    let env = Env::demo();
    let (code, _, _) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--address-id",
            FORWARDING_ADDRESS,
            "--forwarding-address-id",
            HOME_ADDRESS,
        ])
        .text();
    assert_eq!(code, 0);
    assert_eq!(
        env.ops(),
        [
            "DescribeJob",
            "DescribeAddress",
            "DescribeAddress",
            "UpdateJob"
        ]
    );
    assert_eq!(env.job(IMPORT_JOB)["AddressId"], FORWARDING_ADDRESS);
    assert_eq!(env.job(IMPORT_JOB)["ForwardingAddressId"], HOME_ADDRESS);

    env.server.clear_journal();
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--address-id", MISSING_ADDRESS])
        .text();
    assert_eq!(code, 4, "{err}");
    assert!(err.contains(MISSING_ADDRESS), "{err}");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeAddress"]);
}

#[test]
fn set_capacity_checks_the_device_table() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args(["set-capacity", IMPORT_JOB, "--capacity", "T98"]);
    assert_eq!(run(cmd).0, 0);
    assert_eq!(
        env.updates(),
        vec![json!({"JobId": IMPORT_JOB, "SnowballCapacityPreference": "T98"})]
    );

    env.server.clear_journal();
    let (code, _, err) = env
        .run(["set-capacity", IMPORT_JOB, "--capacity", "t8"])
        .text();
    assert_eq!(code, 2);
    assert!(
        err.contains("T8") && err.contains("EDGE") && err.contains("T100, T98"),
        "{err}"
    );
    assert_eq!(env.ops(), ["DescribeJob"], "nothing that modifies was sent");
    assert_eq!(env.job(IMPORT_JOB)["SnowballCapacityPreference"], "T98");
}

#[test]
fn add_s3_resource_keeps_lambda_and_ami_resources() {
    let env = Env::demo();
    let before = env.job(COMPUTE_JOB);
    let (code, out, _) = env
        .run(["add-s3-resource", COMPUTE_JOB, "--bucket", "survey-results"])
        .json();
    assert_eq!(code, 0);
    let after = env.job(COMPUTE_JOB);
    let (b, a) = (&before["Resources"], &after["Resources"]);
    assert_eq!(a["LambdaResources"], b["LambdaResources"]);
    assert_eq!(a["Ec2AmiResources"], b["Ec2AmiResources"]);
    assert_eq!(a["S3Resources"][0], b["S3Resources"][0]);
    assert_eq!(
        a["S3Resources"][1],
        json!({"BucketArn": "arn:aws:s3:::survey-results", "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "LOCAL_USE"}]})
    );
    assert_eq!(
        without(&after, &["Resources"]),
        without(&before, &["Resources"])
    );
    let sent = &env.updates()[0];
    assert_eq!(
        sent.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["JobId", "Resources"]
    );
    assert_eq!(out[0]["Request"], *sent);
}

#[test]
fn add_s3_resource_with_key_range_and_nfs_on_an_export_job() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args([
        "add-s3-resource",
        EXPORT_JOB,
        "--bucket",
        "arn:aws:s3:::example-audio",
        "--begin-marker",
        "a/",
        "--end-marker",
        "m/",
        "--service",
        "s3",
        "--service",
        "nfs",
        "--transfer-option",
        "export",
    ]);
    assert_eq!(run(cmd).0, 0);
    let added = &env.job(EXPORT_JOB)["Resources"]["S3Resources"][1];
    assert_eq!(
        added["KeyRange"],
        json!({"BeginMarker": "a/", "EndMarker": "m/"})
    );
    assert_eq!(added["TargetOnDeviceServices"].as_array().unwrap().len(), 2);
    assert_eq!(
        env.job(EXPORT_JOB)["Resources"]["S3Resources"][0]["KeyRange"]["BeginMarker"],
        "2025/01/"
    );
}

#[test]
fn add_s3_resource_refusals_send_nothing() {
    let env = Env::demo();
    // A key range on an import job: refused after DescribeJob, before UpdateJob.
    let (code, _, err) = env
        .run([
            "add-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "b1b",
            "--begin-marker",
            "a",
        ])
        .text();
    assert_eq!(code, 2);
    assert!(err.contains("EXPORT"), "{err}");
    // A transfer option that does not fit the job type.
    let (code, _, err) = env
        .run([
            "add-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "b1b",
            "--transfer-option",
            "export",
        ])
        .text();
    assert_eq!(code, 2);
    assert!(err.contains("IMPORT"), "{err}");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeJob"]);
    // Markers out of order and bad buckets: refused before any request.
    env.server.clear_journal();
    for args in [
        vec![
            "add-s3-resource",
            EXPORT_JOB,
            "--bucket",
            "b1b",
            "--begin-marker",
            "z",
            "--end-marker",
            "a",
        ],
        vec!["add-s3-resource", EXPORT_JOB, "--bucket", "Not_A_Bucket"],
        vec![
            "add-s3-resource",
            EXPORT_JOB,
            "--bucket",
            "arn:aws:sns:us-east-1:123456789012:topic",
        ],
    ] {
        let (code, _, err) = env.run(&args).text();
        assert_eq!(code, 2, "{args:?}: {err}");
    }
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

#[test]
fn adding_a_bucket_already_present_is_unchanged() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "add-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "example-migration-archive",
        ])
        .json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert!(out[0].get("Request").is_none());
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn set_nfs_limit_keeps_tape_gateway_and_eks() {
    let env = Env::demo();
    let before = env.job(SERVICES_JOB);
    let mut cmd = env.snowjob();
    cmd.args(["set-nfs-limit", SERVICES_JOB, "--limit", "4"]);
    assert_eq!(run(cmd).0, 0);
    let after = env.job(SERVICES_JOB);
    let services = &after["OnDeviceServiceConfiguration"];
    assert_eq!(
        services["NFSOnDeviceService"],
        json!({"StorageLimit": 4, "StorageUnit": "TB"})
    );
    assert_eq!(
        services["TGWOnDeviceService"],
        before["OnDeviceServiceConfiguration"]["TGWOnDeviceService"]
    );
    assert_eq!(
        services["EKSOnDeviceService"],
        before["OnDeviceServiceConfiguration"]["EKSOnDeviceService"]
    );
    assert_eq!(
        without(&after, &["OnDeviceServiceConfiguration"]),
        without(&before, &["OnDeviceServiceConfiguration"])
    );
    assert_eq!(
        env.updates()[0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["JobId", "OnDeviceServiceConfiguration"]
    );

    // Above the device's 32 TB: refused, nothing sent.
    env.server.clear_journal();
    let (code, _, err) = env
        .run(["set-nfs-limit", SERVICES_JOB, "--limit", "33"])
        .text();
    assert_eq!(code, 2);
    assert!(err.contains("32 TB"), "{err}");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn dry_run_shows_the_request_and_sends_nothing() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    let (code, out, _) = env
        .run([
            "--dry-run",
            "set-capacity",
            IMPORT_JOB,
            "--capacity",
            "NoPreference",
        ])
        .json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "planned");
    assert_eq!(
        out[0]["Request"],
        json!({"JobId": IMPORT_JOB, "SnowballCapacityPreference": "NoPreference"})
    );
    assert_eq!(env.ops(), ["DescribeJob"]);
    assert_eq!(env.job(IMPORT_JOB), before);
}

#[test]
fn unchanged_edits_send_no_update() {
    let env = Env::demo();
    let (code, out, _) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "SECOND_DAY"])
        .text();
    assert_eq!(code, 0);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn a_batch_with_a_locked_job_updates_the_rest_and_exits_3() {
    let env = Env::demo();
    let (code, out, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            LOCKED_JOB,
            SERVICES_JOB,
            "--speed",
            "EXPRESS",
        ])
        .json();
    assert_eq!(code, 3);
    let outcomes: Vec<_> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["Outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["updated", "failed", "updated"]);
    assert_eq!(out[1]["Error"]["Code"], "JobNotEditable");
    assert!(err.contains("PreparingAppliance"), "{err}");
    assert_eq!(
        env.job(SERVICES_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
    assert_eq!(
        env.job(LOCKED_JOB)["ShippingDetails"]["ShippingOption"],
        "SECOND_DAY"
    );
}

#[test]
fn exit_code_is_the_first_failure_in_input_order() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            MISSING_JOB,
            LOCKED_JOB,
            "--speed",
            "EXPRESS",
        ])
        .json();
    assert_eq!(code, 4);
    assert_eq!(out[1]["Error"]["Code"], "InvalidResourceException");
}

#[test]
fn job_ids_from_stdin() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "set-capacity",
            "-",
            "--capacity",
            "NoPreference",
            "-o",
            "text",
        ])
        .stdin(format!("# from a file\n{IMPORT_JOB}\n\n{EXPORT_JOB}\n"))
        .text();
    assert_eq!(code, 0);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{IMPORT_JOB}\tupdated\tSnowballCapacityPreference"),
            format!("{EXPORT_JOB}\tupdated\tSnowballCapacityPreference")
        ]
    );
}

#[test]
fn list_text_pipes_into_an_edit() {
    let env = Env::demo();
    let mut list = env.snowjob();
    list.args(["list", "-o", "text"]);
    let (_, listed, _) = run(list);
    let ids: String = listed
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string() + "\n")
        .collect();
    let (code, out, _) = env
        .run(["set-shipping", "-", "--speed", "STANDARD", "-o", "yaml"])
        .stdin(ids)
        .text();
    assert_eq!(code, 0);
    let results: serde_json::Value = serde_yaml::from_str(&out).unwrap();
    assert_eq!(
        results.as_array().unwrap().len(),
        5,
        "4 jobs and the cluster"
    );
    assert_eq!(
        env.updates().len(),
        3,
        "the job already STANDARD was left alone"
    );
}

#[test]
fn the_job_leaving_new_between_describe_and_update_exits_3() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    env.server.push_fault(snowball_local::Fault {
        operation: "DescribeJob".into(),
        count: 1,
        action: snowball_local::FaultAction::SetStateAfter {
            job_id: IMPORT_JOB.into(),
            state: "PreparingAppliance".into(),
        },
    });
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"])
        .text();
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("left New before the update was applied"),
        "{err}"
    );
    // Read again: the job does not hold the change (else it is unchanged).
    assert_eq!(env.ops(), ["DescribeJob", "UpdateJob", "DescribeJob"]);
    assert_eq!(
        without(&env.job(IMPORT_JOB), &["JobState"]),
        without(&before, &["JobState"])
    );
}

#[test]
fn many_jobs_at_once() {
    let env = Env::with(snowball_local::Config::default());
    let jobs: Vec<_> = (0..40).map(|_| json!({"JobType": "IMPORT", "SnowballType": "EDGE", "ShippingDetails": {"ShippingOption": "SECOND_DAY"}})).collect();
    let ids = env.server.seed(&json!({ "Jobs": jobs })).unwrap();
    let (code, out, _) = env
        .run([
            "set-shipping",
            "-",
            "--speed",
            "NEXT_DAY",
            "--concurrency",
            "16",
        ])
        .stdin(ids.join("\n"))
        .json();
    assert_eq!(code, 0);
    let reported: Vec<_> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["JobId"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(reported, ids, "results in input order");
    for id in &ids {
        assert_eq!(env.job(id)["ShippingDetails"]["ShippingOption"], "NEXT_DAY");
    }
}

#[test]
fn a_key_range_on_an_import_job_is_refused_saying_what_the_job_is() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["add-s3-resource", IMPORT_JOB, "--bucket", "new-bucket"])
        .args(["--begin-marker", "a"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("key ranges apply only to EXPORT jobs; this job is IMPORT"),
        "{err}"
    );
    assert!(
        !env.ops().iter().any(|op| op == "UpdateJob"),
        "{:?}",
        env.ops()
    );
}
