//! Which profile, region, endpoint, retry policy and CA bundle a run uses, and
//! where each came from, decided as the AWS CLI (botocore) decides them. Every
//! value is checked here so that a bad one is named and refused before any
//! request, instead of reaching aws-config (which panics on some of them).
//! Pure: the environment and the profile files are passed in.

use aws_config::profile::ProfileSet;

use crate::failure::{Failure, Kind};
use crate::text::quote;

/// What the command line asked for; `None` leaves it to the environment.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub max_attempts: Option<u32>,
}

/// Region names `--region` completes: the public AWS regions, China and
/// GovCloud. Any other name is still accepted.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ca-central-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-north-1",
    "eu-south-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryMode {
    Standard,
    Adaptive,
    /// The AWS CLI's default before v2: standard retries with 5 attempts.
    Legacy,
}

impl RetryMode {
    fn parse(text: &str) -> Option<RetryMode> {
        match text {
            "standard" => Some(RetryMode::Standard),
            "adaptive" => Some(RetryMode::Adaptive),
            "legacy" => Some(RetryMode::Legacy),
            _ => None,
        }
    }

    fn default_attempts(self) -> u32 {
        match self {
            RetryMode::Legacy => 5,
            _ => 3,
        }
    }
}

/// The configuration a run uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The profile whose settings apply (`default` when none is named).
    pub profile: String,
    /// `--profile` was given: its credentials win over environment keys.
    pub explicit_profile: bool,
    /// `None`: left to aws-config's remaining sources (instance metadata).
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
    pub retry_mode: RetryMode,
    pub max_attempts: u32,
    /// A PEM file of certificates to trust instead of the system's.
    pub ca_bundle: Option<String>,
    /// Said on stderr before the run (unless --quiet).
    pub warnings: Vec<String>,
}

/// Where a value came from, for messages and for the exit code: a bad value
/// typed on the command line is exit 2, one from the environment or a profile 5.
#[derive(Clone, Copy)]
enum Source<'a> {
    Flag(&'a str),
    Env(&'a str),
    Profile(&'a str, &'a str),
}

impl Source<'_> {
    fn refuse(self, what: &str, value: &str, why: &str) -> Failure {
        let (kind, code, place) = match self {
            Source::Flag(flag) => (Kind::Invalid, "InvalidInput", flag.to_string()),
            Source::Env(var) => (Kind::Config, "InvalidConfiguration", var.to_string()),
            Source::Profile(profile, key) => (
                Kind::Config,
                "InvalidConfiguration",
                format!("{key} in profile {profile}"),
            ),
        };
        Failure::new(
            kind,
            code,
            format!("{place}: {} is not a valid {what}: {why}", quote(value)),
        )
    }
}

/// Reads one variable of the environment.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Decides the configuration from the command line, the environment and the
/// profile files, refusing any value that is set but not valid.
pub fn resolve(
    flags: &Overrides,
    env: EnvLookup<'_>,
    profiles: &ProfileSet,
) -> Result<Resolved, Failure> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    let mut warnings = Vec::new();

    let (profile, explicit_profile) = match (&flags.profile, set("AWS_PROFILE")) {
        (Some(p), _) => (p.clone(), true),
        (None, Some(p)) => (p, false),
        (None, None) => (
            set("AWS_DEFAULT_PROFILE").unwrap_or_else(|| "default".into()),
            false,
        ),
    };
    let section = profiles.get_profile(&profile);
    if section.is_none() && profile != "default" {
        return Err(Failure::new(
            Kind::Config,
            "ProfileNotFound",
            format!(
                "the config profile {} could not be found in the AWS config or credentials file",
                quote(&profile)
            ),
        ));
    }
    let key = |name: &str| {
        section
            .and_then(|p| p.get(name))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    if !explicit_profile && set("AWS_PROFILE").is_some() && set("AWS_ACCESS_KEY_ID").is_some() {
        warnings.push(format!(
            "warning: both AWS_PROFILE ({}) and AWS_ACCESS_KEY_ID are set; the environment's keys are used, as in the AWS CLI (use --profile to use the profile's)",
            quote(&profile)
        ));
    }

    // Region: --region, AWS_REGION, AWS_DEFAULT_REGION, the profile.
    let region_sources = [
        (flags.region.clone(), Source::Flag("--region")),
        (set("AWS_REGION"), Source::Env("AWS_REGION")),
        (set("AWS_DEFAULT_REGION"), Source::Env("AWS_DEFAULT_REGION")),
        (
            key("region").map(str::to_string),
            Source::Profile(&profile, "region"),
        ),
    ];
    let region = first_valid(&region_sources, "region", check_region)?;

    // Endpoint: --endpoint-url, then the configured ones unless ignored.
    let ignore_configured = set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .or_else(|| key("ignore_configured_endpoint_urls").map(str::to_string))
        .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let mut endpoint_sources = vec![(flags.endpoint_url.clone(), Source::Flag("--endpoint-url"))];
    if !ignore_configured {
        endpoint_sources.extend([
            (
                env("AWS_ENDPOINT_URL_SNOWBALL"),
                Source::Env("AWS_ENDPOINT_URL_SNOWBALL"),
            ),
            (env("AWS_ENDPOINT_URL"), Source::Env("AWS_ENDPOINT_URL")),
            (
                key("endpoint_url").map(str::to_string),
                Source::Profile(&profile, "endpoint_url"),
            ),
        ]);
    }
    let endpoint_url = first_valid(&endpoint_sources, "endpoint URL", check_endpoint)?;

    // Retries: the mode, then the attempts (the flag, the environment, the profile, the mode's default).
    let mode_sources = [
        (env("AWS_RETRY_MODE"), Source::Env("AWS_RETRY_MODE")),
        (
            key("retry_mode").map(str::to_string),
            Source::Profile(&profile, "retry_mode"),
        ),
    ];
    let retry_mode = first_valid(&mode_sources, "retry mode", |v| {
        RetryMode::parse(v).ok_or("use standard, adaptive or legacy")
    })?
    .unwrap_or(RetryMode::Standard);
    let attempt_sources = [
        (env("AWS_MAX_ATTEMPTS"), Source::Env("AWS_MAX_ATTEMPTS")),
        (
            key("max_attempts").map(str::to_string),
            Source::Profile(&profile, "max_attempts"),
        ),
    ];
    let configured_attempts = first_valid(&attempt_sources, "number of attempts", |v| {
        v.parse::<u32>()
            .ok()
            .filter(|n| (1..=100).contains(n))
            .ok_or("use a whole number from 1 to 100")
    })?;
    let max_attempts = flags
        .max_attempts
        .or(configured_attempts)
        .unwrap_or(retry_mode.default_attempts());

    let ca_sources = [
        (env("AWS_CA_BUNDLE"), Source::Env("AWS_CA_BUNDLE")),
        (
            key("ca_bundle").map(str::to_string),
            Source::Profile(&profile, "ca_bundle"),
        ),
    ];
    let ca_bundle = first_valid(&ca_sources, "CA bundle path", |v| {
        Ok::<_, &str>(v.to_string())
    })?;

    Ok(Resolved {
        profile,
        explicit_profile,
        region,
        endpoint_url,
        retry_mode,
        max_attempts,
        ca_bundle,
        warnings,
    })
}

/// The first source that is set decides; set but invalid is an error naming it.
/// An empty command-line value counts as set (the user typed it); an empty
/// variable counts as set too, as in botocore, except for the region.
fn first_valid<T>(
    sources: &[(Option<String>, Source<'_>)],
    what: &str,
    check: impl Fn(&str) -> Result<T, &'static str>,
) -> Result<Option<T>, Failure> {
    for (value, source) in sources {
        let Some(value) = value else { continue };
        return check(value)
            .map(Some)
            .map_err(|why| source.refuse(what, value, why));
    }
    Ok(None)
}

/// A region name as botocore accepts it: one DNS label.
fn check_region(region: &str) -> Result<String, &'static str> {
    let ok = (1..=63).contains(&region.len())
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !region.starts_with('-')
        && !region.ends_with('-');
    if ok {
        Ok(region.to_string())
    } else {
        Err("a region is letters, digits and '-', like us-east-1")
    }
}

/// The URL without a `user:password@`: SigV4 signs the host alone, and a
/// password must never reach a trace or a log.
pub fn without_userinfo(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..end].rsplit_once('@') {
        Some((_, host)) => format!("{scheme}://{host}{}", &rest[end..]),
        None => url.to_string(),
    }
}

/// An absolute http(s) URL with a host.
pub fn check_endpoint(url: &str) -> Result<String, &'static str> {
    const WHY: &str = "expected an http:// or https:// URL with a host, like https://snowball.us-east-1.amazonaws.com";
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WHY);
    }
    let uri: http::Uri = url.parse().map_err(|_| WHY)?;
    match (uri.scheme_str(), uri.host()) {
        (Some("http" | "https"), Some(host)) if !host.is_empty() => Ok(url.to_string()),
        _ => Err(WHY),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn profiles(text: &str) -> ProfileSet {
        use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
        use aws_types::os_shim_internal::{Env, Fs};
        let fs = Fs::from_slice(&[("/config", text)]);
        let files = EnvConfigFiles::builder()
            .with_file(EnvConfigFileKind::Config, "/config")
            .build();
        let env = Env::from_slice(&[]);
        futures::executor::block_on(aws_config::profile::load(&fs, &env, &files, None)).unwrap()
    }

    fn resolve_with(
        flags: Overrides,
        vars: &[(&str, &str)],
        config: &str,
    ) -> Result<Resolved, Failure> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        resolve(&flags, &|k| vars.get(k).cloned(), &profiles(config))
    }

    #[test]
    fn command_line_beats_environment_beats_profile() {
        let config = "[profile ops]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:1\nmax_attempts = 4\n";
        let r = resolve_with(Overrides::default(), &[("AWS_PROFILE", "ops")], config).unwrap();
        assert_eq!(r.region.as_deref(), Some("eu-west-1"));
        assert_eq!(r.endpoint_url.as_deref(), Some("http://127.0.0.1:1"));
        assert_eq!(r.max_attempts, 4);
        assert!(!r.explicit_profile);
        let r = resolve_with(
            Overrides {
                profile: Some("ops".into()),
                region: Some("cn-north-1".into()),
                max_attempts: Some(2),
                ..Overrides::default()
            },
            &[("AWS_REGION", "us-west-2"), ("AWS_MAX_ATTEMPTS", "7")],
            config,
        )
        .unwrap();
        assert_eq!(r.region.as_deref(), Some("cn-north-1"));
        assert_eq!(r.max_attempts, 2);
        assert!(r.explicit_profile);
    }

    #[test]
    fn bad_values_name_their_source_and_pick_the_exit_code() {
        type Case<'a> = (&'a [(&'a str, &'a str)], Overrides, &'a str, Kind);
        let cases: &[Case] = &[
            (
                &[("AWS_MAX_ATTEMPTS", "abc")],
                Overrides::default(),
                "AWS_MAX_ATTEMPTS",
                Kind::Config,
            ),
            (
                &[("AWS_MAX_ATTEMPTS", "0")],
                Overrides::default(),
                "AWS_MAX_ATTEMPTS",
                Kind::Config,
            ),
            (
                &[("AWS_RETRY_MODE", "fast")],
                Overrides::default(),
                "AWS_RETRY_MODE",
                Kind::Config,
            ),
            (
                &[("AWS_ENDPOINT_URL", "")],
                Overrides::default(),
                "AWS_ENDPOINT_URL",
                Kind::Config,
            ),
            (
                &[("AWS_ENDPOINT_URL_SNOWBALL", "ftp://x")],
                Overrides::default(),
                "AWS_ENDPOINT_URL_SNOWBALL",
                Kind::Config,
            ),
            (
                &[("AWS_REGION", "us east")],
                Overrides::default(),
                "AWS_REGION",
                Kind::Config,
            ),
            (
                &[],
                Overrides {
                    endpoint_url: Some(String::new()),
                    ..Overrides::default()
                },
                "--endpoint-url",
                Kind::Invalid,
            ),
            (
                &[],
                Overrides {
                    region: Some(String::new()),
                    ..Overrides::default()
                },
                "--region",
                Kind::Invalid,
            ),
            (
                &[],
                Overrides {
                    profile: Some("nope".into()),
                    ..Overrides::default()
                },
                "nope",
                Kind::Config,
            ),
            (
                &[("AWS_PROFILE", "nope")],
                Overrides::default(),
                "nope",
                Kind::Config,
            ),
        ];
        for (vars, flags, named, kind) in cases {
            let err = resolve_with(flags.clone(), vars, "").unwrap_err();
            assert_eq!(err.kind, *kind, "{vars:?} {flags:?}");
            assert!(err.message.contains(named), "{}", err.message);
        }
        let err =
            resolve_with(Overrides::default(), &[], "[default]\nretry_mode = turbo\n").unwrap_err();
        assert!(
            err.message.contains("retry_mode in profile default"),
            "{}",
            err.message
        );
    }

    #[test]
    fn legacy_retry_mode_means_five_attempts() {
        let r = resolve_with(Overrides::default(), &[("AWS_RETRY_MODE", "legacy")], "").unwrap();
        assert_eq!((r.retry_mode, r.max_attempts), (RetryMode::Legacy, 5));
        let r = resolve_with(
            Overrides::default(),
            &[],
            "[default]\nretry_mode = legacy\n",
        )
        .unwrap();
        assert_eq!(r.max_attempts, 5);
        let r = resolve_with(Overrides::default(), &[], "").unwrap();
        assert_eq!((r.retry_mode, r.max_attempts), (RetryMode::Standard, 3));
    }

    #[test]
    fn ignored_endpoint_urls_and_env_profile_warning() {
        let r = resolve_with(
            Overrides::default(),
            &[
                ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ],
            "",
        )
        .unwrap();
        assert_eq!(r.endpoint_url, None);
        let r = resolve_with(
            Overrides::default(),
            &[("AWS_PROFILE", "ops"), ("AWS_ACCESS_KEY_ID", "AKIA")],
            "[profile ops]\nregion = us-east-1\n",
        )
        .unwrap();
        assert_eq!(r.warnings.len(), 1);
    }

    #[test]
    fn userinfo_never_leaves_the_url() {
        assert_eq!(
            without_userinfo("http://user:hunter2@127.0.0.1:9/p?q=a@b"),
            "http://127.0.0.1:9/p?q=a@b"
        );
        assert_eq!(
            without_userinfo("https://h.example/x"),
            "https://h.example/x"
        );
    }
}
