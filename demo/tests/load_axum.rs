//! The load test (`support/load.rs`) and the graceful shutdown under load on axum 0.8 with
//! `closecode_core::stacks::axum_0_8::Tracker`.
//!
//! `cargo test -p closecode-demo --test load_axum` runs 1,000 connections per test;
//! `CLOSECODE_LOAD_N` sets another count (two descriptors per connection).

mod support;

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use closecode_core::stacks::axum_0_8::Tracker;
use support::load::{Command, Ctx, Profile, Session, check_load, check_shutdown, connections, next};

fn serve(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async move {
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let app = axum::Router::new().route(
            "/chat",
            axum::routing::get(move |upgrade: WebSocketUpgrade| {
                let ctx = ctx.clone();
                async move { upgrade.on_upgrade(move |socket| session(socket, ctx.open())) }
            }),
        );
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = stop.await;
            })
            .await;
    });
}

async fn session(mut socket: WebSocket, mut session: Session) {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        let item = tokio::select! {
            item = next(closing, socket.recv()) => item,
            notice = session.notice(), if !closing => {
                if let Ok(close) = tracker.close(&notice.payload()) {
                    let _ = socket.send(close).await;
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
        if let Message::Text(text) = &message {
            match session.command(text.as_str()) {
                Command::Close(payload) => {
                    if let Ok(close) = tracker.close(&payload) {
                        let _ = socket.send(close).await;
                    }
                    closing = true;
                }
                Command::Drop => break,
                Command::None => {}
            }
        }
    }
    drop(socket);
    session.finish(tracker.outcome());
}

const AXUM: Profile = Profile { stack: "axum 0.8", echoes_reason: true, hides_answer: false };

#[test]
fn axum_under_load() {
    check_load(AXUM, serve, connections());
}

#[test]
fn axum_graceful_shutdown_under_load() {
    check_shutdown(AXUM, serve, connections());
}

/// Handshake faults from a raw peer (`support/faults.rs`): axum gives RFC 6455's result for
/// every fault in the table there.
#[test]
fn axum_faults() {
    support::faults::check_faults(AXUM.stack, serve, &support::faults::documented(&[]));
}
