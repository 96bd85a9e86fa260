//! snowjob's patch-file parser: any bytes, no panic; a file that parses also
//! merges into an empty job and into a job with everything.
#![no_main]

use aws_sdk_snowball::types::*;
use libfuzzer_sys::fuzz_target;

fn full_job() -> JobMetadata {
    JobMetadata::builder()
        .notification(Notification::builder().sns_topic_arn("arn:aws:sns:us-east-1:123456789012:t").job_states_to_notify(JobState::Complete).build())
        .resources(
            JobResource::builder()
                .s3_resources(S3Resource::builder().bucket_arn("arn:aws:s3:::b").build())
                .lambda_resources(LambdaResource::builder().lambda_arn("arn:aws:lambda:us-east-1:123456789012:function:f").build())
                .build(),
        )
        .on_device_service_configuration(
            OnDeviceServiceConfiguration::builder()
                .nfs_on_device_service(NfsOnDeviceServiceConfiguration::builder().storage_limit(8).storage_unit(StorageUnit::Tb).build())
                .build(),
        )
        .pickup_details(PickupDetails::builder().name("n").build())
        .build()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(file) = snowjob::core::patch_file::parse(text) {
        let _ = file.patch_for(&JobMetadata::builder().build());
        let _ = file.patch_for(&full_job());
    }
});
