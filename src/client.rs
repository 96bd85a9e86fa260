//! The one module that talks to AWS: configuration through aws-config, the
//! calls snowjob makes, and the sorting of their errors into exit codes.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_sdk_snowball::Client;
use aws_sdk_snowball::config::Region;
use aws_sdk_snowball::config::retry::RetryConfig;
use aws_sdk_snowball::config::timeout::TimeoutConfig;
use aws_sdk_snowball::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_snowball::types::{Address, JobListEntry, JobMetadata};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use crate::debug::DebugTrace;
use crate::failure::{Failure, Kind};
use crate::patch::Patch;

/// How to reach the service; `None` leaves the choice to the AWS environment.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub max_attempts: Option<u32>,
    pub connect_timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    pub debug: bool,
}

pub struct Snow {
    client: Client,
    region: String,
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
    /// containers, instances) with the command line's overrides on top.
    pub async fn connect(settings: &Settings) -> Result<Snow, Failure> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest());
        if let Some(profile) = &settings.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(region) = &settings.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(url) = &settings.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let shared = loader.load().await;
        let region = shared.region().map(|r| r.to_string()).ok_or_else(|| {
            Failure::new(
                Kind::Config,
                "NoRegion",
                "no AWS region is configured: pass --region, set AWS_REGION, or set a region in your profile",
            )
        })?;
        let mut config = aws_sdk_snowball::config::Builder::from(&shared);
        if let Some(attempts) = settings.max_attempts {
            // Keep the retry mode the environment chose; only the count changes.
            let retry = shared
                .retry_config()
                .cloned()
                .unwrap_or_else(RetryConfig::standard);
            config = config.retry_config(retry.with_max_attempts(attempts));
        }
        if settings.connect_timeout.is_some() || settings.read_timeout.is_some() {
            let mut timeouts = shared
                .timeout_config()
                .cloned()
                .unwrap_or_else(TimeoutConfig::disabled)
                .to_builder();
            if let Some(t) = settings.connect_timeout {
                timeouts = timeouts.connect_timeout(t);
            }
            if let Some(t) = settings.read_timeout {
                timeouts = timeouts.read_timeout(t);
            }
            config = config.timeout_config(timeouts.build());
        }
        if settings.debug {
            eprintln!(
                "[debug] region {region}; endpoint {}; profile {}",
                settings
                    .endpoint_url
                    .as_deref()
                    .unwrap_or("(from the AWS environment)"),
                settings.profile.as_deref().unwrap_or("(default)")
            );
            config = config.interceptor(DebugTrace);
        }
        Ok(Snow {
            client: Client::from_conf(config.build()),
            region,
        })
    }

    pub fn region(&self) -> &str {
        &self.region
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

    pub async fn update_job(&self, job_id: &str, patch: &Patch) -> Result<(), Failure> {
        let p = patch.clone();
        self.client
            .update_job()
            .job_id(job_id)
            .set_role_arn(p.role_arn)
            .set_notification(p.notification)
            .set_resources(p.resources)
            .set_on_device_service_configuration(p.on_device_service_configuration)
            .set_address_id(p.address_id)
            .set_shipping_option(p.shipping_option)
            .set_description(p.description)
            .set_snowball_capacity_preference(p.snowball_capacity_preference)
            .set_forwarding_address_id(p.forwarding_address_id)
            .set_pickup_details(p.pickup_details)
            .send()
            .await
            .map_err(|e| classify(e, &format!("job {job_id}")))?;
        Ok(())
    }

    /// Every job, following NextToken to the end.
    pub async fn list_jobs(&self) -> Result<Vec<JobListEntry>, Failure> {
        let mut pages = self
            .client
            .list_jobs()
            .max_results(100)
            .into_paginator()
            .send();
        let mut jobs = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| classify(e, "the job list"))?;
            jobs.extend(page.job_list_entries.unwrap_or_default());
        }
        Ok(jobs)
    }
}

impl Snow {
    /// Every address of the account, following NextToken to the end.
    pub async fn describe_addresses(&self) -> Result<Vec<Address>, Failure> {
        let mut pages = self
            .client
            .describe_addresses()
            .max_results(100)
            .into_paginator()
            .send();
        let mut addresses = Vec::new();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| classify(e, "the address list"))?;
            addresses.extend(page.addresses.unwrap_or_default());
        }
        Ok(addresses)
    }
}

/// Sorts an SDK error into a failure; `subject` names what was asked for.
fn classify<E>(err: SdkError<E, HttpResponse>, subject: &str) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let detail = DisplayErrorContext(&err).to_string();
    let cause = root_cause(&err);
    if let SdkError::ServiceError(service) = &err {
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
    match &err {
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
