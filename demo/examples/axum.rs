//! closecode with axum 0.8: an axum WebSocket route closes with an application code; a
//! tokio-tungstenite client on 127.0.0.1 reports the `CloseEvent` a browser would. Both receive
//! loops hand every item to their stack's close tracker; neither keeps any close state of its
//! own. `cargo run -p closecode-demo --example axum`

use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use closecode_core::stacks::{axum_0_8, tungstenite_0_30};
use closecode_core::{CloseOutcome, ClosePayload, Ending};
use closecode_demo::ChatClose;
use futures_util::StreamExt;
use std::sync::mpsc::{Sender, channel};

async fn chat(mut socket: WebSocket, report: Sender<CloseOutcome>) {
    let mut tracker = axum_0_8::Tracker::new();
    // `close` gives axum's own Close message, with `encode()`'s checks, and records it.
    if let Ok(close) = tracker.close(&ClosePayload::new(ChatClose::RoomGone, "room #rust deleted")) {
        let _ = socket.send(close).await;
    }
    while tracker.track(socket.recv().await).is_some() {}
    let _ = report.send(tracker.outcome());
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (report, outcomes) = channel();
    let app = axum::Router::new().route(
        "/chat",
        axum::routing::get(|ws: WebSocketUpgrade| async move { ws.on_upgrade(move |socket| chat(socket, report)) }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await });

    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
    let mut tracker = tungstenite_0_30::Tracker::new();
    while tracker.track(ws.next().await).is_some() {}
    let client = tracker.outcome();
    // The server reported before it dropped the connection, which ended the client's stream.
    let server = outcomes.try_recv()?;

    println!("axum: the server logs  {}", server.describe::<ChatClose>());
    println!("axum: the client logs  {}", client.describe::<ChatClose>());
    let event = client.event();
    println!("axum: onclose {} {:?} wasClean={}", event.describe::<ChatClose>(), event.reason(), event.was_clean());
    assert_eq!((server.ending, client.ending), (Ending::WeClosed, Ending::PeerClosed));
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::RoomGone));
    Ok(())
}
