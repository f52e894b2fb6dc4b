//! The conversions and lookups of `CloseCode`, and the per-code tables they read, built at
//! compile time from the generated data: the rows (`ROWS`) and the registered variants
//! ([`CloseCode::REGISTERED`], with `Kind` from `close_code_enum!`).
//!
//! A stream of received codes is unpredictable, so every lookup is one or two loads from a
//! table indexed by the code (clamped without a comparison), never a chain of range
//! comparisons. Building the tables is most of the crate's compile time, so each starts as a
//! repeat of the value most of it holds and [`fill`] stores the rest.

use crate::entry::Flag;
use crate::range::Sendable;
use crate::{
    CloseCode, CodeRange, Kind, OutOfRangeCode, PrivateCode, REGISTRY, ROWS, Reconnect, RegistryEntry, UnassignedCode,
};

/// [`CloseCode::from_u16`]'s clamp: every code from here up is `OutOfRange` (IANA registers
/// nothing above 3999), so [`FROM_CODE`]'s last slot stands for all of them.
const FROM_TOP: u16 = CodeRange::OutOfRange.first();

/// The lookups' clamp: every code from here up has the same row and flags. Past the last row,
/// and no lower than [`FROM_TOP`].
const TOP: u16 = {
    let mut top = FROM_TOP;
    let mut row = 0;
    while row < ROWS.len() {
        let after = ROWS[row].last().saturating_add(1);
        if after > top {
            top = after;
        }
        row += 1;
    }
    top
};

/// `min(code, top)` as a table index, written without a comparison so the optimiser keeps it
/// branch-free after inlining.
#[inline]
const fn clamp(code: u16, top: u16) -> usize {
    (code - code.saturating_sub(top)) as usize
}

/// Stores `value` at every index in `first..=last` that `table` has: one call per range of
/// codes, plain stores inside. Const evaluation of one store costs thousands of the compiler's
/// instructions, and of a call per code (even `len()`) more; a repeat expression (`[v; N]`)
/// is one step.
const fn fill<T: Copy>(table: &mut [T], first: usize, last: usize, value: T) {
    let end = if last < table.len() { last + 1 } else { table.len() };
    let mut code = first;
    while code < end {
        table[code] = value;
        code += 1;
    }
}

/// The variant of every code up to [`FROM_TOP`], without payload, whose slot stands for every
/// code from there up: each range's fallback, then each registered variant. Also checks that
/// the generated rows and variants agree (the build fails if not).
static FROM_CODE: [Kind; FROM_TOP as usize + 1] = {
    // Most codes below FROM_TOP are protocol and library codes: start with their fallback.
    let mut table = [Kind::Unassigned; FROM_TOP as usize + 1];
    let mut i = 0;
    while i < CodeRange::ALL.len() {
        let range = CodeRange::ALL[i];
        let fallback = match range {
            CodeRange::Private => Kind::Private,
            CodeRange::Protocol | CodeRange::Library => Kind::Unassigned,
            CodeRange::NotUsed | CodeRange::OutOfRange => Kind::OutOfRange,
        };
        if !matches!(fallback, Kind::Unassigned) {
            fill(&mut table, range.first() as usize, range.last() as usize, fallback);
        }
        i += 1;
    }
    let mut i = 0;
    while i < CloseCode::REGISTERED.len() {
        let variant = CloseCode::REGISTERED[i];
        let code = variant.tag() as usize;
        assert!(code < FROM_TOP as usize, "IANA registers no code in the out-of-range range");
        table[code] = variant.kind();
        i += 1;
    }
    let mut registrations = 0;
    let mut row = 0;
    while row < ROWS.len() {
        if let Some(code) = ROWS[row].registered() {
            assert!(
                code < FROM_TOP && CloseCode::of_kind(table[code as usize], code).is_registered(),
                "every registration row has its variant"
            );
            registrations += 1;
        }
        row += 1;
    }
    assert!(registrations == CloseCode::REGISTERED.len(), "every variant has its registration row");
    table
};

/// The index of a value of [`ROW_OF_CODE`]: `u8` while the rows and ranges fit in it, else
/// `u16` (3000 registrations and more fit).
type RowIndex = <Width<{ ROW_VALUES > u8::MAX as usize + 1 }> as Pick>::Index;

/// Picks [`RowIndex`] by whether it must be wide.
struct Width<const WIDE: bool>;

/// The index type for a [`Width`].
trait Pick {
    type Index;
}

impl Pick for Width<false> {
    type Index = u8;
}

impl Pick for Width<true> {
    type Index = u16;
}

/// How many values [`ROW_OF_CODE`] holds: one per row, then one per [`CodeRange`] for the
/// codes no row covers.
const ROW_VALUES: usize = ROWS.len() + CodeRange::ALL.len();

/// For each code up to [`TOP`], the index of its row in `ROWS` (and [`REGISTRY`]), or
/// `ROWS.len()` plus the index of its [`CodeRange`] for a code no row covers. Also checks that
/// the rows are in code order without overlaps (the build fails if not).
#[allow(clippy::cast_possible_truncation, reason = "RowIndex holds ROW_VALUES")]
static ROW_OF_CODE: [RowIndex; TOP as usize + 1] = {
    // Every code starts as a code of the first range that no row covers (`NotUsed`: IANA lists
    // nothing below 1000); each row, and between rows the codes of the other ranges, are
    // stored over that.
    let mut table = [ROWS.len() as RowIndex; TOP as usize + 1];
    let mut uncovered = 0;
    let mut row = 0;
    while row <= ROWS.len() {
        let (first, last) = if row < ROWS.len() {
            (ROWS[row].first() as usize, ROWS[row].last() as usize)
        } else {
            (table.len(), table.len())
        };
        assert!(first >= uncovered, "the rows are in code order, without overlaps");
        let mut i = 1;
        while i < CodeRange::ALL.len() {
            let range = CodeRange::ALL[i];
            let (low, high) = (range.first() as usize, range.last() as usize);
            let low = if low > uncovered { low } else { uncovered };
            if low < first {
                fill(&mut table, low, if high < first { high } else { first - 1 }, (ROWS.len() + i) as RowIndex);
            }
            i += 1;
        }
        if row < ROWS.len() {
            fill(&mut table, first, last, row as RowIndex);
        }
        uncovered = last + 1;
        row += 1;
    }
    table
};

/// What the [`ROW_OF_CODE`] values stand for, one array per lookup (so each is one load
/// indexed by the value).
struct RowTexts {
    /// The display name.
    name: [&'static str; ROW_VALUES],
    /// The description.
    description: [&'static str; ROW_VALUES],
    /// The reconnect advice.
    reconnect: [Reconnect; ROW_VALUES],
}

/// The name, description and reconnect advice behind each [`ROW_OF_CODE`] value: the rows'
/// (a registration without advice takes its range's), then the ranges'.
static TEXT_OF_ROW: RowTexts = {
    let mut texts =
        RowTexts { name: [""; ROW_VALUES], description: [""; ROW_VALUES], reconnect: [Reconnect::Never; ROW_VALUES] };
    let mut row = 0;
    while row < ROWS.len() {
        texts.name[row] = ROWS[row].name;
        texts.description[row] = ROWS[row].description;
        texts.reconnect[row] = match ROWS[row].reconnect {
            Some(advice) => advice,
            None => CodeRange::of(ROWS[row].first()).reconnect(),
        };
        row += 1;
    }
    let mut i = 0;
    while i < CodeRange::ALL.len() {
        let range = CodeRange::ALL[i];
        texts.name[row + i] = range.name();
        texts.description[row + i] = range.description();
        texts.reconnect[row + i] = range.reconnect();
        i += 1;
    }
    texts
};

/// [`FLAGS`] bits.
const IS_SENDABLE: u8 = 1;
const IS_RESERVED: u8 = 2;
const IS_LOCAL_ONLY: u8 = 4;

/// For each code up to [`TOP`], its [`IS_SENDABLE`], [`IS_RESERVED`] and [`IS_LOCAL_ONLY`]
/// bits: every code of a range whose codes are all sendable, each registration by its flag.
static FLAGS: [u8; TOP as usize + 1] = {
    let mut table = [0; TOP as usize + 1];
    let mut i = 0;
    while i < CodeRange::ALL.len() {
        let range = CodeRange::ALL[i];
        if matches!(range.sendable(), Sendable::All) {
            fill(&mut table, range.first() as usize, range.last() as usize, IS_SENDABLE);
        }
        i += 1;
    }
    let mut row = 0;
    while row < ROWS.len() {
        if let Some(code) = ROWS[row].registered() {
            table[code as usize] |= match ROWS[row].flag {
                Flag::Reserved => IS_RESERVED,
                Flag::LocalOnly => IS_LOCAL_ONLY,
                Flag::None if matches!(CodeRange::of(code).sendable(), Sendable::Registered) => IS_SENDABLE,
                Flag::None => 0,
            };
        }
        row += 1;
    }
    table
};

impl CloseCode {
    /// The close code for `code`: its variant when registered, else the fallback for its range.
    ///
    /// ```
    /// use closecode::CloseCode;
    /// const GOING_AWAY: CloseCode = CloseCode::from_u16(1001);
    /// assert_eq!(GOING_AWAY, CloseCode::GoingAway);
    /// assert!(matches!(CloseCode::from_u16(65535), CloseCode::OutOfRange(_)));
    /// ```
    #[inline]
    #[must_use]
    pub const fn from_u16(code: u16) -> Self {
        // One load and no branch: the table gives the variant's tag, and `of_kind` keeps the tag
        // and takes `code` as a fallback's payload, so the optimiser reduces it to the load.
        CloseCode::of_kind(FROM_CODE[clamp(code, FROM_TOP)], code)
    }

    /// The code as a number.
    ///
    /// ```
    /// assert_eq!(closecode::CloseCode::TryAgainLater.as_u16(), 1013);
    /// assert_eq!(closecode::CloseCode::from(4001).as_u16(), 4001);
    /// ```
    #[inline]
    #[must_use]
    pub const fn as_u16(self) -> u16 {
        // A registered variant's tag is its code: "the tag, or the payload", no table.
        match self {
            CloseCode::Private(PrivateCode(code))
            | CloseCode::Unassigned(UnassignedCode(code))
            | CloseCode::OutOfRange(OutOfRangeCode(code)) => code,
            registered => registered.tag(),
        }
    }

    /// The slot of the code in the per-code tables: `min(code, TOP)`. A registered code is its
    /// own slot (they all lie below `TOP`), so that arm is the bare tag and the optimiser keeps
    /// it branch-free.
    #[inline]
    pub(crate) const fn slot(self) -> usize {
        match self {
            CloseCode::Private(PrivateCode(code))
            | CloseCode::Unassigned(UnassignedCode(code))
            | CloseCode::OutOfRange(OutOfRangeCode(code)) => clamp(code, TOP),
            registered => registered.tag() as usize,
        }
    }

    /// The registry row that covers this code: its own registration, or the range row it
    /// falls in. `None` for a code outside every row; [`name`](Self::name) and
    /// [`description`](Self::description) then come from its [`CodeRange`].
    ///
    /// ```
    /// use closecode::CloseCode;
    /// let row = CloseCode::from(1001).registry_entry().unwrap();
    /// assert_eq!(row.meaning, "Going Away");
    /// assert_eq!(CloseCode::from(3500).registry_entry().unwrap().name, "Unassigned");
    /// assert_eq!(CloseCode::from(999).registry_entry(), None); // IANA has no row below 1000
    /// ```
    #[inline]
    #[must_use]
    pub const fn registry_entry(self) -> Option<&'static RegistryEntry> {
        let row = ROW_OF_CODE[self.slot()] as usize;
        if row < REGISTRY.len() { Some(&REGISTRY[row]) } else { None }
    }

    /// The display name: the registration's, the range row's, or the RFC 6455 range's for a
    /// code outside every row.
    ///
    /// ```
    /// use closecode::CloseCode;
    /// assert_eq!(CloseCode::NoStatusReceived.name(), "No Status Received");
    /// assert_eq!(CloseCode::from(4001).name(), "Private Use");
    /// assert_eq!(CloseCode::from(5000).name(), "Out of Range");
    /// ```
    #[inline]
    #[must_use]
    pub const fn name(self) -> &'static str {
        TEXT_OF_ROW.name[ROW_OF_CODE[self.slot()] as usize]
    }

    /// One sentence saying what the code means, from the same source as [`name`](Self::name).
    ///
    /// ```
    /// let text = closecode::CloseCode::MessageTooBig.description();
    /// assert_eq!(text, "A message was larger than the endpoint is willing to process.");
    /// ```
    #[inline]
    #[must_use]
    pub const fn description(self) -> &'static str {
        TEXT_OF_ROW.description[ROW_OF_CODE[self.slot()] as usize]
    }

    /// Whether, and how soon, a client should reconnect after a close with this code: the
    /// registry annotation's advice for a registered code, else the advice of the code's
    /// range ([`CodeRange::reconnect`]).
    ///
    /// ```
    /// use closecode::{CloseCode, Reconnect};
    /// assert_eq!(CloseCode::ServiceRestart.reconnect(), Reconnect::Soon);
    /// assert_eq!(CloseCode::from(4001).reconnect(), Reconnect::Backoff);
    /// ```
    #[inline]
    #[must_use]
    pub const fn reconnect(self) -> Reconnect {
        TEXT_OF_ROW.reconnect[ROW_OF_CODE[self.slot()] as usize]
    }

    /// Whether an endpoint may send this code in a Close frame (RFC 6455 section 7.4): a
    /// registered code in 1000-2999 that is neither reserved nor local-only, or any code in
    /// 3000-4999. This is also the set a strict receiver accepts. The registry table in
    /// [`CloseCode`]'s documentation says it for every row.
    ///
    /// ```
    /// use closecode::CloseCode;
    /// assert!(CloseCode::BadGateway.is_sendable());
    /// assert!(!CloseCode::AbnormalClosure.is_sendable()); // local only
    /// assert!(!CloseCode::from(2000).is_sendable()); // not registered
    /// assert!(CloseCode::from(3333).is_sendable() && CloseCode::from(4001).is_sendable());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_sendable(self) -> bool {
        FLAGS[self.slot()] & IS_SENDABLE != 0
    }

    /// Whether RFC 6455 section 7.4.1 reserves this registered code without a meaning
    /// (1004, [`CloseCode::Reserved`]).
    ///
    /// ```
    /// use closecode::CloseCode;
    /// assert!(CloseCode::Reserved.is_reserved());
    /// assert!(!CloseCode::NoStatusReceived.is_reserved());
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_reserved(self) -> bool {
        FLAGS[self.slot()] & IS_RESERVED != 0
    }

    /// Whether this code exists for reporting only and MUST NOT be set in a Close frame
    /// (RFC 6455 section 7.4.1: 1005, 1006 and 1015).
    ///
    /// ```
    /// use closecode::CloseCode;
    /// let local: Vec<u16> = CloseCode::REGISTERED.iter().filter(|c| c.is_local_only()).map(|c| c.as_u16()).collect();
    /// assert_eq!(local, [1005, 1006, 1015]);
    /// ```
    #[inline]
    #[must_use]
    pub const fn is_local_only(self) -> bool {
        FLAGS[self.slot()] & IS_LOCAL_ONLY != 0
    }
}
