//! Helpers of the interop tests.
pub(crate) mod wire;
