//! Passing a close on: what a proxy or gateway sends to one side when the other side closed,
//! and the codes that every measured peer reports as sent.
#![allow(clippy::doc_markdown, reason = "WebKitGTK and WebKit are names, not code")]

use crate::{CloseEvent, ClosePayload, Peer, truncate_reason};
use closecode::CloseCode;

/// The reason a relay sends with 1014 ([`to_relay`](CloseEvent::to_relay)) or 1011
/// ([`to_relay_compatible`](CloseEvent::to_relay_compatible)) when its upstream dropped without
/// a Close frame.
pub const RELAY_REASON_ABNORMAL: &str = "upstream closed without a closing handshake";

/// The reason a relay sends with 1014 (or 1011, compatible) when its upstream's TLS handshake
/// failed.
pub const RELAY_REASON_TLS: &str = "upstream TLS handshake failed";

/// The reason a relay sends with 1014 (or 1011, compatible) when its upstream sent a code that
/// may not be sent.
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
    /// This is the registry-exact choice: 1014 is what IANA registered for a gateway whose
    /// upstream failed. Not every peer reports it: a tungstenite-based client
    /// (tokio-tungstenite, async-tungstenite) or an axum server is told 1002 Protocol Error,
    /// for which closecode advises [`Reconnect::Never`](crate::Reconnect::Never), so one
    /// upstream blip disconnects that client for good; a WebKitGTK page and fastwebsockets
    /// see the connection fail. Use it when you know every client reports 1014 (Chromium,
    /// Firefox, tokio-websockets, actix-ws, Node's `ws`, Python's `websockets`, or closecode's
    /// strict policy); otherwise, and when in doubt, use
    /// [`to_relay_compatible`](Self::to_relay_compatible).
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

    /// The Close a proxy or gateway sends on that every measured peer ([`Peer::ALL`]: three
    /// browser engines, five Rust stacks) reports as sent, and for which closecode's advice
    /// at that peer is never [`Reconnect::Never`](crate::Reconnect::Never) unless the
    /// upstream's own code advised it: [`to_relay`](Self::to_relay) made
    /// [`compatible`](ClosePayload::compatible). A dropped upstream (1006), a failed TLS
    /// handshake (1015) or an invalid upstream code go on as 1011 Internal Error with the same
    /// reasons as in `to_relay` ([`RELAY_REASON_ABNORMAL`], ...); an upstream 1014 goes on as
    /// 1011, 1012 Service Restart as 1001 Going Away, 1013 Try Again Later as 1011, each with
    /// its reason. Every client then backs off and reconnects.
    ///
    /// Use this one when the clients are not all known to report 1012-1014 (browsers on
    /// Linux webviews, tungstenite and axum clients): the price is the exact code. Use
    /// [`to_relay`](Self::to_relay) when they are.
    ///
    /// ```
    /// use closecode_core::{CloseCode, CloseEvent, ClosePayload, Peer, Reconnect, RELAY_REASON_ABNORMAL};
    ///
    /// let dropped = CloseEvent::abnormal();
    /// let relayed = dropped.to_relay_compatible();
    /// assert_eq!(relayed, ClosePayload::new(CloseCode::InternalError, RELAY_REASON_ABNORMAL));
    /// for peer in Peer::ALL {
    ///     assert_eq!(peer.advice(CloseCode::InternalError), Reconnect::Backoff, "{peer}");
    /// }
    /// let kicked = CloseEvent::received(&ClosePayload::new(4001u16, "kicked"));
    /// assert_eq!(kicked.to_relay_compatible(), kicked.to_relay()); // private codes pass
    /// ```
    #[must_use]
    pub fn to_relay_compatible(&self) -> ClosePayload<'_> {
        self.to_relay().compatible()
    }
}

impl<'a> ClosePayload<'a> {
    /// This payload with a code that every measured peer ([`Peer::ALL`]) reports as sent,
    /// for a sender that does not know what is on the other end: the code itself when all
    /// deliver it ([`Peer::all_deliver`]: 1000-1003, 1007-1011, 3000-4999), else 1001 Going
    /// Away for 1012 Service Restart, and 1011 Internal Error for every other code (1013 Try
    /// Again Later, 1014 Bad Gateway, and the codes that may not be sent). The reason is kept;
    /// no status stays no status.
    ///
    /// The exact code carries more: 1012 asks for a quick reconnect, 1013 and 1014 say why.
    /// Send it when every client is known to report it ([`Peer::delivery`] says which do);
    /// otherwise, the compatible one keeps every client reconnecting with a backoff, where
    /// the exact one turns into a 1006 (WebKitGTK, fastwebsockets) or, for 1014, into 1002
    /// Protocol Error and the advice "never" (tungstenite and axum).
    ///
    /// ```
    /// use closecode_core::{CloseCode, ClosePayload, Peer};
    ///
    /// let busy = ClosePayload::new(CloseCode::TryAgainLater, "busy");
    /// assert_eq!(busy.compatible(), ClosePayload::new(CloseCode::InternalError, "busy"));
    /// let restart = ClosePayload::new(CloseCode::ServiceRestart, "deploy");
    /// assert_eq!(restart.compatible().code(), Some(CloseCode::GoingAway));
    /// let kicked = ClosePayload::new(4001u16, "kicked");
    /// assert_eq!(kicked.compatible(), kicked);
    /// assert!(Peer::all_deliver(busy.compatible().reported_code()));
    /// ```
    #[must_use]
    pub fn compatible(&self) -> ClosePayload<'a> {
        match *self {
            ClosePayload::NoStatus => ClosePayload::NoStatus,
            ClosePayload::Status { code, .. } if Peer::all_deliver(code) => *self,
            ClosePayload::Status { code: CloseCode::ServiceRestart, reason } => {
                ClosePayload::new(CloseCode::GoingAway, reason)
            }
            ClosePayload::Status { reason, .. } => ClosePayload::new(CloseCode::InternalError, reason),
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

    /// The compatible relay: every code relays to something every measured peer reports as
    /// sent, and closecode's advice there is "never" only when the upstream's code advised it.
    #[test]
    fn every_code_relays_compatibly_and_never_turns_into_never() {
        for code in 0..=u16::MAX {
            for was_clean in [true, false] {
                let event =
                    CloseEvent::new("close", CloseEventInit::new().code(code).reason("why").was_clean(was_clean));
                let relayed = event.to_relay_compatible();
                assert!(relayed.encode().is_ok(), "{code}: {relayed:?} cannot be sent");
                let sent = relayed.reported_code();
                for peer in Peer::ALL {
                    if relayed != ClosePayload::NoStatus {
                        assert_eq!(peer.delivery(sent), crate::Delivery::Intact, "{code} at {peer}");
                    }
                    if event.close_code().reconnect() != crate::Reconnect::Never {
                        assert_ne!(peer.event(&relayed).reconnect(), crate::Reconnect::Never, "{code} at {peer}");
                    }
                }
            }
        }
    }
}
