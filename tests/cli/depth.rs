//! The promise at depth: untouched values come back exactly as the service
//! holds them, values are compared as the service keeps them (times to the
//! millisecond), a confirmed plan is still the plan when it is sent, and the
//! work a person did in `edit` is never thrown away.

use serde_json::{Value as Json, json};

use crate::common::*;
use crate::interactive::{edit_with, editor, exit_code, kept_file, on_terminal};

const PICKUP_JOB: &str = "JID00000000-0000-4000-8000-0000000000b1";

/// A pending export job (copied from the demo's) with `changes` merged in.
fn seed(env: &Env, changes: Json) -> String {
    let mut job = env.job(EXPORT_JOB);
    job["JobId"] = json!(PICKUP_JOB);
    for (k, v) in changes.as_object().unwrap() {
        job[k] = v.clone();
    }
    env.server
        .seed(&json!({"Jobs": [job], "Addresses": []}))
        .expect("seeded");
    PICKUP_JOB.to_string()
}

fn pickup(date: f64) -> Json {
    json!({"Name": "Kim Lee", "Email": "kim.lee@example.com", "PhoneNumber": "+1 206 555 0142",
           "IdentificationNumber": "D1234567", "IdentificationIssuingOrg": "WA DOL",
           "IdentificationExpirationDate": date})
}

fn apply(env: &Env, id: &str, patch: &str, extra: &[&str]) -> (i32, Json, String) {
    let mut cmd = env.snowjob();
    cmd.args(["apply", id, "--file", "-"])
        .args(extra)
        .write_stdin(patch.to_string());
    run_json(cmd)
}

/// The stored expiry date, in whole milliseconds.
fn expiry_millis(env: &Env, id: &str) -> i64 {
    let secs = env.job(id)["PickupDetails"]["IdentificationExpirationDate"]
        .as_f64()
        .expect("stored as epoch seconds");
    (secs * 1000.0).round() as i64
}

#[test]
fn the_edit_file_reads_back_every_string_exactly() {
    let env = Env::demo();
    let tricky = json!({
        "Description": "Rack\u{2028}7\u{2029} \u{85}\ttabs, 0x-1 ",
        "Resources": {"S3Resources": [{"BucketArn": "arn:aws:s3:::example-video",
            "KeyRange": {"BeginMarker": "0x-1\u{2028}", "EndMarker": "~\u{2029}yes "}}]},
        "PickupDetails": {"Name": "null", "Email": "kim.lee@example.com", "PhoneNumber": "+1 206 555 0142",
            "IdentificationNumber": "007", "IdentificationIssuingOrg": "yes"},
    });
    let id = seed(&env, tricky);
    let before = env.job(&id);
    let script = editor(&env, "ed.sh", "sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"");
    let (code, out, err) = run_json(edit_with(&env, &script, &[&id]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(
        env.updates(),
        [json!({"JobId": id, "ShippingOption": "EXPRESS"})],
        "only the member that was edited"
    );
    let after = env.job(&id);
    assert_eq!(
        without(&after, &["ShippingDetails"]),
        without(&before, &["ShippingDetails"])
    );
}

#[test]
fn a_text_that_looks_like_a_number_can_be_edited() {
    let env = Env::demo();
    let id = seed(&env, json!({"Description": "0x-1"}));
    let script = editor(&env, "ed.sh", "sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"");
    let (code, out, err) = run_json(edit_with(&env, &script, &[&id]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(env.job(&id)["Description"], "0x-1");
}

#[test]
fn a_time_the_job_holds_is_unchanged_however_it_is_written() {
    let env = Env::demo();
    // 2030-01-30T00:00:00.100Z
    let id = seed(&env, json!({"PickupDetails": pickup(1_895_961_600.1)}));
    for written in [
        "2030-01-30T00:00:00.100Z",
        "2030-01-30T00:00:00.1Z",
        "2030-01-30T01:00:00.1+01:00",
        "1895961600.1",
    ] {
        let patch = format!("PickupDetails:\n  IdentificationExpirationDate: '{written}'\n");
        let (code, out, err) = apply(&env, &id, &patch, &[]);
        assert_eq!(code, 0, "{written}: {err}");
        assert_eq!(out[0]["Outcome"], "unchanged", "{written}: {out}");
    }
    assert!(env.updates().is_empty(), "{:?}", env.updates());
}

#[test]
fn an_untouched_time_keeps_its_millisecond() {
    let env = Env::demo();
    // Held at .580, which a float carries as .57999...
    let id = seed(&env, json!({"PickupDetails": pickup(1_895_961_600.58)}));
    let held = expiry_millis(&env, &id);
    assert_eq!(held % 1000, 580);
    let (code, out, err) = apply(&env, &id, "PickupDetails:\n  Name: Kim J. Lee\n", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated");
    assert_eq!(
        out[0]["Request"]["PickupDetails"]["IdentificationExpirationDate"],
        "2030-01-30T00:00:00.58Z"
    );
    assert_eq!(expiry_millis(&env, &id), held, "the date was not touched");
    let (_, shown, _) = env.run(["show", &id]).json();
    assert_eq!(
        shown[0]["PickupDetails"]["IdentificationExpirationDate"],
        "2030-01-30T00:00:00.58Z"
    );
}

#[test]
fn a_lost_reply_is_judged_at_the_services_precision_and_undo_follows() {
    let env = Env::demo();
    let id = seed(&env, json!({"PickupDetails": pickup(1_895_961_600.0)}));
    let history = env.home.path().join("history.jsonl");
    env.server
        .push_fault(fault("UpdateJob", 1, drop_reply(None)));
    let patch = "PickupDetails:\n  IdentificationExpirationDate: 2030-01-30T00:00:00.100Z\n";
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", &history)
        .args(["apply", &id, "--file", "-"])
        .write_stdin(patch);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(env.updates().len(), 1, "read again, not sent again");
    assert_eq!(expiry_millis(&env, &id), 1_895_961_600_100);
    assert_eq!(
        std::fs::read_to_string(&history).unwrap().lines().count(),
        1,
        "recorded"
    );
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", &history).args(["undo", &id]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(expiry_millis(&env, &id), 1_895_961_600_000);
}

#[test]
fn a_null_for_a_sub_member_the_job_lacks_changes_nothing() {
    let env = Env::demo();
    assert!(env.job(EXPORT_JOB).get("Notification").is_none());
    let (code, out, err) = apply(
        &env,
        EXPORT_JOB,
        "Notification:\n  DevicePickupSnsTopicARN: null\n",
        &[],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged", "{out}");
    assert!(env.updates().is_empty());
}

#[test]
fn undo_refusing_a_changed_pickup_never_shows_the_contact() {
    let env = Env::demo();
    let id = seed(&env, json!({"PickupDetails": pickup(1_895_961_600.0)}));
    let history = env.home.path().join("history.jsonl");
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", &history)
        .args(["apply", &id, "--file", "-"])
        .write_stdin("PickupDetails:\n  Name: Kim J. Lee\n");
    assert_eq!(run(cmd).0, 0);
    // A colleague changes the pickup contact afterwards.
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", "off")
        .args(["apply", &id, "--file", "-"])
        .write_stdin(
            "PickupDetails:\n  Email: someone.else@example.com\n  PhoneNumber: +1 206 555 0199\n",
        );
    assert_eq!(run(cmd).0, 0);
    let mut cmd = env.snowjob();
    cmd.env("SNOWJOB_HISTORY", &history).args(["undo", &id]);
    let (code, out, err) = run_json(cmd);
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "ChangedSinceEdit");
    for secret in ["someone.else", "kim.lee", "555 01", "D1234567"] {
        assert!(!err.contains(secret), "{secret} in {err}");
        assert!(
            !out.to_string().contains(secret)
                || out[0]["Error"]["Message"]
                    .as_str()
                    .is_some_and(|m| !m.contains(secret)),
            "{secret} in {out}"
        );
    }
}

#[test]
fn a_colleagues_change_made_while_the_prompt_was_open_is_never_overwritten() {
    let env = Env::demo();
    let mut p = on_terminal(
        &env,
        &["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"],
        None,
    );
    p.exp_string("Update 2 jobs? [y/N]").unwrap();
    // Same request as planned for the export job, but over another value.
    let mut colleague = env.snowjob();
    colleague.args(["set-shipping", EXPORT_JOB, "--speed", "STANDARD", "-q"]);
    assert_eq!(run(colleague).0, 0);
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 3);
    assert_eq!(
        env.job(EXPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "STANDARD",
        "the colleague's value stays"
    );
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
    let sent: Vec<Json> = env.updates();
    assert_eq!(
        sent.len(),
        2,
        "the colleague's and the import job's: {sent:?}"
    );
}

#[test]
fn edit_keeps_the_file_whenever_nothing_was_sent() {
    // (the editor's action, exit code)
    let cases = [
        (
            format!("sed -i 's/^AddressId: .*/AddressId: {MISSING_ADDRESS}/' \"$1\""),
            4,
        ),
        ("sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"; exit 3".to_string(), 1),
    ];
    for (action, expected) in cases {
        let env = Env::demo();
        let script = editor(&env, "ed.sh", &action);
        let (code, _, err) = run_json(edit_with(&env, &script, &[EXPORT_JOB]));
        assert_eq!(code, expected, "{action}: {err}");
        let kept = kept_file(&err);
        let text = std::fs::read_to_string(&kept).unwrap();
        assert!(
            text.contains(MISSING_ADDRESS) || text.contains("EXPRESS"),
            "{action}: {text}"
        );
        std::fs::remove_file(kept).unwrap();
        assert!(env.updates().is_empty());
    }
    // The documented abort is not kept.
    let env = Env::demo();
    let script = editor(&env, "ed.sh", ": > \"$1\"");
    let (code, _, err) = run_json(edit_with(&env, &script, &[EXPORT_JOB]));
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains("kept"), "{err}");
}

#[test]
fn edit_keeps_the_file_when_the_change_is_declined() {
    let env = Env::demo();
    let script = editor(&env, "ed.sh", "sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"");
    let mut p = on_terminal(&env, &["edit", EXPORT_JOB], Some(&script));
    p.exp_string("Update 1 job? [y/N]").unwrap();
    p.send_line("n").unwrap();
    let rest = p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1);
    let kept = kept_file(&rest);
    assert!(std::fs::read_to_string(&kept).unwrap().contains("EXPRESS"));
    std::fs::remove_file(kept).unwrap();
    assert!(env.updates().is_empty());
}

#[test]
fn a_time_past_year_9999_is_kept_when_its_structure_is_sent_whole() {
    let env = Env::demo();
    // Year 318857: no RFC 3339 text can hold it, but the service can.
    let id = seed(&env, json!({"PickupDetails": pickup(1e13)}));
    let (code, out, err) = apply(&env, &id, "PickupDetails:\n  Name: Kim J. Lee\n", &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert!(
        out[0]["Request"]["PickupDetails"]
            .get("IdentificationExpirationDate")
            .is_some(),
        "{out}"
    );
    assert_eq!(expiry_millis(&env, &id), 10_000_000_000_000_000);
    // The edit file reads it back too: one change sends one member.
    let script = editor(&env, "ed.sh", "sed -i 's/NEXT_DAY/EXPRESS/' \"$1\"");
    let (code, out, err) = run_json(edit_with(&env, &script, &[&id]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(
        env.updates().last().unwrap(),
        &json!({"JobId": id, "ShippingOption": "EXPRESS"})
    );
    assert_eq!(expiry_millis(&env, &id), 10_000_000_000_000_000);
}

#[test]
fn a_refused_pickup_contact_detail_is_never_echoed() {
    let env = Env::demo();
    let id = seed(&env, json!({"PickupDetails": pickup(1_895_961_600.0)}));
    let long_phone = format!("+1 206 555 {}", "7".repeat(300));
    let patch = format!(
        "PickupDetails:\n  PhoneNumber: '+1 206 555 01429999'\n  Email: secret-mail\n  IdentificationNumber: 99887766\n  Name: '{long_phone}'\n"
    );
    let (code, _, err) = run({
        let mut cmd = env.snowjob();
        cmd.args(["apply", &id, "--file", "-"]).write_stdin(patch);
        cmd
    });
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("PickupDetails.PhoneNumber"), "{err}");
    for secret in ["01429999", "secret-mail", "99887766"] {
        assert!(!err.contains(secret), "{secret} in {err}");
    }
    // However long, nothing of it shows.
    let (code, _, err) = run({
        let mut cmd = env.snowjob();
        cmd.args(["apply", &id, "--file", "-"])
            .write_stdin(format!("PickupDetails:\n  PhoneNumber: '{long_phone}'\n"));
        cmd
    });
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("7777"), "{err}");
    assert!(env.updates().is_empty());
}
