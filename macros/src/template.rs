//! The output written as Rust text with `$name` holes, instead of `quote!`: a template is data,
//! so the macro crate compiles one small function (`fill`) rather than a push call per output
//! token. Tokens lexed from text have `Span::call_site()`, as `quote!`'s do; a hole keeps the
//! spans of the tokens put in it (the enum's name, the user's `crate = path`, the code
//! expressions of the const assertions).

use proc_macro2::{Group, Literal, TokenStream, TokenTree};
use std::fmt::Write as _;

/// `text` as tokens. The templates are fixed Rust text, lexed in every test; text that does
/// not lex (never the case) gives no tokens rather than a panic.
pub(crate) fn tokens(text: &str) -> TokenStream {
    text.parse().unwrap_or_default()
}

/// `template` as tokens, each `$name` replaced by the tokens `holes` give for `name`. A `$`
/// not followed by the name of a hole stays as it is.
pub(crate) fn fill(template: &str, holes: &[(&str, &TokenStream)]) -> TokenStream {
    substitute(tokens(template), holes)
}

fn substitute(stream: TokenStream, holes: &[(&str, &TokenStream)]) -> TokenStream {
    let mut out = TokenStream::new();
    let mut trees = stream.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(dollar) if dollar.as_char() == '$' => {
                let hole = match trees.peek() {
                    Some(TokenTree::Ident(name)) => holes.iter().find(|(hole, _)| name == hole),
                    _ => None,
                };
                if let Some((_, with)) = hole {
                    trees.next();
                    out.extend((*with).clone());
                } else {
                    out.extend([TokenTree::Punct(dollar)]);
                }
            }
            TokenTree::Group(group) => {
                let mut filled = Group::new(group.delimiter(), substitute(group.stream(), holes));
                filled.set_span(group.span());
                out.extend([TokenTree::Group(filled)]);
            }
            tree => out.extend([tree]),
        }
    }
    out
}

/// `text` as a string literal, escaped, for writing into a template.
pub(crate) fn string(out: &mut String, text: &str) {
    let _ = write!(out, "{}", Literal::string(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_at_any_depth_and_other_dollars_stay() {
        let ty = tokens("Chat");
        let out = fill("impl X for $ty { fn f() -> [$ty; 1] { $other } }", &[("ty", &ty)]);
        assert_eq!(out.to_string(), "impl X for Chat { fn f () -> [Chat ; 1] { $ other } }");
    }

    #[test]
    fn strings_are_escaped_literals() {
        let mut out = String::new();
        string(&mut out, "a \"b\" \\ c\n");
        assert_eq!(out, r#""a \"b\" \\ c\n""#);
    }
}
