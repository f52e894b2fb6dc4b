//! What an application needs when a WebSocket closes.
//!
//! - [`CloseCode`] and the registry behind it, generated from IANA's data (re-exported from
//!   the `closecode` crate);
//! - [`AppCloseCode`], the application's own codes, declared with `#[derive(AppCloseCode)]`
//!   and checked at compile time;
//! - [`ClosePayload`]: the body of a Close frame parsed and checked per RFC 6455, with the code
//!   to fail the connection with when it is invalid, and encoded without allocation;
//! - [`close_method()`]: the checks of the WebSocket `close(code, reason)` method;
//! - [`CloseEvent`] and [`CloseEventTarget`], faithful to the DOM;
//! - a close tracker per WebSocket stack ([`stacks`]), and the framework-neutral
//!   [`CloseTracker`] under them: the receive loop feeds it what the stack yields, and it gives
//!   the [`CloseOutcome`] at the end (the [`Ending`], what went each way, one log line) and the
//!   [`CloseEvent`] a browser would report, the same on every stack;
//! - the decisions taken at a close: [`Reconnect`] advice and its delays
//!   ([`CloseCode::reconnect`], [`CloseEvent::reconnect`]) and the close a proxy passes on
//!   ([`CloseEvent::to_relay`]);
//! - what the other end sees: [`Engine`], a measured model of each browser engine (the
//!   `close` event a page fires for a Close body, what `close()` throws or sends), and
//!   [`Peer`], every measured engine and stack, which tells what each reports for a code and
//!   closecode's advice there; [`ClosePayload::compatible`] and
//!   [`CloseEvent::to_relay_compatible`] pick a code every one of them reports as sent;
//! - [`export`]: an application's codes as a TypeScript, JavaScript or JSON module for its
//!   front end.
//!
//! ```
//! use closecode_core::{CloseEvent, ClosePayload, CloseCode};
//!
//! let body: &[u8] = &[0x03, 0xF5, b'b', b'u', b's', b'y']; // 1013 "busy"
//! let event = match ClosePayload::parse(body) {
//!     Ok(payload) => CloseEvent::received(&payload),
//!     Err(err) => {
//!         // Fail the connection with err.fail_with(), then report it as a browser would.
//!         assert_eq!(err.fail_with(), CloseCode::ProtocolError);
//!         CloseEvent::abnormal()
//!     }
//! };
//! assert_eq!(event.close_code(), CloseCode::TryAgainLater);
//! assert_eq!(event.reason(), "busy");
//! ```
//!
//! # Features
//!
//! - `derive` (default): `#[derive(AppCloseCode)]`, from `closecode-macros`.
//! - `serde`: `CloseCode` and application codes as numbers (see `serde_app_code`, or
//!   `#[serde(into = "u16", try_from = "u16")]` on a derived enum), and `CloseEvent` as
//!   `{"code": .., "reason": .., "wasClean": ..}`, the DOM's field names.
//! - One feature per WebSocket stack version, each giving a module of [`stacks`] with the
//!   same operations (its `Tracker`), and `From` between [`CloseCode`] and the stack's code
//!   type. Two versions of one stack can be on together. Each implies `std` and needs what its
//!   stack needs:
//!
//!   | feature | module | stack | minimum Rust |
//!   |---|---|---|---|
//!   | `tungstenite-0_30` | `stacks::tungstenite_0_30` | tungstenite / tokio-tungstenite 0.30 | 1.85 |
//!   | `tungstenite-0_29` | `stacks::tungstenite_0_29` | tungstenite / tokio-tungstenite 0.29 | 1.85 |
//!   | `axum-0_8` | `stacks::axum_0_8` | axum 0.8 (`axum::extract::ws`) | 1.85 |
//!   | `actix-ws-0_4` | `stacks::actix_ws_0_4` | actix-ws 0.4 | 1.88 |
//!   | `fastwebsockets-0_10` | `stacks::fastwebsockets_0_10` | fastwebsockets 0.10 | 1.85 |
//!   | `tokio-websockets-0_13` | `stacks::tokio_websockets_0_13` | tokio-websockets 0.13 | 1.89 |
//!
//!   For raw frames or another stack, [`CloseTracker`] takes the Close frames and the end of
//!   the connection directly, and answers a raw Close body under a [`Policy`].
//! - `std` (default): nothing needs it yet (the errors implement `core::error::Error`); it is
//!   there so that `default-features = false`, the `no_std` + `alloc` build, keeps meaning that
//!   as features that need `std` arrive. `alloc` holds `CloseEvent`'s strings and the
//!   listener list.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod app_code;
mod close_method;
mod engine;
mod event;
pub mod export;
mod outcome;
mod payload;
mod policy;
mod reconnect;
mod relay;
#[cfg(feature = "serde")]
mod serde_impl;
mod shutdown;
pub mod stacks;
mod target;
mod tracker;

pub use app_code::{AppCloseCode, AppCodeEntry, UnknownAppCode};

pub use close_method::{CloseMethodError, close_method};
pub use closecode::{
    CloseCode, CodeRange, OutOfRangeCode, ParseCloseCodeError, PrivateCode, REGISTRY, REGISTRY_ORIGIN,
    REGISTRY_RETRIEVED, REGISTRY_SOURCE, Reconnect, RegistryEntry, RegistryOrigin, UnassignedCode,
};
/// `#[derive(AppCloseCode)]`: see [`AppCloseCode`](trait@AppCloseCode).
#[cfg(feature = "derive")]
pub use closecode_macros::AppCloseCode;
pub use engine::{Delivery, Engine, Peer, Stack};
pub use event::{CloseEvent, CloseEventInit, EventPhase};
pub use outcome::{CloseOutcome, CloseRecord, Ending, NamedCode};
pub use payload::{ClosePayload, EncodeError, EncodedPayload, MAX_PAYLOAD, MAX_REASON, PayloadError, truncate_reason};
pub use policy::Policy;
pub use relay::{RELAY_REASON_ABNORMAL, RELAY_REASON_INVALID, RELAY_REASON_TLS};
#[cfg(feature = "std")]
pub use shutdown::{Registration, Shutdown, ShutdownNotice, ShutdownReport};
pub use target::{CloseEventTarget, DispatchError, ListenerId, ListenerOptions};
pub use tracker::CloseTracker;

#[cfg(feature = "serde")]
pub use serde_impl::serde_app_code;

/// The crate README's Rust examples, compiled and run as doctests so they stay true. The
/// README sits inside the package, so the published crate's tests run them too.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExamples;
