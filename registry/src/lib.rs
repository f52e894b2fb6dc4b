//! IANA's WebSocket Close Code Number Registry, vendored, and the pipeline that turns it into
//! the `closecode` crate's `CloseCode`: what the `closecode` build script needs, and nothing
//! else (the crate `closecode` pins this one with `=`, and its `regenerate` feature compiles it).
//!
//! Three layers, each usable alone:
//!
//! 1. the data: [`CSV`] (IANA's file byte for byte), [`ANNOTATIONS`] (closecode's identifiers,
//!    display names, descriptions and protocol flags) and [`PROVENANCE`];
//! 2. the parsers: [`parse_rows`], [`parse_annotations`], [`Provenance::parse`], joined and
//!    checked by [`Registry::parse`];
//! 3. the generator: [`generate()`], which the `closecode` build script calls, with the RFC 6455
//!    ranges it is built on ([`CODE_RANGES`]).
//!
//! With the `fetch` feature (the build-time download of `closecode`'s own `fetch` feature),
//! [`fetch`] downloads a registry file, bounded in time and size, and tells whether Cargo is
//! offline. The maintainers' tools (the updater, the diff, the TypeScript/JavaScript/JSON
//! exports) live in the workspace's `closecode-tools` package, outside what a build compiles.
//!
//! Every error is an [`Error`] that reads `file:line: what is wrong`.
//!
//! ```
//! let registry = closecode_registry::vendored()?;
//! let provenance = closecode_registry::vendored_provenance()?;
//! let rust = closecode_registry::generate(&registry, &provenance);
//! assert!(rust.contains("pub enum CloseCode"));
//! # Ok::<(), closecode_registry::Error>(())
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod annotations;
mod error;
mod generate;
mod provenance;
mod records;
mod registry;
mod row;
mod source;
mod span;

#[cfg(feature = "fetch")]
pub mod fetch;

pub use annotations::{Advice, Annotation, Flag, parse_annotations};
pub use error::Error;
pub use generate::{CODE_RANGES, CodeRange, Sendable, generate, generate_from, sendable_ranges};
pub use provenance::{Origin, Provenance, UNKNOWN_DAY, day_of_source_date_epoch, today_utc, utc_day};
pub use registry::{Entry, REGISTRABLE, Registry, derive_ident};
pub use row::{Row, parse_rows};
pub use source::Source;
pub use span::{CodeSpan, SpanError};

/// IANA's close-code CSV, byte for byte (CRLF row ends included).
///
/// ```
/// assert!(closecode_registry::CSV.starts_with("Status Code,Meaning,Contact,Reference"));
/// ```
pub const CSV: &str = include_str!("../close-code-number.csv");

/// closecode's annotations of the registry: identifiers, display names, descriptions, flags.
///
/// ```
/// assert!(closecode_registry::ANNOTATIONS.contains("\n1014,BadGateway,"));
/// ```
pub const ANNOTATIONS: &str = include_str!("../annotations.csv");

/// Where [`CSV`] came from: `source` and `retrieved` lines.
///
/// ```
/// assert!(closecode_registry::PROVENANCE.contains("\nretrieved = "));
/// ```
pub const PROVENANCE: &str = include_str!("../provenance.txt");

/// The name errors give the vendored CSV: its path in the repository.
///
/// ```
/// assert!(closecode_registry::CSV_PATH.ends_with("/close-code-number.csv"));
/// ```
pub const CSV_PATH: &str = "registry/close-code-number.csv";

/// The name errors give the vendored annotations: its path in the repository.
///
/// ```
/// assert!(closecode_registry::ANNOTATIONS_PATH.ends_with("/annotations.csv"));
/// ```
pub const ANNOTATIONS_PATH: &str = "registry/annotations.csv";

/// The name errors give the vendored provenance: its path in the repository.
///
/// ```
/// assert!(closecode_registry::PROVENANCE_PATH.ends_with("/provenance.txt"));
/// ```
pub const PROVENANCE_PATH: &str = "registry/provenance.txt";

/// The vendored registry, parsed and checked.
///
/// ```
/// assert_eq!(closecode_registry::vendored().unwrap().registrations().count(), 19);
/// ```
///
/// # Errors
///
/// Only if the vendored files are broken, which the crate's tests rule out.
pub fn vendored() -> Result<Registry, Error> {
    parse_registry(&Source::new(CSV_PATH, CSV.as_bytes()))
}

/// The vendored provenance, parsed.
///
/// ```
/// assert!(closecode_registry::vendored_provenance().unwrap().source.starts_with("https://www.iana.org/"));
/// ```
///
/// # Errors
///
/// Only if the vendored file is broken, which the crate's tests rule out.
pub fn vendored_provenance() -> Result<Provenance, Error> {
    Provenance::parse(&Source::new(PROVENANCE_PATH, PROVENANCE.as_bytes()))
}

/// A registry CSV (vendored, downloaded or given by the user) checked with the vendored
/// annotations.
///
/// ```
/// use closecode_registry::{Source, parse_registry};
///
/// let csv = b"Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n1016,Shiny New,,\r\n";
/// let reg = parse_registry(&Source::new("new.csv", csv)).unwrap();
/// assert_eq!(reg.entries()[1].ident.as_deref(), Some("ShinyNew"));
/// ```
///
/// # Errors
///
/// As [`Registry::parse`].
pub fn parse_registry(csv: &Source<'_>) -> Result<Registry, Error> {
    Registry::parse(csv, &Source::new(ANNOTATIONS_PATH, ANNOTATIONS.as_bytes()))
}
