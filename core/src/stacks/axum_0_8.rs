//! axum 0.8's WebSocket (`axum::extract::ws`), feature `axum-0_8`. axum has its own
//! `CloseFrame` (its code is a plain `u16`), built over tungstenite 0.29 (axum 0.8.9 depends on
//! tokio-tungstenite 0.29), so tungstenite 0.30's types do not fit it.

use crate::{CloseEvent, ClosePayload, EncodeError};
use axum::extract::ws::CloseFrame;

impl<'a> ClosePayload<'a> {
    /// The payload of a Close axum delivered (`Message::Close(frame)`).
    ///
    /// ```
    /// use axum::extract::ws::CloseFrame;
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let frame = CloseFrame { code: 1013, reason: "busy".into() };
    /// assert_eq!(ClosePayload::from_axum(Some(&frame)), ClosePayload::new(CloseCode::TryAgainLater, "busy"));
    /// ```
    #[must_use]
    pub fn from_axum(frame: Option<&'a CloseFrame>) -> Self {
        frame.map_or(ClosePayload::NoStatus, |f| ClosePayload::new(f.code, f.reason.as_str()))
    }

    /// The frame for `Message::Close(..)`, with [`encode`](Self::encode)'s checks.
    ///
    /// ```
    /// use axum::extract::ws::Message;
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let frame = ClosePayload::new(CloseCode::GoingAway, "deploy").to_axum()?;
    /// let message = Message::Close(frame);
    /// assert!(ClosePayload::new(CloseCode::AbnormalClosure, "").to_axum().is_err());
    /// # Ok::<(), closecode_core::EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`encode`](Self::encode): a code that may not be sent, a reason over 123 bytes.
    pub fn to_axum(&self) -> Result<Option<CloseFrame>, EncodeError> {
        Ok(super::checked(self)?.map(|(code, reason)| CloseFrame { code: code.as_u16(), reason: reason.into() }))
    }
}

impl CloseEvent {
    /// The `close` event for a Close axum delivered: its code and reason (1005 for `None`),
    /// `wasClean` true. When the stream then ends, the connection closed cleanly; when it ends
    /// without one, use [`CloseEvent::stream_ended`].
    ///
    /// axum (through tungstenite) delivers a peer's 1014 Bad Gateway and 1004 as 1002. A route
    /// that must see them upgrades with fastwebsockets' `IncomingUpgrade` extractor instead and
    /// answers with `CloseResponse::from_fastwebsockets` (feature
    /// `fastwebsockets-0_10`; the README shows it).
    ///
    /// ```
    /// use axum::extract::ws::CloseFrame;
    /// use closecode_core::CloseEvent;
    /// let event = CloseEvent::from_axum(Some(&CloseFrame { code: 4001, reason: "kicked".into() }));
    /// assert_eq!((event.code(), event.was_clean()), (4001, true));
    /// ```
    #[must_use]
    pub fn from_axum(frame: Option<&CloseFrame>) -> Self {
        CloseEvent::received(&ClosePayload::from_axum(frame))
    }

    /// The `close` event for an error axum's socket returned: the connection failed (axum
    /// ends the stream, rather than erring, after a completed closing handshake): 1006.
    ///
    /// ```
    /// let error = axum::Error::new(std::io::Error::other("reset"));
    /// assert_eq!(closecode_core::CloseEvent::from_axum_error(&error).code(), 1006);
    /// ```
    #[must_use]
    pub fn from_axum_error(error: &axum::Error) -> Self {
        let _ = error;
        CloseEvent::abnormal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_unsendable_code_or_long_reason_reaches_a_frame() {
        super::super::assert_sends_only_what_encode_allows(ClosePayload::to_axum);
        // Whatever axum hands over, reading it never panics: any code, lenient by design.
        let odd = CloseFrame { code: 5000, reason: "".into() };
        assert_eq!(CloseEvent::from_axum(Some(&odd)).code(), 5000);
    }
}
