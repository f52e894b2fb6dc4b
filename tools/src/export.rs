//! The registry for front ends: the same parsed [`Registry`] the Rust generator renders, as a
//! TypeScript module, a JavaScript ES module, or JSON, written with the module writer of the
//! application-code export ([`closecode_core::export::Module`]): the same shape (the codes
//! object `CloseCode`, `CloseCodeInfo`, `isCloseCode`, the `Reconnect` type), the same string
//! escaper, the same reconnect words.
//!
//! Beyond that shape: the registry's rows (`REGISTRY`), the RFC 6455 ranges (`RANGES`, from the
//! generator's [`CODE_RANGES`], named and advised as the `closecode` crate's `CodeRange`), the
//! sendable set (`SENDABLE`, the generator's), and `isSendable`, `isAllowedInClose`,
//! `isRegistered`, `isReserved`, `isLocalOnly`, `nameOf`, `describe`, `reconnectOf`,
//! `reconnectAfter`, `reconnectDelay` and `rangeOf`, which answer as the `closecode` crate does
//! for every code from 0 to 65535 (the tests run the module in node to prove it). The
//! TypeScript passes `tsc --strict --noUncheckedIndexedAccess --exactOptionalPropertyTypes`.
//!
//! ```
//! use closecode_registry::{vendored, vendored_provenance};
//! let js = closecode_tools::export::javascript(&vendored()?, &vendored_provenance()?);
//! assert!(js.contains("export function isCloseCode(code) {"));
//! # Ok::<(), closecode_registry::Error>(())
//! ```

use closecode_core::export::{Code, Format, Module, string};
use closecode_core::{CodeRange as RustRange, Reconnect};
use closecode_registry::{CODE_RANGES, CodeRange, Entry, Flag, Provenance, Registry, sendable_ranges};
use std::fmt::Write as _;

/// The registry as a TypeScript module.
///
/// ```
/// use closecode_registry::{vendored, vendored_provenance};
/// let ts = closecode_tools::export::typescript(&vendored()?, &vendored_provenance()?);
/// assert!(ts.contains("  BadGateway: 1014,\n"));
/// assert!(ts.contains("export function isSendable(code: number): boolean"));
/// # Ok::<(), closecode_registry::Error>(())
/// ```
pub fn typescript(registry: &Registry, provenance: &Provenance) -> String {
    render(registry, provenance, Format::TypeScript)
}

/// The registry as a JavaScript ES module: the TypeScript module without its types.
///
/// ```
/// use closecode_registry::{vendored, vendored_provenance};
/// let js = closecode_tools::export::javascript(&vendored()?, &vendored_provenance()?);
/// assert!(js.contains("export function nameOf(code) {"));
/// assert!(!js.contains("as const"));
/// # Ok::<(), closecode_registry::Error>(())
/// ```
pub fn javascript(registry: &Registry, provenance: &Provenance) -> String {
    render(registry, provenance, Format::JavaScript)
}

/// The registry as JSON: the application-code export's `{"type", "codes"}` (each code with
/// its `sendable`, `reserved` and `localOnly` flags), then `source`, `retrieved`, `rows`,
/// `ranges` and `sendable`.
///
/// ```
/// use closecode_registry::{vendored, vendored_provenance};
/// let json = closecode_tools::export::json(&vendored()?, &vendored_provenance()?);
/// assert!(json.starts_with("{\"type\": \"CloseCode\", \"codes\": [\n"));
/// assert!(json.contains("\"ident\": \"BadGateway\""));
/// # Ok::<(), closecode_registry::Error>(())
/// ```
pub fn json(registry: &Registry, provenance: &Provenance) -> String {
    render(registry, provenance, Format::Json)
}

/// The registry in `format` (the updater renders each checked-in file with its format).
pub(crate) fn render(registry: &Registry, provenance: &Provenance, format: Format) -> String {
    let registered: Vec<&Entry> = registry.registrations().filter(|e| e.ident.is_some()).collect();
    let sendable = sendable_ranges(registry);
    let flags: Vec<[(&str, bool); 3]> = registered
        .iter()
        .map(|entry| {
            let code = entry.row.span.first();
            [
                ("sendable", sendable.iter().any(|&(a, b)| a <= code && code <= b)),
                ("reserved", entry.flag == Flag::Reserved),
                ("localOnly", entry.flag == Flag::LocalOnly),
            ]
        })
        .collect();
    let codes: Vec<Code<'_>> = registered
        .iter()
        .zip(&flags)
        .map(|(entry, flags)| Code {
            ident: entry.ident.as_deref().unwrap_or_default(),
            code: entry.row.span.first(),
            name: &entry.name,
            description: Some(&entry.description),
            reconnect: advice(entry),
            flags,
        })
        .collect();
    let mut module = Module::new(format, "CloseCode", "the IANA WebSocket Close Code Number Registry", &codes);
    if format == Format::Json {
        json_members(&mut module, registry, provenance, &sendable);
    } else {
        module_items(&mut module, registry, provenance, &sendable);
    }
    module.finish()
}

/// The reconnect advice of a row: its annotation's, else its RFC 6455 range's (as the
/// `closecode` crate gives it).
fn advice(entry: &Entry) -> Reconnect {
    let range = RustRange::of(entry.row.span.first()).reconnect();
    entry.reconnect.map_or(range, |advice| Reconnect::from_name(advice.name()).unwrap_or(range))
}

/// One RFC 6455 range as the exports list it: the generator's bounds, the `closecode`
/// crate's name, description and advice for them.
struct Range {
    id: &'static str,
    first: u16,
    last: u16,
    name: &'static str,
    description: &'static str,
    reconnect: Reconnect,
}

fn ranges() -> Vec<Range> {
    CODE_RANGES
        .iter()
        .map(|&(range, first, last)| {
            let rust = RustRange::of(first);
            Range {
                id: range.id(),
                first,
                last,
                name: rust.name(),
                description: rust.description(),
                reconnect: rust.reconnect(),
            }
        })
        .collect()
}

fn range_object(range: &Range, json: bool) -> String {
    let key = |k: &str| if json { string(k) } else { k.to_string() };
    let (open, close) = if json { ("{", "}") } else { ("{ ", " }") };
    format!(
        "{open}{}: {}, {}: {}, {}: {}, {}: {}, {}: {}, {}: {}{close}",
        key("range"),
        string(range.id),
        key("first"),
        range.first,
        key("last"),
        range.last,
        key("name"),
        string(range.name),
        key("description"),
        string(range.description),
        key("reconnect"),
        string(range.reconnect.as_str())
    )
}

fn sendable_list(sendable: &[(u16, u16)]) -> String {
    let pairs: Vec<String> = sendable.iter().map(|(a, b)| format!("[{a}, {b}]")).collect();
    format!("[{}]", pairs.join(", "))
}

fn row_advice(entry: &Entry) -> &'static str {
    advice(entry).as_str()
}

fn module_items(module: &mut Module, registry: &Registry, provenance: &Provenance, sendable: &[(u16, u16)]) {
    let mut out = String::new();
    let typed = module.format() == Format::TypeScript;
    let t = |annotation: &'static str| module.ts(annotation);
    let _ = writeln!(out, "\n/** Where the registry data was taken from. */");
    let _ = writeln!(out, "export const REGISTRY_SOURCE{} = {};", t(": string"), string(&provenance.source));
    let _ = writeln!(out, "/** The day it was taken (YYYY-MM-DD, UTC). */");
    let _ = writeln!(out, "export const REGISTRY_RETRIEVED{} = {};\n", t(": string"), string(&provenance.retrieved));
    let ranges = ranges();
    if typed {
        let ids: Vec<String> = ranges.iter().map(|r| string(r.id)).collect();
        let _ = writeln!(out, "/** The RFC 6455 range of a code. */");
        let _ = writeln!(out, "export type CodeRange = {};\n", ids.join(" | "));
        let _ = writeln!(out, "/** One row of the registry: a registration, or a range row such as \"Unassigned\". */");
        let _ = writeln!(
            out,
            "export interface RegistryRow {{\n  readonly first: number;\n  readonly last: number;\n  readonly meaning: string;\n  \
             readonly name: string;\n  readonly description: string;\n  readonly registered: boolean;\n  \
             readonly reserved: boolean;\n  readonly localOnly: boolean;\n  readonly reconnect: Reconnect;\n}}\n"
        );
        let _ = writeln!(out, "/** An RFC 6455 range (section 7.4.2), and what a code no row covers gets from it. */");
        let _ = writeln!(
            out,
            "export interface RangeInfo {{\n  readonly range: CodeRange;\n  readonly first: number;\n  readonly last: number;\n  \
             readonly name: string;\n  readonly description: string;\n  readonly reconnect: Reconnect;\n}}\n"
        );
    }
    let _ = writeln!(out, "/** Every row of the registry, in code order. */");
    let _ = writeln!(out, "export const REGISTRY{} = [", t(": readonly RegistryRow[]"));
    for entry in registry.entries() {
        let _ = writeln!(
            out,
            "  {{ first: {}, last: {}, meaning: {}, name: {}, description: {}, registered: {}, reserved: {}, localOnly: {}, reconnect: {} }},",
            entry.row.span.first(),
            entry.row.span.last(),
            string(&entry.row.meaning_collapsed()),
            string(&entry.name),
            string(&entry.description),
            entry.is_registration(),
            entry.flag == Flag::Reserved,
            entry.flag == Flag::LocalOnly,
            string(row_advice(entry)),
        );
    }
    let _ = writeln!(out, "];\n");
    // The last range reaches 65535, and a number that is not a u16 counts as in it: a named
    // constant, so that `rangeOf` needs no index that could be out of bounds.
    let (last, rest) = ranges.split_last().map_or((None, &ranges[..]), |(last, rest)| (Some(last), rest));
    if let Some(last) = last {
        let _ =
            writeln!(out, "/** The last RFC 6455 range, up to 65535; numbers that are not codes fall in it too. */");
        let _ = writeln!(out, "const LAST_RANGE{} = {};\n", t(": RangeInfo"), range_object(last, false));
    }
    let _ = writeln!(out, "/** The RFC 6455 ranges (section 7.4.2), in code order, covering every code once. */");
    let _ = writeln!(out, "export const RANGES{} = [", t(": readonly RangeInfo[]"));
    for range in rest {
        let _ = writeln!(out, "  {},", range_object(range, false));
    }
    let _ = writeln!(out, "  LAST_RANGE,\n];\n");
    let _ = writeln!(out, "/** The codes an endpoint may send in a Close frame, as inclusive ranges. */");
    let _ = writeln!(
        out,
        "export const SENDABLE{} = {};\n",
        t(": readonly (readonly [number, number])[]"),
        sendable_list(sendable)
    );
    functions(&mut out, module);
    module.push_str(&out);
}

/// `isAllowedInClose`'s bounds besides 1000: the library and private ranges (WHATWG's
/// `close()` takes 1000 or 3000-4999).
fn allowed_in_close() -> (u16, u16) {
    (CodeRange::Library.codes().0, CodeRange::Private.codes().1)
}

fn functions(out: &mut String, module: &Module) {
    let t = |annotation: &'static str| module.ts(annotation);
    let code = t(": number");
    let bool_ = t(": boolean");
    let (allowed_first, allowed_last) = allowed_in_close();
    let _ = write!(
        out,
        "\
/** Whether `code` is a close code at all: an integer from 0 to 65535. */
function isU16(code{code}){bool_} {{
  return Number.isInteger(code) && code >= 0 && code <= 65535;
}}

/** The registry row that covers `code`, if any. */
export function rowOf(code{code}){row} {{
  return isU16(code) ? REGISTRY.find((r) => r.first <= code && code <= r.last) : undefined;
}}

/** The RFC 6455 range of `code` (a number that is not a u16 counts as out of range). */
export function rangeOf(code{code}){range} {{
  return (isU16(code) ? RANGES.find((r) => r.first <= code && code <= r.last) : undefined) ?? LAST_RANGE;
}}

/** Whether IANA has a row for exactly this code: it is registered. */
export function isRegistered(code{code}){bool_} {{
  return rowOf(code)?.registered === true;
}}

/** Whether an endpoint may send `code` in a Close frame (RFC 6455 section 7.4). */
export function isSendable(code{code}){bool_} {{
  return isU16(code) && SENDABLE.some(([first, last]) => first <= code && code <= last);
}}

/** Whether a script may pass `code` to `WebSocket.close()` (WHATWG): 1000, or {allowed_first}-{allowed_last}. */
export function isAllowedInClose(code{code}){bool_} {{
  return code === 1000 || (Number.isInteger(code) && code >= {allowed_first} && code <= {allowed_last});
}}

/** Whether RFC 6455 reserves this registered code without a meaning (1004). */
export function isReserved(code{code}){bool_} {{
  return rowOf(code)?.reserved === true;
}}

/** Whether this code is for local reporting only and is never sent (1005, 1006, 1015). */
export function isLocalOnly(code{code}){bool_} {{
  return rowOf(code)?.localOnly === true;
}}

/** The display name: the registration's, the range row's, or the RFC 6455 range's. */
export function nameOf(code{code}){string} {{
  return rowOf(code)?.name ?? rangeOf(code).name;
}}

/** One sentence saying what the code means. */
export function describe(code{code}){string} {{
  return rowOf(code)?.description ?? rangeOf(code).description;
}}

/** Whether, and how soon, a client should reconnect after a close with `code`. */
export function reconnectOf(code{code}){reconnect} {{
  return rowOf(code)?.reconnect ?? rangeOf(code).reconnect;
}}

/**
 * The advice after a `close` event: its code's, except that an unclean close (the connection
 * failed, so no code decided the ending) is at least \"backoff\". Rust's `CloseEvent::reconnect`.
 */
export function reconnectAfter(event{event}){reconnect} {{
  const advice = reconnectOf(event.code);
  return advice === \"never\" && !event.wasClean ? \"backoff\" : advice;
}}

/**
 * How many milliseconds to wait before reconnect attempt `attempt` (0 for the first) under
 * `advice`, given `jitter`, an integer drawn uniformly from 0-65535 (for example
 * `Math.floor(Math.random() * 65536)`); `null` for \"never\". Rust's `Reconnect::delay`: with
 * cap = min(base * 2^attempt, 60 s), \"soon\" (base 5 s) waits jitter/65535 of the cap,
 * \"backoff\" and \"after-auth\" (base 1 s) half the cap and jitter/65535 of the other half.
 * Arguments outside those ranges are clamped to them.
 */
export function reconnectDelay(advice{reconnect}, attempt{code}, jitter{code}){delay} {{
  if (advice === \"never\") return null;
  const base = advice === \"soon\" ? 5000 : 1000;
  const shift = attempt >= 16 ? 16 : attempt > 0 ? Math.floor(attempt) : 0;
  const cap = Math.min(base * 2 ** shift, 60000);
  const j = jitter >= 65535 ? 65535 : jitter > 0 ? Math.floor(jitter) : 0;
  const spread = (span{code}){code} => Math.floor((span * j) / 65535);
  return advice === \"soon\" ? spread(cap) : Math.floor(cap / 2) + spread(cap - Math.floor(cap / 2));
}}
",
        row = t(": RegistryRow | undefined"),
        range = t(": RangeInfo"),
        string = t(": string"),
        reconnect = t(": Reconnect"),
        event = t(": { readonly code: number; readonly wasClean: boolean }"),
        delay = t(": number | null"),
    );
}

fn json_members(module: &mut Module, registry: &Registry, provenance: &Provenance, sendable: &[(u16, u16)]) {
    module.member("source", &string(&provenance.source));
    module.member("retrieved", &string(&provenance.retrieved));
    let rows: Vec<String> = registry
        .entries()
        .iter()
        .map(|entry| {
            format!(
                "  {{\"first\": {}, \"last\": {}, \"meaning\": {}, \"name\": {}, \"description\": {}, \"registered\": {}, \"reserved\": {}, \"localOnly\": {}, \"reconnect\": {}}}",
                entry.row.span.first(),
                entry.row.span.last(),
                string(&entry.row.meaning_collapsed()),
                string(&entry.name),
                string(&entry.description),
                entry.is_registration(),
                entry.flag == Flag::Reserved,
                entry.flag == Flag::LocalOnly,
                string(row_advice(entry)),
            )
        })
        .collect();
    module.member("rows", &format!("[\n{}\n]", rows.join(",\n")));
    let ranges: Vec<String> = ranges().iter().map(|r| format!("  {}", range_object(r, true))).collect();
    module.member("ranges", &format!("[\n{}\n]", ranges.join(",\n")));
    module.member("sendable", &sendable_list(sendable));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_are_the_generator_s_with_the_rust_crate_s_words() {
        let ranges = ranges();
        assert_eq!(ranges.len(), CODE_RANGES.len());
        for (range, rust) in ranges.iter().zip(RustRange::ALL) {
            assert_eq!(rust.codes(), range.first..=range.last, "{}", range.id);
            assert_eq!((range.name, range.reconnect), (rust.name(), rust.reconnect()));
        }
        assert_eq!(allowed_in_close(), (3000, 4999));
    }

    #[test]
    fn every_advice_word_of_the_annotations_is_a_reconnect_of_the_rust_crate() {
        let words: Vec<&str> = closecode_registry::Advice::NAMES.iter().map(|(_, name)| *name).collect();
        let rust: Vec<&str> = Reconnect::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(words, rust);
        for (advice, name) in closecode_registry::Advice::NAMES {
            let reconnect = Reconnect::from_name(name).unwrap();
            assert_eq!(format!("{reconnect:?}"), advice.variant());
        }
    }

    #[test]
    fn the_json_is_one_document_with_every_registered_code() {
        let registry = closecode_registry::vendored().unwrap();
        let text = json(&registry, &closecode_registry::vendored_provenance().unwrap());
        assert_eq!(text.matches("\"ident\"").count(), registry.registrations().count());
        assert!(text.starts_with('{') && text.trim_end().ends_with('}'));
    }
}
