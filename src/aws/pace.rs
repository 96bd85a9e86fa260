//! One pace for every request a command makes. A request refused for
//! throttling (the codes the SDKs treat as throttling) did not run, so it is
//! sent again; but not by each worker on its own: every request waits its
//! turn at one shared rate, so that the batch as a whole slows to what the
//! service allows instead of each worker spending its own attempts.
//!
//! - The rate is a token bucket whose fill rate adapts as the SDKs' adaptive
//!   retry mode does (CUBIC): cut to 70% of the rate sent when a request is
//!   throttled, grown back on answers along a cubic curve (quickly to the rate
//!   last throttled, then carefully beyond it), never above twice the rate
//!   actually sent (or the rate last throttled). One burst of throttling is one
//!   cut: a request sent before the last cut does not cut again. Until the
//!   first throttling there is no limit at all.
//! - Requests that carry on with a job already begun (its UpdateJob, an
//!   address check, a re-read) take their turn before those that begin one (a
//!   job's first DescribeJob), so a job's read-modify-write window stays one
//!   turn however many workers wait; within each kind, requests go in the
//!   order they first asked, a request sent again keeping its place.
//! - Throttled attempts do not count against `--max-attempts` while the batch
//!   makes progress: any request answered with something other than throttling
//!   is progress. When nothing but throttling has come back for the patience
//!   (`SNOWJOB_THROTTLE_PATIENCE`, 5 minutes), the pace gives up: that request
//!   and every one after it fail, naming throttling.
//! - [`Pace::halt`] (a signal) ends every wait at once; requests in flight
//!   are not touched.

use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::marker::PhantomData;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

// Tokio's clock, so that a runtime with paused time (the simulation) moves
// the pace as it moves every sleep.
use tokio::time::Instant;

use aws_sdk_snowball::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority,
};
use tokio::sync::{Notify, watch};

use crate::aws::client::Sent;
use crate::aws::errors::{Fate, backoff, classify, fate_of, is_throttling};
use crate::failure::{Code, Failure, Kind};

/// The variable that sets how long a batch may see nothing but throttling.
pub const PATIENCE_VAR: &str = "SNOWJOB_THROTTLE_PATIENCE";
pub const DEFAULT_PATIENCE: Duration = Duration::from_secs(5 * 60);
/// The least patience accepted.
pub const MIN_PATIENCE: Duration = Duration::from_secs(1);

/// The slowest the pace goes, in requests a second.
const MIN_RATE: f64 = 0.5;
/// What a throttling leaves of the rate.
const BETA: f64 = 0.7;
/// How fast the rate grows back (CUBIC's C).
const SCALE: f64 = 0.4;
/// Rates sent are measured over this many seconds.
const WINDOW: f64 = 1.0;
/// The bucket holds this many seconds of its rate (at least one token), so
/// that a waiter woken a little late loses nothing.
const BURST: f64 = 0.05;
/// A waiter looks at the rate again at least this often (it may have grown).
const NAP: Duration = Duration::from_millis(250);

/// The patience from `SNOWJOB_THROTTLE_PATIENCE`: a duration (`90s`, `5m`,
/// `1h 30m`) or a number of seconds; unset or empty, 5 minutes.
pub fn patience(env: &dyn Fn(&str) -> Option<String>) -> Result<Duration, Failure> {
    let Some(text) = env(PATIENCE_VAR).filter(|v| !v.is_empty()) else {
        return Ok(DEFAULT_PATIENCE);
    };
    let trimmed = text.trim();
    let parsed = match trimmed.parse::<u64>() {
        Ok(seconds) => Ok(Duration::from_secs(seconds)),
        Err(_) => humantime::parse_duration(trimmed).map_err(|e| e.to_string()),
    };
    let patience = parsed.map_err(|why| {
        Failure::of(
            Code::InvalidConfiguration,
            format!(
                "{PATIENCE_VAR}={} is not a duration ({why}); give one like 90s or 5m, or a number of seconds",
                crate::text::quote(&text)
            ),
        )
    })?;
    // Less would fail a job at the first throttling, before the pace could
    // slow down at all.
    if patience < MIN_PATIENCE {
        return Err(Failure::of(
            Code::InvalidConfiguration,
            format!(
                "{PATIENCE_VAR}={} is less than {}: a batch would give up at the first throttling; give {} or more (default {})",
                crate::text::quote(&text),
                humantime::format_duration(MIN_PATIENCE),
                humantime::format_duration(MIN_PATIENCE),
                humantime::format_duration(DEFAULT_PATIENCE)
            ),
        ));
    }
    Ok(patience)
}

/// The arithmetic of the pace, on a clock of seconds (the tests drive it).
#[derive(Debug, Clone)]
pub(crate) struct Rate {
    /// Whether any request was throttled yet: until then, no limit.
    limited: bool,
    /// Tokens a second.
    fill: f64,
    tokens: f64,
    refilled: f64,
    /// The rate when last throttled, and when that was.
    ceiling: f64,
    cut_at: f64,
    /// Cuts so far: a request carries the number of its turn's time.
    epoch: u64,
    /// When requests were sent, over the last WINDOW.
    sent: VecDeque<f64>,
}

impl Rate {
    pub(crate) fn new() -> Rate {
        Rate {
            limited: false,
            fill: f64::INFINITY,
            tokens: 0.0,
            refilled: 0.0,
            ceiling: 0.0,
            cut_at: 0.0,
            epoch: 0,
            sent: VecDeque::new(),
        }
    }

    /// Requests a second the pace allows; `None` before any throttling.
    pub(crate) fn per_second(&self) -> Option<f64> {
        self.limited.then_some(self.fill)
    }

    fn capacity(&self) -> f64 {
        (self.fill * BURST).max(1.0)
    }

    fn refill(&mut self, now: f64) {
        if self.limited {
            let elapsed = (now - self.refilled).max(0.0);
            self.tokens = (self.tokens + elapsed * self.fill).min(self.capacity());
        }
        self.refilled = now;
    }

    /// Requests sent over the last WINDOW, a second.
    fn sent_rate(&mut self, now: f64) -> f64 {
        while self.sent.front().is_some_and(|t| *t <= now - WINDOW) {
            self.sent.pop_front();
        }
        self.sent.len() as f64 / WINDOW
    }

    /// A request may go now (its epoch returned), or in so many seconds.
    pub(crate) fn take(&mut self, now: f64) -> Result<u64, f64> {
        self.refill(now);
        if self.limited {
            if self.tokens < 1.0 {
                return Err(((1.0 - self.tokens) / self.fill).max(1e-3));
            }
            self.tokens -= 1.0;
        }
        self.sent.push_back(now);
        self.sent_rate(now);
        Ok(self.epoch)
    }

    /// A request sent in `epoch` was throttled: the rate is cut, unless a cut
    /// since it was sent answered it already. Whether it was cut.
    pub(crate) fn throttled(&mut self, now: f64, epoch: u64) -> bool {
        if self.limited && epoch < self.epoch {
            return false;
        }
        let sent = self.sent_rate(now);
        let base = if self.limited {
            self.fill.min(sent)
        } else {
            sent
        };
        self.refill(now);
        self.ceiling = base.max(MIN_RATE);
        self.fill = (self.ceiling * BETA).max(MIN_RATE);
        self.cut_at = now;
        self.epoch += 1;
        if !self.limited {
            self.limited = true;
            self.tokens = 0.0;
        }
        self.tokens = self.tokens.min(self.capacity());
        true
    }

    /// A request was answered (not throttled): the rate grows back.
    pub(crate) fn answered(&mut self, now: f64) {
        if !self.limited {
            return;
        }
        let k = (self.ceiling * (1.0 - BETA) / SCALE).cbrt();
        let t = now - self.cut_at - k;
        let cubic = SCALE * t.powi(3) + self.ceiling;
        let cap = (2.0 * self.sent_rate(now)).max(self.ceiling);
        self.refill(now);
        self.fill = cubic.min(cap).max(MIN_RATE);
        self.tokens = self.tokens.min(self.capacity());
    }
}

/// Why a request does not get its turn.
#[derive(Debug, Clone)]
pub enum Refusal {
    /// A signal came: nothing more is sent.
    Halted,
    /// Nothing but throttling came back for the patience.
    GaveUp {
        code: String,
        message: String,
        patience: Duration,
    },
}

impl Refusal {
    /// The failure of a request about `subject` that did not get its turn.
    pub fn failure(&self, subject: &str) -> Failure {
        match self {
            Refusal::Halted => Failure::of(
                Code::Interrupted,
                format!("{subject}: interrupted while waiting its turn; not sent"),
            ),
            Refusal::GaveUp {
                code,
                message,
                patience,
            } => Failure::new(
                Kind::Unreachable,
                code.clone(),
                format!(
                    "{subject}: {code}: {}. The service refused every request for throttling for {} ({PATIENCE_VAR}), so snowjob gave up (a request refused for throttling changes nothing). Try again later, or with a lower --concurrency",
                    message.trim_end_matches('.'),
                    humantime::format_duration(*patience)
                ),
            ),
        }
    }
}

/// A request's turn: which epoch of the rate it was sent in.
#[derive(Debug, Clone, Copy)]
pub struct Turn {
    epoch: u64,
}

/// What the pace is doing, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Status {
    /// Requests a second the pace allows now.
    pub per_second: f64,
    /// Requests waiting their turn.
    pub waiting: usize,
}

/// A request's place in line, kept however often it is sent again: requests
/// carrying on with a job already begun go first, then those beginning one,
/// each kind in the order they first asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ticket {
    begins: bool,
    number: u64,
}

/// Who goes next: the least ticket waiting.
#[derive(Default)]
struct Queue {
    issued: u64,
    waiting: BTreeMap<Ticket, Arc<Notify>>,
}

impl Queue {
    fn issue(&mut self, begins: bool) -> Ticket {
        self.issued += 1;
        Ticket {
            begins,
            number: self.issued,
        }
    }

    fn join(&mut self, ticket: Ticket) -> Arc<Notify> {
        let wake = Arc::new(Notify::new());
        self.waiting.insert(ticket, wake.clone());
        wake
    }

    fn head(&self) -> Option<Ticket> {
        self.waiting.keys().next().copied()
    }

    fn leave(&mut self, ticket: Ticket) {
        self.waiting.remove(&ticket);
        if let Some((_, wake)) = self.waiting.iter().next() {
            wake.notify_one();
        }
    }

    fn len(&self) -> usize {
        self.waiting.len()
    }

    fn wake_all(&self) {
        for wake in self.waiting.values() {
            wake.notify_one();
        }
    }
}

struct Inner {
    rate: Rate,
    queue: Queue,
    /// Since when nothing but throttling has come back.
    throttled_since: Option<Instant>,
    /// The last throttling reply: its code and message.
    last: (String, String),
    gave_up: bool,
}

/// The pace every request of a command keeps; owned by [`crate::aws::client::Snow`].
pub struct Pace {
    inner: Mutex<Inner>,
    halt: watch::Sender<bool>,
    patience: Duration,
    start: Instant,
}

impl std::fmt::Debug for Pace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pace")
            .field("patience", &self.patience)
            .field("status", &self.status())
            .finish()
    }
}

impl Pace {
    pub fn new(patience: Duration) -> Pace {
        Pace {
            inner: Mutex::new(Inner {
                rate: Rate::new(),
                queue: Queue::default(),
                throttled_since: None,
                last: (String::new(), String::new()),
                gave_up: false,
            }),
            halt: watch::Sender::new(false),
            patience,
            start: Instant::now(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn secs(&self, at: Instant) -> f64 {
        at.duration_since(self.start).as_secs_f64()
    }

    /// A new batch with the same pace (`conform --watch`'s next pass): the
    /// rate learnt is kept, but a patience spent on an earlier batch is not
    /// held against it.
    pub fn renew(&self) {
        let mut inner = self.lock();
        inner.gave_up = false;
        inner.throttled_since = None;
    }

    /// Ends every wait, now and later (a signal came).
    pub fn halt(&self) {
        self.halt.send_replace(true);
    }

    /// What the pace is doing; `None` until a request is throttled.
    pub fn status(&self) -> Option<Status> {
        let inner = self.lock();
        inner.rate.per_second().map(|per_second| Status {
            per_second,
            waiting: inner.queue.len(),
        })
    }

    /// Why no request may be sent, if so.
    fn refusal(&self, inner: &mut Inner, now: Instant) -> Option<Refusal> {
        if *self.halt.borrow() {
            return Some(Refusal::Halted);
        }
        if !inner.gave_up
            && inner
                .throttled_since
                .is_some_and(|since| now.duration_since(since) >= self.patience)
        {
            inner.gave_up = true;
            inner.queue.wake_all();
        }
        inner.gave_up.then(|| Refusal::GaveUp {
            code: inner.last.0.clone(),
            message: inner.last.1.clone(),
            patience: self.patience,
        })
    }

    /// A place in line for a request: `begins` for the first request of a
    /// job (its first DescribeJob, a list), else (its UpdateJob, an address
    /// check, a re-read) it goes before every request that begins one.
    pub fn ticket(&self, begins: bool) -> Ticket {
        self.lock().queue.issue(begins)
    }

    /// Waits for the turn of the request holding `ticket` (the same ticket
    /// each time it is sent again).
    pub async fn turn(&self, ticket: Ticket) -> Result<Turn, Refusal> {
        let wake = {
            let mut inner = self.lock();
            let now = Instant::now();
            if let Some(refusal) = self.refusal(&mut inner, now) {
                return Err(refusal);
            }
            if inner.queue.len() == 0
                && let Ok(epoch) = inner.rate.take(self.secs(now))
            {
                return Ok(Turn { epoch });
            }
            inner.queue.join(ticket)
        };
        // Leaves the queue however the wait ends (a dropped future included).
        struct Place<'a>(&'a Pace, Ticket);
        impl Drop for Place<'_> {
            fn drop(&mut self) {
                self.0.lock().queue.leave(self.1);
            }
        }
        let _place = Place(self, ticket);
        let mut halt = self.halt.subscribe();
        loop {
            let nap = {
                let mut inner = self.lock();
                let now = Instant::now();
                if let Some(refusal) = self.refusal(&mut inner, now) {
                    return Err(refusal);
                }
                if inner.queue.head() == Some(ticket) {
                    match inner.rate.take(self.secs(now)) {
                        Ok(epoch) => return Ok(Turn { epoch }),
                        Err(wait) => Some(Duration::from_secs_f64(wait).min(NAP)),
                    }
                } else {
                    None
                }
            };
            let napping = async {
                match nap {
                    Some(nap) => tokio::time::sleep(nap).await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = napping => {}
                () = wake.notified() => {}
                _ = halt.wait_for(|halted| *halted) => return Err(Refusal::Halted),
            }
        }
    }

    /// The request of `turn` was answered with something other than
    /// throttling (a success or another error): progress.
    pub fn answered(&self, _turn: Turn) {
        let now = Instant::now();
        let mut inner = self.lock();
        inner.throttled_since = None;
        let at = self.secs(now);
        inner.rate.answered(at);
    }

    /// The request of `turn` was throttled: the pace slows, and it may be
    /// sent again unless the patience is spent.
    pub fn throttled(&self, turn: Turn, code: &str, message: &str) -> Result<(), Refusal> {
        let now = Instant::now();
        let mut inner = self.lock();
        let at = self.secs(now);
        inner.rate.throttled(at, turn.epoch);
        inner.throttled_since.get_or_insert(now);
        inner.last = (code.to_string(), message.to_string());
        match self.refusal(&mut inner, now) {
            Some(refusal) => Err(refusal),
            None => Ok(()),
        }
    }

    /// A read (any call that changes nothing), sent again whenever it is
    /// throttled, at the pace; `begins` as for [`Pace::ticket`]. `call` makes
    /// one attempt (the SDK's own retries, for transient errors only: see
    /// [`throttling_left_to_pace`]).
    pub async fn read<T, E, Fut>(
        &self,
        subject: &str,
        begins: bool,
        call: impl Fn() -> Fut,
    ) -> Result<T, Failure>
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let ticket = self.ticket(begins);
        loop {
            let turn = self.turn(ticket).await.map_err(|r| r.failure(subject))?;
            let err = match call().await {
                Ok(out) => {
                    self.answered(turn);
                    return Ok(out);
                }
                Err(err) => err,
            };
            match throttling_of(&err) {
                Some((code, message)) => {
                    if let Err(refusal) = self.throttled(turn, &code, &message) {
                        return Err(refusal.failure(subject));
                    }
                }
                None => {
                    if matches!(err, SdkError::ServiceError(_)) {
                        self.answered(turn);
                    }
                    return Err(classify(err, subject));
                }
            }
        }
    }
}

impl Pace {
    /// Every item of a paginated list, each page a read at the pace;
    /// `split` takes a page's items and its NextToken. A token given again
    /// would loop: the list ends there, as with the SDK's paginators.
    pub async fn pages<P, T, E, Fut>(
        &self,
        subject: &str,
        page: impl Fn(Option<String>) -> Fut,
        split: impl Fn(P) -> (Vec<T>, Option<String>),
    ) -> Result<Vec<T>, Failure>
    where
        Fut: Future<Output = Result<P, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut all = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let (items, next) = split(self.read(subject, true, || page(token.clone())).await?);
            all.extend(items);
            match next {
                Some(next) if !next.is_empty() && token.as_ref() != Some(&next) => {
                    token = Some(next)
                }
                _ => return Ok(all),
            }
        }
    }

    /// A call that changes something (UpdateJob), whose `call` makes one
    /// attempt with the SDK's retries off. It is sent again only when nothing
    /// was applied: when it was refused for throttling (at the pace, however
    /// often, until the pace gives up) or never left (no connection; up to
    /// `max_attempts`, throttled attempts not counted).
    pub async fn change<T, E, Fut>(
        &self,
        subject: &str,
        max_attempts: u32,
        call: impl Fn() -> Fut,
    ) -> Sent
    where
        Fut: Future<Output = Result<T, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut attempt = 1;
        // The last attempt refused: nothing was applied.
        let mut refused: Option<Failure> = None;
        let ticket = self.ticket(false);
        loop {
            let turn = match self.turn(ticket).await {
                Ok(turn) => turn,
                Err(Refusal::Halted) => {
                    return match refused {
                        None => Sent::NotSent,
                        Some(mut e) => {
                            e.message = format!(
                                "{}; interrupted before it was sent again, nothing was changed",
                                e.message.trim_end_matches('.')
                            );
                            Sent::Refused(e)
                        }
                    };
                }
                Err(gave_up) => return Sent::Refused(gave_up.failure(subject)),
            };
            let err = match call().await {
                Ok(_) => {
                    self.answered(turn);
                    return Sent::Applied;
                }
                Err(err) => err,
            };
            if let Some((code, message)) = throttling_of(&err) {
                if let Err(gave_up) = self.throttled(turn, &code, &message) {
                    return Sent::Refused(gave_up.failure(subject));
                }
                let message = message.trim_end_matches('.');
                let failure = Failure::new(
                    Kind::Unreachable,
                    code.clone(),
                    format!("{subject}: {code}: {message}"),
                );
                refused = Some(failure.caused_by(err));
                continue;
            }
            if matches!(err, SdkError::ServiceError(_)) {
                self.answered(turn);
            }
            let fate = fate_of(&err);
            let failure = classify(err, subject);
            match fate {
                Fate::NotApplied { retry } if retry && attempt < max_attempts => {
                    let mut halt = self.halt.subscribe();
                    tokio::select! {
                        () = tokio::time::sleep(backoff(attempt)) => {}
                        _ = halt.wait_for(|halted| *halted) => {}
                    }
                    attempt += 1;
                    refused = Some(failure);
                }
                Fate::NotApplied { .. } => return Sent::Refused(failure),
                Fate::Unknown => return Sent::Unknown(failure),
            }
        }
    }
}

/// The code and message of a reply refusing a request for throttling.
pub fn throttling_of<E: ProvideErrorMetadata>(
    err: &SdkError<E, HttpResponse>,
) -> Option<(String, String)> {
    let SdkError::ServiceError(service) = err else {
        return None;
    };
    let code = service.err().code().filter(|c| is_throttling(c))?;
    let message = service.err().message().unwrap_or("no message");
    Some((code.to_string(), message.to_string()))
}

/// A retry classifier for one operation (its error type `E`) that forbids
/// the SDK's own retry of a throttled attempt: the pace sends it again. Other
/// errors are left to the classifiers before it (the standard retry of
/// transient errors).
#[derive(Debug)]
pub struct ThrottlingLeftToPace<E>(PhantomData<fn() -> E>);

impl<E> ThrottlingLeftToPace<E> {
    pub fn new() -> Self {
        ThrottlingLeftToPace(PhantomData)
    }
}

impl<E> Default for ThrottlingLeftToPace<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> ClassifyRetry for ThrottlingLeftToPace<E>
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    fn classify_retry(&self, ctx: &InterceptorContext) -> RetryAction {
        let throttled = ctx
            .output_or_error()
            .and_then(Result::err)
            .and_then(|e| e.as_operation_error())
            .and_then(|e| e.downcast_ref::<E>())
            .and_then(|e| e.code())
            .is_some_and(is_throttling);
        if throttled {
            RetryAction::RetryForbidden
        } else {
            RetryAction::NoActionIndicated
        }
    }

    fn name(&self) -> &'static str {
        "Throttling left to snowjob's pace"
    }

    fn priority(&self) -> RetryClassifierPriority {
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

/// The per-call configuration of a read: the SDK's retries for transient
/// errors stay, throttling is left to the pace.
pub fn throttling_left_to_pace<E>() -> aws_sdk_snowball::config::Builder
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    aws_sdk_snowball::config::Builder::default().retry_classifier(ThrottlingLeftToPace::<E>::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rate a steady stream of requests at `per_second` meets: returns
    /// the rate after `seconds`, throttling every request above `allowed`
    /// a second (a service's token bucket of one second's burst).
    fn simulate(allowed: f64, workers: usize, seconds: f64) -> (Rate, u64, u64) {
        let mut rate = Rate::new();
        let (mut ok, mut refused) = (0u64, 0u64);
        let mut bucket = allowed;
        let mut last = 0.0;
        let step = 0.002;
        let mut now = 0.0;
        // Each worker is ready to send at its time.
        let mut ready = vec![0.0f64; workers];
        while now < seconds {
            bucket = (bucket + (now - last) * allowed).min(allowed.max(1.0));
            last = now;
            for at in ready.iter_mut() {
                if *at > now {
                    continue;
                }
                match rate.take(now) {
                    Ok(epoch) => {
                        if bucket >= 1.0 {
                            bucket -= 1.0;
                            ok += 1;
                            rate.answered(now + 0.002);
                        } else {
                            refused += 1;
                            rate.throttled(now + 0.002, epoch);
                        }
                        *at = now + 0.002;
                    }
                    Err(_) => break,
                }
            }
            now += step;
        }
        (rate, ok, refused)
    }

    #[test]
    fn no_limit_until_the_first_throttling() {
        let mut rate = Rate::new();
        for i in 0..1000 {
            assert!(rate.take(f64::from(i) * 1e-4).is_ok());
        }
        assert_eq!(rate.per_second(), None);
        rate.answered(0.2);
        assert_eq!(rate.per_second(), None);
    }

    #[test]
    fn a_throttling_cuts_to_seventy_percent_of_what_was_sent() {
        let mut rate = Rate::new();
        for i in 0..10 {
            rate.take(f64::from(i) * 0.05).unwrap();
        }
        assert!(rate.throttled(0.5, 0));
        let fill = rate.per_second().unwrap();
        assert!((fill - 7.0).abs() < 1e-9, "{fill}");
        // Sent before that cut: no second cut.
        assert!(!rate.throttled(0.51, 0));
        assert_eq!(rate.per_second(), Some(fill));
        // Sent after it: cut again, from the rate allowed.
        assert!(rate.throttled(0.52, 1));
        let again = rate.per_second().unwrap();
        assert!((again - 4.9).abs() < 1e-9, "{again}");
    }

    #[test]
    fn the_rate_never_goes_below_the_minimum() {
        let mut rate = Rate::new();
        for epoch in 0..100 {
            rate.throttled(f64::from(epoch as u32), epoch);
        }
        assert_eq!(rate.per_second(), Some(MIN_RATE));
        // One token at a time, two seconds apart.
        assert!(rate.take(200.0).is_ok());
        let wait = rate.take(200.0).unwrap_err();
        assert!((wait - 2.0).abs() < 1e-9, "{wait}");
    }

    #[test]
    fn answers_grow_the_rate_back_to_the_ceiling_then_beyond() {
        let mut rate = Rate::new();
        for i in 0..20 {
            rate.take(0.025 + f64::from(i) * 0.05).unwrap();
        }
        rate.throttled(1.0, 0);
        assert!((rate.per_second().unwrap() - 14.0).abs() < 1e-9);
        // Keep sending at 20 a second so the cap (twice what is sent) is not what binds.
        let mut now = 1.0;
        let mut at = |rate: &mut Rate, until: f64| {
            while now < until {
                now += 0.05;
                rate.sent.push_back(now);
                rate.answered(now);
            }
        };
        // K = cbrt(20 * 0.3 / 0.4) = 2.47 s to reach the ceiling again.
        at(&mut rate, 2.0);
        let early = rate.per_second().unwrap();
        assert!(early > 14.0 && early < 20.0, "{early}");
        at(&mut rate, 1.0 + 2.47);
        let back = rate.per_second().unwrap();
        assert!((back - 20.0).abs() < 0.1, "{back}");
        at(&mut rate, 6.0);
        let beyond = rate.per_second().unwrap();
        assert!(beyond > 20.0 && beyond <= 40.0, "{beyond}");
    }

    #[test]
    fn the_rate_stays_within_twice_what_is_sent() {
        let mut rate = Rate::new();
        for i in 0..10 {
            rate.take(0.05 + f64::from(i) * 0.1).unwrap();
        }
        rate.throttled(1.0, 0);
        // Nothing sent for a minute: the rate last throttled, not more.
        rate.answered(60.0);
        assert_eq!(rate.per_second(), Some(10.0));
    }

    #[test]
    fn tokens_come_at_the_rate() {
        let mut rate = Rate::new();
        for i in 0..4 {
            rate.take(0.1 + f64::from(i) * 0.25).unwrap();
        }
        rate.throttled(1.0, 0); // 4 a second sent: 2.8 allowed
        let wait = rate.take(1.0).unwrap_err();
        assert!((wait - 1.0 / 2.8).abs() < 1e-9, "{wait}");
        assert!(rate.take(1.0 + wait).is_ok());
        assert!(rate.take(1.0 + wait).is_err());
    }

    #[test]
    fn a_batch_converges_on_the_rate_the_service_allows() {
        for (allowed, workers) in [(4.0, 8), (20.0, 8), (2.0, 256), (100.0, 64)] {
            let seconds = 30.0;
            let (rate, ok, refused) = simulate(allowed, workers, seconds);
            let throughput = ok as f64 / seconds;
            assert!(
                throughput > allowed * 0.9,
                "{allowed}/s, {workers} workers: {throughput}/s, {refused} refused"
            );
            assert!(
                (refused as f64) < ok as f64 * 0.5,
                "{allowed}/s, {workers} workers: {ok} answered, {refused} refused"
            );
            let fill = rate.per_second().unwrap();
            assert!(fill < allowed * 3.0, "{allowed}/s: {fill}");
        }
    }

    #[test]
    fn patience_reads_durations_and_seconds() {
        let env = |v: &'static str| move |name: &str| (name == PATIENCE_VAR).then(|| v.to_string());
        assert_eq!(patience(&env("2s")).unwrap(), Duration::from_secs(2));
        assert_eq!(patience(&env("5m")).unwrap(), Duration::from_secs(300));
        assert_eq!(patience(&env("90")).unwrap(), Duration::from_secs(90));
        assert_eq!(patience(&env("")).unwrap(), DEFAULT_PATIENCE);
        assert_eq!(patience(&|_| None).unwrap(), DEFAULT_PATIENCE);
        let bad = patience(&env("soon")).unwrap_err();
        assert_eq!(bad.exit_code(), 5);
        assert!(bad.message.contains(PATIENCE_VAR), "{}", bad.message);
    }

    /// A pace that has sent a hundred requests and seen one throttled:
    /// 70 a second allowed.
    async fn throttled_pace(patience: Duration) -> Arc<Pace> {
        let pace = Arc::new(Pace::new(patience));
        let mut last = None;
        for _ in 0..100 {
            last = Some(pace.turn(pace.ticket(true)).await.unwrap());
        }
        pace.throttled(last.unwrap(), "ThrottlingException", "Rate exceeded")
            .unwrap();
        pace
    }

    #[tokio::test]
    async fn waiters_carrying_on_go_first_and_a_halt_ends_every_wait() {
        let pace = throttled_pace(DEFAULT_PATIENCE).await;
        // Five turns a second, none left now: every request below waits.
        {
            let mut inner = pace.lock();
            let now = pace.secs(Instant::now());
            inner.rate.fill = 5.0;
            inner.rate.refill(now);
            inner.rate.tokens = 0.0;
        }
        let order = Arc::new(Mutex::new(Vec::new()));
        // A request that began first, sent again after the others asked,
        // keeps its place among those beginning a job.
        let first = pace.ticket(true);
        let mut tasks = Vec::new();
        for (name, ticket) in [
            ("begin 2", pace.ticket(true)),
            ("begin 3", pace.ticket(true)),
            ("carry on", pace.ticket(false)),
            ("begin 1, again", first),
        ] {
            let (pace, order) = (pace.clone(), order.clone());
            tasks.push(tokio::spawn(async move {
                if pace.turn(ticket).await.is_ok() {
                    order.lock().unwrap().push(name);
                }
            }));
            tokio::task::yield_now().await;
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(
            *order.lock().unwrap(),
            ["carry on", "begin 1, again", "begin 2", "begin 3"]
        );
        // At the slowest rate, with no token left, the next turn is two
        // seconds off; a halt ends the wait.
        {
            let mut inner = pace.lock();
            let now = pace.secs(Instant::now());
            inner.rate.fill = MIN_RATE;
            inner.rate.refill(now);
            inner.rate.tokens = 0.0;
        }
        let started = Instant::now();
        let waiting = {
            let pace = pace.clone();
            tokio::spawn(async move { pace.turn(pace.ticket(true)).await })
        };
        tokio::task::yield_now().await;
        assert_eq!(pace.status().unwrap().waiting, 1);
        pace.halt();
        assert!(matches!(waiting.await.unwrap(), Err(Refusal::Halted)));
        assert!(started.elapsed() < Duration::from_secs(1));
        assert!(matches!(
            pace.turn(pace.ticket(false)).await,
            Err(Refusal::Halted)
        ));
        assert_eq!(pace.status().unwrap().waiting, 0);
    }

    #[tokio::test]
    async fn nothing_but_throttling_for_the_patience_gives_up() {
        let pace = throttled_pace(Duration::from_millis(50)).await;
        let turn = pace.turn(pace.ticket(true)).await.unwrap();
        pace.answered(turn);
        let turn = pace.turn(pace.ticket(true)).await.unwrap();
        pace.throttled(turn, "ThrottlingException", "Rate exceeded")
            .unwrap();
        tokio::time::sleep(Duration::from_millis(60)).await;
        let refusal = pace.turn(pace.ticket(true)).await.unwrap_err();
        let failure = refusal.failure("job J");
        assert_eq!(failure.code, "ThrottlingException");
        assert_eq!(failure.exit_code(), 6);
        assert!(
            failure.message.contains("throttling for 50ms"),
            "{}",
            failure.message
        );
        assert!(matches!(
            pace.turn(pace.ticket(false)).await,
            Err(Refusal::GaveUp { .. })
        ));
    }
}
