//! The close tracker: a receive loop tells it what happened, it tells how the connection ended.

use crate::outcome::{CloseRecord, Ending};
use crate::{CloseOutcome, ClosePayload, EncodedPayload, Policy};

/// Follows one connection's closing handshake and gives its [`CloseOutcome`] (and so its
/// [`CloseEvent`](crate::CloseEvent)) at the end. Framework-neutral: each stack's tracker in
/// [`stacks`](crate::stacks) feeds one from what the stack yields, so the same way of ending
/// gives the same outcome on every stack; use this one directly for raw frames or a stack
/// closecode has no module for.
///
/// Feed it the Close frames as they go each way ([`sent`](Self::sent),
/// [`received`](Self::received), or [`received_raw`](Self::received_raw) for a raw body that
/// also gives the answer to send) and how the connection ended ([`ended`](Self::ended),
/// [`protocol_error`](Self::protocol_error), [`timed_out`](Self::timed_out)). It keeps the
/// first Close each way (RFC 6455 section 7.1.5 reports the first one received) and ignores
/// everything after the end, so any sequence of calls gives a defined outcome.
///
/// ```
/// use closecode_core::{CloseTracker, ClosePayload, Ending, Policy};
///
/// // A raw-frame server: the peer's Close arrives as bytes, the tracker says what to answer.
/// let mut tracker = CloseTracker::new();
/// let answer = tracker.received_raw(&[0x03, 0xF6, b'u', b'p'], Policy::Strict); // 1014 "up"
/// assert_eq!(answer.as_deref(), Some(&[0x03, 0xF6][..])); // echo the code
/// tracker.ended();
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosed);
/// assert_eq!((outcome.event().code(), outcome.event().reason()), (1014, "up"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CloseTracker {
    sent: Option<CloseRecord>,
    received: Option<CloseRecord>,
    /// Our Close went out before the peer's arrived.
    we_first: bool,
    end: Option<End>,
}

/// How the connection stopped, as far as the transport or the application says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Ended,
    ProtocolError,
    TimedOut,
}

impl CloseTracker {
    /// A tracker for an open connection.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// This endpoint sent a Close frame with `payload`. Only the first counts.
    ///
    /// ```
    /// use closecode_core::{CloseTracker, ClosePayload, Ending};
    /// let mut tracker = CloseTracker::new();
    /// tracker.sent(&ClosePayload::new(4001u16, "kicked"));
    /// tracker.ended();
    /// assert_eq!(tracker.outcome().ending, Ending::WeClosedUnanswered);
    /// ```
    pub fn sent(&mut self, payload: &ClosePayload<'_>) {
        if self.end.is_none() && self.sent.is_none() {
            self.sent = Some(CloseRecord::from(payload));
            self.we_first = self.received.is_none();
        }
    }

    /// A valid Close frame arrived with `payload`. Only the first counts.
    ///
    /// ```
    /// use closecode_core::{CloseTracker, ClosePayload, Ending};
    /// let mut tracker = CloseTracker::new();
    /// tracker.sent(&ClosePayload::new(4001u16, "kicked"));
    /// tracker.received(&ClosePayload::new(4001u16, ""));
    /// assert_eq!(tracker.outcome().ending, Ending::WeClosed);
    /// ```
    pub fn received(&mut self, payload: &ClosePayload<'_>) {
        if self.end.is_none() && self.received.is_none() {
            self.received = Some(CloseRecord::from(payload));
        }
    }

    /// A Close frame's raw `body` arrived: checks it under `policy` and gives the body to
    /// answer with, recorded as sent. `None` when nothing is to be sent: this endpoint already
    /// sent its Close (this one is the answer), or the connection is over. A body the policy
    /// refuses fails the connection: the answer carries the code the error calls for (1002,
    /// or 1007 for a reason that is not UTF-8), and the ending is
    /// [`Ending::ProtocolError`]; close the TCP connection once it is sent.
    ///
    /// ```
    /// use closecode_core::{CloseTracker, Ending, Policy};
    /// let mut tracker = CloseTracker::new();
    /// let answer = tracker.received_raw(&[0x03, 0xED], Policy::Strict); // 1005 on the wire
    /// assert_eq!(answer.as_deref().map(|b| &b[..2]), Some(&1002u16.to_be_bytes()[..]));
    /// assert_eq!(tracker.outcome().ending, Ending::ProtocolError);
    /// assert_eq!(tracker.outcome().event().code(), 1006);
    /// ```
    pub fn received_raw(&mut self, body: &[u8], policy: Policy) -> Option<EncodedPayload> {
        if self.end.is_some() || self.received.is_some() {
            return None;
        }
        let answer = match ClosePayload::parse_with(body, policy) {
            Ok(payload) => {
                self.received(&payload);
                payload.code().map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, ""))
            }
            Err(error) => {
                let answer = ClosePayload::new(error.fail_with(), fail_reason(error));
                self.sent(&answer);
                self.protocol_error();
                return Some(answer.encode().unwrap_or(EncodedPayload::EMPTY));
            }
        };
        if self.sent.is_some() {
            return None;
        }
        // A code the policy accepts but an endpoint may not send (1004 under the lenient
        // policy) is answered with an empty body.
        let answer = if answer.encode().is_ok() { answer } else { ClosePayload::NoStatus };
        self.sent(&answer);
        Some(answer.encode().unwrap_or(EncodedPayload::EMPTY))
    }

    /// The connection is gone: the stream ended, the TCP connection closed or was reset. What
    /// was exchanged before decides the ending.
    pub fn ended(&mut self) {
        self.end.get_or_insert(End::Ended);
    }

    /// The connection failed on a protocol error (an invalid frame, a refused Close body). A
    /// Close the stack sent because of it (1002, 1007) is recorded with [`sent`](Self::sent)
    /// first.
    pub fn protocol_error(&mut self) {
        self.end.get_or_insert(End::ProtocolError);
    }

    /// This endpoint stopped waiting for the peer's answer to its Close (its close timeout)
    /// and dropped the connection.
    ///
    /// ```
    /// use closecode_core::{CloseTracker, ClosePayload, Ending};
    /// let mut tracker = CloseTracker::new();
    /// tracker.sent(&ClosePayload::new(1001u16, "shutting down"));
    /// tracker.timed_out();
    /// assert_eq!(tracker.outcome().ending, Ending::TimedOut);
    /// ```
    pub fn timed_out(&mut self) {
        self.end.get_or_insert(End::TimedOut);
    }

    /// Whether the connection is over: ended, failed or timed out, or the closing handshake
    /// completed (a Close went each way).
    ///
    /// ```
    /// use closecode_core::{CloseTracker, ClosePayload};
    /// let mut tracker = CloseTracker::new();
    /// tracker.received(&ClosePayload::NoStatus);
    /// assert!(!tracker.is_over());
    /// tracker.sent(&ClosePayload::NoStatus);
    /// assert!(tracker.is_over());
    /// ```
    #[must_use]
    pub fn is_over(&self) -> bool {
        self.end.is_some() || (self.sent.is_some() && self.received.is_some())
    }

    /// Whether this endpoint has sent its Close (a stack must not send a second one).
    #[must_use]
    pub fn has_sent(&self) -> bool {
        self.sent.is_some()
    }

    /// Whether the peer's Close has arrived.
    #[must_use]
    pub fn has_received(&self) -> bool {
        self.received.is_some()
    }

    /// How the connection ended, as far as the tracker was told; a connection still open
    /// counts as ending now (a dropped tracker drops its connection).
    ///
    /// ```
    /// use closecode_core::{CloseTracker, Ending};
    /// assert_eq!(CloseTracker::new().outcome().ending, Ending::Dropped);
    /// ```
    #[must_use]
    pub fn outcome(&self) -> CloseOutcome {
        let ending = match (&self.sent, &self.received, self.end) {
            (Some(_), Some(_), _) if self.we_first => Ending::WeClosed,
            (Some(_), Some(_), _) => Ending::PeerClosed,
            (None, Some(_), _) => Ending::PeerClosedUnanswered,
            (_, None, Some(End::ProtocolError)) => Ending::ProtocolError,
            (Some(_), None, Some(End::TimedOut)) => Ending::TimedOut,
            (Some(_), None, _) => Ending::WeClosedUnanswered,
            (None, None, _) => Ending::Dropped,
        };
        CloseOutcome { ending, sent: self.sent.clone(), received: self.received.clone() }
    }
}

/// The short reason sent with the code that fails a connection.
pub(crate) fn fail_reason(error: crate::PayloadError) -> &'static str {
    match error {
        crate::PayloadError::InvalidUtf8 { .. } => "close reason is not UTF-8",
        crate::PayloadError::CodeNotAccepted(_) => "invalid close code",
        _ => "invalid close frame",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ending;

    #[test]
    fn a_close_after_the_end_changes_nothing() {
        let mut tracker = CloseTracker::new();
        tracker.ended();
        tracker.received(&ClosePayload::new(1000u16, ""));
        tracker.sent(&ClosePayload::new(1000u16, ""));
        assert_eq!(tracker.received_raw(&[0x03, 0xE8], Policy::Strict), None);
        assert_eq!(tracker.outcome().ending, Ending::Dropped);
    }

    #[test]
    fn only_the_first_close_each_way_counts() {
        let mut tracker = CloseTracker::new();
        tracker.received(&ClosePayload::new(4001u16, "first"));
        tracker.received(&ClosePayload::new(4002u16, "second"));
        assert_eq!(tracker.received_raw(&[0x0F, 0xA3], Policy::Strict), None);
        tracker.sent(&ClosePayload::new(4001u16, ""));
        tracker.sent(&ClosePayload::new(1000u16, ""));
        let outcome = tracker.outcome();
        assert_eq!(outcome.ending, Ending::PeerClosed);
        assert_eq!(outcome.event().reason(), "first");
        assert_eq!(outcome.sent.unwrap().code.map(closecode::CloseCode::as_u16), Some(4001));
    }

    #[test]
    fn a_raw_answer_to_our_close_sends_nothing() {
        let mut tracker = CloseTracker::new();
        tracker.sent(&ClosePayload::new(4001u16, "kicked"));
        assert_eq!(tracker.received_raw(&[0x0F, 0xA1], Policy::Strict), None);
        assert_eq!(tracker.outcome().ending, Ending::WeClosed);
    }

    #[test]
    fn a_raw_1004_is_answered_empty_under_the_lenient_policy() {
        let mut tracker = CloseTracker::new();
        assert_eq!(tracker.received_raw(&1004u16.to_be_bytes(), Policy::Lenient).as_deref(), Some(&[][..]));
        assert_eq!(tracker.outcome().event().code(), 1004);
    }

    #[test]
    fn every_two_byte_body_gets_a_sendable_answer() {
        for code in 0..=u16::MAX {
            for policy in [Policy::Strict, Policy::Lenient] {
                let mut tracker = CloseTracker::new();
                let answer = tracker.received_raw(&code.to_be_bytes(), policy).expect("an answer");
                let answer = ClosePayload::parse(&answer).expect("the answer parses under the strict policy");
                let outcome = tracker.outcome();
                if outcome.ending == Ending::ProtocolError {
                    assert_eq!(outcome.event().code(), 1006);
                    assert_eq!(answer.code().map(closecode::CloseCode::as_u16), Some(1002));
                } else {
                    assert_eq!(outcome.ending, Ending::PeerClosed);
                    assert_eq!(outcome.event().code(), code);
                    assert!(answer.code().is_none_or(|c| c.as_u16() == code));
                }
            }
        }
    }

    #[test]
    fn malformed_bodies_fail_with_the_right_code() {
        for (body, code) in [(&[0x03][..], 1002u16), (&[0x03, 0xE8, 0xFF], 1007), (&[0; 126], 1002)] {
            let mut tracker = CloseTracker::new();
            let answer = tracker.received_raw(body, Policy::Lenient).unwrap();
            assert_eq!(answer[..2], code.to_be_bytes());
            assert_eq!(tracker.outcome().ending, Ending::ProtocolError);
        }
        let mut empty = CloseTracker::new();
        assert_eq!(empty.received_raw(&[], Policy::Strict).as_deref(), Some(&[][..]));
        assert_eq!(empty.outcome().event().code(), 1005);
    }
}
