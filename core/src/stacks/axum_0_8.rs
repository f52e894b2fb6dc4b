//! axum 0.8's WebSocket (`axum::extract::ws`), feature `axum-0_8`. axum has its own `Message`
//! and `CloseFrame` (its code is a plain `u16`) over tokio-tungstenite (0.29 for axum 0.8.9;
//! earlier 0.8 releases used older ones), so tungstenite's types do not fit it.
//!
//! The receive loop, with the close tracker doing all the bookkeeping:
//!
//! ```no_run
//! use axum::extract::ws::{Message, WebSocket};
//! use closecode_core::stacks::axum_0_8::Tracker;
//! use closecode_core::{CloseCode, ClosePayload};
//!
//! async fn chat(mut socket: WebSocket) -> Result<(), Box<dyn std::error::Error>> {
//!     let mut tracker = Tracker::new();
//!     while let Some(message) = tracker.track(socket.recv().await) {
//!         if let Message::Text(text) = message {
//!             if text.as_str() == "bye" {
//!                 socket.send(tracker.close(&ClosePayload::new(CloseCode::NormalClosure, "bye"))?).await?;
//!             }
//!         }
//!     }
//!     let outcome = tracker.outcome();
//!     println!("{outcome}"); // we closed: 1000 Normal Closure "bye"; peer answered 1000 "bye"
//!     let event = outcome.event(); // what a browser's onclose would report
//!     Ok(())
//! }
//! ```
//!
//! What axum 0.8.9 does, and how the tracker reads it (axum's `WebSocket` is tokio-tungstenite
//! 0.29's stream with each item converted: `axum-0.8.9/src/extract/ws.rs:580-595`; every error
//! is wrapped in `axum::Error`, `ws.rs:591`):
//!
//! - A peer's Close: tungstenite answers it itself, echoing code and reason
//!   (`tungstenite-0.29.0/src/protocol/mod.rs:721-739`), and yields it; the answer is written
//!   when the stream is polled next, which then ends (`mod.rs:456-470`;
//!   `tokio-tungstenite-0.29.0/src/lib.rs:306-313` turns `ConnectionClosed` into the end of
//!   the stream). So [`Tracker::track`] gives the Close back, the loop polls once more, and
//!   the echo is recorded when the stream ends; if the connection fails first (the peer reset
//!   it) the stream yields an I/O error instead and the ending is the peer's Close unanswered.
//! - A code tungstenite's table does not allow (1004, 1005, 1006, 1015, 1016-2999, codes
//!   outside 1000-4999, and 1014 Bad Gateway, registered after the table was written:
//!   `tungstenite-0.29.0/src/protocol/frame/coding.rs:192-194`, `236-257`) is replaced by 1002
//!   "Protocol violation" before the application sees it, and that is what tungstenite echoes
//!   (`mod.rs:724-733`): the tracker can only report the 1002. A route that must see the code as sent upgrades with
//!   fastwebsockets' `IncomingUpgrade` extractor (its `with_axum` feature) and the
//!   `stacks::fastwebsockets_0_10` tracker (feature `fastwebsockets-0_10`) instead.
//! - The answer to this endpoint's Close is delivered (`mod.rs:745-749`); the stream ends next.
//! - The TCP connection closed without a closing handshake: an error,
//!   `ProtocolError::ResetWithoutClosingHandshake` (`mod.rs:620-628`), which the tracker reads
//!   as the connection ending, not as a protocol error; so is an I/O error (a reset).
//! - Any other error is the peer breaking the protocol (a reserved opcode, a bad Close body,
//!   invalid UTF-8, a message over the size limit). tungstenite sends no Close for it.

use crate::{CloseOutcome, ClosePayload, CloseTracker, EncodeError};
use alloc::string::{String, ToString};
use axum::extract::ws::{CloseFrame, Message};
use closecode::CloseCode;

/// The frame's code and reason, as axum delivered them.
///
/// ```
/// use axum::extract::ws::CloseFrame;
/// use closecode_core::{CloseCode, ClosePayload};
/// let frame = CloseFrame { code: 1013, reason: "busy".into() };
/// assert_eq!(ClosePayload::from(&frame), ClosePayload::new(CloseCode::TryAgainLater, "busy"));
/// ```
impl<'a> From<&'a CloseFrame> for ClosePayload<'a> {
    fn from(frame: &'a CloseFrame) -> Self {
        ClosePayload::new(frame.code, frame.reason.as_str())
    }
}

/// The payload of `Message::Close(frame)`: `None` is a Close without a body.
fn payload(frame: Option<&CloseFrame>) -> ClosePayload<'_> {
    frame.map_or(ClosePayload::NoStatus, ClosePayload::from)
}

/// What tungstenite's `ProtocolError::ResetWithoutClosingHandshake` displays
/// (`tungstenite-0.29.0/src/error.rs:247-249`, the same text in every tungstenite release axum
/// 0.8 has used): the peer closed the TCP connection without a closing handshake.
const RESET: &str = "Connection reset without closing handshake";

/// Whether an error from axum's socket means the connection went away (an I/O error, or the
/// TCP connection closed without a closing handshake) rather than the peer breaking the
/// protocol. axum wraps tungstenite's error (`axum-0.8.9/src/extract/ws.rs:591`), whose source
/// is the I/O error or the `ProtocolError`; read through the chain by type and text, so it
/// holds whichever tungstenite version axum was built on.
fn connection_gone(error: &axum::Error) -> bool {
    let mut source = std::error::Error::source(error);
    while let Some(error) = source {
        if error.is::<std::io::Error>() || error.to_string() == RESET {
            return true;
        }
        source = error.source();
    }
    false
}

/// The close tracker for axum 0.8's `WebSocket`: feed it every item of `socket.recv().await`
/// with [`track`](Self::track), send Close messages made by [`close`](Self::close), and read
/// the [`outcome`](Self::outcome) at the end. The module docs show the receive loop.
///
/// axum (tungstenite) answers a peer's Close itself, echoing it; the tracker records the echo
/// once the stream ends (the answer went out) and not when the connection fails first.
///
/// ```
/// use axum::extract::ws::{CloseFrame, Message};
/// use closecode_core::Ending;
/// use closecode_core::stacks::axum_0_8::Tracker;
///
/// let mut tracker = Tracker::new();
/// let close = Message::Close(Some(CloseFrame { code: 4001, reason: "bye".into() }));
/// assert!(tracker.track(Some(Ok(close))).is_some()); // poll again: the echo goes out
/// assert!(tracker.track(None).is_none());
/// let outcome = tracker.outcome();
/// assert_eq!(outcome.ending, Ending::PeerClosed);
/// assert_eq!(outcome.to_string(), r#"peer closed: 4001 Private Use "bye"; we answered 4001 "bye""#);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    close: CloseTracker,
    /// The Close tungstenite queued as its answer to the peer's (code, reason), until the
    /// stream ends.
    echo: Option<(Option<u16>, String)>,
}

impl Tracker {
    super::tracker_ops!();

    /// Feeds one item of `socket.recv().await` (or of the socket as a `Stream`) and gives the
    /// message back while the connection is open: `None` once it is over, when the loop
    /// should stop. A Close is given back too: polling once more sends tungstenite's answer.
    ///
    /// ```
    /// use axum::extract::ws::{CloseFrame, Message};
    /// use closecode_core::Ending;
    /// use closecode_core::stacks::axum_0_8::Tracker;
    ///
    /// // The peer closed with 1000, then reset the connection before the echo went out.
    /// let mut tracker = Tracker::new();
    /// assert!(tracker.track(Some(Ok(Message::Text("hi".into())))).is_some());
    /// tracker.track(Some(Ok(Message::Close(Some(CloseFrame { code: 1000, reason: "".into() })))));
    /// let reset = axum::Error::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
    /// assert!(tracker.track(Some(Err(reset))).is_none());
    /// let outcome = tracker.outcome();
    /// assert_eq!(outcome.ending, Ending::PeerClosedUnanswered);
    /// assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1000, false));
    /// ```
    pub fn track(&mut self, item: Option<Result<Message, axum::Error>>) -> Option<Message> {
        match item {
            Some(Ok(Message::Close(frame))) => {
                let received = payload(frame.as_ref());
                // Echoed only while the connection was active (tungstenite mod.rs:721-744).
                if !self.close.has_sent() && !self.close.has_received() && !self.close.is_over() {
                    self.echo = Some((received.code().map(CloseCode::as_u16), received.reason().into()));
                }
                self.close.received(&received);
                Some(Message::Close(frame))
            }
            Some(Ok(message)) => (!self.close.is_over()).then_some(message),
            // The end of the stream: tungstenite returned `ConnectionClosed` after writing what
            // it owed, the echo included (mod.rs:456-470), or the stream had already ended.
            None => {
                self.take_echo();
                self.close.ended();
                None
            }
            Some(Err(error)) if connection_gone(&error) => {
                self.close.ended();
                None
            }
            // tungstenite flushes what it owed before reading further (mod.rs:456-466), so an
            // error read after the echo was queued comes after the echo went out.
            Some(Err(_)) => {
                self.take_echo();
                self.close.protocol_error();
                None
            }
        }
    }

    /// The Close message for `payload`, checked as [`ClosePayload::encode`] checks it (no
    /// code that may not be sent, no reason over 123 bytes: axum sends whatever `u16` it is
    /// given), and recorded as sent. Send it with `socket.send(..)`.
    ///
    /// ```
    /// use axum::extract::ws::{CloseFrame, Message};
    /// use closecode_core::stacks::axum_0_8::Tracker;
    /// use closecode_core::{CloseCode, ClosePayload, EncodeError};
    ///
    /// let mut tracker = Tracker::new();
    /// let message = tracker.close(&ClosePayload::new(CloseCode::GoingAway, "deploy"))?;
    /// assert_eq!(message, Message::Close(Some(CloseFrame { code: 1001, reason: "deploy".into() })));
    /// assert!(tracker.close(&ClosePayload::new(CloseCode::AbnormalClosure, "")).is_err());
    /// # Ok::<(), EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close(&mut self, payload: &ClosePayload<'_>) -> Result<Message, EncodeError> {
        let frame =
            super::checked(payload)?.map(|(code, reason)| CloseFrame { code: code.as_u16(), reason: reason.into() });
        // Once tungstenite has answered the peer's Close, it refuses another
        // (`SendAfterClosing`, tungstenite mod.rs:497-500): its echo is the Close sent.
        if self.echo.is_none() {
            self.close.sent(payload);
        }
        Ok(Message::Close(frame))
    }

    fn take_echo(&mut self) {
        if let Some((code, reason)) = self.echo.take() {
            let echo = code.map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, &reason));
            self.close.sent(&echo);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ending;
    use core::fmt;

    fn close(code: u16, reason: &str) -> Message {
        Message::Close(Some(CloseFrame { code, reason: reason.into() }))
    }

    /// An error shaped as axum hands over tungstenite's: its source is tungstenite's
    /// `ProtocolError`, here stood in for by its text.
    #[derive(Debug)]
    struct Tungstenite(&'static str, Inner);

    #[derive(Debug)]
    struct Inner(&'static str);

    impl fmt::Display for Tungstenite {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{}: {}", self.0, self.1)
        }
    }

    impl fmt::Display for Inner {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
    }

    impl std::error::Error for Tungstenite {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.1)
        }
    }

    impl std::error::Error for Inner {}

    fn protocol(text: &'static str) -> axum::Error {
        axum::Error::new(Tungstenite("WebSocket protocol error", Inner(text)))
    }

    fn reset() -> axum::Error {
        axum::Error::new(std::io::Error::from(std::io::ErrorKind::ConnectionReset))
    }

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().close(p));
    }

    #[test]
    fn the_peer_closes_and_tungstenite_answers() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Ok(Message::Close(None)))).is_some());
        assert!(tracker.track(None).is_none());
        let outcome = tracker.outcome();
        assert_eq!(outcome.to_string(), "peer closed: no status; we answered an empty Close");
        assert_eq!((outcome.event().code(), outcome.event().was_clean()), (1005, true));
    }

    #[test]
    fn our_close_answered() {
        let mut tracker = Tracker::new();
        tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
        assert!(tracker.track(Some(Ok(Message::Text("late".into())))).is_some(), "data before the answer");
        assert!(tracker.track(Some(Ok(close(1013, "")))).is_some());
        assert!(tracker.track(Some(Ok(Message::Text("after".into())))).is_none(), "the handshake is over");
        tracker.track(None);
        assert_eq!(tracker.outcome().to_string(), r#"we closed: 1013 Try Again Later "busy"; peer answered 1013"#);
    }

    #[test]
    fn a_drop_without_a_close_is_not_a_protocol_error() {
        let mut dropped = Tracker::new();
        assert!(dropped.track(Some(Err(protocol(RESET)))).is_none());
        assert_eq!(dropped.outcome().ending, Ending::Dropped);
        let mut unanswered = Tracker::new();
        unanswered.close(&ClosePayload::new(1013u16, "busy")).unwrap();
        unanswered.track(Some(Err(protocol(RESET))));
        assert_eq!(unanswered.outcome().ending, Ending::WeClosedUnanswered);
        let mut broken = Tracker::new();
        broken.track(Some(Err(protocol("Unknown data frame type: 3"))));
        assert_eq!(broken.outcome().ending, Ending::ProtocolError);
        assert_eq!(broken.outcome().event().code(), 1006);
    }

    #[test]
    fn a_protocol_error_after_the_peers_close_comes_after_the_echo() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Ok(close(1001, "bye"))));
        tracker.track(Some(Err(protocol("Remote sent after having closed"))));
        assert_eq!(tracker.outcome().ending, Ending::PeerClosed);
        let mut reset_first = Tracker::new();
        reset_first.track(Some(Ok(close(1001, "bye"))));
        reset_first.track(Some(Err(reset())));
        assert_eq!(reset_first.outcome().ending, Ending::PeerClosedUnanswered);
    }

    #[test]
    fn a_close_after_the_peers_is_not_recorded() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Ok(close(1001, "bye"))));
        assert!(tracker.close(&ClosePayload::new(4001u16, "too late")).is_ok());
        tracker.track(None);
        let sent = tracker.outcome().sent.unwrap();
        assert_eq!((sent.code.map(CloseCode::as_u16), sent.reason.as_str()), (Some(1001), "bye"));
    }

    /// The real tungstenite errors axum wraps, when the tungstenite 0.29 feature is on too.
    #[cfg(feature = "tungstenite-0_29")]
    #[test]
    fn tungstenites_own_errors_are_read_right() {
        use tungstenite_0_29::error::{Error, ProtocolError};
        let gone = [
            Error::Protocol(ProtocolError::ResetWithoutClosingHandshake),
            Error::Io(std::io::ErrorKind::ConnectionReset.into()),
            Error::Io(std::io::ErrorKind::BrokenPipe.into()),
        ];
        for error in gone {
            assert!(connection_gone(&axum::Error::new(error)));
        }
        let broken = [
            Error::Protocol(ProtocolError::UnknownDataFrameType(3)),
            Error::Protocol(ProtocolError::InvalidCloseSequence),
            Error::Utf8("bad".into()),
        ];
        for error in broken {
            assert!(!connection_gone(&axum::Error::new(error)));
        }
    }

    /// One thing an axum receive loop can see, or do.
    #[derive(Clone, Debug)]
    enum Step {
        Close(Option<u16>),
        Text,
        End,
        Error(u8),
        Send(u16),
        TimedOut,
    }

    fn error(kind: u8) -> axum::Error {
        match kind % 3 {
            0 => reset(),
            1 => protocol(RESET),
            _ => protocol("Unknown data frame type: 3"),
        }
    }

    fn step() -> impl proptest::strategy::Strategy<Value = Step> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::option::of(any::<u16>()).prop_map(Step::Close),
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
            // The code of the first Close before the connection ended, as the event reports it.
            let mut expected = None;
            let mut over = false;
            for step in &steps {
                match step {
                    Step::Close(code) => {
                        if !over {
                            expected.get_or_insert(code.unwrap_or(1005));
                        }
                        let frame = code.map(|code| CloseFrame { code, reason: "x".into() });
                        tracker.track(Some(Ok(Message::Close(frame))));
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
