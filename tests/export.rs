//! The registry for front ends agrees with the Rust crate: the generated JavaScript module,
//! run in node, answers `isSendable`, `isAllowedInClose`, `isRegistered`, `isReserved`,
//! `isLocalOnly`, `nameOf`, `describe`, `reconnectOf` and `rangeOf` exactly as `CloseCode`
//! does, for all 65536 codes; and the TypeScript module passes `tsc --strict`.
//!
//! Where node or tsc is missing the test says it was skipped and why; with
//! `CLOSECODE_REQUIRE_TOOLS=1` (set by `.ci/run`) a missing tool is a failure.

use closecode::{CloseCode, CodeRange, Reconnect};
use closecode_registry::{ExportFormat, export, vendored, vendored_provenance};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tool`'s path, or `None` after saying why the test is skipped (a failure under CI).
fn tool(name: &str, env: &str) -> Option<PathBuf> {
    let path = std::env::var_os(env).map_or_else(|| PathBuf::from(name), PathBuf::from);
    if Command::new(&path).arg("--version").output().is_ok_and(|o| o.status.success()) {
        return Some(path);
    }
    let message = format!("`{name}` is not installed (or {env} does not name it): this test is skipped");
    assert!(std::env::var_os("CLOSECODE_REQUIRE_TOOLS").is_none(), "{message}, and CLOSECODE_REQUIRE_TOOLS is set");
    eprintln!("skipped: {message}");
    None
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn range_name(range: CodeRange) -> &'static str {
    match range {
        CodeRange::NotUsed => "not-used",
        CodeRange::Protocol => "protocol",
        CodeRange::Library => "library",
        CodeRange::Private => "private",
        CodeRange::OutOfRange => "out-of-range",
    }
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
    let module = export(&vendored().unwrap(), &vendored_provenance().unwrap(), ExportFormat::JavaScript);
    std::fs::write(dir.join("close-codes.mjs"), module).unwrap();
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
         }\n\
         process.stdout.write(lines.join('\\n') + '\\n');\n\
         // Not a code: every check false.\n\
         for (const x of [-1, 65536, 1000.5, NaN]) { if (c.isSendable(x) || c.isRegistered(x) || c.isAllowedInClose(x)) process.exit(3); }\n",
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
fn the_typescript_module_passes_tsc_strict() {
    let Some(tsc) = tool("tsc", "CLOSECODE_TSC") else { return };
    let dir = scratch("export-tsc");
    let module = export(&vendored().unwrap(), &vendored_provenance().unwrap(), ExportFormat::TypeScript);
    std::fs::write(dir.join("close-codes.ts"), module).unwrap();
    // A user of the module: the types must be usable as well as valid.
    std::fs::write(
        dir.join("use.ts"),
        "import { CloseCode, isSendable, nameOf, reconnectOf, reconnectAfter, reconnectDelay, type Reconnect } from './close-codes';\n\
         const code: CloseCode = CloseCode.BadGateway;\n\
         const advice: Reconnect = reconnectOf(code);\n\
         export const line: string = `${code} ${nameOf(code)} ${isSendable(code)} ${advice}`;\n\
         // A browser's CloseEvent has `code` and `wasClean`: it is what reconnectAfter reads.\n\
         declare const event: CloseEvent;\n\
         export const wait: number | null = reconnectDelay(reconnectAfter(event), 0, Math.floor(Math.random() * 65536));\n",
    )
    .unwrap();
    let out = Command::new(tsc)
        .args(["--strict", "--noEmit", "--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler"])
        .arg(dir.join("close-codes.ts"))
        .arg(dir.join("use.ts"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}
