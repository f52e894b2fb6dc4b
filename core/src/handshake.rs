//! The closing handshake, framework-neutral: a received Close body in, the event to report and
//! the Close body to answer with out. For stacks that hand over raw bytes or let the
//! application own the closing handshake (fastwebsockets with auto-close off, raw frames).

use crate::{CloseEvent, CloseOutcome, ClosePayload, EncodedPayload, PayloadError, Policy};

/// What to do about a received Close frame: report [`event`](Self::event), send
/// [`reply`](Self::reply), and (when [`error`](Self::error) is set) close the TCP connection
/// after it: the connection failed.
///
/// ```
/// use closecode_core::{CloseResponse, Policy};
///
/// // 1014 Bad Gateway: valid, echoed (RFC 6455 section 5.5.1), reported as it came.
/// let response = CloseResponse::to(&[0x03, 0xF6, b'u', b'p'], Policy::Strict);
/// assert_eq!((response.event.code(), response.event.reason(), response.event.was_clean()), (1014, "up", true));
/// assert_eq!(&*response.reply, &[0x03, 0xF6]);
///
/// // 1005 on the wire: refused, answered with 1002, reported as a failed connection.
/// let response = CloseResponse::to(&[0x03, 0xED], Policy::Strict);
/// assert_eq!((response.event.code(), response.event.was_clean()), (1006, false));
/// assert_eq!(&response.reply[..2], &1002u16.to_be_bytes());
/// assert!(response.error.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CloseResponse {
    /// The event to report: the received code and reason (`wasClean` true; 1005 for an empty
    /// body) for a body the policy accepts, 1006 (`wasClean` false) for one it refuses.
    pub event: CloseEvent,
    /// The Close body to send back: the received code echoed (RFC 6455 section 5.5.1; an empty
    /// body when there is no code, or the code may not be sent), or the code the error says to
    /// fail the connection with (1002, or 1007 for a reason that is not UTF-8) and a short reason.
    pub reply: EncodedPayload,
    /// Why the body was refused, if it was.
    pub error: Option<PayloadError>,
}

impl CloseResponse {
    /// The response to a received Close `body` under `policy`. Total: any bytes give an
    /// answer, never a panic.
    #[must_use]
    pub fn to(body: &[u8], policy: Policy) -> Self {
        match ClosePayload::parse_with(body, policy) {
            Ok(payload) => {
                let echo = payload.code().map_or(ClosePayload::NoStatus, |code| ClosePayload::new(code, ""));
                CloseResponse { event: CloseEvent::received(&payload), reply: encode_or_empty(&echo), error: None }
            }
            Err(error) => CloseResponse {
                event: CloseEvent::abnormal(),
                reply: encode_or_empty(&ClosePayload::new(error.fail_with(), fail_reason(error))),
                error: Some(error),
            },
        }
    }
}

impl CloseResponse {
    /// The record of this ending for logs and metrics, once [`reply`](Self::reply) is sent:
    /// the peer closed, we answered; for a refused body, the peer's frame is not recorded
    /// (it was not a valid Close) and the ending is not clean.
    ///
    /// ```
    /// use closecode_core::{CloseResponse, Policy};
    /// let response = CloseResponse::to(&[0x03, 0xE9, b'b', b'y', b'e'], Policy::Strict);
    /// assert_eq!(response.outcome().to_string(), r#"peer closed: 1001 Going Away "bye"; we answered 1001"#);
    /// let refused = CloseResponse::to(&[0x03], Policy::Strict);
    /// assert_eq!(refused.outcome().to_string(), r#"connection failed: no closing handshake (we had sent 1002 "invalid close frame")"#);
    /// ```
    #[must_use]
    pub fn outcome(&self) -> CloseOutcome {
        let reply = ClosePayload::parse_with(&self.reply, Policy::Lenient).unwrap_or(ClosePayload::NoStatus);
        if self.error.is_some() {
            return CloseOutcome::transport_failed(Some(&reply));
        }
        let received = if self.event.code() == 1005 && self.event.reason().is_empty() {
            ClosePayload::NoStatus
        } else {
            ClosePayload::new(self.event.code(), self.event.reason())
        };
        CloseOutcome::peer_closed(&received, Some(&reply))
    }
}

/// The short reason sent with the code that fails a connection.
fn fail_reason(error: PayloadError) -> &'static str {
    match error {
        PayloadError::InvalidUtf8 { .. } => "close reason is not UTF-8",
        PayloadError::CodeNotAccepted(_) => "invalid close code",
        _ => "invalid close frame",
    }
}

/// The body, or an empty one when it may not be sent (a code the policy accepted but an
/// endpoint may not send, such as 1004 under [`Policy::Lenient`]).
fn encode_or_empty(payload: &ClosePayload<'_>) -> EncodedPayload {
    payload.encode().unwrap_or(EncodedPayload::EMPTY)
}

impl CloseEvent {
    /// The event for a connection whose stream ended (the stack returned `None`, or an error
    /// that means the connection is closed): the Close frame received before, if any (clean,
    /// as [`CloseEvent::received`]), else 1006 (`wasClean` false, as
    /// [`CloseEvent::abnormal`]).
    ///
    /// ```
    /// use closecode_core::{CloseEvent, ClosePayload};
    /// let bye = ClosePayload::new(1001u16, "bye");
    /// assert_eq!(CloseEvent::stream_ended(Some(&bye)).code(), 1001);
    /// assert_eq!(CloseEvent::stream_ended(None).code(), 1006);
    /// ```
    #[must_use]
    pub fn stream_ended(received: Option<&ClosePayload<'_>>) -> Self {
        received.map_or_else(CloseEvent::abnormal, CloseEvent::received)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_two_byte_body_gets_a_sendable_answer() {
        for code in 0..=u16::MAX {
            for policy in [Policy::Strict, Policy::Lenient] {
                let response = CloseResponse::to(&code.to_be_bytes(), policy);
                let reply = ClosePayload::parse(&response.reply).expect("the reply parses under the strict policy");
                match response.error {
                    None => {
                        assert_eq!(response.event.code(), code);
                        assert!(reply.code().is_none_or(|c| c.as_u16() == code));
                    }
                    Some(error) => {
                        assert_eq!(response.event.code(), 1006);
                        assert_eq!(reply.code(), Some(error.fail_with()));
                    }
                }
            }
        }
    }

    #[test]
    fn malformed_bodies_fail_with_the_right_code() {
        assert_eq!(CloseResponse::to(&[0x03], Policy::Strict).reply[..2], 1002u16.to_be_bytes());
        assert_eq!(CloseResponse::to(&[0x03, 0xE8, 0xFF], Policy::Strict).reply[..2], 1007u16.to_be_bytes());
        assert_eq!(CloseResponse::to(&[0; 126], Policy::Lenient).reply[..2], 1002u16.to_be_bytes());
        let empty = CloseResponse::to(&[], Policy::Strict);
        assert_eq!((empty.event.code(), empty.reply.len()), (1005, 0));
    }
}
