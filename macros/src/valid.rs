//! The rules: every code in the enum's range, no code twice. Literal and implicit codes are
//! checked here, with errors on the exact tokens; codes written as expressions are left to
//! const assertions that rustc evaluates (see `expand`).

use crate::ast::{Discriminant, Input, Variant, code_span};
use crate::ctxt::Ctxt;

/// The codes an enum may use.
#[derive(Clone, Copy)]
pub(crate) struct Range {
    pub(crate) low: u128,
    pub(crate) high: u128,
    pub(crate) label: &'static str,
}

impl Range {
    pub(crate) fn of(input: &Input<'_>) -> Range {
        if input.library {
            Range { low: 3000, high: 3999, label: "3000-3999, the library range" }
        } else {
            Range { low: 4000, high: 4999, label: "4000-4999, the private-use range" }
        }
    }

    fn contains(self, code: u128) -> bool {
        (self.low..=self.high).contains(&code)
    }

    /// What to do about `code`, when a change of range would accept it.
    fn hint(self, code: u128) -> &'static str {
        match (self.low, code) {
            (4000, 3000..=3999) => "; a library or framework code needs `#[close_code(library)]` on the enum",
            (3000, 4000..=4999) => "; private-use codes need the enum without `#[close_code(library)]`",
            _ => "",
        }
    }
}

/// What is known of each variant's code after the checks.
pub(crate) enum Code {
    /// Known here (a literal, or implicit after a known code).
    Known(u128),
    /// Only rustc knows it: an expression, or implicit after one (`base` + `offset`).
    Deferred,
}

/// Checks every literal and implicit code and returns what is known of each.
pub(crate) fn check(cx: &mut Ctxt, input: &Input<'_>) -> Vec<Code> {
    let range = Range::of(input);
    let mut codes = Vec::with_capacity(input.variants.len());
    let mut seen: Vec<(u128, &Variant<'_>)> = Vec::new();
    let mut previous: Option<&Code> = None;
    for variant in &input.variants {
        let code = match (&variant.discriminant, previous) {
            (Discriminant::Literal { value, expr }, _) => {
                if !range.contains(*value) {
                    cx.error_spanned(
                        expr,
                        format!("close code {value} is outside {}{}", range.label, range.hint(*value)),
                    );
                }
                Code::Known(*value)
            }
            (Discriminant::Expr(_), _) | (Discriminant::Implicit, Some(Code::Deferred)) => Code::Deferred,
            (Discriminant::Implicit, None) => {
                cx.error_at(
                    variant.ident.span(),
                    format!(
                        "`{}` has no code, so Rust gives it 0, outside {}; write `{} = {}`",
                        variant.ident, range.label, variant.ident, range.low
                    ),
                );
                Code::Known(0)
            }
            (Discriminant::Implicit, Some(Code::Known(before))) => {
                let value = before + 1;
                if !range.contains(value) {
                    cx.error_at(
                        variant.ident.span(),
                        format!(
                            "`{}` has no code, so Rust gives it {value} (the previous code plus one), outside {}",
                            variant.ident, range.label
                        ),
                    );
                }
                Code::Known(value)
            }
        };
        if let Code::Known(value) = code {
            if let Some((_, first)) = seen.iter().find(|(v, _)| *v == value) {
                cx.error_at(code_span(variant), format!("close code {value} is used twice"));
                cx.error_at(code_span(first), format!("close code {value} is first used here"));
            } else {
                seen.push((value, variant));
            }
        }
        codes.push(code);
        previous = codes.last();
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(input: &syn::DeriveInput) -> (Vec<Option<u128>>, Option<String>) {
        let mut cx = Ctxt::default();
        let parsed = crate::ast::parse(&mut cx, input).expect("a fieldless enum");
        let codes = check(&mut cx, &parsed)
            .into_iter()
            .map(|code| match code {
                Code::Known(value) => Some(value),
                Code::Deferred => None,
            })
            .collect();
        (codes, cx.finish().map(|e| e.to_string()))
    }

    #[test]
    fn implicit_codes_follow_literals_and_defer_after_expressions() {
        let (values, errors) = codes(&syn::parse_quote! {
            enum E { A = 4000, B, C = X + 1, D, E = 0x0FA0 + 0, F = (4010), G }
        });
        assert_eq!(values, [Some(4000), Some(4001), None, None, None, Some(4010), Some(4011)]);
        assert_eq!(errors, None);
    }

    #[test]
    fn the_library_range_moves_the_bounds() {
        let (_, errors) = codes(&syn::parse_quote! {
            #[close_code(library)]
            enum E { A = 3000, B = 3999 }
        });
        assert_eq!(errors, None);
        let (_, errors) = codes(&syn::parse_quote! {
            #[close_code(library)]
            enum E { A = 2999 }
        });
        assert_eq!(errors.as_deref(), Some("close code 2999 is outside 3000-3999, the library range"));
    }

    #[test]
    fn hex_and_suffixed_literals_are_reduced() {
        let (values, errors) = codes(&syn::parse_quote! { enum E { A = 0x0FA1, B = 4002u16, C = 4_003 } });
        assert_eq!(values, [Some(4001), Some(4002), Some(4003)]);
        assert_eq!(errors, None);
    }
}
