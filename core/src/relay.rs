//! Passing a close on: what a proxy or gateway sends to one side when the other side closed.

use crate::{CloseEvent, ClosePayload, truncate_reason};
use closecode::CloseCode;

/// The reason a relay sends with 1014 when its upstream dropped without a Close frame.
pub const RELAY_REASON_ABNORMAL: &str = "upstream closed without a closing handshake";

/// The reason a relay sends with 1014 when its upstream's TLS handshake failed.
pub const RELAY_REASON_TLS: &str = "upstream TLS handshake failed";

/// The reason a relay sends with 1014 when its upstream sent a code that may not be sent.
pub const RELAY_REASON_INVALID: &str = "upstream sent an invalid close code";

impl CloseEvent {
    /// The Close body a proxy or gateway sends on to the other side when this side closed
    /// with this event. Never a code that may not be sent:
    ///
    /// - a sendable code goes on as it came, with its reason cut to 123 bytes on a character
    ///   boundary ([`truncate_reason`]);
    /// - 1005 (the peer sent no status) goes on as an empty Close;
    /// - 1006 (no closing handshake) and 1015 (TLS failed) become 1014 Bad Gateway, what 1014
    ///   was registered for, with a short reason saying what happened upstream
    ///   ([`RELAY_REASON_ABNORMAL`], [`RELAY_REASON_TLS`]);
    /// - any other code that may not be sent (1004, an unassigned protocol code, 0-999, 5000
    ///   and up: a lenient receiver can accept them) becomes 1014 with
    ///   [`RELAY_REASON_INVALID`].
    ///
    /// Borrows the reason; no allocation.
    ///
    /// ```
    /// use closecode_core::{CloseCode, CloseEvent, ClosePayload};
    ///
    /// let upstream = CloseEvent::received(&ClosePayload::new(CloseCode::GoingAway, "deploy"));
    /// assert_eq!(upstream.to_relay(), ClosePayload::new(CloseCode::GoingAway, "deploy"));
    /// assert_eq!(CloseEvent::received(&ClosePayload::NoStatus).to_relay(), ClosePayload::NoStatus);
    ///
    /// let dropped = CloseEvent::abnormal();
    /// let relayed = dropped.to_relay();
    /// assert_eq!(relayed.code(), Some(CloseCode::BadGateway));
    /// assert!(relayed.encode().is_ok());
    /// ```
    #[must_use]
    pub fn to_relay(&self) -> ClosePayload<'_> {
        let code = self.close_code();
        match code {
            CloseCode::NoStatusReceived => ClosePayload::NoStatus,
            CloseCode::AbnormalClosure => ClosePayload::new(CloseCode::BadGateway, RELAY_REASON_ABNORMAL),
            CloseCode::TlsHandshake => ClosePayload::new(CloseCode::BadGateway, RELAY_REASON_TLS),
            _ if code.is_sendable() => ClosePayload::new(code, truncate_reason(self.reason())),
            _ => ClosePayload::new(CloseCode::BadGateway, RELAY_REASON_INVALID),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CloseEventInit;

    #[test]
    fn every_code_relays_to_something_sendable() {
        let long = "é".repeat(100); // 200 bytes: cut to 122 on a character boundary
        for code in 0..=u16::MAX {
            for reason in ["", "why", long.as_str()] {
                let event = CloseEvent::new("close", CloseEventInit::new().code(code).reason(reason).was_clean(true));
                let relayed = event.to_relay();
                assert!(relayed.encode().is_ok(), "{code}: {relayed:?} cannot be sent");
                let number = relayed.code().map(CloseCode::as_u16);
                match code {
                    1005 => assert_eq!(relayed, ClosePayload::NoStatus),
                    1006 | 1015 => assert_eq!(number, Some(1014)),
                    _ if CloseCode::from(code).is_sendable() => {
                        assert_eq!(number, Some(code));
                        assert!(reason.starts_with(relayed.reason()));
                        assert_eq!(relayed.reason().len(), reason.len().min(122));
                    }
                    _ => assert_eq!(relayed, ClosePayload::new(CloseCode::BadGateway, RELAY_REASON_INVALID)),
                }
            }
        }
    }
}
