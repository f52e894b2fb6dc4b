//! The output: the trait impl, the conversions, and the const assertions for codes only
//! rustc can evaluate. Absolute paths only, every impl `#[automatically_derived]`, all of it
//! inside `const _: () = { .. };` so nothing leaks into the user's namespace.

use crate::ast::{self, Input};
use crate::ctxt::Ctxt;
use crate::valid::{self, Code, Range};
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

pub(crate) fn derive(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let parsed = ast::parse(&mut cx, input);
    let codes = parsed.as_ref().map(|input| valid::check(&mut cx, input));
    match (cx.finish(), parsed, codes) {
        (None, Some(input), Some(codes)) => expand(&input, &codes),
        (Some(errors), parsed, _) => {
            let mut out = errors;
            if let Some(input) = parsed {
                out.extend(fallback(&input));
            }
            out
        }
        // `parse` returns `None` only after reporting an error.
        (None, _, _) => TokenStream::new(),
    }
}

fn krate(input: &Input) -> TokenStream {
    input.krate.as_ref().map_or_else(|| quote!(::closecode_core), ToTokens::to_token_stream)
}

fn expand(input: &Input, codes: &[Code]) -> TokenStream {
    let range = Range::of(input);
    let assertions = input.variants.iter().zip(codes).filter_map(|(variant, code)| match code {
        Code::Deferred => Some(range_assertion(&input.ident, variant, range)),
        Code::Known(_) => None,
    });
    let trait_impl = trait_impl(input, codes);
    let conversions = conversions(input);
    let inherent = inherent(input);
    let renamed = crate::manifest::renamed_core_error(input);
    quote! {
        #renamed
        #[doc(hidden)]
        const _: () = {
            #(#assertions)*
            #trait_impl
            #conversions
            #inherent
        };
    }
}

/// `const fn code` and `const fn close_code`, with the enum's visibility, so application
/// codes work in `const` items and patterns.
fn inherent(input: &Input) -> TokenStream {
    let krate = krate(input);
    let ty = &input.ident;
    let vis = &input.vis;
    quote! {
        #[automatically_derived]
        impl #ty {
            /// The close code as a number (`const`).
            #[inline]
            #[must_use]
            #[allow(dead_code)]
            #vis const fn code(self) -> ::core::primitive::u16 {
                self as ::core::primitive::u16
            }

            /// The close code as a `CloseCode` (`const`), ready for a close frame.
            #[inline]
            #[must_use]
            #[allow(dead_code)]
            #vis const fn close_code(self) -> #krate::CloseCode {
                #krate::CloseCode::from_u16(self as ::core::primitive::u16)
            }
        }
    }
}

/// `Reconnect::X` for a variant name from the attributes.
fn reconnect_path(krate: &TokenStream, variant: &str) -> TokenStream {
    let variant = format_ident!("{}", variant);
    quote!(#krate::Reconnect::#variant)
}

fn trait_impl(input: &Input, codes: &[Code]) -> TokenStream {
    let krate = krate(input);
    let ty = &input.ident;
    let variants: Vec<_> = input.variants.iter().map(|v| &v.ident).collect();
    let names = input.variants.iter().map(|v| &v.name);
    let descriptions = input.variants.iter().map(|v| {
        v.description
            .as_ref()
            .map_or_else(|| quote!(::core::option::Option::None), |text| quote!(::core::option::Option::Some(#text)))
    });
    // Codes only rustc knows are matched through consts it evaluates; the rest as literals.
    let deferred_consts = input.variants.iter().zip(codes).enumerate().filter_map(|(index, (variant, code))| {
        let name = format_ident!("__CLOSECODE_{}", index);
        let v = &variant.ident;
        matches!(code, Code::Deferred)
            .then(|| quote!(const #name: ::core::primitive::u16 = #ty::#v as ::core::primitive::u16;))
    });
    let patterns = codes.iter().enumerate().map(|(index, code)| match code {
        Code::Known(value) => proc_macro2::Literal::u128_unsuffixed(*value).into_token_stream(),
        Code::Deferred => format_ident!("__CLOSECODE_{}", index).into_token_stream(),
    });
    let type_name = ty.to_string();
    let entries = input.variants.iter().map(|v| {
        let ident = &v.ident;
        let name = &v.name;
        let ident_text = ident.to_string();
        let description = v.description.as_ref().map(|text| quote!(.description(#text)));
        let reconnect = v.reconnect.or(input.reconnect).map(|advice| {
            let path = reconnect_path(&krate, advice);
            quote!(.reconnect(#path))
        });
        quote! {
            #krate::AppCodeEntry::new(Self::#ident, Self::#ident as ::core::primitive::u16, #name)
                .ident(#ident_text) #description #reconnect
        }
    });
    let reconnect_fn = reconnect_fn(input, &krate);
    quote! {
        #[automatically_derived]
        impl #krate::AppCloseCode for #ty {
            const CODES: &'static [Self] = &[#(Self::#variants),*];
            const ENTRIES: &'static [#krate::AppCodeEntry<Self>] = &[#(#entries),*];
            const TYPE_NAME: &'static ::core::primitive::str = #type_name;
            #reconnect_fn

            #[inline]
            fn code(self) -> ::core::primitive::u16 {
                self as ::core::primitive::u16
            }

            #[inline]
            fn from_code(code: ::core::primitive::u16) -> ::core::option::Option<Self> {
                #(#deferred_consts)*
                match code {
                    #(#patterns => ::core::option::Option::Some(Self::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }

            fn name(self) -> &'static ::core::primitive::str {
                match self {
                    #(Self::#variants => #names,)*
                }
            }

            fn description(self) -> ::core::option::Option<&'static ::core::primitive::str> {
                match self {
                    #(Self::#variants => #descriptions,)*
                }
            }
        }
    }
}

/// `fn reconnect` when a variant or the enum gives advice; otherwise the trait's default.
fn reconnect_fn(input: &Input, krate: &TokenStream) -> Option<TokenStream> {
    if input.reconnect.is_none() && input.variants.iter().all(|v| v.reconnect.is_none()) {
        return None;
    }
    let arms = input.variants.iter().map(|v| {
        let ident = &v.ident;
        let advice = v.reconnect.or(input.reconnect).map_or_else(
            || quote!(#krate::CloseCode::from_u16(self as ::core::primitive::u16).reconnect()),
            |advice| reconnect_path(krate, advice),
        );
        quote!(Self::#ident => #advice,)
    });
    Some(quote! {
        fn reconnect(self) -> #krate::Reconnect {
            match self {
                #(#arms)*
            }
        }
    })
}

fn conversions(input: &Input) -> TokenStream {
    let krate = krate(input);
    let ty = &input.ident;
    let type_name = ty.to_string();
    quote! {
        #[automatically_derived]
        impl ::core::convert::From<#ty> for ::core::primitive::u16 {
            #[inline]
            fn from(code: #ty) -> ::core::primitive::u16 {
                code as ::core::primitive::u16
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#ty> for #krate::CloseCode {
            #[inline]
            fn from(code: #ty) -> Self {
                #krate::CloseCode::from_u16(code as ::core::primitive::u16)
            }
        }

        #[automatically_derived]
        impl ::core::convert::TryFrom<::core::primitive::u16> for #ty {
            type Error = #krate::UnknownAppCode;

            #[inline]
            fn try_from(code: ::core::primitive::u16) -> ::core::result::Result<Self, Self::Error> {
                match <Self as #krate::AppCloseCode>::from_code(code) {
                    ::core::option::Option::Some(value) => ::core::result::Result::Ok(value),
                    ::core::option::Option::None => {
                        ::core::result::Result::Err(#krate::UnknownAppCode::new(code, #type_name))
                    }
                }
            }
        }

        #[automatically_derived]
        impl ::core::convert::TryFrom<#krate::CloseCode> for #ty {
            type Error = #krate::UnknownAppCode;

            #[inline]
            fn try_from(code: #krate::CloseCode) -> ::core::result::Result<Self, Self::Error> {
                <Self as ::core::convert::TryFrom<::core::primitive::u16>>::try_from(code.as_u16())
            }
        }
    }
}

/// A const assertion that fails the build, on the variant's code expression, when rustc's
/// value for it is outside the range.
fn range_assertion(ty: &syn::Ident, variant: &ast::Variant, range: Range) -> TokenStream {
    let v = &variant.ident;
    let (low, high) =
        (proc_macro2::Literal::u128_unsuffixed(range.low), proc_macro2::Literal::u128_unsuffixed(range.high));
    let message = format!("the close code of `{ty}::{v}` is outside {}", range.label);
    // The panic's path carries the expression's first span and its argument group the last,
    // so rustc underlines the whole expression when the assertion fails.
    let panic = variant.code_range().macro_call(quote!(::core::panic!), &message);
    quote! {
        const _: () = if !(#low <= (#ty::#v as ::core::primitive::i128) && (#ty::#v as ::core::primitive::i128) <= #high) {
            #panic
        };
    }
}

/// When the input has errors, an impl that keeps the user's other code from drowning in
/// follow-on "trait not implemented" errors. It is never run: the build already fails.
fn fallback(input: &Input) -> TokenStream {
    let krate = krate(input);
    let ty = &input.ident;
    quote! {
        #[doc(hidden)]
        const _: () = {
            #[automatically_derived]
            impl #krate::AppCloseCode for #ty {
                const CODES: &'static [Self] = &[];
                const ENTRIES: &'static [#krate::AppCodeEntry<Self>] = &[];
                const TYPE_NAME: &'static ::core::primitive::str = "";
                fn code(self) -> ::core::primitive::u16 { 0 }
                fn from_code(_: ::core::primitive::u16) -> ::core::option::Option<Self> { ::core::option::Option::None }
                fn name(self) -> &'static ::core::primitive::str { "" }
                fn description(self) -> ::core::option::Option<&'static ::core::primitive::str> { ::core::option::Option::None }
            }
        };
    }
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
