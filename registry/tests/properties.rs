//! The fuzz target's properties (`fuzz/fuzz_targets/registry_csv.rs`), on stable and in every
//! `cargo test`: files made of the vendored registry's own lines, some dropped, reordered or
//! repeated, with fragments that break rows spliced in. Whatever the file, the parser answers
//! without a panic: an error names a line inside the file (lines counted by `\n`), and an
//! accepted registry can be generated and checked against the vendored one (the exports and
//! the diff, in `closecode-tools`, run the same files in that crate's tests).

mod support;

use closecode_registry::{Source, generate, parse_registry, vendored, vendored_provenance};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use support::files::file;

#[test]
fn every_file_is_answered_without_a_panic_and_errors_name_a_line_of_it() {
    let vendored = vendored().unwrap();
    let provenance = vendored_provenance().unwrap();
    let (mut accepted, mut refused) = (0, 0);
    let mut runner = TestRunner::deterministic();
    let strategy = file();
    for _ in 0..1000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let bytes = text.as_bytes();
        match parse_registry(&Source::new("prop.csv", bytes)) {
            Ok(registry) => {
                accepted += 1;
                assert!(generate(&registry, &provenance).contains("pub enum CloseCode"), "{text:?}");
                let _unfinished = registry.unfinished_annotations("prop.csv", "a.csv");
                if let Err(error) = registry.check_extends(&vendored, "prop.csv") {
                    assert!(!error.message().is_empty(), "{text:?}");
                }
            }
            Err(error) => {
                refused += 1;
                let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                assert!(error.line() >= 1 && error.line() <= lines, "{error} (the file has {lines} lines): {text:?}");
                assert!(!error.message().is_empty(), "{text:?}");
            }
        }
    }
    // Both paths must run often, or the test says little.
    assert!(accepted >= 200 && refused >= 200, "{accepted} accepted, {refused} refused");
}
