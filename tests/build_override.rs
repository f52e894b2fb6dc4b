//! The build script end to end, through real nested `cargo` builds: a registry file given by
//! `CLOSECODE_REGISTRY_CSV` is what `CloseCode` is generated from, and a malformed one fails
//! the build with `file:line`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A target directory of its own, so the nested build never waits on the outer one's lock.
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("override-builds")
}

fn cargo(dir: &Path, args: &[&str], registry_csv: &Path) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .args(["--offline", "--quiet", "--target-dir"])
        .arg(target_dir())
        .env("CLOSECODE_REGISTRY_CSV", registry_csv)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn a_malformed_registry_fails_the_build_with_file_and_line() {
    let bad = Path::new(env!("CARGO_TARGET_TMPDIR")).join("malformed-registry.csv");
    std::fs::write(&bad, "Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n10O1,Going Away,,\r\n")
        .unwrap();
    let out = cargo(workspace(), &["build", "-p", "closecode"], &bad);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build must fail");
    let expected = format!("{}:3: status code `10O1` is not a number", bad.display());
    assert!(stderr.contains(&expected), "stderr lacks {expected:?}:\n{stderr}");
}

#[test]
fn a_missing_override_file_fails_the_build_naming_it() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-registry.csv");
    let out = cargo(workspace(), &["build", "-p", "closecode"], &missing);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no-such-registry.csv: cannot read the file CLOSECODE_REGISTRY_CSV names"), "{stderr}");
}

#[test]
fn a_newer_registry_adds_its_code_as_a_variant() {
    let newer = workspace().join("registry/tests/data/registry-newer.csv");
    let app = Path::new(env!("CARGO_TARGET_TMPDIR")).join("newer-registry-app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"newer-registry-app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclosecode = {{ path = {:?} }}\n\n[workspace]\n",
            workspace().display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    std::fs::write(
        app.join("src/main.rs"),
        r#"use closecode::CloseCode;
fn main() {
    let code = CloseCode::from(1016);
    assert_eq!(code, CloseCode::ShinyNewCode);
    assert!(code.is_registered());
    assert!(code.is_sendable(), "a registered protocol code without a flag is sendable");
    assert_eq!(code.to_string(), "1016 Shiny New Code");
    assert_eq!(CloseCode::from(1017).name(), "Unassigned");
    assert_eq!(closecode::REGISTRY_RETRIEVED, "unknown");
    println!("{code}");
}
"#,
    )
    .unwrap();
    let out = cargo(&app, &["run"], &newer);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1016 Shiny New Code");
}
