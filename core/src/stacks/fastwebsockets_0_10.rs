//! fastwebsockets 0.10, feature `fastwebsockets-0_10`.
//!
//! fastwebsockets' `WebSocket` (and `FragmentCollector`) can answer a peer's Close itself
//! (auto-close, its default) or leave it to the application (`ws.set_auto_close(false)`). The
//! [`Tracker`] follows either: [`Tracker::new()`] for auto-close on,
//! [`Tracker::new().answering(policy)`](Tracker::answering) for auto-close off, where the
//! tracker checks the Close body under a [`Policy`] and [`Tracker::answer`] gives the frame to
//! write back.
//!
//! With auto-close on (the receive loop needs nothing else):
//!
//! ```no_run
//! use closecode_core::stacks::fastwebsockets_0_10::Tracker;
//! use closecode_core::{CloseCode, ClosePayload};
//! use fastwebsockets::{OpCode, WebSocket};
//!
//! # async fn run(mut ws: WebSocket<tokio::net::TcpStream>) -> Result<(), Box<dyn std::error::Error>> {
//! let mut tracker = Tracker::new();
//! while let Some(frame) = tracker.track(ws.read_frame().await) {
//!     if frame.opcode == OpCode::Text && &frame.payload[..] == b"bye" {
//!         ws.write_frame(tracker.close(&ClosePayload::new(CloseCode::NormalClosure, "bye"))?).await?;
//!     }
//! }
//! let outcome = tracker.outcome();
//! println!("{outcome}"); // we closed: 1000 Normal Closure "bye"; peer answered 1000
//! let event = outcome.event(); // what a browser's onclose would report
//! # Ok(()) }
//! ```
//!
//! Auto-close refuses, with an error and a 1002, every code its own table files as `Bad`
//! (`close.rs:97-124`), 1014 Bad Gateway (registered by IANA) and 1004 among them: the code
//! the peer sent never reaches the application. To report 1014 as sent, turn auto-close off
//! and let the tracker answer; the loop gains one step after it (the `fastwebsockets` example
//! in `demo/examples` does this behind an axum route):
//!
//! ```no_run
//! use closecode_core::Policy;
//! use closecode_core::stacks::fastwebsockets_0_10::Tracker;
//! use fastwebsockets::WebSocket;
//!
//! # async fn run(mut ws: WebSocket<tokio::net::TcpStream>) {
//! ws.set_auto_close(false); // the application owns the closing handshake
//! let mut tracker = Tracker::new().answering(Policy::Strict);
//! while let Some(frame) = tracker.track(ws.read_frame().await) {
//!     // ... the application's frames
//! }
//! if let Some(answer) = tracker.answer() {
//!     let _ = ws.write_frame(answer).await; // the peer may be gone already
//! }
//! println!("{}", tracker.outcome()); // peer closed: 1014 Bad Gateway "upstream down"; we answered 1014
//! # }
//! ```
//!
//! What fastwebsockets 0.10.0 does, and how the tracker reads it (`lib.rs` lines):
//!
//! - A peer's Close with auto-close on: checked (a 1-byte body, a reason that is not UTF-8 and
//!   a `Bad`/reserved code are errors, 615-639), echoed whole, reason included (642), written
//!   before `read_frame` returns the Close (559-563). The tracker records both and ends the
//!   loop: the closing handshake is complete. If writing the echo fails (the peer reset the
//!   connection), `read_frame` returns that I/O error instead and the Close is lost (561):
//!   the tracker can only report a dropped connection, where the peer's code was owed.
//! - With auto-close off: any Close body is delivered unchecked (614, 655); the tracker checks
//!   it under its policy and [`Tracker::answer`] gives the echo of the code, or 1002/1007 for a
//!   body the policy refuses.
//! - A Close body over 125 bytes is accepted and echoed even with auto-close on (731 checks
//!   only Ping lengths); the tracker counts it as a protocol error.
//! - After this endpoint's Close, a data frame is discarded and `read_frame` returns
//!   `ConnectionClosed` (565-566) while the peer's answer may still come: [`Tracker::track`]
//!   gives an empty Pong in its place (an unsolicited Pong needs no response, RFC 6455
//!   section 5.5.3), so the loop goes on waiting. The peer's answer is delivered (565).
//! - The connection closed by the peer is `UnexpectedEOF` (669), a reset an `IoError`: the
//!   connection ended. Every other read error is a protocol error; fastwebsockets sends no
//!   Close for any of them but a refused Close code (1002, echoing the peer's reason, 636).
//!   With auto-close off, [`Tracker::answer`] gives the Close the application owes: 1002,
//!   1007 for text that is not UTF-8, 1009 for a frame over the size limit.
//! - fastwebsockets never checks the mask bit: a client's unmasked frames are accepted (689,
//!   721), Close frames included. The tracker takes the payload as `read_frame` gives it,
//!   unmasked by default (609).

use crate::{CloseOutcome, ClosePayload, CloseTracker, EncodeError, EncodedPayload, Policy};
use alloc::string::ToString;
use closecode::CloseCode;
use fastwebsockets::{Frame, OpCode, Payload, WebSocketError};

/// The close tracker for fastwebsockets 0.10: feed it every result of `ws.read_frame().await`
/// (of a `WebSocket` or a `FragmentCollector`) with [`track`](Self::track), write Close frames
/// made by [`close`](Self::close), and read the [`outcome`](Self::outcome) at the end. The
/// module docs show the receive loop in both modes.
///
/// [`Tracker::new()`] follows a socket with auto-close on (fastwebsockets answers the peer's
/// Close); [`answering`](Self::answering) one with auto-close off, where the application
/// writes [`answer`](Self::answer).
///
/// ```
/// use closecode_core::{ClosePayload, Ending};
/// use closecode_core::stacks::fastwebsockets_0_10::Tracker;
/// use fastwebsockets::Frame;
///
/// let mut tracker = Tracker::new();
/// let close = tracker.close(&ClosePayload::new(4001u16, "kicked"))?; // ws.write_frame(close)
/// assert!(tracker.track(Ok(Frame::close(4001, b""))).is_none()); // the answer ends the loop
/// assert_eq!(tracker.outcome().ending, Ending::WeClosed);
/// # Ok::<(), closecode_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    close: CloseTracker,
    /// `Some` when the application answers Closes (auto-close off), with the policy their
    /// bodies are checked under.
    answering: Option<Policy>,
    /// The Close the application owes and has not taken yet.
    answer: Option<EncodedPayload>,
}

impl Tracker {
    super::tracker_ops!();

    /// A tracker for a socket with auto-close off (`ws.set_auto_close(false)`): a peer's Close
    /// body is checked under `policy`, and [`answer`](Self::answer) gives the frame to write
    /// back, so a 1014 is reported and echoed as sent.
    ///
    /// ```
    /// use closecode_core::{Ending, Policy};
    /// use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    /// use fastwebsockets::Frame;
    ///
    /// let mut tracker = Tracker::new().answering(Policy::Strict);
    /// assert!(tracker.track(Ok(Frame::close(1014, b"upstream down"))).is_none());
    /// let answer = tracker.answer().expect("the Close to write back");
    /// assert_eq!(&answer.payload[..], &1014u16.to_be_bytes());
    /// let outcome = tracker.outcome();
    /// assert_eq!(outcome.ending, Ending::PeerClosed);
    /// assert_eq!((outcome.event().code(), outcome.event().reason()), (1014, "upstream down"));
    /// ```
    #[must_use]
    pub fn answering(mut self, policy: Policy) -> Self {
        self.answering = Some(policy);
        self
    }

    /// Feeds one result of `ws.read_frame().await` and gives the frame back while the
    /// connection is open: `None` once it is over, when the loop should stop (a Close, the
    /// peer's or the answer to ours, always ends it). After this endpoint's Close, a data
    /// frame fastwebsockets discarded comes back as an empty Pong (see the module docs).
    ///
    /// ```
    /// use closecode_core::{Ending, ClosePayload};
    /// use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    /// use fastwebsockets::{Frame, OpCode, Payload, WebSocketError};
    ///
    /// let mut tracker = Tracker::new(); // auto-close on: fastwebsockets echoed the Close
    /// let text = tracker.track(Ok(Frame::text(Payload::Borrowed(b"hi")))).expect("open");
    /// assert_eq!(text.opcode, OpCode::Text);
    /// assert!(tracker.track(Ok(Frame::close(4001, b"bye"))).is_none());
    /// assert_eq!(tracker.outcome().to_string(), r#"peer closed: 4001 Private Use "bye"; we answered 4001 "bye""#);
    ///
    /// let mut tracker = Tracker::new();
    /// tracker.track(Err(WebSocketError::UnexpectedEOF)); // TCP closed, no Close frame
    /// assert_eq!(tracker.outcome().ending, Ending::Dropped);
    /// ```
    pub fn track<'f>(&mut self, item: Result<Frame<'f>, WebSocketError>) -> Option<Frame<'f>> {
        match item {
            Ok(frame) if frame.opcode == OpCode::Close => {
                match self.answering {
                    Some(policy) => self.answer = self.close.received_raw(&frame.payload, policy),
                    None => self.auto_closed(&frame.payload),
                }
                None
            }
            Ok(frame) => (!self.close.is_over()).then_some(frame),
            // lib.rs:565-566: a data frame after our Close, discarded; the answer may follow.
            Err(WebSocketError::ConnectionClosed) if self.close.has_sent() && !self.close.is_over() => {
                Some(Frame::pong(Payload::Borrowed(&[])))
            }
            Err(error) => {
                self.failed(&error);
                None
            }
        }
    }

    /// The Close frame for `payload`, checked as [`ClosePayload::encode`] checks it (no code
    /// that may not be sent, no reason over 123 bytes), and recorded as sent. Write it with
    /// `ws.write_frame(..)`.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode, EncodeError};
    /// use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    ///
    /// let mut tracker = Tracker::new();
    /// let frame = tracker.close(&ClosePayload::new(CloseCode::BadGateway, "upstream"))?;
    /// assert_eq!(&frame.payload[..], b"\x03\xF6upstream");
    /// assert_eq!(
    ///     tracker.close(&ClosePayload::new(1006u16, "")).err(),
    ///     Some(EncodeError::CodeNotSendable(CloseCode::AbnormalClosure))
    /// );
    /// # Ok::<(), EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close(&mut self, payload: &ClosePayload<'_>) -> Result<Frame<'static>, EncodeError> {
        let body = payload.encode()?;
        self.close.sent(payload);
        Ok(close_frame(&body))
    }

    /// The Close frame the application owes, once: with auto-close off
    /// ([`answering`](Self::answering)), the answer to the peer's Close (its code echoed, or
    /// 1002/1007 for a body the policy refuses) or the Close that fails the connection after a
    /// protocol error. `None` when nothing is owed, and always with auto-close on
    /// (fastwebsockets answers itself). Write it once the loop has ended.
    ///
    /// ```
    /// use closecode_core::{Ending, Policy};
    /// use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    /// use fastwebsockets::{Frame, Payload};
    ///
    /// let mut tracker = Tracker::new().answering(Policy::Strict);
    /// tracker.track(Ok(Frame::close_raw(Payload::Borrowed(&[0x03])))); // a 1-byte body
    /// assert_eq!(&tracker.answer().unwrap().payload[..2], &1002u16.to_be_bytes());
    /// assert!(tracker.answer().is_none(), "given once");
    /// assert_eq!(tracker.outcome().ending, Ending::ProtocolError);
    /// ```
    pub fn answer(&mut self) -> Option<Frame<'static>> {
        self.answer.take().map(|body| close_frame(&body))
    }

    /// A Close fastwebsockets delivered with auto-close on: it checked the body
    /// (lib.rs:615-639, a subset of the strict policy) and echoed it whole (lib.rs:642) unless
    /// our Close went first (lib.rs:559-563).
    fn auto_closed(&mut self, body: &[u8]) {
        match ClosePayload::parse_with(body, Policy::Strict) {
            Ok(payload) => {
                self.close.received(&payload);
                self.close.sent(&payload);
            }
            // Only a body over 125 bytes gets here from fastwebsockets (lib.rs:731 checks Ping
            // lengths only), or any body from a socket whose auto-close is off.
            Err(_) => self.close.protocol_error(),
        }
    }

    fn failed(&mut self, error: &WebSocketError) {
        let fail_with = match error {
            // Auto-close refused the code and wrote 1002 with the peer's reason, which the
            // error does not carry (lib.rs:633-637, 559-563).
            WebSocketError::InvalidCloseCode => {
                self.close.sent(&ClosePayload::new(CloseCode::ProtocolError, ""));
                self.close.protocol_error();
                return;
            }
            WebSocketError::InvalidUTF8 => CloseCode::InvalidFramePayloadData,
            WebSocketError::FrameTooLarge => CloseCode::MessageTooBig,
            WebSocketError::InvalidFragment
            | WebSocketError::InvalidContinuationFrame
            | WebSocketError::InvalidCloseFrame
            | WebSocketError::ReservedBitsNotZero
            | WebSocketError::ControlFrameFragmented
            | WebSocketError::PingFrameTooLarge
            | WebSocketError::InvalidValue => CloseCode::ProtocolError,
            // `UnexpectedEOF`: the peer closed the TCP connection (lib.rs:669); `IoError`: a
            // reset, or a write fastwebsockets owed failed (lib.rs:561); the rest come from the
            // opening handshake or a split socket's send function, not from reading frames.
            // The connection is gone.
            _ => {
                self.close.ended();
                return;
            }
        };
        if self.answering.is_some() && !self.close.has_sent() && !self.close.is_over() {
            // `InvalidValue` comes only from an opcode fastwebsockets does not know (frame.rs:37).
            let reason = match error {
                WebSocketError::InvalidValue => "invalid opcode".to_string(),
                other => other.to_string(),
            };
            let payload = ClosePayload::new(fail_with, crate::truncate_reason(&reason));
            self.answer = payload.encode().ok();
            self.close.sent(&payload);
        }
        self.close.protocol_error();
    }
}

fn close_frame(body: &[u8]) -> Frame<'static> {
    Frame::close_raw(Payload::Owned(body.to_vec()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ending;
    use alloc::vec::Vec;

    fn raw(body: &[u8]) -> Frame<'_> {
        Frame::close_raw(Payload::Borrowed(body))
    }

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().close(p));
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().answering(Policy::Lenient).close(p));
    }

    #[test]
    fn auto_close_records_the_whole_echo() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Ok(raw(b"\x03\xE8bye"))).is_none());
        assert!(tracker.answer().is_none(), "fastwebsockets answered");
        let outcome = tracker.outcome();
        assert_eq!(outcome.ending, Ending::PeerClosed);
        assert_eq!(outcome.sent.unwrap().reason, "bye");
        let mut empty = Tracker::new();
        empty.track(Ok(raw(b"")));
        assert_eq!((empty.outcome().event().code(), empty.outcome().event().was_clean()), (1005, true));
    }

    #[test]
    fn our_close_answered_and_data_in_between() {
        for mut tracker in [Tracker::new(), Tracker::new().answering(Policy::Strict)] {
            tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
            let placeholder = tracker.track(Err(WebSocketError::ConnectionClosed)).expect("still waiting");
            assert_eq!((placeholder.opcode, placeholder.payload.len()), (OpCode::Pong, 0));
            assert!(tracker.track(Ok(raw(&1013u16.to_be_bytes()))).is_none());
            assert!(tracker.answer().is_none(), "an answer is not answered");
            let outcome = tracker.outcome();
            assert_eq!(outcome.ending, Ending::WeClosed);
            assert_eq!(outcome.to_string(), r#"we closed: 1013 Try Again Later "busy"; peer answered 1013"#);
        }
    }

    #[test]
    fn a_refused_code_is_1002_sent_by_fastwebsockets() {
        let mut tracker = Tracker::new();
        tracker.track(Err(WebSocketError::InvalidCloseCode));
        let outcome = tracker.outcome();
        assert_eq!(outcome.ending, Ending::ProtocolError);
        assert_eq!(outcome.sent.and_then(|s| s.code), Some(CloseCode::ProtocolError));
        assert!(tracker.answer().is_none());
    }

    #[test]
    fn protocol_errors_are_answered_only_by_an_answering_application() {
        for (kind, code) in [(6, 1002u16), (5, 1007), (4, 1002), (8, 1009)] {
            let mut auto = Tracker::new();
            auto.track(Err(error(kind)));
            assert!(auto.answer().is_none());
            assert_eq!((auto.outcome().ending, auto.outcome().sent), (Ending::ProtocolError, None));
            let mut answering = Tracker::new().answering(Policy::Strict);
            answering.track(Err(error(kind)));
            let answer = answering.answer().expect("the Close that fails the connection");
            let answer = ClosePayload::parse(&answer.payload).expect("a valid Close body");
            assert_eq!(answer.code(), Some(CloseCode::from(code)));
            assert_eq!(answering.outcome().ending, Ending::ProtocolError);
        }
    }

    #[test]
    fn a_close_then_a_reset_keeps_the_received_code() {
        for mut tracker in [Tracker::new(), Tracker::new().answering(Policy::Strict)] {
            tracker.track(Ok(raw(&1000u16.to_be_bytes())));
            tracker.track(Err(WebSocketError::IoError(std::io::ErrorKind::ConnectionReset.into())));
            assert_eq!(tracker.outcome().event().code(), 1000);
        }
    }

    #[test]
    fn answering_checks_the_body_as_close_tracker_does() {
        for body in [&b""[..], &[0x03], &[0x03, 0xF6, b'u', b'p'], &[0x03, 0xEC], &[0x03, 0xE8, 0xFF], &[7; 126]] {
            for policy in [Policy::Strict, Policy::Lenient] {
                let mut expected = CloseTracker::new();
                let expected_answer = expected.received_raw(body, policy);
                let mut tracker = Tracker::new().answering(policy);
                assert!(tracker.track(Ok(raw(body))).is_none());
                assert_eq!(
                    tracker.answer().map(|f| f.payload.to_vec()),
                    expected_answer.as_deref().map(<[u8]>::to_vec)
                );
                assert_eq!(tracker.outcome(), expected.outcome());
            }
        }
    }

    /// One thing a fastwebsockets receive loop can see, or do.
    #[derive(Clone, Debug)]
    enum Step {
        Close(Vec<u8>),
        Text,
        Error(u8),
        Send(u16),
        TimedOut,
    }

    fn error(kind: u8) -> WebSocketError {
        match kind % 10 {
            0 => WebSocketError::UnexpectedEOF,
            1 => WebSocketError::IoError(std::io::ErrorKind::ConnectionReset.into()),
            2 => WebSocketError::ConnectionClosed,
            3 => WebSocketError::InvalidCloseCode,
            4 => WebSocketError::InvalidCloseFrame,
            5 => WebSocketError::InvalidUTF8,
            6 => WebSocketError::InvalidValue,
            7 => WebSocketError::ReservedBitsNotZero,
            8 => WebSocketError::FrameTooLarge,
            _ => WebSocketError::InvalidStatusCode(500),
        }
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..130).prop_map(Step::Close),
            any::<u16>().prop_map(|code| Step::Close(code.to_be_bytes().to_vec())),
            Just(Step::Text),
            any::<u8>().prop_map(Step::Error),
            any::<u16>().prop_map(Step::Send),
            Just(Step::TimedOut),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_sequence_gives_a_defined_event(answering in proptest::option::of(proptest::bool::ANY), steps in proptest::collection::vec(step(), 0..8)) {
            let mut tracker = match answering {
                None => Tracker::new(),
                Some(strict) => Tracker::new().answering(if strict { Policy::Strict } else { Policy::Lenient }),
            };
            let mut first_close = None;
            for step in &steps {
                match step {
                    Step::Close(body) => {
                        first_close.get_or_insert_with(|| body.get(..2).map_or(1005, |c| u16::from_be_bytes([c[0], c[1]])));
                        tracker.track(Ok(raw(body)));
                    }
                    Step::Text => drop(tracker.track(Ok(Frame::text(Payload::Borrowed(b"x"))))),
                    Step::Error(kind) => drop(tracker.track(Err(error(*kind)))),
                    Step::Send(code) => drop(tracker.close(&ClosePayload::new(*code, "x"))),
                    Step::TimedOut => tracker.timed_out(),
                }
                if let Some(answer) = tracker.answer() {
                    proptest::prop_assert!(ClosePayload::parse(&answer.payload).is_ok(), "an answer is a valid Close");
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
        }
    }
}
