//! What the service enforces beyond its model: which capacities each device
//! type takes, which transfer option fits which job type, and where each
//! UpdateJob member shows up again in DescribeJob's JobMetadata, and how long
//! an order stays editable.

/// How long an order usually stays editable after it is created (a job New):
/// "the first hour", as the service documents it. snowjob's estimate of the
/// window left and snowball-local's default window both come from here.
pub const EDIT_WINDOW: std::time::Duration = std::time::Duration::from_secs(60 * 60);

/// Capacities each device type can have (from the CreateJob API reference);
/// V3_5S and V3_5C are the devices sold today. `NoPreference` is valid for
/// every type, and a type missing here (a future one) is not checked.
pub const DEVICE_CAPACITIES: &[(&str, &[&str])] = &[
    ("V3_5S", &["T240"]),
    ("V3_5C", &["T32"]),
    ("RACK_5U_C", &["T13"]),
    ("EDGE", &["T100", "T98"]),
    ("EDGE_C", &["T42"]),
    ("EDGE_CG", &["T42"]),
    ("EDGE_S", &["T98"]),
    ("STANDARD", &["T50", "T80"]),
    ("SNC1_HDD", &["T8"]),
    ("SNC1_SSD", &["T14"]),
];

pub const NO_PREFERENCE: &str = "NoPreference";

/// The capacities a device type takes; `None` for a type not known here.
pub fn capacities(device: &str) -> Option<&'static [&'static str]> {
    DEVICE_CAPACITIES
        .iter()
        .find(|(d, _)| *d == device)
        .map(|(_, caps)| *caps)
}

/// Terabytes a capacity value stands for (`T100` → 100).
pub fn capacity_tb(capacity: &str) -> Option<u32> {
    capacity.strip_prefix('T')?.parse().ok()
}

/// Whether a capacity fits a device type (unknown types are not refused).
pub fn capacity_fits(device: &str, capacity: &str) -> bool {
    capacity == NO_PREFERENCE || capacities(device).is_none_or(|caps| caps.contains(&capacity))
}

/// The device's storage in TB: the capacity if one is chosen, else the
/// largest its type can have.
pub fn device_tb(device: Option<&str>, capacity: Option<&str>) -> Option<u32> {
    match capacity {
        Some(c) if c != NO_PREFERENCE => capacity_tb(c),
        _ => capacities(device?)?
            .iter()
            .filter_map(|c| capacity_tb(c))
            .max(),
    }
}

/// The transfer option an S3 resource's target service must have on a job
/// of each type.
pub const TRANSFER_OPTION_FOR_JOB_TYPE: &[(&str, &str)] = &[
    ("IMPORT", "IMPORT"),
    ("EXPORT", "EXPORT"),
    ("LOCAL_USE", "LOCAL_USE"),
];

pub fn transfer_option_for(job_type: &str) -> Option<&'static str> {
    TRANSFER_OPTION_FOR_JOB_TYPE
        .iter()
        .find(|(t, _)| *t == job_type)
        .map(|(_, o)| *o)
}

/// Job types that move data to or from S3, so keep at least one bucket.
pub const NEEDS_A_BUCKET: &[&str] = &["IMPORT", "EXPORT"];

/// Only EXPORT jobs take key ranges on their buckets.
pub const KEY_RANGE_JOB_TYPE: &str = "EXPORT";

/// UpdateJob members that JobMetadata holds somewhere else than under their
/// own name; every other member is under its own name.
pub const MOVED_MEMBERS: &[(&str, &[&str])] =
    &[("ShippingOption", &["ShippingDetails", "ShippingOption"])];

/// The members UpdateJob can change (all but JobId), in the model's order.
pub fn update_members() -> Vec<&'static str> {
    match crate::shape::model().shape("UpdateJobRequest") {
        crate::shape::Shape::Structure { members, .. } => members
            .iter()
            .map(|(m, _)| m.as_str())
            .filter(|m| *m != "JobId")
            .collect(),
        _ => Vec::new(),
    }
}

/// Where JobMetadata holds an UpdateJob member: a path of member names.
pub fn job_location(member: &str) -> Vec<&str> {
    MOVED_MEMBERS
        .iter()
        .find(|(m, _)| *m == member)
        .map_or_else(|| vec![member], |(_, path)| path.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shape::{Shape, model};

    #[test]
    fn every_capacity_and_device_is_in_the_model() {
        let enum_of = |name: &str| match model().shape(name) {
            Shape::String { allowed, .. } => allowed.clone().unwrap_or_default(),
            _ => panic!("{name} is not a string enum"),
        };
        let devices = enum_of("SnowballType");
        let caps = enum_of("SnowballCapacity");
        for (device, allowed) in DEVICE_CAPACITIES {
            assert!(devices.iter().any(|d| d == device), "{device}");
            for c in *allowed {
                assert!(caps.iter().any(|x| x == c), "{c}");
            }
        }
        assert!(caps.iter().any(|c| c == NO_PREFERENCE));
    }

    #[test]
    fn every_update_member_has_a_place_in_job_metadata() {
        let members = update_members();
        assert_eq!(members.len(), 10, "{members:?}");
        for member in members {
            // Follow the path through JobMetadata's shapes.
            let mut shape = "JobMetadata";
            for step in job_location(member) {
                let Shape::Structure { members, .. } = model().shape(shape) else {
                    panic!("{member}: {shape} is not a structure")
                };
                shape = &members
                    .iter()
                    .find(|(m, _)| m == step)
                    .unwrap_or_else(|| panic!("{member}: no {step} in {shape}"))
                    .1;
            }
        }
    }

    #[test]
    fn capacities_fit_their_devices() {
        assert!(capacity_fits("V3_5S", "T240"));
        assert!(!capacity_fits("V3_5S", "T32"));
        assert!(capacity_fits("V3_5C", NO_PREFERENCE));
        assert!(capacity_fits("V4_FUTURE", "T8"));
        assert_eq!(device_tb(Some("EDGE"), Some(NO_PREFERENCE)), Some(100));
        assert_eq!(device_tb(Some("EDGE"), Some("T98")), Some(98));
    }
}
