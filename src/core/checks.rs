//! Local checks: arguments before any request, and a patch
//! against the job it will change, on the job as it would be after. Pure.

use aws_sdk_snowball::types::{
    JobMetadata, JobType, SnowballCapacity, SnowballType, TransferOption,
};

use crate::core::patch::Patch;
use snowball_model::{DecodeOptions, Wire, facts};

use crate::failure::{Code, Failure};

/// An enum value in the API's spelling, from any case with `-` for `_`
/// (`next-day` is `NEXT_DAY`, `no-preference` is `NoPreference`), on the
/// command line and in files alike. Separators must stand where the API has
/// them: `nextday` and `n-e-x-t-d-a-y` are not `NEXT_DAY`.
pub fn fold_enum<'a>(values: impl IntoIterator<Item = &'a str>, text: &str) -> Option<&'a str> {
    let typed = text.to_ascii_lowercase().replace('-', "_");
    values
        .into_iter()
        .find(|v| v.to_ascii_lowercase() == typed || words(v) == typed)
}

/// `NoPreference` as `no_preference`, `WithAWS` as `with_aws`.
fn words(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let starts_word = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(char::is_ascii_lowercase))
            });
        if starts_word {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The AWS partition a region belongs to.
pub fn partition(region: &str) -> &'static str {
    const PREFIXES: &[(&str, &str)] = &[
        ("cn-", "aws-cn"),
        ("us-gov-", "aws-us-gov"),
        ("us-isob-", "aws-iso-b"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
        ("us-isof-", "aws-iso-f"),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| region.starts_with(prefix))
        .map_or("aws", |(_, p)| p)
}

/// Key ranges are inclusive and sorted in UTF-8 byte order.
pub fn key_range_order(begin: Option<&str>, end: Option<&str>) -> Result<(), String> {
    match (begin, end) {
        (Some(b), Some(e)) if b.as_bytes() > e.as_bytes() => Err(format!(
            "the key range begins after it ends: '{b}' sorts after '{e}' in UTF-8 byte order"
        )),
        _ => Ok(()),
    }
}

/// `job JID…` or `cluster CID…`: how messages name the order.
fn job_label(job: &JobMetadata) -> String {
    match job.job_id() {
        Some(id) => format!("{} {id}", snowball_model::OrderKind::of(id).noun()),
        None => "the job".to_string(),
    }
}

/// Where the job's S3 resources hold `bucket_arn`, if they do. A bucket held
/// more than once cannot be changed or removed by naming it (which entry is
/// meant?): that is refused, naming the bucket and how many entries it has,
/// with `what` the edit refused ("change", "remove").
pub fn bucket_entry(
    job: &JobMetadata,
    bucket_arn: &str,
    what: &str,
) -> Result<Option<usize>, Failure> {
    let buckets = job
        .resources()
        .map(|r| r.s3_resources())
        .unwrap_or_default();
    let mut held = buckets
        .iter()
        .enumerate()
        .filter(|(_, r)| r.bucket_arn() == Some(bucket_arn))
        .map(|(i, _)| i);
    let Some(first) = held.next() else {
        return Ok(None);
    };
    let others = held.count();
    if others == 0 {
        return Ok(Some(first));
    }
    let (label, id) = (job_label(job), job.job_id().unwrap_or_default());
    Err(Failure::of(
        Code::AmbiguousBucket,
        format!(
            "{label}: {bucket_arn} is held in {} entries; which one to {what} is ambiguous, so nothing was sent. \
             Change such entries with `snowjob edit {id}` or `snowjob apply {id} --file PATCH`",
            others + 1
        ),
    ))
}

/// Whether `text` is a value of the model's string shape `shape` (its
/// pattern and lengths): the model is where an ID's form is written.
pub fn fits_shape(shape: &str, text: &str) -> bool {
    let value = Wire::from_json(serde_json::Value::String(text.to_string()));
    snowball_model::model()
        .decode(shape, &value, DecodeOptions::default())
        .is_ok()
}

/// The request as it would be sent, checked against the service model
/// (required members, types, enums, lengths, patterns, ranges): whatever the
/// model refuses never leaves this machine.
pub fn request_fits_model(shape: &str, request: &serde_json::Value) -> Result<(), Failure> {
    let job = request
        .get("JobId")
        .or_else(|| request.get("ClusterId"))
        .and_then(|j| j.as_str())
        .unwrap_or("the job");
    snowball_model::model()
        .decode(
            shape,
            &Wire::from_json(request.clone()),
            DecodeOptions {
                text_timestamps: true,
            },
        )
        .map(|_| ())
        .map_err(|e| {
            Failure::invalid(format!(
                "{} {job}: {e} (the service would refuse it, so it was not sent)",
                snowball_model::OrderKind::of(job).noun()
            ))
        })
}

/// A rule a patch must keep, checked on the job as it would be after it.
type Rule = fn(&JobMetadata, &Patch) -> Result<(), Failure>;

/// The rules the service enforces beyond its model, in the order they are
/// checked; the first one broken is reported.
const RULES: &[Rule] = &[
    capacity_fits_device,
    import_and_export_keep_a_bucket,
    new_buckets_fit_the_job,
    nfs_limit_fits_the_device,
];

/// Checks a (minimal) patch against the job it changes, on the job as it would
/// be after the update.
pub fn patch_fits_job(job: &JobMetadata, patch: &Patch) -> Result<(), Failure> {
    RULES.iter().try_for_each(|rule| rule(job, patch))
}

/// A capacity the job's device type comes in (`NoPreference` fits every type,
/// and a type not known here is not checked).
fn capacity_fits_device(job: &JobMetadata, patch: &Patch) -> Result<(), Failure> {
    if let (Some(device), Some(cap)) = (job.snowball_type(), &patch.snowball_capacity_preference)
        && *cap != SnowballCapacity::NoPreference
        && !facts::capacity_fits(device.as_str(), cap.as_str())
        && let Some(allowed) = facts::capacities(device.as_str())
    {
        return Err(Failure::invalid(format!(
            "{}: capacity {} is not available for device type {}; choose one of {}, NoPreference",
            job_label(job),
            cap.as_str(),
            device.as_str(),
            allowed.join(", ")
        )));
    }
    Ok(())
}

/// An IMPORT or EXPORT job keeps at least one bucket.
fn import_and_export_keep_a_bucket(job: &JobMetadata, patch: &Patch) -> Result<(), Failure> {
    if let Some(resources) = &patch.resources
        && resources.s3_resources().is_empty()
        && let Some(job_type) = job.job_type()
        && facts::NEEDS_A_BUCKET.contains(&job_type.as_str())
    {
        return Err(Failure::invalid(format!(
            "{}: an {} job needs at least one S3 bucket; this change would leave it none",
            job_label(job),
            job_type.as_str()
        )));
    }
    Ok(())
}

/// A bucket entry the patch adds or changes: a key range only on an EXPORT
/// job, in order; transfer options that fit the job type.
fn new_buckets_fit_the_job(job: &JobMetadata, patch: &Patch) -> Result<(), Failure> {
    let Some(resources) = &patch.resources else {
        return Ok(());
    };
    let id = job_label(job);
    let existing = job
        .resources()
        .map(|r| r.s3_resources())
        .unwrap_or_default();
    for (i, s3) in resources.s3_resources().iter().enumerate() {
        if existing.contains(s3) {
            continue;
        }
        let path = format!("Resources.S3Resources[{i}]");
        if let Some(range) = s3.key_range() {
            if job.job_type().map(JobType::as_str) != Some(facts::KEY_RANGE_JOB_TYPE) {
                return Err(Failure::invalid(format!(
                    "{id}: {path}.KeyRange: key ranges apply only to EXPORT jobs; this {} is {}",
                    snowball_model::OrderKind::of(&id).noun(),
                    job.job_type().map_or("of no type", |t| t.as_str())
                )));
            }
            key_range_order(range.begin_marker(), range.end_marker())
                .map_err(|e| Failure::invalid(format!("{id}: {path}.KeyRange: {e}")))?;
        }
        for target in s3.target_on_device_services() {
            check_transfer_option(&id, job.job_type(), target.transfer_option(), &path)?;
        }
    }
    Ok(())
}

/// The NFS limit is whole TB above 0 and fits the capacity: checked on the
/// job as it will be, whichever of the two members the patch changes.
fn nfs_limit_fits_the_device(job: &JobMetadata, patch: &Patch) -> Result<(), Failure> {
    let id = job_label(job);
    let capacity = patch
        .snowball_capacity_preference
        .as_ref()
        .or(job.snowball_capacity_preference());
    let services = patch
        .on_device_service_configuration
        .as_ref()
        .or(job.on_device_service_configuration());
    if (patch.on_device_service_configuration.is_some()
        || patch.snowball_capacity_preference.is_some())
        && let Some(nfs) = services.and_then(|c| c.nfs_on_device_service())
    {
        let limit = nfs.storage_limit();
        if patch.on_device_service_configuration.is_some() && limit <= 0 {
            return Err(Failure::invalid(format!(
                "{id}: the NFS storage limit must be a whole number of TB above 0, not {limit}"
            )));
        }
        if let Some(max) = facts::device_tb(
            job.snowball_type().map(SnowballType::as_str),
            capacity.map(SnowballCapacity::as_str),
        ) && i64::from(limit) > i64::from(max)
        {
            return Err(Failure::invalid(
                match &patch.snowball_capacity_preference {
                    Some(cap) if patch.on_device_service_configuration.is_none() => format!(
                        "{id}: capacity {} holds {max} TB, less than the job's NFS limit of {limit} TB; lower the limit first (snowjob set-nfs-limit)",
                        cap.as_str()
                    ),
                    _ => format!(
                        "{id}: an NFS limit of {limit} TB is above the device's capacity of {max} TB"
                    ),
                },
            ));
        }
    }
    Ok(())
}

/// The transfer option a job type implies; others are refused.
pub fn transfer_option_for(job_type: &JobType) -> Option<TransferOption> {
    facts::transfer_option_for(job_type.as_str()).map(TransferOption::from)
}

fn check_transfer_option(
    id: &str,
    job_type: Option<&JobType>,
    option: Option<&TransferOption>,
    path: &str,
) -> Result<(), Failure> {
    let (Some(job_type), Some(option)) = (job_type, option) else {
        return Ok(());
    };
    match transfer_option_for(job_type) {
        Some(expected) if expected != *option => Err(Failure::invalid(format!(
            "{id}: {path}: transfer option {} does not fit a {} job; use {}",
            option.as_str(),
            job_type.as_str(),
            expected.as_str()
        ))),
        _ => Ok(()),
    }
}

/// S3 bucket naming rules: 3–63 characters of lowercase letters, digits, `.`
/// and `-`, starting and ending with a letter or digit.
fn is_bucket_name(name: &str) -> bool {
    let edge_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    (3..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && edge_ok(name.chars().next())
        && edge_ok(name.chars().last())
        && !name.contains("..")
}

/// A bucket as the user gave it: an S3 bucket ARN, or a bare name (checked
/// against today's naming rules) that becomes one in the region's partition.
pub fn bucket_arn(given: &str, partition: &str) -> Result<String, String> {
    if let Some(rest) = given.strip_prefix("arn:") {
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        return match parts[..] {
            // Legacy buckets may have names today's rules refuse; an ARN is taken as given.
            [p, "s3", "", "", name]
                if p.starts_with("aws")
                    && !name.is_empty()
                    && !name.contains('/')
                    && given.len() <= 255 =>
            {
                Ok(given.to_string())
            }
            _ => Err(format!(
                "'{given}' is not an S3 bucket ARN: expected arn:{partition}:s3:::BUCKET"
            )),
        };
    }
    if is_bucket_name(given) {
        Ok(format!("arn:{partition}:s3:::{given}"))
    } else {
        Err(format!(
            "'{given}' is not a bucket name: 3-63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit (or give the bucket ARN)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::types::*;

    fn job(device: SnowballType, job_type: JobType, capacity: SnowballCapacity) -> JobMetadata {
        JobMetadata::builder()
            .job_id("JID123e4567-e89b-12d3-a456-426655440000")
            .snowball_type(device)
            .job_type(job_type)
            .snowball_capacity_preference(capacity)
            .build()
    }

    fn capacity(cap: SnowballCapacity) -> Patch {
        Patch {
            snowball_capacity_preference: Some(cap),
            ..Patch::default()
        }
    }

    #[test]
    fn enum_spellings_fold_only_case_and_dashes() {
        let speeds = ["SECOND_DAY", "NEXT_DAY"];
        for ok in ["next-day", "NEXT_DAY", "Next_Day", "next_day"] {
            assert_eq!(fold_enum(speeds, ok), Some("NEXT_DAY"), "{ok}");
        }
        for bad in [
            "nextday",
            "NEXTDAY",
            "n-e-x-t-d-a-y",
            "_NEXT_DAY_",
            "NEXT__DAY",
        ] {
            assert_eq!(fold_enum(speeds, bad), None, "{bad}");
        }
        let caps = ["T100", "NoPreference"];
        for ok in [
            "no-preference",
            "NoPreference",
            "nopreference",
            "NO_PREFERENCE",
        ] {
            assert_eq!(fold_enum(caps, ok), Some("NoPreference"), "{ok}");
        }
        assert_eq!(fold_enum(caps, "t100"), Some("T100"));
        assert_eq!(fold_enum(["WithAWS"], "with-aws"), Some("WithAWS"));
        assert_eq!(fold_enum(["T100"], "t-100"), None);
    }

    #[test]
    fn capacity_must_fit_the_device_type() {
        let edge = job(SnowballType::Edge, JobType::Import, SnowballCapacity::T100);
        assert!(patch_fits_job(&edge, &capacity(SnowballCapacity::T98)).is_ok());
        assert!(patch_fits_job(&edge, &capacity(SnowballCapacity::NoPreference)).is_ok());
        let err = patch_fits_job(&edge, &capacity(SnowballCapacity::T8)).unwrap_err();
        assert!(err.message.contains("T100, T98"), "{}", err.message);
        for (device, caps) in facts::DEVICE_CAPACITIES {
            let j = job(
                SnowballType::from(*device),
                JobType::Import,
                SnowballCapacity::NoPreference,
            );
            for cap in SnowballCapacity::values() {
                let ok = patch_fits_job(&j, &capacity(SnowballCapacity::from(*cap))).is_ok();
                assert_eq!(
                    ok,
                    *cap == "NoPreference" || caps.contains(cap),
                    "{device} {cap}"
                );
            }
        }
        // An unknown future device type is not blocked.
        let future = job(
            SnowballType::from("V4_FUTURE"),
            JobType::Import,
            SnowballCapacity::NoPreference,
        );
        assert!(patch_fits_job(&future, &capacity(SnowballCapacity::T8)).is_ok());
    }

    #[test]
    fn key_ranges_only_on_export_jobs_and_in_order() {
        let with_range = |b: &str, e: &str| Patch {
            resources: Some(
                JobResource::builder()
                    .s3_resources(
                        S3Resource::builder()
                            .bucket_arn("arn:aws:s3:::b")
                            .key_range(KeyRange::builder().begin_marker(b).end_marker(e).build())
                            .build(),
                    )
                    .build(),
            ),
            ..Patch::default()
        };
        let export = job(SnowballType::EdgeS, JobType::Export, SnowballCapacity::T98);
        let import = job(SnowballType::EdgeS, JobType::Import, SnowballCapacity::T98);
        assert!(patch_fits_job(&export, &with_range("a", "b")).is_ok());
        assert!(patch_fits_job(&export, &with_range("b", "a")).is_err());
        // "Z" (0x5a) sorts before "a" (0x61) in byte order.
        assert!(patch_fits_job(&export, &with_range("Z", "a")).is_ok());
        assert!(patch_fits_job(&import, &with_range("a", "b")).is_err());
    }

    #[test]
    fn nfs_limit_within_device_capacity() {
        let nfs = |limit: i32| Patch {
            on_device_service_configuration: Some(
                OnDeviceServiceConfiguration::builder()
                    .nfs_on_device_service(
                        NfsOnDeviceServiceConfiguration::builder()
                            .storage_limit(limit)
                            .build(),
                    )
                    .build(),
            ),
            ..Patch::default()
        };
        let j = job(SnowballType::V35C, JobType::Import, SnowballCapacity::T32);
        assert!(patch_fits_job(&j, &nfs(32)).is_ok());
        assert!(patch_fits_job(&j, &nfs(33)).is_err());
        assert!(patch_fits_job(&j, &nfs(0)).is_err());
        let no_pref = job(
            SnowballType::Edge,
            JobType::Import,
            SnowballCapacity::NoPreference,
        );
        assert!(patch_fits_job(&no_pref, &nfs(100)).is_ok());
        assert!(patch_fits_job(&no_pref, &nfs(101)).is_err());
        // A capacity change must respect the limit the job already has.
        let mut with_limit = no_pref.clone();
        with_limit.on_device_service_configuration = nfs(100).on_device_service_configuration;
        let err = patch_fits_job(&with_limit, &capacity(SnowballCapacity::T98)).unwrap_err();
        assert!(
            err.message.contains("NFS limit of 100 TB"),
            "{}",
            err.message
        );
        assert!(patch_fits_job(&with_limit, &capacity(SnowballCapacity::T100)).is_ok());
    }
}
