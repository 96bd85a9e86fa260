//! A progress bar on stderr for large batches: only on a terminal, never with
//! --quiet or --debug (whose trace it would garble).

use std::sync::atomic::{AtomicUsize, Ordering};

use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};

use crate::args::Global;
use crate::aws::client::Snow;
use crate::aws::pace::Status;
use crate::core::pipeline::Progress;
use crate::report::JobResult;

/// Batches of more jobs than this show a bar.
const MORE_THAN: usize = 20;

/// The bar, when one is shown; cleared when dropped.
pub struct Bar(Option<ProgressBar>);

impl Bar {
    /// The bar of a batch through `snow`: while requests wait for the pace
    /// (the service throttles), it says so, and keeps being redrawn.
    pub fn new(global: &Global, jobs: usize, doing: &'static str, snow: &Snow) -> Bar {
        let shown = jobs > MORE_THAN && !global.quiet && !global.debug && global.terminal.stderr;
        Bar(shown.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(jobs as u64), ProgressDrawTarget::stderr());
            let pace = snow.pace().clone();
            let pacing = move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                if let Some(status) = pace.status() {
                    let _ = write!(w, "{}", pace_text(status));
                }
            };
            if let Ok(style) =
                ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} jobs{msg}{pace}")
            {
                bar.set_style(style.progress_chars("=> ").with_key("pace", pacing));
            }
            bar.set_prefix(doing);
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        }))
    }

    /// What the pipeline calls with each job's result: one more done, and the
    /// failures so far.
    pub fn callback(&self) -> Option<Progress> {
        let bar = self.0.clone()?;
        let failed = AtomicUsize::new(0);
        Some(Box::new(move |result: &JobResult| {
            if result.error.is_some() {
                let n = failed.fetch_add(1, Ordering::Relaxed) + 1;
                bar.set_message(format!(", {n} failed"));
            }
            bar.inc(1);
        }))
    }

    /// Off the screen, before anything else is printed.
    pub fn clear(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.clear();
    }
}

/// What the bar says of the pace: the service throttles, so requests wait.
fn pace_text(status: Status) -> String {
    let waiting = match status.waiting {
        0 => String::new(),
        n => format!(", {n} waiting"),
    };
    format!("; throttled, {:.1}/s{waiting}", status.per_second)
}

/// Both callbacks, in turn, with each result.
pub fn both(first: Option<Progress>, second: Option<Progress>) -> Option<Progress> {
    match (first, second) {
        (Some(a), Some(b)) => Some(Box::new(move |result: &JobResult| {
            a(result);
            b(result);
        })),
        (a, b) => a.or(b),
    }
}
