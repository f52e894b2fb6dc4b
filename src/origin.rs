//! Which registry a build generated `CloseCode` from.

/// Which registry a build generated [`CloseCode`](crate::CloseCode) from: [`REGISTRY_ORIGIN`](crate::REGISTRY_ORIGIN).
///
/// A binary can report it at start-up, or a test can pin it, to know which registry it was
/// built with ([`REGISTRY_SOURCE`](crate::REGISTRY_SOURCE) and
/// [`REGISTRY_RETRIEVED`](crate::REGISTRY_RETRIEVED) say where from and when):
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
    /// The vendored registry, because the `fetch` feature's download or its validation failed;
    /// [`REGISTRY_SOURCE`](crate::REGISTRY_SOURCE) says why.
    VendoredAfterFailedDownload,
}
