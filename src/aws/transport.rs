//! The HTTP client every request goes through: plain HTTP for an `http://`
//! URL (a local endpoint), and for `https://` the TLS client, made on the
//! first such request and kept for the process. So the system's trust roots
//! (or a CA bundle's certificates, checked when the configuration is read)
//! are loaded only when an HTTPS connection is made; an edit over plain HTTP
//! costs what its requests cost.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use aws_sdk_snowball::config::SharedHttpClient;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, TlsContext};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;

/// Whom the TLS client trusts.
#[derive(Clone, Debug)]
pub enum Trust {
    /// The system's trust roots, through the proxy the environment names
    /// (`HTTPS_PROXY`, `NO_PROXY`), as the SDK's default client.
    System,
    /// Only the certificates of a CA bundle (`AWS_CA_BUNDLE`, `ca_bundle`).
    Bundle(TlsContext),
}

/// An HTTP client that makes its TLS client only for the first `https://`
/// request.
#[derive(Debug)]
struct Lazy {
    trust: Trust,
    plain: Option<SharedHttpClient>,
    tls: Arc<OnceLock<SharedHttpClient>>,
}

/// The client for requests trusting `trust`.
pub fn client(trust: Trust) -> SharedHttpClient {
    // A proxy for http:// in the environment (which may itself need TLS):
    // then everything goes through the TLS client, which knows proxies.
    let plain = match &trust {
        Trust::System if http_proxy_set() => None,
        _ => Some(plain_client()),
    };
    SharedHttpClient::new(Lazy {
        trust,
        plain,
        tls: Arc::default(),
    })
}

/// Whether the environment names a proxy for http:// URLs, as the SDK's
/// default client reads it.
fn http_proxy_set() -> bool {
    ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
}

fn plain_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut builder = ConnectorBuilder::default();
        builder.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            builder.set_sleep_impl(components.sleep_impl());
        }
        builder.build_http()
    })
}

fn tls_client(trust: &Trust) -> SharedHttpClient {
    let trust = trust.clone();
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut builder = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        builder.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            builder.set_sleep_impl(components.sleep_impl());
        }
        match &trust {
            Trust::System => builder.set_proxy_config(Some(ProxyConfig::from_env())),
            Trust::Bundle(context) => builder.set_tls_context(context.clone()),
        };
        builder.build()
    })
}

impl HttpClient for Lazy {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(ByScheme {
            plain: self
                .plain
                .as_ref()
                .map(|plain| plain.http_connector(settings, components)),
            trust: self.trust.clone(),
            tls: self.tls.clone(),
            settings: settings.clone(),
            components: components.clone(),
        })
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new("hyper", Some(Cow::Borrowed("1.x"))))
    }
}

/// One request's connector: plain for `http://`, else the TLS client's
/// (made now if this is the first).
#[derive(Debug)]
struct ByScheme {
    plain: Option<SharedHttpConnector>,
    trust: Trust,
    tls: Arc<OnceLock<SharedHttpClient>>,
    settings: HttpConnectorSettings,
    components: RuntimeComponents,
}

impl HttpConnector for ByScheme {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let is_plain = request
            .uri()
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"));
        match &self.plain {
            Some(plain) if is_plain => plain.call(request),
            _ => self
                .tls
                .get_or_init(|| tls_client(&self.trust))
                .http_connector(&self.settings, &self.components)
                .call(request),
        }
    }
}
