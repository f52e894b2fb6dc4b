//! tokio-websockets 0.13, feature `tokio-websockets-0_13`.
//!
//! The receive loop, with the close tracker doing all the bookkeeping, and the one step
//! tokio-websockets needs after it (`ws.flush()`, see below):
//!
//! ```no_run
//! use closecode_core::stacks::tokio_websockets_0_13::Tracker;
//! use closecode_core::{CloseCode, ClosePayload};
//! use futures_util::{SinkExt, StreamExt};
//!
//! # async fn run(mut ws: tokio_websockets::WebSocketStream<tokio::net::TcpStream>) -> Result<(), Box<dyn std::error::Error>> {
//! let mut tracker = Tracker::new();
//! while let Some(message) = tracker.track(ws.next().await) {
//!     if message.as_text() == Some("bye") {
//!         ws.send(tracker.close(&ClosePayload::new(CloseCode::NormalClosure, "bye"))?).await?;
//!     }
//! }
//! // Writes the 1002 (or 1007) tokio-websockets queued if the peer broke the protocol.
//! let _ = ws.flush().await;
//! let outcome = tracker.outcome();
//! println!("{outcome}"); // we closed: 1000 Normal Closure "bye"; peer answered 1000
//! let event = outcome.event(); // what a browser's onclose would report
//! # Ok(()) }
//! ```
//!
//! What tokio-websockets 0.13.3 does, and how the tracker reads it (`proto/stream.rs` lines
//! unless said otherwise):
//!
//! - A peer's Close: checked by the decoder (`proto/codec.rs:119-123` length,
//!   `proto/codec.rs:201-215` code and UTF-8: it accepts 1000-1003, 1007-1014 and 3000-4999,
//!   the strict policy's set, 1014 included). The stream queues the answer, the code only
//!   (346-350), and yields the Close; the answer is written when the stream is polled next,
//!   which then ends (298-301). So [`Tracker::track`] gives the Close back, the loop polls
//!   once more, and the answer is recorded when the stream ends; if writing it fails (the
//!   peer reset the connection) the stream yields an I/O error instead (510-513) and the
//!   ending is the peer's Close unanswered.
//! - The answer to this endpoint's Close is delivered (355-357); the stream ends next.
//! - The TCP connection closed without a Close: the stream ends (339); an I/O error or a
//!   reset: `Error::Io`.
//! - A protocol error (a reserved opcode, a bad Close body, an unmasked client frame: the
//!   decoder checks the mask bit, `proto/codec.rs:105-111`): the stream yields the error and
//!   queues a Close, 1002 with the error's text or 1007 "invalid utf8"
//!   (319-337, `proto/types.rs:685-694`), that is written only when the stream is polled or
//!   flushed again (296-301, 499). The tracker's contract (`None`: stop the loop) would lose
//!   it, so the loop above ends with `ws.flush()`, which writes whatever is queued and nothing
//!   else; the tracker records that Close as sent. (Not `ws.close()`: it reads the stream to
//!   its end first, 549, which after this endpoint's own unanswered Close waits for the peer
//!   without limit.)
//! - A message over the size limit: `PayloadTooLong`, with a 1009 queued when one frame is
//!   too long (327-333) and nothing when the fragments of a message add up to too much
//!   (441-442); the error does not say which, so the tracker records a protocol error and no
//!   Close sent.
//! - tokio-websockets' own `Message::close` asserts (panics) on 1004, 1005, 1006, 1015 and on
//!   a reason over 123 bytes (`proto/types.rs:337-352`); [`Tracker::close`] checks first and
//!   returns an error instead.

use crate::{CloseOutcome, ClosePayload, CloseTracker, EncodeError};
use alloc::string::{String, ToString};
use closecode::CloseCode;
use tokio_websockets::proto::ProtocolError;
use tokio_websockets::{Error, Message};

/// The payload of a Close message tokio-websockets delivered (it checked the body:
/// `proto/codec.rs:201-215`).
fn payload(message: &Message) -> Option<ClosePayload<'_>> {
    let (code, reason) = message.as_close()?;
    Some(if message.as_payload().is_empty() {
        ClosePayload::NoStatus
    } else {
        ClosePayload::new(u16::from(code), reason)
    })
}

/// The close tracker for tokio-websockets 0.13: feed it every item of the stream
/// (`ws.next().await`) with [`track`](Self::track), send Close messages made by
/// [`close`](Self::close), flush the stream once the loop ends, and read the
/// [`outcome`](Self::outcome). The module docs show the receive loop.
///
/// tokio-websockets answers a peer's Close itself with its code (no reason); the tracker
/// records the answer once the stream ends (it went out) and not when the connection fails
/// first.
///
/// ```
/// use closecode_core::{CloseCode, ClosePayload, Ending};
/// use closecode_core::stacks::tokio_websockets_0_13::Tracker;
///
/// let mut tracker = Tracker::new();
/// let close = tracker.close(&ClosePayload::new(CloseCode::GoingAway, "restarting"))?; // ws.send(close)
/// tracker.timed_out(); // no answer within the close timeout: drop the connection
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::TimedOut);
/// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1006, false));
/// # Ok::<(), closecode_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    close: CloseTracker,
    /// The answer tokio-websockets queued to the peer's Close (its code only), until the
    /// stream ends.
    echo: Option<ClosePayload<'static>>,
}

impl Tracker {
    super::tracker_ops!();

    /// Feeds one item of the stream (`ws.next().await`) and gives the message back while the
    /// connection is open: `None` once it is over, when the loop should stop (then flush the
    /// stream, see the module docs). A Close is given back too: polling once more sends
    /// tokio-websockets' answer.
    ///
    /// ```
    /// use closecode_core::{Ending, CloseCode};
    /// use closecode_core::stacks::tokio_websockets_0_13::Tracker;
    /// use tokio_websockets::{CloseCode as Theirs, Message};
    ///
    /// let mut tracker = Tracker::new();
    /// assert!(tracker.track(Some(Ok(Message::text("hi")))).is_some());
    /// let close = Message::close(Some(Theirs::BAD_GATEWAY), "upstream down");
    /// assert!(tracker.track(Some(Ok(close))).is_some()); // poll again: the answer goes out
    /// assert!(tracker.track(None).is_none());
    /// let outcome = tracker.outcome();
    /// assert_eq!(outcome.ending, Ending::PeerClosed);
    /// assert_eq!(outcome.to_string(), r#"peer closed: 1014 Bad Gateway "upstream down"; we answered 1014"#);
    /// ```
    pub fn track(&mut self, item: Option<Result<Message, Error>>) -> Option<Message> {
        match item {
            Some(Ok(message)) => match payload(&message) {
                Some(received) => {
                    // Queued only while the stream was active (stream.rs:343-351).
                    if !self.close.has_sent() && !self.close.has_received() && !self.close.is_over() {
                        self.echo =
                            Some(received.code().map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, "")));
                    }
                    self.close.received(&received);
                    Some(message)
                }
                None => (!self.close.is_over()).then_some(message),
            },
            // After a Close either way the stream ends once it has written what it owed
            // (stream.rs:296-301); without one, the peer closed the TCP connection (339).
            None => {
                if let Some(echo) = self.echo.take() {
                    self.close.sent(&echo);
                }
                self.close.ended();
                None
            }
            Some(Err(error)) => {
                self.failed(&error);
                None
            }
        }
    }

    /// The Close message for `payload`, checked as [`ClosePayload::encode`] checks it (no code
    /// that may not be sent, no reason over 123 bytes), so `Message::close` never asserts, and
    /// recorded as sent. Send it with `ws.send(..)`.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode, EncodeError};
    /// use closecode_core::stacks::tokio_websockets_0_13::Tracker;
    ///
    /// let mut tracker = Tracker::new();
    /// let message = tracker.close(&ClosePayload::new(CloseCode::ServiceRestart, "deploy"))?;
    /// assert_eq!(message.as_close().map(|(code, reason)| (u16::from(code), reason)), Some((1012, "deploy")));
    /// // What would panic inside tokio-websockets is an error here.
    /// assert!(tracker.close(&ClosePayload::new(CloseCode::Reserved, "")).is_err());
    /// assert!(tracker.close(&ClosePayload::new(1000u16, &"x".repeat(124))).is_err());
    /// # Ok::<(), EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close(&mut self, payload: &ClosePayload<'_>) -> Result<Message, EncodeError> {
        let message = match super::checked(payload)? {
            None => Message::close(None, ""),
            // Every sendable code lies in 1000-1014 or 3000-4999 and is not one tokio-websockets
            // reserves, so the conversion succeeds and `Message::close` does not assert; the
            // error arm keeps that true should either side change.
            Some((code, reason)) => match tokio_websockets::CloseCode::try_from(code) {
                Ok(theirs) if !theirs.is_reserved() => Message::close(Some(theirs), reason),
                _ => return Err(EncodeError::CodeNotSendable(code)),
            },
        };
        // Once the peer's Close arrived, tokio-websockets refuses to send another
        // (`AlreadyClosed`, stream.rs:482-484): its own answer is the Close sent.
        if !self.close.has_received() {
            self.close.sent(payload);
        }
        Ok(message)
    }

    fn failed(&mut self, error: &Error) {
        match error {
            // stream.rs:320-326: a Close queued unless ours went first; the loop's flush sends it.
            Error::Protocol(error) => {
                let (code, reason) = match error {
                    ProtocolError::InvalidUtf8 => (CloseCode::InvalidFramePayloadData, String::from("invalid utf8")),
                    other => (CloseCode::ProtocolError, other.to_string()),
                };
                self.close.sent(&ClosePayload::new(code, &reason));
                self.close.protocol_error();
            }
            Error::PayloadTooLong { .. } => self.close.protocol_error(),
            // An I/O error (a reset, a failed write of the answer: stream.rs:510-513), or an
            // error no stream yields: the connection is gone.
            _ => self.close.ended(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ending, Policy};
    use alloc::vec::Vec;

    fn close(code: u16, reason: &str) -> Message {
        Message::close(Some(tokio_websockets::CloseCode::try_from(code).unwrap()), reason)
    }

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_message() {
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().close(p));
    }

    #[test]
    fn a_reset_before_the_answer_keeps_the_received_code() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Ok(close(1000, "")))).is_some());
        assert!(tracker.track(Some(Err(Error::Io(std::io::ErrorKind::ConnectionReset.into())))).is_none());
        let outcome = tracker.outcome();
        assert_eq!(outcome.ending, Ending::PeerClosedUnanswered);
        assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1000, false));
    }

    #[test]
    fn an_empty_close_is_answered_empty() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Ok(Message::close(None, "")))).is_some());
        tracker.track(None);
        let outcome = tracker.outcome();
        assert_eq!(outcome.to_string(), "peer closed: no status; we answered an empty Close");
        assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1005, true));
    }

    #[test]
    fn our_close_answered() {
        let mut tracker = Tracker::new();
        let message = tracker.close(&ClosePayload::new(4001u16, "kicked")).unwrap();
        assert_eq!(message.as_close().map(|(c, r)| (u16::from(c), r)), Some((4001, "kicked")));
        assert!(tracker.track(Some(Ok(Message::text("late")))).is_some(), "data before the answer");
        tracker.track(Some(Ok(close(4001, ""))));
        tracker.track(None);
        assert_eq!(tracker.outcome().to_string(), r#"we closed: 4001 Private Use "kicked"; peer answered 4001"#);
    }

    #[test]
    fn a_protocol_error_records_the_queued_close() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Err(Error::Protocol(ProtocolError::InvalidOpcode)))).is_none());
        let outcome = tracker.outcome();
        assert_eq!(outcome.to_string(), r#"protocol error: the connection failed (we sent 1002 "invalid opcode")"#);
        let mut utf8 = Tracker::new();
        utf8.track(Some(Err(Error::Protocol(ProtocolError::InvalidUtf8))));
        assert_eq!(utf8.outcome().sent.and_then(|s| s.code), Some(CloseCode::InvalidFramePayloadData));
        // After our Close, nothing is queued (stream.rs:320-321).
        let mut ours = Tracker::new();
        ours.close(&ClosePayload::new(1001u16, "")).unwrap();
        ours.track(Some(Err(Error::Protocol(ProtocolError::InvalidOpcode))));
        assert_eq!(ours.outcome().sent.and_then(|s| s.code), Some(CloseCode::GoingAway));
    }

    #[test]
    fn a_close_after_the_peers_is_not_recorded() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Ok(close(1001, "bye"))));
        assert!(tracker.close(&ClosePayload::new(4001u16, "too late")).is_ok());
        tracker.track(None);
        assert_eq!(tracker.outcome().sent.and_then(|s| s.code), Some(CloseCode::GoingAway));
    }

    /// One thing a tokio-websockets receive loop can see, or do.
    #[derive(Clone, Debug)]
    enum Step {
        Close(Option<u16>),
        Text,
        End,
        Error(u8),
        Send(u16),
        TimedOut,
    }

    fn error(kind: u8) -> Error {
        match kind % 5 {
            0 => Error::Io(std::io::ErrorKind::ConnectionReset.into()),
            1 => Error::Protocol(ProtocolError::InvalidOpcode),
            2 => Error::Protocol(ProtocolError::InvalidUtf8),
            3 => Error::PayloadTooLong { len: 2, max_len: 1 },
            _ => Error::AlreadyClosed,
        }
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            // The Close bodies tokio-websockets delivers: the codes its decoder accepts.
            proptest::option::of(any::<u16>().prop_filter("accepted by the decoder", |&code| {
                tokio_websockets::CloseCode::try_from(code).is_ok_and(|c| !c.is_reserved())
            }))
            .prop_map(Step::Close),
            Just(Step::Text),
            Just(Step::End),
            any::<u8>().prop_map(Step::Error),
            any::<u16>().prop_map(Step::Send),
            Just(Step::TimedOut),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_sequence_gives_a_defined_event(steps in proptest::collection::vec(step(), 0..8)) {
            let mut tracker = Tracker::new();
            let mut first_close = None;
            for step in &steps {
                match step {
                    Step::Close(code) => {
                        first_close.get_or_insert(code.unwrap_or(1005));
                        let message = match code {
                            Some(code) => close(*code, "x"),
                            None => Message::close(None, ""),
                        };
                        tracker.track(Some(Ok(message)));
                    }
                    Step::Text => drop(tracker.track(Some(Ok(Message::text("x"))))),
                    Step::End => drop(tracker.track(None)),
                    Step::Error(kind) => drop(tracker.track(Some(Err(error(*kind))))),
                    Step::Send(code) => drop(tracker.close(&ClosePayload::new(*code, "x"))),
                    Step::TimedOut => tracker.timed_out(),
                }
            }
            let outcome = tracker.outcome();
            let event = outcome.event();
            proptest::prop_assert!(event.is_trusted());
            proptest::prop_assert_eq!(event.was_clean(), outcome.ending.is_clean());
            proptest::prop_assert_eq!(event.code() == 1006, outcome.received.is_none());
            if event.code() != 1006 {
                proptest::prop_assert_eq!(Some(event.code()), first_close);
            }
            if let Some(sent) = outcome.sent {
                let sent = ClosePayload::new(sent.code.unwrap_or(CloseCode::NormalClosure), &sent.reason);
                proptest::prop_assert!(ClosePayload::parse_with(&sent.encode().unwrap(), Policy::Strict).is_ok());
            }
        }
    }

    #[test]
    fn every_accepted_close_reads_back_as_sent() {
        let codes: Vec<u16> = (0..=u16::MAX)
            .filter(|&c| tokio_websockets::CloseCode::try_from(c).is_ok_and(|c| !c.is_reserved()))
            .collect();
        for code in codes {
            let mut tracker = Tracker::new();
            tracker.track(Some(Ok(close(code, "r"))));
            let event = tracker.outcome().event();
            assert_eq!((event.code(), event.reason()), (code, "r"));
        }
    }
}
