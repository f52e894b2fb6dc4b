//! tokio-websockets 0.13, feature `tokio-websockets-0_13`. Its own `Message::close` asserts
//! (panics) on a reserved code or a reason over 123 bytes; [`ClosePayload::to_tokio_websockets`]
//! returns an error instead.

use crate::{CloseEvent, ClosePayload, EncodeError};
use tokio_websockets::Message;

impl ClosePayload<'_> {
    /// The Close message to send, with [`encode`](Self::encode)'s checks (so
    /// `Message::close`'s assertions can never fire).
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let message = ClosePayload::new(CloseCode::ServiceRestart, "deploy").to_tokio_websockets()?;
    /// assert_eq!(message.as_close().map(|(code, reason)| (u16::from(code), reason)), Some((1012, "deploy")));
    /// assert!(ClosePayload::new(CloseCode::Reserved, "").to_tokio_websockets().is_err());
    /// assert!(ClosePayload::new(1000u16, &"x".repeat(124)).to_tokio_websockets().is_err());
    /// # Ok::<(), closecode_core::EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`encode`](Self::encode): a code that may not be sent, a reason over 123 bytes.
    pub fn to_tokio_websockets(&self) -> Result<Message, EncodeError> {
        match super::checked(self)? {
            None => Ok(Message::close(None, "")),
            // Every sendable code lies in 1000-1015 or 3000-4999 and is not one tokio-websockets
            // reserves, so the conversion succeeds and `Message::close` does not assert; the
            // error arm keeps that true should either side change.
            Some((code, reason)) => match tokio_websockets::CloseCode::try_from(code) {
                Ok(theirs) if !theirs.is_reserved() => Ok(Message::close(Some(theirs), reason)),
                _ => Err(EncodeError::CodeNotSendable(code)),
            },
        }
    }
}

impl CloseEvent {
    /// The `close` event for a Close message tokio-websockets delivered (`None` for any other
    /// message): its code and reason (1005 for an empty body), `wasClean` true. When the stream
    /// ends without one, use [`CloseEvent::stream_ended`].
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// use tokio_websockets::{CloseCode, Message};
    /// let message = Message::close(Some(CloseCode::BAD_GATEWAY), "upstream");
    /// let event = CloseEvent::from_tokio_websockets(&message).unwrap();
    /// assert_eq!((event.code(), event.reason()), (1014, "upstream"));
    /// assert!(CloseEvent::from_tokio_websockets(&Message::text("hi")).is_none());
    /// ```
    #[must_use]
    pub fn from_tokio_websockets(message: &Message) -> Option<Self> {
        message.as_close().map(|(code, reason)| {
            let payload = if message.as_payload().is_empty() {
                ClosePayload::NoStatus
            } else {
                ClosePayload::new(u16::from(code), reason)
            };
            CloseEvent::received(&payload)
        })
    }

    /// The `close` event for an error tokio-websockets returned: `AlreadyClosed` after a
    /// completed closing handshake is the Close received before (`received`), clean; any other
    /// error failed the connection: 1006.
    ///
    /// ```
    /// use closecode_core::CloseEvent;
    /// use tokio_websockets::Error;
    /// assert_eq!(CloseEvent::from_tokio_websockets_error(&Error::AlreadyClosed, None).code(), 1006);
    /// ```
    #[must_use]
    pub fn from_tokio_websockets_error(error: &tokio_websockets::Error, received: Option<&ClosePayload<'_>>) -> Self {
        match error {
            tokio_websockets::Error::AlreadyClosed => CloseEvent::stream_ended(received),
            _ => CloseEvent::abnormal(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn never_panics_and_never_sends_what_may_not_be_sent() {
        super::super::assert_sends_only_what_encode_allows(crate::ClosePayload::to_tokio_websockets);
    }
}
