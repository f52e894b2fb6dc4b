//! Generates `OUT_DIR/close_codes.rs` from the close-code registry.
//!
//! Glue only: parsing, checking and rendering live in `closecode-registry`, with their tests.
//! The data comes from that crate (never from a path outside this package), unless
//! `CLOSECODE_REGISTRY_CSV` names a newer registry file to build against.

use closecode_registry::{Provenance, Source, generate, parse_registry, vendored, vendored_provenance};
use std::{env, fs, path::PathBuf, process::ExitCode};

const OVERRIDE: &str = "CLOSECODE_REGISTRY_CSV";

fn main() -> ExitCode {
    // Once any rerun-if line is printed Cargo stops watching the package, so name every input.
    // The vendored data needs no line: it is compiled into the closecode-registry dependency.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed={OVERRIDE}");
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let (registry, provenance) = match env::var_os(OVERRIDE).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = PathBuf::from(path);
            println!("cargo::rerun-if-changed={}", path.display());
            let name = path.display().to_string();
            let bytes = fs::read(&path).map_err(|e| format!("{name}: cannot read the file {OVERRIDE} names: {e}"))?;
            let registry = parse_registry(&Source::new(&name, &bytes)).map_err(|e| e.to_string())?;
            (registry, Provenance { source: name, retrieved: "unknown".to_string() })
        }
        None => (vendored().map_err(|e| e.to_string())?, vendored_provenance().map_err(|e| e.to_string())?),
    };
    for entry in registry.unannotated() {
        let ident = entry.ident.as_deref().unwrap_or("(range)");
        println!("cargo::warning=registry row {} has no annotation; named `{ident}` from its Meaning", entry.row.span);
    }
    for note in registry.unused_annotations() {
        println!(
            "cargo::warning={}:{}: annotation for {} matches no registry row",
            closecode_registry::ANNOTATIONS_PATH,
            note.line,
            note.span
        );
    }
    let out =
        PathBuf::from(env::var_os("OUT_DIR").ok_or("OUT_DIR is not set: run through cargo")?).join("close_codes.rs");
    fs::write(&out, generate(&registry, &provenance)).map_err(|e| format!("{}: cannot write: {e}", out.display()))
}
