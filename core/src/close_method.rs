//! The `close(code, reason)` method of the WHATWG WebSockets standard, as a function.
#![allow(clippy::doc_markdown, reason = "WebKitGTK and WebKit are names, not code")]

use crate::ClosePayload;
use crate::payload::MAX_REASON;
use closecode::CloseCode;
use core::fmt;

/// Applies the checks of the WebSocket `close(code, reason)` method and returns the Close
/// body it sends.
///
/// In order (WHATWG WebSockets standard, the `close()` method steps):
/// 1. a code that is present must be 1000 or in 3000-4999, else
///    [`CloseMethodError::InvalidAccess`];
/// 2. a reason that is present must encode to at most 123 bytes of UTF-8, else
///    [`CloseMethodError::Syntax`];
/// 3. the body: the code, with the reason if any; without a code, no body at all, even when a
///    reason was given (the standard's closing handshake carries the reason only with a code).
///
/// Where browser engines disagree, closecode follows the standard. The one case is a reason
/// without a code, `close(undefined, reason)`: Chromium throws `InvalidAccessError`, Firefox
/// sends an empty Close after the length check, WebKitGTK sends an empty Close without it (a
/// 124-byte reason throws nothing); no engine sends 1000 with the reason. [`Engine::close`]
/// models each engine.
///
/// ```
/// use closecode_core::{close_method, ClosePayload, CloseMethodError};
///
/// assert_eq!(close_method(None, None), Ok(ClosePayload::NoStatus));
/// assert_eq!(close_method(Some(4001), Some("bye")), Ok(ClosePayload::new(4001u16, "bye")));
/// assert_eq!(close_method(None, Some("bye")), Ok(ClosePayload::NoStatus)); // the reason is dropped
/// assert_eq!(close_method(None, Some(&"a".repeat(124))), Err(CloseMethodError::Syntax(124)));
/// assert_eq!(close_method(Some(1001), None), Err(CloseMethodError::InvalidAccess(1001)));
/// ```
///
/// [`Engine::close`]: crate::Engine::close
///
/// # Errors
///
/// [`CloseMethodError::InvalidAccess`] (the DOM's `InvalidAccessError`) or
/// [`CloseMethodError::Syntax`] (`SyntaxError`), the code checked first.
pub fn close_method(code: Option<u16>, reason: Option<&str>) -> Result<ClosePayload<'_>, CloseMethodError> {
    if let Some(code) = code {
        if !CloseCode::from_u16(code).is_allowed_in_close() {
            return Err(CloseMethodError::InvalidAccess(code));
        }
    }
    if let Some(reason) = reason {
        if reason.len() > MAX_REASON {
            return Err(CloseMethodError::Syntax(reason.len()));
        }
    }
    Ok(match code {
        None => ClosePayload::NoStatus,
        Some(code) => ClosePayload::new(code, reason.unwrap_or("")),
    })
}

/// The exception `close()` throws.
///
/// ```
/// use closecode_core::{close_method, CloseMethodError};
/// let err = close_method(Some(1005), None).unwrap_err();
/// assert_eq!(err.dom_name(), "InvalidAccessError");
/// assert_eq!(err.to_string(), "InvalidAccessError: close code 1005 is neither 1000 nor in 3000-4999");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CloseMethodError {
    /// `InvalidAccessError`: the code given is neither 1000 nor in 3000-4999.
    InvalidAccess(u16),
    /// `SyntaxError`: the reason is longer than 123 bytes of UTF-8; the length is given.
    Syntax(usize),
    /// `InvalidAccessError` for a reason given without a code: what Chromium throws (see
    /// [`Engine::close`](crate::Engine::close)). The standard, and [`close_method`], send an
    /// empty Close instead.
    ReasonWithoutCode,
}

impl CloseMethodError {
    /// The name of the `DOMException` a browser throws.
    ///
    /// ```
    /// assert_eq!(closecode_core::CloseMethodError::Syntax(200).dom_name(), "SyntaxError");
    /// ```
    #[must_use]
    pub const fn dom_name(self) -> &'static str {
        match self {
            CloseMethodError::InvalidAccess(_) | CloseMethodError::ReasonWithoutCode => "InvalidAccessError",
            CloseMethodError::Syntax(_) => "SyntaxError",
        }
    }
}

impl fmt::Display for CloseMethodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CloseMethodError::InvalidAccess(code) => {
                write!(f, "{}: close code {code} is neither 1000 nor in 3000-4999", self.dom_name())
            }
            CloseMethodError::Syntax(len) => {
                write!(f, "{}: close reason is {len} bytes of UTF-8; the limit is {MAX_REASON}", self.dom_name())
            }
            CloseMethodError::ReasonWithoutCode => {
                write!(f, "{}: a close reason was given without a close code", self.dom_name())
            }
        }
    }
}

impl core::error::Error for CloseMethodError {}
