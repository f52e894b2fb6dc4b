//! `#[derive(AppCloseCode)]` for `closecode-core`. The derive arrives with its own issue;
//! until then this crate is an empty proc-macro crate that keeps the workspace layout whole.
