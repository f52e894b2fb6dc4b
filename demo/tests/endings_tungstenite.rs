//! The same-ending table (`support/endings.rs`) on tokio-tungstenite 0.30 and 0.29 with
//! `closecode_core::stacks::tungstenite_0_30::Tracker` and `tungstenite_0_29::Tracker`, over
//! real loopback connections: one server text, written once for both versions.

mod support;

use closecode_core::CloseOutcome;
use std::sync::mpsc::{Sender, channel};
use support::endings::check_table;

macro_rules! server {
    ($version:ident, $tokio_tungstenite:ident) => {
        mod $version {
            use super::support::endings::CLOSE_TIMEOUT;
            use closecode_core::stacks::$version::Tracker;
            use closecode_core::{CloseOutcome, ClosePayload};
            use futures_util::{SinkExt, StreamExt};
            use std::sync::mpsc::Sender;
            use $tokio_tungstenite::tungstenite::Message;

            pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<CloseOutcome>) {
                listener.set_nonblocking(true).unwrap();
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                while let Ok((stream, _)) = listener.accept().await {
                    let report = report.clone();
                    tokio::spawn(async move {
                        let Ok(mut ws) = $tokio_tungstenite::accept_async(stream).await else { return };
                        let mut tracker = Tracker::new();
                        let mut closing = false;
                        loop {
                            let item = if closing {
                                match tokio::time::timeout(CLOSE_TIMEOUT, ws.next()).await {
                                    Ok(item) => item,
                                    Err(_) => {
                                        tracker.timed_out();
                                        break;
                                    }
                                }
                            } else {
                                ws.next().await
                            };
                            let Some(message) = tracker.track(item) else { break };
                            if message == Message::text("close") {
                                let close = tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
                                let _ = ws.send(close).await;
                                closing = true;
                            }
                        }
                        let _ = report.send(tracker.outcome());
                    });
                }
            }
        }
    };
}

server!(tungstenite_0_30, tokio_tungstenite);
server!(tungstenite_0_29, tokio_tungstenite_0_29);

fn run<F: Future<Output = ()> + Send + 'static>(
    stack: &str,
    serve: fn(std::net::TcpListener, Sender<CloseOutcome>) -> F,
) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (report, outcomes) = channel();
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(serve(listener, report));
    });
    check_table(stack, addr, &outcomes, 3);
}

#[test]
fn tokio_tungstenite_0_30_gives_the_tables_outcome_for_every_way_of_ending() {
    run("tokio-tungstenite 0.30", tungstenite_0_30::serve);
}

#[test]
fn tokio_tungstenite_0_29_gives_the_tables_outcome_for_every_way_of_ending() {
    run("tokio-tungstenite 0.29", tungstenite_0_29::serve);
}
