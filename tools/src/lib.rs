//! closecode's maintainer tools, outside what any build compiles: the registry updater, the
//! diff it reports, and the registry's front-end exports. The `closecode-registry` binary runs
//! them:
//!
//! ```text
//! cargo run -p closecode-tools -- check        # exit 1 when IANA's registry differs from the vendored copy
//! cargo run -p closecode-tools -- update       # download, validate, replace and regenerate, all or nothing
//! cargo run -p closecode-tools -- regenerate   # after filling annotations: every generated file again
//! cargo run -p closecode-tools -- export --format ts --out close-codes.ts
//! ```
//!
//! The pieces, each usable alone: [`diff`] (what changed between two registries), [`export`]
//! (the registry as TypeScript, JavaScript or JSON, in the shape of
//! `closecode_core::export`), [`repo`] (the checkout, found from the current directory, and
//! its generated files), [`annotate`] (the annotation file's edits and stubs), [`update`] (the
//! plan of an update, computed before anything is written) and [`files`] (writing several
//! files all or nothing).
//!
//! ```
//! let registry = closecode_registry::vendored()?;
//! assert!(closecode_tools::diff::diff(&registry, &registry).is_empty());
//! # Ok::<(), closecode_registry::Error>(())
//! ```

pub mod annotate;
pub mod diff;
pub mod export;
pub mod files;
pub mod repo;
pub mod update;
