//! The same-ending table (`support/endings.rs`) on actix-ws 0.4 (actix-web 4) with
//! `closecode_core::stacks::actix_ws_0_4::Tracker`, over real loopback connections.

mod support;

use actix_web::{App, HttpRequest, HttpResponse, HttpServer, web};
use actix_ws::{Message, MessageStream, Session};
use closecode_core::stacks::actix_ws_0_4::Tracker;
use closecode_core::{CloseOutcome, ClosePayload, Ending};
use std::sync::mpsc::{Sender, channel};
use support::endings::{CLOSE_TIMEOUT, Way, check_table_except};

fn serve(listener: std::net::TcpListener, report: Sender<CloseOutcome>) {
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
}

async fn upgrade(
    req: HttpRequest,
    body: web::Payload,
    report: web::Data<Sender<CloseOutcome>>,
) -> actix_web::Result<HttpResponse> {
    let (response, session, stream) = actix_ws::handle(&req, body)?;
    actix_web::rt::spawn(run(session, stream, report.get_ref().clone()));
    Ok(response)
}

async fn run(session: Session, mut stream: MessageStream, report: Sender<CloseOutcome>) {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        let item = if closing {
            let Ok(item) = actix_web::rt::time::timeout(CLOSE_TIMEOUT, stream.recv()).await else {
                tracker.timed_out();
                break;
            };
            item
        } else {
            stream.recv().await
        };
        let Some(message) = tracker.track(item) else { break };
        if matches!(&message, Message::Text(text) if &**text == "close") {
            let reason = tracker.close(&ClosePayload::new(1013u16, "busy")).unwrap();
            let _ = session.clone().close(reason).await;
            closing = true;
        }
    }
    if let Some(reason) = tracker.answer() {
        let _ = session.close(reason).await;
    }
    let _ = report.send(tracker.outcome());
}

/// The rows actix-ws makes impossible, as the server reports them: after `Session::close` the
/// message stream ends at once and the peer's answer is never delivered (actix-ws 0.4.0
/// `src/stream.rs:196-203` ends the response body after a Close, `220-226` and `241-250` end the
/// stream when the body is dropped; actix-http 3.20 `src/h1/dispatcher.rs:687-716` then lingers,
/// discarding what it reads, `433-462`). The application sees the same thing whether the peer
/// answers, drops the connection or stays silent, so the tracker reports what it saw: our Close,
/// no answer (see `closecode_core::stacks::actix_ws_0_4`).
const HIDDEN_BY_ACTIX: [(Way, Ending); 2] =
    [(Way::ServerClosesAnswered, Ending::WeClosedUnanswered), (Way::ServerClosesTimesOut, Ending::WeClosedUnanswered)];

#[test]
fn every_way_of_ending_gives_the_tables_outcome_but_the_two_actix_hides() {
    const ROUNDS: usize = 3;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let (report, outcomes) = channel();
    std::thread::spawn(move || serve(listener, report));
    check_table_except("actix-ws 0.4", addr, &outcomes, ROUNDS, &HIDDEN_BY_ACTIX);
}
