//! closecode with tokio-tungstenite 0.30, both ends on 127.0.0.1: the server closes with an
//! application code, the client reports the `CloseEvent` a browser would.
//! `cargo run -p closecode-demo --example tungstenite`

use closecode_core::{AppCloseCode, CloseEvent, CloseOutcome, ClosePayload};
use closecode_demo::ChatClose;
use futures_util::StreamExt;
use tokio_tungstenite::tungstenite::Message;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (stream, _) = listener.accept().await?;
        let mut ws = tokio_tungstenite::accept_async(stream).await?;
        // `to_tungstenite` refuses what may not be sent (1005, a 124-byte reason, ...).
        let close = ClosePayload::new(ChatClose::Kicked, "spamming the room").to_tungstenite()?;
        ws.close(close).await?;
        while let Some(Ok(_)) = ws.next().await {}
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
    });

    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
    let mut received = None;
    let event = loop {
        match ws.next().await {
            Some(Ok(Message::Close(frame))) => {
                // tungstenite answers the Close itself, echoing it: one log line for the ending.
                let payload = ClosePayload::from_tungstenite(frame.as_ref());
                let outcome = CloseOutcome::peer_closed(&payload, Some(&payload));
                println!("tungstenite: {}", outcome.describe::<ChatClose>());
                received = Some(CloseEvent::from_tungstenite(frame.as_ref()));
            }
            Some(Ok(_)) => {}
            // After the closing handshake tungstenite ends the stream (or reports ConnectionClosed).
            Some(Err(error)) => break received.unwrap_or_else(|| CloseEvent::from_tungstenite_error(&error, None)),
            None => break received.unwrap_or_else(|| CloseEvent::stream_ended(None)),
        }
    };
    server.await?.map_err(|e| e.to_string())?;
    println!(
        "tungstenite: onclose {} {:?} wasClean={}",
        event.describe::<ChatClose>(),
        event.reason(),
        event.was_clean()
    );
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Kicked));
    assert_eq!(event.reconnect_for::<ChatClose>(), ChatClose::Kicked.reconnect());
    Ok(())
}
