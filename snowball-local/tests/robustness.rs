//! What a new user, a CI shell or a careless test can throw at the endpoint,
//! through real HTTP on 127.0.0.1: any signing region, malformed control API
//! calls, the faults that stage lost and late replies, panics, wrong methods
//! and connections that never finish their headers.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{client_at, client_in, control, demo_server, read_until_closed, request};
use serde_json::Value as Json;
use snowball_local::{Config, DEFAULT_ACCESS_KEY, Fault, FaultAction, LocalServer, demo};

#[tokio::test]
async fn any_signing_region_is_accepted_unless_one_is_configured() {
    let open = demo_server();
    for region in ["eu-west-1", "cn-north-1", "us-east-1"] {
        let listed = client_in(open.url(), region).list_jobs().send().await;
        // The demo: five jobs and its cluster's three node jobs.
        assert_eq!(listed.unwrap().job_list_entries().len(), 8, "{region}");
    }
    assert!(open.journal().iter().all(|e| e.signature == "valid"));
    // The signature is still checked, with the region the client signed for.
    let err = client_at(open.url(), DEFAULT_ACCESS_KEY, "wrong", "eu-west-1")
        .list_jobs()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);

    let only = LocalServer::start(Config {
        demo: true,
        region: "us-east-1".into(),
        ..Config::default()
    })
    .unwrap();
    for region in ["eu-west-1", "cn-north-1"] {
        let err = client_in(only.url(), region)
            .list_jobs()
            .send()
            .await
            .unwrap_err();
        assert_eq!(err.raw_response().unwrap().status().as_u16(), 403);
        let meta = aws_sdk_snowball::error::ProvideErrorMetadata::meta(&err);
        assert_eq!(meta.code(), Some("InvalidSignatureException"));
        let message = meta.message().unwrap();
        assert!(
            message.contains(region) && message.contains("us-east-1"),
            "{message}"
        );
    }
    assert!(
        client_in(only.url(), "us-east-1")
            .list_jobs()
            .send()
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn malformed_faults_are_refused_with_400_and_the_server_keeps_serving() {
    let server = demo_server();
    for (fault, field) in [
        (r#"{"kind":"error","status":1000,"code":"X"}"#, "status"),
        (r#"{"kind":"error","status":302,"code":"X"}"#, "status"),
        (r#"{"kind":"error","status":70000,"code":"X"}"#, "status"),
        (
            r#"{"kind":"error","status":503,"code":"Bad\r\nX-Injected: 1"}"#,
            "code",
        ),
        (
            r#"{"kind":"error","status":503,"code":"Bad\u0000"}"#,
            "code",
        ),
        (r#"{"kind":"delay","ms":10,"count":0}"#, "count"),
        (r#"{"kind":"delay","ms":10,"count":-1}"#, "count"),
        (
            r#"{"kind":"delay","ms":10,"operation":"DeleteEverything"}"#,
            "operation",
        ),
        (r#"{"kind":"shutdown"}"#, "kind"),
        (r#"{"operation":"UpdateJob"}"#, "kind"),
        (r#"{"kind":"drop_reply","state":"Exploded"}"#, "state"),
        (r#"{"kind":"delay_reply","ms":"soon"}"#, "ms"),
        (r#"not json"#, "JSON"),
    ] {
        let (status, body) = control(server.addr(), "POST", "faults", fault);
        assert_eq!(status, 400, "{fault}: {body}");
        assert!(body.contains(field), "{fault} should name {field}: {body}");
    }
    assert_eq!(control(server.addr(), "GET", "faults", "").1.trim(), "[]");
    // Other junk sent to the control API.
    for (method, path, body) in [
        ("PUT", "jobs/JID-nope/state", r#"{"state":"New"}"#),
        (
            "PUT",
            &format!("jobs/{}/state", demo::IMPORT_JOB),
            r#"{"state":7}"#,
        ),
        ("POST", "seed", r#"{"Jobs":[{"JobType":"WARP"}]}"#),
        ("POST", "seed", "\u{0}\u{1}"),
        ("DELETE", "addresses/ADID-nope", ""),
        ("GET", "nothing/here", ""),
    ] {
        let (status, body) = control(server.addr(), method, path, body);
        assert!(
            (400..500).contains(&status),
            "{method} {path}: {status} {body}"
        );
    }
    let c = client_in(server.url(), "us-east-1");
    assert_eq!(
        c.list_jobs().send().await.unwrap().job_list_entries().len(),
        8
    );
}

#[tokio::test]
async fn drop_reply_runs_the_call_and_the_client_gets_no_reply() {
    let server = demo_server();
    let (status, body) = control(
        server.addr(),
        "POST",
        "faults",
        r#"{"operation":"UpdateJob","kind":"drop_reply","state":"PreparingAppliance"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let err = client_in(server.url(), "us-east-1")
        .update_job()
        .job_id(demo::IMPORT_JOB)
        .description("applied, reply lost")
        .send()
        .await
        .unwrap_err();
    assert!(err.raw_response().is_none(), "no reply expected: {err:?}");
    let job = server.job(demo::IMPORT_JOB).unwrap();
    assert_eq!(job["Description"], "applied, reply lost");
    assert_eq!(job["JobState"], "PreparingAppliance");
    let last = server.journal().pop().unwrap();
    assert_eq!(last.operation, "UpdateJob");
    assert_eq!(last.fault.as_deref(), Some("drop_reply"));
    assert_eq!(last.error_code.as_deref(), Some("connection closed"));
}

#[tokio::test]
async fn delay_reply_runs_the_call_then_holds_the_reply() {
    let server = demo_server();
    server.push_fault(Fault {
        operation: "UpdateJob".into(),
        count: 1,
        action: FaultAction::DelayReply {
            ms: 1500,
            state: None,
            job_id: None,
        },
    });
    let c = client_in(server.url(), "us-east-1");
    let started = Instant::now();
    let update = tokio::spawn({
        let c = c.clone();
        async move {
            c.update_job()
                .job_id(demo::IMPORT_JOB)
                .description("held")
                .send()
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert!(!update.is_finished(), "the reply is held");
    assert_eq!(server.job(demo::IMPORT_JOB).unwrap()["Description"], "held");
    update.await.unwrap().unwrap();
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(
        server.journal().pop().unwrap().fault.as_deref(),
        Some("delay_reply")
    );
}

#[tokio::test]
async fn a_request_whose_client_went_away_is_journalled() {
    let server = demo_server();
    server.push_fault(Fault {
        operation: "DescribeJob".into(),
        count: 1,
        action: FaultAction::Delay { ms: 1500 },
    });
    let c = client_in(server.url(), "us-east-1");
    let gave_up = tokio::time::timeout(
        Duration::from_millis(300),
        c.describe_job().job_id(demo::IMPORT_JOB).send(),
    )
    .await;
    assert!(gave_up.is_err());
    drop(c);
    let deadline = Instant::now() + Duration::from_secs(5);
    let entry = loop {
        if let Some(entry) = server.journal().pop() {
            break entry;
        }
        assert!(
            Instant::now() < deadline,
            "the request was never journalled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert_eq!(entry.operation, "DescribeJob");
    assert_eq!(entry.fault.as_deref(), Some("delay"));
    assert_eq!(entry.error_code.as_deref(), Some("client went away"));
}

#[tokio::test]
async fn skip_lets_the_first_matching_calls_through() {
    let server = demo_server();
    // Fail the re-read, not the first read.
    server.push_fault(Fault::error("DescribeJob", 1, 500, "InternalFailure").skip(1));
    let c = client_in(server.url(), "us-east-1");
    let describe = || c.describe_job().job_id(demo::IMPORT_JOB).send();
    assert!(describe().await.is_ok());
    let err = describe().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    assert!(describe().await.is_ok());

    // The same through the control API, where `skip` is listed while queued.
    let (status, body) = control(
        server.addr(),
        "POST",
        "faults",
        r#"{"operation":"ListJobs","skip":2,"kind":"error","status":503,"code":"ServiceUnavailable"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let queued: Json =
        serde_json::from_str(&control(server.addr(), "GET", "faults", "").1).unwrap();
    assert_eq!(queued[0]["skip"], 2);
    for expected in [200, 200, 503, 200] {
        let status = match c.list_jobs().send().await {
            Ok(_) => 200,
            Err(e) => e.raw_response().unwrap().status().as_u16(),
        };
        assert_eq!(status, expected);
    }
}

#[tokio::test]
async fn a_panic_while_handling_answers_500_and_the_server_keeps_serving() {
    let server = demo_server();
    let (status, body) = control(
        server.addr(),
        "POST",
        "faults",
        r#"{"operation":"ListJobs","kind":"panic"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let c = client_in(server.url(), "us-east-1");
    let err = c.list_jobs().send().await.unwrap_err();
    assert_eq!(err.raw_response().unwrap().status().as_u16(), 500);
    let last = server.journal().pop().unwrap();
    assert_eq!(
        (
            last.operation.as_str(),
            last.status,
            last.error_code.as_deref()
        ),
        ("ListJobs", 500, Some("panic"))
    );
    assert_eq!(last.fault.as_deref(), Some("panic"));
    assert_eq!(
        c.list_jobs().send().await.unwrap().job_list_entries().len(),
        8
    );
}

#[test]
fn other_methods_on_api_paths_get_405() {
    let server = demo_server();
    for (method, path) in [
        (
            "GET",
            "/service/AWSIESnowballJobManagementService/operation/ListJobs",
        ),
        ("GET", "/"),
        ("PUT", "/"),
        (
            "DELETE",
            "/service/AWSIESnowballJobManagementService/operation/CancelJob",
        ),
    ] {
        let raw = request(server.addr(), method, path, &[], b"");
        assert_eq!(raw.status, 405, "{method} {path}");
        assert!(raw.head.contains("allow: post"), "{}", raw.head);
    }
    assert_eq!(server.journal().len(), 4);
}

#[test]
fn control_api_reads_see_job_states_as_of_now() {
    // The demo jobs were created minutes ago: with a 1 s window they are past it.
    let server = LocalServer::start(Config {
        demo: true,
        edit_window: Duration::from_secs(1),
        ..Config::default()
    })
    .unwrap();
    let (status, body) = control(
        server.addr(),
        "GET",
        &format!("jobs/{}", demo::IMPORT_JOB),
        "",
    );
    assert_eq!(status, 200);
    let job: Json = serde_json::from_str(&body).unwrap();
    assert_eq!(job["JobState"], "PreparingAppliance");
    let (_, body) = control(server.addr(), "GET", "jobs", "");
    let jobs: Json = serde_json::from_str(&body).unwrap();
    assert!(
        jobs.as_array()
            .unwrap()
            .iter()
            .all(|j| j["JobState"] != "New")
    );
}

fn short_timeout_server() -> LocalServer {
    LocalServer::start(Config {
        header_timeout: Duration::from_secs(1),
        ..Config::default()
    })
    .unwrap()
}

#[test]
fn a_half_sent_request_is_closed_after_the_header_timeout() {
    let server = short_timeout_server();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(b"POST / HTTP/1.1\r\nhost: 127.0.0.1\r\nx-amz-tar")
        .unwrap();
    let (_, waited) = read_until_closed(stream);
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(4)).contains(&waited),
        "closed after {waited:?}"
    );
    // Still serving.
    let raw = request(server.addr(), "GET", "/_local/journal", &[], b"");
    assert_eq!(raw.status, 200);
}

#[test]
fn a_request_whose_body_never_completes_is_closed_after_the_header_timeout() {
    let server = short_timeout_server();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(
            b"POST / HTTP/1.1\r\nhost: 127.0.0.1\r\n\
              content-type: application/x-amz-json-1.1\r\n\
              x-amz-target: AWSIESnowballJobManagementService.ListJobs\r\n\
              content-length: 100\r\n\r\n0123456789",
        )
        .unwrap();
    let (reply, waited) = read_until_closed(stream);
    assert!(
        (Duration::from_millis(900)..Duration::from_secs(4)).contains(&waited),
        "closed after {waited:?}: {reply}"
    );
    // The same for the control API, and the server is still serving.
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(
            b"POST /_local/faults HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 100\r\n\r\n{",
        )
        .unwrap();
    let (_, waited) = read_until_closed(stream);
    assert!(waited < Duration::from_secs(4), "kept for {waited:?}");
    let raw = request(server.addr(), "GET", "/_local/journal", &[], b"");
    assert_eq!(raw.status, 200);
}

#[test]
fn an_idle_keep_alive_connection_is_closed() {
    let server = short_timeout_server();
    let mut stream = TcpStream::connect(server.addr()).unwrap();
    stream
        .write_all(b"GET /_local/faults HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let (reply, waited) = read_until_closed(stream);
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(waited < Duration::from_secs(4), "kept for {waited:?}");
}
