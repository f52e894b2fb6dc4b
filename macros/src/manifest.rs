//! One friendly error the compiler cannot give: when the application renamed `closecode-core`
//! in its `Cargo.toml`, the output's `::closecode_core` paths do not resolve, and rustc only
//! says the crate is missing. A few lines of text scanning (no TOML parser, no
//! proc-macro-crate) find the rename and say what to write instead.

use crate::ast::Input;
use crate::ctxt::SpanRange;
use proc_macro2::TokenStream;

/// A `compile_error!` naming the rename and `#[close_code(crate = ..)]`, when the enum has no
/// `crate = ..` and the manifest renames `closecode-core` without also naming it plainly.
pub(crate) fn renamed_core_error(input: &Input) -> Option<TokenStream> {
    if input.krate.is_some() {
        return None;
    }
    let dir = std::env::var_os("CARGO_MANIFEST_DIR")?;
    let manifest = std::fs::read_to_string(std::path::Path::new(&dir).join("Cargo.toml")).ok()?;
    let rename = renamed_to(&manifest)?;
    // The crate name: the dependency's key with `-` as `_` (a loop, not `str::replace`: less
    // code to compile for a message that is rarely shown).
    let mut name = String::with_capacity(rename.len());
    for c in rename.chars() {
        name.push(if c == '-' { '_' } else { c });
    }
    let message = format!(
        "`closecode-core` is renamed to `{rename}` in Cargo.toml, so `::closecode_core` does not resolve: \
         add `#[close_code(crate = ::{name})]` to the enum"
    );
    Some(SpanRange::at(input.ident.span()).macro_call(crate::template::tokens("::core::compile_error!"), &message))
}

/// The name `closecode-core` has in `manifest` when it is renamed (`package = "closecode-core"`
/// under another key) and no dependency is called `closecode-core` or `closecode_core` itself.
fn renamed_to(manifest: &str) -> Option<String> {
    let mut table_key: Option<String> = None;
    let mut rename = None;
    for line in manifest.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            // `[dependencies.cc]` or `[target.'cfg(..)'.dependencies.cc]`: the key is the last part.
            table_key = header
                .rsplit_once('.')
                .filter(|(table, _)| table.trim_end().ends_with("dependencies"))
                .map(|(_, key)| key.trim().to_string());
            continue;
        }
        let key = line.split(['=', ' ', '\t']).next().unwrap_or("").trim_matches('"');
        let in_core_table = table_key.as_deref().is_some_and(is_core);
        // A dependency called `closecode-core` itself: `::closecode_core` resolves.
        if in_core_table || (is_core(key) && after(line, "package").is_none()) {
            return None;
        }
        if mentions_core_package(line) {
            rename = match &table_key {
                Some(table) if line.starts_with("package") => Some(table.clone()),
                _ => Some(key.to_string()),
            };
        }
    }
    rename.filter(|name| !name.is_empty() && !is_core(name))
}

fn is_core(name: &str) -> bool {
    name == "closecode-core" || name == "closecode_core"
}

/// Whether the line says `package = "closecode-core"`.
fn mentions_core_package(line: &str) -> bool {
    let mut rest = line;
    while let Some(tail) = after(rest, "package") {
        let value = tail.trim_start().strip_prefix('=').map(str::trim_start);
        if value.is_some_and(|value| value.starts_with("\"closecode-core\"")) {
            return true;
        }
        rest = tail;
    }
    false
}

/// What follows the first `word` in `text`. A byte scan: `str::find` with a string pattern
/// compiles a whole substring searcher into the macro for these few short lines.
fn after<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let (text_bytes, word_bytes) = (text.as_bytes(), word.as_bytes());
    (0..=text_bytes.len().saturating_sub(word_bytes.len()))
        .find(|&at| text_bytes[at..].starts_with(word_bytes))
        .and_then(|at| text.get(at + word.len()..))
}

#[cfg(test)]
mod tests {
    use super::renamed_to;

    #[test]
    fn finds_renames_in_both_forms() {
        assert_eq!(
            renamed_to("[dependencies]\ncc = { package = \"closecode-core\", version = \"0.1\" }\n"),
            Some("cc".into())
        );
        assert_eq!(
            renamed_to("[dependencies.close]\npackage = \"closecode-core\"\nversion = \"0.1\"\n"),
            Some("close".into())
        );
    }

    #[test]
    fn target_tables_and_spaced_values_are_read() {
        assert_eq!(
            renamed_to("[target.'cfg(unix)'.dependencies.close]\npackage   =   \"closecode-core\"\n"),
            Some("close".into())
        );
        assert_eq!(
            renamed_to("[dependencies]\ncc = { version = \"1\", package=\"closecode-core\" }\n"),
            Some("cc".into())
        );
        assert_eq!(renamed_to("[dependencies]\ncc = { package = \"closecode-coreX\" }\n"), None);
        assert_eq!(renamed_to("[package]\nname = \"x\"\n[dependencies]\npackage = 1\n"), None);
    }

    #[test]
    fn plain_dependencies_are_not_renames() {
        assert_eq!(renamed_to("[dependencies]\nclosecode-core = \"0.1\"\n"), None);
        assert_eq!(
            renamed_to("[dependencies]\nclosecode-core = { version = \"0.1\", features = [\"serde\"] }\n"),
            None
        );
        assert_eq!(renamed_to("[dependencies.closecode-core]\nversion = \"0.1\"\n"), None);
        assert_eq!(renamed_to("[package]\nname = \"closecode-core\"\n"), None);
        assert_eq!(renamed_to(""), None);
        // Both a plain dependency and a rename: `::closecode_core` resolves, nothing to say.
        assert_eq!(
            renamed_to(
                "[dependencies]\nclosecode-core = \"0.1\"\ncc = { package = \"closecode-core\", version = \"0.1\" }\n"
            ),
            None
        );
    }
}
