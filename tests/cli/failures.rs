//! Exit codes and what is (not) sent when things go wrong: bad input, missing
//! credentials, refusals, retries, outages, interrupts; and secrets in --debug.

use crate::common::*;
use snowball_local::{Config, DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, Fault};

#[test]
fn bad_arguments_exit_2_before_any_request() {
    let env = Env::demo();
    let cases: &[&[&str]] = &[
        &["set-shipping", "JID-nope", "--speed", "EXPRESS"],
        &["set-shipping", IMPORT_JOB, "--speed", "WARP"],
        &["set-shipping", IMPORT_JOB],
        &["set-shipping", IMPORT_JOB, "--address-id", "ADID-short"],
        &["set-capacity", IMPORT_JOB, "--capacity", "T7"],
        &["set-capacity", IMPORT_JOB],
        &["set-nfs-limit", IMPORT_JOB, "--limit", "1.5"],
        &["set-nfs-limit", IMPORT_JOB, "--limit", "0"],
        &["add-s3-resource", IMPORT_JOB, "--bucket", "UPPER"],
        &[
            "add-s3-resource",
            IMPORT_JOB,
            "--bucket",
            "ok-bucket",
            "--service",
            "tape",
        ],
        &["show", "jid00000000-0000-4000-8000-000000000001"],
        &["list", "--max-attempts", "0"],
        &["list", "--read-timeout", "soon"],
        &["list", "-o", "xml"],
    ];
    for args in cases {
        let (code, _, err) = env.run(*args).text();
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.is_empty(), "{args:?} says why");
    }
    let (code, _, err) = env
        .run(["set-capacity", "-", "--capacity", "T100"])
        .stdin(format!("{IMPORT_JOB}\nnot-a-job\n"))
        .text();
    assert_eq!(code, 2);
    assert!(
        err.contains("stdin line 2") && err.contains("not-a-job"),
        "{err}"
    );
    assert!(
        env.ops().is_empty(),
        "no request for bad input: {:?}",
        env.ops()
    );
}

#[test]
fn messages_name_the_culprit() {
    let env = Env::demo();
    let (_, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "warp"])
        .text();
    assert!(
        err.contains("warp") && err.contains("NEXT_DAY") && err.contains("--speed"),
        "{err}"
    );
    let (_, _, err) = env.run(["show", "JID123"]).text();
    assert!(
        err.contains("JID123") && err.contains("39 characters"),
        "{err}"
    );
}

#[test]
fn a_missing_job_exits_4() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["set-capacity", MISSING_JOB, "--capacity", "T100"])
        .text();
    assert_eq!(code, 4);
    assert!(err.contains(MISSING_JOB));
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn a_locked_job_exits_3_naming_its_state() {
    let env = Env::demo();
    let (code, _, err) = env
        .run(["set-capacity", LOCKED_JOB, "--capacity", "T98"])
        .text();
    assert_eq!(code, 3);
    assert!(
        err.contains("PreparingAppliance") && err.contains("only be edited while New"),
        "{err}"
    );
    assert_eq!(env.ops(), ["DescribeJob"]);
}

#[test]
fn no_credentials_exit_5() {
    let env = Env::demo();
    let mut cmd = env.bare();
    cmd.args([
        "show",
        IMPORT_JOB,
        "--region",
        "us-east-1",
        "--endpoint-url",
        env.server.url(),
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("credentials"), "{err}");
    assert!(env.ops().is_empty());
}

#[test]
fn no_region_exits_5() {
    let env = Env::demo();
    let mut cmd = env.bare();
    cmd.env("AWS_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY)
        .args(["list", "--endpoint-url", env.server.url()]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5);
    assert!(err.contains("region"), "{err}");
}

#[test]
fn access_denied_exits_5() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env("AWS_SECRET_ACCESS_KEY", "not-the-secret")
        .args(["show", IMPORT_JOB]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("InvalidSignatureException"), "{err}");

    env.server
        .push_fault(Fault::error("DescribeJob", 1, 400, "AccessDeniedException"));
    let mut cmd = env.snowjob();
    cmd.args(["show", IMPORT_JOB]);
    assert_eq!(run(cmd).0, 5);
}

#[test]
fn throttling_is_retried_then_succeeds() {
    let env = Env::demo();
    env.server
        .push_fault(Fault::error("UpdateJob", 2, 400, "ThrottlingException"));
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "--max-attempts",
            "3",
        ])
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.ops(),
        ["DescribeJob", "UpdateJob", "UpdateJob", "UpdateJob"]
    );
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn persistent_server_errors_exit_6_with_nothing_changed() {
    let env = Env::demo();
    let before = env.job(IMPORT_JOB);
    env.server
        .push_fault(Fault::error("UpdateJob", 10, 500, "InternalFailure"));
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "--max-attempts",
            "2",
        ])
        .text();
    assert_eq!(code, 6, "{err}");
    // A 5xx leaves open whether the update was applied: it is resent only
    // after reading the job again shows it plainly was not.
    assert_eq!(
        env.ops(),
        [
            "DescribeJob",
            "UpdateJob",
            "DescribeJob",
            "UpdateJob",
            "DescribeJob"
        ]
    );
    assert!(err.contains("does not have the change"), "{err}");
    assert_eq!(env.job(IMPORT_JOB), before);

    env.server
        .push_fault(Fault::error("DescribeJob", 10, 503, "ServiceUnavailable"));
    let mut cmd = env.snowjob();
    cmd.args(["show", IMPORT_JOB, "--max-attempts", "1"]);
    assert_eq!(run(cmd).0, 6);
}

#[test]
fn an_unreachable_endpoint_exits_6() {
    let env = Env::demo();
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let (code, _, err) = env
        .run([
            "list",
            "--max-attempts",
            "1",
            "--endpoint-url",
            &format!("http://127.0.0.1:{closed}"),
        ])
        .text();
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("could not reach"), "{err}");
}

#[test]
fn endpoint_from_aws_endpoint_url_snowball() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.env_remove("AWS_ENDPOINT_URL")
        .env("AWS_ENDPOINT_URL_SNOWBALL", env.server.url())
        .args(["show", IMPORT_JOB]);
    assert_eq!(run(cmd).0, 0);
    // The table names the job's address.
    assert_eq!(env.ops(), ["DescribeJob", "DescribeAddress"]);
}

#[test]
fn profiles_from_the_config_files() {
    let env = Env::demo();
    std::fs::write(
        env.home.path().join("config"),
        format!(
            "[profile snow]\nregion = us-east-1\nendpoint_url = {}\n",
            env.server.url()
        ),
    )
    .unwrap();
    std::fs::write(
        env.home.path().join("credentials"),
        format!("[snow]\naws_access_key_id = {DEFAULT_ACCESS_KEY}\naws_secret_access_key = {DEFAULT_SECRET_KEY}\n"),
    )
    .unwrap();
    let mut cmd = env.bare();
    cmd.args(["show", IMPORT_JOB, "--profile", "snow"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    let mut cmd = env.bare();
    cmd.env("AWS_PROFILE", "snow").args(["list"]);
    assert_eq!(run(cmd).0, 0);
}

#[test]
fn bucket_names_follow_the_regions_partition() {
    let env = Env::with(Config {
        demo: true,
        region: "cn-north-1".into(),
        ..Config::default()
    });
    let mut cmd = env.snowjob();
    cmd.env("AWS_REGION", "cn-north-1").args([
        "add-s3-resource",
        IMPORT_JOB,
        "--bucket",
        "china-data",
    ]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["Resources"]["S3Resources"][2]["BucketArn"],
        "arn:aws-cn:s3:::china-data"
    );
}

#[test]
fn debug_traces_without_secrets() {
    let env = Env::demo();
    let token = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN";
    let mut cmd = env.snowjob();
    cmd.env("AWS_SESSION_TOKEN", token).args([
        "--debug",
        "set-shipping",
        IMPORT_JOB,
        "--speed",
        "EXPRESS",
    ]);
    let (code, out, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("[debug] -> POST") && err.contains("UpdateJob") && err.contains("EXPRESS"),
        "{err}"
    );
    assert!(err.contains("<redacted>"));
    let journal = env.server.journal();
    assert_eq!(journal.len(), 2);
    for secret in [DEFAULT_SECRET_KEY, DEFAULT_ACCESS_KEY, token] {
        assert!(
            !err.contains(secret) && !out.contains(secret),
            "{secret} leaked"
        );
    }
    // No signature either: find any 64-hex-digit run.
    let hex_run = err
        .split(|c: char| !c.is_ascii_hexdigit())
        .any(|w| w.len() == 64);
    assert!(!hex_run, "a signature-like value leaked:\n{err}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_130() {
    let env = Env::demo();
    env.server.push_fault(Fault {
        operation: "DescribeJob".into(),
        count: 1,
        action: snowball_local::FaultAction::Delay { ms: 20_000 },
    });
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("snowjob"));
    cmd.env("AWS_ACCESS_KEY_ID", DEFAULT_ACCESS_KEY)
        .env("AWS_SECRET_ACCESS_KEY", DEFAULT_SECRET_KEY)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", env.home.path().join("config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            env.home.path().join("credentials"),
        )
        .args(["show", IMPORT_JOB, "--endpoint-url", env.server.url()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    // Wait until the request is in flight (its delay fault taken), then interrupt.
    for _ in 0..200 {
        if env.server.faults().is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        env.server.faults().is_empty(),
        "the request reached the endpoint"
    );
    let status = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
