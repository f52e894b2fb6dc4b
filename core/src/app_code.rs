//! The trait behind `#[derive(AppCloseCode)]`: an application's own close codes.

use closecode::{CloseCode, Reconnect};

/// An application's own close codes: a fieldless enum whose variants are codes in the private
/// range 4000-4999 (or, for a library or framework, 3000-3999).
///
/// Declare them with the derive (feature `derive`, on by default):
///
/// ```
/// use closecode_core::{AppCloseCode, CloseCode, CloseEvent, ClosePayload};
///
/// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
/// enum ChatClose {
///     /// A moderator removed the user from the room.
///     Kicked = 4001,
///     Banned = 4002,
///     #[close_code(name = "Room Closed")]
///     RoomGone = 4003,
/// }
///
/// assert_eq!(ChatClose::try_from(4003u16), Ok(ChatClose::RoomGone));
/// assert_eq!(ChatClose::RoomGone.name(), "Room Closed");
/// assert_eq!(ChatClose::Kicked.description(), Some("A moderator removed the user from the room."));
/// assert_eq!(u16::from(ChatClose::Banned), 4002);
/// assert_eq!(CloseCode::from(ChatClose::Banned), CloseCode::from(4002));
///
/// let event = CloseEvent::received(&ClosePayload::new(ChatClose::Kicked, "spam"));
/// assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Kicked));
/// ```
///
/// # One table
///
/// The trait has one required item, [`ENTRIES`](Self::ENTRIES): every code with its variant,
/// name, description and reconnect advice. Everything else is computed from it, so the
/// answers of [`code`](Self::code), [`from_code`](Self::from_code), [`name`](Self::name),
/// [`reconnect`](Self::reconnect) and the front-end [`export`](crate::export)s can never
/// disagree. The derive overrides [`entry`](Self::entry), [`code`](Self::code) and
/// [`from_code`](Self::from_code) with `match`es written from the same variants as its table,
/// for speed; their answers are the table's.
///
/// # What the derive checks
///
/// Every code at compile time, with the error on the offending token: inside 4000-4999 (or
/// 3000-3999 with `#[close_code(library)]` on the enum), no code twice, implicit codes (the
/// previous plus one) included; a code written as an expression (`BASE + 1`, a const, a const
/// block) is checked by a const assertion that rustc evaluates, failing the build at that
/// expression.
///
/// ```compile_fail
/// use closecode_core::AppCloseCode;
///
/// #[derive(AppCloseCode, Clone, Copy)]
/// enum Wrong {
///     GoingAway = 1001, // error: close code 1001 is outside 4000-4999, the private-use range
/// }
/// ```
///
/// # What the derive generates
///
/// - this trait (`ENTRIES`, and the `entry`, `code`, `from_code` and `type_name` overrides);
/// - four conversions: `From<T> for u16`, `From<T> for CloseCode`, `TryFrom<u16> for T` and
///   `TryFrom<CloseCode> for T` (error: [`UnknownAppCode`]).
///   `#[close_code(conversions = false)]` leaves all four out, for an enum that has its own
///   (`num_enum`'s `IntoPrimitive` and `TryFromPrimitive`, say); the trait's methods do the
///   same work;
/// - nothing else: no inherent item unless `#[close_code(inherent)]` asks for `const fn
///   code(self) -> u16` and `const fn close_code(self) -> CloseCode` (with the enum's
///   visibility), for codes in `const` items and patterns. They are opt-in because they would
///   collide with a method of the same name on the enum.
///
/// When the input has an error, the derive still emits all of these (with an empty table), so
/// the build shows the error and nothing that follows from it.
///
/// # Attributes
///
/// On the enum, `#[close_code(..)]` takes:
///
/// | key | meaning |
/// |---|---|
/// | `library` | codes in 3000-3999, the range for libraries and frameworks |
/// | `reconnect = ".."` | the advice for every variant: `"never"`, `"after-auth"`, `"soon"` or `"backoff"` |
/// | `conversions = false` | no `From`/`TryFrom` impls |
/// | `inherent` | `const fn code` and `const fn close_code` on the enum |
/// | `crate = path` | where `closecode_core` is, for a crate that re-exports it |
///
/// On a variant: `name = ".."` (by default the variant split into words, `RoomGone` → "Room
/// Gone"), `description = ".."` (by default the doc comment) and `reconnect = ".."` (by
/// default the enum's, then the registry's advice for the code: `Backoff` for a private code).
///
/// ```
/// use closecode_core::{AppCloseCode, CloseCode};
///
/// // An enum that already converts to and from `u16` its own way.
/// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq)]
/// #[close_code(conversions = false, inherent)]
/// pub enum Chat {
///     Kicked = 4001,
/// }
///
/// impl From<Chat> for u16 {
///     fn from(code: Chat) -> u16 {
///         code as u16
///     }
/// }
///
/// const KICKED: CloseCode = Chat::Kicked.close_code();
/// assert_eq!(u16::from(Chat::Kicked), 4001);
/// assert_eq!(KICKED, CloseCode::from(4001));
/// assert_eq!(Chat::from_code(4001), Some(Chat::Kicked));
/// ```
///
/// # By hand
///
/// For fieldless enums only: the provided methods find a value's row by its variant
/// ([`core::mem::discriminant`]). The table lists each variant once and each code once.
///
/// ```
/// use closecode_core::{AppCloseCode, AppCodeEntry, CloseCode, Reconnect};
///
/// #[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// enum Chat {
///     Kicked,
///     Banned,
/// }
///
/// impl AppCloseCode for Chat {
///     const ENTRIES: &'static [AppCodeEntry<Self>] = &[
///         AppCodeEntry::new(Chat::Kicked, 4001, "Kicked").description("A moderator removed the user."),
///         AppCodeEntry::new(Chat::Banned, 4002, "Banned").reconnect(Reconnect::Never),
///     ];
/// }
///
/// assert_eq!(Chat::from_code(4002), Some(Chat::Banned));
/// assert_eq!(Chat::Kicked.close_code(), CloseCode::from(4001));
/// assert_eq!(Chat::Banned.reconnect(), Reconnect::Never);
/// assert_eq!(Chat::type_name(), "Chat");
/// ```
pub trait AppCloseCode: Copy + Sized + 'static {
    /// Every code the type declares with what it says of it, in declaration order: the one
    /// item an implementation writes, and the table the front-end exports
    /// ([`export`](crate::export)) render.
    const ENTRIES: &'static [AppCodeEntry<Self>];

    /// The type's name, as the exports and [`UnknownAppCode`] name it (`ChatClose`).
    ///
    /// The derive returns the enum's identifier. By default, the last segment of
    /// [`core::any::type_name`] without generic arguments: override it in a hand-written
    /// implementation whose exported files must not depend on how a compiler spells names.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum ChatClose {
    ///     Kicked = 4001,
    /// }
    /// assert_eq!(ChatClose::type_name(), "ChatClose");
    /// ```
    fn type_name() -> &'static str {
        let path = core::any::type_name::<Self>();
        let path = path.split('<').next().unwrap_or(path);
        path.rsplit("::").next().unwrap_or(path)
    }

    /// The row of [`ENTRIES`](Self::ENTRIES) for this code.
    ///
    /// ```
    /// use closecode_core::{AppCloseCode, Reconnect};
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     #[close_code(name = "Room Closed", reconnect = "never")]
    ///     RoomGone = 4003,
    /// }
    /// let entry = Chat::RoomGone.entry();
    /// assert_eq!((entry.ident, entry.code, entry.name, entry.reconnect), ("RoomGone", 4003, "Room Closed", Reconnect::Never));
    /// ```
    ///
    /// # Panics
    ///
    /// When a hand-written table has no row for this value's variant (the derive's table has
    /// every variant).
    fn entry(self) -> &'static AppCodeEntry<Self> {
        let variant = core::mem::discriminant(&self);
        match Self::ENTRIES.iter().find(|entry| core::mem::discriminant(&entry.value) == variant) {
            Some(entry) => entry,
            None => panic!("a variant of {} has no row in its AppCloseCode::ENTRIES", Self::type_name()),
        }
    }

    /// The code as a number.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     Kicked = 4001,
    /// }
    /// assert_eq!(Chat::Kicked.code(), 4001);
    /// ```
    ///
    /// # Panics
    ///
    /// As [`entry`](Self::entry).
    fn code(self) -> u16 {
        self.entry().code
    }

    /// The variant for `code`, or `None` if the type does not declare it.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq)]
    /// enum Chat {
    ///     Kicked = 4001,
    /// }
    /// assert_eq!(Chat::from_code(4001), Some(Chat::Kicked));
    /// assert_eq!(Chat::from_code(4002), None);
    /// ```
    fn from_code(code: u16) -> Option<Self> {
        Self::ENTRIES.iter().find(|entry| entry.code == code).map(|entry| entry.value)
    }

    /// A short display name ("Room Closed").
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     RoomGone = 4003,
    /// }
    /// assert_eq!(Chat::RoomGone.name(), "Room Gone");
    /// ```
    ///
    /// # Panics
    ///
    /// As [`entry`](Self::entry).
    fn name(self) -> &'static str {
        self.entry().name
    }

    /// A longer description (the derive takes it from the variant's doc comment), if any.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     /// A moderator removed the user.
    ///     Kicked = 4001,
    /// }
    /// assert_eq!(Chat::Kicked.description(), Some("A moderator removed the user."));
    /// ```
    ///
    /// # Panics
    ///
    /// As [`entry`](Self::entry).
    fn description(self) -> Option<&'static str> {
        self.entry().description
    }

    /// The code as a [`CloseCode`], ready for a close frame.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// enum Chat {
    ///     Kicked = 4001,
    /// }
    /// assert!(Chat::Kicked.close_code().is_sendable());
    /// ```
    ///
    /// # Panics
    ///
    /// As [`entry`](Self::entry).
    fn close_code(self) -> CloseCode {
        CloseCode::from_u16(self.code())
    }

    /// Whether, and how soon, a client should reconnect after a close with this code. The
    /// derive takes it from `#[close_code(reconnect = "..")]` on the variant or the enum; the
    /// default is the registry's advice for the code ([`CloseCode::reconnect`]: `Backoff`
    /// for a private code).
    ///
    /// ```
    /// use closecode_core::{AppCloseCode, Reconnect};
    ///
    /// #[derive(AppCloseCode, Clone, Copy)]
    /// #[close_code(reconnect = "never")]
    /// enum Chat {
    ///     Kicked = 4001,
    ///     #[close_code(reconnect = "backoff")]
    ///     RoomFull = 4002,
    /// }
    /// assert_eq!(Chat::Kicked.reconnect(), Reconnect::Never);
    /// assert_eq!(Chat::RoomFull.reconnect(), Reconnect::Backoff);
    /// ```
    ///
    /// # Panics
    ///
    /// As [`entry`](Self::entry).
    fn reconnect(self) -> Reconnect {
        self.entry().reconnect
    }

    /// Every code the type declares, in declaration order.
    ///
    /// ```
    /// use closecode_core::AppCloseCode;
    /// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq)]
    /// enum Chat {
    ///     Kicked = 4001,
    ///     Banned = 4002,
    /// }
    /// assert_eq!(Chat::codes().collect::<Vec<_>>(), [Chat::Kicked, Chat::Banned]);
    /// assert_eq!(Chat::codes().map(Chat::code).max(), Some(4002));
    /// ```
    fn codes() -> impl ExactSizeIterator<Item = Self> + DoubleEndedIterator + Clone {
        Self::ENTRIES.iter().map(|entry| entry.value)
    }
}

/// One code of an [`AppCloseCode`] type with what the type says of it: a row of
/// [`AppCloseCode::ENTRIES`].
///
/// ```
/// use closecode_core::{AppCloseCode, Reconnect};
///
/// #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq)]
/// enum Chat {
///     /// A moderator removed the user.
///     #[close_code(reconnect = "never")]
///     Kicked = 4001,
/// }
/// let entry = &Chat::ENTRIES[0];
/// assert_eq!((entry.value, entry.code, entry.name), (Chat::Kicked, 4001, "Kicked"));
/// assert_eq!(entry.description, Some("A moderator removed the user."));
/// assert_eq!(entry.reconnect, Reconnect::Never);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct AppCodeEntry<T> {
    /// The variant.
    pub value: T,
    /// The variant's identifier (`RoomGone`); the exports name their constants with it.
    pub ident: &'static str,
    /// Its code.
    pub code: u16,
    /// Its display name.
    pub name: &'static str,
    /// Its description, if it has one.
    pub description: Option<&'static str>,
    /// Its reconnect advice.
    pub reconnect: Reconnect,
}

impl<T> AppCodeEntry<T> {
    /// An entry with no description and the registry's advice for `code`; the setters add the rest.
    ///
    /// ```
    /// use closecode_core::{AppCodeEntry, Reconnect};
    /// const KICKED: AppCodeEntry<u8> = AppCodeEntry::new(0, 4001, "Kicked").reconnect(Reconnect::Never);
    /// assert_eq!((KICKED.code, KICKED.description), (4001, None));
    /// ```
    #[must_use]
    pub const fn new(value: T, code: u16, name: &'static str) -> Self {
        AppCodeEntry {
            value,
            ident: name,
            code,
            name,
            description: None,
            reconnect: CloseCode::from_u16(code).reconnect(),
        }
    }

    /// With the variant's identifier (by default the name; the derive sets the identifier).
    ///
    /// ```
    /// let entry = closecode_core::AppCodeEntry::new((), 4003, "Room Closed").ident("RoomGone");
    /// assert_eq!((entry.ident, entry.name), ("RoomGone", "Room Closed"));
    /// ```
    #[must_use]
    pub const fn ident(mut self, ident: &'static str) -> Self {
        self.ident = ident;
        self
    }

    /// With a description.
    ///
    /// ```
    /// let entry = closecode_core::AppCodeEntry::new((), 4001, "Kicked").description("Removed.");
    /// assert_eq!(entry.description, Some("Removed."));
    /// ```
    #[must_use]
    pub const fn description(mut self, description: &'static str) -> Self {
        self.description = Some(description);
        self
    }

    /// With reconnect advice.
    ///
    /// ```
    /// use closecode_core::{AppCodeEntry, Reconnect};
    /// assert_eq!(AppCodeEntry::new((), 4001, "K").reconnect(Reconnect::Soon).reconnect, Reconnect::Soon);
    /// ```
    #[must_use]
    pub const fn reconnect(mut self, reconnect: Reconnect) -> Self {
        self.reconnect = reconnect;
        self
    }
}

/// A code an [`AppCloseCode`] type does not declare: the error of the derived `TryFrom`.
///
/// ```
/// let err = closecode_core::UnknownAppCode::new(4999, "ChatClose");
/// assert_eq!(err.code(), 4999);
/// assert_eq!(err.to_string(), "close code 4999 is not one of ChatClose's codes");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownAppCode {
    code: u16,
    type_name: &'static str,
}

impl UnknownAppCode {
    /// The error for `code`, which the type named `type_name` does not declare.
    ///
    /// ```
    /// assert_eq!(closecode_core::UnknownAppCode::new(1, "T").type_name(), "T");
    /// ```
    #[must_use]
    pub const fn new(code: u16, type_name: &'static str) -> Self {
        UnknownAppCode { code, type_name }
    }

    /// The rejected code.
    ///
    /// ```
    /// assert_eq!(closecode_core::UnknownAppCode::new(1, "T").code(), 1);
    /// ```
    #[must_use]
    pub const fn code(self) -> u16 {
        self.code
    }

    /// The name of the type that does not declare it.
    ///
    /// ```
    /// assert_eq!(closecode_core::UnknownAppCode::new(1, "Chat").type_name(), "Chat");
    /// ```
    #[must_use]
    pub const fn type_name(self) -> &'static str {
        self.type_name
    }
}

impl core::fmt::Display for UnknownAppCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "close code {} is not one of {}'s codes", self.code, self.type_name)
    }
}

impl core::error::Error for UnknownAppCode {}
