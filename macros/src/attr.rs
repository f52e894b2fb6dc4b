//! Attributes, read from tokens: `#[close_code(..)]`, doc comments, `#[repr(..)]`; every
//! other attribute is skipped.

use crate::ast::parse_with;
use crate::ctxt::{Ctxt, SpanRange};
use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, LitStr, Token};

/// What the attributes of an item say.
#[derive(Default)]
pub(crate) struct Attrs {
    pub(crate) library: Option<Span>,
    /// `conversions = true` or `conversions = false`.
    pub(crate) conversions: Option<(Span, bool)>,
    pub(crate) inherent: Option<Span>,
    pub(crate) krate: Option<(Span, TokenStream)>,
    pub(crate) name: Option<(SpanRange, String)>,
    pub(crate) description: Option<(SpanRange, String)>,
    /// The `Reconnect` variant named by `reconnect = ".."`, already checked.
    pub(crate) reconnect: Option<(Span, &'static str)>,
    pub(crate) doc: Vec<String>,
}

/// The values `reconnect = ".."` accepts, with the `Reconnect` variant each names.
const RECONNECT: [(&str, &str); 4] =
    [("never", "Never"), ("after-auth", "AfterAuth"), ("soon", "Soon"), ("backoff", "Backoff")];

/// The values of `RECONNECT`, for error messages.
const RECONNECT_VALUES: &str = "\"never\", \"after-auth\", \"soon\", \"backoff\"";

impl Attrs {
    /// The doc comment text, lines trimmed and joined, or `None` when there is none.
    pub(crate) fn doc_text(&self) -> Option<String> {
        // A loop rather than `join`: one generic instantiation less to compile.
        let mut text = String::new();
        for (i, line) in self.doc.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(line.trim());
        }
        let text = text.trim();
        (!text.is_empty()).then(|| text.to_string())
    }
}

const KEYS: &str = "`library`, `reconnect = \"..\"`, `conversions = false`, `inherent`, `crate = path`, \
                    `name = \"..\"` or `description = \"..\"`";

/// Parses the outer attributes at the front of `input`.
pub(crate) fn parse_outer(cx: &mut Ctxt, input: ParseStream<'_>) -> syn::Result<Attrs> {
    let mut attrs = Attrs::default();
    while input.peek(Token![#]) {
        input.parse::<Token![#]>()?;
        let content;
        syn::bracketed!(content in input);
        let name = content.call(Ident::parse_any)?;
        let rest: TokenStream = content.parse()?;
        match name.to_string().as_str() {
            "close_code" => match single_group(&rest, Delimiter::Parenthesis) {
                Some(args) => {
                    if let Err(error) = parse_with(args, &mut |input| close_code_args(cx, input, &mut attrs)) {
                        cx.push(&error);
                    }
                }
                None => cx.error_at(name.span(), format!("write `#[close_code(..)]` with one of {KEYS}")),
            },
            "doc" => {
                let mut text = None;
                let parsed = parse_with(rest, &mut |input| {
                    input.parse::<Token![=]>()?;
                    text = Some(input.parse::<LitStr>()?.value());
                    Ok(())
                });
                if let (Ok(()), Some(text)) = (parsed, text) {
                    attrs.doc.push(text);
                }
            }
            "repr" => {
                if let Some(args) = single_group(&rest, Delimiter::Parenthesis) {
                    check_repr(cx, args);
                }
            }
            _ => {}
        }
    }
    Ok(attrs)
}

/// The contents of `rest` when it is exactly one group with `delimiter`.
fn single_group(rest: &TokenStream, delimiter: Delimiter) -> Option<TokenStream> {
    let mut iter = rest.clone().into_iter();
    match (iter.next(), iter.next()) {
        (Some(TokenTree::Group(group)), None) if group.delimiter() == delimiter => Some(group.stream()),
        _ => None,
    }
}

fn close_code_args(cx: &mut Ctxt, input: ParseStream<'_>, attrs: &mut Attrs) -> syn::Result<()> {
    while !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        let name = key.to_string();
        let repeated = || syn::Error::new(key.span(), format!("`{name}` is given twice"));
        match name.as_str() {
            "library" | "inherent" => {
                if input.peek(Token![=]) || input.peek(syn::token::Paren) {
                    return Err(syn::Error::new(
                        key.span(),
                        format!("`{name}` takes no value: write `#[close_code({name})]`"),
                    ));
                }
                let slot = if name == "library" { &mut attrs.library } else { &mut attrs.inherent };
                if slot.is_some() {
                    return Err(repeated());
                }
                *slot = Some(key.span());
            }
            "conversions" => {
                input.parse::<Token![=]>()?;
                let value: TokenTree = input.parse()?;
                let on = match &value {
                    TokenTree::Ident(ident) if ident == "true" => true,
                    TokenTree::Ident(ident) if ident == "false" => false,
                    _ => {
                        return Err(syn::Error::new(
                            value.span(),
                            "`conversions` takes `true` or `false`: `conversions = false` leaves out \
                             `From` and `TryFrom`",
                        ));
                    }
                };
                if attrs.conversions.is_some() {
                    return Err(repeated());
                }
                attrs.conversions = Some((key.span(), on));
            }
            "crate" => {
                input.parse::<Token![=]>()?;
                let path = path_tokens(input).ok_or_else(|| {
                    syn::Error::new(key.span(), "`crate` takes a path: `crate = ::my_crate::closecode`")
                })?;
                if attrs.krate.is_some() {
                    return Err(repeated());
                }
                attrs.krate = Some((key.span(), path));
            }
            "name" | "description" => {
                input.parse::<Token![=]>()?;
                let value: LitStr = input
                    .parse()
                    .map_err(|e| syn::Error::new(e.span(), format!("`{name}` takes a string: `{name} = \"..\"`")))?;
                if value.value().trim().is_empty() {
                    cx.error_at(value.span(), format!("`{name}` must not be empty"));
                }
                let slot = if name == "name" { &mut attrs.name } else { &mut attrs.description };
                if slot.is_some() {
                    return Err(repeated());
                }
                *slot = Some((SpanRange::at(value.span()), value.value()));
            }
            "reconnect" => {
                input.parse::<Token![=]>()?;
                let value: LitStr = input.parse().map_err(|e| {
                    syn::Error::new(e.span(), format!("`reconnect` takes a string, one of {RECONNECT_VALUES}"))
                })?;
                let Some(&(_, variant)) = RECONNECT.iter().find(|(text, _)| *text == value.value()) else {
                    return Err(syn::Error::new(
                        value.span(),
                        format!("unknown reconnect advice {:?}; expected one of {RECONNECT_VALUES}", value.value()),
                    ));
                };
                if attrs.reconnect.is_some() {
                    return Err(repeated());
                }
                attrs.reconnect = Some((value.span(), variant));
            }
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown close_code attribute `{name}`; expected {KEYS}"),
                ));
            }
        }
        if !input.is_empty() {
            input.parse::<Token![,]>()?;
        }
    }
    Ok(())
}

/// A path (`::a::b`, `a`, `crate::x`) up to the next top-level comma, as tokens.
fn path_tokens(input: ParseStream<'_>) -> Option<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        let tree: TokenTree = input.parse().ok()?;
        match &tree {
            TokenTree::Ident(_) => {}
            TokenTree::Punct(p) if p.as_char() == ':' => {}
            _ => return None,
        }
        tokens.extend([tree]);
    }
    (!tokens.is_empty()).then_some(tokens)
}

/// Rejects a `#[repr]` whose integer type cannot hold 3000-4999.
fn check_repr(cx: &mut Ctxt, args: TokenStream) {
    for tree in args {
        if let TokenTree::Ident(ident) = tree {
            if ident == "u8" || ident == "i8" {
                cx.error_at(
                    ident.span(),
                    format!("`#[repr({ident})]` cannot hold close codes (3000-4999); use `#[repr(u16)]` or no repr"),
                );
            }
        }
    }
}
