//! Generates `OUT_DIR/close_codes.rs` from the close-code registry.
//!
//! Glue only: parsing, checking and rendering live in `closecode-registry`, with their tests.
//! The data comes from that crate (never from a path outside this package), unless
//! `CLOSECODE_REGISTRY_CSV` names a newer registry file to build against, or the `fetch`
//! feature downloads the current one (from `CLOSECODE_REGISTRY_URL`, by default IANA).

use closecode_registry::{Provenance, Source, generate, parse_registry, vendored, vendored_provenance};
use std::{env, fs, path::PathBuf, process::ExitCode};

const OVERRIDE: &str = "CLOSECODE_REGISTRY_CSV";
#[cfg(feature = "fetch")]
const URL: &str = "CLOSECODE_REGISTRY_URL";

fn main() -> ExitCode {
    // Once any rerun-if line is printed Cargo stops watching the package, so name every input.
    // The vendored data needs no line: it is compiled into the closecode-registry dependency.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed={OVERRIDE}");
    #[cfg(feature = "fetch")]
    println!("cargo::rerun-if-env-changed={URL}");
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
        None => match fetched() {
            Some(downloaded) => downloaded,
            None => (vendored().map_err(|e| e.to_string())?, vendored_provenance().map_err(|e| e.to_string())?),
        },
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

/// The current registry, downloaded; `None` (with a warning) when the download or its
/// validation fails, so the build goes on with the vendored copy.
#[cfg(feature = "fetch")]
fn fetched() -> Option<(closecode_registry::Registry, Provenance)> {
    let url = env::var(URL).unwrap_or_else(|_| closecode_registry::fetch::IANA_URL.to_string());
    let options =
        closecode_registry::fetch::Options { timeout: std::time::Duration::from_secs(20), ..Default::default() };
    let result = closecode_registry::fetch::download(&url, &options)
        .map_err(|e| e.to_string())
        .and_then(|bytes| parse_registry(&Source::new(&url, &bytes)).map_err(|e| e.to_string()));
    match result {
        Ok(registry) => {
            Some((registry, Provenance { source: url, retrieved: closecode_registry::vendor::today_utc() }))
        }
        Err(error) => {
            println!("cargo::warning=could not use the registry at {url} ({error}); building with the vendored copy");
            None
        }
    }
}

#[cfg(not(feature = "fetch"))]
fn fetched() -> Option<(closecode_registry::Registry, Provenance)> {
    None
}
