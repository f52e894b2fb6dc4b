//! `#[derive(AppCloseCode)]`, re-exported by `closecode-core` (feature `derive`, on by
//! default); see `closecode_core::AppCloseCode` for the trait and the full documentation.
//!
//! One concern per file: `ast` reads the input into our own types (with a grammar of its own
//! on syn's parser toolkit, so syn's syntax tree and printer are not compiled), `attr` reads
//! our attributes, `valid` applies the rules, `expand` writes the output from the templates
//! of `template` (no `quote`), `ctxt` gathers every error so that a build shows all of them
//! at once.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod manifest;
mod name;
mod template;
mod valid;

use proc_macro::TokenStream;

/// Implements `AppCloseCode` for a fieldless enum of close codes in 4000-4999 (or 3000-3999
/// with `#[close_code(library)]`), checking every code at compile time.
///
/// What it generates, and nothing else:
///
/// - `impl AppCloseCode`: the table `ENTRIES` (every variant with its code, name, description
///   and reconnect advice), and `type_name`, `entry`, `code` and `from_code` written as
///   `match`es from the same variants, so they answer what the table says;
/// - `From<T> for u16`, `From<T> for CloseCode`, `TryFrom<u16> for T` and
///   `TryFrom<CloseCode> for T` (error: `UnknownAppCode`), unless
///   `#[close_code(conversions = false)]` leaves them out (for an enum that has its own, such
///   as `num_enum`'s);
/// - with `#[close_code(inherent)]` only: `const fn code(self) -> u16` and
///   `const fn close_code(self) -> CloseCode` on the enum, with its visibility.
///
/// Attributes: on the enum, `library`, `reconnect = ".."`, `conversions = false`, `inherent`
/// and `crate = path`; on a variant, `name = ".."`, `description = ".."` (by default the
/// doc comment) and `reconnect = ".."`. After an error in the input, the same items are
/// emitted (with an empty table), so the build shows only that error.
///
/// See `closecode_core::AppCloseCode` for the examples, which run as its doctests.
#[proc_macro_derive(AppCloseCode, attributes(close_code))]
pub fn derive_app_close_code(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
