//! `#[derive(AppCloseCode)]` in use: every generated item, every way of writing a code.

use closecode_core::{AppCloseCode, CloseCode, CloseEvent, ClosePayload, UnknownAppCode};

/// The example of the design document.
#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
enum ChatClose {
    /// A moderator removed the user from the room.
    Kicked = 4001,
    Banned = 4002,
    #[close_code(name = "Room Closed")]
    RoomGone = 4003,
}

#[test]
fn literal_codes_convert_every_way() {
    assert!(ChatClose::codes().eq([ChatClose::Kicked, ChatClose::Banned, ChatClose::RoomGone]));
    for (variant, code) in [(ChatClose::Kicked, 4001u16), (ChatClose::Banned, 4002), (ChatClose::RoomGone, 4003)] {
        assert_eq!(variant.code(), code);
        assert_eq!(u16::from(variant), code);
        assert_eq!(CloseCode::from(variant), CloseCode::from(code));
        assert_eq!(ChatClose::from_code(code), Some(variant));
        assert_eq!(ChatClose::try_from(code), Ok(variant));
        assert_eq!(ChatClose::try_from(CloseCode::from(code)), Ok(variant));
    }
    for code in [0u16, 1000, 4000, 4004, 65535] {
        assert_eq!(ChatClose::from_code(code), None);
        assert_eq!(ChatClose::try_from(code), Err(UnknownAppCode::new(code, "ChatClose")));
        assert_eq!(ChatClose::try_from(CloseCode::from(code)), Err(UnknownAppCode::new(code, "ChatClose")));
    }
    assert_eq!(ChatClose::try_from(4004).unwrap_err().to_string(), "close code 4004 is not one of ChatClose's codes");
}

#[test]
fn names_come_from_the_variant_or_the_attribute_and_descriptions_from_docs() {
    assert_eq!(ChatClose::Kicked.name(), "Kicked");
    assert_eq!(ChatClose::RoomGone.name(), "Room Closed");
    assert_eq!(ChatClose::Kicked.description(), Some("A moderator removed the user from the room."));
    assert_eq!(ChatClose::Banned.description(), None);
}

const BASE: isize = 4100;
const LAST: isize = 4199;

const fn add<const A: isize, const B: isize>() -> isize {
    A + B
}

#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
enum Computed {
    /// Two lines of doc
    /// become one description.
    First = BASE,
    AfterFirst,
    Offset = BASE + 10,
    Block = { 4000 + 50 },
    Last = LAST,
    #[close_code(description = "Given in the attribute.")]
    SplitWords,
    /// A turbofish holds a comma outside any group.
    Turbofish = add::<4000, 300>(),
}

#[test]
fn const_block_and_implicit_codes_are_what_rustc_computes() {
    let expected = [
        (Computed::First, 4100u16),
        (Computed::AfterFirst, 4101),
        (Computed::Offset, 4110),
        (Computed::Block, 4050),
        (Computed::Last, 4199),
        (Computed::SplitWords, 4200),
        (Computed::Turbofish, 4300),
    ];
    for (variant, code) in expected {
        assert_eq!(variant.code(), code);
        assert_eq!(Computed::from_code(code), Some(variant));
    }
    assert_eq!(Computed::from_code(4102), None);
    assert_eq!(Computed::First.description(), Some("Two lines of doc\nbecome one description."));
    assert_eq!(Computed::SplitWords.name(), "Split Words");
    assert_eq!(Computed::SplitWords.description(), Some("Given in the attribute."));
    assert_eq!(Computed::AfterFirst.name(), "After First");
}

#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
#[allow(dead_code)]
pub(crate) enum Implicit {
    Start = 4990,
    A,
    B,
    End = 4999,
}

#[test]
fn implicit_codes_follow_the_previous_one() {
    assert_eq!(
        [Implicit::Start, Implicit::A, Implicit::B, Implicit::End].map(Implicit::code),
        [4990, 4991, 4992, 4999]
    );
}

/// A framework's codes, registered in the library range.
#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[close_code(library)]
enum Framework {
    SessionExpired = 3500,
    Throttled = 3999,
}

#[test]
fn the_library_opt_in_takes_3000_to_3999() {
    assert_eq!(Framework::from_code(3500), Some(Framework::SessionExpired));
    assert_eq!(Framework::Throttled.close_code().range(), closecode_core::CodeRange::Library);
}

mod reexport {
    pub(crate) use closecode_core as cc;
}

#[derive(reexport::cc::AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[close_code(crate = reexport::cc)]
enum ThroughReexport {
    Only = 4444,
}

#[test]
fn crate_path_reaches_a_reexport() {
    assert_eq!(ThroughReexport::from_code(4444), Some(ThroughReexport::Only));
}

/// Shadowing `core`, `std`, `closecode_core`, the prelude and the primitive types the output
/// names catches any relative path in it: with `type u16 = u32;` in scope, a bare `u16` in
/// the expansion would mean `u32` and the impls would not compile.
mod hygiene {
    #![allow(dead_code, non_camel_case_types)]
    mod core {}
    mod std {}
    mod closecode_core {}
    struct Option;
    struct Result;
    struct From;
    struct TryFrom;
    type u16 = u32;
    type i128 = u8;
    type str = [u8];
    type bool = ();

    #[derive(::closecode_core::AppCloseCode, Clone, Copy)]
    #[close_code(inherent)]
    pub(super) enum Shadowed {
        A = 4000,
        B = super::BASE + 1,
    }
}

#[test]
fn output_uses_absolute_paths() {
    assert_eq!(::closecode_core::AppCloseCode::code(hygiene::Shadowed::A), 4000);
    assert_eq!(hygiene::Shadowed::B.code(), 4101);
    assert!(hygiene::Shadowed::try_from(u16::from(hygiene::Shadowed::B)).is_ok());
}

#[test]
fn app_codes_round_trip_through_frames_and_events() {
    for code in ChatClose::codes() {
        let bytes = ClosePayload::new(code, code.name()).encode().unwrap();
        let event = CloseEvent::received(&ClosePayload::parse(&bytes).unwrap());
        assert_eq!(event.app_code::<ChatClose>(), Some(code));
    }
}

/// A sparse enum declares exactly its codes: every other `u16` is refused.
#[test]
fn a_sparse_enum_declares_exactly_its_codes() {
    #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    enum Sparse {
        A = 4000,
        B = 4500,
        C = 4999,
    }
    let found: Vec<u16> = (0..=u16::MAX).filter(|&c| Sparse::from_code(c).is_some()).collect();
    assert_eq!(found, [4000, 4500, 4999]);
}

/// `#[close_code(inherent)]` adds `const fn code` and `const fn close_code`, so application
/// codes work in `const` items and patterns.
#[test]
fn the_inherent_opt_in_makes_codes_usable_in_const_items() {
    #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    #[close_code(inherent)]
    enum Const {
        Kicked = 4001,
    }
    const KICKED: u16 = Const::Kicked.code();
    const KICKED_CODE: CloseCode = Const::Kicked.close_code();
    assert_eq!(KICKED, 4001);
    assert!(matches!(CloseCode::from(4001), KICKED_CODE));
    assert!(matches!(KICKED_CODE, CloseCode::Private(_)));
}

/// Without the opt-in the derive adds no inherent item: the enum's own `code` method (E0592
/// if the derive added one) and, with `conversions = false`, its own `TryFrom<u16>` and
/// `From<T> for u16` (E0119 otherwise, as with `num_enum`'s derives) are the ones in use, and
/// the trait still answers through `AppCloseCode::code`.
#[test]
fn the_enums_own_code_method_and_conversions_coexist_with_the_opt_out() {
    #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    #[close_code(conversions = false)]
    #[repr(u16)]
    enum Own {
        Kicked = 4001,
        Banned = 4002,
    }
    impl Own {
        fn code(self) -> &'static str {
            match self {
                Own::Kicked => "K",
                Own::Banned => "B",
            }
        }
    }
    impl TryFrom<u16> for Own {
        type Error = &'static str;
        fn try_from(code: u16) -> Result<Self, Self::Error> {
            Own::from_code(code).ok_or("not ours")
        }
    }
    impl From<Own> for u16 {
        fn from(code: Own) -> u16 {
            code as u16
        }
    }
    assert_eq!(Own::Kicked.code(), "K");
    assert_eq!(AppCloseCode::code(Own::Kicked), 4001);
    assert_eq!(Own::try_from(4002), Ok(Own::Banned));
    assert_eq!(Own::try_from(4003), Err("not ours"));
    assert_eq!(u16::from(Own::Banned), 4002);
    assert_eq!(Own::Banned.close_code(), CloseCode::from(4002));
}

/// `conversions = true` is the default, written out.
#[test]
fn conversions_true_keeps_the_conversions() {
    #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    #[close_code(conversions = true)]
    enum Explicit {
        Only = 4321,
    }
    assert_eq!(u16::from(Explicit::Only), 4321);
    assert_eq!(Explicit::try_from(CloseCode::from(4321)), Ok(Explicit::Only));
}

/// Every method the derive overrides answers what the table says, for every variant and every
/// `u16`; the exports read the same table.
#[test]
fn the_derived_methods_agree_with_the_table() {
    fn agree<T: AppCloseCode + PartialEq + core::fmt::Debug>() {
        for entry in T::ENTRIES {
            let value = entry.value;
            assert_eq!(value.entry(), entry);
            assert_eq!(value.code(), entry.code);
            assert_eq!(value.name(), entry.name);
            assert_eq!(value.description(), entry.description);
            assert_eq!(value.reconnect(), entry.reconnect);
            assert_eq!(value.close_code(), CloseCode::from(entry.code));
            assert_eq!(T::from_code(entry.code), Some(value));
        }
        let declared = (0..=u16::MAX).filter(|&code| T::from_code(code).is_some()).count();
        assert_eq!(declared, T::ENTRIES.len());
        assert!(T::codes().eq(T::ENTRIES.iter().map(|entry| entry.value)));
    }
    agree::<ChatClose>();
    agree::<Computed>();
    agree::<Implicit>();
    agree::<Framework>();
}

/// The const table holds every variant with its code, name, description and advice.
#[test]
fn entries_describe_every_variant_in_order() {
    use closecode_core::Reconnect;
    #[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
    #[close_code(reconnect = "never")]
    enum Advised {
        /// Removed by a moderator.
        Kicked = 4001,
        #[close_code(reconnect = "soon", name = "Restarting Room")]
        Restart = 4002,
        #[close_code(reconnect = "backoff")]
        Busy,
    }
    let rows: Vec<_> = Advised::ENTRIES.iter().map(|e| (e.value, e.code, e.name, e.description, e.reconnect)).collect();
    assert_eq!(
        rows,
        [
            (Advised::Kicked, 4001, "Kicked", Some("Removed by a moderator."), Reconnect::Never),
            (Advised::Restart, 4002, "Restarting Room", None, Reconnect::Soon),
            (Advised::Busy, 4003, "Busy", None, Reconnect::Backoff),
        ]
    );
    assert_eq!(Advised::type_name(), "Advised");
    for entry in Advised::ENTRIES {
        assert_eq!(entry.value.reconnect(), entry.reconnect);
        assert_eq!(entry.value.name(), entry.name);
    }
    // Without advice, a code takes the registry's (Backoff for a private code).
    assert_eq!(ChatClose::Kicked.reconnect(), Reconnect::Backoff);
    assert_eq!(ChatClose::ENTRIES[0].reconnect, Reconnect::Backoff);
}
