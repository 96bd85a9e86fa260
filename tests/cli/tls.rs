//! HTTPS through a corporate proxy: a TLS endpoint whose certificate only a
//! CA bundle vouches for is trusted with AWS_CA_BUNDLE (or a profile's
//! `ca_bundle`), and refused without it.

use std::net::SocketAddr;
use std::sync::Arc;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, pki_types};

use crate::common::*;

/// A TLS front for `backend` on 127.0.0.1 with a certificate of its own;
/// returns its URL and the certificate (PEM). It serves until the test ends.
fn tls_proxy(backend: SocketAddr) -> (String, String) {
    let rcgen::CertifiedKey { cert, signing_key } =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()]).unwrap();
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let key = pki_types::PrivateKeyDer::Pkcs8(signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.der().clone()], key)
        .unwrap();
    let acceptor = TlsAcceptor::from(Arc::new(config));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            while let Ok((client, _)) = listener.accept().await {
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    let Ok(mut tls) = acceptor.accept(client).await else {
                        return;
                    };
                    if let Ok(mut server) = tokio::net::TcpStream::connect(backend).await {
                        let _ = tokio::io::copy_bidirectional(&mut tls, &mut server).await;
                    }
                });
            }
        });
    });
    (url, cert.pem())
}

#[test]
fn a_ca_bundle_makes_a_proxys_certificate_trusted() {
    let env = Env::demo();
    let (url, pem) = tls_proxy(env.server.addr());
    let bundle = env.home.path().join("corporate-ca.pem");
    std::fs::write(&bundle, pem).unwrap();

    // Without the bundle the certificate is not trusted: nothing gets through.
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", &url)
        .args(["show", IMPORT_JOB, "--max-attempts", "1"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 6, "{err}");
    assert!(env.ops().is_empty(), "{:?}", env.ops());

    // With it, from the environment and from a profile, the edit goes through.
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", &url)
        .env("AWS_CA_BUNDLE", &bundle)
        .args(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );

    std::fs::write(
        env.home.path().join("config"),
        format!("[default]\nca_bundle = {}\n", bundle.display()),
    )
    .unwrap();
    let mut cmd = env.snowjob();
    cmd.env("AWS_ENDPOINT_URL", &url)
        .args(["set-shipping", IMPORT_JOB, "--speed", "NEXT_DAY"]);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "NEXT_DAY"
    );
}

#[test]
fn plain_http_never_loads_the_systems_trust_roots() {
    // Trust roots that can never be read: opening a FIFO with no writer
    // blocks. Over plain HTTP they are not needed, so nothing waits for them.
    let env = Env::demo();
    let fifo = env.home.path().join("roots.pem");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let (code, out, err) = env
        .run(["show", IMPORT_JOB])
        .env("SSL_CERT_FILE", &fifo)
        .env("SSL_CERT_DIR", env.home.path())
        .timeout(std::time::Duration::from_secs(20))
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["JobId"], IMPORT_JOB);
}

#[test]
fn a_ca_bundle_that_cannot_be_used_exits_5_before_any_request() {
    let env = Env::demo();
    let bundle = env.home.path().join("broken-ca.pem");
    for (contents, why) in [
        (
            "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n",
            "not valid PEM",
        ),
        (
            "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n",
            "certificate 1 cannot be used",
        ),
        ("no certificate here\n", "holds no PEM certificate"),
    ] {
        std::fs::write(&bundle, contents).unwrap();
        let (code, _, err) = env
            .run(["show", IMPORT_JOB])
            .env("AWS_CA_BUNDLE", &bundle)
            .text();
        assert_eq!(code, 5, "{err}");
        assert!(err.contains("broken-ca.pem") && err.contains(why), "{err}");
        assert!(env.ops().is_empty(), "{:?}", env.ops());
    }
}
