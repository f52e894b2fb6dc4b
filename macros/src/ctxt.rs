//! Collects errors so that one build reports every problem of an input, each on its tokens.

use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream, TokenTree};
use std::fmt::Display;

/// Where an error points: from the first token to the last, so rustc underlines the whole
/// offending expression (the trick syn's `Error::new_spanned` uses, without syn's printer).
#[derive(Clone, Copy)]
pub(crate) struct SpanRange {
    pub(crate) start: Span,
    pub(crate) end: Span,
}

impl SpanRange {
    pub(crate) fn at(span: Span) -> SpanRange {
        SpanRange { start: span, end: span }
    }

    /// The range covering `tokens`, or the call site when there are none.
    pub(crate) fn of(tokens: &TokenStream) -> SpanRange {
        let mut iter = tokens.clone().into_iter();
        let start = iter.next().map_or_else(Span::call_site, |t| t.span());
        let end = iter.last().map_or(start, |t| t.span());
        SpanRange { start, end }
    }

    /// `path! { "message" }` with the path carrying the start span and the message the end
    /// span: rustc then points at everything from the first token to the last.
    pub(crate) fn macro_call(self, path: TokenStream, message: &str) -> TokenStream {
        let mut literal = Literal::string(message);
        literal.set_span(self.end);
        let mut group = Group::new(Delimiter::Brace, TokenTree::Literal(literal).into());
        group.set_span(self.end);
        let mut out: TokenStream = path
            .into_iter()
            .map(|mut tree| {
                tree.set_span(self.start);
                tree
            })
            .collect();
        out.extend([TokenTree::Group(group)]);
        out
    }
}

#[derive(Default)]
pub(crate) struct Ctxt {
    errors: Vec<(SpanRange, String)>,
}

impl Ctxt {
    pub(crate) fn error(&mut self, range: SpanRange, message: impl Display) {
        self.errors.push((range, message.to_string()));
    }

    pub(crate) fn error_at(&mut self, span: Span, message: impl Display) {
        self.error(SpanRange::at(span), message);
    }

    pub(crate) fn push(&mut self, error: &syn::Error) {
        self.error_at(error.span(), error);
    }

    /// The collected errors as `compile_error!` invocations, or `None` when there are none.
    pub(crate) fn finish(self) -> Option<TokenStream> {
        if self.errors.is_empty() {
            return None;
        }
        let mut out = TokenStream::new();
        for (range, message) in self.errors {
            out.extend(range.macro_call(crate::template::tokens("::core::compile_error!"), &message));
        }
        Some(out)
    }
}
