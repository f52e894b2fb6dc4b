//! Helpers of the interop tests, shared by several test binaries (each uses part of them).
#[allow(dead_code, reason = "each test binary that includes this module uses part of it")]
pub(crate) mod endings;
#[allow(dead_code, reason = "each test binary that includes this module uses part of it")]
pub(crate) mod faults;
#[allow(dead_code, reason = "each test binary that includes this module uses part of it")]
pub(crate) mod load;
#[allow(dead_code, reason = "each test binary that includes this module uses part of it")]
pub(crate) mod wire;
