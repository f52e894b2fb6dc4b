//! The load test (`support/load.rs`) and the graceful shutdown under load on tokio-websockets
//! 0.13 with `closecode_core::stacks::tokio_websockets_0_13::Tracker`.
//!
//! `cargo test -p closecode-demo --test load_tokio_websockets` runs 1,000 connections per test;
//! `CLOSECODE_LOAD_N` sets another count (two descriptors per connection).

mod support;

use closecode_core::stacks::tokio_websockets_0_13::Tracker;
use futures_util::{SinkExt, StreamExt};
use support::load::{Command, Ctx, Profile, Session, check_load, check_shutdown, connections, next};
use tokio_websockets::ServerBuilder;

fn serve(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async move {
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let accept = async {
            while let Ok((stream, _)) = listener.accept().await {
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    let Ok((_request, ws)) = ServerBuilder::new().accept(stream).await else { return };
                    session(ws, ctx.open()).await;
                });
            }
        };
        tokio::select! {
            () = accept => {}
            _ = stop => {}
        }
    });
}

async fn session(mut ws: tokio_websockets::WebSocketStream<tokio::net::TcpStream>, mut session: Session) {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        let item = tokio::select! {
            item = next(closing, ws.next()) => item,
            notice = session.notice(), if !closing => {
                if let Ok(close) = tracker.close(&notice.payload()) {
                    let _ = ws.send(close).await;
                }
                closing = true;
                continue;
            }
        };
        let Some(item) = item else {
            tracker.timed_out();
            break;
        };
        let Some(message) = tracker.track(item) else { break };
        if let Some(text) = message.as_text() {
            match session.command(text) {
                Command::Close(payload) => {
                    if let Ok(close) = tracker.close(&payload) {
                        let _ = ws.send(close).await;
                    }
                    closing = true;
                }
                Command::Drop => break,
                Command::None => {}
            }
        }
    }
    // Writes the Close tokio-websockets queued after a protocol error (see endings_tokio_websockets.rs).
    let _ = ws.flush().await;
    drop(ws);
    session.finish(tracker.outcome());
}

const TOKIO_WEBSOCKETS: Profile = Profile { stack: "tokio-websockets 0.13", echoes_reason: false, hides_answer: false };

#[test]
fn tokio_websockets_under_load() {
    check_load(TOKIO_WEBSOCKETS, serve, connections());
}

#[test]
fn tokio_websockets_graceful_shutdown_under_load() {
    check_shutdown(TOKIO_WEBSOCKETS, serve, connections());
}

/// Handshake faults from a raw peer (`support/faults.rs`): tokio-websockets gives RFC 6455's
/// result for every fault in the table there.
#[test]
fn tokio_websockets_faults() {
    support::faults::check_faults(TOKIO_WEBSOCKETS.stack, serve, &support::faults::documented(&[]));
}
