//! The derive input as our own types: a fieldless enum, its variants and their codes.

use crate::attr::{self, Keys};
use crate::ctxt::Ctxt;
use crate::name;
use proc_macro2::Span;
use syn::{Data, DeriveInput, Expr, Fields, Ident, Lit};

/// How a variant's code is written.
pub(crate) enum Discriminant<'a> {
    /// An integer literal, already reduced (`4001`, `0x0FA1`, `4001u16`).
    Literal { value: u128, expr: &'a Expr },
    /// Anything else (`BASE + 1`, a const path, a const block): rustc evaluates it.
    Expr(&'a Expr),
    /// No `= ..`: the previous variant's code plus one (or 0 for the first).
    Implicit,
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) discriminant: Discriminant<'a>,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
}

pub(crate) struct Input<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) library: bool,
    pub(crate) krate: Option<syn::Path>,
    pub(crate) variants: Vec<Variant<'a>>,
}

/// Reads the input, reporting every structural problem. `None` when the input is not a
/// fieldless, non-generic enum (nothing sensible can be emitted then).
pub(crate) fn parse<'a>(cx: &mut Ctxt, input: &'a DeriveInput) -> Option<Input<'a>> {
    let keys = attr::close_code_keys(cx, &input.attrs);
    for misplaced in [&keys.name, &keys.description].into_iter().flatten() {
        cx.error_spanned(misplaced, "`name` and `description` belong on a variant, not on the enum");
    }
    attr::check_repr(cx, &input.attrs);
    if !input.generics.params.is_empty() {
        cx.error_spanned(&input.generics, "AppCloseCode cannot be derived for a generic enum: remove the parameters");
    }
    if let Some(where_clause) = &input.generics.where_clause {
        cx.error_spanned(where_clause, "AppCloseCode cannot be derived for an enum with a where clause");
    }
    let data = match &input.data {
        Data::Enum(data) => data,
        Data::Struct(data) => {
            cx.error_at(data.struct_token.span, "AppCloseCode can only be derived for a fieldless enum, not a struct");
            return None;
        }
        Data::Union(data) => {
            cx.error_at(data.union_token.span, "AppCloseCode can only be derived for a fieldless enum, not a union");
            return None;
        }
    };
    if data.variants.is_empty() {
        cx.error_spanned(
            &input.ident,
            "AppCloseCode needs at least one variant: an enum without codes declares nothing",
        );
    }
    let mut variants = Vec::with_capacity(data.variants.len());
    let mut structural_ok = input.generics.params.is_empty() && input.generics.where_clause.is_none();
    for variant in &data.variants {
        match &variant.fields {
            Fields::Unit => {}
            Fields::Unnamed(fields) => {
                cx.error_spanned(fields, "a close code variant cannot carry data: remove the tuple fields");
                structural_ok = false;
            }
            Fields::Named(fields) => {
                cx.error_spanned(fields, "a close code variant cannot carry data: remove the fields");
                structural_ok = false;
            }
        }
        let vkeys = attr::close_code_keys(cx, &variant.attrs);
        misplaced_on_variant(cx, &vkeys);
        let discriminant = match &variant.discriminant {
            None => Discriminant::Implicit,
            Some((_, expr)) => {
                literal_value(expr).map_or(Discriminant::Expr(expr), |value| Discriminant::Literal { value, expr })
            }
        };
        variants.push(Variant {
            ident: &variant.ident,
            discriminant,
            name: vkeys.name.map_or_else(|| name::words(&variant.ident.to_string()), |lit| lit.value()),
            description: vkeys.description.map(|lit| lit.value()).or_else(|| attr::doc_text(&variant.attrs)),
        });
    }
    structural_ok.then(|| Input {
        ident: &input.ident,
        library: keys.library.is_some(),
        krate: keys.krate.map(|(_, path)| path),
        variants,
    })
}

fn misplaced_on_variant(cx: &mut Ctxt, keys: &Keys) {
    if let Some(span) = keys.library {
        cx.error_at(span, "`library` belongs on the enum, not on a variant");
    }
    if let Some((span, _)) = &keys.krate {
        cx.error_at(*span, "`crate` belongs on the enum, not on a variant");
    }
}

/// The value of an integer literal discriminant (parentheses allowed), if that is what it is.
fn literal_value(expr: &Expr) -> Option<u128> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) => int.base10_parse::<u128>().ok(),
            _ => None,
        },
        Expr::Paren(paren) => literal_value(&paren.expr),
        Expr::Group(group) => literal_value(&group.expr),
        _ => None,
    }
}

/// The span an error about a variant's code should sit on: its discriminant, or its name
/// when the code is implicit.
pub(crate) fn code_span(variant: &Variant<'_>) -> Span {
    match variant.discriminant {
        Discriminant::Literal { expr, .. } | Discriminant::Expr(expr) => syn::spanned::Spanned::span(expr),
        Discriminant::Implicit => variant.ident.span(),
    }
}
