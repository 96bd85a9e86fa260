//! `apply`: patch files merged into each job, checked before any request.

use crate::common::*;
use serde_json::json;

fn patch_file(env: &Env, name: &str, text: &str) -> String {
    let path = env.home.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn a_patch_that_sets_nfs_keeps_tape_gateway_and_eks() {
    let env = Env::demo();
    let before = env.job(SERVICES_JOB);
    let file = patch_file(
        &env,
        "nfs.yaml",
        "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 16\n",
    );
    let (code, out, err) = env.run(["apply", SERVICES_JOB, "--file", &file]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated");
    let services = &env.job(SERVICES_JOB)["OnDeviceServiceConfiguration"];
    assert_eq!(
        services["NFSOnDeviceService"],
        json!({"StorageLimit": 16, "StorageUnit": "TB"})
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
        without(&env.job(SERVICES_JOB), &["OnDeviceServiceConfiguration"]),
        without(&before, &["OnDeviceServiceConfiguration"])
    );
}

#[test]
fn a_patch_that_sets_the_topic_keeps_the_states() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    let file = patch_file(
        &env,
        "n.json",
        r#"{"Notification": {"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:ops"}}"#,
    );
    let mut cmd = env.snowjob();
    cmd.args(["apply", IMPORT_JOB, "-f", &file]);
    assert_eq!(run(cmd).0, 0);
    let n = &env.job(IMPORT_JOB)["Notification"];
    assert_eq!(n["SnsTopicARN"], "arn:aws:sns:us-east-1:123456789012:ops");
    assert_eq!(
        n["JobStatesToNotify"],
        before["Notification"]["JobStatesToNotify"]
    );
    assert_eq!(
        env.updates()[0]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["JobId", "Notification"]
    );
}

#[test]
fn a_patch_applies_to_several_jobs() {
    let env = Env::demo();
    let example = patch_file(
        &env,
        "p.yaml",
        "ShippingOption: NEXT_DAY\nOnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 20\n    StorageUnit: TB\n",
    );
    let example = example.as_str();
    let before = env.job(SERVICES_JOB);
    let (code, out, err) = env
        .run([
            "apply",
            IMPORT_JOB,
            SERVICES_JOB,
            "--file",
            example,
            "--yes",
        ])
        .json();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .all(|r| r["Outcome"] == "updated"),
        "{out}"
    );
    let after = env.job(SERVICES_JOB);
    assert_eq!(after["ShippingDetails"]["ShippingOption"], "NEXT_DAY");
    assert_eq!(
        after["OnDeviceServiceConfiguration"]["NFSOnDeviceService"]["StorageLimit"], 20,
        "{after}"
    );
    assert_eq!(
        after["OnDeviceServiceConfiguration"]["TGWOnDeviceService"],
        before["OnDeviceServiceConfiguration"]["TGWOnDeviceService"]
    );
    assert_eq!(after["Resources"], before["Resources"]);
    // The import job had no on-device services: NFS alone is added.
    assert_eq!(
        env.job(IMPORT_JOB)["OnDeviceServiceConfiguration"],
        json!({"NFSOnDeviceService": {"StorageLimit": 20, "StorageUnit": "TB"}})
    );
}

#[test]
fn lists_replace() {
    let env = Env::demo();
    let before = env.job(COMPUTE_JOB);
    let file = patch_file(
        &env,
        "l.yaml",
        "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::only-this-one\n",
    );
    let mut cmd = env.snowjob();
    cmd.args(["apply", COMPUTE_JOB, "--file", &file]);
    assert_eq!(run(cmd).0, 0);
    let r = &env.job(COMPUTE_JOB)["Resources"];
    assert_eq!(
        r["S3Resources"],
        json!([{"BucketArn": "arn:aws:s3:::only-this-one"}])
    );
    assert_eq!(r["LambdaResources"], before["Resources"]["LambdaResources"]);
    assert_eq!(r["Ec2AmiResources"], before["Resources"]["Ec2AmiResources"]);
}

#[test]
fn patch_from_stdin_and_unchanged_without_a_request() {
    let env = Env::demo();
    let (code, out, _) = env
        .run(["apply", IMPORT_JOB, "--file", "-"])
        .stdin("ShippingOption: SECOND_DAY\nSnowballCapacityPreference: T100\n")
        .json();
    assert_eq!(code, 0);
    assert_eq!(out[0]["Outcome"], "unchanged");
    assert_eq!(env.ops(), ["DescribeJob"]);

    let (code, out, _) = env
        .run(["--dry-run", "apply", IMPORT_JOB, "--file", "-"])
        .stdin("Description: new words\n")
        .json();
    assert_eq!(code, 0);
    assert_eq!(
        out[0]["Request"],
        json!({"JobId": IMPORT_JOB, "Description": "new words"})
    );
    assert!(env.updates().is_empty());
}

#[test]
fn every_rejection_exits_2_before_any_request() {
    let env = Env::demo();
    let cases = [
        ("Colour: blue\n", "Colour"),
        ("JobId: JID00000000-0000-4000-8000-000000000001\n", "JobId"),
        ("ShippingOption: WARP\n", "ShippingOption"),
        (
            "SnowballCapacityPreference: 100\n",
            "SnowballCapacityPreference",
        ),
        (
            "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok-bucket\n    - BucketArn: not-an-arn\n",
            "Resources.S3Resources[1].BucketArn",
        ),
        (
            "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::ok-bucket\n      Region: x\n",
            "line 4",
        ),
        (
            "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: [1]\n",
            "StorageLimit",
        ),
        ("Notification:\n  NotifyAll: maybe\n", "NotifyAll"),
        ("RoleARN: arn:aws:iam::1:role/r\n", "RoleARN"),
        ("AddressId: ADID-x\n", "AddressId"),
        (
            "PickupDetails:\n  IdentificationExpirationDate: next year\n",
            "PickupDetails.IdentificationExpirationDate",
        ),
        ("Resources: null\n", "Resources"),
        ("ShippingOption: [NEXT_DAY\n", "line 2"),
        ("just text\n", "map of UpdateJob members"),
        ("", "empty"),
    ];
    for (text, culprit) in cases {
        let (code, _, err) = env
            .run(["apply", IMPORT_JOB, "--file", "-"])
            .stdin(text)
            .text();
        assert_eq!(code, 2, "{text:?}: {err}");
        assert!(
            err.contains(culprit) && err.contains("stdin"),
            "{text:?} should name {culprit}: {err}"
        );
    }
    let (code, _, err) = env
        .run(["apply", IMPORT_JOB, "--file", "/no/such/patch.yaml"])
        .text();
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/patch.yaml"), "{err}");
    let mut cmd = env.snowjob();
    cmd.args(["apply", "-", "--file", "-"]).write_stdin("");
    assert_eq!(run(cmd).0, 2);
    assert!(env.ops().is_empty(), "{:?}", env.ops());
}

#[test]
fn checks_against_the_job_still_apply() {
    let env = Env::demo();
    for (text, code) in [
        ("SnowballCapacityPreference: T8\n", 2),
        (
            "Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::b-b-b\n      KeyRange: {BeginMarker: a}\n",
            2,
        ),
        ("AddressId: ADID99999999-9999-4999-8999-999999999999\n", 4),
    ] {
        let (got, _, err) = env
            .run(["apply", IMPORT_JOB, "--file", "-"])
            .stdin(text)
            .text();
        assert_eq!(got, code, "{text:?}: {err}");
    }
    let mut cmd = env.snowjob();
    cmd.args(["apply", LOCKED_JOB, "--file", "-"])
        .write_stdin("Description: too late\n");
    assert_eq!(run(cmd).0, 3);
    assert!(env.updates().is_empty());
}

#[test]
fn the_reported_request_is_what_was_sent_empty_lists_included() {
    let env = Env::demo();
    let (code, out, err) = env
        .run(["apply", COMPUTE_JOB, "--file", "-"])
        .stdin("Resources:\n  S3Resources: []\n")
        .json();
    assert_eq!(code, 0, "{err}");
    let sent = env.updates();
    assert_eq!(sent.len(), 1);
    assert_eq!(out[0]["Request"], sent[0], "printed vs sent");
    assert_eq!(
        out[0]["Request"]["Resources"]["S3Resources"],
        serde_json::json!([])
    );
    // The Lambda function and AMI were carried along.
    assert!(env.job(COMPUTE_JOB)["Resources"]["LambdaResources"].is_array());
}

#[test]
fn an_import_or_export_job_keeps_a_bucket_whatever_the_command() {
    let env = Env::demo();
    for job in [IMPORT_JOB, EXPORT_JOB] {
        let (code, _, err) = env
            .run(["apply", job, "--file", "-"])
            .stdin("Resources:\n  S3Resources: []\n")
            .text();
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("needs at least one S3 bucket"), "{err}");
    }
    assert!(env.updates().is_empty());
}

#[test]
fn values_are_checked_as_the_service_reads_its_patterns() {
    let env = Env::demo();
    // Arabic-Indic digits are digits to Unicode, not to the model's ECMA-262 \d.
    let (code, _, err) = env
        .run(["apply", IMPORT_JOB, "--file", "-"])
        .stdin("PickupDetails:\n  PhoneNumber: \"٢٠٦٥٥٥٠١٠٠\"\n")
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(env.updates().is_empty());
    // A time before 1970 is a time.
    let (code, _, err) = env
        .run(["apply", IMPORT_JOB, "--file", "-"])
        .stdin("PickupDetails:\n  IdentificationExpirationDate: 1969-12-31T23:59:59Z\n")
        .text();
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_patch_of_every_member_sends_every_member() {
    let env = Env::demo();
    let patch = format!(
        "RoleARN: arn:aws:iam::123456789012:role/other\n\
         Notification:\n  NotifyAll: true\n\
         Resources:\n  S3Resources:\n    - BucketArn: arn:aws:s3:::another\n\
         OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 8\n    StorageUnit: TB\n\
         AddressId: {FORWARDING_ADDRESS}\n\
         ShippingOption: EXPRESS\n\
         Description: every member\n\
         SnowballCapacityPreference: T98\n\
         ForwardingAddressId: {HOME_ADDRESS}\n\
         PickupDetails:\n  Name: Kim Lee\n"
    );
    let (code, out, err) = env
        .run(["apply", IMPORT_JOB, "--file", "-"])
        .stdin(patch)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    let sent = env.updates();
    let members: Vec<&str> = sent[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "JobId")
        .collect();
    assert_eq!(members, snowball_model::facts::update_members());
}

#[test]
fn a_json_patch_may_escape_any_character_as_json_does() {
    // What `json.dumps` writes by default: non-ASCII escaped, a character
    // beyond U+FFFF as its UTF-16 surrogate pair.
    let env = Env::demo();
    let file = patch_file(
        &env,
        "patch.json",
        "{\"Description\": \"Caf\\u00e9 \\ud83d\\ude9a \\\\ud83d\"}",
    );
    let mut cmd = env.snowjob();
    cmd.args(["apply", EXPORT_JOB, "--file", &file]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(env.job(EXPORT_JOB)["Description"], "Café 🚚 \\ud83d");
    // A lone surrogate is no character: refused, naming where it is.
    let file = patch_file(&env, "lone.json", "{\"Description\": \"a \\ud83d b\"}");
    let mut cmd = env.snowjob();
    cmd.args(["apply", EXPORT_JOB, "--file", &file]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn a_quoted_boolean_is_told_to_lose_its_quotes() {
    // JSON writers quote what they should not; the message says what to do.
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args(["apply", IMPORT_JOB, "--file", "-"])
        .write_stdin("{\"Notification\": {\"NotifyAll\": \"true\"}}");
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("Notification.NotifyAll") && err.contains("without quotes"),
        "{err}"
    );
    assert!(env.ops().is_empty());
}
