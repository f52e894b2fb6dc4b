//! The load test (`support/load.rs`) and the graceful shutdown under load on fastwebsockets
//! 0.10 with `closecode_core::stacks::fastwebsockets_0_10::Tracker`, auto-close on
//! (fastwebsockets answers, echoing the whole body) and off (the application answers with
//! `tracker.answer()`, the code only).
//!
//! `ws.read_frame()` is not documented as cancel-safe; the shutdown `select!` drops it only
//! while the clients are idle (no frame half read).
//!
//! `cargo test -p closecode-demo --test load_fastwebsockets` runs 1,000 connections per test;
//! `CLOSECODE_LOAD_N` sets another count (two descriptors per connection).

mod support;

use closecode_core::Policy;
use closecode_core::stacks::fastwebsockets_0_10::Tracker;
use fastwebsockets::{OpCode, Role, WebSocket};
use support::load::{Command, Ctx, Profile, Session, check_load, check_shutdown, connections, next};

fn serve(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>, auto_close: bool) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(async move {
        listener.set_nonblocking(true).expect("non-blocking");
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        let accept = async {
            while let Ok((mut stream, _)) = listener.accept().await {
                let ctx = ctx.clone();
                tokio::spawn(async move {
                    if closecode_demo::handshake::read_and_accept(&mut stream).await.is_err() {
                        return;
                    }
                    let mut ws = WebSocket::after_handshake(stream, Role::Server);
                    ws.set_auto_close(auto_close);
                    session(ws, ctx.open(), auto_close).await;
                });
            }
        };
        tokio::select! {
            () = accept => {}
            _ = stop => {}
        }
    });
}

fn serve_auto(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
    serve(listener, ctx, stop, true);
}

fn serve_answering(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
    serve(listener, ctx, stop, false);
}

async fn session(mut ws: WebSocket<tokio::net::TcpStream>, mut session: Session, auto_close: bool) {
    let mut tracker = if auto_close { Tracker::new() } else { Tracker::new().answering(Policy::Strict) };
    let mut closing = false;
    loop {
        let item = tokio::select! {
            item = next(closing, ws.read_frame()) => item,
            notice = session.notice(), if !closing => {
                if let Ok(close) = tracker.close(&notice.payload()) {
                    let _ = ws.write_frame(close).await;
                }
                closing = true;
                continue;
            }
        };
        let Some(item) = item else {
            tracker.timed_out();
            break;
        };
        let Some(frame) = tracker.track(item) else { break };
        if frame.opcode == OpCode::Text {
            let command = session.command(std::str::from_utf8(&frame.payload).unwrap_or(""));
            match command {
                Command::Close(payload) => {
                    if let Ok(close) = tracker.close(&payload) {
                        let _ = ws.write_frame(close).await;
                    }
                    closing = true;
                }
                Command::Drop => break,
                Command::None => {}
            }
        }
    }
    if let Some(answer) = tracker.answer() {
        let _ = ws.write_frame(answer).await;
    }
    drop(ws);
    session.finish(tracker.outcome());
}

const AUTO: Profile = Profile { stack: "fastwebsockets 0.10, auto-close on", echoes_reason: true, hides_answer: false };
const ANSWERING: Profile =
    Profile { stack: "fastwebsockets 0.10, auto-close off", echoes_reason: false, hides_answer: false };

#[test]
fn auto_close_under_load() {
    check_load(AUTO, serve_auto, connections());
}

#[test]
fn the_application_answering_under_load() {
    check_load(ANSWERING, serve_answering, connections());
}

#[test]
fn auto_close_graceful_shutdown_under_load() {
    check_shutdown(AUTO, serve_auto, connections());
}

/// Handshake faults from a raw peer (`support/faults.rs`). fastwebsockets never checks the
/// mask bit, and nothing it yields shows it: an unmasked client Close is taken as a Close
/// (RFC 6455 section 5.1 says fail the connection), and an unmasked text frame as a text
/// frame (the fault then sends a masked Close 4001, which is what ends the connection).
const FASTWEBSOCKETS_FAULTS: [support::faults::Documented; 2] = [
    (support::faults::Fault::UnmaskedClose, &[closecode_core::Ending::PeerClosed], 4001, ""),
    (support::faults::Fault::UnmaskedText, &[closecode_core::Ending::PeerClosed], 4001, ""),
];

#[test]
fn auto_close_faults() {
    support::faults::check_faults(AUTO.stack, serve_auto, &support::faults::documented(&FASTWEBSOCKETS_FAULTS));
}

#[test]
fn the_application_answering_faults() {
    support::faults::check_faults(
        ANSWERING.stack,
        serve_answering,
        &support::faults::documented(&FASTWEBSOCKETS_FAULTS),
    );
}
