//! Graceful shutdown: close every open connection with 1001 Going Away and a reason, wait for
//! the answers up to a deadline, and collect each connection's [`CloseOutcome`].
//!
//! Runtime-agnostic: no timer and no task of its own. The caller supplies the deadline as a
//! future (`tokio::time::sleep(..)`, actix's, async-io's), and each connection's receive loop
//! waits for the [`ShutdownNotice`] beside its receive call (`tokio::select!` or the like),
//! sends the Close its stack's tracker makes from [`ShutdownNotice::payload`], and keeps
//! feeding the tracker until it ends, under its own close timeout.
#![cfg(feature = "std")]

use crate::{CloseCode, CloseOutcome, ClosePayload, truncate_reason};
use alloc::collections::BTreeMap;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::future::{Future, poll_fn};
use core::pin::pin;
use core::task::{Context, Poll, Waker};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The registry of a server's open connections, for a graceful shutdown: each connection
/// [`register`](Self::register)s, waits for the [`notice`](Registration::notice) beside its
/// receive call and [`finish`](Registration::finish)es with its outcome;
/// [`close_all`](Self::close_all) sends the notice to all of them and waits for their outcomes
/// up to a deadline. Clones share the registry.
///
/// ```
/// use closecode_core::{CloseTracker, ClosePayload, Ending, Shutdown};
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let shutdown = Shutdown::new();
/// let connection = shutdown.register();
/// // One connection's receive loop (with a stack's `Tracker` in a server); its peer answers at once.
/// let task = tokio::spawn(async move {
///     let mut tracker = CloseTracker::new();
///     let notice = connection.notice().await; // in a server: select! with the receive call
///     tracker.sent(&notice.payload()); // a stack's tracker: ws.send(tracker.close(&notice.payload())?)
///     tracker.received(&ClosePayload::new(1001u16, "")); // the answer
///     tracker.ended();
///     connection.finish(tracker.outcome());
/// });
/// let report = shutdown.close_all("restarting", tokio::time::sleep(std::time::Duration::from_secs(5))).await;
/// assert_eq!((report.outcomes.len(), report.unfinished), (1, 0));
/// assert_eq!(report.outcomes[0].ending, Ending::WeClosed);
/// assert_eq!(report.outcomes[0].to_string(), r#"we closed: 1001 Going Away "restarting"; peer answered 1001"#);
/// # task.await.unwrap();
/// # });
/// ```
#[derive(Clone, Debug, Default)]
pub struct Shutdown {
    shared: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    /// Set once the shutdown began.
    notice: Option<ShutdownNotice>,
    next_id: u64,
    /// Each open connection, with the waker of its pending `notice()` if any.
    open: BTreeMap<u64, Option<Waker>>,
    /// The outcomes of connections that finished after the shutdown began.
    outcomes: Vec<CloseOutcome>,
    /// Connections dropped without an outcome after the shutdown began.
    unreported: usize,
    /// `close_all` calls waiting for the last connection.
    waiters: Vec<Waker>,
}

/// What [`Shutdown::close_all`] found: the outcome of every connection that ended after the
/// shutdown began, and how many did not end by the deadline.
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
/// let shutdown = closecode_core::Shutdown::new();
/// let _stuck = shutdown.register(); // never answers
/// let report = shutdown.close_all("bye", std::future::ready(())).await; // deadline: now
/// assert_eq!((report.outcomes.len(), report.unfinished, report.unreported), (0, 1, 0));
/// # });
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ShutdownReport {
    /// The outcome of each connection that finished after the shutdown began, in the order
    /// they finished.
    pub outcomes: Vec<CloseOutcome>,
    /// Connections still open at the deadline.
    pub unfinished: usize,
    /// Connections whose [`Registration`] was dropped without an outcome after the shutdown
    /// began (a task that panicked or was cancelled).
    pub unreported: usize,
}

/// The Close a connection sends when the shutdown begins: 1001 Going Away and the reason given
/// to [`Shutdown::close_all`] (cut to 123 bytes on a character boundary).
///
/// ```
/// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
/// use closecode_core::{CloseCode, Shutdown};
/// let shutdown = Shutdown::new();
/// let connection = shutdown.register();
/// let report = shutdown.close_all("deploy", std::future::ready(())).await; // deadline: now
/// assert_eq!(report.unfinished, 1);
/// let notice = connection.notice().await;
/// assert_eq!((notice.payload().code(), notice.payload().reason()), (Some(CloseCode::GoingAway), "deploy"));
/// # });
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShutdownNotice {
    reason: Arc<str>,
}

impl ShutdownNotice {
    /// The Close payload to send: hand it to the stack's tracker's `close(..)`.
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let shutdown = closecode_core::Shutdown::new();
    /// let connection = shutdown.register();
    /// shutdown.close_all("bye", std::future::ready(())).await;
    /// assert_eq!(connection.notice().await.payload().encode().unwrap()[..2], 1001u16.to_be_bytes());
    /// # });
    /// ```
    #[must_use]
    pub fn payload(&self) -> ClosePayload<'_> {
        ClosePayload::new(CloseCode::GoingAway, &self.reason)
    }
}

/// One connection in a [`Shutdown`] registry. Dropping it without
/// [`finish`](Self::finish) removes the connection too.
///
/// ```
/// let shutdown = closecode_core::Shutdown::new();
/// let connection = shutdown.register();
/// assert_eq!(shutdown.open(), 1);
/// drop(connection);
/// assert_eq!(shutdown.open(), 0);
/// ```
#[derive(Debug)]
pub struct Registration {
    shared: Arc<Mutex<State>>,
    id: u64,
}

fn lock(shared: &Mutex<State>) -> MutexGuard<'_, State> {
    // A panic while the lock was held leaves the state consistent: every update is one step.
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Shutdown {
    /// An empty registry.
    ///
    /// ```
    /// assert_eq!(closecode_core::Shutdown::new().open(), 0);
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a connection that just opened. Registered after the shutdown began, its
    /// [`notice`](Registration::notice) is ready at once.
    ///
    /// ```
    /// let shutdown = closecode_core::Shutdown::new();
    /// let (a, b) = (shutdown.register(), shutdown.register());
    /// assert_eq!(shutdown.open(), 2);
    /// # drop((a, b));
    /// ```
    pub fn register(&self) -> Registration {
        let mut state = lock(&self.shared);
        let id = state.next_id;
        state.next_id += 1;
        state.open.insert(id, None);
        Registration { shared: Arc::clone(&self.shared), id }
    }

    /// How many connections are open (registered and not finished).
    ///
    /// ```
    /// let shutdown = closecode_core::Shutdown::new();
    /// let connection = shutdown.register();
    /// connection.finish(closecode_core::CloseTracker::new().outcome());
    /// assert_eq!(shutdown.open(), 0);
    /// ```
    #[must_use]
    pub fn open(&self) -> usize {
        lock(&self.shared).open.len()
    }

    /// Whether the shutdown began.
    ///
    /// ```
    /// let shutdown = closecode_core::Shutdown::new();
    /// assert!(!shutdown.is_shutting_down());
    /// drop(shutdown.close_all("bye", std::future::ready(())));
    /// assert!(!shutdown.is_shutting_down(), "a future does nothing until polled");
    /// ```
    #[must_use]
    pub fn is_shutting_down(&self) -> bool {
        lock(&self.shared).notice.is_some()
    }

    /// Sends every open connection (and every one registered later) the notice to close with
    /// 1001 Going Away and `reason` (cut to 123 bytes on a character boundary), then waits until
    /// every connection has finished or `deadline` completes, whichever is first. Calling it
    /// again waits again; the first reason stays.
    ///
    /// The deadline only ends the wait: each connection's loop keeps its own close timeout, so
    /// a deadline longer than that timeout sees every connection finish.
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let shutdown = closecode_core::Shutdown::new();
    /// let report = shutdown.close_all("deploy", std::future::pending::<()>()).await; // nothing open
    /// assert_eq!((report.outcomes.len(), report.unfinished), (0, 0));
    /// assert!(shutdown.is_shutting_down());
    /// # });
    /// ```
    pub async fn close_all<D: Future>(&self, reason: &str, deadline: D) -> ShutdownReport {
        {
            let mut state = lock(&self.shared);
            if state.notice.is_none() {
                state.notice = Some(ShutdownNotice { reason: Arc::from(truncate_reason(reason)) });
                for waker in state.open.values_mut().filter_map(Option::take) {
                    waker.wake();
                }
            }
        }
        let mut deadline = pin!(deadline);
        poll_fn(|cx| {
            {
                let mut state = lock(&self.shared);
                if state.open.is_empty() {
                    return Poll::Ready(());
                }
                if !state.waiters.iter().any(|w| w.will_wake(cx.waker())) {
                    state.waiters.push(cx.waker().clone());
                }
            }
            deadline.as_mut().poll(cx).map(drop)
        })
        .await;
        let mut state = lock(&self.shared);
        ShutdownReport {
            outcomes: core::mem::take(&mut state.outcomes),
            unfinished: state.open.len(),
            unreported: core::mem::take(&mut state.unreported),
        }
    }
}

impl Registration {
    /// Completes when the shutdown begins, with the Close to send. Cancel-safe: wait for it in
    /// a `select!` beside the receive call, as often as needed; once the shutdown began it is
    /// ready at once every time.
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let shutdown = closecode_core::Shutdown::new();
    /// let connection = shutdown.register();
    /// let report = shutdown.close_all("deploy", std::future::ready(())).await;
    /// assert_eq!(connection.notice().await, connection.notice().await, "ready every time");
    /// # drop(report);
    /// # });
    /// ```
    pub fn notice(&self) -> impl Future<Output = ShutdownNotice> + '_ {
        poll_fn(|cx: &mut Context<'_>| {
            let mut state = lock(&self.shared);
            if let Some(notice) = &state.notice {
                return Poll::Ready(notice.clone());
            }
            if let Some(slot) = state.open.get_mut(&self.id) {
                *slot = Some(cx.waker().clone());
            }
            Poll::Pending
        })
    }

    /// The connection ended with `outcome` (its tracker's): reported by
    /// [`Shutdown::close_all`] when the shutdown had begun, and removed from the registry.
    ///
    /// ```
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// use closecode_core::{CloseTracker, Ending, Shutdown};
    /// let shutdown = Shutdown::new();
    /// let connection = shutdown.register();
    /// let (report, ()) = tokio::join!(shutdown.close_all("deploy", std::future::pending::<()>()), async {
    ///     let mut tracker = CloseTracker::new();
    ///     tracker.sent(&connection.notice().await.payload());
    ///     tracker.timed_out();
    ///     connection.finish(tracker.outcome());
    /// });
    /// assert_eq!(report.outcomes[0].ending, Ending::TimedOut);
    /// # });
    /// ```
    pub fn finish(self, outcome: CloseOutcome) {
        let mut state = lock(&self.shared);
        if state.notice.is_some() {
            state.outcomes.push(outcome);
        }
        Self::remove(&mut state, self.id, false);
        drop(state);
        core::mem::forget(self);
    }

    fn remove(state: &mut State, id: u64, unreported: bool) {
        if state.open.remove(&id).is_some() {
            if unreported && state.notice.is_some() {
                state.unreported += 1;
            }
            if state.open.is_empty() {
                for waker in state.waiters.drain(..) {
                    waker.wake();
                }
            }
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        Self::remove(&mut lock(&self.shared), self.id, true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CloseTracker, Ending};

    fn block_on<F: Future>(future: F) -> F::Output {
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut future = pin!(future);
        loop {
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return output;
            }
        }
    }

    #[test]
    fn connections_finishing_before_the_shutdown_are_not_reported() {
        let shutdown = Shutdown::new();
        let early = shutdown.register();
        early.finish(CloseTracker::new().outcome());
        let late = shutdown.register();
        let notice = async {
            let notice = late.notice().await;
            let mut tracker = CloseTracker::new();
            tracker.sent(&notice.payload());
            tracker.timed_out();
            late.finish(tracker.outcome());
        };
        let (report, ()) =
            block_on(async { futures_join(shutdown.close_all("x", core::future::pending::<()>()), notice).await });
        assert_eq!(report.outcomes.len(), 1);
        assert_eq!(report.outcomes[0].ending, Ending::TimedOut);
        assert_eq!((report.unfinished, report.unreported), (0, 0));
    }

    #[test]
    fn a_dropped_registration_is_unreported_and_a_long_reason_is_cut() {
        let shutdown = Shutdown::new();
        let connection = shutdown.register();
        let long = "é".repeat(100);
        let report = block_on(async {
            let wait = shutdown.close_all(&long, core::future::pending::<()>());
            futures_join(wait, async { drop(connection) }).await.0
        });
        assert_eq!((report.outcomes.len(), report.unfinished, report.unreported), (0, 0, 1));
        let notice = block_on(shutdown.register().notice());
        assert_eq!(notice.payload().reason().len(), 122);
        assert!(notice.payload().encode().is_ok());
    }

    /// Polls both futures to completion, `a` first each time.
    async fn futures_join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
        let (mut a, mut b) = (pin!(a), pin!(b));
        let (mut ra, mut rb) = (None, None);
        poll_fn(|cx| {
            if ra.is_none() {
                if let Poll::Ready(v) = a.as_mut().poll(cx) {
                    ra = Some(v);
                }
            }
            if rb.is_none() {
                if let Poll::Ready(v) = b.as_mut().poll(cx) {
                    rb = Some(v);
                }
            }
            if ra.is_some() && rb.is_some() { Poll::Ready(()) } else { Poll::Pending }
        })
        .await;
        (ra.expect("ready"), rb.expect("ready"))
    }
}
