//! `conform`: every pending order kept to the team's standards. The
//! standards are read and checked once; each pass lists the pending orders,
//! selects them from their list entries, and makes one edit per selected
//! order through the pipeline every edit uses (`apply`'s merge, then
//! `add-s3-resource`'s bucket step). `--check` sends nothing and exits 7 on
//! drift; `--watch` runs a pass every DURATION until a signal.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Duration;

use aws_sdk_snowball::types::JobMetadata;
use clap::{Args, ValueEnum};

use super::add_s3_resource::{AddS3ResourceArgs, Service};
use crate::args::{Bucket, Format, Global, JobIds};
use crate::aws::client::Snow;
use crate::core::patch::Patch;
use crate::core::pipeline::{Context, Edit};
use crate::core::standard::{self, BucketRule, Facts, Standard, Verdict};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};
use crate::output::{render, stdio};
use crate::report::{OrderResult, Outcome};
use crate::text::quote;
use snowball_model::OrderKind;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Keep every pending order to the team's standards (standard files).
///
/// A standard (YAML or JSON, at most 1 MiB) has a Name (1-64 of A-Z a-z 0-9
/// . _ -), an optional Select (Kind: job, cluster; JobType; SnowballType;
/// Description, a regular expression found anywhere in the description),
/// and Set (a patch: the members and rules of apply), Buckets (each
/// present on every selected order, as add-s3-resource adds or adjusts
/// it: Bucket, BeginMarker, EndMarker, Services, TransferOption) or both.
/// Every standard is checked whole before any request (exit 2, each
/// problem with its file, key path and line). A Set member UpdateCluster
/// lacks needs `Select: {Kind: [job]}` (exit 2, NotForCluster).
///
/// Each pass lists the pending orders (jobs New, not node jobs; clusters
/// AwaitingQuorum), selects them from their list entries (an order ruled
/// out is never read), and makes one edit per selected order, through the
/// same checks, confirmation, --dry-run, --plan, history and undo as
/// apply. An order that already conforms is unchanged. Two standards that
/// give one order's member different values fail that order (exit 2,
/// StandardsConflict), and only it. Results and history records carry
/// Standards, the names of the standards that selected the order.
///
/// --check sends nothing: exit 7 when some order would change. --watch
/// runs a pass every DURATION until SIGINT or SIGTERM; a pass that fails is
/// reported and the next one still runs. With --watch each pass prints only
/// the orders that were not unchanged (-o json: one compact array a line)
/// and a summary line on stderr; it never asks, so on a terminal it needs
/// --yes (or --check, --dry-run).
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct ConformArgs {
    /// Standard files (YAML or JSON, at most 1 MiB each), or - for stdin (once).
    #[arg(required = true, value_name = "STANDARD")]
    pub standards: Vec<PathBuf>,
    /// Send nothing; exit 7 when some order does not meet the standards.
    #[arg(long)]
    pub check: bool,
    /// A pass every DURATION (30s, 5m, 1h30m; 1s to 24h) until SIGINT or SIGTERM.
    #[arg(long, value_name = "DURATION", value_parser = interval)]
    pub watch: Option<Duration>,
}

impl super::Declared for ConformArgs {
    const WHAT: super::What = super::What::Edit;
}

/// The shortest and longest `--watch` interval.
const WATCH_RANGE: (Duration, Duration) = (Duration::from_secs(1), Duration::from_secs(24 * 3600));

fn interval(text: &str) -> Result<Duration, String> {
    let d = humantime::parse_duration(text.trim())
        .map_err(|e| format!("'{text}' is not a duration ({e}): write 30s, 5m or 1h30m"))?;
    if d < WATCH_RANGE.0 || d > WATCH_RANGE.1 {
        return Err(format!("'{text}' is outside 1s to 24h"));
    }
    Ok(d)
}

/// The edit one pass makes: each order the standards that select it, as one patch.
#[derive(Debug)]
pub struct Conform {
    standards: Vec<Standard>,
    /// Each order's selecting standards (from its list entry, then from the
    /// order read); an order absent or with none is not reported.
    selected: Mutex<HashMap<String, Vec<String>>>,
}

impl Conform {
    /// The edit of `standards`; each order's selection is noted from its
    /// list entry (a pass) or, at the latest, from the order read.
    pub fn new(standards: Vec<Standard>) -> Conform {
        Conform {
            standards,
            selected: Mutex::new(HashMap::new()),
        }
    }

    fn select(&self, id: &str, names: Vec<String>) {
        lock(&self.selected).insert(id.to_string(), names);
    }

    /// The standards that select an order, as far as `facts` tell.
    fn judge(&self, facts: &Facts) -> (Verdict, Vec<String>) {
        let mut verdict = Verdict::NotSelected;
        let mut names = Vec::new();
        for s in &self.standards {
            match s.select.judge(facts) {
                Verdict::NotSelected => continue,
                Verdict::Undecided if verdict == Verdict::NotSelected => {
                    verdict = Verdict::Undecided
                }
                Verdict::Selected => verdict = Verdict::Selected,
                Verdict::Undecided => {}
            }
            names.push(s.name.clone());
        }
        (verdict, names)
    }

    /// add-s3-resource's arguments for a bucket rule.
    fn bucket_step(rule: &BucketRule) -> AddS3ResourceArgs {
        AddS3ResourceArgs {
            ids: JobIds { jobs: Vec::new() },
            bucket: Bucket {
                bucket: rule.bucket.clone(),
            },
            begin_marker: rule.begin_marker.clone(),
            end_marker: rule.end_marker.clone(),
            services: rule
                .services
                .iter()
                .filter_map(|s| Service::from_str(s, true).ok())
                .collect(),
            transfer_option: rule.transfer_option.clone(),
        }
    }
}

impl Edit for Conform {
    fn check(&self, ctx: &Context) -> Result<(), Failure> {
        for s in &self.standards {
            for rule in &s.buckets {
                Conform::bucket_step(rule).check(ctx).map_err(|e| {
                    Failure::invalid(format!("standard {}: {}", quote(&s.name), e.message))
                })?;
            }
        }
        Ok(())
    }

    fn patch(&self, job: &JobMetadata, ctx: &Context) -> Result<Patch, Failure> {
        let id = job.job_id().unwrap_or_default();
        let kind = OrderKind::of(id);
        let facts = Facts::of_order(kind, job);
        let selecting: Vec<&Standard> = self
            .standards
            .iter()
            .filter(|s| s.select.judge(&facts) == Verdict::Selected)
            .collect();
        self.select(id, selecting.iter().map(|s| s.name.clone()).collect());
        if selecting.is_empty() {
            return Ok(Patch::default());
        }
        let combined = standard::combine(&selecting).map_err(|mut e| {
            e.message = format!("{} {id}: {}", kind.noun(), e.message);
            e
        })?;
        // `apply`'s merge, then each bucket as add-s3-resource adds it (a
        // standard's Set never holds Resources beside another's Buckets).
        let mut patch = match &combined.set {
            Some(file) => file.patch_for(job).map_err(Failure::invalid)?,
            None => Patch::default(),
        };
        if !combined.buckets.is_empty() {
            let mut order = job.clone();
            for rule in &combined.buckets {
                let step = Conform::bucket_step(rule).patch(&order, ctx)?;
                if let Some(resources) = step.resources {
                    order.resources = Some(resources);
                }
            }
            patch.resources = order.resources;
        }
        Ok(patch)
    }

    fn standards(&self, id: &str) -> Option<Vec<String>> {
        lock(&self.selected)
            .get(id)
            .filter(|names| !names.is_empty())
            .cloned()
    }
}

/// One standard read (`read`) and checked.
fn checked(path: &std::path::Path, read: std::io::Result<Vec<u8>>) -> Result<Standard, Failure> {
    let source = super::named(path);
    let typical = "a standard is a few KiB";
    let text = super::text_of(read, standard::MAX_BYTES, "standard", &source, typical)?;
    standard::parse(&text, &source)
}

/// Reads and checks every standard before any request.
async fn load(paths: &[PathBuf], stop: &Stop) -> Result<Option<Vec<Standard>>, Failure> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure::invalid(
            "stdin (-) can hold one standard only: give the others as files",
        ));
    }
    let mut standards: Vec<Standard> = Vec::with_capacity(paths.len());
    // Every file is checked, and every problem of each reported at once.
    let mut refused: Vec<Failure> = Vec::new();
    for path in paths {
        let Some(read) = super::read_input(path, standard::MAX_BYTES, stop).await else {
            return Ok(None);
        };
        match checked(path, read) {
            Err(e) => refused.push(e),
            Ok(parsed) => match standards.iter().position(|s| s.name == parsed.name) {
                Some(other) => refused.push(Failure::invalid(format!(
                    "{}: the name {} is the name of {} too; each standard of a run needs its own Name (nothing was sent)",
                    super::named(path),
                    quote(&parsed.name),
                    quote(&paths[other].display().to_string())
                ))),
                None => standards.push(parsed),
            },
        }
    }
    match refused.len() {
        0 => {}
        1 => return Err(refused.remove(0)),
        _ => {
            let code = match refused.iter().all(|e| e.is(Code::NotForCluster)) {
                true => Code::NotForCluster,
                false => Code::InvalidInput,
            };
            let messages: Vec<String> = refused.into_iter().map(|e| e.message).collect();
            return Err(Failure::of(code, messages.join("\n")));
        }
    }
    Ok(Some(standards))
}

pub async fn run(global: &Global, args: &ConformArgs, stop: &Stop) -> Result<i32, Failure> {
    if args.watch.is_some() {
        if global.plan.is_some() {
            return Err(Failure::invalid(
                "--plan goes with one pass, not --watch: run `conform --check --plan FILE` on a schedule; nothing was sent",
            ));
        }
        let terminal = global.terminal.can_ask();
        if terminal && !(global.yes || args.check || global.dry_run) {
            return Err(Failure::of(
                Code::NeedsYes,
                "--watch never asks before it sends: give --yes (or --check, or --dry-run); nothing was sent",
            ));
        }
    }
    let Some(standards) = load(&args.standards, stop).await? else {
        return Ok(0);
    };
    let mut global = global.clone();
    global.dry_run |= args.check;
    let Some(snow) = super::connect(&global, stop).await? else {
        return Ok(0);
    };
    let edit = Conform::new(standards);
    match args.watch {
        None => one_pass(&global, &snow, &edit, args.check, stop).await,
        Some(every) => {
            watch(&global, &snow, &edit, every, stop).await;
            Ok(0)
        }
    }
}

/// The pending orders the standards may select, in list order (jobs, then
/// clusters); each one's standards noted as far as its entry tells.
async fn selected_orders(snow: &Snow, edit: &Conform) -> Result<Vec<String>, Failure> {
    let entries = super::pending_orders(snow).await?;
    lock(&edit.selected).clear();
    let mut ids = Vec::new();
    for entry in &entries {
        let Some(id) = ["JobId", "ClusterId"]
            .iter()
            .find_map(|k| entry.get(*k).and_then(|v| v.as_str()))
        else {
            continue;
        };
        let (verdict, names) = edit.judge(&Facts::of_entry(OrderKind::of(id), entry));
        if verdict != Verdict::NotSelected {
            edit.select(id, names);
            ids.push(id.to_string());
        }
    }
    Ok(ids)
}

/// The results a pass reports: the selected orders only (a cluster its
/// standards ruled out once read, or a job that turned out to be a node
/// job, is left out).
fn reported(edit: &Conform, results: Vec<OrderResult>) -> Vec<OrderResult> {
    results
        .into_iter()
        .filter(|r| !r.error.as_ref().is_some_and(|e| e.is(Code::NodeJob)))
        .filter(|r| edit.standards(&r.id).is_some())
        .collect()
}

/// One pass, reported as any edit is; `--check` exits 7 on drift.
async fn one_pass(
    global: &Global,
    snow: &Snow,
    edit: &Conform,
    check: bool,
    stop: &Stop,
) -> Result<i32, Failure> {
    let ids = selected_orders(snow, edit).await?;
    let results = match super::send_edit(global, snow, &ids, edit, 2, stop).await {
        super::Sent::Results(results) => reported(edit, results),
        super::Sent::Reported(code, _) => return Ok(code),
    };
    let code = super::report_edit(global, snow, &results, stop);
    let drifting = results
        .iter()
        .filter(|r| r.outcome == Outcome::Planned)
        .count();
    if check && code == 0 && drifting > 0 && !stop.is_stopped() {
        let drift = Failure::of(
            Code::Drift,
            format!(
                "{drifting} of {} orders do not meet the standards; nothing was sent (--check)",
                results.len()
            ),
        );
        super::say_error(global, &drift);
        return Ok(drift.exit_code());
    }
    Ok(code)
}

/// A pass every `every` (the next one `every` after the last began, at once
/// when a pass took longer) until a signal, which ends a wait at once.
async fn watch(global: &Global, snow: &Snow, edit: &Conform, every: Duration, stop: &Stop) {
    for pass in 1u64.. {
        let began = tokio::time::Instant::now();
        // A pass is a batch like any other: a signal during it is handled
        // by the pipeline (updates in flight get their grace, every answered
        // one recorded, the results so far printed).
        snow.pace().renew();
        watched_pass(global, snow, edit, pass, stop).await;
        // A closed stdout (`| head`) ends the loop: nobody reads its results.
        if stop.is_stopped() || stdio::out_closed() {
            return;
        }
        let next = tokio::time::sleep_until(began + every);
        if stop.until_stopped(next).await.is_none() {
            return;
        }
    }
}

/// One pass of `--watch`: only the orders that were not unchanged printed
/// (`-o json` one compact array a line), and a summary line on stderr. A
/// pass that fails is reported, and the loop goes on.
async fn watched_pass(global: &Global, snow: &Snow, edit: &Conform, pass: u64, stop: &Stop) {
    let time = crate::aws::convert::timestamp(&aws_smithy_types::DateTime::from_secs(
        aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs(),
    ));
    // Listing changes nothing: a signal ends it at once.
    let Some(listed) = stop.until_stopped(selected_orders(snow, edit)).await else {
        return;
    };
    let results = match listed {
        Err(e) => {
            // Still one line (or document) a pass for a log pipeline.
            let _ = print_pass(global, &[]);
            stdio::say(&crate::commands::ui::say::error(global, &e));
            global.note(&format!("pass {pass} at {time}: failed ({})", e.code));
            return;
        }
        Ok(ids) => match super::send_edit(global, snow, &ids, edit, usize::MAX, stop).await {
            super::Sent::Results(results) => reported(edit, results),
            super::Sent::Reported(..) => return,
        },
    };
    let changed: Vec<OrderResult> = results
        .iter()
        .filter(|r| r.outcome != Outcome::Unchanged)
        .cloned()
        .collect();
    if let Err(e) = print_pass(global, &changed) {
        stdio::say(&crate::commands::ui::say::error(global, &e));
    }
    crate::commands::ui::say::order_errors(
        global,
        changed
            .iter()
            .filter_map(|r| Some((r.id.as_str(), r.error.as_ref()?))),
        false,
    );
    let summary = render::summary(&results, global.dry_run);
    let summary = if summary.is_empty() {
        "no pending order is selected".to_string()
    } else {
        summary
    };
    global.note(&format!("pass {pass} at {time}: {summary}"));
}

/// A pass's changed orders on stdout in the chosen format.
fn print_pass(global: &Global, changed: &[OrderResult]) -> Result<(), Failure> {
    match global.output {
        Format::Off => Ok(()),
        Format::Json => {
            let document = serde_json::to_value(changed).unwrap_or_default();
            let document = match &global.query {
                Some(query) => query
                    .search(&document)
                    .map_err(|e| Failure::of(Code::InvalidQuery, format!("--query: {e}")))?,
                None => document,
            };
            stdio::out(&format!("{document}\n"));
            Ok(())
        }
        Format::Yaml if global.query.is_none() => {
            stdio::out(&format!("---\n{}", crate::yaml::to_string(&changed)));
            Ok(())
        }
        _ if changed.is_empty() => Ok(()),
        _ => crate::commands::ui::print::results(global, changed),
    }
}

/// Shown at the end of `conform --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "What would change, for review (exit 7 when some order drifts)",
        "snowjob conform standards/media.yaml --check",
    ),
    (
        "Make every pending order meet two standards",
        "snowjob conform standards/media.yaml standards/audit.yaml --yes",
    ),
    (
        "Keep them so, a pass every 5 minutes, one JSON line a pass",
        "snowjob conform standards/*.yaml --watch 5m --yes -o json",
    ),
    (
        "A plan for review, submitted after approval",
        "snowjob conform standards/*.yaml --check --plan plan.json",
    ),
];
