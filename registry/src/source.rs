//! An input file: its name for error messages and its bytes.

/// One input of the pipeline: the name that errors show and the raw bytes.
///
/// The bytes are taken as they are (not `&str`), so a file that is not UTF-8 gets an error
/// with its line instead of a failure before parsing starts.
///
/// ```
/// let src = closecode_registry::Source::new("registry/close-code-number.csv", closecode_registry::CSV.as_bytes());
/// assert_eq!(src.name(), "registry/close-code-number.csv");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    name: &'a str,
    bytes: &'a [u8],
}

impl<'a> Source<'a> {
    /// A source called `name` (usually its path) holding `bytes`.
    ///
    /// ```
    /// let src = closecode_registry::Source::new("x.csv", b"a,b\n");
    /// assert_eq!(src.bytes(), b"a,b\n");
    /// ```
    pub fn new(name: &'a str, bytes: &'a [u8]) -> Self {
        Source { name, bytes }
    }

    /// The name errors show.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Source::new("x.csv", b"").name(), "x.csv");
    /// ```
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// The file's content.
    ///
    /// ```
    /// assert!(closecode_registry::Source::new("x.csv", b"").bytes().is_empty());
    /// ```
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }
}
