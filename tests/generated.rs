//! The generated code is reviewed like code, and it is what the crate compiles: `src/close_codes.rs`
//! is the generator's output for the vendored registry, checked in (a default build needs no
//! build-time generation, so it compiles no generator). This test regenerates it from the
//! vendored data and fails on any difference.
//!
//! After an intended change, refresh it and read the diff:
//! `CLOSECODE_BLESS=1 cargo test -p closecode --test generated`.

use std::path::Path;

#[test]
fn generated_code_matches_the_snapshot() {
    let registry = closecode_registry::vendored().unwrap();
    let provenance = closecode_registry::vendored_provenance().unwrap();
    let generated = closecode_registry::generate(&registry, &provenance);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/close_codes.rs");
    if std::env::var_os("CLOSECODE_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let snapshot = std::fs::read_to_string(&path).unwrap_or_default();
    if generated != snapshot {
        let first = generated.lines().zip(snapshot.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "generated code differs from {} at line {}:\n  generated: {:?}\n  snapshot:  {:?}\n\
             If the change is intended: CLOSECODE_BLESS=1 cargo test -p closecode --test generated",
            path.display(),
            first + 1,
            generated.lines().nth(first),
            snapshot.lines().nth(first),
        );
    }
}

#[test]
fn the_snapshot_is_rustfmt_clean() {
    // The generator writes formatted code, so the snapshot reads like hand-written source.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/close_codes.rs");
    let rustfmt = std::process::Command::new("rustfmt")
        .args(["--edition", "2024", "--check", "--config", "max_width=120,use_small_heuristics=Max"])
        .arg(&path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rustfmt ({e}); install it with `rustup component add rustfmt`"));
    assert!(rustfmt.status.success(), "{}", String::from_utf8_lossy(&rustfmt.stdout));
}
