//! Which registry a build generated `CloseCode` from.

/// Which registry a build generated [`CloseCode`](crate::CloseCode) from: [`REGISTRY_ORIGIN`].
///
/// A binary can report it at start-up, or a test can pin it, to know which registry it was
/// built with ([`REGISTRY_SOURCE`] and
/// [`REGISTRY_RETRIEVED`] say where from and when):
///
/// ```
/// use closecode::{REGISTRY_ORIGIN, REGISTRY_RETRIEVED, REGISTRY_SOURCE, RegistryOrigin};
///
/// if REGISTRY_ORIGIN == RegistryOrigin::VendoredAfterFailedDownload {
///     eprintln!("warning: close codes from the vendored registry: {REGISTRY_SOURCE}");
/// }
/// println!("close-code registry: {REGISTRY_ORIGIN:?}, {REGISTRY_SOURCE}, {REGISTRY_RETRIEVED}");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RegistryOrigin {
    /// The registry vendored in this release (the default build).
    Vendored,
    /// A file named by `CLOSECODE_REGISTRY_CSV`.
    File,
    /// Downloaded during the build (the `fetch` feature).
    Downloaded,
    /// The vendored registry, because the `fetch` feature's download or its validation failed,
    /// or was not attempted because Cargo ran offline; [`REGISTRY_SOURCE`] says why.
    VendoredAfterFailedDownload,
}

/// Where the registry data behind [`CloseCode`](crate::CloseCode) was taken from: a URL, `file
/// NAME` for a `CLOSECODE_REGISTRY_CSV` file (its name only, never the builder's path), or
/// `vendored, download failed: ...` when the `fetch` feature fell back to the vendored copy.
///
/// ```
/// let source = closecode::REGISTRY_SOURCE;
/// assert!(source.starts_with("https://") || source.starts_with("file ") || source.starts_with("vendored, "));
/// ```
pub const REGISTRY_SOURCE: &str = crate::SOURCE;

/// The day the registry data behind [`CloseCode`](crate::CloseCode) was taken, `YYYY-MM-DD`
/// (UTC): the vendored copy's retrieval, the download's day (`SOURCE_DATE_EPOCH`'s when set),
/// or for a `CLOSECODE_REGISTRY_CSV` file `SOURCE_DATE_EPOCH`'s day, else `unknown` (never the
/// file's modification time, so the same inputs build the same bytes).
///
/// ```
/// let day = closecode::REGISTRY_RETRIEVED;
/// assert!(day == "unknown" || (day.len() == 10 && day.as_bytes()[4] == b'-' && day.as_bytes()[7] == b'-'));
/// ```
pub const REGISTRY_RETRIEVED: &str = crate::RETRIEVED;

/// Which registry this build generated [`CloseCode`](crate::CloseCode) from.
///
/// ```
/// use closecode::{REGISTRY_ORIGIN, RegistryOrigin};
///
/// let newer = matches!(REGISTRY_ORIGIN, RegistryOrigin::File | RegistryOrigin::Downloaded);
/// println!("built with {} registry", if newer { "a newer" } else { "the vendored" });
/// ```
pub const REGISTRY_ORIGIN: RegistryOrigin = crate::ORIGIN;
