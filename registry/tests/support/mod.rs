//! Test helpers shared by the registry's tests (and, by path, the tools' tests).

pub(crate) mod files;
pub(crate) mod http;
