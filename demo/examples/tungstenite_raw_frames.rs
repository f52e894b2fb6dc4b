//! A gateway on tungstenite 0.30 that must see a peer's 1014 Bad Gateway. tungstenite's
//! `Message::Close` hands the application 1002 "Protocol violation" for it (its code table
//! predates the registration), so this server reads raw frames with `FrameSocket` and lets
//! closecode answer the Close: the event reports 1014 and the reply echoes it.
//! `cargo run -p closecode-demo --example tungstenite_raw_frames`

use closecode_core::{CloseCode, CloseEvent, ClosePayload, CloseResponse, Policy};
use std::net::{TcpListener, TcpStream};
use tungstenite::Message;
use tungstenite::protocol::frame::FrameSocket;

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Reads frames until a Close, answers it as RFC 6455 section 5.5.1 says, and returns the
/// event the application reports.
fn serve_one(listener: &TcpListener) -> Result<CloseEvent, Error> {
    let (stream, _) = listener.accept()?;
    // The client speaks only after the 101, so the handshake buffered no frame.
    let mut frames = FrameSocket::new(tungstenite::accept(stream)?.into_inner());
    while let Some(frame) = frames.read(None)? {
        // `None` for any frame but a Close; a client's masked payload is unmasked inside.
        if let Some(response) = CloseResponse::from_tungstenite_frame(&frame, Policy::Strict) {
            frames.send(response.reply_tungstenite_frame())?;
            // The server closes the TCP connection first (RFC 6455 section 7.1.1): drop it.
            return Ok(response.event);
        }
    }
    Ok(CloseEvent::stream_ended(None))
}

fn main() -> Result<(), Error> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = std::thread::spawn(move || serve_one(&listener));

    // An upstream peer that reports its own upstream failure with 1014, through tungstenite.
    let (mut ws, _) = tungstenite::client(format!("ws://{addr}/"), TcpStream::connect(addr)?)?;
    ws.close(ClosePayload::new(CloseCode::BadGateway, "upstream down").to_tungstenite()?)?;
    let mut received = None;
    let client_event = loop {
        match ws.read() {
            // tungstenite's `Message::Close` for the echo of a Close this side started.
            Ok(Message::Close(frame)) => received = frame,
            Ok(_) => {}
            // ConnectionClosed once the closing handshake is complete, an I/O error otherwise.
            Err(error) => break CloseEvent::from_tungstenite_error(&error, received.as_ref()),
        }
    };
    let event = server.join().map_err(|_| "the server thread panicked")??;
    println!(
        "tungstenite raw frames: the server's onclose {} {:?} wasClean={}",
        event.close_code(),
        event.reason(),
        event.was_clean()
    );
    assert_eq!((event.close_code(), event.reason(), event.was_clean()), (CloseCode::BadGateway, "upstream down", true));
    println!(
        "tungstenite raw frames: the client's onclose {} wasClean={}",
        client_event.close_code(),
        client_event.was_clean()
    );
    // tungstenite rewrites a Close it did not start; the echo of its own reaches it unchanged.
    assert_eq!((client_event.close_code(), client_event.was_clean()), (CloseCode::BadGateway, true));
    Ok(())
}
