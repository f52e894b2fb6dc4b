//! Conversions with tungstenite 0.30 (feature `tungstenite`).
//!
//! Both `CloseCode`s convert through the number, so nothing is lost either way: every `u16`
//! comes back as itself. Where the two disagree on what a code *is*, closecode's registry is
//! the reference: tungstenite 0.30 files 1014 (Bad Gateway, registered by IANA) and 1004 as
//! `Bad` and reports `is_allowed() == false` for 1014, while closecode knows 1014 is
//! registered and sendable and 1004 reserved. Check received codes with
//! [`Policy`](crate::Policy), not with tungstenite's `is_allowed`.

use crate::{CloseEvent, ClosePayload};
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
    /// let payload = ClosePayload::from_tungstenite(Some(&frame));
    /// assert_eq!(payload.code(), Some(CloseCode::BadGateway)); // tungstenite calls it Bad(1014)
    /// assert_eq!(ClosePayload::from_tungstenite(None), ClosePayload::NoStatus);
    /// ```
    #[must_use]
    pub fn from_tungstenite(frame: Option<&'a CloseFrame>) -> Self {
        frame.map_or(ClosePayload::NoStatus, ClosePayload::from)
    }

    /// The frame to hand to tungstenite (`Message::Close(..)`, `WebSocket::close(..)`).
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let frame = ClosePayload::new(CloseCode::TryAgainLater, "busy").to_tungstenite().unwrap();
    /// assert_eq!(u16::from(frame.code), 1013);
    /// assert_eq!(frame.reason.as_str(), "busy");
    /// assert!(ClosePayload::NoStatus.to_tungstenite().is_none());
    /// ```
    #[must_use]
    pub fn to_tungstenite(&self) -> Option<CloseFrame> {
        match *self {
            ClosePayload::NoStatus => None,
            ClosePayload::Status { code, reason } => Some(CloseFrame { code: code.into(), reason: reason.into() }),
        }
    }
}

impl CloseEvent {
    /// The `close` event for how a tungstenite connection ended: `Some(Some(frame))` for
    /// `Message::Close(Some(frame))`, `Some(None)` for `Message::Close(None)` (1005), and
    /// `None` when the connection ended without a Close frame (an error, or the stream closing:
    /// 1006, `wasClean` false).
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// use tungstenite::protocol::CloseFrame;
    ///
    /// let frame = CloseFrame { code: 4001.into(), reason: "kicked".into() };
    /// let event = CloseEvent::from_tungstenite(Some(Some(&frame)));
    /// assert_eq!((event.code(), event.reason(), event.was_clean()), (4001, "kicked", true));
    /// assert_eq!(CloseEvent::from_tungstenite(Some(None)).code(), 1005);
    /// assert_eq!(CloseEvent::from_tungstenite(None).code(), 1006);
    /// ```
    #[must_use]
    pub fn from_tungstenite(close: Option<Option<&CloseFrame>>) -> Self {
        match close {
            Some(frame) => CloseEvent::received(&ClosePayload::from_tungstenite(frame)),
            None => CloseEvent::abnormal(),
        }
    }

    /// The `close` event for an error tungstenite returned: the connection failed, so 1006
    /// and `wasClean` false, as a browser reports every failure.
    ///
    /// ```
    /// let event = closecode_core::CloseEvent::from_tungstenite_error(&tungstenite::Error::AlreadyClosed);
    /// assert_eq!((event.code(), event.was_clean()), (1006, false));
    /// ```
    #[must_use]
    pub fn from_tungstenite_error(_error: &tungstenite::Error) -> Self {
        CloseEvent::abnormal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use closecode::CloseCode;
    use tungstenite::protocol::frame::coding::CloseCode as TungsteniteCode;

    #[test]
    fn codes_survive_both_ways_for_every_u16() {
        for n in 0..=u16::MAX {
            let ours = CloseCode::from(n);
            let theirs = TungsteniteCode::from(ours);
            assert_eq!(u16::from(theirs), n);
            assert_eq!(CloseCode::from(theirs), ours);
        }
    }

    #[test]
    fn closecode_reads_1014_as_bad_gateway_whatever_tungstenite_calls_it() {
        let bad_gateway = TungsteniteCode::from(1014);
        assert!(CloseCode::from(bad_gateway).is_sendable());
        assert_eq!(CloseCode::from(bad_gateway), CloseCode::BadGateway);
    }

    #[test]
    fn frames_convert_both_ways() {
        let payload = ClosePayload::new(4001u16, "kicked");
        let frame = payload.to_tungstenite().unwrap();
        assert_eq!(ClosePayload::from_tungstenite(Some(&frame)), payload);
    }
}
