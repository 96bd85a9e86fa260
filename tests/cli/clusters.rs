//! Clusters through the same pipeline as jobs: UpdateCluster while
//! AwaitingQuorum, the same promises (minimal request, structures whole, model
//! and job checks, lost replies settled by reading again, history and undo),
//! node jobs refused, and members a cluster lacks refused per order.

use serde_json::{Value as Json, json};
use snowball_local::backend::demo::{CLUSTER, CLUSTER_JOBS, cluster_seed};

use crate::common::*;

fn with_cluster() -> Env {
    let env = Env::demo();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    env.server.seed(&cluster_seed(now)).expect("seeded");
    env
}

fn cluster(env: &Env) -> Json {
    env.server.cluster(CLUSTER).expect("the cluster is stored")
}

fn cluster_updates(env: &Env) -> Vec<Json> {
    env.server
        .journal()
        .into_iter()
        .filter(|e| e.operation == "UpdateCluster")
        .map(|e| e.input)
        .collect()
}

#[test]
fn a_cluster_is_edited_with_update_cluster_and_only_what_changes() {
    let env = with_cluster();
    let before = cluster(&env);
    let (code, out, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "NEXT_DAY"])
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["ClusterId"], CLUSTER, "{out}");
    assert!(out[0].get("JobId").is_none(), "{out}");
    assert_eq!(out[0]["Outcome"], "updated");
    assert_eq!(
        cluster_updates(&env),
        [json!({"ClusterId": CLUSTER, "ShippingOption": "NEXT_DAY"})]
    );
    assert!(env.updates().is_empty(), "no UpdateJob");
    let after = cluster(&env);
    assert_eq!(after["ShippingOption"], "NEXT_DAY");
    assert_eq!(
        without(&after, &["ShippingOption"]),
        without(&before, &["ShippingOption"])
    );
}

#[test]
fn a_bucket_added_to_a_cluster_keeps_the_others_and_is_local_use() {
    let env = with_cluster();
    let before = cluster(&env)["Resources"]["S3Resources"].clone();
    let (code, out, err) = env
        .run(["add-s3-resource", CLUSTER, "--bucket", "more-samples"])
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    let sent = &cluster_updates(&env)[0]["Resources"]["S3Resources"];
    assert_eq!(sent[0], before[0], "the existing bucket is sent whole");
    assert_eq!(
        sent[1]["TargetOnDeviceServices"][0]["TransferOption"],
        "LOCAL_USE"
    );
}

#[test]
fn members_a_cluster_lacks_are_refused_per_order_and_the_batch_goes_on() {
    let env = with_cluster();
    let (code, out, err) = env
        .run([
            "set-capacity",
            CLUSTER,
            SERVICES_JOB,
            "--capacity",
            "NoPreference",
        ])
        .json();
    assert_eq!(code, 2, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NotForCluster", "{out}");
    assert!(err.contains("SnowballCapacityPreference"), "{err}");
    assert_eq!(out[1]["Outcome"], "updated");
    assert!(cluster_updates(&env).is_empty());
    // Refused before any request for the cluster.
    let reads: Vec<_> = env
        .server
        .journal()
        .into_iter()
        .filter(|e| e.operation == "DescribeCluster")
        .collect();
    assert!(reads.is_empty(), "{reads:?}");
    let (code, out, err) = env
        .run(["apply", CLUSTER, "--file", "-"])
        .stdin("PickupDetails:\n  Name: Kim Lee\n")
        .json();
    assert_eq!(code, 2, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NotForCluster");
    assert!(err.contains("PickupDetails"), "{err}");
}

#[test]
fn a_node_job_is_edited_through_its_cluster() {
    let env = with_cluster();
    let node = CLUSTER_JOBS[0];
    let (code, out, err) = env
        .run(["set-shipping", node, IMPORT_JOB, "--speed", "EXPRESS"])
        .json();
    assert_eq!(code, 2, "{err}");
    assert_eq!(out[0]["Error"]["Code"], "NodeJob", "{out}");
    assert!(
        err.contains(CLUSTER) && err.contains(&format!("snowjob set-shipping {CLUSTER}")),
        "{err}"
    );
    assert_eq!(out[1]["Outcome"], "updated");
    assert_eq!(env.updates().len(), 1, "only the import job's");
}

#[test]
fn a_cluster_no_longer_awaiting_quorum_is_refused_naming_its_state() {
    let env = with_cluster();
    env.server.set_cluster_state(CLUSTER, "Pending").unwrap();
    let (code, _, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "EXPRESS"])
        .text();
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("Pending") && err.contains("AwaitingQuorum"),
        "{err}"
    );
    assert!(cluster_updates(&env).is_empty());
}

#[test]
fn a_lost_reply_to_update_cluster_is_settled_by_reading_it_again() {
    let env = with_cluster();
    env.server
        .push_fault(fault("UpdateCluster", 1, drop_reply(None)));
    let (code, out, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "EXPRESS"])
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(cluster_updates(&env).len(), 1, "read again, not sent again");
    assert_eq!(cluster(&env)["ShippingOption"], "EXPRESS");
}

#[test]
fn a_cluster_edit_is_recorded_and_undone() {
    let env = with_cluster();
    let history = env.home.path().join("history.jsonl");
    let (code, _, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "EXPRESS"])
        .env("SNOWJOB_HISTORY", &history)
        .text();
    assert_eq!(code, 0, "{err}");
    let line: Json =
        serde_json::from_str(std::fs::read_to_string(&history).unwrap().trim()).unwrap();
    assert_eq!(line["ClusterId"], CLUSTER);
    assert_eq!(line["Operation"], "UpdateCluster");
    let (code, out, err) = env
        .run(["history", CLUSTER])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.as_array().unwrap().len(), 1, "{out}");
    let (code, out, err) = env
        .run(["undo", CLUSTER])
        .env("SNOWJOB_HISTORY", &history)
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    assert_eq!(cluster(&env)["ShippingOption"], "SECOND_DAY");
}

#[test]
fn a_value_the_model_refuses_is_never_sent_to_a_cluster() {
    let env = with_cluster();
    let (code, _, err) = env
        .run(["apply", CLUSTER, "--file", "-"])
        .stdin(format!("Description: {}\n", "x".repeat(2000)))
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(cluster_updates(&env).is_empty());
}

#[test]
fn show_gives_cluster_metadata_and_its_table_lists_the_node_jobs() {
    let env = with_cluster();
    let stored = cluster(&env);
    let (code, out, err) = env.run(["show", CLUSTER, IMPORT_JOB]).json();
    assert_eq!(code, 0, "{err}");
    for member in [
        "ClusterId",
        "ClusterState",
        "ShippingOption",
        "Resources",
        "AddressId",
    ] {
        assert_eq!(out[0][member], stored[member], "{member}: {out}");
    }
    assert!(out[0].get("JobId").is_none(), "{out}");
    assert_eq!(out[1]["JobId"], IMPORT_JOB);
    let (code, table, err) = env.run(["show", CLUSTER]).env("COLUMNS", "200").text();
    assert_eq!(code, 0, "{err}");
    assert!(
        table.contains("Cluster") && table.contains("AwaitingQuorum"),
        "{table}"
    );
    for node in CLUSTER_JOBS {
        assert!(table.contains(node), "{node}: {table}");
    }
}

#[test]
fn list_leaves_node_jobs_out_and_offers_the_pending_cluster() {
    let env = with_cluster();
    let (code, out, err) = env.run(["list", "-o", "text"]).text();
    assert_eq!(code, 0, "{err}");
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert!(ids.contains(&CLUSTER), "{out}");
    for node in CLUSTER_JOBS {
        assert!(!ids.contains(&node), "{node}: {out}");
    }
    assert!(ids.contains(&IMPORT_JOB), "{out}");
    // `list --all` shows every job as ListJobs returns it, node jobs included.
    let (_, all, _) = env.run(["list", "--all", "-o", "text"]).text();
    assert!(all.contains(CLUSTER_JOBS[0]), "{all}");
    // What list prints feeds an edit of every pending order, the cluster included.
    let pending: String = ids.iter().map(|id| format!("{id}\n")).collect();
    let (code, out, err) = env
        .run(["set-shipping", "-", "--speed", "EXPRESS"])
        .stdin(pending)
        .json();
    assert_eq!(code, 0, "{err}");
    assert!(
        out.as_array()
            .unwrap()
            .iter()
            .all(|r| r["Outcome"] == "updated" || r["Outcome"] == "unchanged"),
        "{out}"
    );
    assert_eq!(cluster(&env)["ShippingOption"], "EXPRESS");
}

#[test]
fn clusters_follows_every_page_and_filters_the_pending_ones() {
    let env = with_cluster();
    let template = cluster(&env);
    let extra: Vec<Json> = (0..120)
        .map(|i| {
            let mut c = template.clone();
            c["ClusterId"] = json!(format!("CID00000000-0000-4000-8000-000000001{i:03}"));
            c["ClusterState"] = json!(if i % 2 == 0 {
                "AwaitingQuorum"
            } else {
                "Complete"
            });
            c
        })
        .collect();
    env.server
        .seed(&json!({"Clusters": extra, "Jobs": [], "Addresses": []}))
        .expect("seeded");
    let (code, out, err) = env.run(["clusters"]).json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.as_array().unwrap().len(),
        61,
        "60 pending and the demo's"
    );
    let (_, all, _) = env.run(["clusters", "--all"]).json();
    assert_eq!(all.as_array().unwrap().len(), 121);
    let (_, text, _) = env.run(["clusters", "-o", "text"]).text();
    let first = text.lines().next().unwrap();
    assert_eq!(first.split('\t').count(), 4, "{first}");
    let pages = env
        .server
        .journal()
        .into_iter()
        .filter(|e| e.operation == "ListClusters")
        .count();
    assert!(pages >= 6, "every page was read: {pages}");
}

#[test]
fn a_malformed_or_unknown_cluster_is_refused_as_a_job_would_be() {
    let env = with_cluster();
    let (code, _, err) = env
        .run(["set-shipping", "CID-nope", "--speed", "EXPRESS"])
        .text();
    assert_eq!(code, 2, "{err}");
    assert!(env.server.journal().is_empty());
    let (code, _, err) = env
        .run([
            "set-shipping",
            "CID99999999-9999-4999-8999-999999999999",
            "--speed",
            "EXPRESS",
        ])
        .text();
    assert_eq!(code, 4, "{err}");
    assert!(cluster_updates(&env).is_empty());
}

#[test]
fn a_cluster_dry_run_shows_the_exact_request_and_sends_nothing() {
    let env = with_cluster();
    for format in ["json", "yaml", "text"] {
        let (code, out, err) = env
            .run([
                "--dry-run",
                "set-shipping",
                CLUSTER,
                "--speed",
                "EXPRESS",
                "-o",
                format,
            ])
            .text();
        assert_eq!(code, 0, "{format}: {err}");
        assert!(out.contains(CLUSTER), "{format}: {out}");
        assert!(out.contains("planned"), "{format}: {out}");
    }
    let (_, out, _) = env
        .run(["--dry-run", "set-shipping", CLUSTER, "--speed", "EXPRESS"])
        .json();
    assert_eq!(
        out[0]["Request"],
        json!({"ClusterId": CLUSTER, "ShippingOption": "EXPRESS"})
    );
    assert!(cluster_updates(&env).is_empty());
}

#[test]
fn a_patch_merges_into_the_clusters_structures() {
    let env = with_cluster();
    let before = cluster(&env);
    let (code, out, err) = env
        .run(["apply", CLUSTER, "--file", "-"])
        .stdin("Notification:\n  NotifyAll: true\nDescription: renamed\n")
        .json();
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    let sent = &cluster_updates(&env)[0];
    assert_eq!(sent["Description"], "renamed");
    let mut expected = before["Notification"].clone();
    if expected.is_null() {
        expected = json!({});
    }
    expected["NotifyAll"] = json!(true);
    assert_eq!(sent["Notification"], expected, "the other sub-members kept");
}

#[test]
fn a_cluster_is_edited_in_the_editor_with_update_clusters_members_only() {
    let env = with_cluster();
    let script =
        crate::interactive::editor(&env, "ed.sh", "sed -i 's/SECOND_DAY/NEXT_DAY/' \"$1\"");
    let (code, out, err) = run_json(crate::interactive::edit_with(&env, &script, &[CLUSTER]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out[0]["Outcome"], "updated", "{out}");
    let shown = crate::interactive::seen(&env);
    assert!(
        shown.contains("AwaitingQuorum") && shown.contains("UpdateCluster"),
        "{shown}"
    );
    assert!(!shown.contains("SnowballCapacityPreference"), "{shown}");
    assert_eq!(
        cluster_updates(&env),
        [json!({"ClusterId": CLUSTER, "ShippingOption": "NEXT_DAY"})]
    );
}

#[test]
fn a_confirmed_batch_of_a_job_and_a_cluster_is_read_again_and_sent() {
    let env = with_cluster();
    let mut p = crate::interactive::on_terminal(
        &env,
        &["set-shipping", IMPORT_JOB, CLUSTER, "--speed", "EXPRESS"],
        None,
    );
    // A job and a cluster are two orders.
    p.exp_string("Update 2 orders? [y/N]").unwrap();
    // A colleague moves the cluster while the prompt is open.
    let (code, _, _) = env
        .run(["set-shipping", CLUSTER, "--speed", "STANDARD", "-q"])
        .text();
    assert_eq!(code, 0);
    p.send_line("y").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(crate::interactive::exit_code(&mut p), 3);
    assert_eq!(
        cluster(&env)["ShippingOption"],
        "STANDARD",
        "the colleague's value stays"
    );
    assert_eq!(
        env.job(IMPORT_JOB)["ShippingDetails"]["ShippingOption"],
        "EXPRESS"
    );
}

#[test]
fn messages_about_a_cluster_call_it_a_cluster() {
    let env = Env::demo();
    let (code, out, _) = env
        .run(["set-nfs-limit", CLUSTER, "--limit", "33", "--yes"])
        .json();
    assert_eq!(code, 2);
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("cluster {CLUSTER}:")),
        "{message}"
    );

    let (code, _, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "STANDARD", "--yes"])
        .text();
    assert_eq!(code, 0, "{err}");
    let elsewhere = tempfile::tempdir().unwrap();
    let (code, _, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "EXPRESS", "--yes"])
        .env("HOME", elsewhere.path())
        .text();
    assert_eq!(code, 0, "a colleague's change: {err}");
    let (code, out, _) = env.run(["undo", CLUSTER, "--yes"]).json();
    assert_eq!(code, 3);
    let message = out[0]["Error"]["Message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!("cluster {CLUSTER}:")),
        "{message}"
    );
    assert!(!message.contains("this job"), "{message}");
}

#[test]
fn tables_holding_a_cluster_say_job_or_cluster_id() {
    let env = Env::demo();
    let (code, table, err) = env.run(["list"]).env("COLUMNS", "250").text();
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("Job or cluster ID"), "{table}");

    let (code, _, err) = env
        .run(["set-shipping", CLUSTER, "--speed", "STANDARD", "--yes"])
        .text();
    assert_eq!(code, 0, "{err}");
    let (code, table, err) = env.run(["history", CLUSTER]).env("COLUMNS", "250").text();
    assert_eq!(code, 0, "{err}");
    assert!(table.contains("Job or cluster ID"), "{table}");
}

#[test]
fn show_of_a_node_job_calls_it_a_job_and_names_its_cluster() {
    let env = Env::demo();
    let (code, table, err) = env
        .run(["show", CLUSTER_JOBS[0]])
        .env("COLUMNS", "200")
        .text();
    assert_eq!(code, 0, "{err}");
    let header = table.lines().nth(1).unwrap();
    assert!(
        header.contains("Job") && !header.contains("Cluster"),
        "{table}"
    );
    assert!(
        table
            .lines()
            .any(|l| l.contains("Cluster") && l.contains(CLUSTER)),
        "{table}"
    );
}
