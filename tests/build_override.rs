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
    cargo_with(dir, args, &[("CLOSECODE_REGISTRY_CSV", registry_csv.to_str().unwrap())])
}

fn cargo_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    cargo_in(&target_dir(), dir, args, env)
}

/// `cargo ARGS --offline --target-dir TARGET` in `dir`, with only `env` of closecode's variables.
fn cargo_in(target: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .current_dir(dir)
        .args(args)
        .args(["--offline", "--target-dir"])
        .arg(target)
        .env_remove("CLOSECODE_REGISTRY_CSV")
        .env_remove("CLOSECODE_REGISTRY_URL")
        .env_remove("RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("cargo runs")
}

#[test]
fn a_malformed_registry_fails_the_build_with_file_and_line() {
    let bad = Path::new(env!("CARGO_TARGET_TMPDIR")).join("malformed-registry.csv");
    std::fs::write(&bad, "Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n10O1,Going Away,,\r\n")
        .unwrap();
    let out = cargo(workspace(), &["build", "--quiet", "-p", "closecode"], &bad);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build must fail");
    let expected = format!("{}:3: status code `10O1` is not a number", bad.display());
    assert!(stderr.contains(&expected), "stderr lacks {expected:?}:\n{stderr}");
}

#[test]
fn a_missing_override_file_fails_the_build_naming_it() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-registry.csv");
    let out = cargo(workspace(), &["build", "--quiet", "-p", "closecode"], &missing);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no-such-registry.csv: cannot read the file CLOSECODE_REGISTRY_CSV names"), "{stderr}");
}

/// A small binary crate using `closecode` from this workspace, with `features`, that checks
/// what the generated `CloseCode` knows of 1016 and prints it.
fn newer_registry_app(name: &str, features: &str, expect_new_code: bool) -> PathBuf {
    let app = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"newer-registry-app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclosecode = {{ path = {:?}, features = [{features}] }}\n\n[workspace]\n",
            workspace().display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    let main = if expect_new_code {
        r#"use closecode::CloseCode;
fn main() {
    let code = CloseCode::from(1016);
    assert_eq!(code, CloseCode::ShinyNewCode);
    assert!(code.is_registered());
    assert!(code.is_sendable(), "a registered protocol code without a flag is sendable");
    assert_eq!(CloseCode::from(1017).name(), "Unassigned");
    println!("{code} {}", closecode::REGISTRY_SOURCE);
}
"#
    } else {
        r#"fn main() {
    let code = closecode::CloseCode::from(1016);
    assert!(!code.is_registered());
    println!("{code} {}", closecode::REGISTRY_SOURCE);
}
"#
    };
    std::fs::write(app.join("src/main.rs"), main).unwrap();
    app
}

#[test]
fn a_newer_registry_adds_its_code_as_a_variant() {
    let newer = workspace().join("registry/tests/data/registry-newer.csv");
    let app = newer_registry_app("newer-registry-app", "", true);
    let out = cargo(&app, &["run", "--quiet"], &newer);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("1016 Shiny New Code {}", newer.display()));
}

#[path = "../registry/tests/support/http.rs"]
mod http;

/// The `fetch` feature against a loopback server: the served registry is what the build
/// generates from; a server that fails leaves the build on the vendored copy, with a warning.
#[test]
fn the_fetch_feature_builds_from_the_download_or_falls_back() {
    let newer = std::fs::read(workspace().join("registry/tests/data/registry-newer.csv")).unwrap();
    let server = http::Server::start(vec![("/close-code-number.csv", http::Reply::Body(newer))]);
    let url = server.url("/close-code-number.csv");
    let app = newer_registry_app("fetch-app", "\"fetch\"", true);
    let out = cargo_with(&app, &["run"], &[("CLOSECODE_REGISTRY_URL", &url)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("1016 Shiny New Code {url}"));

    let fallback = newer_registry_app("fetch-fallback-app", "\"fetch\"", false);
    let broken = server.url("/missing.csv");
    let out = cargo_with(&fallback, &["run"], &[("CLOSECODE_REGISTRY_URL", &broken)]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("could not use the registry at {broken} (the server answered HTTP 404, not 200); building with the vendored copy")),
        "{stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "1016 Unassigned https://www.iana.org/assignments/websocket/close-code-number.csv"
    );
}

/// Once a build script prints a `rerun-if` line Cargo watches only what it names: an edit to
/// the crate's own source must not rerun it, an edit to `build.rs` must.
#[test]
fn the_build_script_reruns_only_for_its_inputs() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rerun-builds");
    let build = || {
        let out = cargo_in(&target, workspace(), &["build", "-v", "-p", "closecode"], &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let ran_script = |log: &str| log.lines().any(|l| l.contains("Running") && l.contains("build-script-build"));
    let touch = |file: &str| {
        let path = workspace().join(file);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, bytes).unwrap(); // same content, new modification time
    };
    build();
    std::thread::sleep(std::time::Duration::from_millis(1100)); // coarse file-system clocks
    touch("src/range.rs");
    let log = build();
    assert!(log.contains("Compiling closecode"), "the crate itself is rebuilt:\n{log}");
    assert!(!ran_script(&log), "an edit to src/ must not rerun the build script:\n{log}");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    touch("build.rs");
    assert!(ran_script(&build()), "an edit to build.rs reruns it");
}
