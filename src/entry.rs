//! A row of the registry, as compiled into the crate.

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
