//! `#[derive(AppCloseCode)]`, re-exported by `closecode-core` (feature `derive`, on by
//! default); see `closecode_core::AppCloseCode` for the trait and the full documentation.
//!
//! One concern per file: `ast` reads the input into our own types (with a grammar of its own
//! on syn's parser toolkit, so syn's syntax tree and printer are not compiled), `attr` reads
//! our attributes, `valid` applies the rules, `expand` writes the output, `ctxt` gathers
//! every error so that a build shows all of them at once.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod manifest;
mod name;
mod valid;

use proc_macro::TokenStream;

/// Implements `AppCloseCode`, `From<T> for u16`, `From<T> for CloseCode`, `TryFrom<u16>` and
/// `TryFrom<CloseCode>` for a fieldless enum of close codes in 4000-4999 (or 3000-3999 with
/// `#[close_code(library)]`), checking every code at compile time.
///
/// Attributes: on the enum, `#[close_code(library)]` and `#[close_code(crate = path)]`; on a
/// variant, `#[close_code(name = "..")]` and `#[close_code(description = "..")]` (the
/// description defaults to the variant's doc comment).
#[proc_macro_derive(AppCloseCode, attributes(close_code))]
pub fn derive_app_close_code(input: TokenStream) -> TokenStream {
    expand::derive(input.into()).into()
}
