//! What scripts and pipelines lean on: `addresses`, `remove-s3-resource`,
//! `add-s3-resource` on a bucket the job already has, and `--query`.

mod common;

use common::*;
use serde_json::{Value as Json, json};

fn demo_addresses() -> Json {
    snowball_local::demo::seed(0.0)["Addresses"].clone()
}

#[test]
fn addresses_json_is_an_array_of_address_with_api_names() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.arg("addresses");
    let (code, out, _) = run_json(cmd);
    assert_eq!(code, 0);
    assert_eq!(out, demo_addresses());
    assert_eq!(env.ops(), ["DescribeAddresses"]);

    let mut cmd = env.snowjob();
    cmd.args(["addresses", "-o", "yaml"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    assert_eq!(
        serde_yaml::from_str::<Json>(&out).unwrap(),
        demo_addresses()
    );
}

#[test]
fn addresses_text_is_one_line_each_id_first() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args(["addresses", "-o", "text"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0][..3], [HOME_ADDRESS, "Dana Ortiz", "Example Corp"]);
    assert_eq!(lines[1][0], FORWARDING_ADDRESS);
    assert!(lines.iter().all(|l| l.len() == lines[0].len()));
}

#[test]
fn addresses_table_shows_each_address_whole() {
    let env = Env::demo();
    let mut cmd = env.snowjob();
    cmd.args(["addresses", "--no-color"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    for expected in [
        HOME_ADDRESS,
        FORWARDING_ADDRESS,
        "Dana Ortiz",
        "Seattle",
        "Portland",
    ] {
        assert!(out.contains(expected), "missing {expected}:\n{out}");
    }
}

#[test]
fn addresses_follow_every_next_token() {
    let env = Env::with(snowball_local::Config::default());
    let addresses: Vec<Json> = (0..130)
        .map(|i| {
            json!({"AddressId": format!("ADID00000000-0000-4000-8000-{i:012}"), "Name": format!("Site {i}"),
                   "Street1": "1 Main St", "City": "Seattle", "StateOrProvince": "WA", "Country": "US",
                   "PostalCode": "98109", "PhoneNumber": "+1 206 555 0100"})
        })
        .collect();
    env.server.seed(&json!({ "Addresses": addresses })).unwrap();
    let mut cmd = env.snowjob();
    cmd.args(["addresses", "-o", "text"]);
    let (code, out, _) = run(cmd);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 130);
    assert_eq!(env.ops(), ["DescribeAddresses", "DescribeAddresses"]);
}
