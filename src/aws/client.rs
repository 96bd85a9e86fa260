//! The one module that talks to AWS: configuration through aws-config, the
//! calls snowjob makes, and the sorting of their errors into exit codes.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::Region;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::config::timeout::TimeoutConfig;
use aws_sdk_snowball::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;
use aws_sdk_snowball::types::{Address, JobListEntry, JobMetadata};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_types::SdkConfig;

use aws_config::provider_config::ProviderConfig;
use aws_credential_types::provider::ProvideCredentials;
use aws_runtime::env_config::file::EnvConfigFiles;
use aws_sdk_snowball::config::{Credentials, SharedHttpClient};
use aws_types::os_shim_internal::{Env, Fs};

use crate::aws::config::{self, Overrides, Resolved, RetryMode};
use crate::aws::debug::DebugTrace;
use crate::aws::files;
use crate::failure::{Failure, Kind};

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
}

/// Where the boundary's words go, as whole lines: the command layer decides
/// (stderr, or nowhere when quiet or completing). The boundary prints nothing.
#[derive(Clone)]
pub struct Sink(std::sync::Arc<dyn Fn(&str) + Send + Sync>);

impl Sink {
    pub fn new(write: impl Fn(&str) + Send + Sync + 'static) -> Sink {
        Sink(std::sync::Arc::new(write))
    }

    /// Words said to nobody.
    pub fn nowhere() -> Sink {
        Sink::new(|_| {})
    }

    pub fn say(&self, text: &str) {
        (self.0)(text)
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

pub struct Snow {
    client: Client,
    region: String,
    /// The configured endpoint; `None`: the region's own.
    endpoint: Option<String>,
    profile: String,
    max_attempts: u32,
}

/// Sets the members an UpdateJob changes (all but JobId).
pub type SetMembers<'a> = dyn Fn(UpdateJobFluentBuilder) -> UpdateJobFluentBuilder + Sync + 'a;

/// What became of an UpdateJob.
#[derive(Debug)]
pub enum Sent {
    Applied,
    /// The service answered with an error: nothing was applied.
    Refused(Failure),
    /// The request may have reached the service, but no answer says what it did.
    Unknown(Failure),
}

/// Service error codes and what they mean for the user. Throttling and server
/// errors reach here only after the SDK's retries are spent.
const SERVICE_CODES: &[(&str, Kind)] = &[
    ("InvalidResourceException", Kind::NotFound),
    ("InvalidJobStateException", Kind::NotEditable),
    ("InvalidInputCombinationException", Kind::Invalid),
    ("ValidationException", Kind::Invalid),
    ("InvalidAddressException", Kind::Invalid),
    ("UnsupportedAddressException", Kind::Invalid),
    ("InvalidNextTokenException", Kind::Unexpected),
    ("AccessDeniedException", Kind::Config),
    ("AccessDenied", Kind::Config),
    ("UnrecognizedClientException", Kind::Config),
    ("InvalidSignatureException", Kind::Config),
    ("SignatureDoesNotMatch", Kind::Config),
    ("IncompleteSignature", Kind::Config),
    ("InvalidClientTokenId", Kind::Config),
    ("MissingAuthenticationTokenException", Kind::Config),
    ("ExpiredToken", Kind::Config),
    ("ExpiredTokenException", Kind::Config),
    ("KMSRequestFailedException", Kind::Config),
    ("Ec2RequestFailedException", Kind::Config),
    ("ThrottlingException", Kind::Unreachable),
    ("Throttling", Kind::Unreachable),
    ("TooManyRequestsException", Kind::Unreachable),
    ("RequestLimitExceeded", Kind::Unreachable),
    ("ServiceUnavailable", Kind::Unreachable),
    ("InternalFailure", Kind::Unreachable),
];

impl Snow {
    /// Loads the AWS configuration (profiles, environment, SSO, web identity,
    /// containers, instances) with the command line's overrides on top. Every
    /// setting is checked, and credentials are loaded once, before any request.
    pub async fn connect(settings: &Settings) -> Result<Snow, Failure> {
        let read = files::profile_files(&|name| std::env::var_os(name)).await?;
        let profiles = load_profiles(&read).await?;
        let files = files::as_contents(&read);
        // A value that is not UTF-8 is checked (and refused) as read, not
        // taken as unset, as aws-config would.
        let env = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let resolved = config::resolve(&settings.overrides, &env, &profiles)?;
        for warning in &resolved.warnings {
            settings.warnings.say(&format!("{warning}\n"));
        }
        for (named, path) in &resolved.token_files {
            files::check_small_file(std::path::Path::new(path), files::TOKEN_FILE_LIMIT).map_err(
                |why| {
                    Failure::new(
                        Kind::Config,
                        "InvalidConfiguration",
                        format!(
                            "the token file {} ({named}) {why}",
                            crate::text::quote(path)
                        ),
                    )
                },
            )?;
        }
        let http_client = match &resolved.ca_bundle {
            Some(path) => Some(https_client_trusting(path).await?),
            None => None,
        };
        let region = match &resolved.region {
            Some(r) => Region::new(r.clone()),
            // The command line, environment and profile were read above; what
            // is left is the instance's own region (an empty one is no region).
            None => aws_config::imds::region::ImdsRegionProvider::builder()
                .build()
                .region()
                .await
                .filter(|r| !r.as_ref().is_empty())
                .ok_or_else(|| {
                    Failure::new(
                        Kind::Config,
                        "NoRegion",
                        "no AWS region is configured: pass --region, set AWS_REGION, or set a region in your profile",
                    )
                })?,
        };
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
        if let Some(client) = http_client {
            loader = loader.http_client(client);
        }
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
                "[debug] region {region}; endpoint {}; profile {}; retry {:?}, {} attempts\n",
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
        })
    }

    /// Attempts per request, as configured (the SDK's retries included).
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    /// The endpoint configured instead of the region's, as given (it may
    /// hold a user:password).
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// The profile whose settings apply (`default` when none is named).
    pub fn profile(&self) -> &str {
        &self.profile
    }

    pub async fn describe_job(&self, job_id: &str) -> Result<JobMetadata, Failure> {
        let out = self
            .client
            .describe_job()
            .job_id(job_id)
            .send()
            .await
            .map_err(|e| classify(e, &format!("job {job_id}")))?;
        out.job_metadata.ok_or_else(|| {
            Failure::new(
                Kind::Unexpected,
                "EmptyReply",
                format!("DescribeJob returned no metadata for {job_id}"),
            )
        })
    }

    pub async fn describe_address(&self, address_id: &str) -> Result<Address, Failure> {
        let out = self
            .client
            .describe_address()
            .address_id(address_id)
            .send()
            .await
            .map_err(|e| classify(e, &format!("address {address_id}")))?;
        out.address.ok_or_else(|| {
            Failure::new(
                Kind::Unexpected,
                "EmptyReply",
                format!("DescribeAddress returned nothing for {address_id}"),
            )
        })
    }

    /// UpdateJob, with the SDK's retries off: a retry after a lost reply would
    /// hide that the first attempt may have applied. Retried here only when the
    /// service refused the attempt (throttling) or the request never left
    /// (no connection), up to the configured attempts, and never once
    /// `stopped` (a signal) has resolved: the attempt refused is then the last.
    pub async fn update_job(
        &self,
        job_id: &str,
        members: &SetMembers<'_>,
        stopped: impl std::future::Future<Output = ()>,
    ) -> Sent {
        let subject = format!("job {job_id}");
        let mut attempt = 1;
        tokio::pin!(stopped);
        loop {
            let result = members(self.client.update_job().job_id(job_id))
                .customize()
                .config_override(
                    aws_sdk_snowball::config::Builder::default()
                        .retry_config(RetryConfig::standard().with_max_attempts(1)),
                )
                .send()
                .await;
            let err = match result {
                Ok(_) => return Sent::Applied,
                Err(err) => err,
            };
            let fate = fate_of(&err);
            let failure = classify(err, &subject);
            match fate {
                Fate::NotApplied { retry } if retry && attempt < self.max_attempts => {
                    tokio::select! {
                        biased;
                        () = &mut stopped => return Sent::Refused(failure),
                        () = tokio::time::sleep(backoff(attempt)) => {}
                    }
                    attempt += 1;
                }
                Fate::NotApplied { .. } => return Sent::Refused(failure),
                Fate::Unknown => return Sent::Unknown(failure),
            }
        }
    }

    /// Every job, following NextToken to the end.
    pub async fn list_jobs(&self) -> Result<Vec<JobListEntry>, Failure> {
        let items = self.client.list_jobs().max_results(100).into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, "the job list"))
    }

    /// Every address of the account, following NextToken to the end.
    pub async fn describe_addresses(&self) -> Result<Vec<Address>, Failure> {
        let items = self
            .client
            .describe_addresses()
            .max_results(100)
            .into_paginator();
        let all: Result<Vec<_>, _> = items.items().send().collect().await;
        all.map_err(|e| classify(e, "the address list"))
    }
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
    Err(Failure::new(
        Kind::Config,
        "InvalidConfiguration",
        format!("{culprit} cannot be parsed {why}"),
    ))
}

/// The names of the profiles in the AWS config and credentials files.
pub async fn profile_names() -> Result<Vec<String>, Failure> {
    let read = files::profile_files(&|name| std::env::var_os(name)).await?;
    let mut names: Vec<String> = load_profiles(&read)
        .await?
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
    http_client: Option<SharedHttpClient>,
    files: EnvConfigFiles,
) -> impl ProvideCredentials + 'static {
    use aws_config::meta::credentials::CredentialsProviderChain;
    use aws_config::{ecs, imds, profile, web_identity_token};

    let mut conf = ProviderConfig::default().with_region(Some(region.clone()));
    if let Some(client) = http_client {
        conf = conf.with_http_client(client);
    }
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
        Failure::new(
            Kind::Config,
            "NoCredentials",
            "no AWS credentials provider is configured",
        )
    })?;
    let loaded = provider.provide_credentials().await;
    let credentials = loaded.map_err(|e| {
        Failure::new(
            Kind::Config,
            "NoCredentials",
            format!(
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
            return Err(Failure::new(
                Kind::Config,
                "InvalidCredentials",
                format!(
                    "the {what} of the AWS credentials loaded for profile {} {flaw}; check what issues them (credential_process, SSO, the credentials file); its value is not shown",
                    resolved.profile
                ),
            ));
        }
    }
    Ok(credentials)
}

/// An HTTPS client that trusts the certificates of a PEM bundle (a corporate
/// proxy's), as the AWS CLI does with AWS_CA_BUNDLE or `ca_bundle`.
async fn https_client_trusting(path: &str) -> Result<SharedHttpClient, Failure> {
    use aws_smithy_http_client::tls::{self, TlsContext, TrustStore};
    let refuse = |why: String| {
        Failure::new(
            Kind::Config,
            "InvalidConfiguration",
            format!("CA bundle {}: {why}", crate::text::quote(path)),
        )
    };
    let pem = files::read_bounded(std::path::Path::new(path), files::CA_BUNDLE_LIMIT)
        .await
        .map_err(|why| refuse(why.to_string()))?;
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(refuse("holds no PEM certificate".into()));
    }
    let context = TlsContext::builder()
        .with_trust_store(TrustStore::empty().with_pem_certificate(pem))
        .build()
        .map_err(|e| refuse(e.to_string()))?;
    Ok(aws_smithy_http_client::Builder::new()
        .tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ))
        .tls_context(context)
        .build_https())
}

enum Fate {
    NotApplied { retry: bool },
    Unknown,
}

/// Whether a failed UpdateJob attempt can have been applied. An error reply
/// (4xx) says it was not; no connection means it never left; anything else
/// (a lost or garbled reply, a timeout, a 5xx) leaves it open.
fn fate_of<E: ProvideErrorMetadata + std::error::Error + 'static>(
    err: &SdkError<E, HttpResponse>,
) -> Fate {
    match err {
        SdkError::ConstructionFailure(_) => Fate::NotApplied { retry: false },
        SdkError::ServiceError(service) => {
            let status = service.raw().status().as_u16();
            let code = service.err().code().unwrap_or_default();
            if (400..500).contains(&status) && !code.is_empty() {
                let throttled = SERVICE_CODES
                    .iter()
                    .any(|(c, k)| *c == code && *k == Kind::Unreachable);
                Fate::NotApplied { retry: throttled }
            } else {
                Fate::Unknown
            }
        }
        SdkError::DispatchFailure(_) if never_connected(err) => Fate::NotApplied { retry: true },
        _ => Fate::Unknown,
    }
}

/// The connection was never made, so the request never left this machine.
fn never_connected(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut current = Some(err);
    while let Some(e) = current {
        if e.downcast_ref::<hyper_util::client::legacy::Error>()
            .is_some_and(|e| e.is_connect())
        {
            return true;
        }
        current = e.source();
    }
    false
}

/// Exponential backoff with jitter, as the SDK's standard retry strategy.
pub fn backoff(attempt: u32) -> Duration {
    let cap = Duration::from_millis(100 * 2u64.pow(attempt.min(8))).min(Duration::from_secs(20));
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    cap.mul_f64(0.5 + f64::from(nanos % 1000) / 2000.0)
}

/// Sorts an SDK error into a failure; `subject` names what was asked for.
fn classify<E>(err: SdkError<E, HttpResponse>, subject: &str) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    sort(&err, subject).caused_by(err)
}

fn sort<E>(err: &SdkError<E, HttpResponse>, subject: &str) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let detail = DisplayErrorContext(err).to_string();
    let cause = root_cause(err);
    if let SdkError::ServiceError(service) = err {
        let e = service.err();
        let status = service.raw().status().as_u16();
        if e.code().is_none() && (200..300).contains(&status) {
            // A success status whose body the SDK could not read.
            return Failure::new(
                Kind::Unreachable,
                "BadReply",
                format!("{subject}: the service sent a reply that could not be read ({cause})"),
            );
        }
        let code = e.code().unwrap_or("Unknown").to_string();
        let message = e
            .message()
            .unwrap_or("no message")
            .trim_end_matches('.')
            .to_string();
        let kind = SERVICE_CODES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, k)| *k)
            .unwrap_or(match status {
                403 => Kind::Config,
                s if s >= 500 => Kind::Unreachable,
                _ => Kind::Unexpected,
            });
        let advice = match kind {
            Kind::Config => " Check your credentials, region and permissions.",
            Kind::Unreachable => {
                " The service kept failing after retries; try again later or raise --max-attempts."
            }
            _ => "",
        };
        return Failure::new(
            kind,
            code.clone(),
            format!("{subject}: {code}: {message}.{advice}"),
        );
    }
    if is_credentials_problem(&detail) {
        return Failure::new(
            Kind::Config,
            "NoCredentials",
            format!(
                "no AWS credentials were found for {subject}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, or log in with `aws sso login` ({cause})"
            ),
        );
    }
    match err {
        SdkError::TimeoutError(_) => Failure::new(
            Kind::Unreachable,
            "Timeout",
            format!(
                "{subject}: the service did not answer in time ({cause}); raise --read-timeout or try again"
            ),
        ),
        SdkError::DispatchFailure(_) => Failure::new(
            Kind::Unreachable,
            "Unreachable",
            format!(
                "{subject}: could not reach the Snowball endpoint ({cause}); check --endpoint-url, --region and the network"
            ),
        ),
        SdkError::ResponseError(_) => Failure::new(
            Kind::Unreachable,
            "BadReply",
            format!("{subject}: the service sent a reply that could not be read ({cause})"),
        ),
        _ => Failure::new(
            Kind::Unexpected,
            "Unexpected",
            format!("{subject}: {detail}"),
        ),
    }
}

/// The innermost error's message: what actually went wrong, without the layers.
fn root_cause(err: &dyn std::error::Error) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

fn is_credentials_problem(detail: &str) -> bool {
    const SIGNS: &[&str] = &[
        "no credentials",
        "credentials provider",
        "CredentialsNotLoaded",
        "failed to load credentials",
        "the credential provider was not enabled",
        "could not load credentials",
        "ProfileFile",
        "identity",
    ];
    SIGNS.iter().any(|s| detail.contains(s))
}
