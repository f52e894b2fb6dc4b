//! The trait behind `#[derive(AppCloseCode)]`: an application's own close codes.

use closecode::CloseCode;

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
/// use closecode_core::{AppCloseCode, CloseCode};
///
/// #[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// enum Chat {
///     Kicked,
///     Banned,
/// }
///
/// impl AppCloseCode for Chat {
///     const CODES: &'static [Self] = &[Chat::Kicked, Chat::Banned];
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
    /// # use closecode_core::{AppCloseCode, CloseCode};
    /// # #[derive(Clone, Copy)] struct Only;
    /// # impl AppCloseCode for Only {
    /// #     const CODES: &'static [Self] = &[Only];
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
