//! Adapters for the WebSocket stacks applications use, one file per stack, each behind the
//! feature named after the stack and its version (a later major becomes another feature).
//!
//! Every adapter follows one shape:
//! - outgoing, `ClosePayload::to_<stack>()`: the stack's close value, or the [`EncodeError`]
//!   [`ClosePayload::encode`] gives: no adapter ever puts a code that may not be sent (1004,
//!   1005, 1006, 1015, an unregistered protocol code, 0-999, 5000 and up) or a reason over 123
//!   bytes on the wire, and none panics;
//! - incoming, `CloseEvent::from_<stack>(..)` for a received Close, and
//!   `CloseEvent::from_<stack>_error(..)` (or [`CloseEvent::stream_ended`]) for a connection
//!   that ended without one.
//!
//! [`EncodeError`]: crate::EncodeError
//! [`ClosePayload::encode`]: crate::ClosePayload::encode
//! [`CloseEvent::stream_ended`]: crate::CloseEvent::stream_ended

#[cfg(feature = "actix-ws-0_4")]
mod actix_ws;
#[cfg(feature = "axum-0_8")]
mod axum;
#[cfg(feature = "fastwebsockets-0_10")]
mod fastwebsockets;
#[cfg(feature = "tokio-websockets-0_13")]
mod tokio_websockets;
#[cfg(feature = "tungstenite-0_30")]
mod tungstenite;

/// The checked parts of a payload: `None` for no status, or the code and reason, after
/// [`ClosePayload::encode`](crate::ClosePayload::encode)'s checks. (fastwebsockets takes the
/// encoded bytes instead.)
#[cfg(any(
    feature = "actix-ws-0_4",
    feature = "axum-0_8",
    feature = "tokio-websockets-0_13",
    feature = "tungstenite-0_30"
))]
fn checked<'a>(
    payload: &crate::ClosePayload<'a>,
) -> Result<Option<(closecode::CloseCode, &'a str)>, crate::EncodeError> {
    payload.encode()?;
    Ok(match *payload {
        crate::ClosePayload::NoStatus => None,
        crate::ClosePayload::Status { code, reason } => Some((code, reason)),
    })
}

/// The check every adapter's `to_<stack>()` owes: over all 65536 codes, a frame exactly for
/// the sendable ones with a short reason, an error for every code with a 124-byte reason
/// (multi-byte, so a byte count is what is checked), and a frame for a Close without a body.
#[cfg(all(
    test,
    any(
        feature = "actix-ws-0_4",
        feature = "axum-0_8",
        feature = "fastwebsockets-0_10",
        feature = "tokio-websockets-0_13",
        feature = "tungstenite-0_30"
    )
))]
fn assert_sends_only_what_encode_allows<T, E>(to_stack: impl Fn(&crate::ClosePayload<'static>) -> Result<T, E>) {
    let long: &'static str = "é".repeat(62).leak();
    for n in 0..=u16::MAX {
        let code = closecode::CloseCode::from(n);
        assert_eq!(to_stack(&crate::ClosePayload::new(code, "ok")).is_ok(), code.is_sendable(), "{n}");
        assert!(to_stack(&crate::ClosePayload::new(code, long)).is_err(), "{n} with a 124-byte reason");
    }
    assert!(to_stack(&crate::ClosePayload::NoStatus).is_ok());
}
