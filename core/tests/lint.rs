//! The derive's output raises no lint in the user's crate: this file denies rustc's warnings
//! and clippy's `all` and `pedantic` groups, and CI runs clippy over every test target.
#![deny(warnings, clippy::all, clippy::pedantic, missing_docs, unreachable_pub, unused_qualifications)]

use closecode_core::AppCloseCode;

const BASE: isize = 4100;

/// Every way of writing a code, with and without docs and names.
#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Everything {
    /// Documented.
    Literal = 4001,
    /// Implicit.
    Implicit,
    /// Named.
    #[close_code(name = "Renamed")]
    Named = 4010,
    /// From a const.
    FromConst = BASE,
    /// Implicit after a const.
    AfterConst,
    /// A block.
    Block = { 4000 + 500 },
}

/// The library range, with a repr.
#[derive(AppCloseCode, Clone, Copy, Debug)]
#[close_code(library)]
#[repr(u16)]
pub enum Library {
    /// Only.
    Only = 3456,
}

/// Reconnect advice on the enum and a variant, crate-visible.
#[derive(AppCloseCode, Clone, Copy, Debug)]
#[close_code(reconnect = "never")]
pub(crate) enum Advised {
    /// Never.
    Kicked = 4001,
    /// Soon.
    #[close_code(reconnect = "soon")]
    Restarting = 4002,
}

/// Private, with the inherent `const fn`s unused.
#[derive(AppCloseCode, Clone, Copy)]
#[close_code(inherent)]
enum Unused {
    Only = 4999,
}

/// Public, with the inherent `const fn`s and without conversions.
#[derive(AppCloseCode, Clone, Copy, Debug)]
#[close_code(inherent, conversions = false)]
pub enum Inherent {
    /// Only.
    Only = 4998,
}

#[test]
fn lint_clean_output_still_works() {
    assert_eq!(Advised::Restarting.reconnect(), closecode_core::Reconnect::Soon);
    assert_eq!(<Unused as AppCloseCode>::code(Unused::Only), 4999);
    assert_eq!(Everything::from_code(4101), Some(Everything::AfterConst));
    assert_eq!(Everything::Implicit.name(), "Implicit");
    assert_eq!(Library::Only.code(), 3456);
    assert_eq!(Inherent::Only.code(), 4998);
    assert_eq!(Unused::Only.name(), "Only");
}
