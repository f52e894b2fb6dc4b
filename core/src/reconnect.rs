//! Reconnect advice for a `CloseEvent`: the code's advice, made at least `Backoff` when the
//! connection did not close cleanly.
#![allow(clippy::doc_markdown, reason = "WebKitGTK and WebKit are names, not code")]

use crate::{AppCloseCode, CloseEvent};
use closecode::Reconnect;

impl CloseEvent {
    /// Whether, and how soon, a client should reconnect after this close: the registry's
    /// advice for the code ([`CloseCode::reconnect`](crate::CloseCode::reconnect)), except that
    /// an unclean close is at least [`Reconnect::Backoff`]: the transport failed, so the peer's
    /// code (if any) did not decide the ending.
    ///
    /// ```
    /// use closecode_core::{CloseEvent, CloseEventInit, ClosePayload, CloseCode, Reconnect};
    ///
    /// let event = CloseEvent::received(&ClosePayload::new(CloseCode::TryAgainLater, "busy"));
    /// assert_eq!(event.reconnect(), Reconnect::Backoff);
    /// assert_eq!(CloseEvent::received(&ClosePayload::new(CloseCode::PolicyViolation, "")).reconnect(), Reconnect::Never);
    /// assert_eq!(CloseEvent::abnormal().reconnect(), Reconnect::Backoff);
    /// // A script-made, unclean 1008 still reconnects: the connection failed.
    /// let unclean = CloseEvent::new("close", CloseEventInit::new().code(1008));
    /// assert_eq!(unclean.reconnect(), Reconnect::Backoff);
    /// ```
    ///
    /// # The advice a client gets depends on what its stack reports
    ///
    /// The advice is for the code the client *sees*, and peers do not all see the code that
    /// was sent ([`Peer::delivery`](crate::Peer::delivery)): a WebKitGTK page sees 1012
    /// Service Restart, 1013 and 1014 as 1006 (so "backoff" where 1012 says "soon"), and a
    /// tungstenite or axum client sees 1014 Bad Gateway as 1002 Protocol Error, whose advice
    /// is "never". A server that wants every client to reconnect sends a code every peer
    /// reports ([`ClosePayload::compatible`](crate::ClosePayload::compatible), and for a
    /// proxy [`CloseEvent::to_relay_compatible`]): none of closecode's own choices then turns
    /// into "never" at a measured peer ([`Peer::advice`](crate::Peer::advice) says what each
    /// advises). Send the exact code when every client is known to report it.
    ///
    /// ```
    /// use closecode_core::{CloseCode, CloseEvent, Engine, Peer, Reconnect};
    ///
    /// // A WebKitGTK page cannot tell a 1012-1014 from a network failure: both are 1006.
    /// let seen = Engine::WebKitGtk.close_event(&[0x03, 0xF4]); // 1012 Service Restart
    /// assert_eq!((seen.code(), seen.reconnect()), (1006, Reconnect::Backoff));
    /// // Every measured peer keeps reconnecting after a dropped upstream relayed compatibly.
    /// let dropped = CloseEvent::abnormal();
    /// let relayed = dropped.to_relay_compatible();
    /// assert!(Peer::ALL.iter().all(|peer| peer.event(&relayed).reconnect() != Reconnect::Never));
    /// ```
    #[must_use]
    pub fn reconnect(&self) -> Reconnect {
        self.close_code().reconnect().for_close(self.was_clean())
    }

    /// As [`reconnect`](Self::reconnect), taking the advice of the application's own code
    /// when the event carries one of `T`'s codes.
    ///
    /// ```
    /// use closecode_core::{AppCloseCode, CloseEvent, ClosePayload, Reconnect};
    ///
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     #[close_code(reconnect = "never")]
    ///     Kicked = 4001,
    /// }
    /// let event = CloseEvent::received(&ClosePayload::new(Chat::Kicked, "spam"));
    /// assert_eq!(event.reconnect(), Reconnect::Backoff); // any private code
    /// assert_eq!(event.reconnect_for::<Chat>(), Reconnect::Never); // this application's Kicked
    /// ```
    #[must_use]
    pub fn reconnect_for<T: AppCloseCode>(&self) -> Reconnect {
        let advice = self.app_code::<T>().map_or_else(|| self.close_code().reconnect(), T::reconnect);
        advice.for_close(self.was_clean())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CloseEventInit, ClosePayload, Peer, Stack};
    use closecode::CloseCode;

    /// Where sending the exact code turns closecode's advice into "never" at a measured peer:
    /// only 1014 at tungstenite (0.29 and 0.30, so axum 0.8 too). The compatible code never does.
    #[test]
    fn exact_codes_that_turn_into_never_somewhere() {
        let mut never = alloc::vec::Vec::new();
        for n in 0..=u16::MAX {
            let code = CloseCode::from(n);
            if !code.is_sendable() || code.reconnect() == Reconnect::Never {
                continue;
            }
            for peer in Peer::ALL {
                if peer.advice(code) == Reconnect::Never {
                    never.push((n, peer));
                }
                let compatible = ClosePayload::new(code, "").compatible();
                assert_ne!(peer.event(&compatible).reconnect(), Reconnect::Never, "{n} at {peer}");
            }
        }
        let tungstenite = [Peer::Stack(Stack::Tungstenite0_30), Peer::Stack(Stack::Tungstenite0_29)];
        assert_eq!(never, tungstenite.map(|peer| (1014, peer)));
    }

    #[test]
    fn every_code_clean_and_unclean() {
        for code in 0..=u16::MAX {
            let advice = closecode::CloseCode::from(code).reconnect();
            for was_clean in [true, false] {
                let event = CloseEvent::new("close", CloseEventInit::new().code(code).was_clean(was_clean));
                let expected = if advice == Reconnect::Never && !was_clean { Reconnect::Backoff } else { advice };
                assert_eq!(event.reconnect(), expected, "{code} clean={was_clean}");
            }
        }
    }
}
