//! The engine models against the facts measured in real browsers: every row of
//! `src/engine/measured.md` (a Close body the server sent, a dropped connection, or a
//! `close()` call), in every engine's column, must be what `Engine::close_event`,
//! `Engine::dropped` and `Engine::close` give, and each column must have been measured on the
//! version the model names. The browser test (`demo/tests/browser.rs`) re-records the file
//! with `CLOSECODE_BLESS=1`; this test then says which rows the model no longer gives.
//!
//! The table covers, per RFC 6455 section 7.4 and the WHATWG `close()` steps: every
//! registered code, each range's edges (0, 999, 1000, 2999, 3000, 4999, 5000, 65535), the
//! codes no endpoint may send (1004-1006, 1015) with and without a reason, empty, 1-byte,
//! 123-byte-reason and 126-byte bodies, reasons that are not UTF-8, a dropped connection, and
//! the `close()` calls; `the_table_covers_what_it_must` checks that it does.
#![allow(clippy::doc_markdown, reason = "WebKitGTK is a name, not code")]

use closecode_core::{CloseCode, CloseEvent, Engine, REGISTRY};
use std::fmt::Write as _;

const MEASURED: &str = include_str!("../src/engine/measured.md");

/// One row's first cell, read back.
#[derive(Debug, PartialEq)]
enum Row {
    Close(Vec<u8>),
    Drop,
    Call(Option<u16>, Option<String>),
}

/// The table: the engine columns' headers, and each row's name and cells.
fn table() -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let mut lines = MEASURED.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---"));
    let split = |line: &str| -> Vec<String> {
        line.trim_matches('|').split(" | ").map(|c| c.trim().trim_matches('`').to_string()).collect()
    };
    let headers = split(lines.next().expect("a header row")).into_iter().skip(1).collect();
    let rows = lines
        .map(|line| {
            let mut cells = split(line);
            let name = cells.remove(0);
            (name, cells)
        })
        .collect();
    (headers, rows)
}

/// Splits on spaces outside quotes.
fn tokens(text: &str) -> Vec<String> {
    let (mut out, mut current, mut quoted, mut escaped) = (Vec::new(), String::new(), false, false);
    for c in text.chars() {
        match c {
            ' ' if !quoted => out.extend((!current.is_empty()).then(|| std::mem::take(&mut current))),
            '"' if !escaped => {
                quoted = !quoted;
                current.push(c);
            }
            _ => current.push(c),
        }
        escaped = c == '\\' && !escaped;
    }
    out.extend((!current.is_empty()).then_some(current));
    out
}

/// A quoted string as Rust's `Debug` writes it, maybe followed by `*N`.
fn text(token: &str) -> String {
    let (quoted, times) = match token.rsplit_once("\"*") {
        Some((quoted, times)) => (format!("{quoted}\""), times.parse().unwrap()),
        None => (token.to_string(), 1),
    };
    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"')).unwrap_or_else(|| panic!("{token}"));
    let (mut out, mut chars) = (String::new(), inner.chars());
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
            }
            Some(other) => out.push(other),
            None => panic!("{token}"),
        }
    }
    out.repeat(times)
}

fn parse(name: &str) -> Row {
    if name == "drop" {
        return Row::Drop;
    }
    if let Some(arguments) = name.strip_prefix("close(").and_then(|a| a.strip_suffix(')')) {
        if arguments.is_empty() {
            return Row::Call(None, None);
        }
        let (code, reason) = match arguments.split_once(", ") {
            Some((code, reason)) => (code, Some(tokens(reason).iter().map(|t| text(t)).collect::<String>())),
            None => (arguments, None),
        };
        return Row::Call(code.parse().ok(), reason);
    }
    let mut body = Vec::new();
    for token in tokens(name) {
        if token == "empty" {
        } else if let Some(hex) = token.strip_prefix("0x") {
            body.push(u8::from_str_radix(hex, 16).unwrap());
        } else if token.starts_with('"') {
            body.extend_from_slice(text(&token).as_bytes());
        } else {
            body.extend_from_slice(&token.parse::<u16>().unwrap_or_else(|_| panic!("{name}")).to_be_bytes());
        }
    }
    Row::Close(body)
}

/// The notation of `demo/src/web.rs` (`describe_text`), which writes the file.
fn describe_text(text: &str) -> String {
    if text.is_empty() {
        return "\"\"".into();
    }
    let (mut parts, mut literal, mut chars) = (Vec::new(), String::new(), text.chars().peekable());
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.peek() == Some(&c) {
            chars.next();
            run += 1;
        }
        if run >= 8 {
            if !literal.is_empty() {
                parts.push(format!("{literal:?}"));
                literal.clear();
            }
            parts.push(format!("{:?}*{run}", c.to_string()));
        } else {
            literal.extend(std::iter::repeat_n(c, run));
        }
    }
    if !literal.is_empty() {
        parts.push(format!("{literal:?}"));
    }
    parts.join(" ")
}

/// `describe_body` of `demo/src/web.rs`.
fn describe_body(body: &[u8]) -> String {
    match body {
        [] => "empty".into(),
        [byte] => format!("0x{byte:02X}"),
        [high, low, reason @ ..] => {
            let mut out = u16::from_be_bytes([*high, *low]).to_string();
            for chunk in reason.utf8_chunks() {
                if !chunk.valid().is_empty() {
                    out.push(' ');
                    out.push_str(&describe_text(chunk.valid()));
                }
                for byte in chunk.invalid() {
                    let _ = write!(out, " 0x{byte:02X}");
                }
            }
            out
        }
    }
}

fn describe_event(event: &CloseEvent) -> String {
    assert!(event.is_trusted() && event.event_type() == "close");
    format!(
        "{} {} {}",
        event.code(),
        describe_text(event.reason()),
        if event.was_clean() { "clean" } else { "unclean" }
    )
}

/// What the model of `engine` says for `row`, in the table's notation.
fn model(engine: Engine, row: &Row) -> String {
    match row {
        Row::Close(body) => describe_event(&engine.close_event(body)),
        Row::Drop => describe_event(&engine.dropped()),
        Row::Call(code, reason) => match engine.close(*code, reason.as_deref()) {
            Ok(payload) => format!("sends {}", describe_body(&payload.encode().unwrap())),
            Err(error) => format!("throws {}", error.dom_name()),
        },
    }
}

/// Checks one engine's column; the failure names every row the model does not give.
fn column_matches(engine: Engine) {
    let (headers, rows) = table();
    let column = headers.iter().position(|h| h.starts_with(engine.name())).expect("a column per engine");
    assert_eq!(
        headers[column],
        engine.measured_on(),
        "measured.md was re-recorded on {}: review core/src/engine/facts.rs and give it that version",
        headers[column]
    );
    let wrong: Vec<String> = rows
        .iter()
        .filter_map(|(name, cells)| {
            let modelled = model(engine, &parse(name));
            (cells[column] != modelled).then(|| format!("  {name}: measured {}, model {modelled}", cells[column]))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "the model of {engine} does not give {} measured rows (change core/src/engine/facts.rs):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn chromium_model_gives_every_measured_row() {
    column_matches(Engine::Chromium);
}

#[test]
fn firefox_model_gives_every_measured_row() {
    column_matches(Engine::Firefox);
}

#[test]
fn webkitgtk_model_gives_every_measured_row() {
    column_matches(Engine::WebKitGtk);
}

/// Every row's name reads back to itself, so no row means something its name does not say.
#[test]
fn row_names_round_trip() {
    for (name, _) in table().1 {
        let again = match parse(&name) {
            Row::Close(body) => describe_body(&body),
            Row::Drop => "drop".into(),
            Row::Call(code, reason) => {
                let code = code.map_or_else(|| "undefined".to_string(), |c| c.to_string());
                match reason {
                    None if code == "undefined" => "close()".into(),
                    None => format!("close({code})"),
                    Some(reason) => format!("close({code}, {})", describe_text(&reason)),
                }
            }
        };
        assert_eq!(again, name);
    }
}

/// The rows the issue and RFC 6455 ask for are all there.
#[test]
fn the_table_covers_what_it_must() {
    let rows: Vec<Row> = table().1.iter().map(|(name, _)| parse(name)).collect();
    let has = |row: &Row| rows.contains(row);
    let close = |code: u16, reason: &[u8]| Row::Close([&code.to_be_bytes()[..], reason].concat());
    let with_reason =
        |code: u16| rows.iter().any(|r| matches!(r, Row::Close(b) if b.len() > 2 && b[..2] == code.to_be_bytes()));
    for entry in REGISTRY.iter().filter(|e| e.is_registration()) {
        assert!(with_reason(entry.first), "registered {} with a reason", entry.first);
    }
    for edge in [0, 999, 1000, 2999, 3000, 4999, 5000, 65535] {
        assert!(with_reason(edge), "range edge {edge}");
    }
    for code in [1004, 1005, 1006, 1015] {
        assert!(with_reason(code) && has(&close(code, b"")), "{code} with and without a reason");
    }
    assert!(has(&Row::Close(Vec::new())), "an empty body");
    assert!(rows.iter().any(|r| matches!(r, Row::Close(b) if b.len() == 1)), "a 1-byte body");
    assert!(rows.iter().any(|r| matches!(r, Row::Close(b) if b.len() == 125)), "a 123-byte reason");
    assert!(rows.iter().any(|r| matches!(r, Row::Close(b) if b.len() == 126)), "a 126-byte body");
    assert!(
        rows.iter().any(|r| matches!(r, Row::Close(b) if b.len() > 2 && std::str::from_utf8(&b[2..]).is_err())),
        "a reason that is not UTF-8"
    );
    assert!(has(&Row::Drop), "a dropped connection");
    let long = "a".repeat(124);
    for call in [
        Row::Call(None, None),
        Row::Call(Some(1000), None),
        Row::Call(Some(1001), None),
        Row::Call(Some(1000), Some(long.clone())),
        Row::Call(None, Some("bye".into())),
        Row::Call(None, Some(long)),
    ] {
        assert!(has(&call), "{call:?}");
    }
}

/// Where the engines agree, they agree with closecode's own rules: the `close()` calls
/// follow `close_method` but for a reason without a code, and every valid Close that the
/// strict policy accepts arrives intact everywhere but where WebKitGTK refuses 1012-1014.
#[test]
fn where_engines_agree_they_follow_the_standard() {
    for (name, _) in table().1 {
        match parse(&name) {
            Row::Call(code, reason) if code.is_some() || reason.is_none() => {
                for engine in Engine::ALL {
                    assert_eq!(
                        engine.close(code, reason.as_deref()),
                        closecode_core::close_method(code, reason.as_deref())
                    );
                }
            }
            Row::Close(body) => {
                if let Ok(payload) = closecode_core::ClosePayload::parse(&body) {
                    let code = payload.code().map(CloseCode::as_u16);
                    for engine in Engine::ALL {
                        let event = engine.close_event(&body);
                        let refused = engine == Engine::WebKitGtk && matches!(code, Some(1012..=1014));
                        assert_eq!(event.was_clean(), !refused, "{name} in {engine}");
                    }
                }
            }
            _ => {}
        }
    }
}
