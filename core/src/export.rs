//! Close codes for a front end: an application's own codes as a TypeScript module, a
//! JavaScript ES module or JSON ([`typescript`], [`javascript`], [`json`], rendered from
//! [`AppCloseCode::ENTRIES`], so the browser side never keeps a second, hand-written table),
//! the browser engine models ([`engines`], computed from [`Engine`](crate::Engine): what a
//! `close` event on each engine may stand for, so a page does not read a 1006 in WebKitGTK as
//! a network failure when the server sent 1012-1014), and the writer every closecode
//! front-end module is made with ([`Module`]).
//!
//! The registry's module (`closecode-registry export`, in the workspace's `closecode-tools`)
//! and the engines' are written with the same [`Module`], so an application's codes, the
//! registry's and the engines' come in one shape, with one string escaper ([`string`]) and the
//! reconnect words of [`Reconnect::as_str`]. For a type `Name`:
//!
//! - TypeScript and JavaScript: `export const Name = { Ident: code, .. }` (`as const`), the
//!   union `type Name` and `type Reconnect` (TypeScript only), `export const NameInfo`
//!   (`{ [code]: { name, description, reconnect } }`) and the guard `isName(code)`; the
//!   TypeScript passes `tsc --strict --noUncheckedIndexedAccess --exactOptionalPropertyTypes`;
//! - JSON: `{"type": "Name", "codes": [{"code", "ident", "name", "description", "reconnect"},
//!   ..]}`.
//!
//! The workflow ts-rs users know: a test in the application writes the file, and under CI
//! (where the file is checked in) compares it instead, so a stale front-end file fails the
//! build:
//!
//! ```no_run
//! # use closecode_core::AppCloseCode;
//! # #[derive(AppCloseCode, Clone, Copy)] enum ChatClose { Kicked = 4001 }
//! #[test]
//! fn front_end_close_codes_are_current() {
//!     let module = closecode_core::export::typescript::<ChatClose>();
//!     let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("web/close-codes.ts");
//!     if std::env::var_os("CI").is_some() {
//!         let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
//!         assert!(checked_in == module, "web/close-codes.ts is stale: run `cargo test` and commit it");
//!     } else {
//!         std::fs::write(&path, module).unwrap();
//!     }
//! }
//! ```

mod engine_module;

pub use engine_module::engines;

use crate::{AppCloseCode, Reconnect};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

/// A TypeScript module for `T`: a numeric `as const` object of its codes, a union type of
/// them, each code's name, description and reconnect advice, and a type guard
/// `isT(code): code is T`.
///
/// ```
/// use closecode_core::AppCloseCode;
///
/// #[derive(AppCloseCode, Clone, Copy)]
/// enum ChatClose {
///     /// A moderator removed the user from the room.
///     #[close_code(reconnect = "never")]
///     Kicked = 4001,
///     #[close_code(name = "Room Closed")]
///     RoomGone = 4003,
/// }
///
/// let ts = closecode_core::export::typescript::<ChatClose>();
/// assert!(ts.contains("export const ChatClose = {\n  Kicked: 4001,\n  RoomGone: 4003,\n} as const;"));
/// assert!(ts.contains("export type ChatClose = (typeof ChatClose)[keyof typeof ChatClose];"));
/// assert!(ts.contains("export function isChatClose(code: number): code is ChatClose {"));
/// ```
#[must_use]
pub fn typescript<T: AppCloseCode>() -> String {
    app_module::<T>(Format::TypeScript)
}

/// The module of [`typescript`] as a plain JavaScript ES module (no types), for pages without
/// a build step.
///
/// ```
/// # use closecode_core::AppCloseCode;
/// # #[derive(AppCloseCode, Clone, Copy)] enum ChatClose { Kicked = 4001 }
/// let js = closecode_core::export::javascript::<ChatClose>();
/// assert!(js.contains("export function isChatClose(code) {"));
/// assert!(!js.contains("as const"));
/// ```
#[must_use]
pub fn javascript<T: AppCloseCode>() -> String {
    app_module::<T>(Format::JavaScript)
}

/// `T`'s codes as JSON: `{"type": "ChatClose", "codes": [{"code", "ident", "name",
/// "description", "reconnect"}, ..]}`.
///
/// ```
/// use closecode_core::AppCloseCode;
/// #[derive(AppCloseCode, Clone, Copy)]
/// enum ChatClose {
///     Kicked = 4001,
/// }
/// assert_eq!(
///     closecode_core::export::json::<ChatClose>(),
///     "{\"type\": \"ChatClose\", \"codes\": [\n  {\"code\": 4001, \"ident\": \"Kicked\", \"name\": \"Kicked\", \"description\": null, \"reconnect\": \"backoff\"}\n]}\n"
/// );
/// ```
#[must_use]
pub fn json<T: AppCloseCode>() -> String {
    app_module::<T>(Format::Json)
}

fn app_module<T: AppCloseCode>(format: Format) -> String {
    let codes: Vec<Code<'_>> = T::ENTRIES
        .iter()
        .map(|entry| Code {
            ident: entry.ident,
            code: entry.code,
            name: entry.name,
            description: entry.description,
            reconnect: entry.reconnect,
            flags: &[],
        })
        .collect();
    Module::new(format, T::type_name(), &format!("the Rust type `{}`", T::type_name()), &codes).finish()
}

/// The formats a front-end module comes in.
///
/// ```
/// use closecode_core::export::Format;
/// assert_eq!("ts".parse(), Ok(Format::TypeScript));
/// assert_eq!("yaml".parse::<Format>().unwrap_err(), "unknown format `yaml`; expected `ts`, `js` or `json`");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A TypeScript module.
    TypeScript,
    /// A JavaScript ES module: the TypeScript module without its types.
    JavaScript,
    /// JSON data, no functions.
    Json,
}

impl core::str::FromStr for Format {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text {
            "ts" | "typescript" => Ok(Format::TypeScript),
            "js" | "mjs" | "javascript" => Ok(Format::JavaScript),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}`; expected `ts`, `js` or `json`")),
        }
    }
}

/// One code as a front-end module lists it: what [`Module::new`] renders for each code.
///
/// ```
/// use closecode_core::{Reconnect, export::Code};
/// let code = Code { ident: "Kicked", code: 4001, name: "Kicked", description: None, reconnect: Reconnect::Never, flags: &[] };
/// assert_eq!(code.code, 4001);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code<'a> {
    /// The constant's name in the module (made a JavaScript identifier: other characters are
    /// dropped).
    pub ident: &'a str,
    /// The code.
    pub code: u16,
    /// Its display name.
    pub name: &'a str,
    /// One sentence on what it means, if there is one (`null` otherwise).
    pub description: Option<&'a str>,
    /// Whether and how soon to reconnect after it.
    pub reconnect: Reconnect,
    /// Further facts of the code, as booleans in the JSON's `codes` entries (the registry's
    /// `sendable`, `reserved`, `localOnly`); the TypeScript and JavaScript leave them to the
    /// module's own tables.
    pub flags: &'a [(&'a str, bool)],
}

/// A front-end module being written: the part every closecode module shares (see the
/// [module documentation](self)), to which a caller may add its own items before
/// [`finish`](Self::finish).
///
/// ```
/// use closecode_core::Reconnect;
/// use closecode_core::export::{Code, Format, Module};
///
/// let codes = [Code { ident: "Kicked", code: 4001, name: "Kicked", description: None, reconnect: Reconnect::Never, flags: &[] }];
/// let mut module = Module::new(Format::TypeScript, "Chat", "a test", &codes);
/// module.push_str(&format!("export const VERSION{} = 1;\n", module.ts(": number")));
/// let text = module.finish();
/// assert!(text.starts_with("// @generated by closecode from a test: do not edit.\n"));
/// assert!(text.contains("export type Reconnect = \"never\" | \"after-auth\" | \"soon\" | \"backoff\";"));
/// assert!(text.ends_with("export const VERSION: number = 1;\n"));
///
/// let mut json = Module::new(Format::Json, "Chat", "a test", &codes);
/// json.member("version", "1");
/// assert!(json.finish().ends_with("\n],\n\"version\": 1}\n"));
/// ```
#[derive(Clone, Debug)]
pub struct Module {
    format: Format,
    out: String,
}

impl Module {
    /// A module in `format` for the type `name` (made a JavaScript identifier), generated
    /// from `generated_from` (said in the first line's comment), listing `codes`.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module};
    /// let js = Module::new(Format::JavaScript, "Empty", "nothing", &[]).finish();
    /// assert!(js.contains("export const Empty = {\n};"));
    /// ```
    #[must_use]
    pub fn new(format: Format, name: &str, generated_from: &str, codes: &[Code<'_>]) -> Module {
        let mut module = Module { format, out: String::new() };
        match format {
            Format::Json => module.json_codes(name, codes),
            Format::TypeScript | Format::JavaScript => module.codes(name, generated_from, codes),
        }
        module
    }

    /// The module's format.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module};
    /// assert_eq!(Module::new(Format::Json, "X", "y", &[]).format(), Format::Json);
    /// ```
    #[must_use]
    pub fn format(&self) -> Format {
        self.format
    }

    /// `annotation` in a TypeScript module, nothing otherwise: how one template writes both
    /// the TypeScript and the JavaScript of an item.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module};
    /// assert_eq!(Module::new(Format::TypeScript, "X", "y", &[]).ts(": number"), ": number");
    /// assert_eq!(Module::new(Format::JavaScript, "X", "y", &[]).ts(": number"), "");
    /// ```
    #[must_use]
    pub fn ts<'a>(&self, annotation: &'a str) -> &'a str {
        if self.format == Format::TypeScript { annotation } else { "" }
    }

    /// Appends `text` (items of a TypeScript or JavaScript module) as it is.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module};
    /// let mut module = Module::new(Format::JavaScript, "X", "y", &[]);
    /// module.push_str("export const Z = 1;\n");
    /// assert!(module.finish().ends_with("export const Z = 1;\n"));
    /// ```
    pub fn push_str(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Adds the member `"key": value` to a JSON module (`value` is JSON text, for instance
    /// from [`string`]); TypeScript and JavaScript modules export their items with
    /// [`push_str`](Self::push_str) instead, and this writes nothing to them.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module, string};
    /// let mut module = Module::new(Format::Json, "X", "y", &[]);
    /// module.member("source", &string("https://example.org/"));
    /// assert_eq!(module.finish(), "{\"type\": \"X\", \"codes\": [\n],\n\"source\": \"https://example.org/\"}\n");
    /// ```
    pub fn member(&mut self, key: &str, value: &str) {
        if self.format == Format::Json {
            let _ = write!(self.out, ",\n{}: {value}", string(key));
        }
    }

    /// The module's text.
    ///
    /// ```
    /// use closecode_core::export::{Format, Module};
    /// assert_eq!(Module::new(Format::Json, "X", "y", &[]).finish(), "{\"type\": \"X\", \"codes\": [\n]}\n");
    /// ```
    #[must_use]
    pub fn finish(mut self) -> String {
        if self.format == Format::Json {
            self.out.push_str("}\n");
        }
        self.out
    }

    fn codes(&mut self, name: &str, generated_from: &str, codes: &[Code<'_>]) {
        let ty = identifier(name);
        let typed = self.format == Format::TypeScript;
        let t = |text: &'static str| if typed { text } else { "" };
        let from: String = generated_from
            .chars()
            .map(|c| if c.is_control() || c == '\u{2028}' || c == '\u{2029}' { ' ' } else { c })
            .collect();
        let out = &mut self.out;
        let _ = writeln!(out, "// @generated by closecode from {from}: do not edit.\n");
        let _ = writeln!(out, "/** The close codes of `{ty}`, by variant. */\nexport const {ty} = {{");
        for code in codes {
            let _ = writeln!(out, "  {}: {},", identifier(code.ident), code.code);
        }
        let _ = writeln!(out, "}}{};\n", t(" as const"));
        if typed {
            let _ = writeln!(out, "/** One of `{ty}`'s codes. */");
            let _ = writeln!(out, "export type {ty} = (typeof {ty})[keyof typeof {ty}];\n");
            let words: Vec<String> = Reconnect::ALL.iter().map(|r| string(r.as_str())).collect();
            let _ = writeln!(out, "/** What a client should do about reconnecting. */");
            let _ = writeln!(out, "export type Reconnect = {};\n", words.join(" | "));
        }
        let _ = writeln!(out, "/** What each code means: its name, description and reconnect advice. */");
        let info_type = if typed {
            format!(
                ": {{ readonly [code in {ty}]: {{ readonly name: string; readonly description: string | null; readonly reconnect: Reconnect }} }}"
            )
        } else {
            String::new()
        };
        let _ = writeln!(out, "export const {ty}Info{info_type} = {{");
        for code in codes {
            let _ = writeln!(
                out,
                "  {}: {{ name: {}, description: {}, reconnect: {} }},",
                code.code,
                string(code.name),
                code.description.map_or_else(|| "null".to_string(), string),
                string(code.reconnect.as_str())
            );
        }
        let _ = writeln!(out, "}};\n");
        let _ = writeln!(out, "/** Whether `code` is one of `{ty}`'s codes. */");
        let _ = writeln!(
            out,
            "export function is{ty}(code{}){} {{",
            t(": number"),
            if typed { format!(": code is {ty}") } else { String::new() }
        );
        let _ = writeln!(out, "  return Object.prototype.hasOwnProperty.call({ty}Info, code);");
        let _ = writeln!(out, "}}");
    }

    fn json_codes(&mut self, name: &str, codes: &[Code<'_>]) {
        let out = &mut self.out;
        let _ = writeln!(out, "{{\"type\": {}, \"codes\": [", string(name));
        for (i, code) in codes.iter().enumerate() {
            let _ = write!(
                out,
                "  {{\"code\": {}, \"ident\": {}, \"name\": {}, \"description\": {}, \"reconnect\": {}",
                code.code,
                string(code.ident),
                string(code.name),
                code.description.map_or_else(|| "null".to_string(), string),
                string(code.reconnect.as_str()),
            );
            for (key, value) in code.flags {
                let _ = write!(out, ", {}: {value}", string(key));
            }
            let _ = writeln!(out, "}}{}", if i + 1 < codes.len() { "," } else { "" });
        }
        out.push(']');
    }
}

/// A string literal that TypeScript, JavaScript and JSON all read as `text`: JSON's escaping
/// (which the other two read), with every control character and the two separators
/// JavaScript once read as line ends (U+2028, U+2029) escaped, so no text can end the literal
/// or the line it is on.
///
/// ```
/// use closecode_core::export::string;
/// assert_eq!(string("a\"b\\c\n"), r#""a\"b\\c\n""#);
/// assert_eq!(string("\u{2028}</script>\u{0}"), "\"\\u2028</script>\\u0000\"");
/// ```
#[must_use]
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `text` as a JavaScript identifier: ASCII letters, digits and `_` kept, anything else
/// dropped (a hand-written `AppCloseCode` may name its codes freely), never empty or
/// starting with a digit.
fn identifier(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_identifiers_and_strings_stay_strings() {
        assert_eq!(identifier("Room Closed!"), "RoomClosed");
        assert_eq!(identifier("4001"), "_4001");
        assert_eq!(identifier(""), "_");
        assert_eq!(string("a\"b\\\n\u{2028}"), "\"a\\\"b\\\\\\n\\u2028\"");
        assert_eq!(string("\r\t\u{7f}\u{2029}"), "\"\\r\\t\\u007f\\u2029\"");
    }

    #[test]
    fn the_header_cannot_end_its_comment_line() {
        let text = Module::new(Format::JavaScript, "X", "a\nb\u{2028}c", &[]).finish();
        assert!(text.starts_with("// @generated by closecode from a b c: do not edit.\n"), "{text}");
    }
}
