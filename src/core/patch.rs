//! An UpdateJob patch: the members to send, as SDK types. UpdateJob replaces
//! each member it is given wholesale, so structures and lists are always whole
//! values (the job's current value with the edit applied), and a member equal to
//! the job's current value is not sent at all.

use aws_sdk_snowball::types::{
    JobMetadata, JobResource, Notification, OnDeviceServiceConfiguration, PickupDetails,
    ShippingOption, SnowballCapacity,
};
use serde_json::{Map, Value as Json};

use aws_sdk_snowball::operation::update_cluster::builders::UpdateClusterFluentBuilder;
use aws_sdk_snowball::operation::update_job::builders::UpdateJobFluentBuilder;

use crate::aws::order::OrderKind;

use snowball_model::facts;

use crate::aws::convert::{self, ApiJson};
use crate::core::compare;
use crate::report::Change;

/// The UpdateJob members, declared once: each member's API name, the patch's
/// field for it, its SDK type and the fluent builder's setter. From this list
/// come the `Patch` struct, `set_on` (so no member can be left unsent), the
/// table of members by API name and the patch-file binding (`Patch::set`).
macro_rules! members {
    ($($name:literal => $field:ident: $ty:ty = $setter:ident $([$cluster:ident])?),* $(,)?) => {
        /// The members to send, as SDK types (`None`: not sent).
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct Patch {
            $(pub $field: Option<$ty>,)*
        }

        /// Every UpdateJob member other than JobId, in the API's order.
        const MEMBERS: &[Member] = &[$(Member {
            name: $name,
            patched: |p| p.$field.as_ref().and_then(ApiJson::to_json),
            clear: |p| p.$field = None,
            set: |p, json| {
                p.$field = Some(<$ty as ApiJson>::from_json(json)?);
                Some(())
            },
        }),*];

        impl Patch {
            /// Sets this patch's members on an UpdateJob call.
            pub fn set_on(&self, call: UpdateJobFluentBuilder) -> UpdateJobFluentBuilder {
                let p = self.clone();
                call$(.$setter(p.$field))*
            }

            /// Sets this patch's members on an UpdateCluster call (those marked
            /// `[cluster]`; a patch setting another one is refused first).
            pub fn set_on_cluster(&self, call: UpdateClusterFluentBuilder) -> UpdateClusterFluentBuilder {
                let p = self.clone();
                $( let call = members!(@cluster call, p.$field, $setter $(, $cluster)?); )*
                call
            }
        }

        /// The members marked `[cluster]`: those `set_on_cluster` sends.
        #[cfg(test)]
        fn cluster_members() -> Vec<&'static str> {
            [$( members!(@opt $name $(, $cluster)?) ),*].into_iter().flatten().collect()
        }
    };
    (@cluster $call:ident, $value:expr, $setter:ident) => { $call };
    (@cluster $call:ident, $value:expr, $setter:ident, cluster) => { $call.$setter($value) };
    (@opt $name:literal) => { None };
    (@opt $name:literal, cluster) => { Some($name) };
}

members! {
    "RoleARN" => role_arn: String = set_role_arn [cluster],
    "Notification" => notification: Notification = set_notification [cluster],
    "Resources" => resources: JobResource = set_resources [cluster],
    "OnDeviceServiceConfiguration" => on_device_service_configuration: OnDeviceServiceConfiguration = set_on_device_service_configuration [cluster],
    "AddressId" => address_id: String = set_address_id [cluster],
    "ShippingOption" => shipping_option: ShippingOption = set_shipping_option [cluster],
    "Description" => description: String = set_description [cluster],
    "SnowballCapacityPreference" => snowball_capacity_preference: SnowballCapacity = set_snowball_capacity_preference,
    "ForwardingAddressId" => forwarding_address_id: String = set_forwarding_address_id [cluster],
    "PickupDetails" => pickup_details: PickupDetails = set_pickup_details,
}

/// Whether a job holds the values a patch sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    All,
    Partly,
    None,
}

/// An UpdateJob member: its API name and the patch's field for it. The job's
/// current value is read where the model's facts say JobMetadata holds it.
struct Member {
    name: &'static str,
    patched: fn(&Patch) -> Option<Json>,
    clear: fn(&mut Patch),
    /// Sets the field from the member's API JSON; `None` when it is not one.
    set: fn(&mut Patch, &Json) -> Option<()>,
}

impl Member {
    fn current(&self, job: &Json) -> Option<Json> {
        let path: String = facts::job_location(self.name)
            .iter()
            .map(|step| format!("/{step}"))
            .collect();
        job.pointer(&path).cloned()
    }
}

/// Whether `name` is an UpdateJob member snowjob can send.
pub fn is_member(name: &str) -> bool {
    MEMBERS.iter().any(|m| m.name == name)
}

/// The job's current value of each UpdateJob member it has, by API name.
pub fn current_members(job: &JobMetadata) -> Map<String, Json> {
    let job = convert::json(job);
    MEMBERS
        .iter()
        .filter_map(|m| m.current(&job).map(|v| (m.name.to_string(), v)))
        .collect()
}

/// The members `edit` shows: the current ones its kind's update takes (a
/// cluster's UpdateCluster has fewer), empty structures left out.
pub fn editable_members(job: &JobMetadata) -> Map<String, Json> {
    let kind = OrderKind::of(job.job_id().unwrap_or_default());
    current_members(job)
        .into_iter()
        .filter(|(name, _)| compare::member_shape(kind.request_shape(), name).is_some())
        .filter(|(name, value)| !compare::same(name, Some(value), None))
        .collect()
}

impl Patch {
    /// Drops every member that would not change the job.
    pub fn minimized(mut self, job: &JobMetadata) -> Patch {
        let job = convert::json(job);
        for m in MEMBERS {
            if let Some(after) = (m.patched)(&self)
                && compare::same(m.name, Some(&after), m.current(&job).as_ref())
            {
                (m.clear)(&mut self);
            }
        }
        self
    }

    /// How much of the patch the job shows now: read again after an update
    /// whose reply was lost, it tells whether the update was applied.
    pub fn in_effect(&self, job: &JobMetadata) -> Effect {
        let job = convert::json(job);
        let sent: Vec<&Member> = MEMBERS
            .iter()
            .filter(|m| (m.patched)(self).is_some())
            .collect();
        let held = sent
            .iter()
            .filter(|m| compare::same(m.name, (m.patched)(self).as_ref(), m.current(&job).as_ref()))
            .count();
        match held {
            n if n == sent.len() => Effect::All,
            0 => Effect::None,
            _ => Effect::Partly,
        }
    }

    /// The patch that sends each member `value` gives (by API name; `None`:
    /// not sent), or the first member whose value is not one of its type.
    pub fn of(value: impl Fn(&str) -> Option<Json>) -> Result<Patch, String> {
        let mut patch = Patch::default();
        for m in MEMBERS {
            if let Some(json) = value(m.name) {
                (m.set)(&mut patch, &json)
                    .ok_or_else(|| format!("{0}: not a valid {0}", m.name))?;
            }
        }
        Ok(patch)
    }

    pub fn is_empty(&self) -> bool {
        *self == Patch::default()
    }

    /// Before and after of each member the patch sets.
    pub fn changes(&self, job: &JobMetadata) -> Vec<Change> {
        let job = convert::json(job);
        MEMBERS
            .iter()
            .filter_map(|m| {
                (m.patched)(self).map(|after| Change {
                    field: m.name.to_string(),
                    before: m.current(&job).unwrap_or(Json::Null),
                    after,
                })
            })
            .collect()
    }

    /// The members this patch sets that the kind's update cannot send
    /// (UpdateCluster has no capacity or pickup details).
    pub fn not_sendable(&self, kind: OrderKind) -> Vec<&'static str> {
        MEMBERS
            .iter()
            .filter(|m| (m.patched)(self).is_some())
            .filter(|m| compare::member_shape(kind.request_shape(), m.name).is_none())
            .map(|m| m.name)
            .collect()
    }

    /// The update request this patch sends (UpdateJob's or UpdateCluster's,
    /// as the ID names), as JSON with the API's names.
    pub fn request(&self, id: &str) -> Json {
        let mut map = Map::new();
        map.insert(
            OrderKind::of(id).id_member().into(),
            Json::String(id.to_string()),
        );
        for m in MEMBERS {
            if let Some(v) = (m.patched)(self) {
                map.insert(m.name.into(), v);
            }
        }
        Json::Object(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_snowball::types::{S3Resource, ShippingDetails};
    use serde_json::json;
    use snowball_model::Shape;

    fn job() -> JobMetadata {
        JobMetadata::builder()
            .job_id("JID123e4567-e89b-12d3-a456-426655440000")
            .shipping_details(
                ShippingDetails::builder()
                    .shipping_option(ShippingOption::SecondDay)
                    .build(),
            )
            .snowball_capacity_preference(SnowballCapacity::T100)
            .resources(
                JobResource::builder()
                    .s3_resources(S3Resource::builder().bucket_arn("arn:aws:s3:::a").build())
                    .build(),
            )
            .build()
    }

    #[test]
    fn every_member_the_model_has_is_bound_to_a_field() {
        let ours: Vec<&str> = MEMBERS.iter().map(|m| m.name).collect();
        assert_eq!(ours, facts::update_members());
    }

    #[test]
    fn the_cluster_members_are_update_clusters_own() {
        let model: Vec<&str> = MEMBERS
            .iter()
            .map(|m| m.name)
            .filter(|name| compare::member_shape("UpdateClusterRequest", name).is_some())
            .collect();
        assert_eq!(cluster_members(), model);
        let Shape::Structure { members, .. } =
            snowball_model::model().shape("UpdateClusterRequest")
        else {
            panic!()
        };
        assert_eq!(
            members.len(),
            model.len() + 1,
            "ClusterId and ours: {members:?}"
        );
    }

    #[test]
    fn unchanged_members_are_dropped() {
        let patch = Patch {
            shipping_option: Some(ShippingOption::SecondDay),
            snowball_capacity_preference: Some(SnowballCapacity::T98),
            resources: job().resources().cloned(),
            ..Patch::default()
        }
        .minimized(&job());
        let fields: Vec<_> = patch.changes(&job()).into_iter().map(|c| c.field).collect();
        assert_eq!(fields, vec!["SnowballCapacityPreference"]);
        assert!(
            Patch {
                shipping_option: Some(ShippingOption::SecondDay),
                ..Patch::default()
            }
            .minimized(&job())
            .is_empty()
        );
    }

    #[test]
    fn request_and_changes_use_api_names() {
        let patch = Patch {
            shipping_option: Some(ShippingOption::NextDay),
            description: Some("new".into()),
            ..Patch::default()
        };
        assert_eq!(
            patch.request("JID123e4567-e89b-12d3-a456-426655440000"),
            json!({"JobId": "JID123e4567-e89b-12d3-a456-426655440000", "ShippingOption": "NEXT_DAY", "Description": "new"})
        );
        let changes = patch.changes(&job());
        assert_eq!(
            changes[0],
            Change {
                field: "ShippingOption".into(),
                before: json!("SECOND_DAY"),
                after: json!("NEXT_DAY")
            }
        );
        assert_eq!(changes[1].before, Json::Null);
    }
}
