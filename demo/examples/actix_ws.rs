//! closecode with actix-ws 0.4: an actix-web route closes with an application code; a
//! tokio-tungstenite client on 127.0.0.1 reports the `CloseEvent` a browser would. Both receive
//! loops hand every item to their stack's close tracker; neither keeps any close state of its
//! own. actix-ws never shows the application the peer's answer to its Close (the message stream
//! ends as the Close goes out), so the server can only log the answer as missing.
//! `cargo run -p closecode-demo --example actix_ws`

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use actix_ws::{MessageStream, Session};
use closecode_core::stacks::{actix_ws_0_4, tungstenite_0_30};
use closecode_core::{CloseOutcome, ClosePayload, Ending};
use closecode_demo::ChatClose;
use futures_util::StreamExt;
use std::sync::mpsc::{Sender, channel};
use std::time::Duration;

async fn chat(
    req: HttpRequest,
    body: web::Payload,
    report: web::Data<Sender<CloseOutcome>>,
) -> actix_web::Result<HttpResponse> {
    let (response, session, stream) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(ban(session, stream, report.get_ref().clone()));
    Ok(response)
}

async fn ban(session: Session, mut stream: MessageStream, report: Sender<CloseOutcome>) {
    let mut tracker = actix_ws_0_4::Tracker::new();
    // `close` gives actix's CloseReason, with `encode()`'s checks, and records it.
    if let Ok(reason) = tracker.close(&ClosePayload::new(ChatClose::Banned, "banned by a moderator")) {
        let _ = session.close(reason).await;
    }
    while tracker.track(stream.recv().await).is_some() {}
    let _ = report.send(tracker.outcome());
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let (report, outcomes) = channel::<CloseOutcome>();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let app = move || App::new().app_data(web::Data::new(report.clone())).route("/chat", web::get().to(chat));
            if let Ok(server) = HttpServer::new(app).workers(1).listen(listener) {
                let _ = server.run().await;
            }
        });
    });

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let client = runtime.block_on(async move {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
        let mut tracker = tungstenite_0_30::Tracker::new();
        while tracker.track(ws.next().await).is_some() {}
        Ok::<_, tokio_tungstenite::tungstenite::Error>(tracker.outcome())
    })?;
    let server = outcomes.recv_timeout(Duration::from_secs(5))?;

    println!("actix-ws: the server logs  {}", server.describe::<ChatClose>());
    println!("actix-ws: the client logs  {}", client.describe::<ChatClose>());
    let event = client.event();
    println!("actix-ws: onclose {} {:?} wasClean={}", event.describe::<ChatClose>(), event.reason(), event.was_clean());
    assert_eq!((server.ending, client.ending), (Ending::WeClosedUnanswered, Ending::PeerClosed));
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Banned));
    Ok(())
}
