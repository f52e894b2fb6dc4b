//! An application enum's front-end module: `tsc --strict --noUncheckedIndexedAccess
//! --exactOptionalPropertyTypes` (the strictest settings front ends commonly turn on) accepts
//! it, and node (running what tsc emits, and the plain JavaScript module) agrees with the Rust
//! side on every `u16`.
//! Skipped, saying why, where node or tsc is missing; `CLOSECODE_REQUIRE_TOOLS=1` (set by
//! `.ci/run`) makes a missing tool a failure.

use closecode_core::{AppCloseCode, export};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[close_code(reconnect = "never")]
enum ChatClose {
    /// A moderator removed the user from the room.
    Kicked = 4001,
    /// The user is banned: "for good" \ no appeal.
    Banned = 4002,
    #[close_code(name = "Room Closed", reconnect = "soon")]
    RoomGone = 4003,
}

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

/// A node script printing, for every u16 the guard accepts, the code and what the module says.
const CHECK: &str = "const lines = [];\n\
    for (let n = 0; n <= 65535; n++) {\n\
      if (m.isChatClose(n)) { const i = m.ChatCloseInfo[n]; lines.push([n, i.name, i.description, i.reconnect].join('|')); }\n\
    }\n\
    process.stdout.write(lines.join('\\n') + '\\n');\n";

fn expected() -> String {
    let lines: Vec<String> = ChatClose::ENTRIES
        .iter()
        .map(|e| format!("{}|{}|{}|{}", e.code, e.name, e.description.unwrap_or(""), e.reconnect))
        .collect();
    lines.join("\n") + "\n"
}

fn run_node(node: &Path, script: &Path) -> String {
    let out = Command::new(node).arg(script).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_javascript_module_agrees_with_rust_in_node() {
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("app-export-js");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chat-close.mjs"), export::javascript::<ChatClose>()).unwrap();
    std::fs::write(dir.join("check.mjs"), format!("import * as m from './chat-close.mjs';\n{CHECK}")).unwrap();
    assert_eq!(run_node(&node, &dir.join("check.mjs")), expected());
}

#[test]
fn the_typescript_module_passes_the_strictest_tsc_settings_and_runs() {
    let Some(tsc) = tool("tsc", "CLOSECODE_TSC") else { return };
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("app-export-ts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("chat-close.ts"), export::typescript::<ChatClose>()).unwrap();
    std::fs::write(
        dir.join("check.ts"),
        format!(
            "import * as m from './chat-close.js';\n\
             declare const process: {{ stdout: {{ write(text: string): void }} }};\n\
             const code: number = 4001;\n\
             if (m.isChatClose(code)) {{ const narrowed: m.ChatClose = code; const name: string = m.ChatCloseInfo[code].name; void narrowed; void name; }}\n{CHECK}"
        ),
    )
    .unwrap();
    let out = Command::new(tsc)
        .args(["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"])
        .args(["--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--outDir"])
        .arg(dir.join("out"))
        .arg(dir.join("chat-close.ts"))
        .arg(dir.join("check.ts"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    std::fs::write(dir.join("out/package.json"), "{\"type\": \"module\"}").unwrap();
    assert_eq!(run_node(&node, &dir.join("out/check.js")), expected());
}
