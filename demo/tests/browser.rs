//! Real browsers against closecode's models of them: each engine closecode models
//! ([`Engine`]: Chromium, Firefox, WebKitGTK) loads the demo page, which opens real WebSockets
//! to the demo's server on 127.0.0.1 and plays every scenario: the chat sessions, raw Close
//! frames written byte by byte (every registered code, each range's edges, the codes no
//! endpoint may send with and without a reason, empty, 1-byte, 123-byte-reason and 126-byte
//! bodies, reasons that are not UTF-8), a dropped connection, and `WebSocket.close()` calls
//! whose Close the server records. What the browser did must equal what
//! `Engine::close_event`, `Engine::dropped` and `Engine::close` say for that engine; a
//! difference fails the test, naming the rows. The page also reads every event with the
//! engines module (`closecode_core::export::engines`): `engineOf(navigator.userAgent)` must
//! name the engine, what the server did must be among what `mayHaveBeen` gives for the event,
//! and a row whose event is not the code sent must say what may have been sent. The page
//! reports back over HTTP on loopback; nothing else is reached. A second run renders the
//! reported table for the README's screenshot of that engine.
//!
//! - `CLOSECODE_BLESS=1` re-records the engine facts (`core/src/engine/measured.md`): each
//!   engine's column, with its version, from what the browser did. Review the diff, then make
//!   the rules in `core/src/engine/facts.rs` say the same (`cargo test -p closecode-core
//!   --test engine_conformance` checks them against the file).
//! - A missing browser skips its test, loudly; `CLOSECODE_REQUIRE_TOOLS=1` (set by `.ci/run`)
//!   makes it a failure. `CLOSECODE_CHROMIUM`, `CLOSECODE_FIREFOX` and `CLOSECODE_XVFB_RUN`
//!   name other binaries.
//! - `CLOSECODE_SCREENSHOTS=DIR` writes `screenshot-<engine>.png` there (the README's are in
//!   `demo/web/`); otherwise they go to the test's scratch directory.
#![allow(clippy::doc_markdown, reason = "WebKitGTK is a name, not code")]

#[path = "support/browsers.rs"]
mod browsers;

use browsers::Browser;
use closecode_core::{Engine, MAX_PAYLOAD};
use closecode_demo::web::{Play, Scenario, Seen, rows, scenarios};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What the page reported for a scenario (`{"event": {..}}`, `{"threw": ".."}` or
/// `{"sent": "hex"}`), `None` when it is not one of those.
fn seen_from_report(report: &serde_json::Value) -> Option<Seen> {
    if let Some(event) = report.get("event") {
        return Some(Seen::Event {
            code: u16::try_from(event["code"].as_u64()?).ok()?,
            reason: event["reason"].as_str()?.to_string(),
            was_clean: event["wasClean"].as_bool()?,
            event_type: event["type"].as_str()?.to_string(),
            is_trusted: event["isTrusted"].as_bool()?,
        });
    }
    if let Some(name) = report.get("threw").and_then(serde_json::Value::as_str) {
        return Some(Seen::Threw(name.to_string()));
    }
    let hex = report.get("sent")?.as_str()?;
    let bytes: Option<Vec<u8>> =
        (0..hex.len() / 2).map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()).collect();
    bytes.map(Seen::Sent)
}

/// The engine facts file, re-recorded by `CLOSECODE_BLESS=1`.
fn facts_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/src/engine/measured.md")
}

/// The engine tests run in parallel; blessing rewrites one file.
static FACTS: Mutex<()> = Mutex::new(());

fn browser_or_skip(engine: Engine) -> Option<Browser> {
    match Browser::find(engine) {
        Ok(browser) => Some(browser),
        Err(why) => {
            assert!(
                std::env::var_os("CLOSECODE_REQUIRE_TOOLS").is_none(),
                "{why}: the {engine} browser test cannot run, and CLOSECODE_REQUIRE_TOOLS is set"
            );
            eprintln!("\n*** SKIPPED: {why}: the {engine} browser test did not run ***\n");
            None
        }
    }
}

/// Serves the page, runs it in `browser`, and returns the page's report.
fn run_page(browser: &Browser, engine: Engine, scratch: &Path) -> (serde_json::Value, std::net::SocketAddr) {
    let (reports, received) = std::sync::mpsc::channel();
    let (started, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let _ = started.send(closecode_demo::web::start(reports).await);
            std::future::pending::<()>().await;
        });
    });
    let addr = address.recv().unwrap().unwrap();
    let running = browser.open(&format!("http://{addr}/"), scratch);
    let report = received
        .recv_timeout(Duration::from_secs(180))
        .unwrap_or_else(|_| panic!("the page in {engine} reports within three minutes"));
    drop(running);
    (serde_json::from_str(&report).unwrap(), addr)
}

/// One engine: the page's results against the model, then the facts and the screenshot.
fn check(engine: Engine) {
    let Some(browser) = browser_or_skip(engine) else { return };
    let version = browser.version().unwrap_or_default();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("browser-{}", engine.name()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    let started = Instant::now();
    let (report, addr) = run_page(&browser, engine, &scratch);
    let ran_in = started.elapsed();

    assert_eq!(report["engine"].as_str(), Some(engine.name()), "the server knows the engine: {}", report["userAgent"]);
    assert_eq!(report["pageEngine"].as_str(), Some(engine.name()), "engines.mjs knows it: {}", report["userAgent"]);
    let results = report["results"].as_array().unwrap();
    let scenarios = scenarios();
    assert_eq!(results.len(), scenarios.len(), "every scenario ran in {version}");
    let mut seen_rows = Vec::new();
    let mut disagreements = Vec::new();
    for (result, scenario) in results.iter().zip(&scenarios) {
        assert_eq!(result["name"].as_str(), Some(scenario.name.as_str()));
        let seen = seen_from_report(&result["seen"]);
        let expected = scenario.expected(engine);
        let agrees = seen.as_ref() == Some(&expected);
        assert_eq!(result["agree"].as_bool(), Some(agrees), "the page's own comparison, row {}", scenario.name);
        if !agrees {
            let seen = seen.as_ref().map_or_else(|| format!("unreadable {}", result["seen"]), Seen::describe);
            disagreements.push(format!(
                "  {}: {version} {seen}; Engine::{engine:?} {}",
                scenario.name,
                expected.describe()
            ));
        }
        if let Some(Seen::Event { code, was_clean, .. }) = &seen {
            explains(result, scenario, *code, *was_clean, engine);
        }
        if scenario.fact {
            seen_rows.push((scenario.clone(), seen));
        }
    }
    eprintln!("{version}: {} scenarios played in {:.1} s", scenarios.len(), ran_in.as_secs_f64());

    if std::env::var_os("CLOSECODE_BLESS").is_some() {
        bless(engine, &version, &seen_rows);
        if !disagreements.is_empty() {
            eprintln!(
                "re-recorded {engine} in core/src/engine/measured.md; the model still disagrees on:\n{}\n\
                 make core/src/engine/facts.rs say the same, then run `cargo test -p closecode-core --test engine_conformance`",
                disagreements.join("\n")
            );
        }
    } else {
        assert!(
            disagreements.is_empty(),
            "{version} does not do what closecode's model of {engine} (measured on {}) says, on {} rows:\n{}\n\
             If the engine changed, re-record with CLOSECODE_BLESS=1 and update core/src/engine/facts.rs.",
            engine.measured_on(),
            disagreements.len(),
            disagreements.join("\n")
        );
    }
    if version != engine.measured_on() {
        eprintln!("note: {version} agrees with the model measured on {}", engine.measured_on());
    }

    // The reported table, rendered without replaying it, for the README.
    let shot = std::env::var_os("CLOSECODE_SCREENSHOTS").map_or_else(|| scratch.clone(), PathBuf::from);
    let shot = shot.join(format!("screenshot-{}.png", engine.name().to_lowercase()));
    let started = Instant::now();
    browser.screenshot(&format!("http://{addr}/?last"), &scratch, &shot).unwrap();
    eprintln!("{version}: screenshot {} in {:.1} s", shot.display(), started.elapsed().as_secs_f64());
}

/// The page's reading of an event with engines.mjs: what the server did is among what
/// `mayHaveBeen` gives for it, and a row whose event is not the code the server sent (another
/// code, an unclean close, or no code sent: every 1006 among them) says what may have been sent.
fn explains(result: &serde_json::Value, scenario: &Scenario, code: u16, was_clean: bool, engine: Engine) {
    let name = &scenario.name;
    assert_eq!(
        result["explained"].as_bool(),
        Some(true),
        "{engine}, row {name}: what the server did is not among what mayHaveBeen gives"
    );
    let sent = match &scenario.play {
        Play::Close(body) if (2..=MAX_PAYLOAD).contains(&body.len()) && std::str::from_utf8(&body[2..]).is_ok() => {
            Some(u16::from_be_bytes([body[0], body[1]]))
        }
        _ => None,
    };
    let note = result["mayHaveBeen"].as_str();
    if !(was_clean && sent == Some(code)) {
        assert!(note.is_some_and(|note| !note.is_empty()), "{engine}, row {name}: the page says {note:?}");
    }
}

/// Writes `engine`'s column of the facts file (its header is the version) from what the
/// browser did, keeping the other engines' columns; rows follow [`rows`].
fn bless(engine: Engine, version: &str, seen: &[(Scenario, Option<Seen>)]) {
    let _guard = FACTS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let old = std::fs::read_to_string(facts_path()).unwrap_or_default();
    let table = Table::parse(&old);
    let mut headers: Vec<String> = Engine::ALL
        .iter()
        .map(|e| table.headers.iter().find(|h| h.starts_with(e.name())).cloned().unwrap_or_else(|| e.name().into()))
        .collect();
    let column = Engine::ALL.iter().position(|e| *e == engine).unwrap();
    headers[column] = version.to_string();
    let mut text = String::from(
        "<!-- The engine facts, measured in real browsers: each row is a Close body the server sends (in `demo/src/web.rs`'s\n\
         notation: the code, then the reason; `0xFF` a byte that is not UTF-8, `\"a\"*123` a run) or a `close()` call the page\n\
         makes, and what the page saw. Re-recorded by `CLOSECODE_BLESS=1 cargo test -p closecode-demo --test browser`;\n\
         the rules in `core/src/engine/facts.rs` must give every cell (`core/tests/engine_conformance.rs`). -->\n\n",
    );
    let _ = write!(text, "| sent, or called | {} |\n|---|---|---|---|\n", headers.join(" | "));
    for scenario in rows() {
        let mut cells: Vec<String> = Engine::ALL
            .iter()
            .enumerate()
            .map(|(i, _)| table.cell(&scenario.name, i).unwrap_or_else(|| "not measured".into()))
            .collect();
        let measured = seen.iter().find(|(s, _)| s.name == scenario.name).and_then(|(_, seen)| seen.as_ref());
        cells[column] = measured.map_or_else(|| "no report".into(), Seen::describe);
        let cells: Vec<String> = cells.iter().map(|c| format!("`{c}`")).collect();
        let _ = writeln!(text, "| `{}` | {} |", scenario.name, cells.join(" | "));
    }
    std::fs::write(facts_path(), text).unwrap();
}

/// The facts file's table: engine headers, and the cells by row name.
struct Table {
    headers: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
}

impl Table {
    fn parse(text: &str) -> Table {
        let mut lines = text.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---"));
        let split = |line: &str| -> Vec<String> {
            line.trim_matches('|').split(" | ").map(|c| c.trim().trim_matches('`').to_string()).collect()
        };
        let headers = lines.next().map(|h| split(h).into_iter().skip(1).collect()).unwrap_or_default();
        let rows = lines
            .map(|line| {
                let mut cells = split(line);
                let name = cells.remove(0);
                (name, cells)
            })
            .collect();
        Table { headers, rows }
    }

    fn cell(&self, row: &str, column: usize) -> Option<String> {
        self.rows.iter().find(|(name, _)| name == row).and_then(|(_, cells)| cells.get(column).cloned())
    }
}

#[test]
fn chromium_does_what_closecode_models() {
    check(Engine::Chromium);
}

#[test]
fn firefox_does_what_closecode_models() {
    check(Engine::Firefox);
}

#[test]
fn webkitgtk_does_what_closecode_models() {
    check(Engine::WebKitGtk);
}

/// The facts file lists exactly the rows the page plays, in order.
#[test]
fn the_facts_file_has_every_row() {
    let table = Table::parse(&std::fs::read_to_string(facts_path()).unwrap());
    let recorded: Vec<&str> = table.rows.iter().map(|(name, _)| name.as_str()).collect();
    let played: Vec<String> = rows().into_iter().map(|s| s.name).collect();
    assert_eq!(recorded, played, "re-record core/src/engine/measured.md with CLOSECODE_BLESS=1");
}
