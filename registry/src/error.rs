//! The one error type of the pipeline: a position in a file and what is wrong there.

use std::fmt;

/// What went wrong, and where: renders as `file:line: message`.
///
/// ```
/// let err = closecode_registry::parse_registry(
///     &closecode_registry::Source::new("bad.csv", b"Status Code,Meaning,Contact,Reference\r\nabc,X,,\r\n"),
/// )
/// .unwrap_err();
/// assert_eq!(err.to_string(), "bad.csv:2: status code `abc` is not a number");
/// assert_eq!(err.line(), 2);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    file: String,
    line: u64,
    message: String,
}

impl Error {
    /// An error at `line` (1-based) of `file`.
    ///
    /// ```
    /// let err = closecode_registry::Error::new("a.csv", 3, "bad row");
    /// assert_eq!(err.to_string(), "a.csv:3: bad row");
    /// ```
    pub fn new(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Error { file: file.into(), line, message: message.into() }
    }

    /// The file the error is in, as the caller named it.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Error::new("a.csv", 1, "x").file(), "a.csv");
    /// ```
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The 1-based line the error is on.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Error::new("a.csv", 7, "x").line(), 7);
    /// ```
    pub fn line(&self) -> u64 {
        self.line
    }

    /// What is wrong, without the position.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Error::new("a.csv", 1, "x").message(), "x");
    /// ```
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for Error {}
