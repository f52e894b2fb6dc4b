//! The same-ending table (`support/endings.rs`) on tokio-websockets 0.13 with
//! `closecode_core::stacks::tokio_websockets_0_13::Tracker`, over real loopback connections.

mod support;

use closecode_core::stacks::tokio_websockets_0_13::Tracker;
use closecode_core::{CloseOutcome, ClosePayload};
use futures_util::{SinkExt, StreamExt};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;
use support::endings::{CLOSE_TIMEOUT, check_table};
use support::wire::{Client, OP_CLOSE, read_frame, write_frame};
use tokio_websockets::ServerBuilder;

async fn serve(listener: std::net::TcpListener, report: Sender<CloseOutcome>, flush: bool) {
    listener.set_nonblocking(true).unwrap();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    while let Ok((stream, _)) = listener.accept().await {
        let report = report.clone();
        tokio::spawn(async move {
            let Ok((_request, mut ws)) = ServerBuilder::new().accept(stream).await else { return };
            let mut tracker = Tracker::new();
            let mut closing = false;
            loop {
                let item = if closing {
                    let Ok(item) = tokio::time::timeout(CLOSE_TIMEOUT, ws.next()).await else {
                        tracker.timed_out();
                        break;
                    };
                    item
                } else {
                    ws.next().await
                };
                let Some(message) = tracker.track(item) else { break };
                if message.as_text() == Some("close") {
                    let close = tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
                    let _ = ws.send(close).await;
                    closing = true;
                }
            }
            if flush {
                // Writes the Close tokio-websockets queued after a protocol error.
                let _ = ws.flush().await;
            }
            let _ = report.send(tracker.outcome());
        });
    }
}

fn start(flush: bool) -> (std::net::SocketAddr, Receiver<CloseOutcome>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (report, outcomes) = channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(serve(listener, report, flush));
    });
    (addr, outcomes)
}

#[test]
fn every_way_of_ending_gives_the_tables_outcome() {
    let (addr, outcomes) = start(true);
    check_table("tokio-websockets 0.13", addr, &outcomes, 3);
}

/// The Close tokio-websockets queues on a protocol error goes out only through the flush
/// after the loop: without it the peer gets no Close at all.
#[test]
fn the_flush_after_the_loop_sends_the_queued_1002() {
    for flush in [true, false] {
        let (addr, outcomes) = start(flush);
        let mut client = Client::connect(addr).unwrap();
        let stream = client.stream();
        write_frame(stream, 0x3, b"?", true).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let seen = read_frame(stream).ok();
        let outcome = outcomes.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(outcome.to_string(), r#"protocol error: the connection failed (we sent 1002 "invalid opcode")"#);
        if flush {
            assert_eq!(seen, Some((OP_CLOSE, b"\x03\xEAinvalid opcode".to_vec())));
        } else {
            assert_eq!(seen, None, "without the flush the queued Close is dropped with the stream");
        }
    }
}
