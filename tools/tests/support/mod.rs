//! Helpers of the tools' tests: the registry's loopback HTTP server and property-test files
//! (shared by path with the registry's tests), and scratch checkouts holding copies of the
//! files the updater reads and writes, so no test touches this checkout.

#![allow(dead_code, unreachable_pub)]

#[path = "../../../registry/tests/support/files.rs"]
pub mod files;
#[path = "../../../registry/tests/support/http.rs"]
pub mod http;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root.
pub fn workspace() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The files of a checkout the updater reads or writes (the demo's registry module, generated
/// by the demo's own test, included: the updater says when it goes stale).
pub const CHECKOUT_FILES: [&str; 8] = [
    "registry/close-code-number.csv",
    "registry/annotations.csv",
    "registry/provenance.txt",
    "src/close_codes.rs",
    "tools/tests/golden/close-codes.ts",
    "tools/tests/golden/close-codes.mjs",
    "tools/tests/golden/close-codes.json",
    "demo/web/close-codes.mjs",
];

/// A scratch checkout: copies of [`CHECKOUT_FILES`] from this workspace.
pub struct Checkout {
    pub root: PathBuf,
}

impl Checkout {
    pub fn new(name: &str) -> Checkout {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("checkouts").join(name);
        let _ = std::fs::remove_dir_all(&root);
        for file in CHECKOUT_FILES {
            let to = root.join(file);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(workspace().join(file), &to).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        Checkout { root }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.root.join(file)
    }

    pub fn read(&self, file: &str) -> String {
        std::fs::read_to_string(self.path(file)).unwrap()
    }

    /// Every file under the root, with its bytes, sorted: what "no file was changed" compares.
    pub fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>)> {
        fn walk(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else {
                    out.push((path.clone(), std::fs::read(&path).unwrap()));
                }
            }
        }
        let mut files = Vec::new();
        walk(&self.root, &mut files);
        files.sort();
        files
    }

    /// Runs the `closecode-registry` binary in `dir` (the root when `None`): status, stdout,
    /// stderr.
    pub fn run_in(&self, dir: Option<&Path>, args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
        let mut command = Command::new(env!("CARGO_BIN_EXE_closecode-registry"));
        command.current_dir(dir.unwrap_or(&self.root)).args(args).env_remove("SOURCE_DATE_EPOCH");
        for (key, value) in env {
            command.env(key, value);
        }
        let out = command.output().unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
    }

    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        self.run_in(None, args, &[("SOURCE_DATE_EPOCH", DAY_EPOCH)])
    }
}

/// The `SOURCE_DATE_EPOCH` the tests run the updater with, and its day.
pub const DAY_EPOCH: &str = "1782864000";
pub const DAY: &str = "2026-07-01";

/// A registry newer than the vendored one: 1016 registered (no annotation), the range after it
/// shrunk to 1017-2999.
pub const NEWER: &[u8] = include_bytes!("../../../registry/tests/data/registry-newer.csv");
/// The 2015 snapshot: no 1014, 3000, 3003, 3008.
pub const OLDER: &[u8] = include_bytes!("../../../registry/tests/data/registry-2015.csv");
/// The vendored registry with 1014's Meaning on one line: a formatting change only.
pub const COLLAPSED: &[u8] = include_bytes!("../../../registry/tests/data/registry-collapsed-1014.csv");

/// The vendored registry with one more reference on 1011: a change that needs no annotation.
pub fn cited() -> Vec<u8> {
    closecode_registry::CSV.replace("[RFC6455][RFC Errata 3227]", "[RFC6455][RFC Errata 3227][RFC9999]").into_bytes()
}

/// `tool`'s path, or `None` after saying why the test is skipped (a failure when
/// `CLOSECODE_REQUIRE_TOOLS` is set, as `.ci/run` does).
pub fn tool(name: &str, env: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env).map_or_else(|| PathBuf::from(name), PathBuf::from);
    if Command::new(&path).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(path);
    }
    let message = format!("`{name}` is not installed (or {env} does not name it): this test is skipped");
    assert!(std::env::var_os("CLOSECODE_REQUIRE_TOOLS").is_none(), "{message}, and CLOSECODE_REQUIRE_TOOLS is set");
    eprintln!("skipped: {message}");
    None
}
