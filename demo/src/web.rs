//! The demo's web page: a small HTTP and WebSocket server on 127.0.0.1 (one port, tokio, no
//! framework) whose page opens real browser WebSockets, plays scenarios, and shows each
//! `onclose` event beside the `CloseEvent` closecode built for the same close. Scenarios are
//! the chat sessions plus raw Close frames written byte by byte; the page posts what the
//! browser reported to `/report`, which the browser test compares with closecode's model.

use crate::{Ending, SESSIONS, handshake};
use closecode_core::{CloseEvent, ClosePayload, Policy};
use std::net::SocketAddr;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The page, plain HTML and an ES module script: no build step.
const INDEX: &str = include_str!("../web/index.html");
/// The registry for the page: `closecode-registry export --format js`, checked in and kept
/// current by `tests/front_end.rs` (the workflow the README shows).
const REGISTRY_MODULE: &str = include_str!("../web/close-codes.mjs");
/// The chat's own codes: `closecode_core::export::javascript::<ChatClose>()`, checked in the
/// same way.
const CHAT_CLOSE_MODULE: &str = include_str!("../web/chat-close.mjs");

/// How the server ends one scenario's connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Wire {
    /// A Close frame with exactly this body, written byte by byte (it may be invalid).
    Close(Vec<u8>),
    /// The TCP connection dropped without a Close frame.
    Drop,
}

/// One scenario: a name, and what goes on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// What the page shows.
    pub name: String,
    /// What the server does.
    pub wire: Wire,
}

impl Scenario {
    /// The `close` event a browser fires for this ending, as closecode models a browser: the
    /// lenient policy's answer to the Close body, or 1006 for a dropped connection.
    #[must_use]
    pub fn expected(&self) -> CloseEvent {
        match &self.wire {
            Wire::Close(body) => ClosePayload::parse_with(body, Policy::Lenient)
                .map_or_else(|_| CloseEvent::abnormal(), |payload| CloseEvent::received(&payload)),
            Wire::Drop => CloseEvent::abnormal(),
        }
    }
}

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut bytes = code.to_be_bytes().to_vec();
    bytes.extend_from_slice(reason);
    bytes
}

/// The chat sessions, then raw Close frames: valid and invalid codes, empty and 1-byte
/// bodies, a 123-byte reason, a 126-byte body, a reason that is not UTF-8, a dropped connection.
#[must_use]
pub fn scenarios() -> Vec<Scenario> {
    let mut all: Vec<Scenario> = SESSIONS
        .iter()
        .map(|(name, ending)| Scenario {
            name: format!("session {name}"),
            wire: match ending {
                Ending::Close(code, reason) => {
                    Wire::Close(ClosePayload::new(*code, reason).encode().map(|b| b.to_vec()).unwrap_or_default())
                }
                Ending::CloseWithoutStatus => Wire::Close(Vec::new()),
                Ending::Drop => Wire::Drop,
            },
        })
        .collect();
    for code in
        [1000, 1003, 1004, 1005, 1006, 1012, 1014, 1015, 1016, 2999, 3000, 3003, 3008, 4999, 0, 999, 5000, 65535]
    {
        all.push(Scenario { name: format!("raw Close {code}"), wire: Wire::Close(body(code, b"why")) });
    }
    all.push(Scenario { name: "raw empty Close".into(), wire: Wire::Close(Vec::new()) });
    all.push(Scenario { name: "raw 1-byte body".into(), wire: Wire::Close(vec![0x03]) });
    all.push(Scenario { name: "raw 123-byte reason".into(), wire: Wire::Close(body(1000, &[b'a'; 123])) });
    all.push(Scenario { name: "raw 126-byte body".into(), wire: Wire::Close(body(1000, &[b'a'; 124])) });
    all.push(Scenario { name: "raw reason not UTF-8".into(), wire: Wire::Close(body(1000, b"bad \xFF")) });
    all.push(Scenario { name: "raw multi-byte reason".into(), wire: Wire::Close(body(4001, "κόσμε".as_bytes())) });
    all.push(Scenario { name: "raw dropped connection".into(), wire: Wire::Drop });
    all
}

/// The scenarios as JSON for the page: id, name, and the event closecode expects.
fn scenarios_json() -> String {
    let items: Vec<String> = scenarios()
        .iter()
        .enumerate()
        .map(|(id, s)| {
            let expected = s.expected();
            format!(
                "{{\"id\":{id},\"name\":{},\"expected\":{{\"code\":{},\"reason\":{},\"wasClean\":{},\"type\":{},\"isTrusted\":{}}}}}",
                json_string(&s.name),
                expected.code(),
                json_string(expected.reason()),
                expected.was_clean(),
                json_string(expected.event_type()),
                expected.is_trusted()
            )
        })
        .collect();
    format!("[{}]", items.join(","))
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| String::from("\"\""))
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
    let last = Arc::new(Mutex::new(String::from("[]")));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let (reports, last) = (reports.clone(), Arc::clone(&last));
            tokio::spawn(async move {
                let _ = serve(stream, reports, last).await;
            });
        }
    });
    Ok(addr)
}

/// One request: a page asset, a report, or a WebSocket scenario.
async fn serve(mut stream: TcpStream, reports: Sender<String>, last: Arc<Mutex<String>>) -> std::io::Result<()> {
    let head = handshake::read_head(&mut stream).await?;
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let header = |name: &str| handshake::header(&head, name);
    if let Some(id) = path.strip_prefix("/ws/") {
        handshake::accept(&mut stream, &head).await?;
        let scenario = id.parse::<usize>().ok().and_then(|id| scenarios().into_iter().nth(id));
        return play(stream, scenario).await;
    }
    let (status, kind, body): (&str, &str, Vec<u8>) = match (method, path) {
        ("GET", "/" | "/index.html" | "/?last") => ("200 OK", "text/html; charset=utf-8", INDEX.as_bytes().to_vec()),
        ("GET", "/close-codes.mjs") => ("200 OK", "text/javascript", REGISTRY_MODULE.as_bytes().to_vec()),
        ("GET", "/chat-close.mjs") => ("200 OK", "text/javascript", CHAT_CLOSE_MODULE.as_bytes().to_vec()),
        ("GET", "/scenarios.json") => ("200 OK", "application/json", scenarios_json().into_bytes()),
        ("GET", "/last-report.json") => {
            let report = last.lock().map(|r| r.clone()).unwrap_or_default();
            ("200 OK", "application/json", report.into_bytes())
        }
        ("POST", "/report") => {
            let length = header("content-length").and_then(|l| l.parse::<usize>().ok()).unwrap_or(0).min(1 << 20);
            let mut report = vec![0u8; length];
            stream.read_exact(&mut report).await?;
            let report = String::from_utf8_lossy(&report).into_owned();
            if let Ok(mut stored) = last.lock() {
                stored.clone_from(&report);
            }
            let _ = reports.send(report);
            ("204 No Content", "text/plain", Vec::new())
        }
        _ => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&body).await?;
    stream.shutdown().await
}

/// The registry as an ES module, rendered by `closecode-registry` from the vendored data.
/// Ends the connection as the scenario says: writes its Close frame byte by byte (then waits
/// for the browser's answer, or its hang-up, before closing), or drops it.
async fn play(mut stream: TcpStream, scenario: Option<Scenario>) -> std::io::Result<()> {
    let Some(Scenario { wire: Wire::Close(body), .. }) = scenario else { return Ok(()) };
    let mut frame = vec![0x88];
    match u16::try_from(body.len()) {
        Ok(len @ 0..=125) => frame.push(u8::try_from(len).unwrap_or(125)),
        Ok(len) => {
            frame.push(126);
            frame.extend_from_slice(&len.to_be_bytes());
        }
        Err(_) => return Ok(()),
    }
    frame.extend_from_slice(&body);
    stream.write_all(&frame).await?;
    let mut rest = [0u8; 256];
    let deadline = tokio::time::Duration::from_secs(5);
    let _ = tokio::time::timeout(deadline, stream.read(&mut rest)).await;
    stream.shutdown().await
}
