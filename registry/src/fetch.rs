//! Downloading a registry file (feature `fetch`): bounded in time and size, one-line errors;
//! and whether Cargo runs offline, so that a build honours `--offline` and `CARGO_NET_OFFLINE`.
//!
//! ```no_run
//! use closecode_registry::fetch::{IANA_URL, Options, download, offline};
//! if offline().is_none() {
//!     let csv = download(IANA_URL, &Options::default())?;
//!     println!("{} bytes", csv.len());
//! }
//! # Ok::<(), closecode_registry::fetch::FetchError>(())
//! ```

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where IANA serves the close-code registry as CSV.
///
/// ```
/// assert!(closecode_registry::fetch::IANA_URL.ends_with("/close-code-number.csv"));
/// ```
pub const IANA_URL: &str = "https://www.iana.org/assignments/websocket/close-code-number.csv";

/// Limits of a download.
///
/// ```
/// let options = closecode_registry::fetch::Options::default();
/// assert_eq!(options.timeout.as_secs(), 30);
/// assert_eq!(options.max_bytes, 1 << 20);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The whole request (connect, headers and body) must finish within this.
    pub timeout: Duration,
    /// A body longer than this is refused. The registry is about 2 KiB.
    pub max_bytes: u64,
}

impl Options {
    /// With the whole request limited to `timeout`.
    ///
    /// ```
    /// use std::time::Duration;
    /// let options = closecode_registry::fetch::Options::default().timeout(Duration::from_secs(5));
    /// assert_eq!(options.timeout, Duration::from_secs(5));
    /// ```
    #[must_use]
    pub fn timeout(self, timeout: Duration) -> Self {
        Options { timeout, ..self }
    }

    /// With bodies longer than `max_bytes` refused.
    ///
    /// ```
    /// assert_eq!(closecode_registry::fetch::Options::default().max_bytes(10).max_bytes, 10);
    /// ```
    #[must_use]
    pub fn max_bytes(self, max_bytes: u64) -> Self {
        Options { max_bytes, ..self }
    }
}

impl Default for Options {
    fn default() -> Self {
        Options { timeout: Duration::from_secs(30), max_bytes: 1 << 20 }
    }
}

/// Why a download failed. Each renders as one line.
///
/// ```
/// let err = closecode_registry::fetch::download("not a url", &Default::default()).unwrap_err();
/// assert!(!err.to_string().contains('\n'));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum FetchError {
    /// The HTTP client could not be built (TLS setup).
    Client(String),
    /// The request failed: refused, unreachable, timed out, cut off.
    Request(String),
    /// The server answered with a status other than 200.
    Status(u16),
    /// The body is longer than the limit.
    TooLarge(u64),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Client(e) => write!(f, "cannot set up the HTTP client: {e}"),
            FetchError::Request(e) => write!(f, "{e}"),
            FetchError::Status(code) => write!(f, "the server answered HTTP {code}, not 200"),
            FetchError::TooLarge(limit) => write!(f, "the body is larger than the {limit}-byte limit"),
        }
    }
}

impl std::error::Error for FetchError {}

/// Downloads `url` within `options`' limits.
///
/// ```no_run
/// let bytes = closecode_registry::fetch::download(closecode_registry::fetch::IANA_URL, &Default::default())?;
/// # Ok::<(), closecode_registry::fetch::FetchError>(())
/// ```
///
/// # Errors
///
/// A [`FetchError`] for a failed connection, a timeout, a status other than 200, a body over
/// the limit, or a body cut short.
pub fn download(url: &str, options: &Options) -> Result<Vec<u8>, FetchError> {
    // reqwest is built without a default crypto provider; use ring's. A provider installed
    // earlier (by us or by the application) is fine too.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::blocking::Client::builder()
        .timeout(options.timeout)
        .user_agent(concat!("closecode-registry/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| FetchError::Client(one_line(&e)))?;
    let response = client.get(url).send().map_err(|e| FetchError::Request(one_line(&e)))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status(status));
    }
    if response.content_length().is_some_and(|len| len > options.max_bytes) {
        return Err(FetchError::TooLarge(options.max_bytes));
    }
    let mut body = Vec::new();
    response
        .take(options.max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| FetchError::Request(format!("reading the body failed: {}", one_line(&e))))?;
    if body.len() as u64 > options.max_bytes {
        return Err(FetchError::TooLarge(options.max_bytes));
    }
    Ok(body)
}

/// An error and its sources on one line: `error sending request: connection refused`.
fn one_line(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text.replace('\n', " ")
}

/// Why Cargo runs offline, or `None` when it may use the network: what a build script must
/// honour before it downloads anything (Cargo tells build scripts nothing about it).
///
/// Read, in Cargo's own order of precedence:
///
/// 1. the command line of the `cargo` process running the build script (on Linux, from
///    `/proc`): `--offline`, `--frozen`, `--config net.offline=true|false`, up to a `--`;
/// 2. the environment: `CARGO_NET_OFFLINE=true|false`;
/// 3. Cargo's configuration files: `.cargo/config.toml` (or `.cargo/config`) in the directory
///    Cargo was started in (on Linux; elsewhere the package's directory) and every parent,
///    then `$CARGO_HOME/config.toml`, for `offline` in `[net]`.
///
/// On systems without `/proc`, `--offline` itself is not seen: set `CARGO_NET_OFFLINE=true`
/// (or `net.offline` in a configuration file) there.
///
/// ```
/// if let Some(reason) = closecode_registry::fetch::offline() {
///     println!("no download: {reason}");
/// }
/// ```
pub fn offline() -> Option<String> {
    let (args, cwd) = cargo_process();
    let env = std::env::var("CARGO_NET_OFFLINE").ok();
    let start = cwd.or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from));
    let home = std::env::var_os("CARGO_HOME").map(PathBuf::from);
    offline_from(&args, env.as_deref(), &config_files(start.as_deref(), home.as_deref()))
}

/// The arguments and working directory of the `cargo` process that started this one, where
/// the system tells them (Linux); nothing when the parent is not `cargo`.
fn cargo_process() -> (Vec<String>, Option<PathBuf>) {
    #[cfg(target_os = "linux")]
    {
        let parent = std::os::unix::process::parent_id();
        let Ok(cmdline) = std::fs::read(format!("/proc/{parent}/cmdline")) else { return (Vec::new(), None) };
        let mut words = cmdline.split(|&b| b == 0).map(|w| String::from_utf8_lossy(w).into_owned());
        let is_cargo = words.next().is_some_and(|program| {
            Path::new(&program).file_name().is_some_and(|name| name.to_string_lossy().starts_with("cargo"))
        });
        if !is_cargo {
            return (Vec::new(), None);
        }
        let cwd = std::fs::read_link(format!("/proc/{parent}/cwd")).ok();
        (words.collect(), cwd)
    }
    #[cfg(not(target_os = "linux"))]
    {
        (Vec::new(), None)
    }
}

/// Cargo's configuration files with their text, highest precedence first: from `start` up to
/// the root, then `home`.
fn config_files(start: Option<&Path>, home: Option<&Path>) -> Vec<(PathBuf, String)> {
    let mut dirs: Vec<PathBuf> =
        start.map(|dir| dir.ancestors().map(|d| d.join(".cargo")).collect()).unwrap_or_default();
    dirs.extend(home.map(Path::to_path_buf));
    let mut files = Vec::new();
    for dir in dirs {
        for name in ["config", "config.toml"] {
            let path = dir.join(name);
            if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path, text));
                break;
            }
        }
    }
    files
}

/// The decision of [`offline`], from what it read.
fn offline_from(args: &[String], env: Option<&str>, configs: &[(PathBuf, String)]) -> Option<String> {
    let mut config_arg = None;
    let mut words = args.iter().take_while(|w| *w != "--");
    while let Some(word) = words.next() {
        match word.as_str() {
            "--offline" | "--frozen" => return Some(format!("cargo runs with {word}")),
            "--config" => config_arg = words.next().and_then(|v| net_offline_setting(v)).or(config_arg),
            other => {
                if let Some(value) = other.strip_prefix("--config=") {
                    config_arg = net_offline_setting(value).or(config_arg);
                }
            }
        }
    }
    if let Some(offline) = config_arg {
        return offline.then(|| "cargo runs with --config net.offline=true".to_string());
    }
    match env.map(str::trim) {
        Some("true") => return Some("CARGO_NET_OFFLINE=true".to_string()),
        Some("false") => return None,
        _ => {}
    }
    configs
        .iter()
        .find_map(|(path, text)| {
            config_offline(text).map(|offline| offline.then(|| format!("net.offline = true in {}", path.display())))
        })
        .flatten()
}

/// `net.offline=true` (or `false`) in a `--config` value.
fn net_offline_setting(value: &str) -> Option<bool> {
    let (key, value) = value.split_once('=')?;
    (key.trim() == "net.offline").then(|| bool_value(value)).flatten()
}

fn bool_value(text: &str) -> Option<bool> {
    match text.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `offline` in a configuration file's `[net]` table (or `net.offline` at its top), if set.
/// A line-based reading of the TOML, enough for the forms Cargo's documentation shows.
fn config_offline(text: &str) -> Option<bool> {
    let mut table = String::new();
    let mut found = None;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(header) = line.strip_prefix('[') {
            table = header.trim_end_matches(']').trim().to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else { continue };
        let key = key.trim();
        let is_offline = (table == "net" && key == "offline") || (table.is_empty() && key == "net.offline");
        if is_offline {
            found = bool_value(value).or(found);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_command_line_wins_then_the_environment_then_the_files() {
        let files = vec![(PathBuf::from("/p/.cargo/config.toml"), "[net]\noffline = true\n".to_string())];
        assert_eq!(offline_from(&words("build --offline"), None, &[]).as_deref(), Some("cargo runs with --offline"));
        assert_eq!(offline_from(&words("test --frozen -p x"), None, &[]).as_deref(), Some("cargo runs with --frozen"));
        assert_eq!(
            offline_from(&words("build --config net.offline=true"), Some("false"), &[]).as_deref(),
            Some("cargo runs with --config net.offline=true")
        );
        assert_eq!(offline_from(&words("build --config=net.offline=false"), Some("true"), &files), None);
        assert_eq!(offline_from(&words("build"), Some("true"), &[]).as_deref(), Some("CARGO_NET_OFFLINE=true"));
        assert_eq!(offline_from(&words("build"), Some("false"), &files), None);
        assert_eq!(
            offline_from(&words("build"), None, &files).as_deref(),
            Some("net.offline = true in /p/.cargo/config.toml")
        );
        assert_eq!(offline_from(&words("build"), None, &[]), None);
    }

    #[test]
    fn the_program_s_own_arguments_are_not_cargo_s() {
        assert_eq!(offline_from(&words("run -- --offline"), None, &[]), None);
        assert_eq!(offline_from(&words("run --config"), None, &[]), None);
    }

    #[test]
    fn configuration_files_are_read_by_table() {
        assert_eq!(config_offline("[net]\noffline = true # no network\n"), Some(true));
        assert_eq!(config_offline("net.offline = true\n"), Some(true));
        assert_eq!(config_offline("[http]\noffline = true\n[net]\nretry = 3\n"), None);
        assert_eq!(config_offline("[net]\noffline = false\n"), Some(false));
        assert_eq!(config_offline("[net]\n# offline = true\n"), None);
        assert_eq!(config_offline("[net\noffline = maybe\n"), None);
    }

    #[test]
    fn configuration_files_nearest_first_then_cargo_home() {
        let root = std::env::temp_dir().join(format!("closecode-config-{}", std::process::id()));
        let inner = root.join("a/b");
        std::fs::create_dir_all(inner.join(".cargo")).unwrap();
        std::fs::create_dir_all(root.join(".cargo")).unwrap();
        std::fs::create_dir_all(root.join("home")).unwrap();
        std::fs::write(inner.join(".cargo/config.toml"), "[net]\noffline = false\n").unwrap();
        std::fs::write(root.join(".cargo/config"), "[net]\noffline = true\n").unwrap();
        std::fs::write(root.join("home/config.toml"), "").unwrap();
        let files = config_files(Some(&inner), Some(&root.join("home")));
        let paths: Vec<&Path> = files.iter().map(|(p, _)| p.as_path()).collect();
        assert_eq!(paths[0], inner.join(".cargo/config.toml"));
        assert!(paths.contains(&root.join(".cargo/config").as_path()));
        assert_eq!(paths.last().copied(), Some(root.join("home/config.toml").as_path()));
        assert_eq!(offline_from(&[], None, &files), None, "the nearest file says false");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
