//! The pieces of the closecode demo, shared by the `chat` binary and the interop tests: the
//! application's close codes, a scripted chat server and a client that turns every ending into
//! a `CloseEvent`.

pub mod handshake;
pub mod web;

use closecode_core::stacks::tokio_websockets_0_13::Tracker;
use closecode_core::{AppCloseCode, CloseCode, CloseEvent, ClosePayload};
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

/// Starts the chat server (tokio-websockets) on an ephemeral port of 127.0.0.1. Each client
/// sends its name as its first message; the server ends the session as `SESSIONS` says for
/// that name.
///
/// # Errors
///
/// When the port cannot be bound.
pub async fn start_server() -> std::io::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let Ok((_request, mut ws)) = ServerBuilder::new().accept(stream).await else { return };
                let mut tracker = Tracker::new();
                let Some(first) = tracker.track(ws.next().await) else { return };
                let ending = SESSIONS.iter().find(|(who, _)| Some(*who) == first.as_text()).map(|(_, e)| *e);
                let close = match ending {
                    Some(Ending::Close(code, reason)) => ClosePayload::new(code, reason),
                    Some(Ending::CloseWithoutStatus) => ClosePayload::NoStatus,
                    Some(Ending::Drop) | None => return, // dropping `ws` closes the TCP stream
                };
                // Every scripted code may be sent; the tracker refuses what may not be.
                if let Ok(close) = tracker.close(&close) {
                    let _ = ws.send(close).await;
                }
                // Finish the closing handshake: read until the client's answer arrives.
                while tracker.track(ws.next().await).is_some() {}
                let _ = ws.flush().await;
            });
        }
    });
    Ok(addr)
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
    // The answer tokio-websockets queued for the server's Close leaves with this flush.
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
