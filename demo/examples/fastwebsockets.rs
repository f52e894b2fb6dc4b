//! closecode with fastwebsockets 0.10, both ends on 127.0.0.1: an axum route upgraded by
//! fastwebsockets (its `IncomingUpgrade` extractor). fastwebsockets' auto-close refuses 1014
//! Bad Gateway (its table files it as `Bad`), and axum's own `WebSocket` turns it into 1002;
//! with auto-close off the close tracker checks the peer's Close, reports 1014 as sent and
//! gives the answer that echoes it.
//! `cargo run -p closecode-demo --example fastwebsockets`

use closecode_core::stacks::{fastwebsockets_0_10, tungstenite_0_30};
use closecode_core::{CloseCode, CloseOutcome, ClosePayload, Policy};
use fastwebsockets::WebSocketError;
use fastwebsockets::upgrade::{IncomingUpgrade, UpgradeFut};
use futures_util::SinkExt;
use std::sync::mpsc;

/// One WebSocket session on the route: the application owns the closing handshake.
async fn session(socket: UpgradeFut) -> Result<CloseOutcome, WebSocketError> {
    let mut ws = socket.await?;
    ws.set_auto_close(false);
    let mut tracker = fastwebsockets_0_10::Tracker::new().answering(Policy::Strict);
    while tracker.track(ws.read_frame().await).is_some() {}
    if let Some(answer) = tracker.answer() {
        ws.write_frame(answer).await?;
    }
    Ok(tracker.outcome())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let (sessions, session_ended) = mpsc::channel();
    let route = move |upgrade: IncomingUpgrade| {
        let (response, socket) = upgrade.upgrade().expect("fastwebsockets builds the 101 response");
        let _ = sessions.send(tokio::spawn(session(socket)));
        async { response }
    };
    let app = axum::Router::new().route("/chat", axum::routing::get(route));
    tokio::spawn(async move { axum::serve(listener, app).await });

    // A gateway client whose upstream failed closes with 1014.
    let stream = tokio::net::TcpStream::connect(addr).await?;
    let (mut client, _) = tokio_tungstenite::client_async(format!("ws://{addr}/chat"), stream).await?;
    let close =
        tungstenite_0_30::Tracker::new().close(&ClosePayload::new(CloseCode::BadGateway, "upstream unreachable"))?;
    client.send(close).await?;

    // The route spawned the session before answering the upgrade the client just completed.
    let outcome = session_ended.recv()?.await??;
    let event = outcome.event();
    println!(
        "fastwebsockets: server's onclose {} {:?} wasClean={}",
        event.close_code(),
        event.reason(),
        event.was_clean()
    );
    println!("fastwebsockets: {outcome}");
    assert_eq!((event.code(), event.was_clean()), (1014, true));
    assert_eq!(outcome.sent.and_then(|answer| answer.code), Some(CloseCode::BadGateway));
    Ok(())
}
