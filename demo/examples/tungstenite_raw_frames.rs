//! A gateway on tungstenite 0.30 that must see a peer's 1014 Bad Gateway. tungstenite's
//! `Message::Close` hands the application 1002 "Protocol violation" for it (its code table
//! predates the registration), so this server reads raw frames with `FrameSocket` and lets
//! the close tracker answer the Close: the event reports 1014 and the answer echoes it.
//! `cargo run -p closecode-demo --example tungstenite_raw_frames`

use closecode_core::stacks::tungstenite_0_30::Tracker;
use closecode_core::{CloseCode, CloseOutcome, ClosePayload, Ending};
use std::net::{TcpListener, TcpStream};
use tungstenite::protocol::frame::FrameSocket;

type Error = Box<dyn std::error::Error + Send + Sync>;

fn serve_one(listener: &TcpListener) -> Result<CloseOutcome, Error> {
    let (stream, _) = listener.accept()?;
    let mut frames = FrameSocket::new(tungstenite::accept(stream)?.into_inner());
    let mut tracker = Tracker::new();
    while tracker.track_frame(frames.read(None)).is_some() {}
    if let Some(answer) = tracker.answer() {
        frames.send(answer)?;
    }
    Ok(tracker.outcome())
}

fn main() -> Result<(), Error> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let server = std::thread::spawn(move || serve_one(&listener));

    let (mut ws, _) = tungstenite::client(format!("ws://{addr}/"), TcpStream::connect(addr)?)?;
    let mut tracker = Tracker::new();
    ws.send(tracker.close(&ClosePayload::new(CloseCode::BadGateway, "upstream down"))?)?;
    while tracker.track(Some(ws.read())).is_some() {}
    let client = tracker.outcome();
    let server = server.join().map_err(|_| "the server thread panicked")??;

    let event = server.event();
    println!("tungstenite raw frames: the server logs {server}");
    println!(
        "tungstenite raw frames: the server's onclose {} {:?} wasClean={}",
        event.close_code(),
        event.reason(),
        event.was_clean()
    );
    assert_eq!((event.close_code(), event.reason(), event.was_clean()), (CloseCode::BadGateway, "upstream down", true));
    println!("tungstenite raw frames: the client logs {client}");
    assert_eq!(server.ending, Ending::PeerClosed);
    assert_eq!(client.ending, Ending::WeClosed);
    assert_eq!(client.event().close_code(), CloseCode::BadGateway);
    Ok(())
}
