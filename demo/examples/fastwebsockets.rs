//! closecode with fastwebsockets 0.10, both ends on 127.0.0.1. fastwebsockets' auto-close
//! refuses 1014 Bad Gateway (its table files it as `Bad`); with auto-close off the application
//! owns the closing handshake, and `CloseResponse` reports 1014 as sent and echoes it.
//! `cargo run -p closecode-demo --example fastwebsockets`

use closecode_core::{CloseCode, ClosePayload, CloseResponse, Policy};
use fastwebsockets::{OpCode, Role, WebSocket};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let server = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await?;
        closecode_demo::handshake::read_and_accept(&mut stream).await?;
        let mut ws = WebSocket::after_handshake(stream, Role::Server);
        ws.set_auto_close(false); // the application owns the closing handshake
        loop {
            let frame = ws.read_frame().await?;
            if frame.opcode == OpCode::Close {
                let response = CloseResponse::to(&frame.payload, Policy::Strict);
                ws.write_frame(response.reply_fastwebsockets_frame()).await?;
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
