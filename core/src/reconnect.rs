//! Reconnect advice for a `CloseEvent`: the code's advice, made at least `Backoff` when the
//! connection did not close cleanly.

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
    use crate::CloseEventInit;

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
