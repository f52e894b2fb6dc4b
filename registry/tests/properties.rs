//! The fuzz target's properties (`fuzz/fuzz_targets/registry_csv.rs`), on stable and in every
//! `cargo test`: files made of the vendored registry's own lines, some dropped, reordered or
//! repeated, with fragments that break rows spliced in. Whatever the file, the parser answers
//! without a panic: an error names a line inside the file (lines counted by `\n`), and an
//! accepted registry can be generated, exported in every format, diffed and checked against
//! the vendored one.

use closecode_registry::{ExportFormat, Source, diff, export, generate, parse_registry, vendored, vendored_provenance};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

/// Fragments that break a row, or add one.
const NOISE: [&str; 17] = [
    ",",
    "\"",
    "\r",
    "\n",
    "\r\n",
    "1014",
    "3009",
    "-",
    "65536",
    "4000-4999",
    "2999-1016",
    "x",
    " ",
    "#",
    "\u{feff}",
    "1016-2999,Unassigned,,,\r\n",
    "3009,Shiny New Code,[x],[y],\r\n",
];

/// A file: the header (in nine files of ten), then some of the vendored rows in any order,
/// with up to three fragments of [`NOISE`] inserted anywhere.
fn file() -> impl Strategy<Value = String> {
    // Rows end in CRLF; the quoted 1014 row holds bare `\n`s and stays whole.
    let lines: Vec<&'static str> = closecode_registry::CSV.split_inclusive("\r\n").collect();
    let (header, rows) = (lines[0], lines[1..].to_vec());
    let rows = proptest::sample::subsequence(rows.clone(), 0..=rows.len()).prop_shuffle();
    let insertions = proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..4);
    (proptest::bool::weighted(0.9), rows, insertions).prop_map(move |(headed, mut pieces, insertions)| {
        for (at, noise) in insertions {
            pieces.insert(at.index(pieces.len() + 1), *noise.get(&NOISE));
        }
        std::iter::once(if headed { header } else { "" }).chain(pieces).collect()
    })
}

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
                for format in [ExportFormat::TypeScript, ExportFormat::JavaScript, ExportFormat::Json] {
                    assert!(!export(&registry, &provenance, format).is_empty(), "{text:?}");
                }
                let _changes = diff(&vendored, &registry);
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
