//! SIGINT, SIGTERM and SIGHUP: the first stops new requests from starting
//! and lets the run report what it did; a second ends the process at once.
//! A signal that comes before the runtime listens (while the command line is
//! parsed) is caught by [`catch_early`] and taken as the first. A SIGHUP
//! ignored when snowjob starts (`nohup`) stays ignored.

use std::future::Future;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::watch;

use crate::failure::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Interrupt,
    Terminate,
    /// The terminal went away (or a supervisor asked): as SIGTERM.
    Hangup,
}

impl Signal {
    /// 128 + the signal's number, as shells report it.
    pub fn exit_code(self) -> i32 {
        match self {
            Signal::Interrupt => Kind::Interrupted,
            Signal::Terminate => Kind::Terminated,
            Signal::Hangup => Kind::HungUp,
        }
        .exit_code()
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
            Signal::Hangup => "SIGHUP",
        }
    }

    fn of(number: i32) -> Option<Signal> {
        match number {
            libc::SIGINT => Some(Signal::Interrupt),
            libc::SIGTERM => Some(Signal::Terminate),
            libc::SIGHUP => Some(Signal::Hangup),
            _ => None,
        }
    }
}

/// Signals [`catch_early`] caught before [`Stop::listen`]: how many, and the first.
static EARLY_COUNT: AtomicUsize = AtomicUsize::new(0);
static EARLY_FIRST: AtomicI32 = AtomicI32::new(0);
/// Set once [`Stop::listen`] takes over: early catching ends.
static LISTENING: AtomicBool = AtomicBool::new(false);

/// Whether SIGHUP was ignored when snowjob started (`nohup`): asked once,
/// before any handler of snowjob's own is installed.
fn hangup_ignored() -> bool {
    static IGNORED: OnceLock<bool> = OnceLock::new();
    *IGNORED.get_or_init(|| {
        // SAFETY: sigaction with a null new action only reads the current one.
        unsafe {
            let mut current: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGHUP, std::ptr::null(), &mut current) == 0
                && current.sa_sigaction == libc::SIG_IGN
        }
    })
}

/// Catches SIGINT, SIGTERM and SIGHUP from the start of the process, until
/// [`Stop::listen`] takes over, so that a signal in the first milliseconds
/// stops the run as a later one does instead of ending it with no report.
pub fn catch_early() {
    let ignore_hangup = hangup_ignored();
    for number in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        if number == libc::SIGHUP && ignore_hangup {
            continue;
        }
        let action = move || {
            if !LISTENING.load(Ordering::SeqCst) {
                let _ = EARLY_FIRST.compare_exchange(0, number, Ordering::SeqCst, Ordering::SeqCst);
                EARLY_COUNT.fetch_add(1, Ordering::SeqCst);
            }
        };
        // SAFETY: the action only touches atomics, which is async-signal-safe.
        // If it cannot be registered the signal keeps its default action.
        let _ = unsafe { signal_hook_registry::register(number, action) };
    }
}

/// Whether, and by which signal, the run was asked to stop.
#[derive(Clone)]
pub struct Stop {
    rx: watch::Receiver<Option<Signal>>,
}

impl Stop {
    /// Installs the handlers; call inside the runtime. If they cannot be
    /// installed the signals keep their default action (ending the process).
    /// A second signal ends the process at once, after `last_words` (what
    /// the caller says of it: core prints nothing).
    pub fn listen(last_words: fn(Signal)) -> Stop {
        use tokio::signal::unix::{SignalKind, signal};
        let (tx, rx) = watch::channel(None);
        // Early catching ends here; a signal from now on is the runtime's.
        LISTENING.store(true, Ordering::SeqCst);
        let hangup = match hangup_ignored() {
            true => None,
            false => signal(SignalKind::hangup()).ok(),
        };
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            std::mem::forget(tx);
            return Stop { rx };
        };
        if let Some(early) = Signal::of(EARLY_FIRST.load(Ordering::SeqCst)) {
            if EARLY_COUNT.load(Ordering::SeqCst) > 1 {
                last_words(early);
                std::process::exit(early.exit_code());
            }
            let _ = tx.send(Some(early));
        }
        tokio::spawn(async move {
            let mut hangup = hangup;
            loop {
                let got = tokio::select! {
                    _ = int.recv() => Signal::Interrupt,
                    _ = term.recv() => Signal::Terminate,
                    Some(()) = async {
                        match hangup.as_mut() {
                            Some(h) => h.recv().await,
                            None => std::future::pending().await,
                        }
                    } => Signal::Hangup,
                };
                if tx.borrow().is_some() {
                    last_words(got);
                    std::process::exit(got.exit_code());
                }
                let _ = tx.send(Some(got));
            }
        });
        Stop { rx }
    }

    /// A stop no signal handler raises: the caller raises it with the
    /// sender (the simulation's interrupt, at any point of a run).
    pub fn manual() -> (Stop, watch::Sender<Option<Signal>>) {
        let (tx, rx) = watch::channel(None);
        (Stop { rx }, tx)
    }

    pub fn signal(&self) -> Option<Signal> {
        *self.rx.borrow()
    }

    pub fn is_stopped(&self) -> bool {
        self.signal().is_some()
    }

    /// Resolves once a signal has come.
    pub async fn stopped(&self) {
        let mut rx = self.rx.clone();
        if rx.wait_for(Option::is_some).await.is_err() {
            std::future::pending::<()>().await;
        }
    }

    /// Resolves `grace` after a signal: the time in-flight updates get.
    pub async fn grace_over(&self, grace: Duration) {
        self.stopped().await;
        tokio::time::sleep(grace).await;
    }

    /// Runs `work` unless a signal comes first (or came already): then `None`.
    /// A signal wins over work that ends at the same moment (a wait the
    /// signal itself ended).
    pub async fn until_stopped<F: Future>(&self, work: F) -> Option<F::Output> {
        if self.is_stopped() {
            return None;
        }
        tokio::select! {
            biased;
            () = self.stopped() => None,
            out = work => Some(out),
        }
    }
}
