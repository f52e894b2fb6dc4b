//! An application enum's front-end module, and the engine models' (`export::engines`):
//! `tsc --strict --noUncheckedIndexedAccess --exactOptionalPropertyTypes` (the strictest
//! settings front ends commonly turn on) accepts them, and node (running what tsc emits, and
//! the plain JavaScript modules) agrees with the Rust side on every `u16`: for the engines,
//! `reportsIntact` and `mayHaveBeen` (every cause the models give a `close` event is listed,
//! and nothing else) for each engine, and `engineOf` on a set of user agents.
//! Skipped, saying why, where node or tsc is missing; `CLOSECODE_REQUIRE_TOOLS=1` (set by
//! `.ci/run`) makes a missing tool a failure.

use closecode_core::export::Format;
use closecode_core::{AppCloseCode, Engine, export};
use std::collections::{BTreeMap, BTreeSet};
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

/// Compiles `files` (in `dir`) with tsc's strictest settings into `dir/out`, as ES modules node
/// can run; fails the test with tsc's messages.
fn tsc_strict(tsc: &Path, dir: &Path, files: &[&str]) {
    let out = Command::new(tsc)
        .args(["--strict", "--noUncheckedIndexedAccess", "--exactOptionalPropertyTypes"])
        .args(["--target", "es2022", "--module", "es2022", "--moduleResolution", "bundler", "--outDir"])
        .arg(dir.join("out"))
        .args(files.iter().map(|file| dir.join(file)))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    std::fs::write(dir.join("out/package.json"), "{\"type\": \"module\"}").unwrap();
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
    tsc_strict(&tsc, &dir, &["chat-close.ts", "check.ts"]);
    assert_eq!(run_node(&node, &dir.join("out/check.js")), expected());
}

// The engine models' module (`export::engines`): node, running the JavaScript module and what
// tsc emits for the TypeScript one, agrees with the Rust models on every code of every engine.

/// User agents `engineOf` must read as `Engine::from_user_agent` does: the ones the Rust docs
/// use, and other browsers' (Chrome-based, iOS, Android, none).
const USER_AGENTS: [&str; 14] = [
    "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0",
    "Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 OPR/120.0.0.0",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 4.4; Nexus 5) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
    "Mozilla/5.0 (Android 14; Mobile; rv:153.0) Gecko/153.0 Firefox/153.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/156.0 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Tauri/2.0",
    "curl/8.5.0",
    "",
    "Chromium/1",
];

/// A script (JavaScript, and TypeScript once `process` is declared) printing, with the module
/// imported as `m`: each engine and its version; which codes it reports intact; every
/// `(code, wasClean)` for which `mayHaveBeen` gives anything, and what; then `engineOf` for
/// each user agent. It exits with 3 when a number that is not a code gets an answer.
fn engines_check() -> String {
    let agents: Vec<String> = USER_AGENTS.iter().map(|ua| export::string(ua)).collect();
    format!(
        "const lines = [];\n\
         for (const info of m.ENGINES) {{\n\
           const engine = info.engine;\n\
           lines.push(`${{engine}}|${{info.measuredOn}}`);\n\
           const intact = [];\n\
           for (let n = 0; n <= 65535; n++) intact.push(m.reportsIntact(engine, n) ? '1' : '0');\n\
           lines.push(intact.join(''));\n\
           for (let n = 0; n <= 65535; n++) {{\n\
             for (const wasClean of [true, false]) {{\n\
               const s = m.mayHaveBeen(engine, {{ code: n, wasClean }});\n\
               if (s.codes.length > 0 || s.empty || s.oneByte || s.unreadable || s.dropped) {{\n\
                 const codes = s.codes.map(([a, b]) => `${{a}}-${{b}}`).join(',');\n\
                 lines.push([n, wasClean, codes, s.empty, s.oneByte, s.unreadable, s.dropped].join('|'));\n\
               }}\n\
             }}\n\
           }}\n\
           for (const x of [-1, 65536, 1000.5, NaN, Infinity]) {{\n\
             const s = m.mayHaveBeen(engine, {{ code: x, wasClean: true }});\n\
             if (m.reportsIntact(engine, x) || s.codes.length > 0 || s.empty || s.oneByte || s.unreadable || s.dropped) process.exit(3);\n\
           }}\n\
         }}\n\
         for (const ua of [{}]) lines.push(`${{m.engineOf(ua)}}`);\n\
         process.stdout.write(lines.join('\\n') + '\\n');\n",
        agents.join(", ")
    )
}

/// Inclusive ranges of `codes`, as the check prints them: `0-999,1004-1006`.
fn printed_ranges(codes: &BTreeSet<u16>) -> String {
    let mut ranges: Vec<(u16, u16)> = Vec::new();
    for &code in codes {
        match ranges.last_mut() {
            Some((_, last)) if u32::from(*last) + 1 == u32::from(code) => *last = code,
            _ => ranges.push((code, code)),
        }
    }
    ranges.iter().map(|(a, b)| format!("{a}-{b}")).collect::<Vec<_>>().join(",")
}

/// What the check must print, from the Rust models alone: each engine's `close_event` run over
/// more bodies than the export samples (several reasons per code, three kinds of unreadable
/// body per code, every 1-byte body), its `dropped`, and `Engine::from_user_agent`.
fn engines_expected() -> Vec<String> {
    #[derive(Default)]
    #[allow(clippy::struct_excessive_bools, reason = "the four booleans of the module's `Sent`")]
    struct Causes {
        codes: BTreeSet<u16>,
        empty: bool,
        one_byte: bool,
        unreadable: bool,
        dropped: bool,
    }
    let reasons: [&[u8]; 3] = [b"", b"why", &[b'a'; 123]];
    let unreadable: [&[u8]; 3] = [b"\xFF", b"ok \xC0\x80", &[b'a'; 124]];
    let mut lines = Vec::new();
    for engine in Engine::ALL {
        lines.push(format!("{}|{}", engine.name(), engine.measured_on()));
        let mut causes: BTreeMap<(u16, bool), Causes> = BTreeMap::new();
        let mut intact = String::new();
        for code in 0..=u16::MAX {
            let mut all_intact = true;
            for reason in reasons {
                let body = [&code.to_be_bytes()[..], reason].concat();
                let event = engine.close_event(&body);
                let as_sent = event.was_clean() && event.code() == code && event.reason().as_bytes() == reason;
                all_intact &= as_sent;
                causes.entry((event.code(), event.was_clean())).or_default().codes.insert(code);
            }
            intact.push(if all_intact { '1' } else { '0' });
            for reason in unreadable {
                let event = engine.close_event(&[&code.to_be_bytes()[..], reason].concat());
                causes.entry((event.code(), event.was_clean())).or_default().unreadable = true;
            }
        }
        let event = engine.close_event(&[]);
        causes.entry((event.code(), event.was_clean())).or_default().empty = true;
        for byte in 0..=u8::MAX {
            let event = engine.close_event(&[byte]);
            causes.entry((event.code(), event.was_clean())).or_default().one_byte = true;
        }
        let event = engine.dropped();
        causes.entry((event.code(), event.was_clean())).or_default().dropped = true;
        lines.push(intact);
        for code in 0..=u16::MAX {
            for clean in [true, false] {
                if let Some(c) = causes.get(&(code, clean)) {
                    lines.push(format!(
                        "{code}|{clean}|{}|{}|{}|{}|{}",
                        printed_ranges(&c.codes),
                        c.empty,
                        c.one_byte,
                        c.unreadable,
                        c.dropped
                    ));
                }
            }
        }
    }
    for ua in USER_AGENTS {
        lines.push(Engine::from_user_agent(ua).map_or("null", Engine::name).to_string());
    }
    lines
}

/// `node` against `expected`, line by line, naming the first line that differs.
fn assert_lines(node: &str, expected: &[String]) {
    let node: Vec<&str> = node.lines().collect();
    if let Some(i) =
        (0..node.len().max(expected.len())).find(|&i| node.get(i).copied() != expected.get(i).map(String::as_str))
    {
        panic!(
            "line {} (of {} printed, {} expected): node `{}`, Rust `{}`",
            i + 1,
            node.len(),
            expected.len(),
            node.get(i).unwrap_or(&"<none>"),
            expected.get(i).map_or("<none>", String::as_str)
        );
    }
}

#[test]
fn the_engines_javascript_module_agrees_with_the_models_on_every_code() {
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("engines-export-js");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("engines.mjs"), export::engines(Format::JavaScript)).unwrap();
    std::fs::write(dir.join("check.mjs"), format!("import * as m from './engines.mjs';\n{}", engines_check())).unwrap();
    assert_lines(&run_node(&node, &dir.join("check.mjs")), &engines_expected());
}

#[test]
fn the_engines_typescript_module_passes_the_strictest_tsc_settings_and_agrees() {
    let Some(tsc) = tool("tsc", "CLOSECODE_TSC") else { return };
    let Some(node) = tool("node", "CLOSECODE_NODE") else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("engines-export-ts");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("engines.ts"), export::engines(Format::TypeScript)).unwrap();
    std::fs::write(
        dir.join("check.ts"),
        format!(
            "import * as m from './engines.js';\n\
             declare const process: {{ stdout: {{ write(text: string): void }}; exit(code: number): never }};\n{}",
            engines_check()
        ),
    )
    .unwrap();
    // A page using the module: the types must be usable as well as valid (compiled, not run).
    std::fs::write(
        dir.join("page.ts"),
        "import { ENGINES, SubstituteCode, SubstituteCodeInfo, engineOf, isSubstituteCode, mayHaveBeen, reportsIntact, type Engine, type Sent } from './engines.js';\n\
         declare const event: CloseEvent;\n\
         const engine: Engine = engineOf(navigator.userAgent) ?? \"Chromium\";\n\
         const sent: Sent = mayHaveBeen(engine, event);\n\
         const first: readonly [number, number] | undefined = sent.codes[0];\n\
         export const text: string = `${first?.[0] ?? \"\"} ${sent.dropped} ${reportsIntact(engine, 1012)} ${ENGINES[0]?.measuredOn ?? \"\"}`;\n\
         export const substitute: string = isSubstituteCode(event.code) ? SubstituteCodeInfo[event.code].name : \"\";\n\
         export const abnormal: SubstituteCode = SubstituteCode.AbnormalClosure;\n",
    )
    .unwrap();
    tsc_strict(&tsc, &dir, &["engines.ts", "check.ts", "page.ts"]);
    assert_lines(&run_node(&node, &dir.join("out/check.js")), &engines_expected());
}

#[test]
fn the_engines_json_is_one_document_with_every_engine() {
    let json: serde_json::Value = serde_json::from_str(&export::engines(Format::Json)).unwrap();
    assert_eq!(json["type"], "SubstituteCode");
    let engines = json["engines"].as_array().unwrap();
    let names: Vec<&str> = engines.iter().filter_map(|e| e["engine"].as_str()).collect();
    assert_eq!(names, Engine::ALL.map(Engine::name));
    for (info, engine) in engines.iter().zip(Engine::ALL) {
        assert_eq!(info["measuredOn"], engine.measured_on());
        // The intact ranges cover exactly the codes the model reports as sent.
        let ranges: Vec<(u64, u64)> = info["intact"]
            .as_array()
            .unwrap()
            .iter()
            .map(|pair| (pair[0].as_u64().unwrap(), pair[1].as_u64().unwrap()))
            .collect();
        for code in 0..=u16::MAX {
            let event = engine.close_event(&[&code.to_be_bytes()[..], b"why"].concat());
            let listed = ranges.iter().any(|&(a, b)| (a..=b).contains(&u64::from(code)));
            assert_eq!(listed, event.was_clean() && event.code() == code, "{engine} {code}");
        }
        // Every report's causes include something: the JSON lists no empty entry.
        for report in info["reports"].as_array().unwrap() {
            let sent = &report["sent"];
            let something = !sent["codes"].as_array().unwrap().is_empty()
                || ["empty", "oneByte", "unreadable", "dropped"].iter().any(|k| sent[*k] == true);
            assert!(something, "{engine}: {report}");
        }
    }
    // The rules, read as the module's `engineOf` reads them, name what the Rust function does.
    let words = |value: &serde_json::Value| -> Vec<String> {
        value.as_array().unwrap().iter().map(|w| w.as_str().unwrap().to_string()).collect()
    };
    for ua in USER_AGENTS {
        let has = |word: &String| ua.contains(word.as_str());
        let matched = json["userAgents"].as_array().unwrap().iter().find(|rule| {
            rule["allOf"].as_array().unwrap().iter().all(|clause| words(clause).iter().any(has))
                && !words(&rule["noneOf"]).iter().any(has)
        });
        assert_eq!(
            matched.and_then(|rule| rule["engine"].as_str()),
            Engine::from_user_agent(ua).map(Engine::name),
            "{ua}"
        );
    }
}
