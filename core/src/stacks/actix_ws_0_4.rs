//! actix-ws 0.4 (actix-web's WebSocket sessions, on actix-http 3), feature `actix-ws-0_4`.
//!
//! actix-ws leaves the closing handshake to the application: it never answers a peer's Close
//! by itself. The receive loop, with the close tracker doing all the bookkeeping and saying
//! when and what to answer (a task spawned by the handler after
//! `let (response, session, stream) = actix_ws::handle(&req, body)?`):
//!
//! ```no_run
//! use actix_ws::{Message, MessageStream, Session};
//! use closecode_core::stacks::actix_ws_0_4::Tracker;
//! use closecode_core::{CloseCode, ClosePayload};
//!
//! async fn chat(session: Session, mut stream: MessageStream) {
//!     let mut tracker = Tracker::new();
//!     while let Some(message) = tracker.track(stream.recv().await) {
//!         if let Message::Text(text) = message {
//!             if &*text == "bye" {
//!                 // `Session::close` takes the session: close a clone (they share the connection).
//!                 if let Ok(reason) = tracker.close(&ClosePayload::new(CloseCode::NormalClosure, "bye")) {
//!                     let _ = session.clone().close(reason).await;
//!                 }
//!             }
//!         }
//!     }
//!     // The peer's Close ended the loop: answer it (actix-ws does not).
//!     if let Some(reason) = tracker.answer() {
//!         let _ = session.close(reason).await;
//!     }
//!     let outcome = tracker.outcome();
//!     println!("{outcome}"); // peer closed: 1001 Going Away; we answered 1001
//!     let event = outcome.event(); // what a browser's onclose would report
//! }
//! ```
//!
//! What actix-ws 0.4.0 does, and how the tracker reads it:
//!
//! - A peer's Close is yielded as `Message::Close` (`actix-ws-0.4.0/src/stream.rs:289`) and
//!   nothing is sent back: [`Tracker::answer`] gives the answer, the code only, and the
//!   application sends it with `session.close(..)`. actix-http 3.13.5 and later check the
//!   body first (`actix-http-3.20.0/src/ws/frame.rs:252-287`): a 1-byte body, a code outside
//!   1000-1003, 1007-1014 and 3000-4999 (the strict policy's set), or a reason that is not
//!   UTF-8 is a `ProtocolError` instead. Earlier 3.x releases pass any code, a reason that is
//!   not UTF-8 made valid with U+FFFD, and a 1-byte body as no body at all
//!   (`actix-http-3.11.2/src/ws/frame.rs:154-167`); the tracker checks the Close under
//!   [`Policy::Strict`](crate::Policy::Strict), so a code 3.20 refuses fails the connection on
//!   every 3.x (a 1-byte body on those releases is indistinguishable from an empty one).
//! - `Session::close` (and any Close sent through the session) ends the response body after
//!   the frame (`stream.rs:196-203`); dropping the body tells the message stream to end
//!   (`stream.rs:220-226`, `241-250`), and actix-http lingers on the connection, reading and
//!   discarding what arrives, until the peer closes it or `client_disconnect_timeout` expires
//!   (`actix-http-3.20.0/src/h1/dispatcher.rs:687-716`, `433-462`). So after this endpoint's
//!   Close the stream ends at once, and **the peer's answer never reaches the application**:
//!   the tracker reports what the application saw, [`Ending::WeClosedUnanswered`] (1006, not
//!   clean), whether or not the peer answered, and a close timeout never fires.
//! - The TCP connection closed or reset: an `Io` error wrapping the payload error
//!   (`stream.rs:263-266`), or the end of the stream; both end the connection.
//! - A protocol error (a reserved opcode, an unmasked frame, a refused Close body, invalid
//!   UTF-8 in a text message: `ProtocolError::Io` of kind `InvalidData`, `stream.rs:280-284`):
//!   the error (for a bad frame header, again on every later poll: the bytes stay buffered,
//!   `stream.rs:277`). actix-ws sends no Close for it; the connection closes when the session
//!   and the stream are dropped.
//!
//! [`Ending::WeClosedUnanswered`]: crate::Ending::WeClosedUnanswered

use crate::{CloseOutcome, ClosePayload, CloseTracker, EncodeError};
use actix_ws::{CloseReason, Message, ProtocolError};
use alloc::string::String;
use alloc::vec::Vec;

/// The code and reason of a Close actix-ws delivered (actix's `Other(1014)` is 1014 Bad
/// Gateway).
///
/// ```
/// use actix_ws::{CloseCode as Actix, CloseReason};
/// use closecode_core::{CloseCode, ClosePayload};
/// let reason = CloseReason { code: Actix::Other(1014), description: Some("upstream".into()) };
/// assert_eq!(ClosePayload::from(&reason), ClosePayload::new(CloseCode::BadGateway, "upstream"));
/// ```
impl<'a> From<&'a CloseReason> for ClosePayload<'a> {
    fn from(reason: &'a CloseReason) -> Self {
        ClosePayload::new(u16::from(reason.code), reason.description.as_deref().unwrap_or(""))
    }
}

/// The wire body of the Close actix-ws delivered: empty for `None`.
fn body(reason: Option<&CloseReason>) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(reason) = reason {
        body.extend_from_slice(&u16::from(reason.code).to_be_bytes());
        body.extend_from_slice(reason.description.as_deref().unwrap_or("").as_bytes());
    }
    body
}

/// `session.close(..)`'s argument for a checked payload.
fn reason(payload: &ClosePayload<'_>) -> Option<CloseReason> {
    payload.code().map(|code| CloseReason {
        code: code.into(),
        description: (!payload.reason().is_empty()).then(|| String::from(payload.reason())),
    })
}

/// Whether an error from the message stream means the connection went away rather than the
/// peer breaking the protocol: actix-ws wraps the request payload's errors (the connection
/// reset or closed mid-frame) as `ProtocolError::Io` of kind `Other` (`stream.rs:263-266`);
/// its own `Io` errors are of kind `InvalidData` (a text message that is not UTF-8,
/// `stream.rs:280-284`; reserved bits set, `actix-http-3.20.0/src/ws/frame.rs:82-88`).
fn connection_gone(error: &ProtocolError) -> bool {
    matches!(error, ProtocolError::Io(error) if error.kind() != std::io::ErrorKind::InvalidData)
}

/// The close tracker for actix-ws 0.4: feed it every item of `stream.recv().await` with
/// [`track`](Self::track), send the [`answer`](Self::answer) to the peer's Close when it gives
/// one, close with what [`close`](Self::close) makes, and read the
/// [`outcome`](Self::outcome) at the end. The module docs show the receive loop.
///
/// ```
/// use actix_ws::{CloseCode, CloseReason, Message};
/// use closecode_core::Ending;
/// use closecode_core::stacks::actix_ws_0_4::Tracker;
///
/// let mut tracker = Tracker::new();
/// let close = Message::Close(Some(CloseReason { code: CloseCode::Away, description: Some("bye".into()) }));
/// assert!(tracker.track(Some(Ok(close))).is_none(), "the peer's Close ends the loop");
/// let answer = tracker.answer().expect("actix-ws leaves the answer to the application");
/// assert_eq!(answer.map(|r| u16::from(r.code)), Some(1001)); // session.close(answer)
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosed);
/// assert_eq!(outcome.to_string(), r#"peer closed: 1001 Going Away "bye"; we answered 1001"#);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    close: CloseTracker,
    /// The answer to the peer's Close, until the application takes it.
    answer: Option<ClosePayload<'static>>,
}

impl Tracker {
    super::tracker_ops!();

    /// Feeds one item of `stream.recv().await` (or of the `MessageStream` as a `Stream`) and
    /// gives the message back while the connection is open: `None` once it is over, when the
    /// loop should stop. A peer's Close ends the loop, and [`answer`](Self::answer) then
    /// gives the Close to send back; a Close the strict policy refuses (only an actix-http
    /// before 3.13.5 delivers one) fails the connection.
    ///
    /// ```
    /// use actix_ws::{CloseCode, CloseReason, Message, ProtocolError};
    /// use closecode_core::Ending;
    /// use closecode_core::stacks::actix_ws_0_4::Tracker;
    ///
    /// // The peer closed with 1000, then reset the connection before the answer went out.
    /// let mut tracker = Tracker::new();
    /// assert!(tracker.track(Some(Ok(Message::Text("hi".into())))).is_some());
    /// tracker.track(Some(Ok(Message::Close(Some(CloseReason::from(CloseCode::Normal))))));
    /// let reset = ProtocolError::Io(std::io::Error::other("connection reset"));
    /// assert!(tracker.track(Some(Err(reset))).is_none());
    /// assert_eq!(tracker.answer(), None, "too late to answer");
    /// let outcome = tracker.outcome();
    /// assert_eq!(outcome.ending, Ending::PeerClosedUnanswered);
    /// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1000, false));
    ///
    /// // A reserved opcode: a protocol error.
    /// let mut broken = Tracker::new();
    /// assert!(broken.track(Some(Err(ProtocolError::InvalidOpcode(3)))).is_none());
    /// assert_eq!(broken.outcome().ending, Ending::ProtocolError);
    /// ```
    pub fn track(&mut self, item: Option<Result<Message, ProtocolError>>) -> Option<Message> {
        match item {
            Some(Ok(Message::Close(reason))) => {
                let body = body(reason.as_ref());
                let Ok(received) = ClosePayload::parse(&body) else {
                    self.close.protocol_error();
                    return None;
                };
                if !self.close.has_sent() && !self.close.has_received() && !self.close.is_over() {
                    // The code only (RFC 6455 section 5.5.1); every code the strict policy
                    // accepts may be sent.
                    self.answer =
                        Some(received.code().map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, "")));
                }
                self.close.received(&received);
                None
            }
            Some(Ok(message)) => (!self.close.is_over()).then_some(message),
            None => {
                self.close.ended();
                None
            }
            Some(Err(error)) => {
                if connection_gone(&error) {
                    self.close.ended();
                } else {
                    self.close.protocol_error();
                }
                None
            }
        }
    }

    /// The answer to the peer's Close, once, recorded as sent: `session.close(..)`'s argument
    /// (`None` inside: a Close without a body). `None` when there is nothing to answer: no
    /// Close arrived, this endpoint sent its own first, the answer was taken, or the
    /// connection is over.
    ///
    /// ```
    /// use actix_ws::{CloseCode, CloseReason, Message};
    /// use closecode_core::stacks::actix_ws_0_4::Tracker;
    ///
    /// let mut tracker = Tracker::new();
    /// assert_eq!(tracker.answer(), None);
    /// tracker.track(Some(Ok(Message::Close(None))));
    /// assert_eq!(tracker.answer(), Some(None)); // session.close(None): an empty Close
    /// assert_eq!(tracker.answer(), None, "once");
    /// ```
    pub fn answer(&mut self) -> Option<Option<CloseReason>> {
        let answer = self.answer.take()?;
        if self.close.is_over() {
            return None;
        }
        self.close.sent(&answer);
        Some(reason(&answer))
    }

    /// `session.close(..)`'s argument for `payload`, checked as [`ClosePayload::encode`]
    /// checks it (no code that may not be sent, no reason over 123 bytes: actix-ws sends any
    /// code, and cuts a long reason itself), and recorded as sent. Sent while the peer's Close
    /// waits for an answer, it is the answer.
    ///
    /// ```
    /// use closecode_core::stacks::actix_ws_0_4::Tracker;
    /// use closecode_core::{CloseCode, ClosePayload, EncodeError};
    ///
    /// let mut tracker = Tracker::new();
    /// let reason = tracker.close(&ClosePayload::new(CloseCode::Forbidden, "no"))?.expect("a code");
    /// assert_eq!((u16::from(reason.code), reason.description.as_deref()), (3003, Some("no")));
    /// assert!(tracker.close(&ClosePayload::new(CloseCode::TlsHandshake, "")).is_err());
    /// # Ok::<(), EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close(&mut self, payload: &ClosePayload<'_>) -> Result<Option<CloseReason>, EncodeError> {
        super::checked(payload)?;
        self.close.sent(payload);
        self.answer = None;
        Ok(reason(payload))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Ending, Policy};
    use actix_ws::CloseCode;
    use alloc::string::ToString;

    fn close(code: u16, reason: &str) -> Message {
        let description = (!reason.is_empty()).then(|| String::from(reason));
        Message::Close(Some(CloseReason { code: CloseCode::from(code), description }))
    }

    fn reset() -> ProtocolError {
        ProtocolError::Io(std::io::Error::other("payload reached EOF before completing"))
    }

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_reason() {
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().close(p));
        let payload = ClosePayload::new(4001u16, "kicked");
        let reason = Tracker::new().close(&payload).unwrap();
        assert_eq!(reason.as_ref().map(ClosePayload::from), Some(payload));
    }

    #[test]
    fn the_answer_echoes_the_code_and_ends_the_handshake() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Ok(close(1014, "upstream down")))).is_none());
        let answer = tracker.answer().unwrap().unwrap();
        assert_eq!((u16::from(answer.code), answer.description), (1014, None));
        assert!(tracker.track(Some(Ok(Message::Text("late".into())))).is_none(), "the handshake is over");
        tracker.track(None);
        assert_eq!(tracker.outcome().to_string(), r#"peer closed: 1014 Bad Gateway "upstream down"; we answered 1014"#);
    }

    #[test]
    fn our_own_close_answers_a_waiting_close() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Ok(close(1001, ""))));
        tracker.close(&ClosePayload::new(4001u16, "kicked")).unwrap();
        assert_eq!(tracker.answer(), None);
        tracker.track(None);
        assert_eq!(tracker.outcome().to_string(), r#"peer closed: 1001 Going Away; we answered 4001 "kicked""#);
    }

    #[test]
    fn our_close_ends_the_stream_unanswered() {
        // What actix-ws shows the application whatever the peer does (module docs).
        let mut tracker = Tracker::new();
        tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
        assert!(tracker.track(None).is_none());
        assert_eq!(tracker.outcome().ending, Ending::WeClosedUnanswered);
        // A Close already buffered when ours went out is the answer, and is not answered.
        let mut crossed = Tracker::new();
        crossed.close(&ClosePayload::new(1013u16, "busy")).unwrap();
        crossed.track(Some(Ok(close(1000, ""))));
        assert_eq!(crossed.answer(), None);
        assert_eq!(crossed.outcome().ending, Ending::WeClosed);
    }

    #[test]
    fn what_actix_http_3_20_refuses_fails_the_connection_on_every_version() {
        for code in [0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, u16::MAX] {
            let mut tracker = Tracker::new();
            assert!(tracker.track(Some(Ok(close(code, "")))).is_none(), "{code}");
            assert_eq!(tracker.answer(), None);
            assert_eq!(tracker.outcome().ending, Ending::ProtocolError, "{code}");
        }
        let mut long = Tracker::new();
        long.track(Some(Ok(close(1000, &"x".repeat(124)))));
        assert_eq!(long.outcome().ending, Ending::ProtocolError);
        // actix-http 3.20's own refusals.
        for error in [ProtocolError::InvalidLength(1), ProtocolError::BadOpCode, ProtocolError::UnmaskedFrame] {
            let mut tracker = Tracker::new();
            tracker.track(Some(Err(error)));
            assert_eq!(tracker.outcome().ending, Ending::ProtocolError);
        }
        let mut utf8 = Tracker::new();
        utf8.track(Some(Err(ProtocolError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, "utf-8")))));
        assert_eq!(utf8.outcome().ending, Ending::ProtocolError);
    }

    #[test]
    fn a_drop_is_not_a_protocol_error() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Err(reset())));
        assert_eq!(tracker.outcome().ending, Ending::Dropped);
    }

    /// One thing an actix-ws receive loop can see, or do.
    #[derive(Clone, Debug)]
    enum Step {
        Close(Option<u16>),
        Text,
        End,
        Error(u8),
        Answer,
        Send(u16),
        TimedOut,
    }

    fn error(kind: u8) -> ProtocolError {
        match kind % 3 {
            0 => reset(),
            1 => ProtocolError::InvalidOpcode(3),
            _ => ProtocolError::InvalidLength(1),
        }
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            // Any code: an actix-http before 3.13.5 delivers every one.
            proptest::option::of(any::<u16>()).prop_map(Step::Close),
            Just(Step::Text),
            Just(Step::End),
            any::<u8>().prop_map(Step::Error),
            Just(Step::Answer),
            any::<u16>().prop_map(Step::Send),
            Just(Step::TimedOut),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_sequence_gives_a_defined_event(steps in proptest::collection::vec(step(), 0..8)) {
            let mut tracker = Tracker::new();
            // The code of the first Close before the connection ended, as the event reports it.
            let mut expected = None;
            let mut over = false;
            for step in &steps {
                match step {
                    Step::Close(code) => {
                        let accepted = code.is_none_or(|code| Policy::Strict.accepts(code.into()));
                        if !over && expected.is_none() {
                            expected = Some(code.unwrap_or(1005)).filter(|_| accepted);
                            over |= !accepted;
                        }
                        let reason = code.map(|code| CloseReason { code: CloseCode::from(code), description: None });
                        tracker.track(Some(Ok(Message::Close(reason))));
                    }
                    Step::Text => drop(tracker.track(Some(Ok(Message::Text("x".into()))))),
                    Step::End => {
                        over = true;
                        drop(tracker.track(None));
                    }
                    Step::Error(kind) => {
                        over = true;
                        drop(tracker.track(Some(Err(error(*kind)))));
                    }
                    Step::Answer => {
                        if let Some(reason) = tracker.answer() {
                            let sent = reason.as_ref().map_or(ClosePayload::NoStatus, ClosePayload::from);
                            proptest::prop_assert!(sent.encode().is_ok(), "{sent:?}");
                        }
                    }
                    Step::Send(code) => drop(tracker.close(&ClosePayload::new(*code, "x"))),
                    Step::TimedOut => {
                        over = true;
                        tracker.timed_out();
                    }
                }
            }
            let outcome = tracker.outcome();
            let event = outcome.event();
            proptest::prop_assert!(event.is_trusted());
            proptest::prop_assert_eq!(event.was_clean(), outcome.ending.is_clean());
            proptest::prop_assert_eq!(event.code(), expected.unwrap_or(1006));
            proptest::prop_assert_eq!(outcome.received.is_some(), expected.is_some());
        }
    }
}
