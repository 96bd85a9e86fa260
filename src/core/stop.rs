//! SIGINT and SIGTERM: the first stops new requests from starting and lets
//! the run report what it did; a second ends the process at once.

use std::future::Future;
use std::time::Duration;

use tokio::sync::watch;

use crate::failure::Kind;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Signal {
    Interrupt,
    Terminate,
}

impl Signal {
    /// 128 + the signal's number, as shells report it.
    pub fn exit_code(self) -> i32 {
        match self {
            Signal::Interrupt => Kind::Interrupted,
            Signal::Terminate => Kind::Terminated,
        }
        .exit_code()
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::Interrupt => "SIGINT",
            Signal::Terminate => "SIGTERM",
        }
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
        let (Ok(mut int), Ok(mut term)) = (
            signal(SignalKind::interrupt()),
            signal(SignalKind::terminate()),
        ) else {
            std::mem::forget(tx);
            return Stop { rx };
        };
        tokio::spawn(async move {
            loop {
                let got = tokio::select! {
                    _ = int.recv() => Signal::Interrupt,
                    _ = term.recv() => Signal::Terminate,
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
