//! closecode with actix-ws 0.4: an actix-web route closes with an application code; a
//! tokio-tungstenite client on 127.0.0.1 reports the `CloseEvent`.
//! `cargo run -p closecode-demo --example actix_ws`

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use closecode_core::{CloseEvent, ClosePayload};
use closecode_demo::ChatClose;
use futures_util::StreamExt;

async fn chat(req: HttpRequest, body: web::Payload) -> actix_web::Result<HttpResponse> {
    let (response, session, _messages) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(async move {
        // `to_actix` gives actix's CloseReason, with `encode()`'s checks.
        if let Ok(reason) = ClosePayload::new(ChatClose::Banned, "banned by a moderator").to_actix() {
            let _ = session.close(reason).await;
        }
    });
    Ok(response)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| App::new().route("/chat", web::get().to(chat))).workers(1).listen(listener);
            if let Ok(server) = server {
                let _ = server.run().await;
            }
        });
    });

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let event = runtime.block_on(async move {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
        let mut event = CloseEvent::stream_ended(None);
        while let Some(message) = ws.next().await {
            if let Ok(tokio_tungstenite::tungstenite::Message::Close(frame)) = message {
                event = CloseEvent::from_tungstenite(frame.as_ref());
            }
        }
        Ok::<_, tokio_tungstenite::tungstenite::Error>(event)
    })?;
    println!("actix-ws: onclose {} {:?} wasClean={}", event.describe::<ChatClose>(), event.reason(), event.was_clean());
    assert_eq!(event.app_code::<ChatClose>(), Some(ChatClose::Banned));
    Ok(())
}
