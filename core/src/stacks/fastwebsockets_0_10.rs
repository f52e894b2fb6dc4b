//! fastwebsockets 0.10, feature `fastwebsockets-0_10`.
//!
//! With auto-close on (its default), fastwebsockets answers a Close itself and refuses (with
//! an error and a 1002) every code its own table calls `Bad`, 1014 Bad Gateway among them. To
//! report 1014 as the peer sent it, turn auto-close off and answer with
//! [`CloseResponse::from_fastwebsockets`]: the `fastwebsockets` example does.

use crate::{CloseEvent, ClosePayload, CloseResponse, EncodeError, Policy};
use fastwebsockets::{Frame, OpCode, Payload};

impl ClosePayload<'_> {
    /// The Close frame to write, with [`encode`](Self::encode)'s checks.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let frame = ClosePayload::new(CloseCode::BadGateway, "upstream").to_fastwebsockets()?;
    /// assert_eq!(&frame.payload[..2], &1014u16.to_be_bytes());
    /// assert!(ClosePayload::new(1006u16, "").to_fastwebsockets().is_err());
    /// # Ok::<(), closecode_core::EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`encode`](Self::encode): a code that may not be sent, a reason over 123 bytes.
    pub fn to_fastwebsockets(&self) -> Result<Frame<'static>, EncodeError> {
        let bytes = self.encode()?;
        Ok(Frame::close_raw(Payload::Owned(bytes.to_vec())))
    }
}

impl CloseResponse {
    /// The response to a Close frame fastwebsockets read with auto-close off (`None` for any
    /// other frame): the event to report, and in [`reply`](CloseResponse::reply) the body to
    /// answer with ([`CloseResponse::reply_fastwebsockets_frame`] makes it a frame).
    ///
    /// ```
    /// use closecode_core::{CloseResponse, Policy};
    /// use fastwebsockets::{Frame, Payload};
    ///
    /// let received = Frame::close(1014, b"upstream down");
    /// let response = CloseResponse::from_fastwebsockets(&received, Policy::Strict).unwrap();
    /// assert_eq!((response.event.code(), response.event.reason()), (1014, "upstream down"));
    /// assert_eq!(&response.reply_fastwebsockets_frame().payload[..], &1014u16.to_be_bytes());
    /// ```
    #[must_use]
    pub fn from_fastwebsockets(frame: &Frame<'_>, policy: Policy) -> Option<Self> {
        (frame.opcode == OpCode::Close).then(|| CloseResponse::to(&frame.payload, policy))
    }

    /// [`reply`](CloseResponse::reply) as a fastwebsockets Close frame.
    #[must_use]
    pub fn reply_fastwebsockets_frame(&self) -> Frame<'static> {
        Frame::close_raw(Payload::Owned(self.reply.to_vec()))
    }
}

impl CloseEvent {
    /// The `close` event for a Close frame fastwebsockets delivered with auto-close on (it has
    /// answered and checked it already; `None` for any other frame): its code and reason,
    /// `wasClean` true, read leniently so nothing it passed is lost.
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// let event = CloseEvent::from_fastwebsockets(&fastwebsockets::Frame::close(4001, b"kicked")).unwrap();
    /// assert_eq!((event.code(), event.reason()), (4001, "kicked"));
    /// ```
    #[must_use]
    pub fn from_fastwebsockets(frame: &Frame<'_>) -> Option<Self> {
        CloseResponse::from_fastwebsockets(frame, Policy::Lenient).map(|response| response.event)
    }

    /// The `close` event for an error fastwebsockets returned: `ConnectionClosed` after a
    /// completed closing handshake is the Close received before (`received`), clean; any other
    /// error failed the connection: 1006.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, ClosePayload};
    /// use fastwebsockets::WebSocketError;
    /// let bye = ClosePayload::new(1000u16, "");
    /// assert_eq!(CloseEvent::from_fastwebsockets_error(&WebSocketError::ConnectionClosed, Some(&bye)).code(), 1000);
    /// assert_eq!(CloseEvent::from_fastwebsockets_error(&WebSocketError::InvalidCloseCode, None).code(), 1006);
    /// ```
    #[must_use]
    pub fn from_fastwebsockets_error(
        error: &fastwebsockets::WebSocketError,
        received: Option<&ClosePayload<'_>>,
    ) -> Self {
        match error {
            fastwebsockets::WebSocketError::ConnectionClosed => CloseEvent::stream_ended(received),
            _ => CloseEvent::abnormal(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(ClosePayload::to_fastwebsockets);
    }

    #[test]
    fn any_received_frame_reads_without_panic() {
        for body in [&b""[..], &[0x03], &[0x13, 0x88], &[0x03, 0xE8, 0xFF], &[0u8; 200][..]] {
            let frame = Frame::close_raw(Payload::Owned(body.to_vec()));
            let _ = CloseEvent::from_fastwebsockets(&frame).unwrap();
            let response = CloseResponse::from_fastwebsockets(&frame, Policy::Strict).unwrap();
            assert!(ClosePayload::parse(&response.reply_fastwebsockets_frame().payload).is_ok());
        }
        assert!(CloseEvent::from_fastwebsockets(&Frame::text(Payload::Borrowed(b"hi"))).is_none());
    }
}
