//! Helpers shared by the registry's integration tests.
pub(crate) mod http;
