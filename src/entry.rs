//! A row of the registry: the generated data ([`Row`], in `ROWS`) and the public view of it
//! ([`RegistryEntry`], in [`REGISTRY`]).

use crate::Reconnect;
use core::ops::RangeInclusive;

/// One row of IANA's registry: a registration (`first == last`) or a range row such as
/// "Unassigned". All text is IANA's except `name` and `description`, which come from
/// closecode's annotations (or from the Meaning, for a row nobody annotated).
///
/// ```
/// use closecode::CloseCode;
///
/// let row = CloseCode::InternalError.registry_entry().unwrap();
/// assert_eq!(row.references, ["RFC6455", "RFC Errata 3227"]);
/// assert_eq!(CloseCode::from(4321).registry_entry().unwrap().codes(), 4000..=4999);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct RegistryEntry {
    /// The first code the row covers.
    pub first: u16,
    /// The last code the row covers (equal to `first` for a registration).
    pub last: u16,
    /// IANA's Meaning, verbatim (it may hold line breaks and indentation).
    pub meaning: &'static str,
    /// The display name.
    pub name: &'static str,
    /// One sentence saying what the code means.
    pub description: &'static str,
    /// IANA's Contact entries (`[IESG_HYBI]` becomes `IESG_HYBI`).
    pub contacts: &'static [&'static str],
    /// IANA's Reference entries (`[RFC6455][RFC Errata 3227]` becomes two).
    pub references: &'static [&'static str],
    /// closecode's reconnect advice for the registration, when its annotation gives one;
    /// [`CloseCode::reconnect`](crate::CloseCode::reconnect) falls back to the range's.
    pub reconnect: Option<Reconnect>,
}

impl RegistryEntry {
    /// The codes the row covers.
    ///
    /// ```
    /// let row = closecode::CloseCode::from(2000).registry_entry().unwrap();
    /// assert_eq!(row.codes(), 1016..=2999);
    /// ```
    #[must_use]
    pub const fn codes(&self) -> RangeInclusive<u16> {
        self.first..=self.last
    }

    /// Whether this row registers exactly one code (rather than describe a range).
    ///
    /// ```
    /// use closecode::REGISTRY;
    /// assert_eq!(REGISTRY.iter().filter(|row| row.is_registration()).count(), 19);
    /// ```
    #[must_use]
    pub const fn is_registration(&self) -> bool {
        // An old snapshot's `1014-1014,Unassigned` is a range of one code, not a
        // registration; the generator only gives registrations a variant, so ask the enum.
        self.first == self.last && crate::CloseCode::from_u16(self.first).is_registered()
    }
}

/// Every row of the registry, in code order, as IANA lists it.
///
/// ```
/// use closecode::{CloseCode, REGISTRY};
///
/// assert!(REGISTRY.windows(2).all(|pair| pair[0].last < pair[1].first));
/// let bad_gateway = REGISTRY.iter().find(|row| row.first == 1014).unwrap();
/// assert_eq!(bad_gateway.name, "Bad Gateway");
/// assert_eq!(CloseCode::BadGateway.registry_entry(), Some(bad_gateway));
/// ```
pub const REGISTRY: &[RegistryEntry] = &ENTRIES;

/// [`REGISTRY`]'s rows, taken from the generated `ROWS` at compile time.
const ENTRIES: [RegistryEntry; crate::ROWS.len()] = {
    let mut entries = [Row::EMPTY.entry(); crate::ROWS.len()];
    let mut row = 0;
    while row < entries.len() {
        entries[row] = crate::ROWS[row].entry();
        row += 1;
    }
    entries
};

/// The codes a generated row covers: IANA's "Status Code" field.
pub(crate) enum Span {
    /// One code, registered: it has a variant of `CloseCode`.
    Single(u16),
    /// An inclusive range of codes (`1016-2999`), with no variant; a range of one code (an old
    /// snapshot's `1014-1014`) is still a range.
    Range(u16, u16),
}

/// What RFC 6455 section 7.4.1 says of a registered code beyond "defined for use": closecode's
/// annotation, which the CSV cannot carry.
pub(crate) enum Flag {
    /// Nothing: sendable wherever its range allows registered codes to be sent.
    None,
    /// Reserved without a meaning (1004): never sent.
    Reserved,
    /// For reporting only (1005, 1006, 1015): MUST NOT be set in a Close frame.
    LocalOnly,
}

/// One row of the registry as the generator writes it: IANA's fields, closecode's annotation,
/// and the protocol flag that [`RegistryEntry`] does not carry.
pub(crate) struct Row {
    /// The code or codes.
    pub(crate) span: Span,
    /// The protocol flag (always [`Flag::None`] for a range: annotations refuse flags on ranges).
    pub(crate) flag: Flag,
    /// [`RegistryEntry::meaning`].
    pub(crate) meaning: &'static str,
    /// [`RegistryEntry::name`].
    pub(crate) name: &'static str,
    /// [`RegistryEntry::description`].
    pub(crate) description: &'static str,
    /// [`RegistryEntry::contacts`].
    pub(crate) contacts: &'static [&'static str],
    /// [`RegistryEntry::references`].
    pub(crate) references: &'static [&'static str],
    /// [`RegistryEntry::reconnect`].
    pub(crate) reconnect: Option<Reconnect>,
}

impl Row {
    /// A row of nothing, to fill arrays before the real rows are copied in.
    const EMPTY: Row = Row {
        span: Span::Range(0, 0),
        flag: Flag::None,
        meaning: "",
        name: "",
        description: "",
        contacts: &[],
        references: &[],
        reconnect: None,
    };

    /// The first code the row covers.
    pub(crate) const fn first(&self) -> u16 {
        match self.span {
            Span::Single(code) | Span::Range(code, _) => code,
        }
    }

    /// The last code the row covers.
    pub(crate) const fn last(&self) -> u16 {
        match self.span {
            Span::Single(code) | Span::Range(_, code) => code,
        }
    }

    /// The registered code, for a registration.
    pub(crate) const fn registered(&self) -> Option<u16> {
        match self.span {
            Span::Single(code) => Some(code),
            Span::Range(..) => None,
        }
    }

    /// The public view of the row.
    const fn entry(&self) -> RegistryEntry {
        RegistryEntry {
            first: self.first(),
            last: self.last(),
            meaning: self.meaning,
            name: self.name,
            description: self.description,
            contacts: self.contacts,
            references: self.references,
            reconnect: self.reconnect,
        }
    }
}
