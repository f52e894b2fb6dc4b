//! The demo's web page: a small HTTP and WebSocket server on 127.0.0.1 (one port, tokio, no
//! framework) whose page opens real browser WebSockets, plays scenarios, and shows each
//! `onclose` event (or `close()` call) beside what closecode's model of that browser's engine
//! ([`Engine`]) says for the same close, and, from the engines module
//! (`closecode_core::export::engines`), what the server may have sent for an event that may
//! stand for more than its own code. Scenarios are the chat sessions, raw Close frames
//! written byte by byte, a dropped connection, and `WebSocket.close(code, reason)` calls whose
//! Close the server records; the page posts what the browser did to `/report`, which the
//! browser test compares with the model and records in the engine facts
//! (`core/src/engine/measured.md`).

use crate::{Ending, SESSIONS, handshake};
use closecode_core::export::string;
use closecode_core::{CloseEvent, ClosePayload, Engine};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The page, plain HTML and an ES module script: no build step.
const INDEX: &str = include_str!("../web/index.html");
/// The page's script.
const PAGE_MODULE: &str = include_str!("../web/page.mjs");
/// The registry for the page: `cargo run -p closecode-tools -- export --format js`, checked in and kept
/// current by `tests/front_end.rs` (the workflow the README shows).
const REGISTRY_MODULE: &str = include_str!("../web/close-codes.mjs");
/// The chat's own codes: `closecode_core::export::javascript::<ChatClose>()`, checked in the
/// same way.
const CHAT_CLOSE_MODULE: &str = include_str!("../web/chat-close.mjs");
/// The engine models for the page (`engineOf`, `mayHaveBeen`):
/// `closecode_core::export::engines(Format::JavaScript)`, checked in the same way.
const ENGINES_MODULE: &str = include_str!("../web/engines.mjs");

/// What one scenario plays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Play {
    /// The server sends a Close frame with exactly this body, written byte by byte (it may be
    /// invalid, or longer than a control frame may be).
    Close(Vec<u8>),
    /// The server drops the TCP connection without a Close frame.
    Drop,
    /// Once open, the page calls `ws.close(code, reason)` (`None`: the argument left out, or
    /// `undefined` before a reason); the server records the Close that arrives and answers it.
    Call {
        /// The `code` argument.
        code: Option<u16>,
        /// The `reason` argument.
        reason: Option<String>,
    },
}

/// One scenario: a name, and what is played.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// What the page shows, and for the engine facts the row's key: the Close body in the
    /// notation of [`describe_body`], `drop`, or the `close()` call.
    pub name: String,
    /// What happens.
    pub play: Play,
    /// Whether the row belongs to the engine facts (the chat sessions do not: their bodies
    /// are among the raw rows).
    pub fact: bool,
}

/// What a browser did in one scenario, or what closecode's model says it does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seen {
    /// The `close` event the page got.
    Event {
        /// `event.code`.
        code: u16,
        /// `event.reason`.
        reason: String,
        /// `event.wasClean`.
        was_clean: bool,
        /// `event.type`.
        event_type: String,
        /// `event.isTrusted`.
        is_trusted: bool,
    },
    /// `close()` threw this exception (its `name`).
    Threw(String),
    /// `close()` sent a Close with this body.
    Sent(Vec<u8>),
}

impl Seen {
    /// The model's event in this form.
    #[must_use]
    pub fn event(event: &CloseEvent) -> Seen {
        Seen::Event {
            code: event.code(),
            reason: event.reason().to_string(),
            was_clean: event.was_clean(),
            event_type: event.event_type().to_string(),
            is_trusted: event.is_trusted(),
        }
    }

    /// As the page and the engine facts write it: `1000 "why" clean`, `throws SyntaxError`,
    /// `sends 1000 "bye"` (a trusted `close` event is assumed; anything else is added).
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Seen::Event { code, reason, was_clean, event_type, is_trusted } => {
                let mut text =
                    format!("{code} {} {}", describe_text(reason), if *was_clean { "clean" } else { "unclean" });
                if event_type != "close" || !is_trusted {
                    let _ = write!(text, " (type {event_type:?}, isTrusted {is_trusted})");
                }
                text
            }
            Seen::Threw(name) => format!("throws {name}"),
            Seen::Sent(body) => format!("sends {}", describe_body(body)),
        }
    }

    /// As JSON for the page: `{"event": {..}}`, `{"threw": ".."}` or `{"sent": "hex"}`, the
    /// forms the page reports back.
    fn write_json(&self, out: &mut String) {
        match self {
            Seen::Event { code, reason, was_clean, event_type, is_trusted } => {
                let _ = write!(out, "{{\"event\":{{\"code\":{code},\"reason\":");
                out.push_str(&string(reason));
                let _ = write!(out, ",\"wasClean\":{was_clean},\"type\":");
                out.push_str(&string(event_type));
                let _ = write!(out, ",\"isTrusted\":{is_trusted}}}}}");
            }
            Seen::Threw(name) => {
                out.push_str("{\"threw\":");
                out.push_str(&string(name));
                out.push('}');
            }
            Seen::Sent(body) => {
                let _ = write!(out, "{{\"sent\":\"{}\"}}", hex(body));
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// A Close body in the notation of the engine facts: `empty`; a lone byte as `0x03`; else the
/// code in decimal, then the reason as quoted text (runs of 8 or more of one character as
/// `"a"*123`) and any byte that is not UTF-8 as `0xFF`.
///
/// ```
/// use closecode_demo::web::describe_body;
/// assert_eq!(describe_body(b""), "empty");
/// assert_eq!(describe_body(&[0x03]), "0x03");
/// assert_eq!(describe_body(&[0x03, 0xE8, b'b', b'a', b'd', 0xFF]), "1000 \"bad\" 0xFF");
/// let long = [&[0x03, 0xE8][..], &[b'a'; 124]].concat();
/// assert_eq!(describe_body(&long), "1000 \"a\"*124");
/// ```
#[must_use]
pub fn describe_body(body: &[u8]) -> String {
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

/// Text in the notation of the engine facts: `""`, `"why"`, `"a"*123`, `"bom " "x"*9`,
/// each quoted part as Rust's `Debug` writes a string (`"\u{feff}"` for a BOM).
fn describe_text(text: &str) -> String {
    if text.is_empty() {
        return "\"\"".into();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
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

/// A `close()` call in the notation of the engine facts: `close()`, `close(1000, "bye")`,
/// `close(undefined, "a"*124)`.
fn describe_call(code: Option<u16>, reason: Option<&str>) -> String {
    let code = code.map_or_else(|| "undefined".to_string(), |c| c.to_string());
    match reason {
        None if code == "undefined" => "close()".into(),
        None => format!("close({code})"),
        Some(reason) => format!("close({code}, {})", describe_text(reason)),
    }
}

impl Scenario {
    fn close(body: Vec<u8>) -> Scenario {
        Scenario { name: describe_body(&body), play: Play::Close(body), fact: true }
    }

    fn call(code: Option<u16>, reason: Option<&str>) -> Scenario {
        Scenario {
            name: describe_call(code, reason),
            play: Play::Call { code, reason: reason.map(str::to_string) },
            fact: true,
        }
    }

    /// What `engine` does here, as closecode models it.
    #[must_use]
    pub fn expected(&self, engine: Engine) -> Seen {
        match &self.play {
            Play::Close(body) => Seen::event(&engine.close_event(body)),
            Play::Drop => Seen::event(&engine.dropped()),
            Play::Call { code, reason } => match engine.close(*code, reason.as_deref()) {
                Ok(payload) => Seen::Sent(payload.encode().map(|b| b.to_vec()).unwrap_or_default()),
                Err(error) => Seen::Threw(error.dom_name().to_string()),
            },
        }
    }

    /// What the page shows as played: the bytes sent, or the call made.
    fn played(&self) -> String {
        match &self.play {
            Play::Close(body) => format!("server sends Close {}", describe_body(body)),
            Play::Drop => "server drops the connection".into(),
            Play::Call { .. } => format!("page calls {}", self.name),
        }
    }
}

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut bytes = code.to_be_bytes().to_vec();
    bytes.extend_from_slice(reason);
    bytes
}

/// The rows of the engine facts: every registered code; each range's edges; the codes no
/// endpoint may send (1004-1006, 1015) with a reason and without; an empty, a 1-byte, a
/// 123-byte-reason and a 126-byte body; reasons that are not UTF-8, start with a BOM, or are
/// multi-byte; a dropped connection; then `close()` calls: no arguments, each code range's
/// edges, reasons of 123 and 124 bytes (one of them 62 characters), and a reason without a code.
#[must_use]
pub fn rows() -> Vec<Scenario> {
    let registered: Vec<u16> =
        closecode_core::REGISTRY.iter().filter(|row| row.is_registration()).map(|row| row.first).collect();
    let edges = [0, 999, 1016, 2999, 3001, 3999, 4000, 4999, 5000, 65535];
    let mut rows: Vec<Scenario> =
        registered.iter().chain(&edges).map(|&code| Scenario::close(body(code, b"why"))).collect();
    for code in [1000, 1004, 1005, 1006, 1015] {
        rows.push(Scenario::close(body(code, b"")));
    }
    rows.push(Scenario::close(Vec::new()));
    rows.push(Scenario::close(vec![0x03]));
    rows.push(Scenario::close(body(1000, &[b'a'; 123])));
    rows.push(Scenario::close(body(1000, &[b'a'; 124])));
    rows.push(Scenario::close(body(1000, b"bad \xFF")));
    rows.push(Scenario::close(body(1000, b"\xC0\x80")));
    rows.push(Scenario::close(body(1000, b"\xED\xA0\x80")));
    rows.push(Scenario::close(body(1005, b"\xFF")));
    rows.push(Scenario::close(body(1000, "\u{FEFF}bom".as_bytes())));
    rows.push(Scenario::close(body(4001, "κόσμε".as_bytes())));
    rows.push(Scenario { name: "drop".into(), play: Play::Drop, fact: true });
    let (a123, a124, e62) = ("a".repeat(123), "a".repeat(124), "é".repeat(62));
    rows.extend([
        Scenario::call(None, None),
        Scenario::call(Some(1000), None),
        Scenario::call(Some(1000), Some("bye")),
        Scenario::call(Some(3000), None),
        Scenario::call(Some(4999), Some("bye")),
        Scenario::call(Some(0), None),
        Scenario::call(Some(999), None),
        Scenario::call(Some(1001), None),
        Scenario::call(Some(1005), None),
        Scenario::call(Some(1014), Some("bye")),
        Scenario::call(Some(2999), None),
        Scenario::call(Some(5000), None),
        Scenario::call(Some(65535), None),
        Scenario::call(Some(1000), Some(&a123)),
        Scenario::call(Some(1000), Some(&a124)),
        Scenario::call(Some(4000), Some(&e62)),
        Scenario::call(Some(1001), Some(&a124)),
        Scenario::call(None, Some("bye")),
        Scenario::call(None, Some("")),
        Scenario::call(None, Some(&a123)),
        Scenario::call(None, Some(&a124)),
    ]);
    rows
}

/// The chat sessions, then the rows of the engine facts ([`rows`]).
#[must_use]
pub fn scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = SESSIONS
        .iter()
        .map(|(name, ending)| Scenario {
            name: format!("session {name}"),
            play: match ending {
                Ending::Close(code, reason) => {
                    Play::Close(ClosePayload::new(*code, reason).encode().map(|b| b.to_vec()).unwrap_or_default())
                }
                Ending::CloseWithoutStatus => Play::Close(Vec::new()),
                Ending::Drop => Play::Drop,
            },
            fact: false,
        })
        .collect();
    all.extend(rows());
    all
}

/// The scenarios as JSON for the page of a browser whose `User-Agent` is `user_agent`: the
/// engine it runs on, and for each scenario what is played (a Close's `body` in hex, `null`
/// for a dropped connection; the `close()` call) and what the engine's model says. An engine
/// closecode has no model of is compared with Chromium's, and the page says so. Written
/// without serde (the chat binary builds none); strings by `closecode_core::export::string`.
fn scenarios_json(user_agent: &str) -> String {
    let engine = Engine::from_user_agent(user_agent);
    let model = engine.unwrap_or(Engine::Chromium);
    let mut out = String::from("{\"engine\":");
    match engine {
        Some(engine) => out.push_str(&string(engine.name())),
        None => out.push_str("null"),
    }
    out.push_str(",\"model\":");
    out.push_str(&string(model.name()));
    out.push_str(",\"measuredOn\":");
    out.push_str(&string(model.measured_on()));
    out.push_str(",\"scenarios\":[");
    for (id, s) in scenarios().iter().enumerate() {
        let expected = s.expected(model);
        let _ = write!(out, "{}{{\"id\":{id},\"name\":", if id == 0 { "" } else { "," });
        out.push_str(&string(&s.name));
        out.push_str(",\"played\":");
        out.push_str(&string(&s.played()));
        out.push_str(",\"call\":");
        match &s.play {
            Play::Call { code, reason } => {
                let code = code.map_or_else(|| "null".to_string(), |code| code.to_string());
                let _ = write!(out, "{{\"code\":{code},\"reason\":");
                match reason {
                    Some(reason) => out.push_str(&string(reason)),
                    None => out.push_str("null"),
                }
                out.push_str("},\"body\":null");
            }
            Play::Close(body) => {
                let _ = write!(out, "null,\"body\":\"{}\"", hex(body));
            }
            Play::Drop => out.push_str("null,\"body\":null"),
        }
        out.push_str(",\"expected\":");
        expected.write_json(&mut out);
        out.push_str(",\"expectedText\":");
        out.push_str(&string(&expected.describe()));
        out.push('}');
    }
    out.push_str("]}");
    out
}

/// The server's state: the last report, and the Close each `close()` scenario sent.
#[derive(Default)]
struct State {
    last: Mutex<String>,
    captured: Mutex<HashMap<usize, Vec<u8>>>,
}

/// Starts the page's server on an ephemeral port of 127.0.0.1; every report the page posts
/// goes to `reports`.
///
/// # Errors
///
/// When the port cannot be bound.
pub async fn start(reports: Sender<String>) -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(State { last: Mutex::new("null".into()), ..State::default() });
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (reports, state) = (reports.clone(), Arc::clone(&state));
            tokio::spawn(async move {
                let _ = serve(stream, reports, state).await;
            });
        }
    });
    Ok(addr)
}

/// One request: a page asset, a report, or a WebSocket scenario.
async fn serve(mut stream: TcpStream, reports: Sender<String>, state: Arc<State>) -> std::io::Result<()> {
    let head = handshake::read_head(&mut stream).await?;
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let header = |name: &str| handshake::header(&head, name);
    if let Some(id) = path.strip_prefix("/ws/") {
        handshake::accept(&mut stream, &head).await?;
        let id = id.parse::<usize>().ok();
        let scenario = id.and_then(|id| scenarios().into_iter().nth(id));
        return play(stream, scenario, id.unwrap_or(usize::MAX), &state).await;
    }
    let (status, kind, body): (&str, &str, Vec<u8>) = match (method, path) {
        ("GET", "/" | "/index.html") => ("200 OK", "text/html; charset=utf-8", INDEX.as_bytes().to_vec()),
        ("GET", "/?last") => {
            // The last report inlined, so the page shows it before its load event (for a
            // screenshot taken at load).
            let last = state.last.lock().map(|r| r.replace("</", "<\\/")).unwrap_or_default();
            let page = INDEX.replace(
                "<script id=\"last\" type=\"application/json\">null",
                &format!("<script id=\"last\" type=\"application/json\">{last}"),
            );
            ("200 OK", "text/html; charset=utf-8", page.into_bytes())
        }
        ("GET", "/page.mjs") => ("200 OK", "text/javascript", PAGE_MODULE.as_bytes().to_vec()),
        ("GET", "/close-codes.mjs") => ("200 OK", "text/javascript", REGISTRY_MODULE.as_bytes().to_vec()),
        ("GET", "/chat-close.mjs") => ("200 OK", "text/javascript", CHAT_CLOSE_MODULE.as_bytes().to_vec()),
        ("GET", "/engines.mjs") => ("200 OK", "text/javascript", ENGINES_MODULE.as_bytes().to_vec()),
        ("GET", "/scenarios.json") => {
            let user_agent = header("user-agent").unwrap_or_default();
            ("200 OK", "application/json", scenarios_json(&user_agent).into_bytes())
        }
        ("GET", path) if path.starts_with("/captured/") => {
            let id = path["/captured/".len()..].parse::<usize>().ok();
            let captured = state.captured.lock().ok().and_then(|c| c.get(&id?).cloned());
            let answer = captured.map_or_else(|| "null".to_string(), |body| format!("\"{}\"", hex(&body)));
            ("200 OK", "application/json", answer.into_bytes())
        }
        ("POST", "/report") => {
            let length = header("content-length").and_then(|l| l.parse::<usize>().ok()).unwrap_or(0).min(1 << 20);
            let mut report = vec![0u8; length];
            stream.read_exact(&mut report).await?;
            let report = String::from_utf8_lossy(&report).into_owned();
            if let Ok(mut stored) = state.last.lock() {
                stored.clone_from(&report);
            }
            let _ = reports.send(report);
            ("204 No Content", "text/plain", Vec::new())
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

/// How long the server waits for the browser's part of a closing handshake.
const WAIT: tokio::time::Duration = tokio::time::Duration::from_secs(5);

/// Plays one scenario on an accepted WebSocket: writes its Close frame byte by byte (then
/// waits for the browser's answer, or its hang-up, before closing), drops the connection, or
/// records the Close the page's `close()` sends and answers it.
async fn play(mut stream: TcpStream, scenario: Option<Scenario>, id: usize, state: &State) -> std::io::Result<()> {
    let Some(scenario) = scenario else { return Ok(()) };
    match scenario.play {
        Play::Drop => Ok(()),
        Play::Close(body) => {
            stream.write_all(&frame(&body)).await?;
            let mut rest = [0u8; 256];
            let _ = tokio::time::timeout(WAIT, stream.read(&mut rest)).await;
            stream.shutdown().await
        }
        Play::Call { .. } => {
            let Ok(Ok(body)) = tokio::time::timeout(WAIT, read_close(&mut stream)).await else {
                return Ok(());
            };
            if let Ok(mut captured) = state.captured.lock() {
                captured.insert(id, body.clone());
            }
            let answer = body.get(..2).unwrap_or_default().to_vec();
            stream.write_all(&frame(&answer)).await?;
            stream.shutdown().await
        }
    }
}

/// A server's (unmasked) Close frame with `body`, whatever its length.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut frame = vec![0x88];
    match u16::try_from(body.len()) {
        Ok(len @ 0..=125) => frame.push(u8::try_from(len).unwrap_or(125)),
        Ok(len) => {
            frame.push(126);
            frame.extend_from_slice(&len.to_be_bytes());
        }
        Err(_) => frame.push(0),
    }
    frame.extend_from_slice(body);
    frame
}

/// Reads the client's frames until a Close arrives and gives its unmasked body.
async fn read_close(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    loop {
        let mut head = [0u8; 2];
        stream.read_exact(&mut head).await?;
        let len = match head[1] & 0x7F {
            126 => {
                let mut len = [0u8; 2];
                stream.read_exact(&mut len).await?;
                usize::from(u16::from_be_bytes(len))
            }
            127 => return Err(std::io::ErrorKind::InvalidData.into()),
            len => usize::from(len),
        };
        let mut mask = [0u8; 4];
        if head[1] & 0x80 != 0 {
            stream.read_exact(&mut mask).await?;
        }
        let mut payload = vec![0u8; len];
        stream.read_exact(&mut payload).await?;
        if head[0] & 0x0F == 0x8 {
            return Ok(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]).collect());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The page's JSON, written by hand, read by `serde_json`: every scenario and every model
    /// answer in it, for each engine and for an unknown browser.
    #[test]
    fn the_scenarios_json_is_json_and_says_what_the_models_say() {
        let user_agents = [
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
            "curl/8",
        ];
        for user_agent in user_agents {
            let page: Value = serde_json::from_str(&scenarios_json(user_agent)).unwrap();
            let engine = Engine::from_user_agent(user_agent);
            let model = engine.unwrap_or(Engine::Chromium);
            assert_eq!(page["engine"], json!(engine.map(Engine::name)));
            assert_eq!(page["model"], json!(model.name()));
            assert_eq!(page["measuredOn"], json!(model.measured_on()));
            let items = page["scenarios"].as_array().unwrap();
            assert_eq!(items.len(), scenarios().len());
            for (id, (item, scenario)) in items.iter().zip(scenarios()).enumerate() {
                let expected = scenario.expected(model);
                let (call, body) = match &scenario.play {
                    Play::Call { code, reason } => (json!({ "code": code, "reason": reason }), Value::Null),
                    Play::Close(body) => (Value::Null, json!(hex(body))),
                    Play::Drop => (Value::Null, Value::Null),
                };
                let seen = match &expected {
                    Seen::Event { code, reason, was_clean, event_type, is_trusted } => json!({"event": {
                        "code": code, "reason": reason, "wasClean": was_clean, "type": event_type, "isTrusted": is_trusted
                    }}),
                    Seen::Threw(name) => json!({ "threw": name }),
                    Seen::Sent(body) => json!({ "sent": hex(body) }),
                };
                let want = json!({
                    "id": id, "name": scenario.name, "played": scenario.played(), "call": call, "body": body,
                    "expected": seen, "expectedText": expected.describe(),
                });
                assert_eq!(item, &want, "scenario {}", scenario.name);
            }
        }
    }

    /// The page's strings are written by `closecode_core::export::string`, the project's one
    /// escaper (it also escapes what JavaScript once read as line ends): `serde_json` reads each
    /// back as the text.
    #[test]
    fn the_page_s_strings_read_back_as_the_text() {
        for text in
            ["", "plain", "a \"quoted\" \\ path", "\u{0}\u{1f}\n\t\r\u{8}\u{c}\u{7f}", "\u{feff}é\u{2028}\u{fffd}"]
        {
            assert_eq!(serde_json::from_str::<String>(&string(text)).unwrap(), text);
        }
    }
}
