//! WebSocket close codes, generated from IANA's registry.
//!
//! [`CloseCode`] has one variant per code IANA registers ([`CloseCode::REGISTERED`]) and three
//! fallbacks for every other `u16`, split by how stable they are: [`CloseCode::Private`]
//! (4000-4999), [`CloseCode::Unassigned`] (1000-3999, the only codes a newer registry can give
//! a variant) and [`CloseCode::OutOfRange`]. The enum's variants and the registry's rows
//! ([`REGISTRY`]) are generated from the registry CSV vendored in `closecode-registry`; the
//! names, descriptions and the checks [`CloseCode::is_sendable`], [`CloseCode::is_reserved`]
//! and [`CloseCode::is_local_only`] are tables built from those rows at compile time: a new
//! IANA registration is a regeneration away, never a hand edit.
//! What a regeneration may and may not change: [`CloseCode`'s stability
//! section](CloseCode#stability).
//!
//! ```
//! use closecode::{CloseCode, CodeRange};
//!
//! let code = CloseCode::from(1014);
//! assert_eq!(code, CloseCode::BadGateway);
//! assert!(code.is_registered() && code.is_sendable());
//! assert_eq!(code.range(), CodeRange::Protocol);
//! assert_eq!(code.name(), "Bad Gateway");
//!
//! let app = CloseCode::from(4001);
//! assert!(!app.is_registered() && app.is_sendable() && app.is_allowed_in_close());
//! assert_eq!(app.to_string(), "4001 Private Use");
//! ```
//!
//! Applications usually depend on `closecode-core`, which re-exports this crate and adds
//! close frames, the `close()` rule and `CloseEvent`.
//!
//! # Features
//!
//! All off by default.
//!
//! - `serde`: codes as numbers.
//! - `tungstenite-0_30`, `actix-ws-0_4`, `fastwebsockets-0_10`, `tokio-websockets-0_13`:
//!   conversions with each stack's close-code type (`From` both ways, through the number;
//!   `TryFrom` towards tokio-websockets, whose type holds fewer codes). `tungstenite` is the
//!   earlier name of `tungstenite-0_30`.
//! - `regenerate`: **for final applications only**. Generate `CloseCode` during the build
//!   (compiling `closecode-registry`'s generator) from the file `CLOSECODE_REGISTRY_CSV`
//!   names, or from the vendored registry. Without it a default build compiles the generated
//!   code checked in with this release, and a set `CLOSECODE_REGISTRY_CSV` is a build error.
//! - `fetch`: **for final applications only** (implies `regenerate`), never in a library's dependencies (it acts on
//!   the whole dependency graph). The build downloads IANA's current registry and generates
//!   from it; when the download or its validation fails it falls back to the vendored copy and
//!   records that in [`REGISTRY_ORIGIN`] and [`REGISTRY_SOURCE`] (a `cargo` warning alone is not
//!   shown for dependencies from a registry). A downloaded registry, like a
//!   `CLOSECODE_REGISTRY_CSV` file, may add registrations but never remove or rename one the
//!   vendored snapshot has: such a file fails the build (or, for a download, falls back).
//!
//! Which registry a binary was built with: [`REGISTRY_ORIGIN`], [`REGISTRY_SOURCE`] and
//! [`REGISTRY_RETRIEVED`] (see [`RegistryOrigin`]).
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

// `close_code_enum!`, which the generated code calls to declare `CloseCode`.
#[macro_use]
mod declare;

mod code;
mod entry;
mod lookup;
mod origin;
mod range;
mod reconnect;
mod stacks;

pub use code::{OutOfRangeCode, ParseCloseCodeError, PrivateCode, UnassignedCode};
pub use entry::{REGISTRY, RegistryEntry};
pub use origin::{REGISTRY_ORIGIN, REGISTRY_RETRIEVED, REGISTRY_SOURCE, RegistryOrigin};
pub use range::CodeRange;
pub use reconnect::Reconnect;

// What the generated code names.
use entry::{Flag, Row, Span};

// The generator's output for the vendored registry, or (feature `regenerate`) for the registry
// the build script was given: the registry's data only (`CloseCode`'s registered variants with
// their documentation, `ROWS` and the provenance), which the modules above turn into
// `CloseCode`'s methods and tables.
#[cfg(not(closecode_regenerated))]
include!("close_codes.rs");
#[cfg(closecode_regenerated)]
include!(concat!(env!("OUT_DIR"), "/close_codes.rs"));
