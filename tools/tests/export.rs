//! The registry for front ends: the checked-in snapshots are the exports of the vendored
//! registry (refreshed by `regenerate`, or by `update` with the registry); the JavaScript
//! module, run in node, answers `isSendable`, `isAllowedInClose`, `isRegistered`,
//! `isReserved`, `isLocalOnly`, `nameOf`, `describe`, `reconnectOf`, `reconnectAfter`,
//! `reconnectDelay` and `rangeOf` exactly as the Rust crate does, for all 65536 codes; the
//! TypeScript module passes `tsc --strict --noUncheckedIndexedAccess
//! --exactOptionalPropertyTypes`; and `closecode-registry export` writes whole files or none.
//!
//! Where node or tsc is missing the test says it was skipped and why; with
//! `CLOSECODE_REQUIRE_TOOLS=1` (set by `.ci/run`) a missing tool is a failure.

mod support;

use closecode_core::{CloseCode, CodeRange, Reconnect};
use closecode_registry::{vendored, vendored_provenance};
use closecode_tools::export::{javascript, json, typescript};
use closecode_tools::repo::{GENERATED, Generated};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{tool, workspace};

/// The strictest settings a front end commonly turns on: the modules must pass them.
const TSC_STRICT: [&str; 3] = ["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"];

#[test]
fn the_snapshots_are_the_exports_of_the_vendored_registry() {
    let (registry, provenance) = (vendored().unwrap(), vendored_provenance().unwrap());
    for (path, kind) in GENERATED {
        let Generated::Export(_) = kind else { continue };
        let snapshot = std::fs::read_to_string(workspace().join(path)).unwrap_or_default();
        let generated = closecode_tools::repo::render(kind, &registry, &provenance);
        if generated != snapshot {
            let first = generated.lines().zip(snapshot.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{path} differs from the export at line {}; if intended: cargo run -p closecode-tools -- regenerate",
                first + 1
            );
        }
    }
}

#[test]
fn the_javascript_module_is_the_typescript_one_without_types() {
    let (registry, provenance) = (vendored().unwrap(), vendored_provenance().unwrap());
    let js = javascript(&registry, &provenance);
    assert!(!js.contains(": number") && !js.contains("as const") && !js.contains("export type"));
    assert!(js.contains("export function nameOf(code) {"));
}

#[test]
fn the_registry_module_has_the_application_module_s_shape() {
    #[derive(closecode_core::AppCloseCode, Clone, Copy)]
    enum Chat {
        Kicked = 4001,
    }
    let app = closecode_core::export::typescript::<Chat>();
    let registry = typescript(&vendored().unwrap(), &vendored_provenance().unwrap());
    let shape = |text: &str, ty: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("export") && l.contains(ty))
            .map(|l| l.replace(ty, "T").split(" = ").next().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(shape(&app, "Chat"), shape(&registry, "CloseCode"));
    let reconnect = |text: &str| text.lines().find(|l| l.starts_with("export type Reconnect")).map(String::from);
    assert_eq!(reconnect(&app), reconnect(&registry));
    let app_json = closecode_core::export::json::<Chat>();
    let registry_json = json(&vendored().unwrap(), &vendored_provenance().unwrap());
    assert!(app_json.starts_with("{\"type\": \"Chat\", \"codes\": [\n  {\"code\": 4001, \"ident\": \"Kicked\", \"name\": \"Kicked\", \"description\": null, \"reconnect\": \"backoff\"}"));
    assert!(registry_json.starts_with("{\"type\": \"CloseCode\", \"codes\": [\n  {\"code\": 1000, \"ident\": \"NormalClosure\", \"name\": \"Normal Closure\", \"description\": "));
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn range_name(range: CodeRange) -> &'static str {
    closecode_registry::CodeRange::of(*range.codes().start()).id()
}

/// One line per code, as both sides print it.
fn rust_line(n: u16) -> String {
    let code = CloseCode::from(n);
    format!(
        "{n}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        code.is_sendable(),
        code.is_allowed_in_close(),
        code.is_registered(),
        code.is_reserved(),
        code.is_local_only(),
        code.name(),
        code.description(),
        code.reconnect().as_str(),
        code.reconnect().for_close(true).as_str(),
        code.reconnect().for_close(false).as_str(),
        range_name(code.range())
    )
}

/// Writes the vendored registry's JavaScript module and `script` (which imports it as `c`)
/// into a scratch directory, runs the script in node, and returns what it printed.
fn run_in_node(node: &Path, name: &str, script: &str) -> String {
    let dir = scratch(name);
    std::fs::write(dir.join("close-codes.mjs"), javascript(&vendored().unwrap(), &vendored_provenance().unwrap()))
        .unwrap();
    std::fs::write(dir.join("check.mjs"), format!("import * as c from './close-codes.mjs';\n{script}")).unwrap();
    let out = Command::new(node).arg(dir.join("check.mjs")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn node_agrees_with_rust_on_every_code() {
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let node_lines = run_in_node(
        &node,
        "export-node",
        "const lines = [];\n\
         for (let n = 0; n <= 65535; n++) {\n\
           lines.push([n, c.isSendable(n), c.isAllowedInClose(n), c.isRegistered(n), c.isReserved(n), c.isLocalOnly(n),\n\
                       c.nameOf(n), c.describe(n), c.reconnectOf(n), c.reconnectAfter({ code: n, wasClean: true }),\n\
                       c.reconnectAfter({ code: n, wasClean: false }), c.rangeOf(n).range].join('|'));\n\
           if (c.isCloseCode(n) !== c.isRegistered(n)) process.exit(4);\n\
           if (c.isCloseCode(n) && c.CloseCodeInfo[n].name !== c.nameOf(n)) process.exit(5);\n\
         }\n\
         process.stdout.write(lines.join('\\n') + '\\n');\n\
         // Not a code: every check false, and out of range.\n\
         for (const x of [-1, 65536, 1000.5, NaN]) { if (c.isSendable(x) || c.isRegistered(x) || c.isAllowedInClose(x) || c.rangeOf(x).range !== 'out-of-range') process.exit(3); }\n",
    );
    let mut count = 0;
    for (n, line) in (0..=u16::MAX).zip(node_lines.lines()) {
        assert_eq!(line, rust_line(n), "code {n}: node (left) and Rust (right) disagree");
        count += 1;
    }
    assert_eq!(count, 65536);
}

/// The jitters the delay sweep tries: every 255th value of the u16 range, and its ends.
fn jitters() -> impl Iterator<Item = u16> {
    (0..=u16::MAX).step_by(255).chain([1, u16::MAX - 1, u16::MAX])
}

#[test]
fn node_computes_the_same_reconnect_delays_as_rust() {
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let listed: Vec<String> = jitters().map(|j| j.to_string()).collect();
    let advice: Vec<String> = Reconnect::ALL.iter().map(|a| format!("'{}'", a.as_str())).collect();
    let node_lines = run_in_node(
        &node,
        "export-node-delay",
        &format!(
            "const lines = [];\n\
             for (const advice of [{}]) {{\n\
               for (let attempt = 0; attempt <= 20; attempt++) {{\n\
                 for (const jitter of [{}]) {{\n\
                   const ms = c.reconnectDelay(advice, attempt, jitter);\n\
                   lines.push([advice, attempt, jitter, ms === null ? 'none' : ms].join('|'));\n\
                 }}\n\
               }}\n\
             }}\n\
             process.stdout.write(lines.join('\\n') + '\\n');\n\
             // Outside the ranges: clamped, never NaN.\n\
             const same = (a, b) => {{ if (a !== b) {{ console.error(a, b); process.exit(3); }} }};\n\
             same(c.reconnectDelay('backoff', -1, 0), c.reconnectDelay('backoff', 0, 0));\n\
             same(c.reconnectDelay('backoff', NaN, NaN), c.reconnectDelay('backoff', 0, 0));\n\
             same(c.reconnectDelay('soon', 1e9, 1e9), c.reconnectDelay('soon', 16, 65535));\n\
             same(c.reconnectDelay('backoff', 2.7, 100.9), c.reconnectDelay('backoff', 2, 100));\n",
            advice.join(", "),
            listed.join(", ")
        ),
    );
    let mut rust = Vec::new();
    for advice in Reconnect::ALL {
        for attempt in 0..=20 {
            for jitter in jitters() {
                let ms =
                    advice.delay(attempt, jitter).map_or_else(|| "none".to_string(), |d| d.as_millis().to_string());
                rust.push(format!("{}|{attempt}|{jitter}|{ms}", advice.as_str()));
            }
        }
    }
    let node: Vec<&str> = node_lines.lines().collect();
    assert_eq!(node.len(), rust.len());
    for (node, rust) in node.iter().zip(&rust) {
        assert_eq!(node, rust, "node (left) and Rust (right) disagree");
    }
}

#[test]
fn the_typescript_module_passes_the_strictest_tsc_settings() {
    let Some(tsc) = tool("tsc", "CLOSECODE_TSC") else { return };
    let dir = scratch("export-tsc");
    std::fs::write(dir.join("close-codes.ts"), typescript(&vendored().unwrap(), &vendored_provenance().unwrap()))
        .unwrap();
    // A user of the module: the types must be usable as well as valid.
    std::fs::write(
        dir.join("use.ts"),
        "import { CloseCode, CloseCodeInfo, RANGES, isCloseCode, isSendable, nameOf, rangeOf, reconnectOf, reconnectAfter, reconnectDelay, type Reconnect, type RangeInfo } from './close-codes';\n\
         const code: CloseCode = CloseCode.BadGateway;\n\
         const advice: Reconnect = reconnectOf(code);\n\
         export const line: string = `${code} ${nameOf(code)} ${isSendable(code)} ${advice} ${CloseCodeInfo[code].name}`;\n\
         const n: number = 1014;\n\
         export const info: string = isCloseCode(n) ? CloseCodeInfo[n].name : rangeOf(n).name;\n\
         const first: RangeInfo | undefined = RANGES[0];\n\
         export const start: number = first?.first ?? 0;\n\
         // A browser's CloseEvent has `code` and `wasClean`: it is what reconnectAfter reads.\n\
         declare const event: CloseEvent;\n\
         export const wait: number | null = reconnectDelay(reconnectAfter(event), 0, Math.floor(Math.random() * 65536));\n",
    )
    .unwrap();
    let out = Command::new(tsc)
        .args(TSC_STRICT)
        .args(["--noEmit", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"])
        .arg(dir.join("close-codes.ts"))
        .arg(dir.join("use.ts"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
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
        let expected =
            std::fs::read(workspace().join("tools/tests/golden/close-codes").with_extension(&file[2..])).unwrap();
        assert_eq!(std::fs::read(dir.join(file)).unwrap(), expected, "{format}: the snapshot");
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
