//! The registry for front ends agrees with the Rust crate: the generated JavaScript module,
//! run in node, answers `isSendable`, `isAllowedInClose`, `isRegistered`, `isReserved`,
//! `isLocalOnly`, `nameOf`, `describe`, `reconnectOf` and `rangeOf` exactly as `CloseCode`
//! does, for all 65536 codes; and the TypeScript module passes `tsc --strict`.
//!
//! Where node or tsc is missing the test says it was skipped and why; with
//! `CLOSECODE_REQUIRE_TOOLS=1` (set by `.ci/run`) a missing tool is a failure.

use closecode::{CloseCode, CodeRange};
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
        "{n}|{}|{}|{}|{}|{}|{}|{}|{}|{}",
        code.is_sendable(),
        code.is_allowed_in_close(),
        code.is_registered(),
        code.is_reserved(),
        code.is_local_only(),
        code.name(),
        code.description(),
        code.reconnect().as_str(),
        range_name(code.range())
    )
}

#[test]
fn node_agrees_with_rust_on_every_code() {
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let dir = scratch("export-node");
    let registry = vendored().unwrap();
    let module = export(&registry, &vendored_provenance().unwrap(), ExportFormat::JavaScript);
    std::fs::write(dir.join("close-codes.mjs"), module).unwrap();
    std::fs::write(
        dir.join("check.mjs"),
        "import * as c from './close-codes.mjs';\n\
         const lines = [];\n\
         for (let n = 0; n <= 65535; n++) {\n\
           lines.push([n, c.isSendable(n), c.isAllowedInClose(n), c.isRegistered(n), c.isReserved(n), c.isLocalOnly(n),\n\
                       c.nameOf(n), c.describe(n), c.reconnectOf(n), c.rangeOf(n).range].join('|'));\n\
         }\n\
         process.stdout.write(lines.join('\\n') + '\\n');\n\
         // Not a code: every check false.\n\
         for (const x of [-1, 65536, 1000.5, NaN]) { if (c.isSendable(x) || c.isRegistered(x) || c.isAllowedInClose(x)) process.exit(3); }\n",
    )
    .unwrap();
    let out = Command::new(node).arg(dir.join("check.mjs")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let node_lines = String::from_utf8(out.stdout).unwrap();
    let mut count = 0;
    for (n, line) in (0..=u16::MAX).zip(node_lines.lines()) {
        assert_eq!(line, rust_line(n), "code {n}: node (left) and Rust (right) disagree");
        count += 1;
    }
    assert_eq!(count, 65536);
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
        "import { CloseCode, isSendable, nameOf, reconnectOf, type Reconnect } from './close-codes';\n\
         const code: CloseCode = CloseCode.BadGateway;\n\
         const advice: Reconnect = reconnectOf(code);\n\
         export const line: string = `${code} ${nameOf(code)} ${isSendable(code)} ${advice}`;\n",
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
