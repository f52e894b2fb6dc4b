//! What a client should do about reconnecting after a close: the advice is data (from the
//! registry annotations, or a code's range), the delay a pure function.

use crate::CodeRange;
use core::time::Duration;

/// Whether, and how soon, a client should reconnect after a connection closed with a code.
///
/// [`CloseCode::reconnect`](crate::CloseCode::reconnect) gives the advice for any code:
/// registered codes from closecode's annotations of the registry (each with its source),
/// other codes from their [`CodeRange`] ([`CodeRange::reconnect`]).
///
/// The advice is for the code a client sees, and peers do not all see the code sent: a
/// WebKitGTK page sees 1012-1014 as 1006, a tungstenite or axum client sees 1014 as 1002
/// (`Never`). `closecode_core::Peer::advice` says what each measured peer is advised;
/// `ClosePayload::compatible` and `CloseEvent::to_relay_compatible` (in `closecode-core`) pick
/// a code whose advice survives every measured peer.
///
/// ```
/// use closecode::{CloseCode, Reconnect};
///
/// assert_eq!(CloseCode::PolicyViolation.reconnect(), Reconnect::Never);
/// assert_eq!(CloseCode::Unauthorized.reconnect(), Reconnect::AfterAuth);
/// assert_eq!(CloseCode::ServiceRestart.reconnect(), Reconnect::Soon);
/// assert_eq!(CloseCode::TryAgainLater.reconnect(), Reconnect::Backoff);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Reconnect {
    /// Do not reconnect: the peer must change something first (a normal end, a client bug, a
    /// policy decision).
    Never,
    /// Authenticate again, then reconnect (with [`Reconnect::delay`]'s backoff after that).
    AfterAuth,
    /// Reconnect soon, after a short randomised delay (the service is restarting; spreading
    /// clients over a few seconds avoids a stampede).
    Soon,
    /// Reconnect with exponential backoff and jitter (the service or the path to it is
    /// overloaded or failing for now).
    Backoff,
}

/// The cap of every delay.
const MAX_DELAY_MS: u64 = 60_000;

impl Reconnect {
    /// Every advice, in order.
    ///
    /// ```
    /// assert_eq!(closecode::Reconnect::ALL.len(), 4);
    /// ```
    pub const ALL: [Reconnect; 4] = [Reconnect::Never, Reconnect::AfterAuth, Reconnect::Soon, Reconnect::Backoff];

    /// The advice's name in closecode's data and exports: `never`, `after-auth`, `soon`,
    /// `backoff`.
    ///
    /// ```
    /// assert_eq!(closecode::Reconnect::AfterAuth.as_str(), "after-auth");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Reconnect::Never => "never",
            Reconnect::AfterAuth => "after-auth",
            Reconnect::Soon => "soon",
            Reconnect::Backoff => "backoff",
        }
    }

    /// The advice named `name` (as [`as_str`](Self::as_str) writes it), if any.
    ///
    /// ```
    /// use closecode::Reconnect;
    /// assert_eq!(Reconnect::from_name("soon"), Some(Reconnect::Soon));
    /// assert_eq!(Reconnect::from_name("later"), None);
    /// ```
    #[must_use]
    pub fn from_name(name: &str) -> Option<Reconnect> {
        Reconnect::ALL.into_iter().find(|r| r.as_str() == name)
    }

    /// Whether the advice is to reconnect at all (every advice but [`Never`](Self::Never)).
    ///
    /// ```
    /// assert!(!closecode::Reconnect::Never.should_reconnect());
    /// ```
    #[must_use]
    pub const fn should_reconnect(self) -> bool {
        !matches!(self, Reconnect::Never)
    }

    /// The advice for a close that was clean or not: this advice, except that an unclean close
    /// is at least [`Backoff`](Self::Backoff), since the transport failed and the code (if
    /// any) did not decide the ending. `CloseEvent::reconnect` in `closecode-core` applies it;
    /// the front-end export's `reconnectAfter` is the same rule.
    ///
    /// ```
    /// use closecode::Reconnect;
    /// assert_eq!(Reconnect::Never.for_close(true), Reconnect::Never);
    /// assert_eq!(Reconnect::Never.for_close(false), Reconnect::Backoff);
    /// assert_eq!(Reconnect::Soon.for_close(false), Reconnect::Soon);
    /// ```
    #[must_use]
    pub const fn for_close(self, was_clean: bool) -> Reconnect {
        match self {
            Reconnect::Never if !was_clean => Reconnect::Backoff,
            other => other,
        }
    }

    /// How long to wait before reconnect attempt `attempt` (0 for the first), given `jitter`,
    /// a random number the caller draws uniformly from the whole `u16` range (no random
    /// source is needed here, so this works on `no_std`). `None` for [`Never`](Self::Never).
    ///
    /// With `cap = min(base * 2^attempt, 60 s)`:
    ///
    /// | advice | base | delay | first attempt |
    /// |---|---:|---|---|
    /// | `Soon` | 5 s | `jitter * cap` ("full jitter": spreads a restart's clients) | 0-5 s |
    /// | `Backoff`, `AfterAuth` | 1 s | `cap / 2 + jitter * cap / 2` ("equal jitter") | 0.5-1 s |
    ///
    /// Every delay lies within `0..=60 s`, grows (its bounds do) with `attempt`, and is total:
    /// any `attempt` and `jitter` give an answer without overflow. For `AfterAuth` the delay
    /// runs after the new credentials are in hand.
    ///
    /// ```
    /// use closecode::Reconnect;
    /// use std::time::Duration;
    ///
    /// assert_eq!(Reconnect::Never.delay(0, 0), None);
    /// assert_eq!(Reconnect::Backoff.delay(0, 0), Some(Duration::from_millis(500)));
    /// assert_eq!(Reconnect::Backoff.delay(3, u16::MAX), Some(Duration::from_secs(8)));
    /// assert_eq!(Reconnect::Backoff.delay(50, u16::MAX), Some(Duration::from_secs(60)));
    /// assert_eq!(Reconnect::Soon.delay(0, u16::MAX), Some(Duration::from_secs(5)));
    /// ```
    #[must_use]
    pub const fn delay(self, attempt: u32, jitter: u16) -> Option<Duration> {
        let base_ms: u64 = match self {
            Reconnect::Never => return None,
            Reconnect::Soon => 5_000,
            Reconnect::AfterAuth | Reconnect::Backoff => 1_000,
        };
        // 2^attempt saturates well before 60 s / 1 s overflows anything.
        let shift = if attempt > 16 { 16 } else { attempt };
        let grown = base_ms << shift;
        let cap = if grown > MAX_DELAY_MS { MAX_DELAY_MS } else { grown };
        let ms = match self {
            Reconnect::Soon => spread(cap, jitter),
            _ => cap / 2 + spread(cap - cap / 2, jitter),
        };
        Some(Duration::from_millis(ms))
    }
}

/// `jitter / 65535` of `span` (at most 60 000 ms, so no overflow).
const fn spread(span: u64, jitter: u16) -> u64 {
    span * jitter as u64 / u16::MAX as u64
}

impl core::fmt::Display for Reconnect {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl CodeRange {
    /// The advice for a code of this range that no registry row advises on: `Never` for codes
    /// outside 1000-4999 (the peer broke the protocol), `Backoff` for the rest (an unknown
    /// protocol or library code, or an application code its application did not advise on).
    ///
    /// ```
    /// use closecode::{CodeRange, Reconnect};
    /// assert_eq!(CodeRange::OutOfRange.reconnect(), Reconnect::Never);
    /// assert_eq!(CodeRange::Private.reconnect(), Reconnect::Backoff);
    /// ```
    #[must_use]
    pub const fn reconnect(self) -> Reconnect {
        match self {
            CodeRange::NotUsed | CodeRange::OutOfRange => Reconnect::Never,
            CodeRange::Protocol | CodeRange::Library | CodeRange::Private => Reconnect::Backoff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_within_their_documented_bounds_for_every_input_shape() {
        for advice in [Reconnect::Soon, Reconnect::Backoff, Reconnect::AfterAuth] {
            let base: u64 = if advice == Reconnect::Soon { 5_000 } else { 1_000 };
            for attempt in [0, 1, 2, 5, 6, 7, 16, 17, 1000, u32::MAX] {
                let cap = base.saturating_mul(1u64 << attempt.min(16)).min(60_000);
                let low = if advice == Reconnect::Soon { 0 } else { cap / 2 };
                for jitter in [0, 1, 32_767, 65_534, u16::MAX] {
                    let ms = u64::try_from(advice.delay(attempt, jitter).unwrap().as_millis()).unwrap();
                    assert!((low..=cap).contains(&ms), "{advice:?} attempt {attempt} jitter {jitter}: {ms} ms");
                }
                let top = u64::try_from(advice.delay(attempt, u16::MAX).unwrap().as_millis()).unwrap();
                assert_eq!(top, cap, "the largest jitter reaches the cap");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for advice in Reconnect::ALL {
            assert_eq!(Reconnect::from_name(advice.as_str()), Some(advice));
        }
    }
}
