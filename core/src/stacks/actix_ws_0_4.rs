//! actix-ws 0.4 (actix-web's WebSocket sessions), feature `actix-ws-0_4`.

use crate::{CloseEvent, ClosePayload, EncodeError};
use actix_ws::CloseReason;

impl<'a> ClosePayload<'a> {
    /// The payload of a Close actix-ws delivered (`Message::Close(reason)`).
    ///
    /// ```
    /// use actix_ws::{CloseCode as ActixCode, CloseReason};
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let reason = CloseReason { code: ActixCode::Other(1014), description: Some("upstream".into()) };
    /// assert_eq!(ClosePayload::from_actix(Some(&reason)), ClosePayload::new(CloseCode::BadGateway, "upstream"));
    /// ```
    #[must_use]
    pub fn from_actix(reason: Option<&'a CloseReason>) -> Self {
        reason.map_or(ClosePayload::NoStatus, |r| {
            ClosePayload::new(u16::from(r.code), r.description.as_deref().unwrap_or(""))
        })
    }

    /// The reason for `Session::close(..)`, with [`encode`](Self::encode)'s checks: `Ok(None)`
    /// is a Close without a body.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let reason = ClosePayload::new(CloseCode::Forbidden, "no").to_actix()?.unwrap();
    /// assert_eq!((u16::from(reason.code), reason.description.as_deref()), (3003, Some("no")));
    /// assert!(ClosePayload::new(CloseCode::TlsHandshake, "").to_actix().is_err());
    /// # Ok::<(), closecode_core::EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`encode`](Self::encode): a code that may not be sent, a reason over 123 bytes.
    pub fn to_actix(&self) -> Result<Option<CloseReason>, EncodeError> {
        Ok(super::checked(self)?.map(|(code, reason)| CloseReason {
            code: code.into(),
            description: (!reason.is_empty()).then(|| alloc::string::String::from(reason)),
        }))
    }
}

impl CloseEvent {
    /// The `close` event for a Close actix-ws delivered: its code and reason (1005 for
    /// `None`), `wasClean` true. When the stream ends without one, use
    /// [`CloseEvent::stream_ended`].
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// let reason = actix_ws::CloseReason::from(actix_ws::CloseCode::Away);
    /// assert_eq!(CloseEvent::from_actix(Some(&reason)).code(), 1001);
    /// ```
    #[must_use]
    pub fn from_actix(reason: Option<&CloseReason>) -> Self {
        CloseEvent::received(&ClosePayload::from_actix(reason))
    }

    /// The `close` event for a protocol error actix-ws returned: the connection failed, 1006.
    ///
    /// ```
    /// let event = closecode_core::CloseEvent::from_actix_error(&actix_ws::ProtocolError::BadOpCode);
    /// assert_eq!((event.code(), event.was_clean()), (1006, false));
    /// ```
    #[must_use]
    pub fn from_actix_error(error: &actix_ws::ProtocolError) -> Self {
        let _ = error;
        CloseEvent::abnormal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_reason() {
        super::super::assert_sends_only_what_encode_allows(ClosePayload::to_actix);
        let payload = ClosePayload::new(4001u16, "kicked");
        assert_eq!(ClosePayload::from_actix(payload.to_actix().unwrap().as_ref()), payload);
    }

    #[test]
    fn whatever_actix_hands_over_reads_without_panic() {
        for code in [0, 999, 1005, 1006, 5000, u16::MAX] {
            let reason = CloseReason { code: actix_ws::CloseCode::Other(code), description: Some("é".repeat(200)) };
            let event = CloseEvent::from_actix(Some(&reason));
            assert_eq!((event.code(), event.reason().len()), (code, 400), "kept as received, lenient by design");
            assert!(event.to_relay().encode().is_ok(), "and relayed as something sendable");
        }
    }
}
