//! The fuzz target's properties for the tools, on stable and in every `cargo test`: whatever
//! registry file the parser accepts (the registry's property-test files: its own lines
//! dropped, reordered, repeated, with fragments that break rows spliced in) can be exported in
//! every format, diffed against the vendored registry and have its annotations edited, without
//! a panic; and the edited annotations always parse.

mod support;

use closecode_registry::{
    ANNOTATIONS, ANNOTATIONS_PATH, Registry, Source, parse_registry, vendored, vendored_provenance,
};
use closecode_tools::{annotate, diff::diff, export};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use support::files::file;

#[test]
fn every_accepted_file_exports_diffs_and_annotates_without_a_panic() {
    let (old, provenance) = (vendored().unwrap(), vendored_provenance().unwrap());
    let mut accepted = 0;
    let mut runner = TestRunner::deterministic();
    let strategy = file();
    for _ in 0..600 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let Ok(registry) = parse_registry(&Source::new("prop.csv", text.as_bytes())) else { continue };
        accepted += 1;
        for module in [export::typescript, export::javascript, export::json] {
            assert!(module(&registry, &provenance).contains("CloseCode"), "{text:?}");
        }
        let _changes = diff(&old, &registry).to_string();
        let (notes, _edits) = annotate::apply(ANNOTATIONS_PATH, ANNOTATIONS, &old, &registry).unwrap();
        let edited = Registry::parse(
            &Source::new("prop.csv", text.as_bytes()),
            &Source::new(ANNOTATIONS_PATH, notes.as_bytes()),
        )
        .unwrap_or_else(|e| panic!("{e}: {text:?}\n{notes}"));
        assert!(edited.unannotated().next().is_none(), "every row has a line after the edit: {text:?}");
    }
    assert!(accepted >= 150, "{accepted} accepted");
}
