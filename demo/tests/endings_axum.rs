//! The same-ending table (`support/endings.rs`) on axum 0.8 with
//! `closecode_core::stacks::axum_0_8::Tracker`, over real loopback connections.

mod support;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use closecode_core::stacks::axum_0_8::Tracker;
use closecode_core::{CloseOutcome, ClosePayload};
use std::sync::mpsc::{Sender, channel};
use support::endings::{CLOSE_TIMEOUT, check_table};

async fn serve(listener: std::net::TcpListener, report: Sender<CloseOutcome>) {
    listener.set_nonblocking(true).unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    let app = axum::Router::new().route(
        "/chat",
        axum::routing::get(move |upgrade: WebSocketUpgrade| {
            let report = report.clone();
            async move { upgrade.on_upgrade(move |socket| session(socket, report)) }
        }),
    );
    axum::serve(listener, app).await.unwrap();
}

async fn session(mut socket: WebSocket, report: Sender<CloseOutcome>) {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        let item = if closing {
            let Ok(item) = tokio::time::timeout(CLOSE_TIMEOUT, socket.recv()).await else {
                tracker.timed_out();
                break;
            };
            item
        } else {
            socket.recv().await
        };
        let Some(message) = tracker.track(item) else { break };
        if message == Message::Text("close".into()) {
            let close = tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
            let _ = socket.send(close).await;
            closing = true;
        }
    }
    let _ = report.send(tracker.outcome());
}

#[test]
fn every_way_of_ending_gives_the_tables_outcome() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (report, outcomes) = channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(serve(listener, report));
    });
    check_table("axum 0.8", addr, &outcomes, 3);
}
