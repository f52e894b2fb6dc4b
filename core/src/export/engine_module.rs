//! The engine models for a front end ([`engines`]): what a page on each engine reports for
//! each Close a server can send, computed by running [`Engine::close_event`] and
//! [`Engine::dropped`] over every body kind and every code, and grouped into ranges.

use super::{Code, Format, Module, string};
use crate::engine::USER_AGENT_RULES;
use crate::{CloseCode, CloseEvent, Delivery, Engine, MAX_REASON, Peer};
use alloc::collections::{BTreeMap, BTreeSet};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt::Write as _;

/// The engine models as a front-end module in `format`: for each engine of
/// [`Engine::ALL`], the version it was measured on, the codes a page on it sees as sent, and
/// for every `close` event it fires for anything else, what the server may have sent. The
/// codes that events are reported with in place of something else (today 1005 and 1006) are
/// the module's codes, `SubstituteCode`, in the shape of every closecode module (see the
/// [module documentation](super)).
///
/// TypeScript and JavaScript (the TypeScript passes `tsc --strict --noUncheckedIndexedAccess
/// --exactOptionalPropertyTypes`):
///
/// - `engineOf(userAgent): Engine | null`: [`Engine::from_user_agent`], by the same rules;
///   `Engine` is `"Chromium" | "Firefox" | "WebKitGTK"` ([`Engine::name`]);
/// - `reportsIntact(engine, code)`: whether a page on `engine` sees a Close carrying `code`
///   as sent, [`Peer::delivery`] giving [`Delivery::Intact`];
/// - `mayHaveBeen(engine, event)`: for a `CloseEvent` (or `{ code, wasClean }`) on `engine`,
///   what the server may have sent: `{ codes, empty, oneByte, unreadable, dropped }`, the
///   codes as inclusive `[first, last]` ranges, the rest `true` when an empty Close, a 1-byte
///   body, a body the engine cannot read (a reason that is not UTF-8, or over 125 bytes) or
///   no Close at all (a dropped connection) gives that event. Nothing (empty ranges, all
///   `false`) for an event the model never fires;
/// - `ENGINES`: the data behind them, `{ engine, measuredOn, intact, reports }`, where
///   `reports` lists every event that `mayHaveBeen` answers with more than its own code.
///
/// JSON: `{"type": "SubstituteCode", "codes": [..]}`, then `engines` (the same objects as
/// `ENGINES`) and `userAgents` (the rules of `engineOf`: `{"engine", "allOf", "noneOf"}`).
///
/// ```
/// use closecode_core::export::{Format, engines};
///
/// let js = engines(Format::JavaScript);
/// assert!(js.contains("export function mayHaveBeen(engine, event) {"));
/// // A 1006 in WebKitGTK may have been a registered 1012-1014 that libsoup refused.
/// assert!(js.contains("engine: \"WebKitGTK\""));
/// assert!(js.contains("{ code: 1006, wasClean: false, sent: { codes: [[0, 999], [1004, 1006], [1012, 2999], [5000, 65535]], empty: false, oneByte: true, unreadable: true, dropped: true } }"));
/// let ts = engines(Format::TypeScript);
/// assert!(ts.contains("export function engineOf(userAgent: string): Engine | null {"));
/// assert!(engines(Format::Json).contains("\"measuredOn\": \"Firefox "));
/// ```
#[must_use]
pub fn engines(format: Format) -> String {
    let models: Vec<Model> = Engine::ALL.iter().map(|&engine| Model::of(engine)).collect();
    let substitutes: BTreeSet<u16> =
        models.iter().flat_map(|model| model.reports.iter().map(|((code, _), _)| *code)).collect();
    let idents: Vec<String> = substitutes
        .iter()
        .map(|&n| {
            let code = CloseCode::from(n);
            if code.is_registered() { code.name().into() } else { format!("Code{n}") }
        })
        .collect();
    let codes: Vec<Code<'_>> = substitutes
        .iter()
        .zip(&idents)
        .map(|(&n, ident)| {
            let code = CloseCode::from(n);
            Code {
                ident,
                code: n,
                name: code.name(),
                description: Some(code.description()),
                reconnect: code.reconnect(),
                flags: &[],
            }
        })
        .collect();
    let measured: Vec<&str> = Engine::ALL.iter().map(|engine| engine.measured_on()).collect();
    let from = format!("the engine models of `closecode_core::Engine` ({})", measured.join(", "));
    let mut module = Module::new(format, "SubstituteCode", &from, &codes);
    if format == Format::Json {
        let engines: Vec<String> = models.iter().map(|model| format!("  {}", model.json())).collect();
        module.member("engines", &format!("[\n{}\n]", engines.join(",\n")));
        let rules: Vec<String> = USER_AGENT_RULES
            .iter()
            .map(|rule| {
                format!(
                    "  {{\"engine\": {}, \"allOf\": [{}], \"noneOf\": {}}}",
                    string(rule.engine.name()),
                    rule.all_of.iter().map(|words| strings(words)).collect::<Vec<_>>().join(", "),
                    strings(rule.none_of)
                )
            })
            .collect();
        module.member("userAgents", &format!("[\n{}\n]", rules.join(",\n")));
    } else {
        let typescript = format == Format::TypeScript;
        let mut out = String::new();
        let names: Vec<String> = Engine::ALL.iter().map(|engine| string(engine.name())).collect();
        out.push_str(&typed(&TYPES.replace("$ENGINES", &names.join(" | ")), typescript));
        out.push_str(&typed(ENGINES_HEAD, typescript));
        for model in &models {
            out.push_str(&model.javascript());
        }
        out.push_str("];\n\n");
        out.push_str(&typed(USER_AGENTS_HEAD, typescript));
        for rule in &USER_AGENT_RULES {
            let all_of: Vec<String> = rule.all_of.iter().map(|words| strings(words)).collect();
            let _ = writeln!(
                out,
                "  {{ engine: {}, allOf: [{}], noneOf: {} }},",
                string(rule.engine.name()),
                all_of.join(", "),
                strings(rule.none_of)
            );
        }
        out.push_str("];\n\n");
        out.push_str(&typed(FUNCTIONS, typescript));
        module.push_str(&out);
    }
    module.finish()
}

/// What may have made a page see one `close` event: Close frames carrying these codes (with
/// a readable reason), and the other things a server can do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[allow(clippy::struct_excessive_bools, reason = "the four booleans of the module's `Sent`, one for each")]
struct Sent {
    /// In increasing order, each once.
    codes: Vec<u16>,
    empty: bool,
    one_byte: bool,
    unreadable: bool,
    dropped: bool,
}

/// A `close` event as the model reports it, by what a front end reads: `code`, `wasClean`.
type Report = (u16, bool);

/// The causes found so far of the report `event` is.
fn cause<'a>(causes: &'a mut BTreeMap<Report, Sent>, event: &CloseEvent) -> &'a mut Sent {
    causes.entry((event.code(), event.was_clean())).or_default()
}

/// One engine's model, grouped for the export.
#[derive(Debug)]
struct Model {
    engine: Engine,
    /// The codes a page sees as sent, as inclusive ranges.
    intact: Vec<(u16, u16)>,
    /// Every report whose causes are more, or other, than its own code sent intact.
    reports: Vec<(Report, Sent)>,
}

impl Model {
    /// Runs `engine`'s model over every Close a server can send: each code with no reason and
    /// with a short one, each code with a reason that is not UTF-8 and with one that makes the
    /// body too long, an empty body, every 1-byte body; and over a dropped connection.
    fn of(engine: Engine) -> Model {
        let mut causes: BTreeMap<Report, Sent> = BTreeMap::new();
        let mut long = vec![b'a'; 2 + MAX_REASON + 1];
        for code in 0..=u16::MAX {
            let [high, low] = code.to_be_bytes();
            for body in [&[high, low][..], &[high, low, b'x']] {
                let sent = cause(&mut causes, &engine.close_event(body));
                if sent.codes.last() != Some(&code) {
                    sent.codes.push(code);
                }
            }
            cause(&mut causes, &engine.close_event(&[high, low, 0xFF])).unreadable = true;
            long[..2].copy_from_slice(&[high, low]);
            cause(&mut causes, &engine.close_event(&long)).unreadable = true;
        }
        cause(&mut causes, &engine.close_event(&[])).empty = true;
        for byte in 0..=u8::MAX {
            cause(&mut causes, &engine.close_event(&[byte])).one_byte = true;
        }
        cause(&mut causes, &engine.dropped()).dropped = true;

        let intact = |code: u16| Peer::Browser(engine).delivery(CloseCode::from(code)) == Delivery::Intact;
        let itself = |code: u16| Sent { codes: vec![code], ..Sent::default() };
        Model {
            engine,
            intact: ranges((0..=u16::MAX).filter(|&code| intact(code))),
            reports: causes
                .into_iter()
                .filter(|&((code, clean), ref sent)| !(clean && intact(code) && *sent == itself(code)))
                .collect(),
        }
    }

    /// The model as an item of `ENGINES`.
    fn javascript(&self) -> String {
        let mut out = format!(
            "  {{\n    engine: {},\n    measuredOn: {},\n    intact: {},\n    reports: [\n",
            string(self.engine.name()),
            string(self.engine.measured_on()),
            pairs(&self.intact)
        );
        for ((code, clean), sent) in &self.reports {
            let _ = writeln!(out, "      {{ code: {code}, wasClean: {clean}, sent: {} }},", sent_object(sent, false));
        }
        out.push_str("    ],\n  },\n");
        out
    }

    /// The model as an item of the JSON's `engines`.
    fn json(&self) -> String {
        let reports: Vec<String> = self
            .reports
            .iter()
            .map(|((code, clean), sent)| {
                format!("{{\"code\": {code}, \"wasClean\": {clean}, \"sent\": {}}}", sent_object(sent, true))
            })
            .collect();
        format!(
            "{{\"engine\": {}, \"measuredOn\": {}, \"intact\": {}, \"reports\": [{}]}}",
            string(self.engine.name()),
            string(self.engine.measured_on()),
            pairs(&self.intact),
            reports.join(", ")
        )
    }
}

/// `codes` (increasing) as inclusive ranges of consecutive codes.
fn ranges(codes: impl Iterator<Item = u16>) -> Vec<(u16, u16)> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for code in codes {
        match out.last_mut() {
            Some((_, last)) if u32::from(*last) + 1 == u32::from(code) => *last = code,
            _ => out.push((code, code)),
        }
    }
    out
}

/// Ranges as `[[first, last], ..]`.
fn pairs(ranges: &[(u16, u16)]) -> String {
    let items: Vec<String> = ranges.iter().map(|(first, last)| format!("[{first}, {last}]")).collect();
    format!("[{}]", items.join(", "))
}

/// Words as `["a", "b"]`.
fn strings(words: &[&str]) -> String {
    let items: Vec<String> = words.iter().map(|word| string(word)).collect();
    format!("[{}]", items.join(", "))
}

/// A [`Sent`] as a JavaScript object or JSON.
fn sent_object(sent: &Sent, json: bool) -> String {
    let key = |k: &str| if json { string(k) } else { k.into() };
    let (open, close) = if json { ("{", "}") } else { ("{ ", " }") };
    format!(
        "{open}{}: {}, {}: {}, {}: {}, {}: {}, {}: {}{close}",
        key("codes"),
        pairs(&ranges(sent.codes.iter().copied())),
        key("empty"),
        sent.empty,
        key("oneByte"),
        sent.one_byte,
        key("unreadable"),
        sent.unreadable,
        key("dropped"),
        sent.dropped
    )
}

/// `template` for TypeScript (the text between `⟨` and `⟩` kept, without the marks) or for
/// JavaScript (that text left out): one template for both modules.
fn typed(template: &str, typescript: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut in_types = false;
    for c in template.chars() {
        match c {
            '⟨' => in_types = true,
            '⟩' => in_types = false,
            c if typescript || !in_types => out.push(c),
            _ => {}
        }
    }
    out
}

/// The module's types (TypeScript only); `$ENGINES` is the union of the engines' names.
const TYPES: &str = "
⟨/** A browser engine closecode models (`closecode_core::Engine`), by its name. */
export type Engine = $ENGINES;

/**
 * What a server may have done for a page to see one `close` event (what `mayHaveBeen` gives).
 * Nothing at all, for an event the engine never fires, when `codes` is empty and the rest false.
 */
export interface Sent {
  /** A Close frame carrying one of these codes (inclusive ranges) and a readable reason. */
  readonly codes: readonly (readonly [number, number])[];
  /** A Close frame without a body. */
  readonly empty: boolean;
  /** A Close frame with a 1-byte body. */
  readonly oneByte: boolean;
  /** A Close frame the engine cannot read: a reason that is not UTF-8, or a body over 125 bytes. */
  readonly unreadable: boolean;
  /** No Close frame: the connection was dropped. */
  readonly dropped: boolean;
}

/** A `close` event an engine fires for more than its own code sent as it is, and what may have been sent. */
export interface EngineReport {
  readonly code: number;
  readonly wasClean: boolean;
  readonly sent: Sent;
}

/** One engine as closecode models it. */
export interface EngineInfo {
  readonly engine: Engine;
  /** The engine and version the model was measured on. */
  readonly measuredOn: string;
  /** The codes a page on this engine sees as sent (a clean close, with the reason), as inclusive ranges. */
  readonly intact: readonly (readonly [number, number])[];
  /** Every `close` event this engine fires for something other than its own code sent as it is. */
  readonly reports: readonly EngineReport[];
}

⟩";

/// The head of `ENGINES`.
const ENGINES_HEAD: &str = "\
/** The engines closecode models, as `closecode_core::Engine::ALL`. */
export const ENGINES⟨: readonly EngineInfo[]⟩ = [
";

/// The head of the user-agent rules.
const USER_AGENTS_HEAD: &str = "\
/**
 * How `engineOf` reads a `User-Agent`: the rules of `closecode_core::Engine::from_user_agent`,
 * in order. A rule holds when each clause of `allOf` has a word in the string and no word of
 * `noneOf` is in it.
 */
const USER_AGENTS⟨: readonly { readonly engine: Engine; readonly allOf: readonly (readonly string[])[]; readonly noneOf: readonly string[] }[]⟩ = [
";

/// The module's functions.
const FUNCTIONS: &str = "\
/**
 * The engine a browser's `User-Agent` (`navigator.userAgent`) names, as
 * `closecode_core::Engine::from_user_agent`: Chromium for every Chrome-based browser (Edge and
 * Opera included), Firefox, and WebKitGTK for a WebKit browser on Linux that is not
 * Chrome-based; `null` for anything else, Safari and every iOS browser included.
 */
export function engineOf(userAgent⟨: string⟩)⟨: Engine | null⟩ {
  const has = (word⟨: string⟩)⟨: boolean⟩ => userAgent.includes(word);
  const rule = USER_AGENTS.find((r) => r.allOf.every((words) => words.some(has)) && !r.noneOf.some(has));
  return rule === undefined ? null : rule.engine;
}

/** Whether `code` is an integer in one of `ranges`. */
function within(ranges⟨: readonly (readonly [number, number])[]⟩, code⟨: number⟩)⟨: boolean⟩ {
  return Number.isInteger(code) && ranges.some(([first, last]) => first <= code && code <= last);
}

/**
 * Whether a page on `engine` sees a Close carrying `code` (and a readable reason) as sent: a
 * clean close with that code and reason. In Rust, `Peer::Browser(engine).delivery(code)` is
 * `Delivery::Intact`.
 */
export function reportsIntact(engine⟨: Engine⟩, code⟨: number⟩)⟨: boolean⟩ {
  return within(ENGINES.find((e) => e.engine === engine)?.intact ?? [], code);
}

/**
 * What the server may have sent when a page on `engine` sees `event` (a `CloseEvent`, or its
 * `code` and `wasClean`), by closecode's model of that engine: Close frames carrying the codes
 * in `codes`, an empty Close, a 1-byte body, a body the engine cannot read, or no Close at all.
 * A 1006 in WebKitGTK may have been a 1012-1014 the engine refused, not a network failure.
 */
export function mayHaveBeen(engine⟨: Engine⟩, event⟨: { readonly code: number; readonly wasClean: boolean }⟩)⟨: Sent⟩ {
  const report = ENGINES.find((e) => e.engine === engine)?.reports.find(
    (r) => r.code === event.code && r.wasClean === event.wasClean,
  );
  if (report !== undefined) return report.sent;
  const itself = event.wasClean === true && reportsIntact(engine, event.code);
  return { codes: itself ? [[event.code, event.code]] : [], empty: false, oneByte: false, unreadable: false, dropped: false };
}
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_codes_make_one_range() {
        assert_eq!(ranges([0, 1, 2, 5, 7, 8, u16::MAX].into_iter()), [(0, 2), (5, 5), (7, 8), (u16::MAX, u16::MAX)]);
        assert_eq!(ranges(core::iter::empty()), []);
        assert_eq!(ranges(0..=u16::MAX), [(0, u16::MAX)]);
    }

    #[test]
    fn the_template_marks_leave_typescript_or_javascript() {
        assert_eq!(typed("f(x⟨: number⟩)⟨: void⟩ {}", true), "f(x: number): void {}");
        assert_eq!(typed("f(x⟨: number⟩)⟨: void⟩ {}", false), "f(x) {}");
        for format in [Format::TypeScript, Format::JavaScript, Format::Json] {
            let text = engines(format);
            assert!(
                !text.contains(['⟨', '⟩']) && !text.contains("$ENGINES"),
                "{format:?}: a mark or placeholder is left"
            );
        }
        let js = engines(Format::JavaScript);
        assert!(!js.contains("interface") && !js.contains(": boolean") && !js.contains("export type"));
    }

    /// Each model's intact ranges are exactly the codes `Peer::delivery` reports as sent, and
    /// every report it lists has a cause beyond its own code sent intact.
    #[test]
    fn the_grouping_keeps_every_cause() {
        for engine in Engine::ALL {
            let model = Model::of(engine);
            for code in 0..=u16::MAX {
                let listed = model.intact.iter().any(|&(first, last)| (first..=last).contains(&code));
                let intact = Peer::Browser(engine).delivery(CloseCode::from(code)) == Delivery::Intact;
                assert_eq!(listed, intact, "{engine} {code}");
            }
            for ((code, clean), sent) in &model.reports {
                let only_itself =
                    sent.codes == [*code] && !(sent.empty || sent.one_byte || sent.unreadable || sent.dropped);
                assert!(!(only_itself && *clean), "{engine}: {code} needs no listing");
            }
            // Every engine reports a dropped connection, and an unreadable body, somehow.
            assert!(model.reports.iter().any(|(_, sent)| sent.dropped), "{engine}");
            assert!(model.reports.iter().any(|(_, sent)| sent.unreadable), "{engine}");
        }
    }

    /// The substitutes are the codes the README's matrix shows in place of others: 1005 for
    /// an empty Close (and a 1-byte body in Firefox), 1006 for a failed connection.
    #[test]
    fn the_substitute_codes_are_no_status_and_abnormal() {
        let ts = engines(Format::TypeScript);
        assert!(
            ts.contains(
                "export const SubstituteCode = {\n  NoStatusReceived: 1005,\n  AbnormalClosure: 1006,\n} as const;"
            ),
            "{ts}"
        );
        let json = engines(Format::Json);
        assert_eq!(json.matches("\"ident\"").count(), 2);
        assert!(json.contains("\"userAgents\": [\n  {\"engine\": \"Chromium\", \"allOf\": [[\"Chrome/\", \"Chromium/\"]], \"noneOf\": []},"));
    }
}
