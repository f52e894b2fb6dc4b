//! The load test (`support/load.rs`) and the graceful shutdown under load on tokio-tungstenite
//! 0.30 and 0.29 with `closecode_core::stacks::tungstenite_0_30::Tracker` and
//! `tungstenite_0_29::Tracker`: one server text, written once for both versions.
//!
//! `cargo test -p closecode-demo --test load_tungstenite` runs 1,000 connections per test;
//! `CLOSECODE_LOAD_N=10000` sets another count (the process needs two descriptors per
//! connection: 10,000 needs `ulimit -n` above 20,100).

mod support;

use support::load::{Profile, check_load, check_shutdown, connections};

macro_rules! server {
    ($version:ident, $tokio_tungstenite:ident) => {
        mod $version {
            use super::support::load::{Command, Ctx, Session, next};
            use closecode_core::stacks::$version::Tracker;
            use futures_util::{SinkExt, StreamExt};
            use $tokio_tungstenite::tungstenite::Message;

            pub(super) fn serve(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
                runtime.block_on(async move {
                    listener.set_nonblocking(true).expect("non-blocking");
                    let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
                    let accept = async {
                        while let Ok((stream, _)) = listener.accept().await {
                            let ctx = ctx.clone();
                            tokio::spawn(async move {
                                let Ok(ws) = $tokio_tungstenite::accept_async(stream).await else { return };
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

            async fn session(mut ws: $tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>, mut session: Session) {
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
                    if let Message::Text(text) = &message {
                        match session.command(text.as_str()) {
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
                drop(ws);
                session.finish(tracker.outcome());
            }
        }
    };
}

server!(tungstenite_0_30, tokio_tungstenite);
server!(tungstenite_0_29, tokio_tungstenite_0_29);

const V30: Profile = Profile { stack: "tokio-tungstenite 0.30", echoes_reason: true, hides_answer: false };
const V29: Profile = Profile { stack: "tokio-tungstenite 0.29", echoes_reason: true, hides_answer: false };

#[test]
fn tokio_tungstenite_0_30_under_load() {
    check_load(V30, tungstenite_0_30::serve, connections());
}

#[test]
fn tokio_tungstenite_0_29_under_load() {
    check_load(V29, tungstenite_0_29::serve, connections());
}

#[test]
fn tokio_tungstenite_0_30_graceful_shutdown_under_load() {
    check_shutdown(V30, tungstenite_0_30::serve, connections());
}

#[test]
fn tokio_tungstenite_0_29_graceful_shutdown_under_load() {
    check_shutdown(V29, tungstenite_0_29::serve, connections());
}

/// Handshake faults from a raw peer (`support/faults.rs`): tokio-tungstenite gives RFC 6455's
/// result for every fault in the table there.
#[test]
fn tokio_tungstenite_0_30_faults() {
    support::faults::check_faults(V30.stack, tungstenite_0_30::serve, &support::faults::documented(&[]));
}

/// As for 0.30.
#[test]
fn tokio_tungstenite_0_29_faults() {
    support::faults::check_faults(V29.stack, tungstenite_0_29::serve, &support::faults::documented(&[]));
}
