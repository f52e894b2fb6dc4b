//! closecode with tokio-websockets 0.13, both ends on 127.0.0.1. tokio-websockets'
//! `Message::close` panics on a reserved code; `to_tokio_websockets` returns an error instead.
//! `cargo run -p closecode-demo --example tokio_websockets`

use closecode_core::{AppCloseCode, CloseCode, CloseEvent, ClosePayload, EncodeError};
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
        // What would panic inside tokio-websockets is an error here.
        assert_eq!(
            ClosePayload::new(CloseCode::NoStatusReceived, "").to_tokio_websockets().err(),
            Some(EncodeError::CodeNotSendable(CloseCode::NoStatusReceived))
        );
        ws.send(ClosePayload::new(ChatClose::Kicked, "spamming the room").to_tokio_websockets()?).await?;
        while let Some(Ok(_)) = ws.next().await {}
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(())
    });

    let uri = format!("ws://{addr}/chat").parse()?;
    let (mut client, _) = ClientBuilder::from_uri(uri).connect().await?;
    let mut event = CloseEvent::stream_ended(None);
    while let Some(message) = client.next().await {
        match message {
            Ok(message) => {
                if let Some(close) = CloseEvent::from_tokio_websockets(&message) {
                    event = close;
                }
            }
            Err(error) => {
                event = CloseEvent::from_tokio_websockets_error(&error, None);
                break;
            }
        }
    }
    server.await?.map_err(|e| e.to_string())?;
    println!(
        "tokio-websockets: onclose {} {:?} wasClean={} reconnect={}",
        event.describe::<ChatClose>(),
        event.reason(),
        event.was_clean(),
        event.reconnect_for::<ChatClose>()
    );
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Kicked));
    assert_eq!(ChatClose::Kicked.reconnect(), closecode_core::Reconnect::Never);
    Ok(())
}
