//! The deterministic simulation of the edit pipeline (issue 24).
//!
//! Each run draws, from one seed, a store of jobs, clusters and addresses, an
//! edit (every kind: the `set-*` commands, both bucket commands, `apply`,
//! `edit`'s saved file, `undo`, `cancel`, `submit` of a plan; sometimes
//! confirmed, sometimes a dry run) and the faults of its requests (replies
//! lost before or after the service applied them, throttling bursts, 5xx,
//! delays, orders moving on, colleagues' updates, addresses removed, an
//! interrupt), then runs the real pipeline with the real SDK client against
//! snowball-local's request handling and store, in-process (no sockets), on
//! a current-thread runtime with paused time. The invariants of
//! `check::promise` are checked after every run.
//!
//! - `cargo test --test sim`: the default number of runs ([`DEFAULT_RUNS`],
//!   split over the `runs_*` tests) and every seed of [`REGRESSIONS`].
//! - `SNOWJOB_SIM_RUNS=1000000 cargo test --release --test sim`: more runs.
//! - `SNOWJOB_SIM_SEED=123 cargo test --test sim`: replays that one seed and
//!   prints its run (a failing run prints the line that replays it).
//! - `SNOWJOB_SIM_FIRST=N`: where the runs' numbering starts (another night,
//!   other seeds).

mod check;
mod rng;
mod scenario;
mod world;

use std::sync::Once;
use std::time::Instant;

/// Runs `cargo test` makes.
const DEFAULT_RUNS: u64 = 10_000;
/// The `runs_*` tests that share them (the test harness runs them on
/// threads of their own, one per core).
const SHARDS: u64 = 2;

/// Seeds that found bugs: each always runs.
const REGRESSIONS: &[u64] = &[];

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// The environment every run connects with: static example credentials, a
/// fixed region, no profile files, nothing that reaches the network.
fn environment() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let dir = std::env::temp_dir().join(format!("snowjob-sim-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let (config, credentials) = (dir.join("config"), dir.join("credentials"));
        std::fs::write(&config, "").expect("an empty config file");
        std::fs::write(&credentials, "").expect("an empty credentials file");
        // SAFETY: set once, before any run starts a thread that reads them
        // (every test calls this first; `Once` blocks the others meanwhile).
        unsafe {
            for name in [
                "AWS_PROFILE",
                "AWS_DEFAULT_PROFILE",
                "AWS_SESSION_TOKEN",
                "AWS_ENDPOINT_URL",
                "AWS_ENDPOINT_URL_SNOWBALL",
                "AWS_RETRY_MODE",
                "AWS_MAX_ATTEMPTS",
                "AWS_CA_BUNDLE",
                "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            ] {
                std::env::remove_var(name);
            }
            std::env::set_var("AWS_CONFIG_FILE", &config);
            std::env::set_var("AWS_SHARED_CREDENTIALS_FILE", &credentials);
            std::env::set_var("AWS_ACCESS_KEY_ID", snowball_local::DEFAULT_ACCESS_KEY);
            std::env::set_var("AWS_SECRET_ACCESS_KEY", snowball_local::DEFAULT_SECRET_KEY);
            std::env::set_var("AWS_EC2_METADATA_DISABLED", "true");
            // Longer than any run's throttling (faults stop after a hundred
            // or so requests): throttling alone never ends a run.
            std::env::set_var(snowjob::aws::pace::PATIENCE_VAR, "1h");
            std::env::set_var("SNOWJOB_HISTORY", "off");
        }
    });
}

/// Runs one seed; the failure, with the line that replays it.
fn run_seed(seed: u64, verbose: bool) -> Result<scenario::Summary, String> {
    let ran = scenario::run(seed);
    let violations = check::promise(&ran);
    if verbose || !violations.is_empty() {
        eprintln!("{}", ran.describe());
    }
    if violations.is_empty() {
        return Ok(ran.summary());
    }
    Err(format!(
        "seed {seed}: {}\n  replay: SNOWJOB_SIM_SEED={seed} cargo test --test sim",
        violations.join("\n  ")
    ))
}

/// The CPU time this thread has used (the wall time depends on who else
/// shares the cores).
fn thread_cpu() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock ID and a timespec to write to.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// The runs of one shard: run numbers `first + shard, first + shard + SHARDS, ...`.
fn shard(shard: u64) {
    environment();
    if let Some(seed) = env_u64("SNOWJOB_SIM_SEED") {
        if shard == 0
            && let Err(e) = run_seed(seed, true)
        {
            panic!("{e}");
        }
        return;
    }
    let runs = env_u64("SNOWJOB_SIM_RUNS").unwrap_or(DEFAULT_RUNS);
    let first = env_u64("SNOWJOB_SIM_FIRST").unwrap_or(0);
    let started = Instant::now();
    let cpu_at_start = thread_cpu();
    let mut tally = scenario::Tally::default();
    let mut i = shard;
    while i < runs {
        let seed = rng::seed_of(first + i);
        match run_seed(seed, false) {
            Ok(summary) => tally.add(&summary),
            Err(e) => panic!("{e}"),
        }
        i += SHARDS;
    }
    eprintln!(
        "sim shard {shard}: {} runs in {:.1?} ({:.1?} of this thread's CPU): {tally}",
        tally.runs,
        started.elapsed(),
        thread_cpu() - cpu_at_start,
    );
}

#[test]
fn runs_0() {
    shard(0);
}

#[test]
fn runs_1() {
    shard(1);
}

#[test]
fn regressions() {
    environment();
    for &seed in REGRESSIONS {
        if let Err(e) = run_seed(seed, false) {
            panic!("{e}");
        }
    }
}
