//! closecode with fastwebsockets 0.10, both ends on 127.0.0.1. fastwebsockets' auto-close
//! refuses 1014 Bad Gateway (its table files it as `Bad`); with auto-close off the application
//! owns the closing handshake, and `CloseResponse` reports 1014 as sent and echoes it.
//! `cargo run -p closecode-demo --example fastwebsockets`

use closecode_core::{CloseCode, ClosePayload, CloseResponse, Policy};
use fastwebsockets::{OpCode, Role, WebSocket};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The smallest server handshake: read the request head, answer 101 with the accept key.
async fn handshake(stream: &mut tokio::net::TcpStream) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).await?;
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head);
    let key = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().starts_with("sec-websocket-key:").then(|| l[18..].trim().to_string()))
        .unwrap_or_default();
    let accept = tokio_tungstenite::tungstenite::handshake::derive_accept_key(key.as_bytes());
    let response = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    stream.write_all(response.as_bytes()).await
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await?;
        handshake(&mut stream).await?;
        let mut ws = WebSocket::after_handshake(stream, Role::Server);
        ws.set_auto_close(false); // the application owns the closing handshake
        loop {
            let frame = ws.read_frame().await?;
            if frame.opcode == OpCode::Close {
                let response = CloseResponse::to(&frame.payload, Policy::Strict);
                ws.write_frame(response.reply_frame()).await?;
                return Ok::<_, Box<dyn std::error::Error + Send + Sync>>(response);
            }
        }
    });

    // A gateway client whose upstream failed closes with 1014, through closecode's adapter.
    let stream = tokio::net::TcpStream::connect(addr).await?;
    let (mut client, _) = tokio_tungstenite::client_async(format!("ws://{addr}/"), stream).await?;
    let close = ClosePayload::new(CloseCode::BadGateway, "upstream unreachable").to_tungstenite()?;
    client.close(close).await?;
    let response = server.await?.map_err(|e| e.to_string())?;
    let event = &response.event;
    println!(
        "fastwebsockets: server's onclose {} {:?} wasClean={}",
        event.close_code(),
        event.reason(),
        event.was_clean()
    );
    println!("fastwebsockets: {}", response.outcome());
    assert_eq!((event.code(), event.was_clean()), (1014, true));
    assert_eq!(&response.reply[..], &1014u16.to_be_bytes());
    Ok(())
}
