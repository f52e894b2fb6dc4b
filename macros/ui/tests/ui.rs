//! Every misuse of `#[derive(AppCloseCode)]` fails to compile with an error on the right token.
//! One failure per file in `tests/ui/`, named after it; the expected compiler output is the
//! `.stderr` beside it. Refresh with `TRYBUILD=overwrite cargo test -p closecode-macros-ui --test ui`
//! and read the diff.

#[test]
fn derive_errors() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
}
