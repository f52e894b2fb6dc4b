//! The rules: every code in the enum's range, no code twice. Literal and implicit codes are
//! checked here, with errors on the exact tokens; codes written as expressions are left to
//! const assertions that rustc evaluates (see `expand`).

use crate::ast::{Discriminant, Input, Variant};
use crate::ctxt::{Ctxt, SpanRange};

/// The codes an enum may use.
#[derive(Clone, Copy)]
pub(crate) struct Range {
    pub(crate) low: u128,
    pub(crate) high: u128,
    pub(crate) label: &'static str,
}

impl Range {
    pub(crate) fn of(input: &Input) -> Range {
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
pub(crate) fn check(cx: &mut Ctxt, input: &Input) -> Vec<Code> {
    let range = Range::of(input);
    let mut codes = Vec::with_capacity(input.variants.len());
    let mut seen: Vec<(u128, &Variant)> = Vec::new();
    let mut previous: Option<&Code> = None;
    for variant in &input.variants {
        let code = match (&variant.discriminant, previous) {
            (Discriminant::Literal { value, tokens }, _) => {
                if !range.contains(*value) {
                    cx.error(
                        SpanRange::of(tokens),
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
                if let Some(value) = before.checked_add(1) {
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
                } else {
                    let message = format!("`{}` has no code, and the previous one plus one overflows", variant.ident);
                    cx.error_at(variant.ident.span(), message);
                    Code::Deferred
                }
            }
        };
        if let Code::Known(value) = code {
            if let Some((_, first)) = seen.iter().find(|(v, _)| *v == value) {
                cx.error(variant.code_range(), format!("close code {value} is used twice"));
                cx.error(first.code_range(), format!("close code {value} is first used here"));
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

    fn codes(source: &str) -> (Vec<Option<u128>>, Option<String>) {
        let mut cx = Ctxt::default();
        let Some(parsed) = crate::ast::parse(&mut cx, source.parse().unwrap()) else {
            panic!("not a fieldless enum: {:?}", cx.finish().map(|e| e.to_string()));
        };
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
        let (values, errors) =
            codes("enum E { A = 4000, B, C = X + 1, D, E = 0x0FA0 + 0, F = (4010), G, H = f::<1, 2>(), I }");
        assert_eq!(values, [Some(4000), Some(4001), None, None, None, Some(4010), Some(4011), None, None]);
        assert_eq!(errors, None);
    }

    #[test]
    fn the_library_range_moves_the_bounds() {
        let (_, errors) = codes("#[close_code(library)] enum E { A = 3000, B = 3999 }");
        assert_eq!(errors, None);
        let (_, errors) = codes("#[close_code(library)] pub(crate) enum E { A = 2999 }");
        let errors = errors.unwrap();
        assert!(errors.contains("\"close code 2999 is outside 3000-3999, the library range\""), "{errors}");
    }

    #[test]
    fn hex_and_suffixed_literals_are_reduced() {
        let (values, errors) = codes("enum E { A = 0x0FA1, B = 4002u16, C = 4_003, }");
        assert_eq!(values, [Some(4001), Some(4002), Some(4003)]);
        assert_eq!(errors, None);
    }
}
