//! Our attributes (`#[close_code(..)]`), doc comments and `#[repr]`.

use crate::ctxt::Ctxt;
use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, Lit, LitStr, Meta, Token};

/// Every `#[close_code(..)]` key, wherever it was written; the caller rejects misplaced ones.
#[derive(Default)]
pub(crate) struct Keys {
    pub(crate) library: Option<Span>,
    pub(crate) krate: Option<(Span, syn::Path)>,
    pub(crate) name: Option<LitStr>,
    pub(crate) description: Option<LitStr>,
}

const KEYS: &str = "`library`, `crate = path`, `name = \"..\"` or `description = \"..\"`";

pub(crate) fn close_code_keys(cx: &mut Ctxt, attrs: &[Attribute]) -> Keys {
    let mut keys = Keys::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("close_code")) {
        let result = attr.parse_nested_meta(|meta| {
            let path = &meta.path;
            let key = path.get_ident().map(ToString::to_string).unwrap_or_default();
            let repeated = || syn::Error::new_spanned(path, format!("`{key}` is given twice"));
            match key.as_str() {
                "library" => {
                    if keys.library.is_some() {
                        return Err(repeated());
                    }
                    keys.library = Some(path_span(path));
                }
                "crate" => {
                    let value: syn::Path = meta.value()?.parse().map_err(|e| {
                        syn::Error::new(e.span(), "`crate` takes a path: `crate = ::my_crate::closecode`")
                    })?;
                    if keys.krate.is_some() {
                        return Err(repeated());
                    }
                    keys.krate = Some((path_span(path), value));
                }
                "name" | "description" => {
                    let value: LitStr = meta
                        .value()?
                        .parse()
                        .map_err(|e| syn::Error::new(e.span(), format!("`{key}` takes a string: `{key} = \"..\"`")))?;
                    if value.value().trim().is_empty() {
                        return Err(syn::Error::new_spanned(&value, format!("`{key}` must not be empty")));
                    }
                    let slot = if key == "name" { &mut keys.name } else { &mut keys.description };
                    if slot.is_some() {
                        return Err(repeated());
                    }
                    *slot = Some(value);
                }
                _ => {
                    return Err(syn::Error::new_spanned(
                        path,
                        format!("unknown close_code attribute `{}`; expected {KEYS}", quote::quote!(#path)),
                    ));
                }
            }
            Ok(())
        });
        if let Err(error) = result {
            cx.push(error);
        }
    }
    keys
}

fn path_span(path: &syn::Path) -> Span {
    path.segments.first().map_or_else(Span::call_site, |s| s.ident.span())
}

/// The text of the doc comments, lines trimmed and joined, or `None` when there are none.
pub(crate) fn doc_text(attrs: &[Attribute]) -> Option<String> {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            Meta::NameValue(nv) => match &nv.value {
                Expr::Lit(lit) => match &lit.lit {
                    Lit::Str(s) => Some(s.value().trim().to_string()),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect();
    let text = lines.join("\n").trim().to_string();
    (!text.is_empty()).then_some(text)
}

/// Rejects a `#[repr]` whose integer type cannot hold 3000-4999.
pub(crate) fn check_repr(cx: &mut Ctxt, attrs: &[Attribute]) {
    for attr in attrs.iter().filter(|a| a.path().is_ident("repr")) {
        // A repr we cannot read is rustc's to report.
        let Ok(items) = attr.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated) else { continue };
        for item in items {
            if let Meta::Path(path) = &item {
                if path.is_ident("u8") || path.is_ident("i8") {
                    let ty = quote::quote!(#path);
                    cx.error_spanned(
                        path,
                        format!("`#[repr({ty})]` cannot hold close codes (3000-4999); use `#[repr(u16)]` or no repr"),
                    );
                }
            }
        }
    }
}
