//! A real browser against closecode's model of one: headless Chromium loads the demo page,
//! which opens real WebSockets to the demo's server on 127.0.0.1 and plays every scenario (the
//! chat sessions, and raw Close frames written byte by byte: valid and invalid codes, empty and
//! 1-byte bodies, a 123-byte reason, a 126-byte body, a reason that is not UTF-8, a dropped
//! connection). For every scenario the browser's `CloseEvent` (code, reason, wasClean, type,
//! isTrusted) must equal the one closecode builds for the same bytes under the
//! browser-lenient policy. The page reports back over HTTP on loopback; nothing else is
//! reached. A second run renders the reported table for the README's screenshot.
//!
//! Without Chromium the test says it was skipped and why; `CLOSECODE_REQUIRE_TOOLS=1` (set by
//! `.ci/run`) makes a missing browser a failure. `CLOSECODE_CHROMIUM` names another binary;
//! `CLOSECODE_SCREENSHOT` names where to write the screenshot (the README's is
//! `demo/web/screenshot.png`).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = match std::env::var_os("CLOSECODE_CHROMIUM") {
        Some(path) => vec![PathBuf::from(path)],
        None => ["chromium", "chromium-browser", "google-chrome"].iter().map(PathBuf::from).collect(),
    };
    let found =
        candidates.into_iter().find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()));
    if found.is_none() {
        let message =
            "no Chromium found (install Debian's `chromium`, or set CLOSECODE_CHROMIUM): the browser test is skipped";
        assert!(std::env::var_os("CLOSECODE_REQUIRE_TOOLS").is_none(), "{message}, and CLOSECODE_REQUIRE_TOOLS is set");
        eprintln!("skipped: {message}");
    }
    found
}

/// Chromium, headless, with a fresh profile and no network of its own beyond the page.
fn browser(binary: &Path, profile: &Path, extra: &[&str], url: &str) -> Command {
    let mut command = Command::new(binary);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(url)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_browser_reports_what_closecode_models_for_every_scenario() {
    let Some(binary) = chromium() else { return };
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
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();

    let run = browser(&binary, &scratch.join("profile-run"), &[], &format!("http://{addr}/")).spawn().unwrap();
    let run = Killed(run);
    let report = received.recv_timeout(Duration::from_secs(120)).expect("the page reports within two minutes");
    drop(run);

    let results: serde_json::Value = serde_json::from_str(&report).unwrap();
    let results = results.as_array().unwrap();
    let scenarios = closecode_demo::web::scenarios();
    assert_eq!(results.len(), scenarios.len(), "every scenario ran");
    let mut disagreements = Vec::new();
    for (result, scenario) in results.iter().zip(&scenarios) {
        let expected = scenario.expected();
        let browser = &result["browser"];
        let seen = (
            browser["code"].as_u64(),
            browser["reason"].as_str(),
            browser["wasClean"].as_bool(),
            browser["type"].as_str(),
            browser["isTrusted"].as_bool(),
        );
        let modelled = (
            Some(u64::from(expected.code())),
            Some(expected.reason()),
            Some(expected.was_clean()),
            Some(expected.event_type()),
            Some(expected.is_trusted()),
        );
        if seen != modelled {
            disagreements.push(format!("{}: browser {seen:?}, closecode {modelled:?}", scenario.name));
        }
    }
    assert!(disagreements.is_empty(), "the browser and closecode disagree:\n{}", disagreements.join("\n"));

    // The reported table, rendered without replaying it, for the README.
    let shot = std::env::var_os("CLOSECODE_SCREENSHOT").map_or_else(|| scratch.join("screenshot.png"), PathBuf::from);
    let screenshot = format!("--screenshot={}", shot.display());
    let status = browser(
        &binary,
        &scratch.join("profile-shot"),
        &[&screenshot, "--window-size=1280,1060", "--hide-scrollbars", "--virtual-time-budget=5000"],
        &format!("http://{addr}/?last"),
    )
    .status()
    .unwrap();
    assert!(status.success() && shot.exists(), "the screenshot is written to {}", shot.display());
}
