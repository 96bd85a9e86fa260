//! Every constraint the service model puts on an UpdateJob member is enforced
//! before anything is sent: values the model refuses are generated from the
//! model itself, for every member, and each is refused with exit 2 and no
//! UpdateJob.

use serde_json::{Value as Json, json};
use snowball_model::{DecodeOptions, Shape, Wire, model};

use crate::common::*;

/// A valid patch that sets every leaf of every UpdateJob member, fitting the
/// demo's EXPORT job (EDGE_S, T98).
fn every_member() -> Json {
    json!({
        "RoleARN": "arn:aws:iam::123456789012:role/snowball-export",
        "Notification": {
            "SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:fleet",
            "JobStatesToNotify": ["Complete"],
            "NotifyAll": false,
            "DevicePickupSnsTopicARN": "arn:aws:sns:us-east-1:123456789012:pickup"
        },
        "Resources": {
            "S3Resources": [{
                "BucketArn": "arn:aws:s3:::example-video",
                "KeyRange": {"BeginMarker": "2025/01/", "EndMarker": "2025/12/~"},
                "TargetOnDeviceServices": [{"ServiceName": "S3_ON_DEVICE_SERVICE", "TransferOption": "EXPORT"}]
            }],
            "LambdaResources": [{
                "LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:tag",
                "EventTriggers": [{"EventResourceARN": "arn:aws:s3:::example-video"}]
            }],
            "Ec2AmiResources": [{"AmiId": "ami-0123456789abcdef0", "SnowballAmiId": "s.ami-0a1b2c3d4e5f60718"}]
        },
        "OnDeviceServiceConfiguration": {
            "NFSOnDeviceService": {"StorageLimit": 8, "StorageUnit": "TB"},
            "TGWOnDeviceService": {"StorageLimit": 8, "StorageUnit": "TB"},
            "EKSOnDeviceService": {"KubernetesVersion": "1.29", "EKSAnywhereVersion": "0.19.2"},
            "S3OnDeviceService": {"StorageLimit": 10.5, "StorageUnit": "TB", "ServiceSize": 3, "FaultTolerance": 1}
        },
        "AddressId": HOME_ADDRESS,
        "ShippingOption": "EXPRESS",
        "Description": "Export 2025 video archive, every member set",
        "SnowballCapacityPreference": "T98",
        "ForwardingAddressId": FORWARDING_ADDRESS,
        "PickupDetails": {
            "Name": "Kim Lee",
            "PhoneNumber": "+1 206 555 0100",
            "Email": "kim@example.com",
            "IdentificationNumber": "D1234567",
            "IdentificationExpirationDate": "2030-01-31T00:00:00Z",
            "IdentificationIssuingOrg": "WA DOL",
            "DevicePickupId": "DPID12345678-1234-4234-8234-123456789012"
        }
    })
}

/// A value a patch file writes where JSON cannot: YAML's non-finite numbers.
const NAN: &str = "__nan__";
const INF: &str = "__inf__";

/// Every leaf of shape `name` below `path` (a JSON pointer; lists at item 0).
fn leaves(name: &str, path: String, out: &mut Vec<(String, &'static Shape)>) {
    let shape = model().shape(name);
    match shape {
        Shape::Structure { members, .. } => {
            for (member, inner) in members {
                leaves(inner, format!("{path}/{member}"), out);
            }
        }
        Shape::List { member, .. } => leaves(member, format!("{path}/0"), out),
        leaf => out.push((path, leaf)),
    }
}

/// Values shape `leaf` refuses, each for a different constraint.
fn refused_values(leaf: &Shape) -> Vec<(&'static str, Json)> {
    let mut out = Vec::new();
    match leaf {
        Shape::String {
            min,
            max,
            pattern,
            allowed,
        } => {
            if allowed.is_some() {
                out.push(("enum", json!("NOT_A_VALUE_OF_THIS_ENUM")));
            }
            if let Some(max) = max {
                out.push(("max length", json!("x".repeat(*max as usize + 1))));
            }
            match min {
                Some(min) if *min > 1.0 => out.push(("min length", json!("x"))),
                Some(_) => out.push(("min length", json!(""))),
                None => {}
            }
            if pattern.as_ref().is_some_and(|(p, _)| p != ".*") {
                out.push(("pattern", json!("not valid here")));
            }
        }
        Shape::Integer { min, max, .. } => {
            if let Some(min) = min {
                out.push(("minimum", json!(*min as i64 - 1)));
            }
            if let Some(max) = max {
                out.push(("maximum", json!(*max as i64 + 1)));
            }
            out.push(("32-bit range", json!(1i64 << 40)));
        }
        Shape::Double { min, .. } => {
            if let Some(min) = min {
                out.push(("minimum", json!(min - 1.0)));
            }
            out.push(("non-finite", json!(NAN)));
            out.push(("non-finite", json!(INF)));
        }
        Shape::Boolean => out.push(("type", json!("maybe"))),
        Shape::Timestamp => out.push(("type", json!("not a time"))),
        _ => {}
    }
    out
}

fn yaml_of(doc: &Json) -> String {
    serde_json::to_string_pretty(doc)
        .unwrap()
        .replace(&format!("\"{NAN}\""), ".nan")
        .replace(&format!("\"{INF}\""), ".inf")
}

fn apply(env: &Env, doc: &Json, dry_run: bool) -> (i32, String) {
    let file = env.home.path().join("patch.yaml");
    std::fs::write(&file, yaml_of(doc)).unwrap();
    let mut cmd = env.snowjob();
    cmd.args(["apply", EXPORT_JOB, "--file"]).arg(&file);
    if dry_run {
        cmd.arg("--dry-run");
    }
    let (code, _, err) = run(cmd);
    (code, err)
}

#[test]
fn the_sample_sets_every_leaf_and_the_model_accepts_it() {
    let mut all = Vec::new();
    leaves("UpdateJobRequest", String::new(), &mut all);
    let sample = every_member();
    for (path, _) in all.iter().filter(|(p, _)| p != "/JobId") {
        assert!(sample.pointer(path).is_some(), "the sample lacks {path}");
    }
    let mut request = sample.clone();
    request["JobId"] = json!(EXPORT_JOB);
    let options = DecodeOptions {
        text_timestamps: true,
    };
    model()
        .decode("UpdateJobRequest", &Wire::from_json(request), options)
        .unwrap();
    let env = Env::demo();
    let (code, err) = apply(&env, &sample, true);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn every_value_the_model_refuses_is_refused_locally() {
    let env = Env::demo();
    let mut all = Vec::new();
    leaves("UpdateJobRequest", String::new(), &mut all);
    let mut cases = 0;
    for (path, leaf) in all.iter().filter(|(p, _)| p != "/JobId") {
        for (constraint, value) in refused_values(leaf) {
            let mut doc = every_member();
            *doc.pointer_mut(path).unwrap() = value;
            env.server.clear_journal();
            let (code, err) = apply(&env, &doc, false);
            let member = path
                .rsplit('/')
                .find(|s| s.parse::<usize>().is_err())
                .unwrap();
            assert_eq!(code, 2, "{path} ({constraint}) was not refused: {err}");
            assert!(err.contains(member), "{path} ({constraint}): {err}");
            assert!(
                !env.ops().iter().any(|o| o == "UpdateJob"),
                "{path} ({constraint}) was sent"
            );
            cases += 1;
        }
    }
    assert!(cases > 60, "{cases}");
}
