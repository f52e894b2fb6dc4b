//! Which received close codes an endpoint accepts.

use closecode::CloseCode;

/// What a receiver does with the code of a Close frame it gets.
///
/// ```
/// use closecode_core::{CloseCode, Policy};
///
/// assert!(Policy::Strict.accepts(CloseCode::from(1014)));
/// assert!(!Policy::Strict.accepts(CloseCode::from(1004)));
/// assert!(Policy::Lenient.accepts(CloseCode::from(1004)));
/// assert!(!Policy::Lenient.accepts(CloseCode::from(1005)));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Policy {
    /// Accept exactly the codes an endpoint may send ([`CloseCode::is_sendable`], generated from
    /// the registry: the registered protocol codes that are neither reserved nor local-only,
    /// and 3000-4999). This is what Autobahn's
    /// testsuite (cases 7.7 and 7.9), Node's `ws` and Python's `websockets` enforce. No browser
    /// engine enforces exactly this: Chromium and Firefox accept more, and WebKitGTK also
    /// refuses 1012-1014 (see [`Engine`](crate::Engine)).
    #[default]
    Strict,
    /// Accept every code but the local-only ones ([`CloseCode::is_local_only`]): what Chromium
    /// does, byte for byte ([`Engine::Chromium`](crate::Engine::Chromium); checked by
    /// `core/tests/engine_properties.rs`). Firefox accepts 1005/1006/1015 too; WebKitGTK far
    /// fewer. Use it to report what a peer sent rather than to police it.
    Lenient,
}

impl Policy {
    /// Whether a Close frame carrying `code` is acceptable under this policy.
    ///
    /// ```
    /// use closecode_core::{CloseCode, Policy};
    /// assert!(Policy::Lenient.accepts(CloseCode::from(5000)));
    /// assert!(!Policy::Strict.accepts(CloseCode::from(5000)));
    /// ```
    #[inline]
    #[must_use]
    pub const fn accepts(self, code: CloseCode) -> bool {
        match self {
            Policy::Strict => code.is_sendable(),
            Policy::Lenient => !code.is_local_only(),
        }
    }
}
