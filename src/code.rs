//! The hand-written half of `CloseCode`: conversions, comparisons, formatting, and the rules
//! that are not registry data (the RFC 6455 ranges, the WHATWG `close()` rule).

use crate::{CloseCode, CodeRange};
use core::cmp::Ordering;
use core::fmt;
use core::hash::{Hash, Hasher};
use core::str::FromStr;

/// Declares a fallback variant's payload: a code only `CloseCode::from_u16` builds.
macro_rules! payload {
    ($(#[$doc:meta])* $name:ident, $variant:ident, $example:literal) => {
        $(#[$doc])*
        ///
        /// Only [`CloseCode::from`] (and [`CloseCode::from_u16`]) build one, so the fallback can
        /// never stand for a code that has a variant of its own. `Debug` and `Display` show the
        /// number.
        ///
        /// ```
        /// use closecode::CloseCode;
        ///
        #[doc = concat!("let CloseCode::", stringify!($variant), "(code) = CloseCode::from(", $example, ") else { unreachable!() };")]
        #[doc = concat!("assert_eq!(code.get(), ", $example, ");")]
        #[doc = concat!("assert_eq!(u16::from(code), ", $example, ");")]
        #[doc = concat!("assert_eq!(code.to_string(), \"", $example, "\");")]
        #[doc = concat!("assert_eq!(format!(\"{:?}\", CloseCode::from(", $example, ")), \"", stringify!($variant), "(", $example, ")\");")]
        /// ```
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub(crate) u16);

        impl $name {
            /// The code as a number.
            #[inline]
            #[must_use]
            pub const fn get(self) -> u16 {
                self.0
            }
        }

        impl From<$name> for u16 {
            #[inline]
            fn from(code: $name) -> u16 {
                code.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }
    };
}

payload!(
    /// The payload of [`CloseCode::Private`]: a code in 4000-4999, private use.
    PrivateCode,
    Private,
    "4001"
);

payload!(
    /// The payload of [`CloseCode::Unassigned`]: a code in 1000-3999 that this registry snapshot
    /// does not register.
    UnassignedCode,
    Unassigned,
    "3009"
);

payload!(
    /// The payload of [`CloseCode::OutOfRange`]: a code in 0-999 or 5000-65535.
    OutOfRangeCode,
    OutOfRange,
    "5000"
);

impl CloseCode {
    /// Whether IANA has a row for exactly this code (not only a range row), that is, whether
    /// it has a variant of its own: the codes in [`CloseCode::REGISTERED`].
    ///
    /// ```
    /// use closecode::CloseCode;
    /// assert!(CloseCode::from(3003).is_registered());
    /// assert!(!CloseCode::from(3004).is_registered());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_registered(self) -> bool {
        !matches!(self, CloseCode::Private(_) | CloseCode::Unassigned(_) | CloseCode::OutOfRange(_))
    }

    /// The RFC 6455 range (section 7.4.2) the code falls in.
    ///
    /// ```
    /// use closecode::{CloseCode, CodeRange};
    /// assert_eq!(CloseCode::from(4999).range(), CodeRange::Private);
    /// ```
    #[inline]
    #[must_use]
    pub const fn range(self) -> CodeRange {
        CodeRange::of(self.as_u16())
    }

    /// Whether a script may pass this code to the WebSocket `close()` method (WHATWG
    /// WebSockets standard): 1000, or 3000-4999.
    ///
    /// ```
    /// use closecode::CloseCode;
    /// assert!(CloseCode::NormalClosure.is_allowed_in_close());
    /// assert!(!CloseCode::GoingAway.is_allowed_in_close());
    /// assert!(CloseCode::from(3999).is_allowed_in_close());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_allowed_in_close(self) -> bool {
        // Two compares joined without a branch, on the code's table slot (`min(code, TOP)`,
        // which for a registered variant is its bare tag): on `as_u16` the optimiser split the
        // compares by variant into branches that mispredict on a mixed stream.
        let slot = self.slot();
        (slot == CLOSE_NORMAL) | (slot.wrapping_sub(CLOSE_FIRST) < CLOSE_LEN)
    }
}

/// The code [`CloseCode::is_allowed_in_close`] allows on its own: Normal Closure (1000).
const CLOSE_NORMAL: usize = CloseCode::NormalClosure.as_u16() as usize;

/// The first code of the range [`CloseCode::is_allowed_in_close`] allows: the library range's.
const CLOSE_FIRST: usize = CodeRange::Library.first() as usize;

/// How many codes that range has: the library and private ranges, which meet.
const CLOSE_LEN: usize = {
    assert!(CodeRange::Library.last() + 1 == CodeRange::Private.first(), "close() allows one run of codes");
    CodeRange::Private.last() as usize + 1 - CLOSE_FIRST
};

impl From<u16> for CloseCode {
    #[inline]
    fn from(code: u16) -> Self {
        CloseCode::from_u16(code)
    }
}

impl From<CloseCode> for u16 {
    #[inline]
    fn from(code: CloseCode) -> Self {
        code.as_u16()
    }
}

impl PartialEq<u16> for CloseCode {
    #[inline]
    fn eq(&self, other: &u16) -> bool {
        self.as_u16() == *other
    }
}

impl PartialEq<CloseCode> for u16 {
    #[inline]
    fn eq(&self, other: &CloseCode) -> bool {
        *self == other.as_u16()
    }
}

// `PartialEq` and `Eq` are derived (structural), so `const` codes work as `match` patterns;
// with one representation per number, structural equality is the number's, and `Ord` and
// `Hash` below agree with it.

impl PartialOrd for CloseCode {
    #[inline]
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for CloseCode {
    #[inline]
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_u16().cmp(&other.as_u16())
    }
}

impl Hash for CloseCode {
    #[inline]
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_u16().hash(state);
    }
}

/// `GoingAway(1001)`, `Private(4001)`: the variant and the number.
impl fmt::Debug for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.variant_name(), self.as_u16())
    }
}

/// `1008 Policy Violation`: the number, a space, the name.
impl fmt::Display for CloseCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.as_u16(), self.name())
    }
}

/// Why a string is not a close code.
///
/// ```
/// let err = "70000".parse::<closecode::CloseCode>().unwrap_err();
/// assert_eq!(err.to_string(), "close code is above 65535");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseCloseCodeError {
    /// The string is empty.
    Empty,
    /// The string holds something other than ASCII digits.
    NotANumber,
    /// The number does not fit in a `u16`.
    TooLarge,
}

impl fmt::Display for ParseCloseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ParseCloseCodeError::Empty => "close code is empty",
            ParseCloseCodeError::NotANumber => "close code is not a decimal number",
            ParseCloseCodeError::TooLarge => "close code is above 65535",
        })
    }
}

impl core::error::Error for ParseCloseCodeError {}

/// Parses a decimal code (`"1000"`). Signs, spaces and names are refused.
///
/// ```
/// use closecode::{CloseCode, ParseCloseCodeError};
/// assert_eq!("1001".parse(), Ok(CloseCode::GoingAway));
/// assert_eq!("".parse::<CloseCode>(), Err(ParseCloseCodeError::Empty));
/// assert_eq!("+1".parse::<CloseCode>(), Err(ParseCloseCodeError::NotANumber));
/// ```
impl FromStr for CloseCode {
    type Err = ParseCloseCodeError;

    fn from_str(text: &str) -> Result<Self, ParseCloseCodeError> {
        if text.is_empty() {
            return Err(ParseCloseCodeError::Empty);
        }
        let mut value: u32 = 0;
        for byte in text.bytes() {
            if !byte.is_ascii_digit() {
                return Err(ParseCloseCodeError::NotANumber);
            }
            value = value * 10 + u32::from(byte - b'0');
            if value > u32::from(u16::MAX) {
                return Err(ParseCloseCodeError::TooLarge);
            }
        }
        u16::try_from(value).map(CloseCode::from_u16).map_err(|_| ParseCloseCodeError::TooLarge)
    }
}

/// A close code serializes as its number.
#[cfg(feature = "serde")]
impl serde_core::Serialize for CloseCode {
    fn serialize<S: serde_core::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u16(self.as_u16())
    }
}

/// Any number from 0 to 65535 deserializes to its close code; anything else is an error.
#[cfg(feature = "serde")]
impl<'de> serde_core::Deserialize<'de> for CloseCode {
    fn deserialize<D: serde_core::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <u16 as serde_core::Deserialize>::deserialize(deserializer).map(CloseCode::from_u16)
    }
}
