//! The build script end to end, through real nested `cargo` builds of a downstream probe
//! crate: a registry file given by `CLOSECODE_REGISTRY_CSV` may add registrations (the probe
//! compiles unchanged and sees the new code), never remove one (the build fails naming it);
//! a malformed file fails the build with `file:line`; the provenance constants say which
//! registry a binary was built with; a file's day is `SOURCE_DATE_EPOCH`'s or unknown, never
//! its modification time, so two builds from the same inputs give the same bytes; and the
//! `fetch` feature sends no request when Cargo runs offline.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn tmp() -> &'static Path {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
}

/// A target directory of its own, so the nested build never waits on the outer one's lock.
fn target_dir() -> PathBuf {
    tmp().join("override-builds")
}

fn cargo(dir: &Path, args: &[&str], registry_csv: &Path) -> Output {
    cargo_with(dir, args, &[("CLOSECODE_REGISTRY_CSV", registry_csv.to_str().unwrap())])
}

fn cargo_with(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    cargo_in(&target_dir(), dir, args, env)
}

/// `cargo ARGS --offline --target-dir TARGET` in `dir`, with only `env` of closecode's variables.
fn cargo_in(target: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    cargo_net(target, dir, args, env, true)
}

/// As [`cargo_in`], online or not: an online build (no `--offline`, `CARGO_NET_OFFLINE=false`)
/// is how the `fetch` feature's download is tested; the dependencies come from the copied
/// lock file and Cargo's cache, so it needs no network of its own.
fn cargo_net(target: &Path, dir: &Path, args: &[&str], env: &[(&str, &str)], offline: bool) -> Output {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(dir).args(args);
    if offline {
        command.arg("--offline");
    } else {
        command.env("CARGO_NET_OFFLINE", "false");
    }
    command
        .arg("--target-dir")
        .arg(target)
        .env_remove("CLOSECODE_REGISTRY_CSV")
        .env_remove("CLOSECODE_REGISTRY_URL")
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RUSTFLAGS");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("cargo runs")
}

/// The probe's code: what a downstream crate writes against the vendored registry. It must
/// compile unchanged against any registry a build accepts.
const PROBE_MAIN: &str = r#"use closecode::CloseCode;

const KICKED: CloseCode = CloseCode::from_u16(4001);

fn label(code: CloseCode) -> &'static str {
    match code {
        CloseCode::BadGateway => "bad gateway",
        CloseCode::Timeout => "timeout",
        KICKED => "kicked",
        CloseCode::Private(_) => "private",
        _ => "other",
    }
}

fn main() {
    assert_eq!(label(CloseCode::from(1014)), "bad gateway");
    assert_eq!(label(CloseCode::from(4001)), "kicked");
    let new = CloseCode::from(1016);
    println!("{} | {} | {:?} | {}", new, new.is_registered(), closecode::REGISTRY_ORIGIN, closecode::REGISTRY_SOURCE);
    println!("{}", closecode::REGISTRY_RETRIEVED);
}
"#;

/// A binary crate using `closecode` from this workspace, with `features`.
fn probe(name: &str, features: &str) -> PathBuf {
    let app = tmp().join(name);
    std::fs::create_dir_all(app.join("src")).unwrap();
    std::fs::write(
        app.join("Cargo.toml"),
        format!(
            "[package]\nname = \"probe\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclosecode = {{ path = {:?}, features = [{features}] }}\n\n[workspace]\n",
            workspace().display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), app.join("Cargo.lock")).unwrap();
    std::fs::write(app.join("src/main.rs"), PROBE_MAIN).unwrap();
    app
}

/// The probe's two output lines, asserting the build and run succeeded.
fn run_ok(out: &Output) -> (String, String) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the probe must build and run:\n{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut lines = stdout.lines().map(String::from);
    (lines.next().unwrap_or_default(), lines.next().unwrap_or_default())
}

#[test]
fn the_probe_compiles_against_the_vendored_registry() {
    let (line, retrieved) = run_ok(&cargo_with(&probe("probe-vendored", ""), &["run", "--quiet"], &[]));
    assert_eq!(
        line,
        "1016 Unassigned | false | Vendored | https://www.iana.org/assignments/websocket/close-code-number.csv"
    );
    assert_eq!(retrieved, "2026-06-11");
}

#[test]
fn a_newer_registry_adds_its_code_and_the_probe_compiles_unchanged() {
    let newer = workspace().join("registry/tests/data/registry-newer.csv");
    let (line, retrieved) = run_ok(&cargo(&probe("probe-newer", "\"regenerate\""), &["run", "--quiet"], &newer));
    // The file's name, never the builder's path; no day, since none was given.
    assert_eq!(line, "1016 Shiny New Code | true | File | file registry-newer.csv");
    assert_eq!(retrieved, "unknown");
}

/// The issue's "a file override's recorded day is not its mtime", and "two builds from the
/// same inputs give the same bytes": a file touched to 2021-01-01 records no day, or
/// `SOURCE_DATE_EPOCH`'s; touched to another day and built again from scratch in the same
/// place, the binary is the same, byte for byte.
#[test]
fn a_file_s_day_is_source_date_epoch_s_never_its_mtime_and_two_builds_give_the_same_bytes() {
    let file = tmp().join("dated").join("registry-newer.csv");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::copy(workspace().join("registry/tests/data/registry-newer.csv"), &file).unwrap();
    let touch = |secs: u64| {
        let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
        std::fs::File::options().write(true).open(&file).unwrap().set_modified(when).unwrap();
    };
    let app = probe("probe-dated", "\"regenerate\"");
    let target = tmp().join("dated-builds");
    let path = file.to_str().unwrap();
    touch(1_609_459_200); // 2021-01-01
    let (_, retrieved) = run_ok(&cargo_in(&target, &app, &["run", "--quiet"], &[("CLOSECODE_REGISTRY_CSV", path)]));
    assert_eq!(retrieved, "unknown", "never the file's modification day");
    let epoch = [("CLOSECODE_REGISTRY_CSV", path), ("SOURCE_DATE_EPOCH", "1700000000")];
    let build = || {
        let _ = std::fs::remove_dir_all(&target);
        let (_, retrieved) = run_ok(&cargo_in(&target, &app, &["run", "--quiet"], &epoch));
        assert_eq!(retrieved, "2023-11-14");
        std::fs::read(target.join("debug").join(format!("probe{}", std::env::consts::EXE_SUFFIX))).unwrap()
    };
    let first = build();
    touch(1_735_689_600); // 2025-01-01
    assert!(first == build(), "the same inputs must give the same binary");
    let bad = cargo_in(
        &target,
        &app,
        &["build", "--quiet"],
        &[("CLOSECODE_REGISTRY_CSV", path), ("SOURCE_DATE_EPOCH", "soon")],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SOURCE_DATE_EPOCH is `soon`"));
}

#[test]
fn a_registry_that_removes_a_code_fails_the_build_naming_it() {
    // The 2015 snapshot predates 1014 (Bad Gateway) and 3000-3008.
    let old = workspace().join("registry/tests/data/registry-2015.csv");
    let out = cargo(&probe("probe-old", "\"regenerate\""), &["build", "--quiet"], &old);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a registry without 1014 must not build");
    for expected in [
        format!("{}:", old.display()),
        "lacks 1014 (`BadGateway`)".to_string(),
        "lacks 3000 (`Unauthorized`)".to_string(),
        "never remove or rename one".to_string(),
    ] {
        assert!(stderr.contains(&expected), "stderr lacks {expected:?}:\n{stderr}");
    }
}

#[test]
fn a_malformed_registry_fails_the_build_with_file_and_line() {
    let bad = tmp().join("malformed-registry.csv");
    std::fs::write(&bad, "Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n10O1,Going Away,,\r\n")
        .unwrap();
    let out = cargo(workspace(), &["build", "--quiet", "-p", "closecode", "--features", "regenerate"], &bad);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the build must fail");
    let expected = format!("{}:3: status code `10O1` is not a number", bad.display());
    assert!(stderr.contains(&expected), "stderr lacks {expected:?}:\n{stderr}");
}

#[test]
fn a_missing_override_file_fails_the_build_naming_it() {
    let missing = tmp().join("no-such-registry.csv");
    let out = cargo(workspace(), &["build", "--quiet", "-p", "closecode", "--features", "regenerate"], &missing);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("no-such-registry.csv: cannot read the file CLOSECODE_REGISTRY_CSV names"), "{stderr}");
}

/// Without the `regenerate` feature a default build compiles no generator, so a registry file
/// it is asked to use is an error naming the feature, never silently ignored.
#[test]
fn a_registry_file_without_the_regenerate_feature_is_an_error_naming_it() {
    let newer = workspace().join("registry/tests/data/registry-newer.csv");
    let out = cargo(&probe("probe-no-feature", ""), &["build", "--quiet"], &newer);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("CLOSECODE_REGISTRY_CSV is set"), "{stderr}");
    assert!(stderr.contains(r#"features = ["regenerate"]"#), "{stderr}");
}

#[path = "../registry/tests/support/http.rs"]
mod http;

/// The `fetch` feature against a loopback server: the served registry is what the build
/// generates from; a server that fails, or serves a registry without a vendored code, leaves
/// the build on the vendored copy, recorded in the provenance constants; and an offline build
/// (`--offline`, or `CARGO_NET_OFFLINE=true`) sends no request at all.
#[test]
fn the_fetch_feature_builds_from_the_download_or_falls_back_visibly() {
    let newer = std::fs::read(workspace().join("registry/tests/data/registry-newer.csv")).unwrap();
    let old = std::fs::read(workspace().join("registry/tests/data/registry-2015.csv")).unwrap();
    let server = http::Server::start(vec![
        ("/close-code-number.csv", http::Reply::Body(newer.clone())),
        ("/offline.csv", http::Reply::Body(newer.clone())),
        ("/offline-env.csv", http::Reply::Body(newer)),
        ("/old.csv", http::Reply::Body(old)),
    ]);
    let online = |name: &str, url: &str, extra: &[(&str, &str)]| {
        let mut env = vec![("CLOSECODE_REGISTRY_URL", url)];
        env.extend_from_slice(extra);
        cargo_net(&target_dir(), &probe(name, "\"fetch\""), &["run"], &env, false)
    };

    // Offline first: whatever else the build does, it must not connect.
    let url = server.url("/offline.csv");
    let out = cargo_in(
        &target_dir(),
        &probe("probe-fetch-offline", "\"fetch\""),
        &["run"],
        &[("CLOSECODE_REGISTRY_URL", &url)],
    );
    let (line, _) = run_ok(&out);
    assert_eq!(server.requests(), 0, "an --offline build sent a request");
    assert!(
        line.contains(&format!(
            "VendoredAfterFailedDownload | vendored, download failed: {url}: not attempted, cargo runs with --offline;"
        )),
        "{line}"
    );
    let url = server.url("/offline-env.csv");
    let (line, _) = run_ok(&online("probe-fetch-offline-env", &url, &[("CARGO_NET_OFFLINE", "true")]));
    assert_eq!(server.requests(), 0, "a CARGO_NET_OFFLINE=true build sent a request");
    assert!(line.contains(&format!("download failed: {url}: not attempted, CARGO_NET_OFFLINE=true;")), "{line}");

    let url = server.url("/close-code-number.csv");
    let (line, retrieved) = run_ok(&online("probe-fetch", &url, &[("SOURCE_DATE_EPOCH", "1700000000")]));
    assert_eq!(line, format!("1016 Shiny New Code | true | Downloaded | {url}"));
    assert_eq!(retrieved, "2023-11-14", "a download is dated by SOURCE_DATE_EPOCH when it is set");
    assert_eq!(server.requests(), 1);

    let broken = server.url("/missing.csv");
    let out = online("probe-fetch-404", &broken, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let (line, retrieved) = run_ok(&out);
    assert!(stderr.contains(&format!("could not use the registry at {broken}")), "{stderr}");
    assert_eq!(
        line,
        format!(
            "1016 Unassigned | false | VendoredAfterFailedDownload | vendored, download failed: {broken}: \
             the server answered HTTP 404, not 200; vendored copy from https://www.iana.org/assignments/websocket/close-code-number.csv"
        )
    );
    assert_eq!(retrieved, "2026-06-11");

    let shrinking = server.url("/old.csv");
    let (line, _) = run_ok(&online("probe-fetch-old", &shrinking, &[]));
    assert!(
        line.starts_with("1016 Unassigned | false | VendoredAfterFailedDownload | vendored, download failed:"),
        "{line}"
    );
    assert!(line.contains("lacks 1014 (`BadGateway`)"), "{line}");
}

/// Copies the files a build of `closecode` reads into `dir` (the tracked tree stays untouched).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if [".git", "target", "fuzz", "perf"].iter().any(|skip| name == *skip) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// Once a build script prints a `rerun-if` line Cargo watches only what it names: an edit to
/// the crate's own source must not rerun it, an edit to `build.rs` must. Runs on a copy of
/// the workspace, so a read-only checkout and the other nested builds are never disturbed.
#[test]
fn the_build_script_reruns_only_for_its_inputs() {
    let copy = tmp().join("rerun-workspace");
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(workspace(), &copy);
    let target = tmp().join("rerun-builds");
    let build = || {
        let out = cargo_in(&target, &copy, &["build", "-v", "-p", "closecode"], &[]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let ran_script = |log: &str| log.lines().any(|l| l.contains("Running") && l.contains("build-script-build"));
    let touch = |file: &str| {
        let path = copy.join(file);
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
