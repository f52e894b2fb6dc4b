//! The ranges RFC 6455 section 7.4.2 divides the code space into.

use core::ops::RangeInclusive;

/// Which RFC 6455 range (section 7.4.2) a code falls in.
///
/// ```
/// use closecode::{CloseCode, CodeRange};
///
/// assert_eq!(CodeRange::of(999), CodeRange::NotUsed);
/// assert_eq!(CodeRange::of(1000), CodeRange::Protocol);
/// assert_eq!(CloseCode::from(3000).range(), CodeRange::Library);
/// assert_eq!(CodeRange::Private.codes(), 4000..=4999);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CodeRange {
    /// 0-999: not used.
    NotUsed,
    /// 1000-2999: the protocol, its revisions and public extensions.
    Protocol,
    /// 3000-3999: libraries, frameworks and applications, registered at IANA first come first served.
    Library,
    /// 4000-4999: private use between applications; never registered.
    Private,
    /// 5000-65535: outside every range RFC 6455 defines.
    OutOfRange,
}

impl CodeRange {
    /// Every range, in code order.
    ///
    /// ```
    /// assert_eq!(closecode::CodeRange::ALL.len(), 5);
    /// ```
    pub const ALL: [CodeRange; 5] =
        [CodeRange::NotUsed, CodeRange::Protocol, CodeRange::Library, CodeRange::Private, CodeRange::OutOfRange];

    /// The range `code` falls in.
    ///
    /// ```
    /// assert_eq!(closecode::CodeRange::of(5000), closecode::CodeRange::OutOfRange);
    /// ```
    #[inline]
    #[must_use]
    pub const fn of(code: u16) -> CodeRange {
        // One load, no branch (a stream of codes is unpredictable): every thousand of codes up
        // to 5000 lies in one range, and the code is clamped to 5000 without a comparison.
        // Measured faster than summing the four boundary compares (the latency benchmark).
        const BY_THOUSAND: [CodeRange; 6] = [
            CodeRange::NotUsed,
            CodeRange::Protocol,
            CodeRange::Protocol,
            CodeRange::Library,
            CodeRange::Private,
            CodeRange::OutOfRange,
        ];
        BY_THOUSAND[(code - code.saturating_sub(5000)) as usize / 1000]
    }

    /// The codes in the range.
    ///
    /// ```
    /// assert_eq!(closecode::CodeRange::Library.codes(), 3000..=3999);
    /// ```
    #[must_use]
    pub const fn codes(self) -> RangeInclusive<u16> {
        match self {
            CodeRange::NotUsed => 0..=999,
            CodeRange::Protocol => 1000..=2999,
            CodeRange::Library => 3000..=3999,
            CodeRange::Private => 4000..=4999,
            CodeRange::OutOfRange => 5000..=u16::MAX,
        }
    }

    /// A short name, used for codes that no registry row covers.
    ///
    /// ```
    /// assert_eq!(closecode::CodeRange::NotUsed.name(), "Not Used");
    /// ```
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            CodeRange::NotUsed => "Not Used",
            CodeRange::Protocol => "Protocol",
            CodeRange::Library => "Library",
            CodeRange::Private => "Private Use",
            CodeRange::OutOfRange => "Out of Range",
        }
    }

    /// One sentence on what RFC 6455 says of the range.
    ///
    /// ```
    /// assert!(closecode::CodeRange::OutOfRange.description().contains("5000"));
    /// ```
    #[must_use]
    pub const fn description(self) -> &'static str {
        match self {
            CodeRange::NotUsed => "Codes below 1000 are not used by WebSocket (RFC 6455 section 7.4.2).",
            CodeRange::Protocol => {
                "Kept for the protocol, its revisions and public extensions (RFC 6455 section 7.4.2)."
            }
            CodeRange::Library => {
                "For libraries, frameworks and applications, registered at IANA (RFC 6455 section 7.4.2)."
            }
            CodeRange::Private => {
                "For private agreements between applications; never registered (RFC 6455 section 7.4.2)."
            }
            CodeRange::OutOfRange => "Codes from 5000 up lie outside every range RFC 6455 defines.",
        }
    }
}
