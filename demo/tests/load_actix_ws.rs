//! The load test (`support/load.rs`) and the graceful shutdown under load on actix-ws 0.4
//! (actix-web 4) with `closecode_core::stacks::actix_ws_0_4::Tracker`.
//!
//! actix-ws never shows the application the answer to its own Close (see
//! `endings_actix_ws.rs`): every Close the server starts ends as `WeClosedUnanswered` with
//! 1006, whatever the client does; the profile says so.
//!
//! `cargo test -p closecode-demo --test load_actix_ws` runs 1,000 connections per test;
//! `CLOSECODE_LOAD_N` sets another count (two descriptors per connection).

mod support;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use actix_ws::{Message, MessageStream};
use closecode_core::stacks::actix_ws_0_4::Tracker;
use support::load::{Command, Ctx, Profile, Session, check_load, check_shutdown, connections, next};

fn serve(listener: std::net::TcpListener, ctx: Ctx, stop: tokio::sync::oneshot::Receiver<()>) {
    actix_web::rt::System::new().block_on(async move {
        let Ok(server) = HttpServer::new(move || {
            App::new().app_data(web::Data::new(ctx.clone())).route("/chat", web::get().to(upgrade))
        })
        .workers(1)
        .backlog(4096)
        .max_connections(100_000)
        .disable_signals()
        .listen(listener) else {
            return;
        };
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(async move {
            let _ = stop.await;
            handle.stop(false).await;
        });
        let _ = server.await;
    });
}

async fn upgrade(req: HttpRequest, body: web::Payload, ctx: web::Data<Ctx>) -> actix_web::Result<HttpResponse> {
    let (response, session, stream) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(run(session, stream, ctx.open()));
    Ok(response)
}

async fn run(session: actix_ws::Session, mut stream: MessageStream, mut load: Session) {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        let item = tokio::select! {
            item = next(closing, stream.recv()) => item,
            notice = load.notice(), if !closing => {
                if let Ok(reason) = tracker.close(&notice.payload()) {
                    let _ = session.clone().close(reason).await;
                }
                closing = true;
                continue;
            }
        };
        let Some(item) = item else {
            tracker.timed_out();
            break;
        };
        let Some(message) = tracker.track(item) else { break };
        if let Message::Text(text) = &message {
            match load.command(text) {
                Command::Close(payload) => {
                    if let Ok(reason) = tracker.close(&payload) {
                        let _ = session.clone().close(reason).await;
                    }
                    closing = true;
                }
                Command::Drop => break,
                Command::None => {}
            }
        }
    }
    if let Some(reason) = tracker.answer() {
        let _ = session.close(reason).await;
    } else {
        drop(session);
    }
    drop(stream);
    load.finish(tracker.outcome());
}

const ACTIX: Profile = Profile { stack: "actix-ws 0.4", echoes_reason: false, hides_answer: true };

#[test]
fn actix_ws_under_load() {
    check_load(ACTIX, serve, connections());
}

#[test]
fn actix_ws_graceful_shutdown_under_load() {
    check_shutdown(ACTIX, serve, connections());
}

/// Handshake faults from a raw peer (`support/faults.rs`): actix-ws gives RFC 6455's result for
/// every fault in the table there but one. A Close followed at once by the peer's FIN
/// (half-closed) never reaches the application: the message stream ends first, so the tracker
/// reports a dropped connection and the peer's 4001 is lost. The tracker cannot see it; the
/// stacks table should say so.
#[test]
fn actix_ws_faults() {
    let hidden = [(support::faults::Fault::HalfClosedAfterClose, &[closecode_core::Ending::Dropped][..], 1006, "")];
    support::faults::check_faults(ACTIX.stack, serve, &support::faults::documented(&hidden));
}
