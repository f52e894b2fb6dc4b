//! The crate applications depend on: it re-exports the generated registry types.
#![no_std]

pub use closecode::{CloseCode, CodeRange, ParseCloseCodeError, REGISTRY, RegistryEntry, UnregisteredCode};
