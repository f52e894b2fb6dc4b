//! The same-ending table (`support/endings.rs`) on fastwebsockets 0.10 with
//! `closecode_core::stacks::fastwebsockets_0_10::Tracker`, over real loopback connections, in
//! both of its modes: auto-close on (fastwebsockets answers the peer's Close) and off (the
//! application answers with `tracker.answer()`).

mod support;

use closecode_core::stacks::fastwebsockets_0_10::Tracker;
use closecode_core::{CloseOutcome, ClosePayload, Policy};
use fastwebsockets::{OpCode, Role, WebSocket};
use std::sync::mpsc::{Sender, channel};
use support::endings::{CLOSE_TIMEOUT, check_table};

async fn serve(listener: std::net::TcpListener, report: Sender<CloseOutcome>, auto_close: bool) {
    listener.set_nonblocking(true).unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    while let Ok((mut stream, _)) = listener.accept().await {
        let report = report.clone();
        tokio::spawn(async move {
            if closecode_demo::handshake::read_and_accept(&mut stream).await.is_err() {
                return;
            }
            let mut ws = WebSocket::after_handshake(stream, Role::Server);
            ws.set_auto_close(auto_close);
            let mut tracker = if auto_close { Tracker::new() } else { Tracker::new().answering(Policy::Strict) };
            let mut closing = false;
            loop {
                let item = if closing {
                    let Ok(item) = tokio::time::timeout(CLOSE_TIMEOUT, ws.read_frame()).await else {
                        tracker.timed_out();
                        break;
                    };
                    item
                } else {
                    ws.read_frame().await
                };
                let Some(frame) = tracker.track(item) else { break };
                if frame.opcode == OpCode::Text && &frame.payload[..] == b"close" {
                    let close = tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
                    let _ = ws.write_frame(close).await;
                    closing = true;
                }
            }
            if let Some(answer) = tracker.answer() {
                let _ = ws.write_frame(answer).await;
            }
            let _ = report.send(tracker.outcome());
        });
    }
}

fn table(stack: &str, auto_close: bool) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (report, outcomes) = channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(serve(listener, report, auto_close));
    });
    check_table(stack, addr, &outcomes, 3);
}

#[test]
fn the_application_answering_gives_the_tables_outcome() {
    table("fastwebsockets 0.10, auto-close off", false);
}

#[test]
fn auto_close_gives_the_tables_outcome() {
    table("fastwebsockets 0.10, auto-close on", true);
}
