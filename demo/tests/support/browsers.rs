//! The three browser engines closecode models, driven headless: Chromium (Debian `chromium`),
//! Firefox (Debian `firefox-esr`) and WebKitGTK (a `WebKit2.WebView` from Debian's
//! `gir1.2-webkit2-4.1` and `python3-gi`, under `xvfb-run` from `xvfb`). Each is found (or
//! said missing, with the package to install), asked its version, pointed at a page, and asked
//! for a screenshot of one. Every browser runs in a process group of its own, killed whole
//! when its handle drops.

use closecode_core::Engine;
use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A browser of one engine, found on this machine.
pub(crate) struct Browser {
    engine: Engine,
    binary: PathBuf,
}

/// The size of every browser's window, and so of the screenshots: wide enough for the page's
/// table, its last column included.
const WINDOW: (u32, u32) = (1800, 1500);

/// The Python program that runs WebKitGTK (its `WIDTH, HEIGHT` replaced by [`WINDOW`]): loads
/// the URL in a WebView, and once the page sets its title to "closecode demo: done", saves
/// the window as a PNG (when a path is given; from the X server, so no cairo binding is
/// needed) and quits.
const WEBKIT_DRIVER: &str = r#"
import sys, gi
gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gdk, GLib, Gtk, WebKit2
url, shot = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else None)
window = Gtk.Window()
window.set_default_size(WIDTH, HEIGHT)
view = WebKit2.WebView()
window.add(view)
def save():
    try:
        width, height = window.get_size()
        Gdk.pixbuf_get_from_window(window.get_window(), 0, 0, width, height).savev(shot, "png", [], [])
    finally:
        Gtk.main_quit()
def titled(view, _):
    if view.get_title() == "closecode demo: done":
        if shot:
            GLib.timeout_add(500, save)  # after the next paint
        else:
            Gtk.main_quit()
view.connect("notify::title", titled)
window.connect("destroy", Gtk.main_quit)
window.show_all()
view.load_uri(url)
Gtk.main()
"#;

const WEBKIT_VERSION: &str = r#"
import gi
gi.require_version("WebKit2", "4.1")
from gi.repository import WebKit2
print("WebKitGTK %d.%d.%d" % (WebKit2.get_major_version(), WebKit2.get_minor_version(), WebKit2.get_micro_version()))
"#;

/// The system Python, which has Debian's `gi` (a pyenv or venv `python3` may not).
const SYSTEM_PYTHON: &str = "/usr/bin/python3";

fn runs(command: &mut Command) -> Option<String> {
    let output = command.stdin(Stdio::null()).stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

impl Browser {
    /// The browser of `engine` on this machine, or why there is none.
    pub(crate) fn find(engine: Engine) -> Result<Browser, String> {
        let (variable, names, package): (&str, &[&str], &str) = match engine {
            Engine::Chromium => ("CLOSECODE_CHROMIUM", &["chromium", "chromium-browser", "google-chrome"], "chromium"),
            Engine::Firefox => ("CLOSECODE_FIREFOX", &["firefox-esr", "firefox"], "firefox-esr"),
            Engine::WebKitGtk => ("CLOSECODE_XVFB_RUN", &["xvfb-run"], "xvfb gir1.2-webkit2-4.1 python3-gi"),
            _ => return Err(format!("no driver for {engine}")),
        };
        let candidates: Vec<PathBuf> = match std::env::var_os(variable) {
            Some(path) => vec![PathBuf::from(path)],
            None => names.iter().map(PathBuf::from).collect(),
        };
        let found = candidates.into_iter().find(|binary| match engine {
            // xvfb-run has no --version; `which` is enough, the WebKit check comes next.
            Engine::WebKitGtk => runs(Command::new("which").arg(binary)).is_some(),
            _ => runs(Command::new(binary).arg("--version")).is_some(),
        });
        let missing = || format!("no {engine} found (install Debian's `{package}`, or set {variable})");
        let browser = Browser { engine, binary: found.ok_or_else(missing)? };
        browser.version().map(|_| browser).ok_or_else(missing)
    }

    /// The engine and its version, as [`Engine::measured_on`] writes them: "Chromium
    /// 156.0.8078.108", "Firefox 153.8.0esr", "WebKitGTK 2.50.6".
    pub(crate) fn version(&self) -> Option<String> {
        if self.engine == Engine::WebKitGtk {
            return runs(Command::new(SYSTEM_PYTHON).args(["-c", WEBKIT_VERSION]));
        }
        let text = runs(Command::new(&self.binary).arg("--version"))?;
        // "Chromium 156.0.8078.108 built on Debian ...", "Mozilla Firefox 153.8.0esr"
        let mut words = text.split_whitespace().skip_while(|w| *w == "Mozilla");
        Some(format!("{} {}", words.next()?, words.next()?))
    }

    /// Starts the browser on `url`, with a fresh profile under `scratch`.
    pub(crate) fn open(&self, url: &str, scratch: &Path) -> Running {
        Running::spawn(self.command(url, scratch, None))
    }

    /// Renders `url` and saves a PNG of it to `shot`, within two minutes.
    pub(crate) fn screenshot(&self, url: &str, scratch: &Path, shot: &Path) -> Result<(), String> {
        let _ = std::fs::remove_file(shot);
        let mut running = Running::spawn(self.command(url, scratch, Some(shot)));
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = running.0.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        drop(running);
        if shot.exists() { Ok(()) } else { Err(format!("{} wrote no screenshot to {}", self.engine, shot.display())) }
    }

    fn command(&self, url: &str, scratch: &Path, shot: Option<&Path>) -> Command {
        let profile =
            scratch.join(format!("{}-profile-{}", self.engine.name(), if shot.is_some() { "shot" } else { "run" }));
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile).unwrap();
        let mut command = match self.engine {
            Engine::Chromium => {
                let mut command = Command::new(&self.binary);
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
                    .arg(format!("--user-data-dir={}", profile.display()));
                if let Some(shot) = shot {
                    command
                        .arg(format!("--screenshot={}", shot.display()))
                        .arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1))
                        .args(["--hide-scrollbars", "--virtual-time-budget=5000"]);
                }
                command.arg(url);
                command
            }
            Engine::Firefox => {
                // No first-run pages, no updates, telemetry or background connections: the page
                // on 127.0.0.1 is all it reaches.
                let prefs = [
                    ("browser.shell.checkDefaultBrowser", "false"),
                    ("browser.startup.homepage_override.mstone", "\"ignore\""),
                    ("browser.aboutwelcome.enabled", "false"),
                    ("datareporting.policy.dataSubmissionEnabled", "false"),
                    ("datareporting.healthreport.uploadEnabled", "false"),
                    ("toolkit.telemetry.reportingpolicy.firstRun", "false"),
                    ("app.update.disabledForTesting", "true"),
                    ("app.normandy.enabled", "false"),
                    ("extensions.update.enabled", "false"),
                    ("browser.safebrowsing.malware.enabled", "false"),
                    ("browser.safebrowsing.phishing.enabled", "false"),
                    ("network.captive-portal-service.enabled", "false"),
                    ("network.connectivity-service.enabled", "false"),
                    ("browser.newtabpage.enabled", "false"),
                    ("browser.region.network.url", "\"\""),
                    ("services.settings.server", "\"http://127.0.0.1:9\""),
                    ("network.websocket.delay-failed-reconnects", "false"),
                ];
                let user_js = prefs.iter().fold(String::new(), |mut js, (key, value)| {
                    let _ = writeln!(js, "user_pref(\"{key}\", {value});");
                    js
                });
                std::fs::write(profile.join("user.js"), user_js).unwrap();
                let mut command = Command::new(&self.binary);
                command.args(["--headless", "--no-remote", "--profile"]).arg(&profile);
                if let Some(shot) = shot {
                    command.arg("--screenshot").arg(shot).arg(format!("--window-size={},{}", WINDOW.0, WINDOW.1));
                }
                command.arg(url).env("HOME", &profile).env("MOZ_HEADLESS", "1");
                command
            }
            _ => {
                let mut command = Command::new(&self.binary);
                command
                    .args(["-a", "-s", &format!("-screen 0 {}x{}x24", WINDOW.0, WINDOW.1), SYSTEM_PYTHON, "-c"])
                    .arg(WEBKIT_DRIVER.replace("WIDTH, HEIGHT", &format!("{}, {}", WINDOW.0, WINDOW.1)))
                    .arg(url)
                    .args(shot)
                    .env("HOME", &profile)
                    .env("XDG_RUNTIME_DIR", &profile)
                    .env("NO_AT_BRIDGE", "1")
                    .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
                command
            }
        };
        command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null());
        command
    }
}

/// A browser's process group, killed whole on drop (xvfb-run's Xvfb, Firefox's content
/// processes and Chromium's helpers included).
pub(crate) struct Running(Child);

impl Running {
    fn spawn(mut command: Command) -> Running {
        Running(command.process_group(0).spawn().unwrap())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.0.wait();
    }
}
