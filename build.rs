//! A default build compiles `src/close_codes.rs`, the generator's output for the vendored
//! registry, checked in (and checked against the generator by `tests/generated.rs`): it needs
//! no generator, so applications compile none.
//!
//! With the `regenerate` feature (implied by `fetch`) this script generates
//! `OUT_DIR/close_codes.rs` instead, from `CLOSECODE_REGISTRY_CSV` (a newer registry file),
//! from the download of the `fetch` feature (from `CLOSECODE_REGISTRY_URL`, by default IANA;
//! never when Cargo runs offline), or from the vendored registry. Either may add registrations
//! to the vendored snapshot, never remove or rename one. The same inputs give the same bytes:
//! no day comes from a clock or a file's time when `SOURCE_DATE_EPOCH` is set, and a file's
//! day is `unknown` without it. Glue only: parsing, checking, rendering and the download live
//! in `closecode-registry`, with their tests.

use std::{env, process::ExitCode};

const OVERRIDE: &str = "CLOSECODE_REGISTRY_CSV";
const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";
#[cfg(feature = "fetch")]
const URL: &str = "CLOSECODE_REGISTRY_URL";
/// The build-time download gives up after this many seconds, connection and body together
/// (REGISTRY.md documents it), and takes at most 1 MiB.
#[cfg(feature = "fetch")]
const DOWNLOAD_TIMEOUT_SECS: u64 = 20;

fn main() -> ExitCode {
    // Once any rerun-if line is printed Cargo stops watching the package, so name every input.
    // The vendored data needs no line: it is compiled into the closecode-registry dependency.
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed={OVERRIDE}");
    println!("cargo::rerun-if-env-changed={SOURCE_DATE_EPOCH}");
    println!("cargo::rustc-check-cfg=cfg(closecode_regenerated)");
    #[cfg(feature = "fetch")]
    {
        println!("cargo::rerun-if-env-changed={URL}");
        println!("cargo::rerun-if-env-changed=CARGO_NET_OFFLINE");
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Without `regenerate`, the checked-in code is used; a registry file asked for is an error,
/// never silently ignored.
#[cfg(not(feature = "regenerate"))]
fn run() -> Result<(), String> {
    match env::var_os(OVERRIDE).filter(|v| !v.is_empty()) {
        Some(path) => Err(format!(
            "{OVERRIDE} is set ({}), but closecode's `regenerate` feature is off, so the build cannot \
             generate from it: add `closecode = {{ version = \"0.1\", features = [\"regenerate\"] }}` to the \
             application's dependencies, or unset {OVERRIDE}",
            std::path::Path::new(&path).display()
        )),
        None => Ok(()),
    }
}

#[cfg(feature = "regenerate")]
use closecode_registry::{Origin, Provenance, Registry, Source, generate_from, parse_registry, vendored};
#[cfg(feature = "regenerate")]
use std::{fs, path::Path};

#[cfg(feature = "regenerate")]
fn run() -> Result<(), String> {
    println!("cargo::rustc-cfg=closecode_regenerated");
    let vendored = vendored().map_err(|e| e.to_string())?;
    let vendored_provenance = closecode_registry::vendored_provenance().map_err(|e| e.to_string())?;
    let (registry, provenance, origin) = match env::var_os(OVERRIDE).filter(|v| !v.is_empty()) {
        Some(path) => {
            let path = Path::new(&path);
            println!("cargo::rerun-if-changed={}", path.display());
            let (registry, provenance) = from_file(path, &vendored)?;
            (registry, provenance, Origin::File)
        }
        None => match fetched(&vendored, &vendored_provenance)? {
            Ok(Some((registry, provenance))) => (registry, provenance, Origin::Downloaded),
            Ok(None) => (vendored, vendored_provenance, Origin::Vendored),
            Err(provenance) => (vendored, provenance, Origin::VendoredAfterFailedDownload),
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
    let out = Path::new(&env::var_os("OUT_DIR").ok_or("OUT_DIR is not set: run through cargo")?).join("close_codes.rs");
    fs::write(&out, generate_from(&registry, &provenance, origin))
        .map_err(|e| format!("{}: cannot write: {e}", out.display()))
}

/// The day `SOURCE_DATE_EPOCH` names, if it is set; a malformed value fails the build (as the
/// specification asks) rather than being guessed around.
#[cfg(feature = "regenerate")]
fn source_date_epoch() -> Result<Option<String>, String> {
    match env::var_os(SOURCE_DATE_EPOCH).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(value) => closecode_registry::day_of_source_date_epoch(&value.to_string_lossy()).map(Some),
    }
}

#[cfg(feature = "regenerate")]
/// The registry in the file `CLOSECODE_REGISTRY_CSV` names: parsed, checked, and checked to
/// keep every variant of the vendored snapshot. Its provenance names the file, not the
/// builder's path, and dates it by `SOURCE_DATE_EPOCH`, or as unknown: never by the file's
/// modification time, which says when it was copied, not when the registry was taken.
fn from_file(path: &Path, vendored: &Registry) -> Result<(Registry, Provenance), String> {
    let name = path.display().to_string();
    let bytes = fs::read(path).map_err(|e| format!("{name}: cannot read the file {OVERRIDE} names: {e}"))?;
    let registry = parse_registry(&Source::new(&name, &bytes)).map_err(|e| e.to_string())?;
    registry.check_extends(vendored, &name).map_err(|e| format!("{e} (the file {OVERRIDE} names)"))?;
    let file_name = path.file_name().map_or_else(|| name.clone(), |n| n.to_string_lossy().into_owned());
    let retrieved = source_date_epoch()?.unwrap_or_else(|| closecode_registry::UNKNOWN_DAY.to_string());
    Ok((registry, Provenance { source: format!("file {file_name}"), retrieved }))
}

/// With `fetch`: `Ok(Ok(Some(..)))` for the downloaded registry, or `Ok(Err(provenance))`
/// recording why the build falls back to the vendored copy (also printed as a warning): Cargo
/// runs offline (`--offline`, `--frozen`, `CARGO_NET_OFFLINE`, `net.offline`), or the
/// download, its validation or the rule failed.
#[cfg(feature = "fetch")]
#[allow(clippy::type_complexity, reason = "one caller")]
fn fetched(
    vendored: &Registry,
    vendored_provenance: &Provenance,
) -> Result<Result<Option<(Registry, Provenance)>, Provenance>, String> {
    let url = env::var(URL).unwrap_or_else(|_| closecode_registry::fetch::IANA_URL.to_string());
    let fallback = |why: &str| {
        println!("cargo::warning=could not use the registry at {url} ({why}); building with the vendored copy");
        Err(Provenance {
            source: format!(
                "vendored, download failed: {url}: {why}; vendored copy from {}",
                vendored_provenance.source
            ),
            retrieved: vendored_provenance.retrieved.clone(),
        })
    };
    if let Some(reason) = closecode_registry::fetch::offline() {
        return Ok(fallback(&format!("not attempted, {reason}")));
    }
    let day = source_date_epoch()?;
    let options =
        closecode_registry::fetch::Options::default().timeout(std::time::Duration::from_secs(DOWNLOAD_TIMEOUT_SECS));
    let result = closecode_registry::fetch::download(&url, &options)
        .map_err(|e| e.to_string())
        .and_then(|bytes| parse_registry(&Source::new(&url, &bytes)).map_err(|e| e.to_string()))
        .and_then(|registry| registry.check_extends(vendored, &url).map(|()| registry).map_err(|e| e.to_string()));
    Ok(match result {
        Ok(registry) => {
            let retrieved = day.unwrap_or_else(closecode_registry::today_utc);
            Ok(Some((registry, Provenance { source: url, retrieved })))
        }
        Err(error) => fallback(&error),
    })
}

#[cfg(all(feature = "regenerate", not(feature = "fetch")))]
#[allow(clippy::unnecessary_wraps, clippy::type_complexity, reason = "the same signature as with the feature")]
fn fetched(_: &Registry, _: &Provenance) -> Result<Result<Option<(Registry, Provenance)>, Provenance>, String> {
    Ok(Ok(None))
}
