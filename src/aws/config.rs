//! Which profile, region, endpoint, retry policy and CA bundle a run uses, and
//! where each came from, decided as the AWS CLI (botocore) decides them. Every
//! value is checked here so that a bad one is named and refused before any
//! request, instead of reaching aws-config (which panics on some of them).
//! Pure: the environment and the profile files are passed in.

use aws_config::profile::ProfileSet;

use crate::failure::{Code, Failure, Warning};
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
    /// The token files aws-config may read for credentials, each with the
    /// variable or key that names it.
    pub token_files: Vec<(String, String)>,
    /// Said on stderr before the run (unless --quiet), each with its code.
    pub warnings: Vec<(Warning, String)>,
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
    fn place(self) -> (Code, String) {
        match self {
            Source::Flag(flag) => (Code::InvalidInput, flag.to_string()),
            Source::Env(var) => (Code::InvalidConfiguration, var.to_string()),
            Source::Profile(profile, key) => (
                Code::InvalidConfiguration,
                format!("{key} in profile {profile}"),
            ),
        }
    }

    /// `shown` is the value as a message may show it.
    fn refuse(self, what: &str, shown: &str, why: impl std::fmt::Display) -> Failure {
        let (code, place) = self.place();
        Failure::of(
            code,
            format!("{place}: {} is not a valid {what}: {why}", quote(shown)),
        )
    }

    /// A credential is never shown, not even in part: only what is wrong with it.
    fn refuse_credential(self, flaw: &str) -> Failure {
        let (_, place) = self.place();
        Failure::of(
            Code::InvalidCredentials,
            format!("{place} {flaw}; fix the credential where it is set (its value is not shown)"),
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

    let (profile, explicit_profile) = profile_in_use(flags.profile.as_deref(), env);
    let section = profiles.get_profile(&profile);
    if section.is_none() && profile != "default" {
        return Err(Failure::of(
            Code::ProfileNotFound,
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
        warnings.push((
            Warning::EnvironmentKeysOverProfile,
            format!(
                "both AWS_PROFILE ({}) and AWS_ACCESS_KEY_ID are set; the environment's keys are used, as in the AWS CLI (use --profile to use the profile's)",
                quote(&profile)
            ),
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
            // Empty counts as set, as an empty AWS_ENDPOINT_URL does: never
            // a silent fall back to the region's own endpoint.
            (
                section
                    .and_then(|p| p.get("endpoint_url"))
                    .map(|v| v.trim().to_string()),
                Source::Profile(&profile, "endpoint_url"),
            ),
        ]);
    }
    let endpoint_url = first_valid_shown(
        &endpoint_sources,
        "endpoint URL",
        check_endpoint,
        redact_endpoint,
    )?;

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

    check_credentials(env, profiles, &profile, explicit_profile)?;
    let mut token_files: Vec<(String, String)> = TOKEN_FILE_VARIABLES
        .iter()
        .filter_map(|var| set(var).map(|path| (var.to_string(), path)))
        .collect();
    for (name, section) in key_profiles(profiles, &profile) {
        if let Some(path) = section.get("web_identity_token_file").map(str::trim) {
            token_files.push((
                format!("web_identity_token_file in profile {name}"),
                path.to_string(),
            ));
        }
    }

    Ok(Resolved {
        profile,
        explicit_profile,
        region,
        endpoint_url,
        retry_mode,
        max_attempts,
        ca_bundle,
        token_files,
        warnings,
    })
}

/// The profile whose settings apply, and whether `--profile` named it:
/// `--profile`, else AWS_PROFILE, else AWS_DEFAULT_PROFILE, else `default`.
fn profile_in_use(flag: Option<&str>, env: EnvLookup<'_>) -> (String, bool) {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    match (flag, set("AWS_PROFILE")) {
        (Some(p), _) => (p.to_string(), true),
        (None, Some(p)) => (p, false),
        (None, None) => (
            set("AWS_DEFAULT_PROFILE").unwrap_or_else(|| "default".into()),
            false,
        ),
    }
}

/// A setting of snowjob's own, as the AWS CLI reads its own (the error
/// format): the `variable`, else `key` in the profile in use (`profiles`,
/// when they could be read). Only the source that decides is checked; set
/// but not valid is exit 5 naming the variable or the key, and `why`.
pub fn own_setting<T, E: std::fmt::Display>(
    profile_flag: Option<&str>,
    env: EnvLookup<'_>,
    profiles: Option<&ProfileSet>,
    (variable, key): (&str, &str),
    what: &str,
    check: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, Failure> {
    let (profile, _) = profile_in_use(profile_flag, env);
    let in_profile = profiles
        .and_then(|p| p.get_profile(&profile))
        .and_then(|section| section.get(key))
        .map(|v| v.trim().to_string());
    let sources = [
        (env(variable), Source::Env(variable)),
        (in_profile, Source::Profile(&profile, key)),
    ];
    first_valid(&sources, what, check)
}

/// The first source that is set decides; set but invalid is an error naming it.
/// An empty command-line value counts as set (the user typed it); an empty
/// variable counts as set too, as in botocore, except for the region.
fn first_valid<T, E: std::fmt::Display>(
    sources: &[(Option<String>, Source<'_>)],
    what: &str,
    check: impl Fn(&str) -> Result<T, E>,
) -> Result<Option<T>, Failure> {
    first_valid_shown(sources, what, check, str::to_string)
}

/// [`first_valid`], with the value shown in a refusal as `show` makes it.
fn first_valid_shown<T, E: std::fmt::Display>(
    sources: &[(Option<String>, Source<'_>)],
    what: &str,
    check: impl Fn(&str) -> Result<T, E>,
    show: fn(&str) -> String,
) -> Result<Option<T>, Failure> {
    for (value, source) in sources {
        let Some(value) = value else { continue };
        return check(value)
            .map(Some)
            .map_err(|why| source.refuse(what, &show(value), why));
    }
    Ok(None)
}

/// The credential variables of the environment, as aws-config reads them.
const CREDENTIAL_VARIABLES: &[&str] = &[
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
];

/// The credential keys of a profile.
const CREDENTIAL_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
];

/// Refuses the credentials that will be used when one holds a character no
/// credential has: the environment's keys (unless `--profile` takes the
/// profile's), else those of the profile and of the profiles it takes its
/// keys from (`source_profile`). Signing with them would fail, or put a line
/// break into a header.
fn check_credentials(
    env: EnvLookup<'_>,
    profiles: &ProfileSet,
    profile: &str,
    explicit_profile: bool,
) -> Result<(), Failure> {
    let set = |name: &str| env(name).filter(|v| !v.is_empty());
    if !explicit_profile {
        for var in CREDENTIAL_VARIABLES {
            if let Some(flaw) = set(var).as_deref().and_then(credential_flaw) {
                return Err(Source::Env(var).refuse_credential(&flaw));
            }
        }
        // aws-config takes the environment's keys when the key ID is set.
        if set("AWS_ACCESS_KEY_ID").is_some_and(|v| !v.trim().is_empty()) {
            return Ok(());
        }
    }
    for (name, section) in key_profiles(profiles, profile) {
        for key in CREDENTIAL_KEYS {
            if let Some(flaw) = section.get(key).and_then(credential_flaw) {
                return Err(Source::Profile(name, key).refuse_credential(&flaw));
            }
        }
    }
    Ok(())
}

/// Files aws-config reads for web identity and container credentials.
const TOKEN_FILE_VARIABLES: &[&str] = &[
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
];

/// The profile and those it takes its credentials from (`source_profile`),
/// in that order, each once.
fn key_profiles<'a>(
    profiles: &'a ProfileSet,
    profile: &'a str,
) -> Vec<(&'a str, &'a aws_config::profile::Profile)> {
    let mut chain: Vec<(&str, &aws_config::profile::Profile)> = Vec::new();
    let mut name = profile;
    while let Some(section) = profiles.get_profile(name) {
        chain.push((name, section));
        match section.get("source_profile").map(str::trim) {
            Some(next) if !chain.iter().any(|(n, _)| *n == next) => name = next,
            _ => break,
        }
    }
    chain
}

/// What no credential holds, described without showing the credential: a
/// control character (a secret saved with its trailing newline), whitespace,
/// or bytes that were not UTF-8 (read as U+FFFD). `None` if there is none.
pub fn credential_flaw(value: &str) -> Option<String> {
    let bad = |c: char| c.is_control() || c.is_whitespace() || c == char::REPLACEMENT_CHARACTER;
    let (at, c) = value.chars().enumerate().find(|(_, c)| bad(*c))?;
    let length = value.chars().count();
    let what = match c {
        '\n' | '\r' => "a line break",
        char::REPLACEMENT_CHARACTER => "bytes that are not UTF-8",
        c if c.is_control() => "a control character",
        _ => "whitespace",
    };
    let place = if at + 1 == length {
        "at the end".to_string()
    } else {
        format!("at character {} of {length}", at + 1)
    };
    Some(format!("holds {what} (U+{:04X}) {place}", u32::from(c)))
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

/// The URL as a message or a trace shows it: without a `user:password@`, and
/// with its query string and fragment, where credentials can hide (a
/// presigned token), replaced by `<redacted>`. Works on malformed URLs too.
pub fn redact_endpoint(url: &str) -> String {
    let (scheme, rest) = match url.split_once("://") {
        Some((scheme, rest)) => (format!("{scheme}://"), rest),
        None => (String::new(), url),
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(end);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    let (path, tail) = after.split_at(path_end);
    let mut shown = format!("{scheme}{host}{path}");
    if tail.starts_with('?') {
        shown.push_str("?<redacted>");
    }
    if tail.contains('#') {
        shown.push_str("#<redacted>");
    }
    shown
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
    use crate::failure::Kind;
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
    fn query_strings_fragments_and_passwords_are_redacted() {
        for (url, shown) in [
            (
                "http://user:pw@127.0.0.1:9/p?X-Amz-Security-Token=T#f",
                "http://127.0.0.1:9/p?<redacted>#<redacted>",
            ),
            ("https://h.example", "https://h.example"),
            ("https://h.example/?", "https://h.example/?<redacted>"),
            ("http://a b@c d/x?t=1", "http://c d/x?<redacted>"),
            ("user:pw@host:9?t=1", "host:9?<redacted>"),
            ("http://h#frag?x", "http://h#<redacted>"),
        ] {
            assert_eq!(redact_endpoint(url), shown, "{url}");
        }
        let err = resolve_with(
            Overrides::default(),
            &[("AWS_ENDPOINT_URL", "http://u:hunter2@x y/?t=SECRET")],
            "",
        )
        .unwrap_err();
        assert!(
            !err.message.contains("SECRET") && !err.message.contains("hunter2"),
            "{}",
            err.message
        );
    }

    #[test]
    fn credentials_with_control_characters_are_refused_unseen() {
        for (value, flaw) in [
            ("AKIA\n", Some("holds a line break (U+000A) at the end")),
            (
                "AK\u{1b}IA",
                Some("holds a control character (U+001B) at character 3 of 5"),
            ),
            (
                "AKIA\u{85}",
                Some("holds a control character (U+0085) at the end"),
            ),
            (
                "AK IA",
                Some("holds whitespace (U+0020) at character 3 of 5"),
            ),
            (
                "AK\u{fffd}",
                Some("holds bytes that are not UTF-8 (U+FFFD) at the end"),
            ),
            ("AKIAIOSFODNN7EXAMPLE", None),
        ] {
            assert_eq!(credential_flaw(value).as_deref(), flaw, "{value:?}");
        }
        let err = resolve_with(
            Overrides::default(),
            &[("AWS_SESSION_TOKEN", "FQoGSECRET\n")],
            "",
        )
        .unwrap_err();
        assert_eq!(err.kind, Kind::Config);
        assert!(
            err.message
                .starts_with("AWS_SESSION_TOKEN holds a line break")
                && !err.message.contains("FQoG"),
            "{}",
            err.message
        );
        // A profile's keys, and those of the profile it takes its keys from.
        let config = "[profile ops]\nsource_profile = base\nrole_arn = arn:aws:iam::1:role/r\n[profile base]\naws_secret_access_key = S\u{7f}X\n";
        let err = resolve_with(
            Overrides {
                profile: Some("ops".into()),
                ..Overrides::default()
            },
            &[("AWS_ACCESS_KEY_ID", "AKIA\n")],
            config,
        )
        .unwrap_err();
        assert!(
            err.message
                .starts_with("aws_secret_access_key in profile base holds a control character"),
            "{}",
            err.message
        );
        // The environment's keys win without --profile: the profile's are not used.
        assert!(
            resolve_with(
                Overrides::default(),
                &[("AWS_PROFILE", "ops"), ("AWS_ACCESS_KEY_ID", "AKIA")],
                config
            )
            .is_ok()
        );
        // A loop of source profiles ends.
        let looped = "[profile a]\nsource_profile = b\n[profile b]\nsource_profile = a\n";
        assert!(
            resolve_with(
                Overrides {
                    profile: Some("a".into()),
                    ..Overrides::default()
                },
                &[],
                looped
            )
            .is_ok()
        );
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
