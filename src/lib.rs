//! WebSocket close codes, generated from IANA's registry.
//!
//! [`CloseCode`] has one variant per code IANA registers (today 1000-1015, 3000, 3003 and
//! 3008) and one fallback, [`CloseCode::Unregistered`], for every other `u16`. The enum, its
//! names and descriptions, and the checks [`CloseCode::is_sendable`],
//! [`CloseCode::is_reserved`] and [`CloseCode::is_local_only`] are generated at build time
//! from the registry CSV vendored in `closecode-registry`: a new IANA registration is a
//! regeneration away, never a hand edit.
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
//! Features (all off by default): `serde` (codes as numbers), `tungstenite` (lossless `From`
//! conversions with tungstenite 0.30's `CloseCode`), `fetch` (build against the registry
//! downloaded at build time; see the README).
#![no_std]

mod code;
mod entry;
mod range;

pub use code::{ParseCloseCodeError, UnregisteredCode};
pub use entry::RegistryEntry;
pub use range::CodeRange;

include!(concat!(env!("OUT_DIR"), "/close_codes.rs"));
