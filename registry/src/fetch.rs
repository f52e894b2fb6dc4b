//! Downloading a registry file (feature `fetch`): bounded in time and size, one-line errors.

use std::fmt;
use std::io::Read;
use std::time::Duration;

/// Where IANA serves the close-code registry as CSV.
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
