//! The page's front-end modules are checked in (`demo/web/*.mjs`) and kept current the way the
//! README tells applications to: this test writes them, and under CI (`CI` set, as `.ci/run`
//! and hosted CI services do) compares them instead, so a stale module fails the build.

use closecode_demo::ChatClose;
use std::path::Path;

/// Writes `module` to `web/NAME`, or under CI asserts the checked-in file equals it.
fn keep_current(name: &str, module: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("web").join(name);
    if std::env::var_os("CI").is_some() {
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            checked_in == module,
            "demo/web/{name} is stale: run `cargo test -p closecode-demo --test front_end` and commit it"
        );
    } else {
        std::fs::write(&path, module).unwrap();
    }
}

#[test]
fn the_chat_codes_module_is_current() {
    keep_current("chat-close.mjs", &closecode_core::export::javascript::<ChatClose>());
}

#[test]
fn the_engines_module_is_current() {
    keep_current("engines.mjs", &closecode_core::export::engines(closecode_core::export::Format::JavaScript));
}

#[test]
fn the_registry_module_is_current() {
    let registry = closecode_registry::vendored().unwrap();
    let provenance = closecode_registry::vendored_provenance().unwrap();
    let module = closecode_tools::export::javascript(&registry, &provenance);
    keep_current("close-codes.mjs", &module);
}
