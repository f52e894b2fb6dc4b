//! closecode with tokio-websockets 0.13, both ends on 127.0.0.1, each following its connection
//! with the close tracker. tokio-websockets' `Message::close` panics on a reserved code; the
//! tracker's `close` returns an error instead. After the loop, `ws.flush()` writes the Close
//! tokio-websockets queues on a protocol error (it would be lost with the stream otherwise).
//! `cargo run -p closecode-demo --example tokio_websockets`

use closecode_core::stacks::tokio_websockets_0_13::Tracker;
use closecode_core::{AppCloseCode, CloseCode, ClosePayload, EncodeError, Ending, Reconnect};
use closecode_demo::ChatClose;
use futures_util::{SinkExt, StreamExt};
use tokio_websockets::{ClientBuilder, ServerBuilder};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await?;
        let (_request, mut ws) = ServerBuilder::new().accept(stream).await?;
        let mut tracker = Tracker::new();
        // What would panic inside tokio-websockets is an error here.
        assert_eq!(
            tracker.close(&ClosePayload::new(CloseCode::NoStatusReceived, "")).err(),
            Some(EncodeError::CodeNotSendable(CloseCode::NoStatusReceived))
        );
        ws.send(tracker.close(&ClosePayload::new(ChatClose::Kicked, "spamming the room"))?).await?;
        while tracker.track(ws.next().await).is_some() {}
        let _ = ws.flush().await;
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(tracker.outcome())
    });

    let uri = format!("ws://{addr}/chat").parse()?;
    let (mut client, _) = ClientBuilder::from_uri(uri).connect().await?;
    let mut tracker = Tracker::new();
    while tracker.track(client.next().await).is_some() {}
    let _ = client.flush().await;
    let outcome = tracker.outcome();
    let event = outcome.event();
    let server_outcome = server.await?.map_err(|e| e.to_string())?;
    println!(
        "tokio-websockets: onclose {} {:?} wasClean={} reconnect={}",
        event.describe::<ChatClose>(),
        event.reason(),
        event.was_clean(),
        event.reconnect_for::<ChatClose>()
    );
    println!("tokio-websockets client: {}", outcome.describe::<ChatClose>());
    println!("tokio-websockets server: {}", server_outcome.describe::<ChatClose>());
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Kicked));
    assert_eq!((outcome.ending, server_outcome.ending), (Ending::PeerClosed, Ending::WeClosed));
    assert_eq!(ChatClose::Kicked.reconnect(), Reconnect::Never);
    Ok(())
}
