//! What each Rust WebSocket stack really does with close codes, measured over real loopback
//! connections: a raw RFC 6455 client (`support::wire`) sends each Close to a server built on
//! the stack and records what the application saw and what came back on the wire; then asks
//! the server to send each code through the stack's own API and records what arrived. The
//! expected tables are the README's "What each stack does" table: if a stack changes, this
//! test fails and the README must change with it.

mod support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;
use support::wire::{Client, OP_CLOSE, read_frame, write_frame};

/// The codes whose receive path the README reports.
const RECEIVE: [u16; 8] = [1004, 1005, 1012, 1013, 1014, 3000, 3003, 4001];
/// The codes whose send path the README reports: the four an endpoint must never send, an
/// unassigned protocol code, an out-of-range code, and two that may be sent.
const SEND: [u16; 8] = [1004, 1005, 1006, 1015, 2000, 5000, 1014, 4001];

/// Reads what a raw client gets next: the code of a Close frame (`None` for an empty one), or
/// the error that ended the wait (the connection closed, or the read timed out).
fn next_close(stream: &mut TcpStream) -> Result<Option<u16>, std::io::Error> {
    loop {
        match read_frame(stream) {
            Ok((OP_CLOSE, payload)) if payload.len() >= 2 => {
                return Ok(Some(u16::from_be_bytes([payload[0], payload[1]])));
            }
            Ok((OP_CLOSE, _)) => return Ok(None),
            Ok(_) => {}
            Err(error) => return Err(error),
        }
    }
}

/// The wire outcome, written as the README writes it.
fn wire(outcome: Result<Option<u16>, std::io::Error>) -> String {
    match outcome {
        Ok(Some(code)) => format!("Close {code}"),
        Ok(None) => "empty Close".to_string(),
        Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
            "nothing within 5 s".to_string()
        }
        Err(_) => "connection dropped".to_string(),
    }
}

/// Sends a Close with `code` to the server and returns (what the application saw, what the
/// stack answered on the wire).
fn receive(addr: SocketAddr, reports: &Receiver<String>, code: u16) -> (String, String) {
    let mut client = Client::connect(addr).unwrap();
    client.send_text("recv").unwrap();
    let stream = client.stream();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut body = code.to_be_bytes().to_vec();
    body.extend_from_slice(b"bye");
    write_frame(stream, OP_CLOSE, &body, true).unwrap();
    let answer = wire(next_close(stream));
    let seen = reports.recv_timeout(Duration::from_secs(5)).unwrap_or_else(|_| "nothing".into());
    (seen, answer)
}

/// Asks the server to send `code` through its stack's API and returns (what the API did,
/// what arrived).
fn send(addr: SocketAddr, reports: &Receiver<String>, code: u16) -> (String, String) {
    let mut client = Client::connect(addr).unwrap();
    client.send_text(&format!("send {code}")).unwrap();
    let stream = client.stream();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let arrived = wire(next_close(stream));
    let did = reports.recv_timeout(Duration::from_secs(5)).unwrap_or_else(|_| "nothing".into());
    (did, arrived)
}

/// The receive and send tables of one stack, one line per code.
fn measure(addr: SocketAddr, reports: &Receiver<String>) -> (Vec<String>, Vec<String>) {
    let received = RECEIVE
        .iter()
        .map(|&code| {
            let (seen, answer) = receive(addr, reports, code);
            format!("{code}: app sees {seen}; stack answers {answer}")
        })
        .collect();
    let sent = SEND
        .iter()
        .map(|&code| {
            let (did, arrived) = send(addr, reports, code);
            format!("{code}: {did}; peer gets {arrived}")
        })
        .collect();
    (received, sent)
}

fn listener() -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    (listener, addr)
}

/// The command a connection starts with: `recv`, or `send CODE`.
enum Command {
    Receive,
    Send(u16),
}

impl Command {
    fn parse(text: &str) -> Option<Command> {
        match text.strip_prefix("send ") {
            Some(code) => code.parse().ok().map(Command::Send),
            None => (text == "recv").then_some(Command::Receive),
        }
    }
}

/// The test's listener, handed to the tokio runtime the server runs on.
fn on_tokio(listener: TcpListener) -> tokio::net::TcpListener {
    listener.set_nonblocking(true).unwrap();
    tokio::net::TcpListener::from_std(listener).unwrap()
}

/// Runs `serve` on a runtime of its own in a background thread.
fn spawn_tokio<F: std::future::Future<Output = ()> + Send + 'static>(serve: F) {
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(serve);
    });
}

mod tungstenite_server {
    use super::{Command, Sender};
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::{Message, protocol::CloseFrame};

    pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        let listener = super::on_tokio(listener);
        while let Ok((stream, _)) = listener.accept().await {
            let report = report.clone();
            tokio::spawn(async move {
                let Ok(mut ws) = tokio_tungstenite::accept_async(stream).await else { return };
                let Some(Ok(Message::Text(text))) = ws.next().await else { return };
                match Command::parse(&text) {
                    Some(Command::Receive) => {
                        let seen = match ws.next().await {
                            Some(Ok(Message::Close(frame))) => {
                                format!("Close {}", frame.map_or(1005, |f| u16::from(f.code)))
                            }
                            Some(Ok(_)) => "another message".into(),
                            Some(Err(_)) => "an error".into(),
                            None => "the stream end".into(),
                        };
                        let _ = report.send(seen);
                    }
                    Some(Command::Send(code)) => {
                        let frame = CloseFrame { code: code.into(), reason: "x".into() };
                        let did = match ws.close(Some(frame)).await {
                            Ok(()) => "sent".to_string(),
                            Err(_) => "refused (error)".to_string(),
                        };
                        let _ = report.send(did);
                    }
                    None => {}
                }
                while let Some(Ok(_)) = ws.next().await {}
            });
        }
    }
}

/// What the application saw, where closecode's tracker answered the Close.
fn seen_by_closecode(outcome: &closecode_core::CloseOutcome) -> String {
    match outcome.ending {
        closecode_core::Ending::ProtocolError => format!("a refused Close (event {})", outcome.event().code()),
        _ => format!("Close {}", outcome.event().code()),
    }
}

/// tungstenite's handshake, then its raw frames (`FrameSocket`) answered by closecode's
/// tracker: the route the README gives for reporting the 1014 that tungstenite's
/// `Message::Close` turns into 1002. One thread per connection, as a blocking server would.
mod tungstenite_raw_server {
    use super::{Command, Sender, seen_by_closecode};
    use closecode_core::ClosePayload;
    use closecode_core::stacks::tungstenite_0_30::Tracker;
    use tungstenite::protocol::frame::{Frame, FrameSocket};

    /// A client's frame payload, unmasked.
    fn unmasked(frame: &Frame) -> Vec<u8> {
        let mask = frame.header().mask.unwrap_or_default();
        frame.payload().iter().enumerate().map(|(i, byte)| byte ^ mask[i % 4]).collect()
    }

    pub(super) fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let report = report.clone();
                std::thread::spawn(move || {
                    // The client speaks only after the 101, so the handshake buffered no frame.
                    let Ok(ws) = tungstenite::accept(stream) else { return };
                    let mut frames = FrameSocket::new(ws.into_inner());
                    let Ok(Some(first)) = frames.read(None) else { return };
                    let mut tracker = Tracker::new();
                    match Command::parse(&String::from_utf8_lossy(&unmasked(&first))) {
                        Some(Command::Receive) => {
                            let seen = match (tracker.track_frame(frames.read(None)), tracker.answer()) {
                                (None, Some(answer)) => {
                                    let _ = frames.send(answer);
                                    seen_by_closecode(&tracker.outcome())
                                }
                                (Some(_), _) => "another message".into(),
                                (None, None) => "the stream end".into(),
                            };
                            let _ = report.send(seen);
                        }
                        Some(Command::Send(code)) => match tracker.close_frame(&ClosePayload::new(code, "x")) {
                            Ok(close) => {
                                let _ = frames.send(close);
                                let _ = report.send("sent".into());
                                let _ = frames.read(None);
                            }
                            // Nothing to send: the connection is dropped.
                            Err(_) => drop(report.send("refused (EncodeError)".into())),
                        },
                        None => {}
                    }
                });
            }
        });
    }
}

mod axum_server {
    use super::{Command, Sender};
    use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};

    pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        let listener = super::on_tokio(listener);
        let app = axum::Router::new().route(
            "/chat",
            axum::routing::get(move |ws: WebSocketUpgrade| {
                let report = report.clone();
                async move { ws.on_upgrade(move |socket| session(socket, report)) }
            }),
        );
        axum::serve(listener, app).await.unwrap();
    }

    async fn session(mut ws: WebSocket, report: Sender<String>) {
        let Some(Ok(Message::Text(text))) = ws.recv().await else { return };
        match Command::parse(&text) {
            Some(Command::Receive) => {
                let seen = match ws.recv().await {
                    Some(Ok(Message::Close(frame))) => format!("Close {}", frame.map_or(1005, |f| f.code)),
                    Some(Ok(_)) => "another message".into(),
                    Some(Err(_)) => "an error".into(),
                    None => "the stream end".into(),
                };
                let _ = report.send(seen);
            }
            Some(Command::Send(code)) => {
                let frame = CloseFrame { code, reason: "x".into() };
                let did = match ws.send(Message::Close(Some(frame))).await {
                    Ok(()) => "sent".to_string(),
                    Err(_) => "refused (error)".to_string(),
                };
                let _ = report.send(did);
            }
            None => {}
        }
        while let Some(Ok(_)) = ws.recv().await {}
    }
}

/// An axum 0.8 route whose upgrade is fastwebsockets' (`IncomingUpgrade`, its `with_axum`
/// feature), with auto-close off and the Close answered by closecode's `CloseResponse`: how an
/// axum server reports the 1014 that axum's own `WebSocket` turns into 1002.
mod axum_fastwebsockets_server {
    use super::{Command, Sender, seen_by_closecode};
    use closecode_core::stacks::fastwebsockets_0_10::Tracker;
    use closecode_core::{ClosePayload, Policy};
    use fastwebsockets::upgrade::{IncomingUpgrade, UpgradeFut};

    pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        let listener = super::on_tokio(listener);
        let app = axum::Router::new().route(
            "/chat",
            axum::routing::get(move |upgrade: IncomingUpgrade| {
                let report = report.clone();
                async move {
                    let (response, socket) = upgrade.upgrade().unwrap();
                    tokio::spawn(session(socket, report));
                    response
                }
            }),
        );
        axum::serve(listener, app).await.unwrap();
    }

    async fn session(socket: UpgradeFut, report: Sender<String>) {
        let Ok(mut ws) = socket.await else { return };
        ws.set_auto_close(false); // the application owns the closing handshake
        let mut tracker = Tracker::new().answering(Policy::Strict);
        let Some(first) = tracker.track(ws.read_frame().await) else { return };
        match Command::parse(&String::from_utf8_lossy(&first.payload)) {
            Some(Command::Receive) => {
                let seen = match (tracker.track(ws.read_frame().await).is_some(), tracker.answer()) {
                    (false, Some(answer)) => {
                        let _ = ws.write_frame(answer).await;
                        seen_by_closecode(&tracker.outcome())
                    }
                    (true, _) => "another message".into(),
                    (false, None) => "the stream end".into(),
                };
                let _ = report.send(seen);
            }
            Some(Command::Send(code)) => match tracker.close(&ClosePayload::new(code, "x")) {
                Ok(frame) => {
                    let _ = ws.write_frame(frame).await;
                    let _ = report.send("sent".into());
                    let _ = ws.read_frame().await;
                }
                // Nothing to send: the connection is dropped.
                Err(_) => drop(report.send("refused (EncodeError)".into())),
            },
            None => {}
        }
    }
}

mod actix_server {
    use super::{Command, Sender};
    use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
    use actix_ws::{CloseCode, CloseReason, Message};

    pub(super) fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                HttpServer::new(move || {
                    App::new().app_data(web::Data::new(report.clone())).route("/chat", web::get().to(upgrade))
                })
                .workers(1)
                .listen(listener)
                .unwrap()
                .run()
                .await
                .unwrap();
            });
        });
    }

    async fn upgrade(
        req: HttpRequest,
        body: web::Payload,
        report: web::Data<Sender<String>>,
    ) -> actix_web::Result<HttpResponse> {
        let (response, session, stream) = actix_ws::handle(&req, body)?;
        actix_web::rt::spawn(run(session, stream, report.get_ref().clone()));
        Ok(response)
    }

    async fn run(session: actix_ws::Session, mut stream: actix_ws::MessageStream, report: Sender<String>) {
        let Some(Ok(Message::Text(text))) = stream.recv().await else { return };
        match Command::parse(&text) {
            Some(Command::Receive) => {
                let seen = match stream.recv().await {
                    Some(Ok(Message::Close(reason))) => {
                        format!("Close {}", reason.map_or(1005, |r| u16::from(r.code)))
                    }
                    Some(Ok(_)) => "another message".into(),
                    Some(Err(_)) => "an error".into(),
                    None => "the stream end".into(),
                };
                let _ = report.send(seen);
                // actix-ws leaves the answer to the application.
                let _ = session.close(None).await;
            }
            Some(Command::Send(code)) => {
                let reason = CloseReason { code: CloseCode::from(code), description: Some("x".into()) };
                let did = match session.close(Some(reason)).await {
                    Ok(()) => "sent".to_string(),
                    Err(_) => "refused (error)".to_string(),
                };
                let _ = report.send(did);
            }
            None => {}
        }
    }
}

mod fastwebsockets_server {
    use super::{Command, Sender};
    use fastwebsockets::{Frame, OpCode, Role, WebSocket};

    pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        let listener = super::on_tokio(listener);
        while let Ok((mut stream, _)) = listener.accept().await {
            let report = report.clone();
            tokio::spawn(async move {
                if closecode_demo::handshake::read_and_accept(&mut stream).await.is_err() {
                    return;
                }
                // Auto-close on, as fastwebsockets defaults to it.
                let mut ws = WebSocket::after_handshake(stream, Role::Server);
                let Ok(first) = ws.read_frame().await else { return };
                let text = String::from_utf8_lossy(&first.payload).into_owned();
                match Command::parse(&text) {
                    Some(Command::Receive) => {
                        let seen = match ws.read_frame().await {
                            Ok(frame) if frame.opcode == OpCode::Close => format!(
                                "Close {}",
                                frame.payload.get(..2).map_or(1005, |b| u16::from_be_bytes([b[0], b[1]]))
                            ),
                            Ok(_) => "another message".into(),
                            Err(_) => "an error".into(),
                        };
                        let _ = report.send(seen);
                    }
                    Some(Command::Send(code)) => {
                        let did = match ws.write_frame(Frame::close(code, b"x")).await {
                            Ok(()) => "sent".to_string(),
                            Err(_) => "refused (error)".to_string(),
                        };
                        let _ = report.send(did);
                        let _ = ws.read_frame().await;
                    }
                    None => {}
                }
            });
        }
    }
}

mod tokio_websockets_server {
    use super::{Command, Sender};
    use futures_util::{SinkExt, StreamExt};
    use tokio_websockets::{CloseCode, Message, ServerBuilder};

    pub(super) async fn serve(listener: std::net::TcpListener, report: Sender<String>) {
        let listener = super::on_tokio(listener);
        while let Ok((stream, _)) = listener.accept().await {
            let report = report.clone();
            tokio::spawn(async move {
                let Ok((_, mut ws)) = ServerBuilder::new().accept(stream).await else { return };
                let Some(Ok(first)) = ws.next().await else { return };
                let text = first.as_text().unwrap_or("").to_string();
                match Command::parse(&text) {
                    Some(Command::Receive) => {
                        let seen = match ws.next().await {
                            Some(Ok(message)) => match message.as_close() {
                                Some((code, _)) if !message.as_payload().is_empty() => {
                                    format!("Close {}", u16::from(code))
                                }
                                Some(_) => "Close 1005".into(),
                                None => "another message".into(),
                            },
                            Some(Err(_)) => "an error".into(),
                            None => "the stream end".into(),
                        };
                        let _ = report.send(seen);
                    }
                    Some(Command::Send(code)) => {
                        let did = match CloseCode::try_from(code) {
                            Err(_) => "cannot express it (CloseCode::try_from fails)".to_string(),
                            Ok(code) => match std::panic::catch_unwind(|| Message::close(Some(code), "x")) {
                                Err(_) => "panics (Message::close asserts)".to_string(),
                                Ok(message) => match ws.send(message).await {
                                    Ok(()) => "sent".to_string(),
                                    Err(_) => "refused (error)".to_string(),
                                },
                            },
                        };
                        let sent = did == "sent";
                        let _ = report.send(did);
                        if !sent {
                            // As when the panic ends the task: the connection is dropped.
                            return;
                        }
                    }
                    None => {}
                }
                while let Some(Ok(_)) = ws.next().await {}
            });
        }
    }
}

/// tokio-websockets' `Message::close` asserts on reserved codes: the measurement catches that
/// panic, and this keeps its message (and only its) out of the test output.
fn quiet_expected_panics() {
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !info.to_string().contains("is_reserved") {
                default(info);
            }
        }));
    });
}

/// Starts the server of `stack` and measures it.
fn measure_stack(stack: &str) -> (Vec<String>, Vec<String>) {
    let (listener, addr) = listener();
    let (report, reports) = channel();
    match stack {
        "tungstenite" => spawn_tokio(tungstenite_server::serve(listener, report)),
        "tungstenite raw + closecode" => tungstenite_raw_server::serve(listener, report),
        "axum" => spawn_tokio(axum_server::serve(listener, report)),
        "axum + fastwebsockets upgrade + closecode" => {
            spawn_tokio(axum_fastwebsockets_server::serve(listener, report));
        }
        "actix-ws" => actix_server::serve(listener, report),
        "fastwebsockets" => spawn_tokio(fastwebsockets_server::serve(listener, report)),
        "tokio-websockets" => {
            quiet_expected_panics();
            spawn_tokio(tokio_websockets_server::serve(listener, report));
        }
        other => panic!("unknown stack {other}"),
    }
    measure(addr, &reports)
}

/// Measured with tungstenite: eight received codes, then eight sent ones.
const TUNGSTENITE: [&str; 16] = [
    "1004: app sees Close 1002; stack answers Close 1002",
    "1005: app sees Close 1002; stack answers Close 1002",
    "1012: app sees Close 1012; stack answers Close 1012",
    "1013: app sees Close 1013; stack answers Close 1013",
    "1014: app sees Close 1002; stack answers Close 1002",
    "3000: app sees Close 3000; stack answers Close 3000",
    "3003: app sees Close 3003; stack answers Close 3003",
    "4001: app sees Close 4001; stack answers Close 4001",
    "1004: sent; peer gets Close 1004",
    "1005: sent; peer gets Close 1005",
    "1006: sent; peer gets Close 1006",
    "1015: sent; peer gets Close 1015",
    "2000: sent; peer gets Close 2000",
    "5000: sent; peer gets Close 5000",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

/// Measured with tungstenite's raw frames answered by closecode (`Policy::Strict`), and the same
/// with an axum route upgraded by fastwebsockets: 1014 is reported and echoed, 1004 and 1005
/// refused with 1002 as RFC 6455 says; nothing that may not be sent leaves.
const CLOSECODE_ANSWERS: [&str; 16] = [
    "1004: app sees a refused Close (event 1006); stack answers Close 1002",
    "1005: app sees a refused Close (event 1006); stack answers Close 1002",
    "1012: app sees Close 1012; stack answers Close 1012",
    "1013: app sees Close 1013; stack answers Close 1013",
    "1014: app sees Close 1014; stack answers Close 1014",
    "3000: app sees Close 3000; stack answers Close 3000",
    "3003: app sees Close 3003; stack answers Close 3003",
    "4001: app sees Close 4001; stack answers Close 4001",
    "1004: refused (EncodeError); peer gets connection dropped",
    "1005: refused (EncodeError); peer gets connection dropped",
    "1006: refused (EncodeError); peer gets connection dropped",
    "1015: refused (EncodeError); peer gets connection dropped",
    "2000: refused (EncodeError); peer gets connection dropped",
    "5000: refused (EncodeError); peer gets connection dropped",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

/// Measured with axum: eight received codes, then eight sent ones.
const AXUM: [&str; 16] = [
    "1004: app sees Close 1002; stack answers Close 1002",
    "1005: app sees Close 1002; stack answers Close 1002",
    "1012: app sees Close 1012; stack answers Close 1012",
    "1013: app sees Close 1013; stack answers Close 1013",
    "1014: app sees Close 1002; stack answers Close 1002",
    "3000: app sees Close 3000; stack answers Close 3000",
    "3003: app sees Close 3003; stack answers Close 3003",
    "4001: app sees Close 4001; stack answers Close 4001",
    "1004: sent; peer gets Close 1004",
    "1005: sent; peer gets Close 1005",
    "1006: sent; peer gets Close 1006",
    "1015: sent; peer gets Close 1015",
    "2000: sent; peer gets Close 2000",
    "5000: sent; peer gets Close 5000",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

/// Measured with actix-ws: eight received codes, then eight sent ones.
const ACTIX_WS: [&str; 16] = [
    "1004: app sees an error; stack answers empty Close",
    "1005: app sees an error; stack answers empty Close",
    "1012: app sees Close 1012; stack answers empty Close",
    "1013: app sees Close 1013; stack answers empty Close",
    "1014: app sees Close 1014; stack answers empty Close",
    "3000: app sees Close 3000; stack answers empty Close",
    "3003: app sees Close 3003; stack answers empty Close",
    "4001: app sees Close 4001; stack answers empty Close",
    "1004: sent; peer gets Close 1004",
    "1005: sent; peer gets Close 1005",
    "1006: sent; peer gets Close 1006",
    "1015: sent; peer gets Close 1015",
    "2000: sent; peer gets Close 2000",
    "5000: sent; peer gets Close 5000",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

/// Measured with fastwebsockets: eight received codes, then eight sent ones.
const FASTWEBSOCKETS: [&str; 16] = [
    "1004: app sees an error; stack answers Close 1002",
    "1005: app sees an error; stack answers Close 1002",
    "1012: app sees Close 1012; stack answers Close 1012",
    "1013: app sees Close 1013; stack answers Close 1013",
    "1014: app sees an error; stack answers Close 1002",
    "3000: app sees Close 3000; stack answers Close 3000",
    "3003: app sees Close 3003; stack answers Close 3003",
    "4001: app sees Close 4001; stack answers Close 4001",
    "1004: sent; peer gets Close 1004",
    "1005: sent; peer gets Close 1005",
    "1006: sent; peer gets Close 1006",
    "1015: sent; peer gets Close 1015",
    "2000: sent; peer gets Close 2000",
    "5000: sent; peer gets Close 5000",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

/// Measured with tokio-websockets: eight received codes, then eight sent ones.
const TOKIO_WEBSOCKETS: [&str; 16] = [
    "1004: app sees an error; stack answers Close 1002",
    "1005: app sees an error; stack answers Close 1002",
    "1012: app sees Close 1012; stack answers Close 1012",
    "1013: app sees Close 1013; stack answers Close 1013",
    "1014: app sees Close 1014; stack answers Close 1014",
    "3000: app sees Close 3000; stack answers Close 3000",
    "3003: app sees Close 3003; stack answers Close 3003",
    "4001: app sees Close 4001; stack answers Close 4001",
    "1004: panics (Message::close asserts); peer gets connection dropped",
    "1005: panics (Message::close asserts); peer gets connection dropped",
    "1006: panics (Message::close asserts); peer gets connection dropped",
    "1015: panics (Message::close asserts); peer gets connection dropped",
    "2000: cannot express it (CloseCode::try_from fails); peer gets connection dropped",
    "5000: cannot express it (CloseCode::try_from fails); peer gets connection dropped",
    "1014: sent; peer gets Close 1014",
    "4001: sent; peer gets Close 4001",
];

#[test]
fn tungstenite_behaves_as_the_readme_says() {
    let (received, sent) = measure_stack("tungstenite");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, TUNGSTENITE, "tungstenite changed: update the README's table and these lines");
}

#[test]
fn tungstenite_raw_frames_with_closecode_report_1014() {
    let (received, sent) = measure_stack("tungstenite raw + closecode");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, CLOSECODE_ANSWERS, "the raw route changed: update the README and these lines");
}

#[test]
fn axum_through_fastwebsockets_with_closecode_reports_1014() {
    let (received, sent) = measure_stack("axum + fastwebsockets upgrade + closecode");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(
        measured, CLOSECODE_ANSWERS,
        "the axum route through fastwebsockets changed: update the README and these lines"
    );
}

#[test]
fn axum_behaves_as_the_readme_says() {
    let (received, sent) = measure_stack("axum");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, AXUM, "axum changed: update the README's table and these lines");
}

#[test]
fn actix_ws_behaves_as_the_readme_says() {
    let (received, sent) = measure_stack("actix-ws");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, ACTIX_WS, "actix-ws changed: update the README's table and these lines");
}

#[test]
fn fastwebsockets_behaves_as_the_readme_says() {
    let (received, sent) = measure_stack("fastwebsockets");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, FASTWEBSOCKETS, "fastwebsockets changed: update the README's table and these lines");
}

#[test]
fn tokio_websockets_behaves_as_the_readme_says() {
    let (received, sent) = measure_stack("tokio-websockets");
    let measured: Vec<String> = received.into_iter().chain(sent).collect();
    assert_eq!(measured, TOKIO_WEBSOCKETS, "tokio-websockets changed: update the README's table and these lines");
}
