//! tungstenite 0.30 (and tokio-tungstenite 0.30), feature `tungstenite-0_30`.
//!
//! tungstenite's receive path files 1014 (Bad Gateway, registered by IANA) and 1004 as `Bad`
//! and answers them with 1002 "Protocol violation", and its `is_allowed` refuses 1014 (see the
//! README's measured table). Check received codes with [`Policy`](crate::Policy); to report
//! 1014 as the peer sent it, read raw frames and use [`CloseResponse`](crate::CloseResponse).

use crate::{CloseEvent, ClosePayload, EncodeError};
use tungstenite::protocol::CloseFrame;

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

#[cfg(test)]
mod tests {
    use super::*;
    use closecode::CloseCode;

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        let long = "é".repeat(62); // 124 bytes
        for n in 0..=u16::MAX {
            let code = CloseCode::from(n);
            let frame = ClosePayload::new(code, "ok").to_tungstenite();
            assert_eq!(frame.is_ok(), code.is_sendable(), "{n}");
            assert!(ClosePayload::new(code, &long).to_tungstenite().is_err());
        }
    }

    #[test]
    fn frames_convert_both_ways() {
        let payload = ClosePayload::new(4001u16, "kicked");
        let frame = payload.to_tungstenite().unwrap().unwrap();
        assert_eq!(ClosePayload::from_tungstenite(Some(&frame)), payload);
    }
}
