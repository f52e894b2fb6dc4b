//! The output: the trait impl, the conversions, the inherent `const fn`s when asked for, and
//! the const assertions for codes only rustc can evaluate. Absolute paths only, every impl
//! `#[automatically_derived]`, all of it inside `const _: () = { .. };` so nothing leaks into
//! the user's namespace. Written as templates (see `template`): `$ty` is the enum's name and
//! `$krate` the path of `closecode_core`.

use crate::ast::{self, Input};
use crate::ctxt::Ctxt;
use crate::template::{self, fill};
use crate::valid::{self, Code, Range};
use proc_macro2::{TokenStream, TokenTree};
use std::fmt::Write as _;

pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let parsed = ast::parse(&mut cx, input);
    let codes = parsed.as_ref().filter(|input| input.fieldless).map(|input| valid::check(&mut cx, input));
    match (cx.finish(), parsed, codes) {
        (None, Some(input), Some(codes)) => expand(&input, &codes),
        (Some(mut errors), parsed, _) => {
            if let Some(input) = parsed {
                errors.extend(fallback(&input));
            }
            errors
        }
        // `parse` returns `None` only after reporting an error.
        (None, _, _) => TokenStream::new(),
    }
}

/// The tokens every template names: the enum's name (with its span) and `closecode_core`'s path.
struct Names {
    ty: TokenStream,
    krate: TokenStream,
    type_name: TokenStream,
}

impl Names {
    fn of(input: &Input) -> Names {
        let mut type_name = String::new();
        template::string(&mut type_name, &input.ident.to_string());
        Names {
            ty: TokenTree::Ident(input.ident.clone()).into(),
            krate: input.krate.clone().unwrap_or_else(|| template::tokens("::closecode_core")),
            type_name: template::tokens(&type_name),
        }
    }

    /// `template` filled with the names and `holes`.
    fn fill(&self, template: &str, holes: &[(&str, &TokenStream)]) -> TokenStream {
        let mut all = vec![("ty", &self.ty), ("krate", &self.krate), ("type_name", &self.type_name)];
        all.extend_from_slice(holes);
        fill(template, &all)
    }
}

/// The table, and the methods that are faster as a `match`, each written from the same
/// variants in the same order, so they answer what the table says. The table is a const of
/// the enclosing block as well as the trait's, so that the impl's methods do not name the
/// trait: an enum without `Copy` then gets one error for it, not one per method.
const EXPAND: &str = r"
    #[doc(hidden)]
    const _: () = {
        $assertions

        const ENTRIES: &[$krate::AppCodeEntry<$ty>] = &[$entries];

        #[automatically_derived]
        impl $krate::AppCloseCode for $ty {
            const ENTRIES: &'static [$krate::AppCodeEntry<Self>] = ENTRIES;

            #[inline]
            fn type_name() -> &'static ::core::primitive::str {
                $type_name
            }

            #[inline]
            fn entry(self) -> &'static $krate::AppCodeEntry<Self> {
                &ENTRIES[match self {
                    $indices
                }]
            }

            #[inline]
            fn code(self) -> ::core::primitive::u16 {
                self as ::core::primitive::u16
            }

            #[inline]
            fn from_code(code: ::core::primitive::u16) -> ::core::option::Option<Self> {
                $deferred_consts
                match code {
                    $patterns
                    _ => ::core::option::Option::None,
                }
            }
        }

        $conversions
        $inherent
    };
";

fn expand(input: &Input, codes: &[Code]) -> TokenStream {
    let names = Names::of(input);
    let range = Range::of(input);
    let mut assertions = TokenStream::new();
    // The rows and arms as text: variant names are identifiers and the rest literals, so
    // writing them out and lexing once is exact (only the spans become the call site's).
    let (mut entries, mut indices, mut deferred_consts, mut patterns) =
        (String::new(), String::new(), String::new(), String::new());
    for (index, (variant, code)) in input.variants.iter().zip(codes).enumerate() {
        let v = &variant.ident;
        let _ = write!(entries, "$krate::AppCodeEntry::new($ty::{v}, $ty::{v} as ::core::primitive::u16, ");
        template::string(&mut entries, &variant.name);
        entries.push_str(").ident(");
        template::string(&mut entries, &v.to_string());
        entries.push(')');
        if let Some(description) = &variant.description {
            entries.push_str(".description(");
            template::string(&mut entries, description);
            entries.push(')');
        }
        if let Some(advice) = variant.reconnect.or(input.reconnect) {
            let _ = write!(entries, ".reconnect($krate::Reconnect::{advice})");
        }
        entries.push(',');
        let _ = write!(indices, "Self::{v} => {index},");
        // Codes only rustc knows are matched through consts it evaluates; the rest as literals.
        match code {
            Code::Known(value) => {
                let _ = write!(patterns, "{value} => ::core::option::Option::Some(Self::{v}),");
            }
            Code::Deferred => {
                let _ = write!(
                    deferred_consts,
                    "const __CLOSECODE_{index}: ::core::primitive::u16 = $ty::{v} as ::core::primitive::u16;"
                );
                let _ = write!(patterns, "__CLOSECODE_{index} => ::core::option::Option::Some(Self::{v}),");
                assertions.extend(range_assertion(&names, variant, range));
            }
        }
    }
    let empty = TokenStream::new();
    let conversions = if input.emit.conversions { conversions(&names, false) } else { empty.clone() };
    let inherent = if input.emit.inherent { inherent(&names, &input.vis, false) } else { empty };
    let mut out = crate::manifest::renamed_core_error(input).unwrap_or_default();
    out.extend(names.fill(
        EXPAND,
        &[
            ("assertions", &assertions),
            ("entries", &names.fill(&entries, &[])),
            ("indices", &template::tokens(&indices)),
            ("deferred_consts", &names.fill(&deferred_consts, &[])),
            ("patterns", &template::tokens(&patterns)),
            ("conversions", &conversions),
            ("inherent", &inherent),
        ],
    ));
    out
}

/// With `#[close_code(inherent)]`: `const fn code` and `const fn close_code`, with the enum's
/// visibility (`$vis`), so application codes work in `const` items and patterns.
const INHERENT: &str = r"
    #[automatically_derived]
    impl $ty {
        /// The close code as a number (`const`).
        #[inline]
        #[must_use]
        #[allow(dead_code)]
        $vis const fn code(self) -> ::core::primitive::u16 {
            $code
        }

        /// The close code as a `CloseCode` (`const`), ready for a close frame.
        #[inline]
        #[must_use]
        #[allow(dead_code)]
        $vis const fn close_code(self) -> $krate::CloseCode {
            $krate::CloseCode::from_u16(Self::code(self))
        }
    }
";

/// The inherent `const fn`s; in the fallback (`stub`), with a body that compiles for any type.
fn inherent(names: &Names, vis: &TokenStream, stub: bool) -> TokenStream {
    let code = template::tokens(if stub { "::core::mem::forget(self); 0" } else { "self as ::core::primitive::u16" });
    names.fill(INHERENT, &[("vis", vis), ("code", &code)])
}

/// `From<T> for u16`, `From<T> for CloseCode`, `TryFrom<u16>` and `TryFrom<CloseCode>`.
const CONVERSIONS: &str = r"
    #[automatically_derived]
    impl ::core::convert::From<$ty> for ::core::primitive::u16 {
        #[inline]
        fn from(code: $ty) -> ::core::primitive::u16 {
            $number
        }
    }

    #[automatically_derived]
    impl ::core::convert::From<$ty> for $krate::CloseCode {
        #[inline]
        fn from(code: $ty) -> Self {
            $close_code
        }
    }

    #[automatically_derived]
    impl ::core::convert::TryFrom<::core::primitive::u16> for $ty {
        type Error = $krate::UnknownAppCode;

        #[inline]
        fn try_from(code: ::core::primitive::u16) -> ::core::result::Result<Self, Self::Error> {
            match <Self as $krate::AppCloseCode>::from_code(code) {
                ::core::option::Option::Some(value) => ::core::result::Result::Ok(value),
                ::core::option::Option::None => {
                    ::core::result::Result::Err($krate::UnknownAppCode::new(code, $type_name))
                }
            }
        }
    }

    #[automatically_derived]
    impl ::core::convert::TryFrom<$krate::CloseCode> for $ty {
        type Error = $krate::UnknownAppCode;

        #[inline]
        fn try_from(code: $krate::CloseCode) -> ::core::result::Result<Self, Self::Error> {
            <Self as ::core::convert::TryFrom<::core::primitive::u16>>::try_from(code.as_u16())
        }
    }
";

/// The conversions; in the fallback (`stub`), through the trait, so that they compile for any
/// type.
fn conversions(names: &Names, stub: bool) -> TokenStream {
    let (number, close_code) = if stub {
        ("<$ty as $krate::AppCloseCode>::code(code)", "<$ty as $krate::AppCloseCode>::close_code(code)")
    } else {
        ("code as ::core::primitive::u16", "$krate::CloseCode::from_u16(code as ::core::primitive::u16)")
    };
    let (number, close_code) = (names.fill(number, &[]), names.fill(close_code, &[]));
    names.fill(CONVERSIONS, &[("number", &number), ("close_code", &close_code)])
}

/// A const assertion that fails the build, on the variant's code expression, when rustc's
/// value for it is outside the range. The panic's path carries the expression's first span
/// and its argument group the last, so rustc underlines the whole expression.
fn range_assertion(names: &Names, variant: &ast::Variant, range: Range) -> TokenStream {
    let message = format!("the close code of `{}::{}` is outside {}", names.ty, variant.ident, range.label);
    let panic = variant.code_range().macro_call(template::tokens("::core::panic!"), &message);
    let code = format!("$ty::{} as ::core::primitive::i128", variant.ident);
    let bounds = format!("{} <= {code} && {code} <= {}", range.low, range.high);
    names.fill("const _: () = if !($bounds) { $panic };", &[("bounds", &names.fill(&bounds, &[])), ("panic", &panic)])
}

/// When the input has errors: everything a success would emit (the trait impl with an empty
/// table, the conversions unless left out, the inherent `const fn`s if asked for), so the
/// user's other code compiles and the build shows only the real errors. Never run: the build
/// already fails.
const FALLBACK: &str = r"
    #[doc(hidden)]
    const _: () = {
        #[automatically_derived]
        impl $krate::AppCloseCode for $ty {
            const ENTRIES: &'static [$krate::AppCodeEntry<Self>] = &[];

            fn type_name() -> &'static ::core::primitive::str {
                $type_name
            }
        }

        $conversions
        $inherent
    };
";

fn fallback(input: &Input) -> TokenStream {
    let names = Names::of(input);
    let empty = TokenStream::new();
    let conversions = if input.emit.conversions { conversions(&names, true) } else { empty.clone() };
    let inherent = if input.emit.inherent { inherent(&names, &input.vis, true) } else { empty };
    let mut out = crate::manifest::renamed_core_error(input).unwrap_or_default();
    out.extend(names.fill(FALLBACK, &[("conversions", &conversions), ("inherent", &inherent)]));
    out
}

#[cfg(test)]
mod tests {
    use super::derive;

    use proc_macro2::{Group, TokenStream, TokenTree};

    /// Every stream made from `stream` by replacing one token, at any depth (inside
    /// brackets, braces and parentheses too), with each of `breakers` ("" drops it).
    fn mutations(stream: &TokenStream, breakers: &[TokenStream]) -> Vec<TokenStream> {
        let tokens: Vec<TokenTree> = stream.clone().into_iter().collect();
        let mut out = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let rebuild = |middle: TokenStream| -> TokenStream {
                let mut mutated: TokenStream = tokens[..i].iter().cloned().collect();
                mutated.extend(middle);
                mutated.extend(tokens[i + 1..].iter().cloned());
                mutated
            };
            out.extend(breakers.iter().cloned().map(rebuild));
            if let TokenTree::Group(group) = token {
                for inner in mutations(&group.stream(), breakers) {
                    out.push(rebuild(TokenTree::Group(Group::new(group.delimiter(), inner)).into()));
                }
            }
        }
        out
    }

    /// The derive must answer every input with tokens (code or errors), never a panic. Real
    /// inputs and mutations of them: each token, at every depth, dropped or replaced by
    /// tokens that break the grammar.
    #[test]
    fn no_input_makes_the_derive_panic() {
        let seeds = [
            "#[close_code(library, crate = ::x::y)] pub(crate) enum E { /// d\n A = 3000, #[close_code(name = \"N\")] B, C = X + 1, D }",
            "#[close_code(reconnect = \"never\")] enum E { #[close_code(reconnect = \"soon\", description = \"d\")] A = 4001, B = 0x0FA2 }",
            "#[close_code(inherent, conversions = false, inherent = 1, conversions = maybe)] pub enum E { #[close_code(inherent, conversions = true)] A = 4001 }",
            "#[close_code(conversions)] #[close_code(conversions = )] #[close_code(inherent(x))] struct S(u8);",
            "enum E { A = 340282366920938463463374607431768211455, B, C = 99999999999999999999999999999999999999999 }",
            "enum E<T: Copy> where T: Clone { A(T), B { x: u8 } = 4000 }",
            "#[repr(u8, align(2))] #[close_code] #[close_code(name)] #[close_code(crate = 1)] enum E { A = f::<1, 2>(), B = -1, C = \"s\" }",
            "struct S; union U { a: u8 }",
        ];
        let breakers: Vec<TokenStream> =
            ["", "=", ",", "#", "<", ">", "::", "enum", "pub", "()", "{}", "[]", "4000", "\"x\"", "-"]
                .iter()
                .map(|text| text.parse().unwrap())
                .collect();
        let mut tried = 0;
        for seed in seeds {
            let seed: TokenStream = seed.parse().unwrap();
            let _ = derive(seed.clone());
            for mutated in mutations(&seed, &breakers) {
                let _ = derive(mutated);
                tried += 1;
            }
        }
        assert!(tried > 2000, "only {tried} mutations");
    }
}
