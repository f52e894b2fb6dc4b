//! The pieces of the closecode demo, shared by the `chat` binary and the interop tests: the
//! application's close codes, a scripted chat server and a client that turns every ending into
//! a `CloseEvent`.

pub mod handshake;
pub mod web;

use closecode_core::stacks::tokio_websockets_0_13::Tracker;
use closecode_core::{AppCloseCode, CloseCode, CloseEvent, CloseOutcome, ClosePayload};
use futures_util::{SinkExt, StreamExt};
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tokio_websockets::{ClientBuilder, ServerBuilder};

/// The chat application's own close codes, checked at compile time. None of them is worth
/// reconnecting for: the user was removed, or the room is gone.
#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[close_code(reconnect = "never")]
pub enum ChatClose {
    /// A moderator removed the user from the room.
    Kicked = 4001,
    /// The user is banned from the server.
    Banned = 4002,
    /// The room was deleted while the user was in it.
    #[close_code(name = "Room Closed")]
    RoomGone = 4003,
}

/// How the server ends one session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// A Close frame with this code and reason.
    Close(CloseCode, &'static str),
    /// A Close frame without a body.
    CloseWithoutStatus,
    /// The TCP connection is dropped without a Close frame.
    Drop,
}

/// The demo's sessions: who connects, and how the server ends their session.
pub const SESSIONS: &[(&str, Ending)] = &[
    ("alice", Ending::Close(CloseCode::from_u16(ChatClose::Kicked as u16), "spamming the room")),
    ("bob", Ending::Close(CloseCode::from_u16(ChatClose::Banned as u16), "")),
    ("carol", Ending::Close(CloseCode::from_u16(ChatClose::RoomGone as u16), "room #rust deleted")),
    ("dave", Ending::Close(CloseCode::GoingAway, "server shutting down")),
    ("erin", Ending::Close(CloseCode::TryAgainLater, "too many users, retry in 30 s")),
    ("frank", Ending::Close(CloseCode::BadGateway, "chat backend unreachable")),
    ("grace", Ending::CloseWithoutStatus),
    ("heidi", Ending::Drop),
];

/// How long the server waits for a client's answer to its Close before it gives up.
pub const CLOSE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The chat server's side of each session, in the order they end: who it was (the first
/// message, empty when none came) and the [`CloseOutcome`] its tracker gave.
pub type ServerOutcomes = std::sync::mpsc::Receiver<(String, CloseOutcome)>;

/// Starts the chat server (tokio-websockets) on an ephemeral port of 127.0.0.1. Each client
/// sends its name as its first message; the server ends the session as `SESSIONS` says for
/// that name, waits up to [`CLOSE_TIMEOUT`] for the answer, and reports its outcome.
///
/// # Errors
///
/// When the port cannot be bound.
pub async fn start_server() -> std::io::Result<(SocketAddr, ServerOutcomes)> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (report, outcomes) = std::sync::mpsc::channel();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let report = report.clone();
            tokio::spawn(async move {
                let Ok((_request, mut ws)) = ServerBuilder::new().accept(stream).await else { return };
                let mut tracker = Tracker::new();
                let name = tracker.track(ws.next().await).and_then(|first| first.as_text().map(str::to_string));
                let name = name.unwrap_or_default();
                let ending = SESSIONS.iter().find(|(who, _)| *who == name).map(|(_, e)| *e);
                let close = match ending {
                    Some(Ending::Close(code, reason)) => Some(ClosePayload::new(code, reason)),
                    Some(Ending::CloseWithoutStatus) => Some(ClosePayload::NoStatus),
                    Some(Ending::Drop) | None => None,
                };
                // Every scripted code may be sent; the tracker refuses what may not be.
                if let Some(Ok(close)) = close.map(|close| tracker.close(&close))
                    && ws.send(close).await.is_ok()
                {
                    // Finish the closing handshake: read until the client's answer arrives.
                    loop {
                        let Ok(item) = tokio::time::timeout(CLOSE_TIMEOUT, ws.next()).await else {
                            tracker.timed_out();
                            break;
                        };
                        if tracker.track(item).is_none() {
                            break;
                        }
                    }
                }
                // Closes the TCP connection: at once for `Ending::Drop`, which the tracker, told
                // of no Close, reports as dropped.
                drop(ws);
                let _ = report.send((name, tracker.outcome()));
            });
        }
    });
    Ok((addr, outcomes))
}

/// Connects as `name` (tokio-websockets), waits for the session to end, and reports the ending
/// as a browser would: the trusted `close` event.
///
/// # Errors
///
/// When the connection or the handshake fails.
pub async fn join(addr: SocketAddr, name: &str) -> Result<CloseEvent, Box<dyn std::error::Error + Send + Sync>> {
    let (mut ws, _) = ClientBuilder::new().uri(&format!("ws://{addr}/chat"))?.connect().await?;
    ws.send(tokio_websockets::Message::text(name.to_string())).await?;
    let mut tracker = Tracker::new();
    while tracker.track(ws.next().await).is_some() {}
    // Writes a Close tokio-websockets queued after a protocol error (the answer to the
    // server's Close went out before the stream ended).
    let _ = ws.flush().await;
    Ok(tracker.outcome().event())
}

/// The workspace README's Rust examples, compiled and run as doctests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;

/// The Rust examples of the registry, performance and checks documents, likewise.
#[cfg(doctest)]
#[doc = include_str!("../../REGISTRY.md")]
#[doc = include_str!("../../PERFORMANCE.md")]
#[doc = include_str!("../../CHECKS.md")]
struct DocumentExamples;
