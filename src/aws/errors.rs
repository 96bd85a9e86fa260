//! Sorting what the service (or the way to it) answered: each SDK error
//! becomes a failure with an exit code, and a failed UpdateJob attempt is
//! judged applied, not applied, or unknown.

use std::time::Duration;

use aws_sdk_snowball::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;

use crate::failure::{Code, Failure, Kind};

/// Service error codes and what they mean for the user. Server errors reach
/// here only after the SDK's retries are spent, throttling only when the pace
/// gave up ([`crate::aws::pace`]); every throttling code
/// ([`is_throttling`]) is `Unreachable`.
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
    ("ServiceUnavailable", Kind::Unreachable),
    ("InternalFailure", Kind::Unreachable),
];

/// Whether a service error code refuses a request for throttling: the codes
/// the AWS SDKs (and botocore) treat as throttling.
pub fn is_throttling(code: &str) -> bool {
    aws_runtime::retries::classifiers::THROTTLING_ERRORS.contains(&code)
}

pub enum Fate {
    NotApplied { retry: bool },
    Unknown,
}

/// Whether a failed UpdateJob attempt can have been applied. An error reply
/// (4xx, or throttling whatever its status) says it was not; no connection
/// means it never left; anything else (a lost or garbled reply, a timeout, a
/// 5xx) leaves it open. Only throttling and no connection are worth sending
/// again.
pub fn fate_of<E: ProvideErrorMetadata + std::error::Error + 'static>(
    err: &SdkError<E, HttpResponse>,
) -> Fate {
    match err {
        SdkError::ConstructionFailure(_) => Fate::NotApplied { retry: false },
        SdkError::ServiceError(service) => {
            let status = service.raw().status().as_u16();
            let code = service.err().code().unwrap_or_default();
            if is_throttling(code) {
                Fate::NotApplied { retry: true }
            } else if (400..500).contains(&status) && !code.is_empty() {
                Fate::NotApplied { retry: false }
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

/// Exponential backoff with jitter, as the SDK's standard retry strategy,
/// the jitter drawn as the SDK draws its own (fastrand's generator of the
/// thread): a simulation that seeds it replays every wait.
pub fn backoff(attempt: u32) -> Duration {
    let cap = Duration::from_millis(100 * 2u64.pow(attempt.min(8))).min(Duration::from_secs(20));
    cap.mul_f64(0.5 + fastrand::f64() / 2.0)
}

/// Sorts an SDK error into a failure; `subject` names what was asked for.
pub fn classify<E>(err: SdkError<E, HttpResponse>, subject: &str) -> Failure
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
            return Failure::of(
                Code::BadReply,
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
            .or(is_throttling(&code).then_some(Kind::Unreachable))
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
        return Failure::of(
            Code::NoCredentials,
            format!(
                "no AWS credentials were found for {subject}: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, use --profile, or log in with `aws sso login` ({cause})"
            ),
        );
    }
    match err {
        SdkError::TimeoutError(_) => Failure::of(
            Code::Timeout,
            format!(
                "{subject}: the service did not answer in time ({cause}); raise --read-timeout or try again"
            ),
        ),
        SdkError::DispatchFailure(_) => Failure::of(
            Code::Unreachable,
            format!(
                "{subject}: could not reach the Snowball endpoint ({cause}); check --endpoint-url, --region and the network"
            ),
        ),
        SdkError::ResponseError(_) => Failure::of(
            Code::BadReply,
            format!("{subject}: the service sent a reply that could not be read ({cause})"),
        ),
        _ => Failure::of(Code::Unexpected, format!("{subject}: {detail}")),
    }
}

/// The innermost error's message: what actually went wrong, without the layers.
pub fn root_cause(err: &dyn std::error::Error) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::error::ErrorMetadata;
    use aws_sdk_snowball::operation::describe_job::DescribeJobError;
    use aws_smithy_runtime_api::client::result::ConnectorError;
    use aws_smithy_types::body::SdkBody;

    type Err = SdkError<DescribeJobError, HttpResponse>;

    fn service(status: u16, code: &str) -> Err {
        let meta = ErrorMetadata::builder()
            .code(code)
            .message("said so.")
            .build();
        let raw = HttpResponse::new(status.try_into().unwrap(), SdkBody::empty());
        SdkError::service_error(DescribeJobError::generic(meta), raw)
    }

    #[test]
    fn service_codes_give_their_exit_codes() {
        for (status, code, exit) in [
            (400, "InvalidResourceException", 4),
            (400, "InvalidJobStateException", 3),
            (400, "ValidationException", 2),
            (403, "AccessDeniedException", 5),
            (400, "ThrottlingException", 6),
            (400, "RequestLimitExceeded", 6),
            (429, "TooManyRequestsException", 6),
            (400, "PriorRequestNotComplete", 6),
            (403, "SomethingNew", 5),
            (503, "SomethingNew", 6),
            (400, "SomethingNew", 1),
        ] {
            let failure = classify(service(status, code), "job J");
            assert_eq!((failure.code.as_str(), failure.exit_code()), (code, exit));
            assert!(
                failure.message.starts_with("job J: "),
                "{}",
                failure.message
            );
            assert!(!failure.message.contains(".."), "{}", failure.message);
        }
    }

    #[test]
    fn transport_failures_are_sorted_by_what_happened() {
        let timeout: Err = SdkError::timeout_error("too slow");
        assert!(classify(timeout, "job J").is(Code::Timeout));
        let dispatch: Err = SdkError::dispatch_failure(ConnectorError::io("refused".into()));
        assert!(classify(dispatch, "job J").is(Code::Unreachable));
        let creds: Err = SdkError::construction_failure("no credentials in the chain");
        assert!(classify(creds, "job J").is(Code::NoCredentials));
    }

    #[test]
    fn only_an_error_reply_says_an_update_was_not_applied() {
        let not_applied = |e: &Err| matches!(fate_of(e), Fate::NotApplied { .. });
        let retried = |e: &Err| matches!(fate_of(e), Fate::NotApplied { retry: true });
        assert!(not_applied(&service(400, "ValidationException")));
        assert!(!retried(&service(400, "ValidationException")));
        assert!(retried(&service(400, "ThrottlingException")));
        assert!(retried(&service(503, "SlowDown")));
        assert!(!retried(&service(503, "ServiceUnavailable")));
        // A 5xx or a lost reply leaves it open.
        assert!(!not_applied(&service(500, "InternalFailure")));
        assert!(!not_applied(&SdkError::timeout_error("lost")));
    }
}
