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

/// Who started the closing handshake.
///
/// ```
/// assert_eq!(closecode_core::Initiator::Peer.as_str(), "peer");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Initiator {
    /// This endpoint sent the first Close frame.
    Us,
    /// The peer sent the first Close frame.
    Peer,
    /// Nobody: the connection failed before a Close frame arrived from the peer.
    Transport,
}

impl Initiator {
    /// `us`, `peer` or `transport` (also the serde form).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Initiator::Us => "us",
            Initiator::Peer => "peer",
            Initiator::Transport => "transport",
        }
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

/// How a connection ended, in one record: who started the closing handshake, what each side
/// sent, whether the handshake completed, and the [`CloseEvent`] it implies. `Display` is one
/// log line; with the `serde` feature it serializes to the same facts as JSON.
///
/// ```
/// use closecode_core::{CloseCode, CloseOutcome, ClosePayload};
///
/// let received = ClosePayload::new(CloseCode::GoingAway, "bye");
/// let outcome = CloseOutcome::peer_closed(&received, Some(&ClosePayload::new(CloseCode::GoingAway, "")));
/// assert_eq!(outcome.to_string(), r#"peer closed: 1001 Going Away "bye"; we answered 1001"#);
/// assert!(outcome.was_clean());
/// assert_eq!(outcome.event().code(), 1001);
///
/// let failed = CloseOutcome::transport_failed(None);
/// assert_eq!(failed.to_string(), "connection failed: no closing handshake");
/// assert_eq!((failed.event().code(), failed.event().was_clean()), (1006, false));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CloseOutcome {
    /// Who started the closing handshake.
    pub initiator: Initiator,
    /// The Close frame this endpoint sent, if any.
    pub sent: Option<CloseRecord>,
    /// The Close frame the peer sent, if any.
    pub received: Option<CloseRecord>,
}

impl CloseOutcome {
    /// The peer closed with `received`; this endpoint answered with `answered` (`None` when
    /// the connection ended before it could).
    #[must_use]
    pub fn peer_closed(received: &ClosePayload<'_>, answered: Option<&ClosePayload<'_>>) -> Self {
        CloseOutcome {
            initiator: Initiator::Peer,
            sent: answered.map(CloseRecord::from),
            received: Some(CloseRecord::from(received)),
        }
    }

    /// This endpoint closed with `sent`; the peer answered with `answered` (`None` when the
    /// connection ended first).
    ///
    /// ```
    /// use closecode_core::{CloseOutcome, ClosePayload};
    /// let kicked = ClosePayload::new(4001u16, "spam");
    /// let outcome = CloseOutcome::we_closed(&kicked, None);
    /// assert_eq!(outcome.to_string(), r#"we closed: 4001 Private Use "spam"; no answer from the peer"#);
    /// assert!(!outcome.was_clean());
    /// ```
    #[must_use]
    pub fn we_closed(sent: &ClosePayload<'_>, answered: Option<&ClosePayload<'_>>) -> Self {
        CloseOutcome {
            initiator: Initiator::Us,
            sent: Some(CloseRecord::from(sent)),
            received: answered.map(CloseRecord::from),
        }
    }

    /// The connection failed before the peer's Close frame arrived; `sent` is the Close
    /// frame this endpoint had sent, if any.
    #[must_use]
    pub fn transport_failed(sent: Option<&ClosePayload<'_>>) -> Self {
        CloseOutcome { initiator: Initiator::Transport, sent: sent.map(CloseRecord::from), received: None }
    }

    /// Whether the closing handshake completed: a Close frame went each way.
    #[must_use]
    pub fn was_clean(&self) -> bool {
        self.sent.is_some() && self.received.is_some()
    }

    /// The trusted `close` event this ending implies: the received code and reason (1005 for
    /// an empty body) with `wasClean` per [`was_clean`](Self::was_clean), or 1006 when no
    /// Close frame arrived.
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
    /// use closecode_core::{AppCloseCode, CloseOutcome, ClosePayload};
    ///
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     Kicked = 4001,
    /// }
    /// let outcome = CloseOutcome::we_closed(&ClosePayload::new(Chat::Kicked, "spam"), Some(&ClosePayload::new(Chat::Kicked, "")));
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
    fn first(&self, f: &mut fmt::Formatter<'_>, record: &CloseRecord) -> fmt::Result {
        match record.code {
            Some(code) => write!(f, "{}", (self.name)(code.as_u16()))?,
            None => f.write_str("no status")?,
        }
        if !record.reason.is_empty() {
            write!(f, " {:?}", record.reason)?;
        }
        Ok(())
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
        let outcome = self.outcome;
        match (outcome.initiator, &outcome.sent, &outcome.received) {
            (Initiator::Peer, sent, Some(received)) => {
                f.write_str("peer closed: ")?;
                self.first(f, received)?;
                match sent {
                    Some(sent) => {
                        f.write_str("; we answered ")?;
                        Self::answer(f, sent)
                    }
                    None => f.write_str("; we did not answer"),
                }
            }
            (Initiator::Us, Some(sent), received) => {
                f.write_str("we closed: ")?;
                self.first(f, sent)?;
                match received {
                    Some(received) => {
                        f.write_str("; peer answered ")?;
                        Self::answer(f, received)
                    }
                    None => f.write_str("; no answer from the peer"),
                }
            }
            (_, sent, _) => {
                f.write_str("connection failed: no closing handshake")?;
                match sent {
                    Some(sent) => {
                        f.write_str(" (we had sent ")?;
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
    use alloc::format;

    #[test]
    fn every_shape_reads_as_one_line() {
        let bye = ClosePayload::new(CloseCode::GoingAway, "bye");
        let echo = ClosePayload::new(CloseCode::GoingAway, "");
        let cases = [
            (
                CloseOutcome::peer_closed(&bye, Some(&echo)),
                r#"peer closed: 1001 Going Away "bye"; we answered 1001"#,
                true,
            ),
            (
                CloseOutcome::peer_closed(&ClosePayload::NoStatus, Some(&ClosePayload::NoStatus)),
                "peer closed: no status; we answered an empty Close",
                true,
            ),
            (CloseOutcome::peer_closed(&bye, None), r#"peer closed: 1001 Going Away "bye"; we did not answer"#, false),
            (
                CloseOutcome::we_closed(&bye, Some(&echo)),
                r#"we closed: 1001 Going Away "bye"; peer answered 1001"#,
                true,
            ),
            (
                CloseOutcome::transport_failed(Some(&bye)),
                r#"connection failed: no closing handshake (we had sent 1001 "bye")"#,
                false,
            ),
        ];
        for (outcome, line, clean) in cases {
            assert_eq!(format!("{outcome}"), line);
            assert!(!format!("{outcome}").contains('\n'));
            assert_eq!(outcome.was_clean(), clean, "{line}");
            let event = outcome.event();
            assert!(event.is_trusted());
            assert_eq!(event.was_clean(), clean);
        }
        assert_eq!(CloseOutcome::peer_closed(&ClosePayload::NoStatus, None).event().code(), 1005);
        assert_eq!(CloseOutcome::we_closed(&bye, None).event().code(), 1006);
    }

    #[test]
    fn a_reason_with_quotes_or_newlines_stays_on_one_line() {
        let outcome = CloseOutcome::peer_closed(&ClosePayload::new(1000u16, "a\n\"b\""), None);
        assert_eq!(format!("{outcome}"), r#"peer closed: 1000 Normal Closure "a\n\"b\""; we did not answer"#);
    }
}
