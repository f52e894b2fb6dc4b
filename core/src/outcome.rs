//! One record of how a connection ended, for logs and metrics, and names that read well.

use crate::{AppCloseCode, CloseEvent, ClosePayload};
use alloc::string::{String, ToString};
use closecode::CloseCode;
use core::fmt;

/// A code with the name a reader should see: an application's own name for one of its codes
/// ("4001 Kicked"), the registry's for the rest ("1001 Going Away").
///
/// ```
/// use closecode_core::{AppCloseCode, CloseEvent, ClosePayload, NamedCode};
///
/// #[derive(AppCloseCode, Clone, Copy)]
/// enum Chat {
///     Kicked = 4001,
/// }
/// let event = CloseEvent::received(&ClosePayload::new(Chat::Kicked, "spam"));
/// assert_eq!(event.describe::<Chat>().to_string(), "4001 Kicked");
/// assert_eq!(event.close_code().to_string(), "4001 Private Use");
/// assert_eq!(NamedCode::of::<Chat>(1001).to_string(), "1001 Going Away");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NamedCode {
    /// The code.
    pub code: u16,
    /// Its name: `T`'s for one of `T`'s codes, else the registry's.
    pub name: &'static str,
}

impl NamedCode {
    /// `code` named by `T` when it is one of `T`'s codes, else by the registry.
    #[must_use]
    pub fn of<T: AppCloseCode>(code: u16) -> Self {
        let name = T::from_code(code).map_or_else(|| CloseCode::from(code).name(), T::name);
        NamedCode { code, name }
    }

    /// `code` named by the registry.
    ///
    /// ```
    /// assert_eq!(closecode_core::NamedCode::registry(1013).name, "Try Again Later");
    /// ```
    #[must_use]
    pub fn registry(code: u16) -> Self {
        NamedCode { code, name: CloseCode::from(code).name() }
    }
}

impl fmt::Display for NamedCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

impl CloseEvent {
    /// The event's code with the name a reader should see: `T`'s own name for one of `T`'s
    /// codes ("4001 Kicked"), the registry's otherwise. See [`NamedCode`].
    #[must_use]
    pub fn describe<T: AppCloseCode>(&self) -> NamedCode {
        NamedCode::of::<T>(self.code())
    }
}

/// A Close frame sent or received: its code (`None` for an empty body) and reason.
///
/// ```
/// use closecode_core::{CloseCode, ClosePayload, CloseRecord};
/// let record = CloseRecord::from(&ClosePayload::new(CloseCode::GoingAway, "bye"));
/// assert_eq!((record.code, record.reason.as_str()), (Some(CloseCode::GoingAway), "bye"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CloseRecord {
    /// The status code, `None` for a Close frame without a body.
    pub code: Option<CloseCode>,
    /// The reason, empty when absent.
    pub reason: String,
}

impl From<&ClosePayload<'_>> for CloseRecord {
    fn from(payload: &ClosePayload<'_>) -> Self {
        CloseRecord { code: payload.code(), reason: payload.reason().to_string() }
    }
}

/// The ways a WebSocket connection ends, named once for every stack: what the closing
/// handshake got to before the connection was gone. Each gives one [`CloseEvent`] (RFC 6455
/// section 7.1.5: the code of the first Close received, else 1006; clean only when a Close
/// went each way), whatever stack reported it.
///
/// | ending | Close sent | Close received | event |
/// |---|---|---|---|
/// | [`PeerClosed`](Self::PeerClosed) | our answer | first | received code, clean |
/// | [`WeClosed`](Self::WeClosed) | first | the answer | received code, clean |
/// | [`PeerClosedUnanswered`](Self::PeerClosedUnanswered) | none | yes | received code, not clean |
/// | [`WeClosedUnanswered`](Self::WeClosedUnanswered) | yes | none | 1006, not clean |
/// | [`TimedOut`](Self::TimedOut) | yes | none in time | 1006, not clean |
/// | [`ProtocolError`](Self::ProtocolError) | maybe (1002) | none valid | 1006, not clean |
/// | [`Dropped`](Self::Dropped) | none | none | 1006, not clean |
///
/// ```
/// use closecode_core::{CloseTracker, ClosePayload, Ending};
///
/// let mut tracker = CloseTracker::new();
/// tracker.received(&ClosePayload::new(1000u16, "bye"));
/// tracker.ended(); // reset before we answered
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosedUnanswered);
/// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1000, false));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Ending {
    /// The peer sent a Close and this endpoint answered: the closing handshake completed.
    PeerClosed,
    /// This endpoint sent a Close and the peer answered (also when both sent one at once):
    /// the closing handshake completed.
    WeClosed,
    /// The peer sent a Close; the connection ended before this endpoint's answer went out.
    PeerClosedUnanswered,
    /// This endpoint sent a Close; the connection ended with no answer seen (actix-ws never
    /// shows the application the answer to its Close, so there it always ends this way).
    WeClosedUnanswered,
    /// This endpoint sent a Close and stopped waiting for the answer (its close timeout).
    TimedOut,
    /// The connection failed on a protocol error (an invalid frame or Close body) before a
    /// valid Close arrived; this endpoint may have sent 1002 or 1007.
    ProtocolError,
    /// The connection ended with no Close frame either way (TCP closed or reset).
    Dropped,
}

impl Ending {
    /// Every ending, in declaration order.
    pub const ALL: [Ending; 7] = [
        Ending::PeerClosed,
        Ending::WeClosed,
        Ending::PeerClosedUnanswered,
        Ending::WeClosedUnanswered,
        Ending::TimedOut,
        Ending::ProtocolError,
        Ending::Dropped,
    ];

    /// The name in logs and JSON: `peer_closed`, `we_closed`, `peer_closed_unanswered`,
    /// `we_closed_unanswered`, `timed_out`, `protocol_error`, `dropped`.
    ///
    /// ```
    /// assert_eq!(closecode_core::Ending::TimedOut.as_str(), "timed_out");
    /// ```
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Ending::PeerClosed => "peer_closed",
            Ending::WeClosed => "we_closed",
            Ending::PeerClosedUnanswered => "peer_closed_unanswered",
            Ending::WeClosedUnanswered => "we_closed_unanswered",
            Ending::TimedOut => "timed_out",
            Ending::ProtocolError => "protocol_error",
            Ending::Dropped => "dropped",
        }
    }

    /// Whether the closing handshake completed (a Close went each way): the event's
    /// `wasClean`.
    ///
    /// ```
    /// use closecode_core::Ending;
    /// assert!(Ending::PeerClosed.is_clean() && !Ending::PeerClosedUnanswered.is_clean());
    /// ```
    #[must_use]
    pub const fn is_clean(self) -> bool {
        matches!(self, Ending::PeerClosed | Ending::WeClosed)
    }
}

impl fmt::Display for Ending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a connection ended, in one record: the [`Ending`], the Close frame each side sent, and
/// the [`CloseEvent`] it implies. A [`CloseTracker`](crate::CloseTracker) (or a stack's
/// tracker in [`stacks`](crate::stacks)) builds it. `Display` is one log line; with the
/// `serde` feature it serializes to the same facts as JSON.
///
/// ```
/// use closecode_core::{CloseCode, CloseTracker, ClosePayload, Ending};
///
/// let mut tracker = CloseTracker::new();
/// tracker.received(&ClosePayload::new(CloseCode::GoingAway, "bye"));
/// tracker.sent(&ClosePayload::new(CloseCode::GoingAway, ""));
/// tracker.ended();
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosed);
/// assert_eq!(outcome.to_string(), r#"peer closed: 1001 Going Away "bye"; we answered 1001"#);
/// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1001, true));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CloseOutcome {
    /// How the connection ended.
    pub ending: Ending,
    /// The Close frame this endpoint sent, if any.
    pub sent: Option<CloseRecord>,
    /// The first Close frame the peer sent, if any.
    pub received: Option<CloseRecord>,
}

impl CloseOutcome {
    /// Whether the closing handshake completed ([`Ending::is_clean`]).
    #[must_use]
    pub fn was_clean(&self) -> bool {
        self.ending.is_clean()
    }

    /// The trusted `close` event this ending implies (RFC 6455 section 7.1.5): the received
    /// code and reason (1005 for an empty body) with `wasClean` per
    /// [`was_clean`](Self::was_clean), or 1006 when no Close frame arrived.
    ///
    /// ```
    /// let outcome = closecode_core::CloseTracker::new().outcome();
    /// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1006, false));
    /// ```
    #[must_use]
    pub fn event(&self) -> CloseEvent {
        match &self.received {
            Some(record) => CloseEvent::trusted(
                self.was_clean(),
                record.code.unwrap_or(CloseCode::NoStatusReceived),
                &record.reason,
            ),
            None => CloseEvent::abnormal(),
        }
    }

    /// The log line, with `T`'s names for its codes ("4001 Kicked").
    ///
    /// ```
    /// use closecode_core::{AppCloseCode, CloseTracker, ClosePayload};
    ///
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     Kicked = 4001,
    /// }
    /// let mut tracker = CloseTracker::new();
    /// tracker.sent(&ClosePayload::new(Chat::Kicked, "spam"));
    /// tracker.received(&ClosePayload::new(Chat::Kicked, ""));
    /// let outcome = tracker.outcome();
    /// assert_eq!(outcome.describe::<Chat>().to_string(), r#"we closed: 4001 Kicked "spam"; peer answered 4001"#);
    /// ```
    #[must_use]
    pub fn describe<T: AppCloseCode>(&self) -> impl fmt::Display + '_ {
        LogLine { outcome: self, name: NamedCode::of::<T> }
    }
}

/// The log line of an outcome, naming codes with `name`.
struct LogLine<'a> {
    outcome: &'a CloseOutcome,
    name: fn(u16) -> NamedCode,
}

impl LogLine<'_> {
    /// `1001 Going Away "bye"`, or `no status` for an empty body.
    fn first(&self, f: &mut fmt::Formatter<'_>, record: Option<&CloseRecord>) -> fmt::Result {
        match record.and_then(|r| r.code) {
            Some(code) => write!(f, "{}", (self.name)(code.as_u16()))?,
            None => f.write_str("no status")?,
        }
        match record {
            Some(record) if !record.reason.is_empty() => write!(f, " {:?}", record.reason),
            _ => Ok(()),
        }
    }

    /// `1001`, `1001 "reason"`, or `an empty Close`: the answer, by number.
    fn answer(f: &mut fmt::Formatter<'_>, record: &CloseRecord) -> fmt::Result {
        match record.code {
            Some(code) => write!(f, "{}", code.as_u16())?,
            None => f.write_str("an empty Close")?,
        }
        if !record.reason.is_empty() {
            write!(f, " {:?}", record.reason)?;
        }
        Ok(())
    }
}

impl fmt::Display for LogLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let CloseOutcome { ending, sent, received } = self.outcome;
        match ending {
            Ending::PeerClosed | Ending::PeerClosedUnanswered => {
                f.write_str("peer closed: ")?;
                self.first(f, received.as_ref())?;
                match sent {
                    Some(sent) if *ending == Ending::PeerClosed => {
                        f.write_str("; we answered ")?;
                        Self::answer(f, sent)
                    }
                    _ => f.write_str("; the connection ended before we answered"),
                }
            }
            Ending::WeClosed | Ending::WeClosedUnanswered | Ending::TimedOut => {
                f.write_str("we closed: ")?;
                self.first(f, sent.as_ref())?;
                match (ending, received) {
                    (Ending::WeClosed, Some(received)) => {
                        f.write_str("; peer answered ")?;
                        Self::answer(f, received)
                    }
                    (Ending::TimedOut, _) => f.write_str("; no answer before the close timeout"),
                    _ => f.write_str("; no answer seen before the connection ended"),
                }
            }
            Ending::ProtocolError | Ending::Dropped => {
                f.write_str(if *ending == Ending::Dropped {
                    "connection dropped: no closing handshake"
                } else {
                    "protocol error: the connection failed"
                })?;
                match sent {
                    Some(sent) => {
                        f.write_str(" (we sent ")?;
                        Self::answer(f, sent)?;
                        f.write_str(")")
                    }
                    None => Ok(()),
                }
            }
        }
    }
}

/// The log line, naming codes by the registry; see [`CloseOutcome::describe`] for an
/// application's names.
impl fmt::Display for CloseOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&LogLine { outcome: self, name: NamedCode::registry }, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CloseTracker;
    use alloc::format;

    fn outcome(steps: &[&dyn Fn(&mut CloseTracker)]) -> CloseOutcome {
        let mut tracker = CloseTracker::new();
        for step in steps {
            step(&mut tracker);
        }
        tracker.outcome()
    }

    #[test]
    fn every_ending_reads_as_one_line() {
        let bye = ClosePayload::new(CloseCode::GoingAway, "bye");
        let echo = ClosePayload::new(CloseCode::GoingAway, "");
        let cases: [(CloseOutcome, &str); 8] = [
            (
                outcome(&[&|t| t.received(&bye), &|t| t.sent(&echo)]),
                r#"peer closed: 1001 Going Away "bye"; we answered 1001"#,
            ),
            (
                outcome(&[&|t| t.received(&ClosePayload::NoStatus), &|t| t.sent(&ClosePayload::NoStatus)]),
                "peer closed: no status; we answered an empty Close",
            ),
            (
                outcome(&[&|t| t.received(&bye), &|t| t.ended()]),
                r#"peer closed: 1001 Going Away "bye"; the connection ended before we answered"#,
            ),
            (
                outcome(&[&|t| t.sent(&bye), &|t| t.received(&echo)]),
                r#"we closed: 1001 Going Away "bye"; peer answered 1001"#,
            ),
            (
                outcome(&[&|t| t.sent(&bye), &|t| t.ended()]),
                r#"we closed: 1001 Going Away "bye"; no answer seen before the connection ended"#,
            ),
            (
                outcome(&[&|t| t.sent(&bye), &|t| t.timed_out()]),
                r#"we closed: 1001 Going Away "bye"; no answer before the close timeout"#,
            ),
            (
                outcome(&[&|t| t.sent(&ClosePayload::new(CloseCode::ProtocolError, "bad")), &|t| t.protocol_error()]),
                r#"protocol error: the connection failed (we sent 1002 "bad")"#,
            ),
            (outcome(&[&|t| t.ended()]), "connection dropped: no closing handshake"),
        ];
        for (outcome, line) in cases {
            assert_eq!(format!("{outcome}"), line);
            let event = outcome.event();
            assert!(event.is_trusted());
            assert_eq!(event.was_clean(), outcome.ending.is_clean(), "{line}");
            assert_eq!(event.code() == 1006, outcome.received.is_none(), "{line}");
        }
    }

    #[test]
    fn a_reason_with_quotes_or_newlines_stays_on_one_line() {
        let outcome = outcome(&[&|t| t.received(&ClosePayload::new(1000u16, "a\n\"b\""))]);
        assert_eq!(
            format!("{outcome}"),
            r#"peer closed: 1000 Normal Closure "a\n\"b\""; the connection ended before we answered"#
        );
    }

    #[test]
    fn names_are_distinct() {
        for (i, a) in Ending::ALL.iter().enumerate() {
            for b in &Ending::ALL[i + 1..] {
                assert_ne!(a.as_str(), b.as_str());
            }
        }
    }
}
