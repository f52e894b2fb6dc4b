//! closecode with axum 0.8: an axum WebSocket route closes with an application code; a
//! tokio-tungstenite client on 127.0.0.1 reports the `CloseEvent`.
//! `cargo run -p closecode-demo --example axum`

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use closecode_core::{CloseEvent, ClosePayload};
use closecode_demo::ChatClose;
use futures_util::StreamExt;

async fn chat(mut socket: WebSocket) {
    // `to_axum` gives axum's own CloseFrame, with `encode()`'s checks.
    if let Ok(frame) = ClosePayload::new(ChatClose::RoomGone, "room #rust deleted").to_axum() {
        let _ = socket.send(Message::Close(frame)).await;
    }
    while let Some(Ok(_)) = socket.recv().await {}
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let app = axum::Router::new()
        .route("/chat", axum::routing::get(|ws: WebSocketUpgrade| async move { ws.on_upgrade(chat) }));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
    let mut event = CloseEvent::stream_ended(None);
    while let Some(message) = ws.next().await {
        if let Ok(tokio_tungstenite::tungstenite::Message::Close(frame)) = message {
            event = CloseEvent::from_tungstenite(frame.as_ref());
        }
    }
    println!("axum: onclose {} {:?} wasClean={}", event.describe::<ChatClose>(), event.reason(), event.was_clean());
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::RoomGone));
    Ok(())
}
