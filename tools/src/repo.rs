//! The checkout the updater works on: found from the current directory (where the vendored
//! CSV is), never from where the tool was built or installed; and every file in it that is
//! generated from the registry.
//!
//! ```
//! let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
//! for (path, _) in closecode_tools::repo::GENERATED {
//!     assert!(repo.path(path).is_file(), "{path}");
//! }
//! # Ok::<(), String>(())
//! ```

use closecode_core::export::Format;
use closecode_registry::{Provenance, Registry};
use std::path::{Path, PathBuf};

/// The vendored CSV, relative to the checkout's root: how a checkout is recognised (the
/// names the registry's errors give the files are these paths).
///
/// ```
/// assert_eq!(closecode_tools::repo::CSV, closecode_registry::CSV_PATH);
/// ```
pub const CSV: &str = closecode_registry::CSV_PATH;
/// closecode's annotations, relative to the checkout's root.
///
/// ```
/// assert_eq!(closecode_tools::repo::ANNOTATIONS, "registry/annotations.csv");
/// ```
pub const ANNOTATIONS: &str = closecode_registry::ANNOTATIONS_PATH;
/// The vendored CSV's provenance, relative to the checkout's root.
///
/// ```
/// assert_eq!(closecode_tools::repo::PROVENANCE, "registry/provenance.txt");
/// ```
pub const PROVENANCE: &str = closecode_registry::PROVENANCE_PATH;

/// What a generated file holds.
///
/// ```
/// use closecode_tools::repo::{GENERATED, Generated};
/// assert_eq!(GENERATED[0], ("src/close_codes.rs", Generated::Rust));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generated {
    /// The `closecode` crate's data, from the generator ([`closecode_registry::generate`]).
    Rust,
    /// The registry's front-end module in this format ([`crate::export`]).
    Export(Format),
}

/// Every checked-in file generated from the registry that the updater writes, relative to the
/// checkout's root: the `closecode` crate's data, and the export snapshots its tests compare.
///
/// ```
/// assert_eq!(closecode_tools::repo::GENERATED.len(), 4);
/// ```
pub const GENERATED: [(&str, Generated); 4] = [
    ("src/close_codes.rs", Generated::Rust),
    ("tools/tests/golden/close-codes.ts", Generated::Export(Format::TypeScript)),
    ("tools/tests/golden/close-codes.mjs", Generated::Export(Format::JavaScript)),
    ("tools/tests/golden/close-codes.json", Generated::Export(Format::Json)),
];

/// Checked-in files generated from the registry by a test of their own (which writes them when
/// `CI` is unset): the updater says when one is stale after its change, and how to refresh it.
///
/// ```
/// let (path, _, how) = closecode_tools::repo::BLESSED_ELSEWHERE[0];
/// assert_eq!(path, "demo/web/close-codes.mjs");
/// assert!(how.contains("--test front_end"));
/// ```
pub const BLESSED_ELSEWHERE: [(&str, Format, &str); 1] = [(
    "demo/web/close-codes.mjs",
    Format::JavaScript,
    "cargo test -p closecode-demo --test front_end (with CI unset), then commit it",
)];

/// Renders one generated file.
///
/// ```
/// use closecode_tools::repo::{Generated, render};
/// let (registry, provenance) = (closecode_registry::vendored()?, closecode_registry::vendored_provenance()?);
/// assert!(render(Generated::Rust, &registry, &provenance).contains("BadGateway = 1014"));
/// # Ok::<(), closecode_registry::Error>(())
/// ```
pub fn render(kind: Generated, registry: &Registry, provenance: &Provenance) -> String {
    match kind {
        Generated::Rust => closecode_registry::generate(registry, provenance),
        Generated::Export(format) => crate::export::render(registry, provenance, format),
    }
}

/// A closecode checkout.
///
/// ```
/// let here = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
/// let repo = closecode_tools::repo::Repository::find(here)?;
/// assert!(repo.path(closecode_tools::repo::CSV).exists());
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    root: PathBuf,
}

impl Repository {
    /// The checkout holding `start`: `start` itself or the nearest parent directory with
    /// `registry/close-code-number.csv`, `registry/annotations.csv` and
    /// `registry/provenance.txt`.
    ///
    /// ```
    /// let nowhere = std::env::temp_dir();
    /// let err = closecode_tools::repo::Repository::find(&nowhere).unwrap_err();
    /// assert!(err.contains("no closecode checkout"), "{err}");
    /// ```
    ///
    /// # Errors
    ///
    /// A message saying where it looked, when no directory qualifies.
    pub fn find(start: &Path) -> Result<Repository, String> {
        start
            .ancestors()
            .find(|dir| Repository::is_checkout(dir))
            .map(|root| Repository { root: root.to_path_buf() })
            .ok_or_else(|| {
                format!(
                    "no closecode checkout found: neither {} nor a parent directory holds {CSV}, {ANNOTATIONS} and \
                 {PROVENANCE}; run the updater inside a checkout, or pass --repo DIR",
                    start.display()
                )
            })
    }

    /// The checkout at `root` exactly (`--repo DIR`).
    ///
    /// ```
    /// let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    /// assert!(closecode_tools::repo::Repository::at(&root).is_ok());
    /// assert!(closecode_tools::repo::Repository::at(&root.join("src")).is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// A message naming the files missing there.
    pub fn at(root: &Path) -> Result<Repository, String> {
        if Repository::is_checkout(root) {
            Ok(Repository { root: root.to_path_buf() })
        } else {
            Err(format!(
                "{} is not a closecode checkout: it lacks {CSV}, {ANNOTATIONS} or {PROVENANCE}",
                root.display()
            ))
        }
    }

    fn is_checkout(dir: &Path) -> bool {
        [CSV, ANNOTATIONS, PROVENANCE].iter().all(|file| dir.join(file).is_file())
    }

    /// The checkout's root directory.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// assert!(repo.root().join("Cargo.toml").exists());
    /// # Ok::<(), String>(())
    /// ```
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The path of `relative` (a `/`-separated path from the root) in the checkout.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// assert!(repo.path("src/close_codes.rs").is_file());
    /// # Ok::<(), String>(())
    /// ```
    pub fn path(&self, relative: &str) -> PathBuf {
        relative.split('/').fold(self.root.clone(), |path, part| path.join(part))
    }

    /// The bytes of `relative`.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// assert_eq!(repo.read(closecode_tools::repo::CSV)?, closecode_registry::CSV.as_bytes());
    /// # Ok::<(), String>(())
    /// ```
    ///
    /// # Errors
    ///
    /// `cannot read PATH: why`.
    pub fn read(&self, relative: &str) -> Result<Vec<u8>, String> {
        let path = self.path(relative);
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}
