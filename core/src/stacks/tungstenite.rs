//! tungstenite 0.30 (and tokio-tungstenite 0.30), feature `tungstenite-0_30`.
//!
//! tungstenite's receive path files 1014 (Bad Gateway, registered by IANA) and 1004 as `Bad`
//! and answers them with 1002 "Protocol violation", and its `is_allowed` refuses 1014 (see the
//! README's measured table). The code the peer sent is gone before `Message::Close` reaches
//! the application. To report 1014 as the peer sent it, read frames with tungstenite's
//! `FrameSocket` and answer with [`CloseResponse::from_tungstenite_frame`].

use crate::{CloseEvent, ClosePayload, CloseResponse, EncodeError, MAX_PAYLOAD, Policy};
use tungstenite::protocol::CloseFrame;
use tungstenite::protocol::frame::coding::{Control, OpCode};
use tungstenite::protocol::frame::{Frame, FrameHeader};

impl<'a> From<&'a CloseFrame> for ClosePayload<'a> {
    fn from(frame: &'a CloseFrame) -> Self {
        ClosePayload::Status { code: frame.code.into(), reason: frame.reason.as_str() }
    }
}

impl<'a> ClosePayload<'a> {
    /// The payload of what tungstenite reports for a received Close (`Message::Close(frame)`):
    /// `None` is a Close without a body.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// use tungstenite::protocol::CloseFrame;
    ///
    /// let frame = CloseFrame { code: 1014.into(), reason: "upstream down".into() };
    /// assert_eq!(ClosePayload::from_tungstenite(Some(&frame)).code(), Some(CloseCode::BadGateway));
    /// assert_eq!(ClosePayload::from_tungstenite(None), ClosePayload::NoStatus);
    /// ```
    #[must_use]
    pub fn from_tungstenite(frame: Option<&'a CloseFrame>) -> Self {
        frame.map_or(ClosePayload::NoStatus, ClosePayload::from)
    }

    /// The frame to hand to tungstenite (`Message::Close(..)`, `WebSocket::close(..)`), with
    /// [`encode`](Self::encode)'s checks: `Ok(None)` is a Close without a body.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode, EncodeError};
    /// let frame = ClosePayload::new(CloseCode::TryAgainLater, "busy").to_tungstenite().unwrap().unwrap();
    /// assert_eq!((u16::from(frame.code), frame.reason.as_str()), (1013, "busy"));
    /// assert_eq!(ClosePayload::NoStatus.to_tungstenite(), Ok(None));
    /// assert_eq!(
    ///     ClosePayload::new(CloseCode::NoStatusReceived, "").to_tungstenite(),
    ///     Err(EncodeError::CodeNotSendable(CloseCode::NoStatusReceived))
    /// );
    /// assert_eq!(ClosePayload::new(1000u16, &"x".repeat(124)).to_tungstenite(), Err(EncodeError::ReasonTooLong(124)));
    /// ```
    ///
    /// # Errors
    ///
    /// As [`encode`](Self::encode): a code that may not be sent, a reason over 123 bytes.
    pub fn to_tungstenite(&self) -> Result<Option<CloseFrame>, EncodeError> {
        Ok(super::checked(self)?.map(|(code, reason)| CloseFrame { code: code.into(), reason: reason.into() }))
    }
}

impl CloseEvent {
    /// The `close` event for a Close tungstenite delivered (`Message::Close(frame)`): its code
    /// and reason (1005 for `None`), `wasClean` true.
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// use tungstenite::protocol::CloseFrame;
    ///
    /// let frame = CloseFrame { code: 4001.into(), reason: "kicked".into() };
    /// let event = CloseEvent::from_tungstenite(Some(&frame));
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (4001, "kicked", true));
    /// assert_eq!(CloseEvent::from_tungstenite(None).code(), 1005);
    /// ```
    #[must_use]
    pub fn from_tungstenite(frame: Option<&CloseFrame>) -> Self {
        CloseEvent::received(&ClosePayload::from_tungstenite(frame))
    }

    /// The `close` event for an error tungstenite returned. `ConnectionClosed` (and
    /// `AlreadyClosed`) mean the closing handshake completed: the event is the Close received
    /// (`received`, as tungstenite delivered it earlier), clean, or 1005 when none was kept.
    /// Every other error failed the connection: 1006, `wasClean` false.
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// use tungstenite::{Error, protocol::CloseFrame};
    ///
    /// let bye = CloseFrame { code: 1001.into(), reason: "bye".into() };
    /// let done = CloseEvent::from_tungstenite_error(&Error::ConnectionClosed, Some(&bye));
    /// assert_eq!((done.code(), done.was_clean()), (1001, true));
    /// let failed = CloseEvent::from_tungstenite_error(&Error::Io(std::io::ErrorKind::ConnectionReset.into()), None);
    /// assert_eq!((failed.code(), failed.was_clean()), (1006, false));
    /// ```
    #[must_use]
    pub fn from_tungstenite_error(error: &tungstenite::Error, received: Option<&CloseFrame>) -> Self {
        match error {
            tungstenite::Error::ConnectionClosed | tungstenite::Error::AlreadyClosed => {
                CloseEvent::from_tungstenite(received)
            }
            _ => CloseEvent::abnormal(),
        }
    }
}

impl CloseResponse {
    /// The response to a raw tungstenite [`Frame`] (`None` for any frame but a Close): what
    /// tungstenite's high-level API cannot give, since it rewrites 1014 and 1004 to 1002 before
    /// the application sees them. For frames read with `FrameSocket::read`, which leaves a
    /// client's payload masked: a masked payload is unmasked here (on the stack, no allocation).
    ///
    /// ```
    /// use closecode_core::{CloseResponse, Policy};
    /// use tungstenite::protocol::{CloseFrame, frame::Frame};
    ///
    /// let received = Frame::close(Some(CloseFrame { code: 1014.into(), reason: "upstream down".into() }));
    /// let response = CloseResponse::from_tungstenite_frame(&received, Policy::Strict).unwrap();
    /// assert_eq!((response.event.code(), response.event.reason()), (1014, "upstream down"));
    /// assert_eq!(&response.reply_tungstenite_frame().payload()[..], &1014u16.to_be_bytes());
    /// ```
    #[must_use]
    pub fn from_tungstenite_frame(frame: &Frame, policy: Policy) -> Option<Self> {
        if frame.header().opcode != OpCode::Control(Control::Close) {
            return None;
        }
        let payload = frame.payload();
        let Some(mask) = frame.header().mask.filter(|_| payload.len() <= MAX_PAYLOAD) else {
            // Unmasked, or too long to be a Close body whatever its bytes: the length decides.
            return Some(CloseResponse::to(payload, policy));
        };
        let mut body = [0u8; MAX_PAYLOAD];
        for (i, (out, byte)) in body.iter_mut().zip(payload).enumerate() {
            *out = byte ^ mask[i % 4];
        }
        Some(CloseResponse::to(&body[..payload.len()], policy))
    }

    /// [`reply`](CloseResponse::reply) as a tungstenite Close frame, unmasked (a client sets
    /// `header_mut().mask` before writing it, as RFC 6455 section 5.3 requires of clients).
    #[must_use]
    pub fn reply_tungstenite_frame(&self) -> Frame {
        let header = FrameHeader { opcode: OpCode::Control(Control::Close), ..FrameHeader::default() };
        Frame::from_payload(header, tungstenite::Bytes::copy_from_slice(&self.reply))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(ClosePayload::to_tungstenite);
    }

    #[test]
    fn frames_convert_both_ways() {
        let payload = ClosePayload::new(4001u16, "kicked");
        let frame = payload.to_tungstenite().unwrap().unwrap();
        assert_eq!(ClosePayload::from_tungstenite(Some(&frame)), payload);
    }

    #[test]
    fn raw_frames_are_answered_masked_or_not() {
        let mask = [0x12, 0x34, 0x56, 0x78];
        for body in [&b""[..], &[0x03], &[0x03, 0xF6, b'u', b'p'], &[0x03, 0xED], &[0x03, 0xE8, 0xFF], &[7; 126]] {
            let expected = CloseResponse::to(body, Policy::Strict);
            let header = FrameHeader { opcode: OpCode::Control(Control::Close), ..FrameHeader::default() };
            let plain = Frame::from_payload(header.clone(), tungstenite::Bytes::copy_from_slice(body));
            assert_eq!(CloseResponse::from_tungstenite_frame(&plain, Policy::Strict).as_ref(), Some(&expected));
            let masked: std::vec::Vec<u8> = body.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]).collect();
            let masked = Frame::from_payload(FrameHeader { mask: Some(mask), ..header }, masked.into());
            assert_eq!(CloseResponse::from_tungstenite_frame(&masked, Policy::Strict), Some(expected.clone()));
            assert_eq!(expected.reply_tungstenite_frame().payload(), &expected.reply[..]);
        }
        assert_eq!(CloseResponse::from_tungstenite_frame(&Frame::ping(&[3, 0xF6][..]), Policy::Strict), None);
    }
}
