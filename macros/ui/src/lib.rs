//! The UI tests of `#[derive(AppCloseCode)]` (`tests/ui/`, run by `tests/ui.rs`): every misuse
//! fails to compile with an error on the right token. Nothing here is published; the crate
//! exists so that trybuild builds only what the derive's users build.
