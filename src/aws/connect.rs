//! Connecting: the AWS configuration as botocore decides it (profiles,
//! environment, SSO, web identity, containers, instances) with the command
//! line's overrides on top, every setting checked and the credentials loaded
//! once, before any request.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::Region;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::config::timeout::TimeoutConfig;
use aws_sdk_snowball::config::{Credentials, SharedHttpClient};
use aws_smithy_http_client::tls::TlsContext;
use aws_types::SdkConfig;
use aws_types::os_shim_internal::{Env, Fs};

use crate::aws::client::Snow;
use crate::aws::config::{self, Overrides, Resolved, RetryMode};
use crate::aws::debug::DebugTrace;
use crate::aws::errors::root_cause;
use crate::aws::files;
use crate::aws::transport::{self, Trust};
use crate::failure::{Code, Failure, Warning};

/// How to reach the service: the command line's overrides of the AWS environment.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub overrides: Overrides,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    /// Where warnings about the configuration go.
    pub warnings: Sink,
    /// Where the `--debug` trace goes, when it is asked for.
    pub trace: Option<Sink>,
    /// Whether requests may go to the region and endpoint configured, asked
    /// before any credential is loaded (a plan made for another one is
    /// refused before a credential process, SSO or instance metadata runs).
    pub target_check: TargetCheck,
    /// The HTTP client every request goes through instead of the real
    /// transport ([`transport::client`]): the simulation's in-process
    /// service (`tests/sim`). `None`, as everywhere else: the network.
    pub http_client: Option<SharedHttpClient>,
}

/// A check of the configured region and endpoint (as configured, `None`:
/// the region's own); none by default.
#[derive(Clone, Default)]
pub struct TargetCheck(Option<std::sync::Arc<CheckTarget>>);

type CheckTarget = dyn Fn(&str, Option<&str>) -> Result<(), Failure> + Send + Sync;

impl TargetCheck {
    pub fn new(
        check: impl Fn(&str, Option<&str>) -> Result<(), Failure> + Send + Sync + 'static,
    ) -> TargetCheck {
        TargetCheck(Some(std::sync::Arc::new(check)))
    }

    fn check(&self, region: &str, endpoint: Option<&str>) -> Result<(), Failure> {
        self.0
            .as_ref()
            .map_or(Ok(()), |check| check(region, endpoint))
    }
}

impl std::fmt::Debug for TargetCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "TargetCheck"
        } else {
            "None"
        })
    }
}

/// Where the boundary's words go: the command layer decides (stderr, or
/// nowhere when quiet or completing). The boundary prints nothing. A trace is
/// said as lines (without a trailing newline), a warning with its code.
#[derive(Clone)]
pub struct Sink(std::sync::Arc<Say>);

/// What a sink does with a warning (its code) or a trace (`None`).
type Say = dyn Fn(Option<Warning>, &str) + Send + Sync;

impl Sink {
    pub fn new(write: impl Fn(Option<Warning>, &str) + Send + Sync + 'static) -> Sink {
        Sink(std::sync::Arc::new(write))
    }

    /// Words said to nobody.
    pub fn nowhere() -> Sink {
        Sink::new(|_, _| {})
    }

    pub fn say(&self, text: &str) {
        (self.0)(None, text)
    }

    pub fn warn(&self, code: Warning, text: &str) {
        (self.0)(Some(code), text)
    }
}

impl Default for Sink {
    fn default() -> Sink {
        Sink::nowhere()
    }
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sink")
    }
}

impl Snow {
    /// Loads the AWS configuration (profiles, environment, SSO, web identity,
    /// containers, instances) with the command line's overrides on top. Every
    /// setting is checked, and credentials are loaded once, before any request.
    pub async fn connect(settings: &Settings) -> Result<Snow, Failure> {
        let (read, profiles) = read_profiles().await?;
        let files = files::as_contents(read);
        // A value that is not UTF-8 is checked (and refused) as read, not
        // taken as unset, as aws-config would.
        let env = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let resolved = config::resolve(&settings.overrides, &env, profiles)?;
        for (code, warning) in &resolved.warnings {
            settings.warnings.warn(*code, warning);
        }
        for (named, path) in &resolved.token_files {
            files::check_small_file(std::path::Path::new(path), files::TOKEN_FILE_LIMIT).map_err(
                |why| {
                    Failure::of(
                        Code::InvalidConfiguration,
                        format!(
                            "the token file {} ({named}) {why}",
                            crate::text::quote(path)
                        ),
                    )
                },
            )?;
        }
        let patience = crate::aws::pace::patience(&env)?;
        // TLS is made on the first https:// request, not here: a bundle is
        // checked now, the system's roots are loaded only if needed.
        let http_client = match &settings.http_client {
            Some(given) => given.clone(),
            None => transport::client(match &resolved.ca_bundle {
                Some(path) => Trust::Bundle(tls_trusting(path).await?),
                None => Trust::System,
            }),
        };
        let region = match &resolved.region {
            Some(r) => Region::new(r.clone()),
            // The command line, environment and profile were read above; what
            // is left is the instance's own region (an empty one is no region).
            None => aws_config::imds::region::ImdsRegionProvider::builder()
                .configure(&ProviderConfig::default().with_http_client(http_client.clone()))
                .build()
                .region()
                .await
                .filter(|r| !r.as_ref().is_empty())
                .ok_or_else(|| {
                    Failure::of(Code::NoRegion, "no AWS region is configured: pass --region, set AWS_REGION, or set a region in your profile",
                    )
                })?,
        };
        settings
            .target_check
            .check(region.as_ref(), resolved.endpoint_url.as_deref())?;
        // aws-config is given the files' contents, so that neither the loader
        // nor the credential providers read them again. (Its instance-metadata
        // client does, to find its endpoint, when it is asked for a region or
        // credentials: they were checked above.)
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            .profile_files(files.clone())
            .profile_name(&resolved.profile)
            .region(region.clone())
            .retry_config(
                match resolved.retry_mode {
                    RetryMode::Adaptive => RetryConfig::adaptive(),
                    _ => RetryConfig::standard(),
                }
                .with_max_attempts(resolved.max_attempts),
            );
        let endpoint = resolved
            .endpoint_url
            .as_deref()
            .map(config::without_userinfo);
        if let Some(url) = &endpoint {
            loader = loader.endpoint_url(url);
        }
        if resolved.explicit_profile {
            loader = loader.credentials_provider(explicit_profile_chain(
                &resolved,
                &region,
                http_client.clone(),
                files,
            ));
        }
        loader = loader.http_client(http_client);
        if settings.connect_timeout.is_some() || settings.read_timeout.is_some() {
            let mut timeouts = TimeoutConfig::builder();
            if let Some(t) = settings.connect_timeout {
                timeouts = timeouts.connect_timeout(t);
            }
            if let Some(t) = settings.read_timeout {
                timeouts = timeouts.read_timeout(t);
            }
            loader = loader.timeout_config(timeouts.build());
        }
        let shared = loader.load().await;
        let credentials = load_credentials(&shared, &resolved).await?;
        let mut config = aws_sdk_snowball::config::Builder::from(&shared);
        config.set_credentials_provider(Some(SharedCredentialsProvider::new(credentials)));
        // The configured endpoint, checked above, wins over what the SDK would
        // read again from the environment.
        config.set_endpoint_url(endpoint.clone());
        config = config.interceptor(crate::aws::times::RoundTimes);
        if let Some(trace) = &settings.trace {
            trace.say(&format!(
                "region {region}; endpoint {}; profile {}; retry {:?}, {} attempts",
                endpoint
                    .as_deref()
                    .map_or("(the region's)".into(), config::redact_endpoint),
                resolved.profile,
                resolved.retry_mode,
                resolved.max_attempts,
            ));
            config = config.interceptor(DebugTrace(trace.clone()));
        }
        Ok(Snow {
            client: Client::from_conf(config.build()),
            region: region.to_string(),
            endpoint: resolved.endpoint_url,
            profile: resolved.profile,
            max_attempts: resolved.max_attempts,
            pace: std::sync::Arc::new(crate::aws::pace::Pace::new(patience)),
        })
    }
}

/// The config and credentials files, read and parsed once a run: the error
/// format is looked up in them before the command connects, and a FIFO
/// (`<(…)`) can be read only once. A failure is kept, and said by `connect`.
async fn read_profiles()
-> Result<&'static (Vec<files::ProfileFile>, aws_config::profile::ProfileSet), Failure> {
    type Read = Result<(Vec<files::ProfileFile>, aws_config::profile::ProfileSet), Failure>;
    static READ: tokio::sync::OnceCell<Read> = tokio::sync::OnceCell::const_new();
    READ.get_or_init(|| async {
        let read = files::profile_files(&|name| std::env::var_os(name)).await?;
        let profiles = load_profiles(&read).await?;
        Ok((read, profiles))
    })
    .await
    .as_ref()
    .map_err(Clone::clone)
}

/// A setting of snowjob's own, read as the AWS CLI reads its own: the
/// environment's `variable`, else `key` in the profile in use (`--profile`,
/// AWS_PROFILE, …). Set but not valid is exit 5 naming where; the files are
/// read only when the variable is not set, and files that cannot be read
/// are left for the command's connection to report.
pub async fn own_setting<T, E: std::fmt::Display>(
    profile_flag: Option<&str>,
    (variable, key): (&str, &str),
    what: &str,
    check: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, Failure> {
    let env = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
    let profiles = match env(variable) {
        Some(_) => None,
        None => read_profiles().await.ok().map(|(_, profiles)| profiles),
    };
    config::own_setting(profile_flag, &env, profiles, (variable, key), what, check)
}

/// The profiles of the AWS config and credentials files, read by
/// [`files::profile_files`] (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE
/// honoured), parsed as the AWS CLI parses them. A file that does not parse
/// is named, with the line.
async fn load_profiles(
    read: &[files::ProfileFile],
) -> Result<aws_config::profile::ProfileSet, Failure> {
    // Only contents are given: nothing is read from the file system here.
    let parse = |files: EnvConfigFiles| async move {
        let (fs, env) = (Fs::real(), Env::real());
        aws_config::profile::load(&fs, &env, &files, None).await
    };
    let err = match parse(files::as_contents(read)).await {
        Ok(profiles) => return Ok(profiles),
        Err(err) => err,
    };
    let mut culprit = "the AWS config or credentials file".to_string();
    for file in read {
        if parse(files::as_contents([file])).await.is_err() {
            culprit.clone_from(&file.label);
        }
    }
    // The parser names no file (it was given contents): "error parsing  on line 3:\n  why".
    let why = root_cause(&err);
    let why = why.trim_start_matches("error parsing").trim_start();
    let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
    Err(Failure::of(
        Code::InvalidConfiguration,
        format!("{culprit} cannot be parsed {why}"),
    ))
}

/// The names of the profiles in the AWS config and credentials files.
pub async fn profile_names() -> Result<Vec<String>, Failure> {
    let mut names: Vec<String> = read_profiles()
        .await?
        .1
        .profiles()
        .map(str::to_string)
        .collect();
    names.sort();
    Ok(names)
}

/// The credentials of an explicit `--profile`: the profile's even when
/// environment keys are set, then the sources that have no profile
/// (web identity, containers, instances), as the AWS CLI does.
fn explicit_profile_chain(
    resolved: &Resolved,
    region: &Region,
    http_client: SharedHttpClient,
    files: EnvConfigFiles,
) -> impl ProvideCredentials + 'static {
    use aws_config::meta::credentials::CredentialsProviderChain;
    use aws_config::{ecs, imds, profile, web_identity_token};

    let conf = ProviderConfig::default()
        .with_region(Some(region.clone()))
        .with_http_client(http_client);
    CredentialsProviderChain::first_try(
        "Profile",
        profile::ProfileFileCredentialsProvider::builder()
            .configure(&conf)
            .profile_files(files)
            .profile_name(&resolved.profile)
            .build(),
    )
    .or_else(
        "WebIdentityToken",
        web_identity_token::WebIdentityTokenCredentialsProvider::builder()
            .configure(&conf)
            .build(),
    )
    .or_else(
        "EcsContainer",
        ecs::EcsCredentialsProvider::builder()
            .configure(&conf)
            .build(),
    )
    .or_else(
        "Ec2InstanceMetadata",
        imds::credentials::ImdsCredentialsProvider::builder()
            .configure(&conf)
            .build(),
    )
}

/// Credentials from the chain the AWS CLI would use (aws-config's default
/// chain, or [`explicit_profile_chain`]), loaded now so that a failure is a
/// configuration problem (exit 5) before any request.
async fn load_credentials(shared: &SdkConfig, resolved: &Resolved) -> Result<Credentials, Failure> {
    let provider = shared.credentials_provider().ok_or_else(|| {
        Failure::of(
            Code::NoCredentials,
            "no AWS credentials provider is configured",
        )
    })?;
    let loaded = provider.provide_credentials().await;
    let credentials = loaded.map_err(|e| {
        Failure::of(Code::NoCredentials, format!(
                "no usable AWS credentials for profile {}: {}. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, or log in with `aws sso login`",
                resolved.profile,
                root_cause(&e)
            ),
        )
        .caused_by(e)
    })?;
    // Whatever issued them (credential_process, SSO, STS): a control
    // character would break the request's headers.
    for (what, value) in [
        ("access key ID", Some(credentials.access_key_id())),
        ("secret access key", Some(credentials.secret_access_key())),
        ("session token", credentials.session_token()),
    ] {
        if let Some(flaw) = value.and_then(config::credential_flaw) {
            return Err(Failure::of(
                Code::InvalidCredentials,
                format!(
                    "the {what} of the AWS credentials loaded for profile {} {flaw}; check what issues them (credential_process, SSO, the credentials file); its value is not shown",
                    resolved.profile
                ),
            ));
        }
    }
    Ok(credentials)
}

/// The TLS trust of a PEM bundle's certificates (a corporate proxy's), as
/// the AWS CLI trusts AWS_CA_BUNDLE or `ca_bundle`. Every certificate is
/// checked now, before any request.
async fn tls_trusting(path: &str) -> Result<TlsContext, Failure> {
    use aws_smithy_http_client::tls::TrustStore;
    use rustls_pki_types::CertificateDer;
    use rustls_pki_types::pem::PemObject;
    let refuse = |why: String| {
        Failure::of(
            Code::InvalidConfiguration,
            format!("CA bundle {}: {why}", crate::text::quote(path)),
        )
    };
    let pem = files::read_bounded(std::path::Path::new(path), files::CA_BUNDLE_LIMIT)
        .await
        .map_err(|why| refuse(why.to_string()))?;
    let certificates = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| refuse(format!("is not valid PEM ({e})")))?;
    if certificates.is_empty() {
        return Err(refuse("holds no PEM certificate".into()));
    }
    let mut roots = rustls::RootCertStore::empty();
    for (n, certificate) in certificates.into_iter().enumerate() {
        roots
            .add(certificate)
            .map_err(|e| refuse(format!("certificate {} cannot be used ({e})", n + 1)))?;
    }
    TlsContext::builder()
        .with_trust_store(TrustStore::empty().with_pem_certificate(pem))
        .build()
        .map_err(|e| refuse(e.to_string()))
}
