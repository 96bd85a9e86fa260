//! One run: what a seed draws (the store, the edit, the weather) and the
//! run of the real pipeline through the simulated world.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value as Json, json};
use snowball_local::backend::demo;
use snowjob::aws::client::Settings;
use snowjob::aws::config::Overrides;
use snowjob::cli::{Cli, Command};
use snowjob::core::pipeline::{self, Edit, Options};
use snowjob::core::plan::{Entry, Plan, Submit};
use snowjob::core::stop::Stop;
use snowjob::history_file::{self, Record};
use snowjob::report::{OrderResult, Outcome};

use crate::rng::Rng;
use crate::world::{Logged, Weather, World};

/// The kinds of edit a run makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A subcommand's own arguments (`set-*`, the bucket commands).
    Line(Vec<String>),
    /// A patch file's text, and the members it names.
    Apply(String, Vec<String>),
    /// `edit`'s saved file: the member changed.
    Edit(String),
    /// `undo` of an edit made first (its line).
    Undo(Vec<String>),
    Cancel,
    /// `submit` of the plan of an edit (its line, or a cancel).
    Submit(Vec<String>),
    /// `conform` of a standard's text (for jobs: a Set, maybe a bucket),
    /// and the members it names.
    Conform(String, Vec<String>),
}

impl Kind {
    pub fn name(&self) -> String {
        match self {
            Kind::Line(line) => line[0].clone(),
            Kind::Apply(..) => "apply".into(),
            Kind::Edit(_) => "edit".into(),
            Kind::Undo(_) => "undo".into(),
            Kind::Cancel => "cancel".into(),
            Kind::Submit(_) => "submit".into(),
            Kind::Conform(..) => "conform".into(),
        }
    }
}

#[derive(Debug)]
pub struct Scenario {
    pub seed: u64,
    pub kind: Kind,
    pub ids: Vec<String>,
    pub concurrency: usize,
    pub dry_run: bool,
    /// A person confirmed the plan (plan, then run with it).
    pub confirmed: bool,
    pub max_attempts: u32,
    pub weather: Weather,
    /// An interrupt at this moment (virtual milliseconds from the start).
    pub interrupt_at: Option<u64>,
    /// The service checks every request's SigV4 signature.
    pub check_signatures: bool,
}

/// What a run did, for the invariants.
pub struct Ran {
    pub scenario: Scenario,
    /// The orders before the edit (after what the run prepared).
    pub initial: BTreeMap<String, Json>,
    /// Before anything (an undo's edit undone, a plan made).
    pub pristine: BTreeMap<String, Json>,
    pub last: BTreeMap<String, Json>,
    pub log: Vec<Logged>,
    /// `Err`: the run did not finish, and why.
    pub results: Result<Vec<OrderResult>, String>,
    /// Why the edit was not run at all (what it prepared could not be).
    pub not_run: Option<String>,
    /// What the pipeline told its progress callback, in order.
    pub told: Vec<OrderResult>,
    /// The plan a person confirmed.
    pub confirmed: Option<Vec<OrderResult>>,
    /// `submit`'s plan entries.
    pub plan: Vec<Entry>,
    /// `undo`'s records.
    pub undone: HashMap<String, Record>,
    /// The members the edit may send.
    pub members: Vec<String>,
    pub stopped: bool,
}

#[derive(Default)]
pub struct Summary {
    pub outcomes: BTreeMap<&'static str, u64>,
    pub requests: u64,
    pub faults: u64,
}

#[derive(Default)]
pub struct Tally {
    pub runs: u64,
    summary: Summary,
}

impl Tally {
    pub fn add(&mut self, s: &Summary) {
        self.runs += 1;
        for (k, v) in &s.outcomes {
            *self.summary.outcomes.entry(k).or_default() += v;
        }
        self.summary.requests += s.requests;
        self.summary.faults += s.faults;
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} requests, {} faults; outcomes {:?}",
            self.summary.requests, self.summary.faults, self.summary.outcomes
        )
    }
}

impl Ran {
    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for r in self.results.iter().flatten() {
            *s.outcomes.entry(r.outcome.as_str()).or_default() += 1;
        }
        for entry in &self.log {
            if let Logged::Request(r) = entry {
                s.requests += 1;
                s.faults += u64::from(r.fault.is_some());
            }
        }
        s
    }

    /// The run, for a person replaying it (no credentials in it).
    pub fn describe(&self) -> String {
        let sc = &self.scenario;
        let mut text = format!(
            "seed {}: {:?} of {:?}; concurrency {}, attempts {}, dry run {}, confirmed {}, interrupt at {:?} ms, {:?}\n",
            sc.seed,
            sc.kind,
            sc.ids,
            sc.concurrency,
            sc.max_attempts,
            sc.dry_run,
            sc.confirmed,
            sc.interrupt_at,
            sc.weather
        );
        for entry in &self.log {
            match entry {
                Logged::Request(r) => text.push_str(&format!(
                    "  #{} {} {} {}{}{} -> {:?}{}\n",
                    r.n,
                    r.operation,
                    r.id,
                    if r.mutating {
                        serde_json::to_string(&r.input).unwrap_or_default()
                    } else {
                        String::new()
                    },
                    r.fault.map(|f| format!(" [{f}]")).unwrap_or_default(),
                    if r.applied { " applied" } else { "" },
                    r.seen,
                    if r.in_flight_at_stop {
                        " (in flight at the interrupt)"
                    } else {
                        ""
                    },
                )),
                Logged::Event { before, event } => {
                    text.push_str(&format!("  before #{before}: {event:?}\n"))
                }
            }
        }
        match &self.results {
            Ok(results) => {
                for r in results {
                    text.push_str(&format!(
                        "  result {} {} {:?} {}\n",
                        r.id,
                        r.outcome.as_str(),
                        r.changes
                            .iter()
                            .map(|c| format!("{}: {} -> {}", c.field, c.before, c.after))
                            .collect::<Vec<_>>(),
                        r.error
                            .as_ref()
                            .map(|e| format!("{}: {}", e.code, e.message))
                            .unwrap_or_default()
                    ))
                }
            }
            Err(e) => text.push_str(&format!("  no results: {e}\n")),
        }
        text
    }
}

const SPEEDS: [&str; 4] = ["NEXT_DAY", "SECOND_DAY", "EXPRESS", "STANDARD"];

/// The store a seed starts from: the demo's jobs and cluster, varied.
fn store(rng: &mut Rng) -> Json {
    let now = snowball_local::http::server::now();
    let mut seed = demo::seed(now);
    let cluster = demo::cluster_seed(now);
    let jobs = seed["Jobs"].as_array_mut().expect("jobs");
    jobs.extend(
        cluster["Jobs"]
            .as_array()
            .expect("node jobs")
            .iter()
            .cloned(),
    );
    for job in jobs.iter_mut() {
        if job["ClusterId"].is_string() {
            continue;
        }
        if rng.chance(2) {
            job["ShippingDetails"]["ShippingOption"] = json!(*rng.pick(&SPEEDS));
        }
        if rng.chance(3) {
            job.as_object_mut().expect("a job").remove("Notification");
        } else if rng.chance(3) {
            job["Notification"] = json!({"SnsTopicARN": "arn:aws:sns:us-east-1:123456789012:ops",
                "JobStatesToNotify": ["New", "Complete"], "NotifyAll": rng.chance(2)});
        }
        let extra = rng.below(3);
        let list = job["Resources"]["S3Resources"]
            .as_array_mut()
            .expect("buckets");
        for k in 0..extra {
            let mut bucket = json!({"BucketArn": format!("arn:aws:s3:::extra-{k}")});
            if rng.chance(2) {
                bucket["TargetOnDeviceServices"] =
                    json!([{"ServiceName": "NFS_ON_DEVICE_SERVICE", "TransferOption": "IMPORT"}]);
            }
            list.push(bucket);
        }
        if rng.chance(8) {
            // The same bucket twice: bucket edits are ambiguous.
            let first = list[0].clone();
            list.push(first);
        }
        if rng.chance(4) {
            job["Resources"]["LambdaResources"] = json!([{"LambdaArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
                "EventTriggers": [{"EventResourceARN": "arn:aws:s3:::extra-0"}]}]);
        }
        if job["OnDeviceServiceConfiguration"].is_object() {
            job["OnDeviceServiceConfiguration"]["NFSOnDeviceService"]["StorageLimit"] =
                json!(1 + rng.below(20));
        } else if rng.chance(4) {
            job["OnDeviceServiceConfiguration"] = json!({"NFSOnDeviceService": {"StorageLimit": 1 + rng.below(8), "StorageUnit": "TB"}});
        }
    }
    let mut cluster_meta = cluster["Clusters"][0].clone();
    if rng.chance(2) {
        cluster_meta["ShippingOption"] = json!(*rng.pick(&SPEEDS));
    }
    json!({"Addresses": seed["Addresses"], "Jobs": seed["Jobs"], "Clusters": [cluster_meta]})
}

/// The orders an edit names: mostly pending jobs, sometimes the cluster, a
/// node job or one no longer New.
fn orders(rng: &mut Rng, kind: &Kind) -> Vec<String> {
    let pending = [
        demo::IMPORT_JOB,
        demo::EXPORT_JOB,
        demo::COMPUTE_JOB,
        demo::SERVICES_JOB,
    ];
    let count = if matches!(kind, Kind::Edit(_)) {
        1
    } else {
        1 + rng.below(3)
    };
    let mut ids: Vec<String> = Vec::new();
    for _ in 0..count {
        let id = match rng.below(10) {
            0 => demo::CLUSTER,
            1 if rng.chance(2) => demo::LOCKED_JOB,
            1 => demo::CLUSTER_JOBS[0],
            _ => *rng.pick(&pending),
        };
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    ids
}

/// A subcommand's line (without the IDs).
fn line(rng: &mut Rng) -> Vec<String> {
    let words: Vec<&str> = match rng.below(5) {
        0 => match rng.below(4) {
            0 => vec![
                "set-shipping",
                "--forwarding-address-id",
                demo::FORWARDING_ADDRESS,
            ],
            1 => vec![
                "set-shipping",
                "--speed",
                rng.word(&SPEEDS),
                "--address-id",
                demo::HOME_ADDRESS,
            ],
            _ => vec!["set-shipping", "--speed", rng.word(&SPEEDS)],
        },
        1 => vec![
            "set-capacity",
            "--capacity",
            rng.word(&["T100", "T98", "T42", "T32", "NoPreference"]),
        ],
        2 => vec![
            "set-nfs-limit",
            "--limit",
            rng.word(&["1", "4", "8", "16", "30"]),
        ],
        3 => {
            let mut words = vec![
                "add-s3-resource",
                "--bucket",
                rng.word(&[
                    "arn:aws:s3:::example-migration-raw",
                    "arn:aws:s3:::extra-0",
                    "new-bucket",
                    "arn:aws:s3:::example-field-lab",
                ]),
            ];
            if rng.chance(2) {
                words.extend(["--service", rng.word(&["nfs", "s3"])]);
            }
            words
        }
        _ => vec![
            "remove-s3-resource",
            "--bucket",
            rng.word(&[
                "arn:aws:s3:::example-migration-archive",
                "arn:aws:s3:::extra-0",
                "arn:aws:s3:::extra-1",
                "arn:aws:s3:::example-video",
            ]),
        ],
    };
    words.into_iter().map(String::from).collect()
}

/// The members a subcommand's line may send.
fn line_members(line: &[String]) -> Vec<String> {
    let members: &[&str] = match line[0].as_str() {
        "set-shipping" => &["ShippingOption", "AddressId", "ForwardingAddressId"],
        "set-capacity" => &["SnowballCapacityPreference"],
        "set-nfs-limit" => &["OnDeviceServiceConfiguration"],
        _ => &["Resources"],
    };
    members.iter().map(|m| m.to_string()).collect()
}

fn patch_text(rng: &mut Rng) -> (String, Vec<String>) {
    let (text, members): (&str, &[&str]) = match rng.below(7) {
        5 => (
            "Description: three at once\nShippingOption: STANDARD\nNotification:\n  SnsTopicARN: arn:aws:sns:us-east-1:123456789012:three\n  JobStatesToNotify: [New]\n",
            &["Description", "ShippingOption", "Notification"],
        ),
        6 => (
            "{\"Description\": \"two\", \"ShippingOption\": \"EXPRESS\"}\n",
            &["ShippingOption", "Description"],
        ),
        0 => ("Description: applied by the simulation\n", &["Description"]),
        1 => ("ShippingOption: EXPRESS\n", &["ShippingOption"]),
        2 => (
            "Notification:\n  SnsTopicARN: arn:aws:sns:us-east-1:123456789012:applied\n  JobStatesToNotify: [Complete]\n",
            &["Notification"],
        ),
        3 => (
            "{\"ShippingOption\": \"NEXT_DAY\", \"Description\": \"both\"}\n",
            &["ShippingOption", "Description"],
        ),
        _ => (
            "OnDeviceServiceConfiguration:\n  NFSOnDeviceService:\n    StorageLimit: 2\n",
            &["OnDeviceServiceConfiguration"],
        ),
    };
    (
        text.to_string(),
        members.iter().map(|m| m.to_string()).collect(),
    )
}

/// A standard whose Set is a patch's text, for jobs (clusters in the run are
/// then not selected), and sometimes a bucket every job must hold.
fn standard_text(patch: &str, members: &mut Vec<String>, rng: &mut Rng) -> String {
    let set = match patch.starts_with('{') {
        true => format!("Set: {patch}"),
        false => {
            let lines: Vec<String> = patch.lines().map(|l| format!("  {l}")).collect();
            format!("Set:\n{}\n", lines.join("\n"))
        }
    };
    let mut text = format!("Name: sim\nSelect: {{Kind: [job]}}\n{set}");
    if !members.iter().any(|m| m == "Resources") && rng.chance(2) {
        text.push_str("Buckets:\n  - Bucket: sim-audit-trail\n");
        members.push("Resources".into());
    }
    text
}

pub fn draw(seed: u64) -> (Scenario, Json, Rng) {
    let mut rng = Rng::new(seed);
    let doc = store(&mut rng);
    let kind = match rng.below(11) {
        10 => {
            let (text, mut members) = patch_text(&mut rng);
            Kind::Conform(standard_text(&text, &mut members, &mut rng), members)
        }
        0..=3 => Kind::Line(line(&mut rng)),
        4 => {
            let (text, members) = patch_text(&mut rng);
            Kind::Apply(text, members)
        }
        5 => Kind::Edit(
            rng.pick(&["Description", "ShippingOption", "Resources"])
                .to_string(),
        ),
        6 => Kind::Undo(line(&mut rng)),
        7 => Kind::Cancel,
        _ => Kind::Submit(if rng.chance(4) {
            vec!["cancel".into()]
        } else {
            line(&mut rng)
        }),
    };
    let ids = orders(&mut rng, &kind);
    let weather = match rng.below(5) {
        0 => Weather { fault: 0, event: 0 },
        1 => Weather {
            fault: 600,
            event: 300,
        },
        _ => Weather {
            fault: 1 + rng.below(400),
            event: rng.below(200),
        },
    };
    let scenario = Scenario {
        seed,
        ids,
        concurrency: 1 + rng.below(3) as usize,
        dry_run: rng.chance(12),
        confirmed: !matches!(kind, Kind::Submit(_)) && rng.chance(5),
        max_attempts: 1 + rng.below(4) as u32,
        weather,
        interrupt_at: rng.chance(8).then(|| rng.below(8000)),
        check_signatures: rng.chance(8),
        kind,
    };
    let world_rng = rng.fork();
    (scenario, doc, world_rng)
}

/// Every edit is one of these: a subcommand's arguments, or what another
/// command built (`Box<dyn Edit>`).
fn parsed_edit(line: &[String], ids: &[String]) -> Box<dyn Edit> {
    let mut argv: Vec<String> = vec!["snowjob".into(), line[0].clone()];
    argv.extend(ids.iter().cloned());
    argv.extend(line[1..].iter().cloned());
    // The command line built once a thread (building it is most of parsing).
    thread_local! {
        static LINE: clap::Command = {
            let mut command = <Cli as clap::CommandFactory>::command();
            command.build();
            command
        };
    }
    let cli = LINE
        .with(|command| command.clone().try_get_matches_from(&argv))
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches))
        .unwrap_or_else(|e| panic!("{argv:?}: {e}"));
    match cli.command {
        Command::SetShipping(a) => Box::new(a),
        Command::SetCapacity(a) => Box::new(a),
        Command::SetNfsLimit(a) => Box::new(a),
        Command::AddS3Resource(a) => Box::new(a),
        Command::RemoveS3Resource(a) => Box::new(a),
        other => panic!("not an edit line: {other:?}"),
    }
}

fn options(sc: &Scenario, dry_run: bool, progress: Option<pipeline::Progress>) -> Options {
    Options {
        command: sc.kind.name(),
        dry_run,
        concurrency: sc.concurrency,
        progress,
    }
}

/// Runs one seed from start to end.
pub fn run(seed: u64) -> Ran {
    let (scenario, doc, world_rng) = draw(seed);
    fastrand::seed(seed);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a runtime");
    runtime.block_on(simulate(scenario, doc, world_rng))
}

async fn simulate(scenario: Scenario, doc: Json, world_rng: Rng) -> Ran {
    let config = snowball_local::Config {
        seed: Some(doc),
        // Signatures checked in some runs (checking costs a run a twentieth).
        credentials: scenario.check_signatures.then(|| {
            (
                snowball_local::DEFAULT_ACCESS_KEY.into(),
                snowball_local::DEFAULT_SECRET_KEY.into(),
            )
        }),
        ..snowball_local::Config::default()
    };
    let shared = snowball_local::build_state(&config).expect("the seed loads");
    let (stop, raise) = Stop::manual();
    let world = World::new(shared, world_rng, scenario.weather, raise);
    let settings = Settings {
        overrides: Overrides {
            region: Some(snowball_local::DEFAULT_REGION.into()),
            endpoint_url: Some("http://snowball.sim".into()),
            max_attempts: Some(scenario.max_attempts),
            ..Overrides::default()
        },
        http_client: Some(world.http_client()),
        ..Settings::default()
    };
    let snow = snowjob::commands::connect_with(&settings, &stop)
        .await
        .expect("connects")
        .expect("no signal yet");
    let pristine = world.snapshot();
    let mut ran = Ran {
        initial: BTreeMap::new(),
        pristine,
        last: BTreeMap::new(),
        log: Vec::new(),
        results: Ok(Vec::new()),
        not_run: None,
        told: Vec::new(),
        confirmed: None,
        plan: Vec::new(),
        undone: HashMap::new(),
        members: Vec::new(),
        stopped: false,
        scenario,
    };
    let sc = &ran.scenario;
    let mut ids = sc.ids.clone();
    let quiet = |sc: &Scenario| options(sc, false, None);
    let target = snowjob::commands::history::target(&snow);
    // What the run prepares, without faults.
    let edit: Box<dyn Edit> = match &sc.kind {
        Kind::Line(line) => {
            ran.members = line_members(line);
            parsed_edit(line, &ids)
        }
        Kind::Apply(text, members) => {
            ran.members = members.clone();
            let file = snowjob::core::patch_file::parse(text).expect("a valid patch");
            Box::new(snowjob::commands::apply::Apply(file))
        }
        Kind::Cancel => Box::new(snowjob::commands::cancel::Cancel),
        Kind::Conform(text, members) => {
            ran.members = members.clone();
            let standard =
                snowjob::core::standard::parse(text, "the standard").expect("a valid standard");
            Box::new(snowjob::commands::conform::Conform::new(vec![standard]))
        }
        Kind::Edit(member) => {
            ran.members = vec![member.clone()];
            let id = &ids[0];
            let Ok(order) = snow.describe_order(id).await else {
                ran.not_run = Some("the order to edit cannot be read".into());
                return finish(ran, &world);
            };
            if pipeline::ensure_editable(id, &order, "edit").is_err() {
                ran.not_run = Some("the order to edit is not editable".into());
                return finish(ran, &world);
            }
            let mut members = snowjob::core::patch::editable_members(&order.metadata);
            let value = match member.as_str() {
                "Description" => json!("edited in the simulation\u{2028}line two"),
                "ShippingOption" => json!("EXPRESS"),
                _ => {
                    let mut resources = members.get("Resources").cloned().unwrap_or(json!({}));
                    if let Some(list) = resources
                        .get_mut("S3Resources")
                        .and_then(Json::as_array_mut)
                    {
                        list.push(json!({"BucketArn": "arn:aws:s3:::edited-in"}));
                    }
                    resources
                }
            };
            members.insert(member.clone(), value);
            let text = snowjob::yaml::to_string(&Json::Object(members));
            match snowjob::commands::edit::saved(&text, &order.metadata) {
                Ok(Some(edit)) => Box::new(edit),
                Ok(None) => {
                    ran.not_run = Some("the saved file changes nothing".into());
                    return finish(ran, &world);
                }
                Err(e) => {
                    ran.not_run = Some(format!("the saved file is refused: {e}"));
                    return finish(ran, &world);
                }
            }
        }
        Kind::Undo(line) => {
            let before = parsed_edit(line, &ids);
            let results = pipeline::run(&snow, &ids, &*before, &quiet(sc), None, &stop)
                .await
                .unwrap_or_default();
            let records = history_file::records(&results, &target, &line[0], "then");
            for r in records {
                for c in &r.changes {
                    if !ran.members.contains(&c.field) {
                        ran.members.push(c.field.clone());
                    }
                }
                ran.undone.insert(r.id.clone(), r);
            }
            Box::new(snowjob::core::undo::Undo {
                last: ran.undone.clone(),
            })
        }
        Kind::Submit(line) => {
            let reviewed: Box<dyn Edit> = if line[0] == "cancel" {
                Box::new(snowjob::commands::cancel::Cancel)
            } else {
                parsed_edit(line, &ids)
            };
            let planned = pipeline::preview(&snow, &ids, &*reviewed, &quiet(sc), &stop)
                .await
                .unwrap_or_default();
            let written = Plan::of(&planned, &target, &line[0], "2026-12-08T00:00:00Z");
            let text = written.to_json().to_string();
            let plan = Plan::parse(text.as_bytes(), "the plan").expect("a plan reads back");
            ids = plan.entries.iter().map(|e| e.id.clone()).collect();
            ran.plan = plan.entries.clone();
            Box::new(Submit::new(&plan))
        }
    };
    // Only an undo's edit and a plan changed or read anything before.
    ran.initial = match sc.kind {
        Kind::Undo(_) | Kind::Submit(_) | Kind::Edit(_) => world.snapshot(),
        _ => ran.pristine.clone(),
    };
    let mut targets: Vec<String> = ids.clone();
    for id in [demo::IMPORT_JOB, demo::CLUSTER] {
        if !targets.iter().any(|t| t == id) {
            targets.push(id.to_string());
        }
    }
    world.arm(
        targets,
        vec![demo::FORWARDING_ADDRESS.into(), demo::HOME_ADDRESS.into()],
    );
    if let Some(ms) = sc.interrupt_at {
        let world = world.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            let n = world.requests();
            world.interrupt(n + 1);
        });
    }
    let told = Arc::new(Mutex::new(Vec::new()));
    let progress: pipeline::Progress = {
        let told = told.clone();
        Box::new(move |r: &OrderResult| told.lock().expect("told").push(r.clone()))
    };
    let mut confirmed = None;
    let work = async {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        if sc.confirmed && !sc.dry_run {
            let planned = pipeline::preview(&snow, &ids, &*edit, &quiet(sc), &stop).await?;
            let some = planned.iter().any(|r| r.outcome == Outcome::Planned);
            confirmed = Some(planned.clone());
            if !some {
                return Ok(planned);
            }
            pipeline::run(
                &snow,
                &ids,
                &*edit,
                &options(sc, false, Some(progress)),
                Some(&planned),
                &stop,
            )
            .await
        } else {
            pipeline::run(
                &snow,
                &ids,
                &*edit,
                &options(sc, sc.dry_run, Some(progress)),
                None,
                &stop,
            )
            .await
        }
    };
    let results = tokio::time::timeout(Duration::from_secs(6 * 3600), work).await;
    ran.results = match results {
        Ok(Ok(results)) => Ok(results),
        Ok(Err(e)) => Err(format!("the batch failed: {}", e.message)),
        Err(_) => Err("the run did not finish within 6 hours (simulated)".into()),
    };
    ran.confirmed = confirmed;
    ran.told = told.lock().expect("told").clone();
    ran.stopped = stop.is_stopped();
    finish(ran, &world)
}

fn finish(mut ran: Ran, world: &World) -> Ran {
    world.disarm();
    ran.last = world.snapshot();
    ran.log = world.log();
    if ran.initial.is_empty() {
        ran.initial = ran.last.clone();
    }
    ran
}
