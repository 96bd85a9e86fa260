//! `submit PLAN`: send exactly what a reviewed plan (written by `--plan FILE`)
//! holds, or nothing for an order that changed since; and the writing of
//! such a plan, for every edit command.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use clap::Args;

use crate::args::Global;
use crate::aws::client::TargetCheck;
use crate::core::plan::{self, Plan, Submit};
use crate::core::stop::Stop;
use crate::failure::{Code, Failure};
use crate::history_file::Target;
use crate::report::JobResult;
use crate::text::quote;

/// Send exactly a reviewed plan (written by --plan FILE), or nothing.
///
/// The whole plan is checked first: its version, each entry's ID and
/// operation, every request against the service model, and each request's
/// members exactly its changes (a cancel's request its ID alone); the
/// region and endpoint must be the ones configured now. Any problem: exit
/// 2, naming the entry and member, nothing sent. Then each order is read:
/// one that already holds every After is unchanged (the plan was sent
/// before; a cancelled order too); one no longer pending is exit 3; one
/// that holds every Before is sent the plan's request exactly; anything
/// else is someone's change since the plan was made: exit 3, JobChanged,
/// nothing sent for that order, the others still sent. --dry-run shows
/// what would be sent. A batch asks on a terminal, as edits do; a plan
/// that cancels always asks, and needs --yes without a terminal. Each
/// order sent is recorded in the history as `submit PLAN`.
#[derive(Args, Debug)]
#[command(after_help = super::examples(EXAMPLES))]
pub struct SubmitArgs {
    /// The plan written by --plan FILE, or - to read it from stdin.
    #[arg(value_name = "PLAN")]
    pub file: String,
}

impl super::Declared for SubmitArgs {
    const WHAT: super::What = super::What::Other;
}

pub async fn run(global: &Global, args: &SubmitArgs, stop: &Stop) -> Result<i32, Failure> {
    let name = match args.file.as_str() {
        "-" => "the plan on stdin".to_string(),
        path => format!("the plan {}", quote(path)),
    };
    let Some(read) = super::read_input(Path::new(&args.file), plan::MAX_SIZE as u64, stop).await
    else {
        return Ok(0);
    };
    let bytes = read.map_err(|e| {
        Failure::invalid(format!("{name} could not be read ({e}); nothing was sent"))
    })?;
    // A plan of many orders takes a while to check: a signal ends the wait.
    let checking = {
        let name = name.clone();
        tokio::task::spawn_blocking(move || Plan::parse(&bytes, &name))
    };
    let plan = match stop.until_stopped(checking).await {
        None => return Ok(0),
        Some(checked) => checked
            .map_err(|e| Failure::of(Code::InternalError, format!("checking {name}: {e}")))??,
    };
    let submit = Submit::new(&plan);
    let terminal = global.terminal.can_ask();
    if submit.cancels() && !terminal && !global.yes && !global.dry_run {
        return Err(Failure::of(
            Code::NeedsYes,
            format!(
                "{name} cancels orders, which cannot be undone: without a terminal to ask on, give --yes to submit it (or --dry-run to see what would be sent); nothing was sent"
            ),
        ));
    }
    // The plan's region and endpoint are checked before any credential is loaded.
    let mut settings = global.settings();
    let (planned, named) = (plan.clone(), name.clone());
    settings.target_check = TargetCheck::new(move |region, endpoint| {
        let configured = Target {
            region: region.to_string(),
            endpoint: crate::history_file::endpoint(endpoint, region),
            profile: String::new(),
        };
        planned.check_target(&configured, &named)
    });
    let Some(snow) = super::connect_with(&settings, stop).await? else {
        return Ok(0);
    };
    let ids: Vec<String> = plan.entries.iter().map(|e| e.id.clone()).collect();
    if ids.is_empty() {
        global.note(&format!("{name} has no orders: nothing to send."));
        if global.output != crate::args::Format::Table || global.query.is_some() {
            return Ok(super::ui::print::exit_code(
                0,
                super::ui::print::results(global, &[]),
            ));
        }
        return Ok(0);
    }
    // A cancel is asked for even alone, as `cancel` asks.
    let confirm_from = if submit.cancels() { 1 } else { 2 };
    Ok(
        super::edit_jobs(global, &snow, &ids, &submit, confirm_from, stop)
            .await
            .0,
    )
}

/// A plan being made: its file is created (mode 0600, beside the plan's
/// path) before any request, so a path that cannot be written is refused
/// first; it replaces the plan's path only when the plan is complete.
pub struct PlanFile {
    path: PathBuf,
    temporary: PathBuf,
    file: std::fs::File,
    /// Put in place: nothing to clean up.
    done: bool,
}

impl PlanFile {
    pub fn create(path: &Path) -> Result<PlanFile, Failure> {
        let refuse = |why: String| {
            Failure::invalid(format!(
                "--plan {}: {why}; nothing was sent",
                quote(&path.display().to_string())
            ))
        };
        // The plan replaces a plan, never anything else: the history, a patch
        // file, a device or a link's place.
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => return Err(refuse("it is a directory".into())),
            Ok(meta) if !meta.file_type().is_file() => {
                return Err(refuse(
                    "it is not a regular file (a symbolic link, FIFO or device is not replaced)"
                        .into(),
                ));
            }
            Ok(meta) if meta.len() > 0 && !is_plan(path) => {
                return Err(refuse(
                    "the file exists and is not a plan; remove it or give another path".into(),
                ));
            }
            _ => {}
        }
        if path.file_name().is_none() {
            return Err(refuse("it does not name a file".into()));
        }
        if let crate::history_file::Location::File(history) = crate::history_file::configured()
            && same_place(&history, path)
        {
            return Err(refuse("it is the history file".into()));
        }
        let temporary = path.with_file_name(format!(".snowjob-plan.{}.tmp", std::process::id()));
        let open = || {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&temporary)
        };
        // One there already was left by a killed run with this process's ID.
        let file = open()
            .or_else(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    std::fs::remove_file(&temporary).and_then(|()| open())
                }
                _ => Err(e),
            })
            .map_err(|e| {
                refuse(format!(
                    "it cannot be written ({e}, making {})",
                    quote(&temporary.display().to_string())
                ))
            })?;
        Ok(PlanFile {
            path: path.to_path_buf(),
            temporary,
            file,
            done: false,
        })
    }

    /// Writes the plan of `results` and puts it in place; returns a note for
    /// people saying where it is.
    pub fn finish(
        mut self,
        results: &[JobResult],
        target: &Target,
        command: &str,
    ) -> Result<String, Failure> {
        let now = aws_smithy_types::DateTime::from(std::time::SystemTime::now()).secs();
        let created = crate::aws::convert::timestamp(&aws_smithy_types::DateTime::from_secs(now));
        let plan = Plan::of(results, target, command, &created);
        let shown = quote(&self.path.display().to_string());
        if let Err(mut e) = self.write(&plan) {
            // An older plan in its place would be reviewed instead of this run's.
            if is_plan(&self.path) && std::fs::remove_file(&self.path).is_ok() {
                e.message = format!(
                    "{}; the older plan at {shown} was removed, so that it is not reviewed in its place",
                    e.message
                );
            }
            return Err(e);
        }
        self.done = true;
        let count = plan.entries.len();
        if count == 0 {
            let why = match results.iter().any(|r| r.error.is_some()) {
                true => "the orders that failed are left out",
                false => "nothing would change",
            };
            return Ok(format!("Plan for no orders written to {shown}: {why}"));
        }
        let orders = if count == 1 { "order" } else { "orders" };
        Ok(format!(
            "Plan for {count} {orders} written to {shown}; after review, send it with `snowjob submit {}`",
            crate::text::escape_controls(&crate::text::shell_word(
                &self.path.display().to_string()
            ))
        ))
    }
}

impl PlanFile {
    /// The plan, written and put in place of the older file.
    fn write(&mut self, plan: &Plan) -> Result<(), Failure> {
        let shown = quote(&self.path.display().to_string());
        let fail = |why: String| {
            Failure::of(
                Code::Unexpected,
                format!("the plan could not be written to {shown} ({why}); nothing was sent"),
            )
        };
        let mut text =
            serde_json::to_vec_pretty(&plan.to_json()).map_err(|e| fail(e.to_string()))?;
        text.push(b'\n');
        if text.len() > plan::MAX_SIZE {
            return Err(Failure::invalid(format!(
                "the plan would be larger than {} MiB: plan fewer orders at once; nothing was sent",
                plan::MAX_SIZE >> 20
            )));
        }
        self.file
            .write_all(&text)
            .and_then(|()| self.file.sync_all())
            .and_then(|()| std::fs::rename(&self.temporary, &self.path))
            .map_err(|e| fail(e.to_string()))
    }
}

impl Drop for PlanFile {
    /// An unfinished plan (interrupted, refused) leaves no file behind.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_file(&self.temporary);
        }
    }
}

/// Whether two paths name the same place (their directories resolved),
/// whether or not a file is there yet.
fn same_place(a: &Path, b: &Path) -> bool {
    let place = |p: &Path| {
        let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
        let dir = std::fs::canonicalize(dir.unwrap_or(Path::new("."))).ok()?;
        Some(dir.join(p.file_name()?))
    };
    place(a).is_some_and(|a| Some(a) == place(b))
}

/// Whether the file at `path` holds a plan (of any version): one a new plan
/// may replace.
fn is_plan(path: &Path) -> bool {
    super::read_at_most(path, plan::MAX_SIZE as u64).is_ok_and(|bytes| {
        serde_json::from_slice::<serde_json::Value>(&bytes)
            .is_ok_and(|doc| doc.get("Version").is_some() && doc.get("Plans").is_some())
    })
}

/// Shown at the end of `submit --help`: (what, command).
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Plan a change for review; nothing is sent",
        "snowjob set-shipping JID123e4567-e89b-12d3-a456-426655440000 --speed NEXT_DAY --plan plan.json",
    ),
    (
        "See what the reviewed plan would send now",
        "snowjob submit plan.json --dry-run",
    ),
    (
        "Send it after approval (in CI, --yes if it cancels)",
        "snowjob submit plan.json --yes",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Outcome;

    fn target() -> Target {
        Target {
            region: "us-east-1".into(),
            endpoint: None,
            profile: "default".into(),
        }
    }

    #[test]
    fn a_temporary_file_left_by_a_killed_run_of_the_same_id_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir
            .path()
            .join(format!(".snowjob-plan.{}.tmp", std::process::id()));
        std::fs::write(&stale, "left by a killed run").unwrap();
        let path = dir.path().join("plan.json");
        let note = PlanFile::create(&path)
            .unwrap()
            .finish(&[], &target(), "set-shipping")
            .unwrap();
        assert!(note.contains("nothing would change"), "{note}");
        assert!(is_plan(&path));
        assert!(!stale.exists());
    }

    #[test]
    fn a_plan_that_cannot_be_written_removes_the_older_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        PlanFile::create(&path)
            .unwrap()
            .finish(&[], &target(), "older")
            .unwrap();
        assert!(is_plan(&path));
        let id = "JID123e4567-e89b-12d3-a456-426655440000";
        let huge = JobResult {
            request: Some(
                serde_json::json!({"JobId": id, "Description": "x".repeat(plan::MAX_SIZE)}),
            ),
            ..JobResult::new(id, Outcome::Planned)
        };
        let e = PlanFile::create(&path)
            .unwrap()
            .finish(&[huge], &target(), "newer")
            .unwrap_err();
        assert!(
            e.message.contains("16 MiB") && e.message.contains("removed"),
            "{}",
            e.message
        );
        assert!(!path.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
