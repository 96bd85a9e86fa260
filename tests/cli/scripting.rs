//! What scripts and pipelines lean on: `addresses`, `remove-s3-resource`,
//! `add-s3-resource` on a bucket the job already has, and `--query`.

use crate::common::*;
use serde_json::{Value as Json, json};

fn demo_addresses() -> Json {
    snowball_local::backend::demo::seed(0.0)["Addresses"].clone()
}

#[test]
fn addresses_json_is_an_array_of_address_with_api_names() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.arg("addresses");
    let (code, out, _) = run_json(cmd);
    assert_eq!(code, 0);
    assert_eq!(out, demo_addresses());
    assert_eq!(env.ops(), ["DescribeAddresses"]);

    let (code, out, _) = env.run(["addresses", "-o", "yaml"]).text();
    assert_eq!(code, 0);
    assert_eq!(
        serde_yaml::from_str::<Json>(&out).unwrap(),
        demo_addresses()
    );
}

#[test]
fn addresses_text_is_one_line_each_id_first() {
    let env = Env::demo();
    let (code, out, _) = env.run(["addresses", "-o", "text"]).text();
    assert_eq!(code, 0);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][..3], [HOME_ADDRESS, "Dana Ortiz", "Example Corp"]);
    assert_eq!(lines[1][0], FORWARDING_ADDRESS);
    assert!(lines.iter().all(|l| l.len() == lines[0].len()));
}

#[test]
fn addresses_table_shows_each_address_whole() {
    let env = Env::demo();
    let (code, out, _) = env.run(["addresses", "--no-color"]).text();
    assert_eq!(code, 0);
    for expected in [
        HOME_ADDRESS,
        FORWARDING_ADDRESS,
        "Dana Ortiz",
        "Seattle",
        "Portland",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
}

#[test]
fn addresses_follow_every_next_token() {
    let env = Env::with(snowball_local::Config::default());
    let addresses: Vec<Json> = (0..130)
        .map(|i| {
            json!({"AddressId": format!("ADID00000000-0000-4000-8000-{i:012}"), "Name": format!("Site {i}"),
                   "Street1": "1 Main St", "City": "Seattle", "StateOrProvince": "WA", "Country": "US",
                   "PostalCode": "98109", "PhoneNumber": "+1 206 555 0100"})
        })
        .collect();
    env.server.seed(&json!({ "Addresses": addresses })).unwrap();
    let (code, out, _) = env.run(["addresses", "-o", "text"]).text();
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 130);
    assert_eq!(env.ops(), ["DescribeAddresses", "DescribeAddresses"]);
}

/// An EXPORT job with three buckets (key ranges, target services), a Lambda
/// function and an AMI, to see what a removal keeps.
fn busy_export_job(env: &Env) -> String {
    let job = json!({
        "JobType": "EXPORT", "SnowballType": "V3_5S", "SnowballCapacityPreference": "T240",
        "RoleARN": "arn:aws:iam::123456789012:role/snowball", "AddressId": HOME_ADDRESS,
        "Description": "three buckets", "ShippingDetails": {"ShippingOption": "SECOND_DAY"},
        "Resources": {
            "S3Resources": [
                {"BucketArn": "arn:aws:s3:::example-a", "KeyRange": {"BeginMarker": "a/", "EndMarker": "f/"}},
                {"BucketArn": "arn:aws:s3:::example-b", "KeyRange": {"BeginMarker": "2025/", "EndMarker": "2026/"},
                 "TargetOnDeviceServices": [{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]},
                {"BucketArn": "arn:aws:s3:::example-c", "KeyRange": {"EndMarker": "m/"},
                 "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]}
            ],
            "LambdaResources": [{"LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:tag",
                                 "EventTriggers": [{"EventResourceARN": "arn:aws:s3:::example-a"}]}],
            "Ec2AmiResources": [{"AmiId": "ami-0123456789abcdef0"}]
        }
    });
    let ids = env.server.seed(&json!({ "Jobs": [job] })).unwrap();
    env.server.clear_journal();
    ids[0].clone()
}

#[test]
fn remove_s3_resource_keeps_every_other_entry_lambda_and_ami() {
    let env = Env::demo();
    let job = busy_export_job(&env);
    let before = env.job(&job);
    let (code, out, err) = env
        .run(["remove-s3-resource", &job, "--bucket", "example-b"])
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated");
    assert_eq!(env.ops(), ["DescribeJob", "UpdateJob"]);
    let (b, a) = (&before["Resources"], &env.job(&job)["Resources"]);
    assert_eq!(
        a["S3Resources"],
        json!([b["S3Resources"][0], b["S3Resources"][2]]),
        "the other buckets keep their key ranges and services"
    );
    assert_eq!(a["LambdaResources"], b["LambdaResources"]);
    assert_eq!(a["Ec2AmiResources"], b["Ec2AmiResources"]);
    let after = env.job(&job);
    assert_eq!(
        without(&after, &["Resources"]),
        without(&before, &["Resources"])
    );
    let sent = &env.updates()[0];
    assert_eq!(sent, &json!({"JobId": job, "Resources": a}));
    assert_eq!(out[0]["Request"], *sent);
    assert_eq!(out[0]["Changes"][0]["Field"], "Resources");
}

#[test]
fn remove_s3_resource_takes_an_arn_and_the_last_bucket_of_a_local_use_job() {
    let env = Env::demo();
    let before = env.job(COMPUTE_JOB);
    let (code, out, err) = env
        .run([
            "remove-s3-resource",
            COMPUTE_JOB,
            "--bucket",
            "arn:aws:s3:::example-survey-data",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated"), "{out}");
    let after = env.job(COMPUTE_JOB);
    assert!(after["Resources"].get("S3Resources").is_none(), "{after}");
    assert_eq!(
        after["Resources"]["LambdaResources"],
        before["Resources"]["LambdaResources"]
    );
    assert_eq!(
        after["Resources"]["Ec2AmiResources"],
        before["Resources"]["Ec2AmiResources"]
    );
}

#[test]
fn removing_a_bucket_not_on_the_job_is_unchanged() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "remove-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "example-elsewhere",
        ])
        .json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn removing_the_last_bucket_of_an_import_or_export_job_is_refused() {
    let env = Env::demo();
    for (job, bucket) in [
        (EXPORT_JOB, "example-video"),
        (SERVICES_JOB, "arn:aws:s3:::example-branch-shares"),
    ] {
        env.server.clear_journal();
        let before = env.job(job);
        let (code, _, err) = env
            .run(["remove-s3-resource", job, "--bucket", bucket])
            .text();
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("only bucket"), "{err}");
        assert_eq!(env.ops(), ["DescribeJob"], "nothing that modifies was sent");
        assert_eq!(env.job(job), before);
    }
}

#[test]
fn remove_s3_resource_checks_the_bucket_before_any_request() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["remove-s3-resource", IMPORT_JOB, "--bucket", "Not_A_Bucket"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(env.ops().is_empty());
}

/// `add-s3-resource` on EXPORT_JOB's bucket, with `args`; returns the outcome
/// and the bucket's entry as stored afterwards.
fn add_to_video(env: &Env, args: &[&str]) -> (i32, Json, Json) {
    env.server.clear_journal();
    let (code, out, err) = env
        .run(["add-s3-resource", EXPORT_JOB, "--bucket", "example-video"])
        .args(args)
        .json();
    assert!(code == 0 || code == 2, "{err}");
    let outcome = out.get(0).map_or(Json::Null, |r| r["Outcome"].clone());
    (
        code,
        outcome,
        env.job(EXPORT_JOB)["Resources"]["S3Resources"][0].clone(),
    )
}

#[test]
fn add_s3_resource_on_a_present_bucket_replaces_only_the_settings_given() {
    let env = Env::demo();
    let video = |range: Json, targets: Option<Json>| {
        let mut entry = json!({"BucketArn": "arn:aws:s3:::example-video", "KeyRange": range});
        if let Some(t) = targets {
            entry["TargetOnDeviceServices"] = t;
        }
        entry
    };

    // Each marker on its own; the other is kept, and no services are added.
    let (_, outcome, entry) = add_to_video(&env, &["--end-marker", "2025/06/"]);
    assert_eq!(outcome, "updated");
    assert_eq!(
        entry,
        video(
            json!({"BeginMarker": "2025/01/", "EndMarker": "2025/06/"}),
            None
        )
    );
    assert_eq!(
        env.updates(),
        vec![json!({"JobId": EXPORT_JOB, "Resources": {"S3Resources": [entry]}})]
    );
    let (_, outcome, entry) = add_to_video(&env, &["--begin-marker", "2025/03/"]);
    assert_eq!(outcome, "updated");
    assert_eq!(
        entry,
        video(
            json!({"BeginMarker": "2025/03/", "EndMarker": "2025/06/"}),
            None
        )
    );

    // Services replace the entry's targets; the markers are kept.
    let (_, outcome, entry) =
        add_to_video(&env, &["--service", "nfs", "--transfer-option", "EXPORT"]);
    assert_eq!(outcome, "updated");
    let range = json!({"BeginMarker": "2025/03/", "EndMarker": "2025/06/"});
    assert_eq!(
        entry,
        video(
            range.clone(),
            Some(json!([{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]))
        )
    );
    // The transfer option not given is the entry's own.
    let (_, outcome, entry) = add_to_video(&env, &["--service", "s3", "--service", "nfs"]);
    assert_eq!(outcome, "updated");
    let both = json!([
        {"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"},
        {"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}
    ]);
    assert_eq!(entry, video(range.clone(), Some(both.clone())));

    // Settings equal to the current ones, or none at all: unchanged, nothing sent.
    for args in [
        &["--begin-marker", "2025/03/", "--end-marker", "2025/06/"][..],
        &["--transfer-option", "export"],
        &["--service", "s3", "--service", "nfs"],
        &[],
    ] {
        let (code, outcome, entry) = add_to_video(&env, args);
        assert_eq!((code, &outcome), (0, &json!("unchanged")), "{args:?}");
        assert_eq!(entry, video(range.clone(), Some(both.clone())));
        assert_eq!(env.ops(), ["DescribeJob"], "{args:?}");
    }
}

#[test]
fn add_s3_resource_checks_the_merged_key_range() {
    let env = Env::demo();
    let before = env.job(EXPORT_JOB);
    // The begin marker given is after the entry's own end marker.
    let (code, _, _) = add_to_video(&env, &["--begin-marker", "2026/"]);
    assert_eq!(code, 2);
    assert_eq!(env.ops(), ["DescribeJob"]);
    assert_eq!(env.job(EXPORT_JOB), before);
}

#[test]
fn add_s3_resource_defaults_apply_to_new_buckets_only() {
    let env = Env::demo();
    let (code, _, err) = env
        .run([
            "add-s3-resource",
            EXPORT_JOB,
            "--bucket",
            "example-new",
            "--end-marker",
            "m/",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    let stored = env.job(EXPORT_JOB)["Resources"]["S3Resources"].clone();
    assert_eq!(
        stored[1],
        json!({"BucketArn": "arn:aws:s3:::example-new", "KeyRange": {"EndMarker": "m/"},
               "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]})
    );
    assert_eq!(
        stored[0],
        snowball_local::backend::demo::seed(0.0)["Jobs"][1]["Resources"]["S3Resources"][0]
    );
}

#[test]
fn query_on_show_picks_values_from_job_metadata() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "show", IMPORT_JOB, EXPORT_JOB, "--query", "[].JobId", "-o", "text",
        ])
        .text();
    assert_eq!(code, 0);
    assert_eq!(out, format!("{IMPORT_JOB}\t{EXPORT_JOB}\n"));

    let (code, out, _) = env
        .run([
            "show",
            IMPORT_JOB,
            "--query",
            "[0].Resources.S3Resources[].BucketArn",
        ])
        .json();
    assert_eq!(code, 0);
    assert_eq!(
        out,
        json!([
            "arn:aws:s3:::example-migration-raw",
            "arn:aws:s3:::example-migration-archive"
        ])
    );

    // A single value, bare; a missing one as the AWS CLI prints it.
    let mut cmd = env.snowjob();
    cmd.args([
        "show",
        EXPORT_JOB,
        "-o",
        "text",
        "--query",
        "[0].SnowballType",
    ]);
    assert_eq!(run(cmd).1, "EDGE_S\n");
    let mut cmd = env.snowjob();
    cmd.args([
        "show",
        EXPORT_JOB,
        "-o",
        "text",
        "--query",
        "[0].PickupDetails",
    ]);
    assert_eq!(run(cmd).1, "None\n");
}

#[test]
fn query_on_list_filters_and_counts() {
    let env = Env::demo();
    let (code, out, _) = env
        .run(["list", "--query", "[?SnowballType=='V3_5C'].JobId"])
        .json();
    assert_eq!(code, 0);
    assert_eq!(out, json!([SERVICES_JOB]));

    let mut cmd = env.snowjob();
    cmd.args(["list", "--all", "-o", "text", "--query", "length(@)"]);
    assert_eq!(
        run(cmd).1,
        "8\n",
        "five jobs and the cluster's three node jobs"
    );

    // A list of lists: a line each, as `aws ... --output text` prints them.
    let mut cmd = env.snowjob();
    cmd.args([
        "list",
        "-o",
        "text",
        "--query",
        "[?JobType=='IMPORT'].[JobId, SnowballType]",
    ]);
    assert_eq!(
        run(cmd).1,
        format!("{IMPORT_JOB}\tEDGE\n{SERVICES_JOB}\tV3_5C\n")
    );

    let mut cmd = env.snowjob();
    cmd.args([
        "list",
        "-o",
        "yaml",
        "--query",
        "[0].{Id: JobId, Type: JobType}",
    ]);
    assert_eq!(run(cmd).1, format!("Id: {IMPORT_JOB}\nType: IMPORT\n"));
}

#[test]
fn query_on_addresses() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "addresses",
            "-o",
            "text",
            "--query",
            "[?City=='Portland'].AddressId",
        ])
        .text();
    assert_eq!(code, 0);
    assert_eq!(out, format!("{FORWARDING_ADDRESS}\n"));
}

#[test]
fn query_tells_a_pipeline_whether_an_edit_would_change_anything() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    // T98 is new for the EDGE job and already the EDGE_S job's capacity.
    cmd.args([
        "--dry-run",
        "-o",
        "json",
        "--query",
        "[?Outcome=='planned'] | length(@)",
        "set-capacity",
        IMPORT_JOB,
        EXPORT_JOB,
        "--capacity",
        "T98",
    ]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "1\n");
    assert_eq!(env.ops(), ["DescribeJob", "DescribeJob"]);

    // After the edit, the sent requests' fields, one line each.
    let (code, out, _) = env
        .run([
            "set-capacity",
            IMPORT_JOB,
            EXPORT_JOB,
            "--capacity",
            "T98",
            "-o",
            "text",
            "--query",
            "[].[JobId, Outcome]",
        ])
        .text();
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!("{IMPORT_JOB}\tupdated\n{EXPORT_JOB}\tunchanged\n")
    );
}

#[test]
fn query_output_defaults_to_a_generic_table() {
    let env = Env::demo();
    let (code, out, _) = env
        .run([
            "list",
            "--query",
            "[?JobType=='EXPORT'].{Id: JobId, Device: SnowballType}",
        ])
        .text();
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].contains("Jobs"), "titled by what it lists:\n{out}");
    assert!(
        lines[3].contains("Device") && lines[3].contains("Id"),
        "{out}"
    );
    assert!(
        lines[5].contains(EXPORT_JOB) && lines[5].contains("EDGE_S"),
        "{out}"
    );
}

#[test]
fn an_invalid_query_is_refused_before_any_request() {
    let env = Env::demo();
    for args in [
        vec!["show", IMPORT_JOB],
        vec!["list"],
        vec!["addresses"],
        vec!["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"],
        vec![
            "remove-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "example-migration-raw",
        ],
    ] {
        let (code, out, err) = env
            .run(&args)
            .args(["--query", "[?Outcome=='planned'"])
            .text();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains("--query") && err.contains("column 21"),
            "{err}"
        );
    }
    assert!(env.ops().is_empty(), "{:?}", env.ops());
    assert!(env.server.journal().is_empty());
}

#[test]
fn a_query_that_fails_on_the_data_says_so() {
    let env = Env::demo();
    let (code, out, err) = env
        .run(["show", IMPORT_JOB, "--query", "length([0].PickupDetails)"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("--query") && err.contains("length"), "{err}");

    // After an update the edit happened: not "invalid input".
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "--query",
            "length([0].Missing)",
        ])
        .text();
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("1 updated"), "{err}");
    assert_eq!(env.updates().len(), 1);
}

/// The README's CI example: every pending job gets examples/patch.yaml.
#[test]
fn the_readme_ci_patch_changes_only_the_notification_topic_of_every_pending_job() {
    let env = Env::demo();
    let before: Vec<Json> = env.server.jobs();
    let mut list = env.snowjob();
    list.args(["list", "-o", "text"]);
    let (_, pending, _) = run(list);
    let ids: String = pending
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string() + "\n")
        .collect();
    let (code, out, err) = env
        .run(["apply", "-", "--file"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/patch.yaml"))
        .stdin(ids)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.as_array().unwrap().len(), 5, "4 jobs and the cluster");
    let topic = "arn:aws:sns:us-east-1:123456789012:snow-ops";
    for job in before {
        let id = job["JobId"].as_str().unwrap();
        let after = env.job(id);
        if job["JobState"] != "New" {
            assert_eq!(after, job);
            continue;
        }
        assert_eq!(after["Notification"]["SnsTopicARN"], topic, "{id}");
        assert_eq!(
            without(&after["Notification"], &["SnsTopicARN"]),
            without(
                job.get("Notification").unwrap_or(&json!({})),
                &["SnsTopicARN"]
            ),
            "{id}: the rest of the notification is kept"
        );
        assert_eq!(
            without(&after, &["Notification"]),
            without(&job, &["Notification"]),
            "{id}"
        );
    }
}

/// A copy of IMPORT_JOB that holds its first bucket, example-migration-raw,
/// `times` times (each entry with other services), then its second bucket.
fn job_holding_raw(env: &Env, times: usize) -> String {
    let mut job = env.job(IMPORT_JOB);
    let id = format!("JID00000000-0000-4000-8000-0000000002{times:02}");
    job["JobId"] = json!(id);
    let entries = job["Resources"]["S3Resources"].as_array().unwrap().clone();
    let mut buckets: Vec<Json> = (0..times)
        .map(|i| {
            let mut entry = entries[0].clone();
            if i % 2 == 1 {
                entry["TargetOnDeviceServices"] =
                    json!([{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "IMPORT"}]);
            }
            entry
        })
        .collect();
    buckets.push(entries[1].clone());
    job["Resources"]["S3Resources"] = json!(buckets);
    env.server
        .seed(&json!({"Jobs": [job], "Addresses": []}))
        .expect("seeded");
    env.server.clear_journal();
    id
}

#[test]
fn a_bucket_held_twice_is_neither_removed_nor_changed_and_the_batch_goes_on() {
    for (command, bucket, settings) in [
        ("remove-s3-resource", "example-migration-raw", &[][..]),
        (
            "remove-s3-resource",
            "arn:aws:s3:::example-migration-raw",
            &[],
        ),
        (
            "add-s3-resource",
            "example-migration-raw",
            &["--service", "nfs"],
        ),
        (
            "add-s3-resource",
            "arn:aws:s3:::example-migration-raw",
            &["--service", "s3", "--service", "nfs"],
        ),
    ] {
        let env = Env::demo();
        let twice = job_holding_raw(&env, 2);
        let before = env.job(&twice);
        let (code, out, err) = env
            .run([command, &twice, IMPORT_JOB, "--bucket", bucket])
            .args(settings)
            .json();
        let case = format!("{command} {bucket} {settings:?}");
        assert_eq!(code, 2, "{case}: {err}");
        assert_eq!(out[0]["Outcome"], "failed", "{case}: {out}");
        assert_eq!(out[0]["Error"]["Code"], "AmbiguousBucket", "{case}");
        let message = out[0]["Error"]["Message"].as_str().unwrap();
        for expected in [
            twice.as_str(),
            "arn:aws:s3:::example-migration-raw",
            "2 entries",
            "snowjob apply",
            "snowjob edit",
        ] {
            assert!(message.contains(expected), "{case}: {message}");
        }
        // The commands it suggests can be run as they are.
        assert!(
            message.contains(&format!("`snowjob edit {twice}`")),
            "{case}: {message}"
        );
        assert!(err.contains("2 entries"), "{case}: {err}");
        assert_eq!(
            out[1]["Outcome"], "updated",
            "{case}: the other job goes on"
        );
        let sent = env.updates();
        assert_eq!(sent.len(), 1, "{case}: {sent:?}");
        assert_eq!(sent[0]["JobId"], IMPORT_JOB, "{case}");
        assert_eq!(env.job(&twice), before, "{case}");
    }
}

#[test]
fn adding_a_bucket_held_twice_without_settings_is_unchanged() {
    let env = Env::demo();
    let twice = job_holding_raw(&env, 2);
    let (code, out, err) = env
        .run([
            "add-s3-resource",
            &twice,
            "--bucket",
            "example-migration-raw",
        ])
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn repeated_services_are_sent_once_in_the_order_first_given() {
    let s3 = json!({"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"});
    let nfs = json!({"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"});
    for (bucket, services, expected) in [
        (
            "example-new",
            &["s3", "nfs", "s3"][..],
            json!([s3.clone(), nfs.clone()]),
        ),
        (
            "example-video",
            &["nfs", "s3", "nfs", "s3"],
            json!([nfs.clone(), s3.clone()]),
        ),
        (
            "example-video",
            &["nfs", "NFS", "Nfs"],
            json!([nfs.clone()]),
        ),
    ] {
        let env = Env::demo();
        let mut cmd = env.snowjob();
        cmd.args(["add-s3-resource", EXPORT_JOB, "--bucket", bucket]);
        for s in services {
            cmd.args(["--service", s]);
        }
        cmd.args(["--transfer-option", "export"]);
        let (code, _, err) = run(cmd);
        assert_eq!(code, 0, "{services:?}: {err}");
        let sent = env.updates();
        let entry = sent[0]["Resources"]["S3Resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["BucketArn"] == format!("arn:aws:s3:::{bucket}"))
            .unwrap()
            .clone();
        assert_eq!(entry["TargetOnDeviceServices"], expected, "{services:?}");
    }
}

/// README's text line of each edit outcome, as column names: from its items
/// of the form "- `outcome`, `outcome`: `JobId Outcome ...`".
fn documented_result_lines() -> std::collections::HashMap<String, Vec<String>> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut lines = std::collections::HashMap::new();
    for item in readme
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("- `"))
    {
        let Some((outcomes, line)) = item.split_once("`: `JobId ") else {
            continue;
        };
        let columns: Vec<String> = std::iter::once("JobId")
            .chain(line.split('`').next().unwrap().split(' '))
            .map(str::to_string)
            .collect();
        for outcome in outcomes.split('`').step_by(2) {
            let outcome = outcome.trim_matches([',', ' ']).to_string();
            assert!(
                lines.insert(outcome.clone(), columns.clone()).is_none(),
                "README documents the line of `{outcome}` twice"
            );
        }
    }
    lines
}

/// A line of `-o text` edit results checked against README's line for its
/// outcome: `detail` is the ChangedFields or the Code, `message` a part of
/// the Message.
fn assert_documented(line: &str, job: &str, outcome: &str, detail: &str, message: &str) {
    let documented = documented_result_lines();
    let columns = documented
        .get(outcome)
        .unwrap_or_else(|| panic!("README does not document the text line of `{outcome}`"));
    let got: Vec<&str> = line.split('\t').collect();
    assert_eq!(got.len(), columns.len(), "{line:?} against {columns:?}");
    for (name, value) in columns.iter().zip(&got) {
        match name.as_str() {
            "JobId" => assert_eq!(*value, job, "{line:?}"),
            "Outcome" => assert_eq!(*value, outcome, "{line:?}"),
            "ChangedFields" | "Code" => assert_eq!(*value, detail, "{line:?}"),
            "Message" => assert!(value.contains(message), "{line:?}"),
            other => panic!("README's line for `{outcome}` has a column {other}"),
        }
    }
}

#[test]
fn edit_results_in_text_follow_the_documented_line_for_every_outcome() {
    use std::time::Duration;

    let env = Env::demo();
    // updated, unchanged, failed; then planned.
    let (code, out, err) = env
        .run([
            "set-capacity",
            IMPORT_JOB,
            EXPORT_JOB,
            LOCKED_JOB,
            "--capacity",
            "T98",
            "-o",
            "text",
        ])
        .text();
    assert_eq!(code, 3, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    let capacity = "SnowballCapacityPreference";
    assert_documented(lines[0], IMPORT_JOB, "updated", capacity, "");
    assert_documented(lines[1], EXPORT_JOB, "unchanged", "", "");
    assert_documented(
        lines[2],
        LOCKED_JOB,
        "failed",
        "JobNotEditable",
        "PreparingAppliance",
    );
    let (code, out, err) = env
        .run([
            "--dry-run",
            "set-capacity",
            IMPORT_JOB,
            "--capacity",
            "T100",
            "-o",
            "text",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert_documented(
        out.trim_end_matches('\n'),
        IMPORT_JOB,
        "planned",
        capacity,
        "",
    );

    // unknown and skipped: SIGTERM while the first job's update is held, the
    // second not started.
    env.server.clear_journal();
    env.server.push_fault(snowball_local::Fault {
        operation: "UpdateJob".into(),
        count: 1,
        action: snowball_local::FaultAction::DelayReply {
            ms: 20_000,
            state: None,
            job_id: None,
        },
    });
    let mut cmd = env.snowjob_std();
    cmd.args([
        "set-shipping",
        IMPORT_JOB,
        EXPORT_JOB,
        "--speed",
        "EXPRESS",
        "--concurrency",
        "1",
        "-o",
        "text",
    ]);
    // The first job read; its update (held by the endpoint) follows at once.
    let ready = || env.ops().iter().any(|o| o == "DescribeJob");
    let done = signalled_when(cmd, ready, Duration::from_millis(500), &["-TERM"]);
    let (out, err) = (
        String::from_utf8_lossy(&done.stdout),
        String::from_utf8_lossy(&done.stderr),
    );
    assert_eq!(done.status.code(), Some(143), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_documented(
        lines[0],
        IMPORT_JOB,
        "unknown",
        "UpdateFateUnknown",
        &format!("snowjob show {IMPORT_JOB}"),
    );
    assert_documented(
        lines[1],
        EXPORT_JOB,
        "skipped",
        "NotAttempted",
        "not attempted",
    );
}

#[test]
fn text_keeps_a_record_on_one_line_whatever_line_breaks_a_value_holds() {
    let env = Env::demo();
    let mut job = env.job(IMPORT_JOB);
    let id = "JID00000000-0000-4000-8000-0000000003aa";
    job["JobId"] = json!(id);
    job["Description"] = json!("a\tb\nc\rd\u{2028}e\u{2029}f\u{85}g\u{b}h\u{c}i");
    env.server
        .seed(&json!({"Jobs": [job], "Addresses": []}))
        .expect("seeded");
    for (args, columns) in [
        (vec!["list", "-o", "text"], 6),
        (vec!["show", id, "-o", "text"], 8),
        (
            vec![
                "show",
                id,
                "-o",
                "text",
                "--query",
                "[0].[JobId, Description]",
            ],
            2,
        ),
    ] {
        let (code, out, err) = env.run(&args).text();
        assert_eq!(code, 0, "{args:?}: {err}");
        let breaks = ['\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}'];
        assert!(!out.contains(breaks), "{args:?}: {out:?}");
        let line = out
            .split('\n')
            .find(|l| l.starts_with(id))
            .unwrap_or_else(|| panic!("{args:?}: {out:?}"));
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), columns, "{args:?}: {line:?}");
        assert!(
            fields.last().unwrap().ends_with("\\u{c}i"),
            "{args:?}: {line:?}"
        );
    }
}

/// A query nested beyond the limit is bad input (exit 2) before any request,
/// however deep: parsing or running it would exhaust the stack.
#[test]
fn a_query_nested_too_deeply_is_refused_and_never_crashes() {
    let env = Env::demo();
    // Each stays under the 128 KiB a single argument may have on Linux.
    let deep = [
        "[".repeat(100_000),
        format!("{}@{}", "(".repeat(50_000), ")".repeat(50_000)),
        format!("{}@{}", "{a: ".repeat(20_000), "}".repeat(20_000)),
        format!("{}JobId", "JobMetadata.".repeat(8_000)),
        format!("{}JobId", "!".repeat(100_000)),
        format!("{}JobId", "&".repeat(100_000)),
        format!("{}JobId", "JobId || ".repeat(10_000)),
        format!("{}@", "@ | ".repeat(25_000)),
        "[*]".repeat(30_000),
        format!("[0]{}", ".Resources".repeat(9_000)),
        format!("length({})", "[".repeat(90_000)),
    ];
    for query in &deep {
        let (code, out, err) = env.run(["show", IMPORT_JOB, "--query", query]).text();
        let start = &query[..20];
        assert_eq!(code, 2, "{start}…: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains("--query") && err.contains("levels deep"),
            "{start}…: {err}"
        );
        assert!(err.len() < 1_000, "the message quotes the query short");
    }
    assert!(env.server.journal().is_empty(), "{:?}", env.ops());

    // A short query whose result doubles at each step is refused, not written out.
    let doubling = vec!["[@, @]"; 30].join(" | ");
    let (code, out, err) = env.run(["show", IMPORT_JOB, "--query", &doubling]).text();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty() && err.contains("values"), "{err}");

    // Deep but within the limit, and huge but shallow: both work.
    let nested = format!("{}[0].JobId{}", "(".repeat(40), ")".repeat(40));
    let wide = (0..3_000)
        .map(|i| format!("k{i}: [0].JobId"))
        .collect::<Vec<_>>()
        .join(", ");
    for query in [nested, format!("{{{wide}}}.k2999")] {
        let (code, out, err) = env
            .run(["show", IMPORT_JOB, "-o", "text", "--query", &query])
            .text();
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, format!("{IMPORT_JOB}\n"));
    }
}

#[test]
fn output_off_prints_nothing_on_stdout_and_keeps_stderr_and_the_exit_code() {
    let env = Env::demo();
    for args in [
        vec!["show", IMPORT_JOB],
        vec!["list"],
        vec!["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"],
        vec!["--query", "[0].JobId", "show", IMPORT_JOB],
    ] {
        let (code, out, err) = env.run(&args).args(["-o", "off"]).text();
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(out.is_empty(), "{args:?}: {out}");
    }
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS",
        "the edit was made"
    );
    let (code, out, err) = env.run(["show", MISSING_JOB, "-o", "off"]).text();
    assert_eq!(code, 4, "{err}");
    assert!(out.is_empty());
    assert!(err.contains(MISSING_JOB), "{err}");
}
