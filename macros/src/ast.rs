//! The derive input as our own types, read with our own small grammar for the one shape we
//! accept (a fieldless, non-generic enum). Everything else is reported, never guessed at.
//!
//! ```text
//! attrs vis (enum | struct | union) Ident [<..>] [where ..] { (attrs Ident [= expr]),* }
//! ```

use crate::attr::{self, Attrs};
use crate::ctxt::{Ctxt, SpanRange};
use crate::name;
use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser as _};
use syn::{Ident, LitInt, Token};

/// How a variant's code is written.
pub(crate) enum Discriminant {
    /// An integer literal, already reduced (`4001`, `0x0FA1`, `4001u16`, `(4001)`).
    Literal { value: u128, tokens: TokenStream },
    /// Anything else (`BASE + 1`, a const path, a const block): rustc evaluates it.
    Expr(TokenStream),
    /// No `= ..`: the previous variant's code plus one (or 0 for the first).
    Implicit,
}

pub(crate) struct Variant {
    pub(crate) ident: Ident,
    pub(crate) discriminant: Discriminant,
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    /// The `Reconnect` variant its `reconnect = ".."` names, if any.
    pub(crate) reconnect: Option<&'static str>,
}

impl Variant {
    /// Where an error about the code goes: the discriminant, or the name when implicit.
    pub(crate) fn code_range(&self) -> SpanRange {
        match &self.discriminant {
            Discriminant::Literal { tokens, .. } | Discriminant::Expr(tokens) => SpanRange::of(tokens),
            Discriminant::Implicit => SpanRange::at(self.ident.span()),
        }
    }
}

/// What the output holds besides the trait impl.
#[derive(Clone, Copy)]
pub(crate) struct Emit {
    /// `From`/`TryFrom` (`#[close_code(conversions = false)]` turns them off).
    pub(crate) conversions: bool,
    /// The inherent `const fn`s (`#[close_code(inherent)]`).
    pub(crate) inherent: bool,
}

pub(crate) struct Input {
    pub(crate) vis: TokenStream,
    pub(crate) ident: Ident,
    /// The enum's default `Reconnect` variant, if it names one.
    pub(crate) reconnect: Option<&'static str>,
    pub(crate) library: bool,
    pub(crate) emit: Emit,
    pub(crate) krate: Option<TokenStream>,
    pub(crate) variants: Vec<Variant>,
    /// False for a struct, a union or an enum with fields: no code is checked then, since the
    /// shape's error comes first.
    pub(crate) fieldless: bool,
}

/// Reads the input, reporting every problem. A struct, a union or an enum with fields comes
/// back too (with an error in `cx`, and no variants for a struct or union), so that the
/// fallback can cover it; `None` when no impl can be written for it (generics, or tokens that
/// are not an item), with the reason in `cx`.
pub(crate) fn parse(cx: &mut Ctxt, tokens: TokenStream) -> Option<Input> {
    let mut parsed = None;
    if let Err(error) = parse_with(tokens, &mut |input| {
        parsed = parse_item(cx, input)?;
        Ok(())
    }) {
        cx.push(&error);
        return None;
    }
    parsed
}

/// Runs `parser` over all of `tokens` (an error if it leaves any). Every parse of the crate goes
/// through this one `dyn` signature, so syn's generic `Parser::parse2` is compiled once.
pub(crate) fn parse_with(
    tokens: TokenStream,
    parser: &mut dyn FnMut(ParseStream<'_>) -> syn::Result<()>,
) -> syn::Result<()> {
    parser.parse2(tokens)
}

fn parse_item(cx: &mut Ctxt, input: ParseStream<'_>) -> syn::Result<Option<Input>> {
    let attrs = attr::parse_outer(cx, input)?;
    for (range, _) in [&attrs.name, &attrs.description].into_iter().flatten() {
        cx.error(*range, "`name` and `description` belong on a variant, not on the enum");
    }
    let vis = visibility(input)?;
    let not_an_enum = if input.peek(Token![struct]) {
        Some((input.parse::<Token![struct]>()?.span, "struct"))
    } else if input.peek(Token![union]) {
        Some((input.parse::<Token![union]>()?.span, "union"))
    } else {
        None
    };
    if let Some((span, what)) = not_an_enum {
        cx.error_at(span, format!("AppCloseCode can only be derived for a fieldless enum, not a {what}"));
        // The fallback impls still fit a struct or union without generics.
        let ident: Ident = input.parse()?;
        let generic = input.peek(Token![<]) || input.peek(Token![where]);
        input.parse::<TokenStream>()?;
        return Ok((!generic).then(|| Input::new(attrs, vis, ident, Vec::new(), false)));
    }
    input.parse::<Token![enum]>()?;
    let ident: Ident = input.parse()?;
    // A generic enum gets no impl at all: the fallback cannot name its type without the
    // parameters.
    let mut generic = false;
    if input.peek(Token![<]) {
        let generics = take_until_brace_or_where(input)?;
        cx.error(SpanRange::of(&generics), "AppCloseCode cannot be derived for a generic enum: remove the parameters");
        generic = true;
    }
    if input.peek(Token![where]) {
        let clause = take_until_brace_or_where(input)?;
        cx.error(SpanRange::of(&clause), "AppCloseCode cannot be derived for an enum with a where clause");
        generic = true;
    }
    let body;
    syn::braced!(body in input);
    let mut variants = Vec::new();
    let mut fieldless = true;
    while !body.is_empty() {
        let variant_attrs = attr::parse_outer(cx, &body)?;
        misplaced_on_variant(cx, &variant_attrs);
        let variant_ident: Ident = body.parse()?;
        if let Some(TokenTree::Group(group)) = body.cursor().token_tree().map(|(tree, _)| tree) {
            if matches!(group.delimiter(), Delimiter::Parenthesis | Delimiter::Brace) {
                let fields: TokenTree = body.parse()?;
                let what = if group.delimiter() == Delimiter::Parenthesis { "tuple fields" } else { "fields" };
                cx.error_at(fields.span(), format!("a close code variant cannot carry data: remove the {what}"));
                fieldless = false;
            }
        }
        let discriminant = if body.peek(Token![=]) {
            body.parse::<Token![=]>()?;
            let tokens = expression(&body)?;
            match literal_value(&tokens) {
                Some(value) => Discriminant::Literal { value, tokens },
                None => Discriminant::Expr(tokens),
            }
        } else {
            Discriminant::Implicit
        };
        let doc = variant_attrs.doc_text();
        variants.push(Variant {
            name: variant_attrs.name.map_or_else(|| name::words(&variant_ident.to_string()), |(_, text)| text),
            description: variant_attrs.description.map(|(_, text)| text).or(doc),
            reconnect: variant_attrs.reconnect.map(|(_, variant)| variant),
            ident: variant_ident,
            discriminant,
        });
        if !body.is_empty() {
            body.parse::<Token![,]>()?;
        }
    }
    if variants.is_empty() {
        cx.error_at(ident.span(), "AppCloseCode needs at least one variant: an enum without codes declares nothing");
    }
    Ok((!generic).then(|| Input::new(attrs, vis, ident, variants, fieldless)))
}

impl Input {
    /// The input with the enum-level settings of `attrs`.
    fn new(attrs: Attrs, vis: TokenStream, ident: Ident, variants: Vec<Variant>, fieldless: bool) -> Input {
        Input {
            vis,
            ident,
            reconnect: attrs.reconnect.map(|(_, variant)| variant),
            library: attrs.library.is_some(),
            emit: Emit { conversions: attrs.conversions.is_none_or(|(_, on)| on), inherent: attrs.inherent.is_some() },
            krate: attrs.krate.map(|(_, path)| path),
            variants,
            fieldless,
        }
    }
}

fn misplaced_on_variant(cx: &mut Ctxt, attrs: &Attrs) {
    if let Some(span) = attrs.library {
        cx.error_at(span, "`library` belongs on the enum, not on a variant");
    }
    if let Some((span, _)) = &attrs.krate {
        cx.error_at(*span, "`crate` belongs on the enum, not on a variant");
    }
    if let Some(span) = attrs.inherent {
        cx.error_at(span, "`inherent` belongs on the enum, not on a variant");
    }
    if let Some((span, _)) = attrs.conversions {
        cx.error_at(span, "`conversions` belongs on the enum, not on a variant");
    }
}

/// `pub`, `pub(crate)`, `pub(in path)` or nothing, as tokens: the inherent `const fn`s
/// (`#[close_code(inherent)]`) get the enum's own visibility.
fn visibility(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    if input.peek(Token![pub]) {
        let token: TokenTree = input.parse()?;
        tokens.extend([token]);
        if input.peek(syn::token::Paren) {
            let group: TokenTree = input.parse()?;
            tokens.extend([group]);
        }
    }
    Ok(tokens)
}

/// The tokens of generics or a where clause: everything up to the body's brace.
fn take_until_brace_or_where(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let first: TokenTree = input.parse()?;
    tokens.extend([first]);
    while !input.is_empty() && !input.peek(syn::token::Brace) && !input.peek(Token![where]) {
        let tree: TokenTree = input.parse()?;
        tokens.extend([tree]);
    }
    Ok(tokens)
}

/// A discriminant expression: the tokens up to the next top-level comma. Commas inside
/// groups are inside one token tree already; a turbofish (`f::<A, B>()`) is the one place an
/// expression holds a comma outside a group, so angle brackets after `::` are tracked.
fn expression(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    let mut angle_depth = 0usize;
    // What the previous token was: the first `:` of a `::`, a whole `::`, or a `-` of `->`.
    let (mut half_colons, mut colons, mut dash) = (false, false, false);
    while !input.is_empty() && (angle_depth > 0 || !input.peek(Token![,])) {
        let tree: TokenTree = input.parse()?;
        let (mut next_half, mut next_colons, mut next_dash) = (false, false, false);
        if let TokenTree::Punct(punct) = &tree {
            match punct.as_char() {
                '<' if colons || angle_depth > 0 => angle_depth += 1,
                '>' if angle_depth > 0 && !dash => angle_depth -= 1,
                ':' if half_colons => next_colons = true,
                ':' => next_half = punct.spacing() == Spacing::Joint,
                '-' => next_dash = punct.spacing() == Spacing::Joint,
                _ => {}
            }
        }
        (half_colons, colons, dash) = (next_half, next_colons, next_dash);
        tokens.extend([tree]);
    }
    if tokens.is_empty() {
        return Err(input.error("expected a discriminant expression after `=`"));
    }
    Ok(tokens)
}

/// The value of an integer literal discriminant (in any number of parentheses).
fn literal_value(tokens: &TokenStream) -> Option<u128> {
    let mut iter = tokens.clone().into_iter();
    let (Some(tree), None) = (iter.next(), iter.next()) else { return None };
    match tree {
        TokenTree::Literal(literal) => {
            let mut int = None;
            parse_with(TokenTree::Literal(literal).into(), &mut |input| {
                int = Some(input.parse::<LitInt>()?);
                Ok(())
            })
            .ok()?;
            // syn gives the digits in base 10 without `_` or suffix; a loop rather than
            // `base10_parse::<u128>` keeps `u128::from_str` out of the macro.
            let mut value: u128 = 0;
            for digit in int?.base10_digits().bytes() {
                if !digit.is_ascii_digit() {
                    return None;
                }
                value = value.checked_mul(10)?.checked_add(u128::from(digit - b'0'))?;
            }
            Some(value)
        }
        TokenTree::Group(group) if matches!(group.delimiter(), Delimiter::Parenthesis | Delimiter::None) => {
            literal_value(&group.stream())
        }
        _ => None,
    }
}
