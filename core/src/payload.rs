//! The body of a Close frame (RFC 6455 section 5.5.1): parsing, checking and encoding.

use crate::Policy;
use closecode::CloseCode;
use core::fmt;
use core::ops::Deref;

/// The most bytes a control frame's payload may hold (RFC 6455 section 5.5).
pub const MAX_PAYLOAD: usize = 125;

/// The most bytes a close reason may hold: the payload less the 2-byte code.
pub const MAX_REASON: usize = MAX_PAYLOAD - 2;

/// A Close frame's body: empty, or a status code optionally followed by a UTF-8 reason.
///
/// Parsing borrows the reason from the frame and never allocates.
///
/// ```
/// use closecode_core::{ClosePayload, CloseCode};
///
/// let body = [0x03, 0xF0, b'b', b'y', b'e'];
/// let payload = ClosePayload::parse(&body)?;
/// assert_eq!(payload.code(), Some(CloseCode::from(1008)));
/// assert_eq!(payload.reason(), "bye");
/// assert_eq!(payload.encode()?.as_ref(), &body);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClosePayload<'a> {
    /// An empty body: the peer gave no status code (reported as 1005, RFC 6455 section 7.1.5).
    NoStatus,
    /// A status code and a reason (empty when the body holds only the code).
    Status {
        /// The status code.
        code: CloseCode,
        /// The reason, at most 123 bytes of UTF-8.
        reason: &'a str,
    },
}

impl<'a> ClosePayload<'a> {
    /// A payload with `code` and `reason`. Nothing is checked until [`encode`](Self::encode).
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// let payload = ClosePayload::new(CloseCode::GoingAway, "restarting");
    /// assert_eq!(payload.reason(), "restarting");
    /// ```
    #[must_use]
    pub fn new(code: impl Into<CloseCode>, reason: &'a str) -> Self {
        ClosePayload::Status { code: code.into(), reason }
    }

    /// Parses a received body under the [strict](Policy::Strict) policy.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, PayloadError, CloseCode};
    /// assert_eq!(ClosePayload::parse(&[]), Ok(ClosePayload::NoStatus));
    /// let err = ClosePayload::parse(&[0x03, 0xEC]).unwrap_err(); // 1004
    /// assert_eq!(err, PayloadError::CodeNotAccepted(CloseCode::Reserved));
    /// assert_eq!(err.fail_with(), CloseCode::ProtocolError);
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PayloadError`] naming the code to fail the connection with; see
    /// [`parse_with`](Self::parse_with).
    #[inline]
    pub fn parse(body: &'a [u8]) -> Result<Self, PayloadError> {
        Self::parse_with(body, Policy::Strict)
    }

    /// Parses a received body, accepting codes by `policy`.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, Policy, CloseCode};
    /// let body = 1004u16.to_be_bytes();
    /// assert!(ClosePayload::parse_with(&body, Policy::Strict).is_err());
    /// assert_eq!(ClosePayload::parse_with(&body, Policy::Lenient)?.code(), Some(CloseCode::Reserved));
    /// # Ok::<(), closecode_core::PayloadError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// In the order checked: a body over 125 bytes ([`PayloadError::TooLong`]), a 1-byte body
    /// ([`PayloadError::OneByte`]), a code the policy refuses
    /// ([`PayloadError::CodeNotAccepted`]), all three failing the connection with 1002; a
    /// reason that is not UTF-8 ([`PayloadError::InvalidUtf8`]), failing it with 1007.
    #[inline]
    pub fn parse_with(body: &'a [u8], policy: Policy) -> Result<Self, PayloadError> {
        match body {
            [] => Ok(ClosePayload::NoStatus),
            _ if body.len() > MAX_PAYLOAD => Err(PayloadError::TooLong(body.len())),
            [_] => Err(PayloadError::OneByte),
            [high, low, reason @ ..] => {
                let code = CloseCode::from_u16(u16::from_be_bytes([*high, *low]));
                if !policy.accepts(code) {
                    return Err(PayloadError::CodeNotAccepted(code));
                }
                match core::str::from_utf8(reason) {
                    Ok(reason) => Ok(ClosePayload::Status { code, reason }),
                    Err(e) => Err(PayloadError::InvalidUtf8 { valid_up_to: e.valid_up_to() }),
                }
            }
        }
    }

    /// The status code, if the body has one.
    ///
    /// ```
    /// assert_eq!(closecode_core::ClosePayload::NoStatus.code(), None);
    /// ```
    #[must_use]
    pub const fn code(&self) -> Option<CloseCode> {
        match self {
            ClosePayload::NoStatus => None,
            ClosePayload::Status { code, .. } => Some(*code),
        }
    }

    /// The code to report to the application (RFC 6455 section 7.1.5): the status code, or
    /// 1005 No Status Received for an empty body.
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode};
    /// assert_eq!(ClosePayload::NoStatus.reported_code(), CloseCode::NoStatusReceived);
    /// ```
    #[must_use]
    pub const fn reported_code(&self) -> CloseCode {
        match self {
            ClosePayload::NoStatus => CloseCode::NoStatusReceived,
            ClosePayload::Status { code, .. } => *code,
        }
    }

    /// The reason (RFC 6455 section 7.1.6): empty when absent.
    ///
    /// ```
    /// assert_eq!(closecode_core::ClosePayload::NoStatus.reason(), "");
    /// ```
    #[must_use]
    pub const fn reason(&self) -> &'a str {
        match self {
            ClosePayload::NoStatus => "",
            ClosePayload::Status { reason, .. } => reason,
        }
    }

    /// The wire bytes of this payload, in a fixed buffer (no allocation).
    ///
    /// ```
    /// use closecode_core::{ClosePayload, CloseCode, EncodeError};
    /// assert_eq!(ClosePayload::new(CloseCode::NormalClosure, "").encode()?.as_ref(), &[0x03, 0xE8]);
    /// assert_eq!(
    ///     ClosePayload::new(CloseCode::AbnormalClosure, "").encode(),
    ///     Err(EncodeError::CodeNotSendable(CloseCode::AbnormalClosure))
    /// );
    /// # Ok::<(), EncodeError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`EncodeError::CodeNotSendable`] for a code an endpoint must not send
    /// ([`CloseCode::is_sendable`] is false), [`EncodeError::ReasonTooLong`] for a reason over
    /// 123 bytes (see [`truncate_reason`]).
    pub fn encode(&self) -> Result<EncodedPayload, EncodeError> {
        let mut out = EncodedPayload { len: 0, bytes: [0; MAX_PAYLOAD] };
        if let ClosePayload::Status { code, reason } = *self {
            if !code.is_sendable() {
                return Err(EncodeError::CodeNotSendable(code));
            }
            if reason.len() > MAX_REASON {
                return Err(EncodeError::ReasonTooLong(reason.len()));
            }
            out.bytes[..2].copy_from_slice(&code.as_u16().to_be_bytes());
            out.bytes[2..2 + reason.len()].copy_from_slice(reason.as_bytes());
            out.len = 2 + reason.len();
        }
        Ok(out)
    }
}

/// `reason` cut to at most 123 bytes, on a character boundary, so it fits a Close frame.
///
/// ```
/// use closecode_core::truncate_reason;
/// assert_eq!(truncate_reason("short"), "short");
/// let long = "é".repeat(100); // 200 bytes
/// assert_eq!(truncate_reason(&long).len(), 122); // 61 whole characters
/// ```
#[must_use]
pub fn truncate_reason(reason: &str) -> &str {
    if reason.len() <= MAX_REASON {
        return reason;
    }
    let mut end = MAX_REASON;
    while !reason.is_char_boundary(end) {
        end -= 1;
    }
    &reason[..end]
}

/// An encoded Close body: at most 125 bytes, held inline.
///
/// ```
/// let bytes = closecode_core::ClosePayload::NoStatus.encode().unwrap();
/// assert!(bytes.is_empty());
/// ```
#[derive(Clone, Copy)]
pub struct EncodedPayload {
    len: usize,
    bytes: [u8; MAX_PAYLOAD],
}

impl EncodedPayload {
    /// An empty body (a Close frame without a status code).
    pub(crate) const EMPTY: EncodedPayload = EncodedPayload { len: 0, bytes: [0; MAX_PAYLOAD] };
}

impl Deref for EncodedPayload {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl AsRef<[u8]> for EncodedPayload {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl fmt::Debug for EncodedPayload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("EncodedPayload").field(&&**self).finish()
    }
}

impl PartialEq for EncodedPayload {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for EncodedPayload {}

/// Why a received Close body is invalid, and how to answer it.
///
/// ```
/// use closecode_core::{ClosePayload, PayloadError, CloseCode};
/// let err = ClosePayload::parse(&[0x03, 0xE8, 0xC0, 0x80]).unwrap_err(); // overlong NUL
/// assert_eq!(err, PayloadError::InvalidUtf8 { valid_up_to: 0 });
/// assert_eq!(err.fail_with(), CloseCode::InvalidFramePayloadData);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PayloadError {
    /// The body is 1 byte long: a code needs 2 (RFC 6455 section 5.5.1).
    OneByte,
    /// The body is longer than 125 bytes (RFC 6455 section 5.5); the length is given.
    TooLong(usize),
    /// The code is one the policy refuses (RFC 6455 section 7.4).
    CodeNotAccepted(CloseCode),
    /// The reason is not valid UTF-8 (RFC 6455 sections 5.5.1 and 8.1); `valid_up_to` is the
    /// length of the reason's valid prefix.
    InvalidUtf8 {
        /// How many bytes of the reason are valid UTF-8.
        valid_up_to: usize,
    },
}

impl PayloadError {
    /// The code to fail the connection with (RFC 6455 sections 7.1.7 and 7.4.1): 1007 for an
    /// invalid UTF-8 reason, 1002 Protocol Error for everything else.
    ///
    /// ```
    /// use closecode_core::{PayloadError, CloseCode};
    /// assert_eq!(PayloadError::OneByte.fail_with(), CloseCode::ProtocolError);
    /// ```
    #[must_use]
    pub const fn fail_with(self) -> CloseCode {
        match self {
            PayloadError::InvalidUtf8 { .. } => CloseCode::InvalidFramePayloadData,
            PayloadError::OneByte | PayloadError::TooLong(_) | PayloadError::CodeNotAccepted(_) => {
                CloseCode::ProtocolError
            }
        }
    }
}

impl fmt::Display for PayloadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayloadError::OneByte => f.write_str("close frame body is 1 byte; a status code takes 2"),
            PayloadError::TooLong(len) => write!(f, "close frame body is {len} bytes; the limit is {MAX_PAYLOAD}"),
            PayloadError::CodeNotAccepted(code) => write!(f, "close code {code} may not be sent in a close frame"),
            PayloadError::InvalidUtf8 { valid_up_to } => {
                write!(f, "close reason is not valid UTF-8 after its first {valid_up_to} bytes")
            }
        }
    }
}

impl core::error::Error for PayloadError {}

/// Why a payload cannot be encoded.
///
/// ```
/// use closecode_core::{ClosePayload, CloseCode, EncodeError};
/// let long = "x".repeat(124);
/// let err = ClosePayload::new(CloseCode::NormalClosure, &long).encode().unwrap_err();
/// assert_eq!(err, EncodeError::ReasonTooLong(124));
/// assert_eq!(err.to_string(), "close reason is 124 bytes; the limit is 123");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EncodeError {
    /// The code must not be sent in a Close frame (reserved, local-only, unassigned in
    /// 1000-2999, or outside 1000-4999).
    CodeNotSendable(CloseCode),
    /// The reason is over 123 bytes; the length is given.
    ReasonTooLong(usize),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::CodeNotSendable(code) => write!(f, "close code {code} may not be sent in a close frame"),
            EncodeError::ReasonTooLong(len) => write!(f, "close reason is {len} bytes; the limit is {MAX_REASON}"),
        }
    }
}

impl core::error::Error for EncodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_payload_compares_and_prints_its_bytes() {
        let a = ClosePayload::new(1000u16, "x").encode().unwrap();
        let b = ClosePayload::new(1000u16, "x").encode().unwrap();
        assert_eq!(a, b);
        assert_ne!(a, ClosePayload::NoStatus.encode().unwrap());
        assert_eq!(alloc::format!("{a:?}"), "EncodedPayload([3, 232, 120])");
    }

    #[test]
    fn parse_checks_length_before_shape() {
        // A 126-byte body is too long even though its code would be refused too.
        assert_eq!(ClosePayload::parse(&[0; 126]), Err(PayloadError::TooLong(126)));
    }

    /// RFC 6455 section 5.5: a control frame's payload is at most 125 bytes, so a reason
    /// at most 123. Checked through behaviour at the boundary, not against the constants.
    #[test]
    fn limits_follow_rfc6455_5_5() {
        let mut body = alloc::vec![0x03, 0xE8];
        body.extend_from_slice(&[b'a'; 123]);
        assert!(ClosePayload::parse(&body).is_ok(), "125 bytes is the most a control frame holds");
        body.push(b'a');
        assert_eq!(ClosePayload::parse(&body), Err(PayloadError::TooLong(126)));
        let reason = "a".repeat(123);
        assert_eq!(ClosePayload::new(1000u16, &reason).encode().unwrap().len(), 125);
        assert!(ClosePayload::new(1000u16, &alloc::format!("{reason}a")).encode().is_err());
    }
}
