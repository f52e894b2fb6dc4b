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
/// The derive checks every code at compile time, with the error on the offending token:
/// inside 4000-4999 (or 3000-3999 with `#[close_code(library)]` on the enum), no code twice,
/// implicit codes (the previous plus one) included; a code written as an expression
/// (`BASE + 1`, a const, a const block) is checked by a const assertion that rustc evaluates,
/// failing the build at that expression. It generates this trait, `From<T> for u16`,
/// `From<T> for CloseCode`, `TryFrom<u16>` and `TryFrom<CloseCode>` (error:
/// [`UnknownAppCode`]). Attributes: `#[close_code(library)]` and
/// `#[close_code(crate = path)]` (for crates that re-export `closecode_core`) on the enum;
/// `#[close_code(name = "..")]` and `#[close_code(description = "..")]` on a variant (the name
/// defaults to the variant split into words, `RoomGone` → "Room Gone"; the description to
/// the doc comment).
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
/// A hand-written implementation must keep the derive's promises: `from_code(c.code()) ==
/// Some(c)` for every `c` in [`CODES`](Self::CODES), and `from_code` is `None` for every
/// other number.
///
/// ```
/// use closecode_core::{AppCloseCode, AppCodeEntry, CloseCode};
///
/// #[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// enum Chat {
///     Kicked,
///     Banned,
/// }
///
/// impl AppCloseCode for Chat {
///     const CODES: &'static [Self] = &[Chat::Kicked, Chat::Banned];
///     const ENTRIES: &'static [AppCodeEntry<Self>] =
///         &[AppCodeEntry::new(Chat::Kicked, 4001, "Kicked"), AppCodeEntry::new(Chat::Banned, 4002, "Banned")];
///     const TYPE_NAME: &'static str = "Chat";
///     fn code(self) -> u16 {
///         match self {
///             Chat::Kicked => 4001,
///             Chat::Banned => 4002,
///         }
///     }
///     fn from_code(code: u16) -> Option<Self> {
///         Self::CODES.iter().copied().find(|c| c.code() == code)
///     }
///     fn name(self) -> &'static str {
///         match self {
///             Chat::Kicked => "Kicked",
///             Chat::Banned => "Banned",
///         }
///     }
///     fn description(self) -> Option<&'static str> {
///         None
///     }
/// }
///
/// assert_eq!(Chat::from_code(4002), Some(Chat::Banned));
/// assert_eq!(Chat::Kicked.close_code(), CloseCode::from(4001));
/// ```
pub trait AppCloseCode: Copy + Sized + 'static {
    /// Every code the type declares, in declaration order.
    const CODES: &'static [Self];

    /// Every code the type declares with what it says of it, in declaration order: the table
    /// the front-end exports ([`export`](crate::export)) render.
    const ENTRIES: &'static [AppCodeEntry<Self>];

    /// The type's name, as exports name the generated module's type (`ChatClose`).
    const TYPE_NAME: &'static str;

    /// The code as a number.
    fn code(self) -> u16;

    /// The variant for `code`, or `None` if the type does not declare it.
    fn from_code(code: u16) -> Option<Self>;

    /// A short display name ("Room Closed").
    fn name(self) -> &'static str;

    /// A longer description (the derive takes it from the variant's doc comment), if any.
    fn description(self) -> Option<&'static str>;

    /// The code as a [`CloseCode`], ready for a close frame.
    ///
    /// ```
    /// # use closecode_core::{AppCloseCode, AppCodeEntry, CloseCode};
    /// # #[derive(Clone, Copy)] struct Only;
    /// # impl AppCloseCode for Only {
    /// #     const CODES: &'static [Self] = &[Only];
    /// #     const ENTRIES: &'static [AppCodeEntry<Self>] = &[AppCodeEntry::new(Only, 4000, "Only")];
    /// #     const TYPE_NAME: &'static str = "Only";
    /// #     fn code(self) -> u16 { 4000 }
    /// #     fn from_code(code: u16) -> Option<Self> { (code == 4000).then_some(Only) }
    /// #     fn name(self) -> &'static str { "Only" }
    /// #     fn description(self) -> Option<&'static str> { None }
    /// # }
    /// assert!(Only.close_code().is_sendable());
    /// ```
    fn close_code(self) -> CloseCode {
        CloseCode::from(self.code())
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
    fn reconnect(self) -> Reconnect {
        self.close_code().reconnect()
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
