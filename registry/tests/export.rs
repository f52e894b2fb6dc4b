//! `closecode-registry export`: the TypeScript output is reviewed like code (a golden
//! snapshot), and bad input gets one `error:` line, exit status 2, and no file left behind.
//!
//! After an intended change: `CLOSECODE_BLESS=1 cargo test -p closecode-registry --test export`.

use closecode_registry::{ExportFormat, export, vendored, vendored_provenance};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[test]
fn the_typescript_module_matches_its_snapshot() {
    let generated = export(&vendored().unwrap(), &vendored_provenance().unwrap(), ExportFormat::TypeScript);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/close-codes.ts");
    if std::env::var_os("CLOSECODE_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let snapshot = std::fs::read_to_string(&path).unwrap_or_default();
    if generated != snapshot {
        let first = generated.lines().zip(snapshot.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "the TypeScript export differs from {} at line {}; if intended: \
             CLOSECODE_BLESS=1 cargo test -p closecode-registry --test export",
            path.display(),
            first + 1
        );
    }
}

#[test]
fn the_javascript_module_is_the_typescript_one_without_types() {
    let (registry, provenance) = (vendored().unwrap(), vendored_provenance().unwrap());
    let js = export(&registry, &provenance, ExportFormat::JavaScript);
    assert!(!js.contains(": number") && !js.contains("as const") && !js.contains("export type"));
    assert!(js.contains("export function nameOf(code) {"));
}

fn tmp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("export-cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_closecode-registry")).args(args).output().unwrap()
}

fn assert_one_error_line(out: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains(expected), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn every_format_writes_its_file() {
    let dir = tmp("formats");
    for (format, file) in [("ts", "c.ts"), ("js", "c.mjs"), ("json", "c.json")] {
        let out = cli(&["export", "--format", format, "--out", dir.join(file).to_str().unwrap()]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read_to_string(dir.join(file)).unwrap().contains("1014"));
    }
    let stdout = cli(&["export", "--format", "json"]);
    assert!(String::from_utf8_lossy(&stdout.stdout).contains("\"BadGateway\""));
    let leftovers: Vec<_> =
        std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok()).collect();
    assert_eq!(leftovers.len(), 3, "no temporary file is left: {leftovers:?}");
}

#[test]
fn an_unknown_format_is_refused() {
    assert_one_error_line(
        &cli(&["export", "--format", "yaml"]),
        "unknown format `yaml`; expected `ts`, `js` or `json`",
    );
}

#[test]
fn an_unwritable_out_leaves_nothing_behind() {
    let dir = tmp("unwritable");
    let target = dir.join("missing-dir").join("close-codes.ts");
    assert_one_error_line(&cli(&["export", "--out", target.to_str().unwrap()]), "cannot write");
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing is created");
}

#[test]
fn a_malformed_registry_is_refused_with_file_and_line_and_the_old_file_kept() {
    let dir = tmp("malformed");
    let csv = dir.join("bad.csv");
    std::fs::write(&csv, "Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n10x1,Oops,,\r\n").unwrap();
    let out_file = dir.join("close-codes.ts");
    std::fs::write(&out_file, "previous").unwrap();
    let out = cli(&["export", "--csv", csv.to_str().unwrap(), "--out", out_file.to_str().unwrap()]);
    assert_one_error_line(&out, &format!("{}:3: status code `10x1` is not a number", csv.display()));
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "previous");
}

#[test]
fn the_updater_without_its_feature_says_which_feature() {
    if cfg!(feature = "fetch") {
        return; // with the feature the updater runs; its own tests cover it
    }
    assert_one_error_line(&cli(&["update"]), "the updater needs the `fetch` feature");
}
