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
        // One load, no branch (a stream of codes is unpredictable): the code clamped to the
        // start of `OutOfRange` without a comparison, then its thousand. Measured faster than
        // summing the four boundary compares (the latency benchmark).
        BY_THOUSAND[(code - code.saturating_sub(OUT_OF_RANGE)) as usize / THOUSAND]
    }

    /// The codes in the range: the one definition of the RFC 6455 ranges in this crate, which
    /// every other use derives from.
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

    /// The first code of the range.
    pub(crate) const fn first(self) -> u16 {
        *self.codes().start()
    }

    /// The last code of the range.
    pub(crate) const fn last(self) -> u16 {
        *self.codes().end()
    }

    /// Which of the range's codes an endpoint may send in a Close frame (RFC 6455 section 7.4).
    pub(crate) const fn sendable(self) -> Sendable {
        match self {
            CodeRange::NotUsed | CodeRange::OutOfRange => Sendable::None,
            CodeRange::Protocol => Sendable::Registered,
            CodeRange::Library | CodeRange::Private => Sendable::All,
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

/// Which codes of a [`CodeRange`] an endpoint may send (RFC 6455 section 7.4).
pub(crate) enum Sendable {
    /// None of them.
    None,
    /// The registered codes without a flag (reserved, local-only): the protocol range, whose
    /// codes only mean something once registered.
    Registered,
    /// All of them, registered or not.
    All,
}

/// [`CodeRange::of`]'s clamp: every code from here up is out of range.
const OUT_OF_RANGE: u16 = CodeRange::OutOfRange.first();

/// [`CodeRange::of`]'s bucket: every range below [`OUT_OF_RANGE`] starts and ends on a thousand.
const THOUSAND: usize = 1000;

/// The range of each thousand of codes up to [`OUT_OF_RANGE`] (whose bucket is its own),
/// from [`CodeRange::codes`]. Fails to compile if a range stops starting on a thousand.
const BY_THOUSAND: [CodeRange; OUT_OF_RANGE as usize / THOUSAND + 1] = {
    let mut table = [CodeRange::OutOfRange; OUT_OF_RANGE as usize / THOUSAND + 1];
    let mut i = 0;
    while i < CodeRange::ALL.len() {
        let range = CodeRange::ALL[i];
        let (first, last) = (range.first() as usize, range.last() as usize);
        assert!(first % THOUSAND == 0, "CodeRange::of needs every range to start on a thousand");
        let mut bucket = first / THOUSAND;
        while bucket * THOUSAND <= last && bucket < table.len() {
            table[bucket] = range;
            bucket += 1;
        }
        i += 1;
    }
    table
};
