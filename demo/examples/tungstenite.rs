//! closecode with tokio-tungstenite 0.30, both ends on 127.0.0.1: the server closes with an
//! application code, the client reports the `CloseEvent` a browser would. Both receive loops
//! hand every item to a close tracker; neither keeps any close state of its own.
//! `cargo run -p closecode-demo --example tungstenite`

use closecode_core::stacks::tungstenite_0_30::Tracker;
use closecode_core::{AppCloseCode, ClosePayload, Ending};
use closecode_demo::ChatClose;
use futures_util::{SinkExt, StreamExt};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await?;
        let mut ws = tokio_tungstenite::accept_async(stream).await?;
        let mut tracker = Tracker::new();
        // `close` refuses what may not be sent (1005, a 124-byte reason, ...) and records it.
        ws.send(tracker.close(&ClosePayload::new(ChatClose::Kicked, "spamming the room"))?).await?;
        while tracker.track(ws.next().await).is_some() {}
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(tracker.outcome())
    });

    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
    let mut tracker = Tracker::new();
    while tracker.track(ws.next().await).is_some() {}
    let client = tracker.outcome();
    let server = server.await?.map_err(|e| e.to_string())?;

    println!("tungstenite: the server logs  {}", server.describe::<ChatClose>());
    println!("tungstenite: the client logs  {}", client.describe::<ChatClose>());
    let event = client.event();
    println!(
        "tungstenite: onclose {} {:?} wasClean={}",
        event.describe::<ChatClose>(),
        event.reason(),
        event.was_clean()
    );
    assert_eq!((server.ending, client.ending), (Ending::WeClosed, Ending::PeerClosed));
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Kicked));
    assert!(event.was_clean());
    assert_eq!(event.reconnect_for::<ChatClose>(), ChatClose::Kicked.reconnect());
    Ok(())
}
