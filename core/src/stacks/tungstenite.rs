// The body of the `tungstenite_0_29` and `tungstenite_0_30` modules: the two versions share
// every type this file names, so one text serves both; the including module binds `stack` to
// its version of the crate. (No inner doc comments here: `include!` takes items only.)

use crate::{CloseOutcome, ClosePayload, CloseTracker, EncodeError, MAX_PAYLOAD, Policy};
use stack::protocol::CloseFrame;
use stack::protocol::frame::coding::{Control, OpCode};
use stack::protocol::frame::{Frame, FrameHeader};
use stack::{Error, Message};

impl<'a> From<&'a CloseFrame> for ClosePayload<'a> {
    /// The frame's code and reason, as tungstenite delivered them.
    fn from(frame: &'a CloseFrame) -> Self {
        ClosePayload::Status { code: frame.code.into(), reason: frame.reason.as_str() }
    }
}

/// The payload of `Message::Close(frame)`: `None` is a Close without a body.
fn payload(frame: Option<&CloseFrame>) -> ClosePayload<'_> {
    frame.map_or(ClosePayload::NoStatus, ClosePayload::from)
}

/// The close tracker for this tungstenite version (and the tokio-tungstenite and
/// async-tungstenite of the same version): feed it every item the socket yields with
/// [`track`](Self::track), send Close frames made by [`close`](Self::close), and read the
/// [`outcome`](Self::outcome) at the end. The module docs show the receive loop.
///
/// tungstenite answers a peer's Close itself, echoing it; the tracker records the echo once
/// the stream ends (the answer went out) and not when the connection fails first. For raw
/// frames (`FrameSocket`), where the application answers, use
/// [`track_frame`](Self::track_frame) and [`answer`](Self::answer).
#[derive(Clone, Debug, Default)]
pub struct Tracker {
    close: CloseTracker,
    policy: Policy,
    /// The Close tungstenite queued as its answer to the peer's, until the stream ends.
    echo: Option<(Option<u16>, String)>,
    /// The raw-frame answer the application has not taken yet.
    answer: Option<crate::EncodedPayload>,
}

impl Tracker {
    super::tracker_ops!();

    /// Feeds one item of the socket's stream (`ws.next().await` of tokio-tungstenite, or
    /// `Some(ws.read())` of tungstenite) and gives the message back while the connection is
    /// open: `None` once it is over, when the loop should stop. A Close is given back too.
    pub fn track(&mut self, item: Option<Result<Message, Error>>) -> Option<Message> {
        match item {
            Some(Ok(Message::Close(frame))) => {
                let received = payload(frame.as_ref());
                if !self.close.has_sent() && !self.close.has_received() {
                    self.echo = Some((received.code().map(closecode::CloseCode::as_u16), received.reason().into()));
                }
                self.close.received(&received);
                Some(Message::Close(frame))
            }
            Some(Ok(message)) => (!self.close.is_over()).then_some(message),
            // tokio-tungstenite ends the stream where tungstenite returns these two: the
            // closing handshake completed, any echo was written.
            None | Some(Err(Error::ConnectionClosed | Error::AlreadyClosed)) => {
                self.take_echo();
                self.close.ended();
                None
            }
            Some(Err(error)) => {
                self.failed(&error);
                None
            }
        }
    }

    /// The Close message for `payload`, checked as [`ClosePayload::encode`] checks it (no
    /// code that may not be sent, no reason over 123 bytes), and recorded as sent. Send it with
    /// `ws.send(..)` (tokio-tungstenite and tungstenite alike).
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close(&mut self, payload: &ClosePayload<'_>) -> Result<Message, EncodeError> {
        self.checked(payload).map(Message::Close)
    }

    /// [`close`](Self::close) as a raw Close frame, for `FrameSocket::send` (unmasked: a client
    /// sets `header_mut().mask` before writing it).
    ///
    /// # Errors
    ///
    /// As [`ClosePayload::encode`]: a code that may not be sent, a reason over 123 bytes.
    pub fn close_frame(&mut self, payload: &ClosePayload<'_>) -> Result<Frame, EncodeError> {
        self.checked(payload).map(Frame::close)
    }

    /// The Close frame's contents for `payload`, checked, recorded as sent.
    fn checked(&mut self, payload: &ClosePayload<'_>) -> Result<Option<CloseFrame>, EncodeError> {
        let frame = super::checked(payload)?.map(|(code, reason)| CloseFrame { code: code.into(), reason: reason.into() });
        // A Close tungstenite already answered for us cannot be sent again.
        if self.echo.is_none() {
            self.close.sent(payload);
        }
        Ok(frame)
    }

    /// Feeds one result of `FrameSocket::read` (raw frames, where the application owns the
    /// closing handshake and sees 1014 and 1004 as sent; a client's frames may arrive masked)
    /// and gives the frame back while the connection is open. A Close ends the loop (`None`):
    /// it is checked under the tracker's [`Policy`], and the Close to write back waits in
    /// [`answer`](Self::answer).
    pub fn track_frame(&mut self, item: Result<Option<Frame>, Error>) -> Option<Frame> {
        match item {
            Ok(Some(frame)) if frame.header().opcode == OpCode::Control(Control::Close) => {
                let payload = frame.payload();
                let mut body = [0u8; MAX_PAYLOAD];
                let body = match frame.header().mask.filter(|_| payload.len() <= MAX_PAYLOAD) {
                    Some(mask) => {
                        for (i, (out, byte)) in body.iter_mut().zip(payload).enumerate() {
                            *out = byte ^ mask[i % 4];
                        }
                        &body[..payload.len()]
                    }
                    // Unmasked, or too long to be a Close body whatever its bytes.
                    None => payload,
                };
                self.answer = self.close.received_raw(body, self.policy);
                None
            }
            Ok(Some(frame)) => (!self.close.is_over()).then_some(frame),
            Ok(None) => {
                self.close.ended();
                None
            }
            Err(error) => {
                self.failed(&error);
                None
            }
        }
    }

    /// After the [`track_frame`](Self::track_frame) loop, the Close frame to write back
    /// (unmasked: a client sets `header_mut().mask` before writing it), once; `None` when
    /// there is nothing to answer. tungstenite's message API answers by itself.
    pub fn answer(&mut self) -> Option<Frame> {
        self.answer.take().map(|body| {
            let header = FrameHeader { opcode: OpCode::Control(Control::Close), ..FrameHeader::default() };
            Frame::from_payload(header, stack::Bytes::copy_from_slice(&body))
        })
    }

    /// The policy raw Close bodies are checked under ([`Policy::Strict`] unless set).
    #[must_use]
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    fn take_echo(&mut self) {
        if let Some((code, reason)) = self.echo.take() {
            let echo = code.map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, &reason));
            self.close.sent(&echo);
        }
    }

    fn failed(&mut self, error: &Error) {
        match error {
            // The peer went away without a Close: a dropped connection, not a protocol error.
            Error::Io(_) | Error::Protocol(stack::error::ProtocolError::ResetWithoutClosingHandshake) => {
                self.close.ended();
            }
            // Anything else tungstenite returns from a read is the peer breaking the protocol;
            // it is returned after tungstenite flushed what it owed, the echo included.
            _ => {
                self.take_echo();
                self.close.protocol_error();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Ending;

    fn frame(code: u16, reason: &str) -> Message {
        Message::Close(Some(CloseFrame { code: code.into(), reason: reason.into() }))
    }

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(|p| Tracker::new().close(p));
    }

    #[test]
    fn the_peer_closes_and_tungstenite_answers() {
        let mut tracker = Tracker::new();
        assert!(tracker.track(Some(Ok(frame(1000, "bye")))).is_some());
        assert!(tracker.track(None).is_none());
        let outcome = tracker.outcome();
        assert_eq!(outcome.ending, Ending::PeerClosed);
        assert_eq!(outcome.to_string(), r#"peer closed: 1000 Normal Closure "bye"; we answered 1000 "bye""#);
    }

    #[test]
    fn a_reset_before_the_answer_keeps_the_received_code() {
        let mut tracker = Tracker::new();
        tracker.track(Some(Ok(frame(1000, ""))));
        tracker.track(Some(Err(Error::Io(std::io::ErrorKind::ConnectionReset.into()))));
        let event = tracker.outcome().event();
        assert_eq!((event.code(), event.was_clean()), (1000, false));
    }

    #[test]
    fn our_close_answered() {
        let mut tracker = Tracker::new();
        let message = tracker.close(&ClosePayload::new(4001u16, "kicked")).unwrap();
        assert_eq!(message, frame(4001, "kicked"));
        tracker.track(Some(Ok(frame(4001, ""))));
        tracker.track(Some(Err(Error::ConnectionClosed)));
        assert_eq!(tracker.outcome().ending, Ending::WeClosed);
    }

    #[test]
    fn raw_frames_are_answered_masked_or_not() {
        let mask = [0x12, 0x34, 0x56, 0x78];
        for body in [&b""[..], &[0x03], &[0x03, 0xF6, b'u', b'p'], &[0x03, 0xED], &[0x03, 0xE8, 0xFF], &[7; 126]] {
            let mut expected = CloseTracker::new();
            let expected_answer = expected.received_raw(body, Policy::Strict);
            let header = FrameHeader { opcode: OpCode::Control(Control::Close), ..FrameHeader::default() };
            let masked: Vec<u8> = body.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]).collect();
            for frame in [
                Frame::from_payload(header.clone(), stack::Bytes::copy_from_slice(body)),
                Frame::from_payload(FrameHeader { mask: Some(mask), ..header }, masked.into()),
            ] {
                let mut tracker = Tracker::new();
                assert!(tracker.track_frame(Ok(Some(frame))).is_none(), "a Close ends the loop");
                assert_eq!(tracker.answer().map(|f| f.payload().to_vec()), expected_answer.as_deref().map(<[u8]>::to_vec));
                assert_eq!(tracker.answer(), None, "an answer is given once");
                assert_eq!(tracker.outcome(), expected.outcome());
            }
        }
        let mut tracker = Tracker::new();
        assert!(tracker.track_frame(Ok(Some(Frame::ping(&[3, 0xF6][..])))).is_some());
        assert_eq!(tracker.answer(), None);
    }
}
