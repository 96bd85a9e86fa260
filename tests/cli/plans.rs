//! Reviewed plans: `--plan FILE` plans as `--dry-run` does and writes what
//! would be sent; `submit PLAN` sends exactly that, or nothing for an order
//! that changed in between; a plan that is not one is refused before any
//! request.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::{Value as Json, json};

use crate::common::*;
use crate::interactive::{exit_code, on_terminal};

/// Operations that change an order.
const MODIFYING: &[&str] = &[
    "UpdateJob",
    "UpdateCluster",
    "CancelJob",
    "CancelCluster",
    "CreateJob",
];

fn modifying(env: &Env) -> Vec<(String, Json)> {
    env.server
        .journal()
        .into_iter()
        .filter(|e| MODIFYING.contains(&e.operation.as_str()))
        .map(|e| (e.operation, e.input))
        .collect()
}

fn plan_path(env: &Env) -> PathBuf {
    env.home.path().join("plan.json")
}

fn read_plan(path: &Path) -> Json {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Plans `args` into the env's plan file and returns it.
fn plan(env: &Env, args: &[&str]) -> Json {
    let path = plan_path(env);
    let (code, _, err) = env.run(args).arg("--plan").arg(&path).text();
    assert_eq!(code, 0, "{err}");
    read_plan(&path)
}

fn write_plan(env: &Env, plan: &Json) -> PathBuf {
    let path = env.home.path().join("edited-plan.json");
    std::fs::write(&path, serde_json::to_vec_pretty(plan).unwrap()).unwrap();
    path
}

#[test]
fn planning_sends_nothing_and_writes_a_private_plan_of_what_would_be_sent() {
    let env = Env::demo();
    let path = plan_path(&env);
    let (code, out, err) = env
        .run(["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"])
        .arg("--plan")
        .arg(&path)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "planned", "{out}");
    assert!(modifying(&env).is_empty());
    assert!(err.contains("plan.json"), "says where the plan is: {err}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let plan = read_plan(&path);
    assert_eq!(plan["Version"], 1);
    assert_eq!(plan["Region"], "us-east-1");
    assert_eq!(plan["Endpoint"], env.server.url().trim_end_matches('/'));
    assert_eq!(plan["Profile"], "default");
    assert!(plan["Created"].as_str().unwrap().ends_with('Z'), "{plan}");
    assert_eq!(
        plan["Command"],
        format!("set-shipping {IMPORT_JOB} {EXPORT_JOB} --speed EXPRESS")
    );
    let entries = plan["Plans"].as_array().unwrap();
    assert_eq!(entries.len(), 2);
    for (entry, result) in entries.iter().zip(out.as_array().unwrap()) {
        assert_eq!(entry["JobId"], result["JobId"]);
        assert_eq!(entry["Operation"], "UpdateJob");
        assert_eq!(entry["Changes"], result["Changes"]);
        assert_eq!(entry["Request"], result["Request"]);
    }
    // A plan file can be replaced; it stays private.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    plan_again(&env, &path);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

fn plan_again(env: &Env, path: &Path) {
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "STANDARD"])
        .arg("--plan")
        .arg(path)
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_plan(path)["Plans"].as_array().unwrap().len(), 1);
}

#[test]
fn submit_sends_exactly_the_planned_requests_and_a_second_submit_is_unchanged() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let plan = plan(
        &env,
        &["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"],
    );
    let path = plan_path(&env);
    let (code, out, err) = env
        .run(["submit"])
        .arg(&path)
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(out[1]["Outcome"], "updated", "{out}");
    let sent: Vec<Json> = modifying(&env)
        .into_iter()
        .map(|(_, input)| input)
        .collect();
    let planned: Vec<Json> = plan["Plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["Request"].clone())
        .collect();
    assert_eq!(sent.len(), 2);
    for request in &planned {
        assert!(
            sent.contains(request),
            "{request} was not sent as planned: {sent:?}"
        );
    }
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
    let records: Vec<Json> = std::fs::read_to_string(&history)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["Command"], format!("submit {}", path.display()));
    // Again: already as planned, nothing sent.
    let (code, out, err) = env.run(["submit"]).arg(&path).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged", "{out}");
    assert_eq!(out[1]["Outcome"], "unchanged", "{out}");
    assert_eq!(modifying(&env).len(), 2);
}

#[test]
fn a_job_changed_after_planning_keeps_the_colleagues_value_and_the_others_are_sent() {
    let env = Env::demo();
    plan(
        &env,
        &["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"],
    );
    // A colleague's change, in between.
    let (code, _, err) = env
        .run(["set-shipping", EXPORT_JOB, "--speed", "STANDARD"])
        .text();
    assert_eq!(code, 0, "{err}");
    env.server.clear_journal();
    let (code, out, err) = env.run(["submit"]).arg(plan_path(&env)).json();
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(out[1]["Outcome"], "failed", "{out}");
    assert_eq!(out[1]["Error"]["Code"], "JobChanged", "{out}");
    let message = out[1]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.contains("ShippingOption holds neither"),
        "{message}"
    );
    assert_eq!(
        env.job(EXPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "STANDARD"
    );
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
    let sent = modifying(&env);
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].1["JobId"], IMPORT_JOB);
}

#[test]
fn an_order_no_longer_pending_is_not_editable_at_submit() {
    let env = Env::demo();
    plan(&env, &["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
    env.server
        .set_job_state(IMPORT_JOB, "PreparingAppliance")
        .unwrap();
    let (code, out, err) = env.run(["submit"]).arg(plan_path(&env)).json();
    assert_eq!(code, 3, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "JobNotEditable", "{out}");
    assert!(modifying(&env).is_empty());
}

#[test]
fn a_plan_with_a_failed_order_is_written_without_it_and_exits_as_the_failure() {
    let env = Env::demo();
    let path = plan_path(&env);
    let (code, _, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            MISSING_JOB,
            EXPORT_JOB,
            "--speed",
            "EXPRESS",
        ])
        .arg("--plan")
        .arg(&path)
        .text();
    assert_eq!(code, 4, "{err}");
    let plan = read_plan(&path);
    let ids: Vec<&str> = plan["Plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["JobId"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [IMPORT_JOB, EXPORT_JOB]);
    // A plan of only failures says so, not that nothing would change.
    let (code, _, err) = env
        .run(["set-shipping", MISSING_JOB, "--speed", "EXPRESS", "--plan"])
        .arg(&path)
        .text();
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("failed are left out"), "{err}");
    // Unchanged orders are left out too.
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "SECOND_DAY"])
        .arg("--plan")
        .arg(&path)
        .text();
    assert_eq!(code, 0, "{err}");
    let current = env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"].clone();
    assert_eq!(current, "SECOND_DAY");
    assert_eq!(read_plan(&path)["Plans"], json!([]));
    let (code, out, err) = env.run(["submit"]).arg(&path).json();
    assert_eq!((code, out), (0, json!([])), "{err}");
    let (code, out, err) = env.run(["submit"]).arg(&path).text();
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("no orders"), "{err}");
}

#[test]
fn a_plan_cannot_go_to_stdout_nor_come_from_a_read_only_command() {
    let env = Env::demo();
    let (code, out, err) = env
        .run([
            "set-shipping",
            IMPORT_JOB,
            "--speed",
            "EXPRESS",
            "--plan",
            "-",
        ])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("--plan"), "{err}");
    let (code, _, err) = env.run(["show", IMPORT_JOB, "--plan", "p.json"]).text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--plan"), "{err}");
    let (code, _, err) = env.run(["submit", "p.json", "--plan", "q.json"]).text();
    assert_eq!(code, 2, "{err}");
    // A plan that cannot be written is refused before the job is read.
    let nowhere = env.home.path().join("no-such-dir").join("plan.json");
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS", "--plan"])
        .arg(&nowhere)
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no-such-dir"), "{err}");
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS", "--plan"])
        .arg(env.home.path())
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("directory"), "{err}");
    assert!(env.server.journal().is_empty());
}

#[test]
fn a_cluster_and_a_cancel_are_planned_and_submitted_like_any_edit() {
    let env = Env::demo();
    let plan_file = plan(&env, &["set-shipping", DEMO_CLUSTER, "--speed", "EXPRESS"]);
    let entry = &plan_file["Plans"][0];
    assert_eq!(entry["ClusterId"], DEMO_CLUSTER);
    assert!(entry.get("JobId").is_none(), "{entry}");
    assert_eq!(entry["Operation"], "UpdateCluster");
    let (code, out, err) = env.run(["submit"]).arg(plan_path(&env)).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(
        modifying(&env),
        [("UpdateCluster".to_string(), entry["Request"].clone())]
    );

    // A cancel needs no --yes to plan; to submit it does, without a terminal.
    env.server.clear_journal();
    let cancel = plan(&env, &["cancel", IMPORT_JOB]);
    assert_eq!(
        cancel["Plans"][0],
        json!({"JobId": IMPORT_JOB, "Operation": "CancelJob",
               "Changes": [{"Field": "JobState", "Before": "New", "After": "Cancelled"}],
               "Request": {"JobId": IMPORT_JOB}})
    );
    let (code, _, err) = env.run(["submit"]).arg(plan_path(&env)).text();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--yes"), "{err}");
    assert!(modifying(&env).is_empty());
    let (code, out, err) = env.run(["submit", "--yes"]).arg(plan_path(&env)).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(env.job(IMPORT_JOB)["JobState"], "Cancelled");
    // Submitted again: the order is cancelled already.
    let (code, out, err) = env.run(["submit", "--yes"]).arg(plan_path(&env)).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "unchanged", "{out}");
    assert_eq!(modifying(&env).len(), 1);
}

#[test]
fn a_plan_with_a_cancel_is_asked_on_a_terminal_even_for_one_order() {
    let env = Env::demo();
    plan(&env, &["cancel", EXPORT_JOB]);
    let path = plan_path(&env);
    let mut p = on_terminal(&env, &["submit", path.to_str().unwrap()], None);
    // What is cancelled is listed as a person knows it.
    for shown in ["To be cancelled", "EDGE_S", "Export 2025 video archive"] {
        p.exp_string(shown).unwrap();
    }
    p.exp_string("This cannot be undone. [y/N]").unwrap();
    p.send_line("n").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&mut p), 1);
    assert!(modifying(&env).is_empty());
    assert_eq!(env.job(EXPORT_JOB)["JobState"], "New");
}

#[test]
fn submit_dry_run_and_stdin_show_what_would_be_sent() {
    let env = Env::demo();
    let plan = plan(&env, &["set-shipping", IMPORT_JOB, "--speed", "STANDARD"]);
    // Submitting one order costs what any edit does: its read and its update.
    let scratch = Env::demo();
    let path = scratch.home.path().join("one.json");
    let (code, _, err) = scratch
        .run(["set-shipping", IMPORT_JOB, "--speed", "STANDARD", "--plan"])
        .arg(&path)
        .text();
    assert_eq!(code, 0, "{err}");
    scratch.server.clear_journal();
    let (code, _, err) = scratch.run(["submit"]).arg(&path).text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(scratch.ops(), ["DescribeJob", "UpdateJob"]);
    let text = std::fs::read_to_string(plan_path(&env)).unwrap();
    let (code, out, err) = env.run(["submit", "-", "--dry-run"]).stdin(text).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "planned", "{out}");
    assert_eq!(out[0]["Request"], plan["Plans"][0]["Request"]);
    assert!(modifying(&env).is_empty());
}

#[test]
fn edit_apply_and_undo_make_plans_too() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let patch = env.home.path().join("patch.yaml");
    std::fs::write(&patch, "Description: reviewed\n").unwrap();
    let applied = plan(
        &env,
        &["apply", IMPORT_JOB, "--file", patch.to_str().unwrap()],
    );
    assert_eq!(
        applied["Plans"][0]["Request"],
        json!({"JobId": IMPORT_JOB, "Description": "reviewed"})
    );
    let script = crate::interactive::editor(
        &env,
        "speed.sh",
        "sed -i 's/ShippingOption: .*/ShippingOption: EXPRESS/' \"$file\"",
    );
    let path = plan_path(&env);
    let mut cmd = crate::interactive::edit_with(&env, &script, &[EXPORT_JOB]);
    cmd.arg("--plan").arg(&path);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        read_plan(&path)["Plans"][0]["Request"]["ShippingOption"],
        "EXPRESS"
    );
    assert!(modifying(&env).is_empty());
    // An undo plan puts back the last recorded edit.
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "STANDARD"])
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = env
        .run(["undo", IMPORT_JOB, "--plan"])
        .arg(&path)
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let undo = read_plan(&path);
    assert_eq!(
        undo["Plans"][0]["Changes"][0]["After"], "SECOND_DAY",
        "{undo}"
    );
    assert_eq!(undo["Command"], format!("undo {IMPORT_JOB}"));
}

/// A good plan to spoil: two jobs' shipping speed.
fn good_plan(env: &Env) -> Json {
    plan(
        env,
        &["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"],
    )
}

/// Submits `plan` as written and expects exit 2 naming `names`, nothing sent.
fn refused(env: &Env, plan: &Json, names: &[&str]) {
    let path = write_plan(env, plan);
    refused_file(env, &path, names);
}

fn refused_file(env: &Env, path: &Path, names: &[&str]) {
    env.server.clear_journal();
    let (code, out, err) = env.run(["submit", "--yes"]).arg(path).text();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    for name in names {
        assert!(err.contains(name), "the message names {name}: {err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        env.server.journal().is_empty(),
        "nothing is sent for a bad plan: {:?}",
        env.ops()
    );
}

#[test]
fn bad_plans_are_refused_naming_the_entry_and_member_and_nothing_is_sent() {
    let env = Env::demo();
    let good = good_plan(&env);

    // Not JSON.
    let path = env.home.path().join("not.json");
    std::fs::write(&path, "Version: 1\n").unwrap();
    refused_file(&env, &path, &["not.json", "JSON"]);
    // Over 16 MiB.
    let big = env.home.path().join("big.json");
    std::fs::write(&big, " ".repeat(16 * 1024 * 1024 + 1)).unwrap();
    refused_file(&env, &big, &["16 MiB"]);
    // Another version.
    let mut p = good.clone();
    p["Version"] = json!(2);
    refused(&env, &p, &["Version", "2"]);
    // A request the model rejects.
    let mut p = good.clone();
    p["Plans"][1]["Request"]["ShippingOption"] = json!("WARP_SPEED");
    p["Plans"][1]["Changes"][0]["After"] = json!("WARP_SPEED");
    refused(&env, &p, &["Plans[1]", EXPORT_JOB, "ShippingOption"]);
    // A member slipped into a request, not among its changes.
    let mut p = good.clone();
    p["Plans"][0]["Request"]["Description"] = json!("sneaked in");
    refused(&env, &p, &["Plans[0]", IMPORT_JOB, "Description"]);
    // A change whose After is not what the request sends.
    let mut p = good.clone();
    p["Plans"][0]["Changes"][0]["After"] = json!("STANDARD");
    refused(&env, &p, &["Plans[0]", "ShippingOption"]);
    // Another region, another endpoint.
    let mut p = good.clone();
    p["Region"] = json!("eu-west-1");
    refused(&env, &p, &["eu-west-1", "us-east-1"]);
    let mut p = good.clone();
    p["Endpoint"] = json!("http://127.0.0.1:1");
    refused(&env, &p, &["http://127.0.0.1:1"]);
    // A malformed ID, a request for another order, an order twice.
    let mut p = good.clone();
    p["Plans"][0]["JobId"] = json!("JID-nope");
    refused(&env, &p, &["Plans[0]", "JID-nope"]);
    let mut p = good.clone();
    p["Plans"][0]["Request"]["JobId"] = json!(EXPORT_JOB);
    refused(&env, &p, &["Plans[0]", "JobId"]);
    let mut p = good.clone();
    p["Plans"][1] = p["Plans"][0].clone();
    refused(&env, &p, &["Plans[1]", IMPORT_JOB]);
    // The wrong operation for the order; a cancel that sends more than its ID.
    let mut p = good.clone();
    p["Plans"][0]["Operation"] = json!("UpdateCluster");
    refused(&env, &p, &["Plans[0]", "UpdateCluster"]);
    let mut p = good.clone();
    p["Plans"][0]["Operation"] = json!("CancelJob");
    refused(&env, &p, &["Plans[0]", "CancelJob"]);
    // An unknown member of the file.
    let mut p = good.clone();
    p["Plans"][0]["Approved"] = json!(true);
    refused(&env, &p, &["Plans[0]", "Approved"]);
    // A member named twice: a reviewer may have read the other one.
    let path = env.home.path().join("twice.json");
    let text = serde_json::to_string_pretty(&good).unwrap().replacen(
        "\"Region\": \"us-east-1\",",
        "\"Region\": \"eu-west-1\", \"Region\": \"us-east-1\",",
        1,
    );
    std::fs::write(&path, text).unwrap();
    refused_file(&env, &path, &["Region", "twice"]);
    // A Before that is no value of its member; a change of the ID itself.
    let mut p = good.clone();
    p["Plans"][0]["Changes"][0]["Before"] = json!(12345);
    refused(&env, &p, &["Plans[0]", "Before", "ShippingOption"]);
    let mut p = good.clone();
    p["Plans"][0]["Changes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Field": "JobId", "Before": EXPORT_JOB, "After": IMPORT_JOB}));
    refused(&env, &p, &["Plans[0]", "JobId"]);
    // A request that would not be sent as written: a null, a value the SDK drops.
    let mut p = good.clone();
    p["Plans"][0]["Request"]["Notification"] = json!({"SnsTopicARN": null});
    p["Plans"][0]["Changes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Field": "Notification", "Before": null, "After": {"SnsTopicARN": null}}));
    refused(&env, &p, &["Plans[0]", "null", "/Notification/SnsTopicARN"]);
    let mut p = good.clone();
    p["Plans"][0]["Request"]["Notification"] = json!({"NotifyAll": false});
    p["Plans"][0]["Changes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"Field": "Notification", "Before": null, "After": {"NotifyAll": false}}));
    refused(&env, &p, &["Plans[0]", "Notification", "as written"]);
    // An endpoint's password is never shown.
    let mut p = good.clone();
    p["Endpoint"] = json!("http://alice:hunter2@127.0.0.1:1");
    let path = write_plan(&env, &p);
    let (code, _, err) = env.run(["submit"]).arg(&path).text();
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains("hunter2"), "{err}");
    // A byte-order mark some editors write first is not part of the plan.
    let path = env.home.path().join("bom.json");
    let mut text = "\u{feff}".as_bytes().to_vec();
    text.extend(serde_json::to_vec(&good).unwrap());
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = env.run(["submit", "--dry-run"]).arg(&path).text();
    assert_eq!(code, 0, "{err}");
    // None of them sent anything, and the good plan still works.
    let (code, _, err) = env.run(["submit"]).arg(plan_path(&env)).text();
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_interrupted_plan_is_not_written_and_leaves_nothing_behind() {
    let env = Env::demo();
    env.server.push_fault(
        fault(
            "DescribeJob",
            1,
            snowball_local::FaultAction::DelayReply {
                ms: 20_000,
                state: None,
                job_id: None,
            },
        )
        .skip(1),
    );
    let dir = env.home.path().join("plans");
    std::fs::create_dir(&dir).unwrap();
    let path = dir.join("plan.json");
    let mut cmd = env.snowjob_std();
    cmd.args(["set-shipping", IMPORT_JOB, EXPORT_JOB, "--speed", "EXPRESS"])
        .args(["--concurrency", "1", "--plan"])
        .arg(&path);
    // The first job read; the second's read (held by the endpoint) follows at once.
    let out = interrupted(
        &env,
        cmd,
        1,
        std::time::Duration::from_millis(500),
        &["-TERM"],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(143), "{err}");
    let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_plan_for_elsewhere_is_refused_before_any_credential_is_looked_for() {
    let env = Env::demo();
    let mut p = good_plan(&env);
    p["Region"] = json!("eu-west-1");
    let path = write_plan(&env, &p);
    let mut cmd = env.bare();
    cmd.env("AWS_REGION", "us-east-1")
        .env("AWS_ENDPOINT_URL", env.server.url())
        .arg("submit")
        .arg(&path);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 2, "not a credentials problem: {err}");
    assert!(err.contains("eu-west-1"), "{err}");
}

#[test]
fn a_plan_replaces_only_a_plan() {
    let env = Env::demo();
    let history = env.home.path().join("history.jsonl");
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "STANDARD"])
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let kept = std::fs::read_to_string(&history).unwrap();
    env.server.clear_journal();
    let link = env.home.path().join("link.json");
    std::os::unix::fs::symlink(&history, &link).unwrap();
    for target in [&history, &link] {
        let (code, _, err) = env
            .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS", "--plan"])
            .arg(target)
            .text();
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("--plan"), "{err}");
    }
    assert_eq!(std::fs::read_to_string(&history).unwrap(), kept);
    // Nor the history's place while it is still empty, or not there yet.
    let fresh = env.home.path().join("fresh-history.jsonl");
    for existing in [true, false] {
        if existing {
            std::fs::write(&fresh, "").unwrap();
        }
        let (code, _, err) = env
            .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS", "--plan"])
            .arg(&fresh)
            .env("SNOWJOB_HISTORY", &fresh)
            .text();
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("history"), "{err}");
        let _ = std::fs::remove_file(&fresh);
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(env.server.journal().is_empty());
    // A long name is a name like any other.
    let long = env.home.path().join(format!("{}.json", "p".repeat(240)));
    let (code, _, err) = env
        .run(["set-shipping", IMPORT_JOB, "--speed", "EXPRESS", "--plan"])
        .arg(&long)
        .text();
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_plan(&long)["Plans"][0]["JobId"], IMPORT_JOB);
}

#[test]
fn submit_checks_that_a_planned_address_still_exists() {
    let env = Env::demo();
    plan(
        &env,
        &[
            "set-shipping",
            IMPORT_JOB,
            "--address-id",
            FORWARDING_ADDRESS,
        ],
    );
    assert!(env.server.remove_address(FORWARDING_ADDRESS));
    let (code, out, err) = env.run(["submit"]).arg(plan_path(&env)).json();
    assert_eq!(code, 4, "{err}");
    assert_eq!(out[0]["Outcome"], "failed", "{out}");
    assert!(modifying(&env).is_empty());
}

#[test]
fn an_edit_with_nothing_to_plan_still_replaces_an_older_plan() {
    let env = Env::demo();
    let path = plan_path(&env);
    let speed = crate::interactive::editor(
        &env,
        "speed.sh",
        "sed -i 's/ShippingOption: .*/ShippingOption: EXPRESS/' \"$file\"",
    );
    let mut cmd = crate::interactive::edit_with(&env, &speed, &[EXPORT_JOB]);
    cmd.arg("--plan").arg(&path);
    let (code, _, err) = run(cmd);
    assert_eq!(code, 0, "{err}");
    assert_eq!(read_plan(&path)["Plans"].as_array().unwrap().len(), 1);
    // Saved unchanged, aborted, or not editable: the plan has no orders now.
    let same = crate::interactive::editor(&env, "same.sh", "true");
    let abort = crate::interactive::editor(&env, "abort.sh", "exit 1");
    for (script, job, expected) in [
        (&same, EXPORT_JOB, 0),
        (&abort, EXPORT_JOB, 1),
        (&speed, LOCKED_JOB, 3),
    ] {
        std::fs::write(&path, "{\"Version\": 1, \"Plans\": [\"stale\"]}").unwrap();
        let mut cmd = crate::interactive::edit_with(&env, script, &[job]);
        cmd.arg("--plan").arg(&path);
        let (code, _, err) = run(cmd);
        assert_eq!(code, expected, "{err}");
        assert_eq!(read_plan(&path)["Plans"], json!([]), "{err}");
    }
    assert!(modifying(&env).is_empty());
}

#[test]
fn two_submits_of_one_cancel_plan_at_once_never_fail() {
    let env = Env::demo();
    let mut jobs = vec![IMPORT_JOB.to_string(), EXPORT_JOB.to_string()];
    jobs.extend(env.more_jobs(10));
    let mut args = vec!["cancel"];
    args.extend(jobs.iter().map(String::as_str));
    plan(&env, &args);
    let spawn = || {
        let mut cmd = env.snowjob_std();
        cmd.args(["submit", "--yes", "-o", "json", "--concurrency", "4"])
            .arg(plan_path(&env))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    };
    let outcomes = outcomes_of(vec![spawn(), spawn()]);
    for (i, job) in jobs.iter().enumerate() {
        let mut pair = [outcomes[0][i].as_str(), outcomes[1][i].as_str()];
        pair.sort();
        assert_eq!(pair, ["unchanged", "updated"], "{job}");
        assert_eq!(env.job(job)["JobState"], "Cancelled");
    }
}

#[test]
fn a_submit_refused_after_another_run_made_its_very_change_is_unchanged() {
    let env = Env::demo();
    plan(&env, &["set-shipping", IMPORT_JOB, "--speed", "EXPRESS"]);
    // The first submit's read is held; meanwhile a second submit of the same
    // plan goes through, and then the job leaves New.
    env.server.push_fault(fault(
        "DescribeJob",
        1,
        snowball_local::FaultAction::DelayReply {
            ms: 2000,
            state: None,
            job_id: None,
        },
    ));
    let mut first = env.snowjob_std();
    first
        .args(["submit", "-o", "json"])
        .arg(plan_path(&env))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let first = first.spawn().unwrap();
    let started = std::time::Instant::now();
    while !env.server.faults().is_empty() {
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let (code, out, err) = env.run(["submit"]).arg(plan_path(&env)).json();
    assert_eq!((code, &out[0]["Outcome"]), (0, &json!("updated")), "{err}");
    env.server
        .set_job_state(IMPORT_JOB, "PreparingAppliance")
        .unwrap();
    assert_eq!(outcomes_of(vec![first]), [["unchanged"]]);
    let refused: Vec<_> = env
        .server
        .journal()
        .into_iter()
        .filter(|e| e.operation == "UpdateJob")
        .map(|e| e.error_code)
        .collect();
    assert_eq!(
        refused,
        [None, Some("InvalidJobStateException".to_string())],
        "the second run's update applied, the first's refused"
    );
}

#[test]
fn a_version_no_snowjob_reads_is_quoted_as_written() {
    let env = Env::demo();
    let good = serde_json::to_string(&good_plan(&env)).unwrap();
    assert!(good.starts_with(r#"{"Version":1,"#), "{good}");
    for version in [
        "18446744073709551616",
        "99999999999999999999999999",
        "-9223372036854775809",
        "1.0",
        "1e0",
        "\"1\"",
    ] {
        let text = good.replacen(r#""Version":1"#, &format!(r#""Version":{version}"#), 1);
        let path = env.home.path().join("version.json");
        std::fs::write(&path, text).unwrap();
        refused_file(&env, &path, &[&format!("Version '{version}'")]);
    }
}
