//! Graceful shutdown with closecode: a tokio-tungstenite 0.30 server on 127.0.0.1 holds three
//! connections; `Shutdown::close_all` closes every one with 1001 Going Away and a reason,
//! waits for the answers up to a deadline, and returns each connection's `CloseOutcome`. One
//! client never answers, so its connection ends when the server's close timeout fires.
//! `cargo run -p closecode-demo --example graceful_shutdown`

use closecode_core::stacks::tungstenite_0_30::Tracker;
use closecode_core::{CloseOutcome, Ending, Registration, Shutdown};
use futures_util::{SinkExt, StreamExt};
use std::time::Duration;

/// How long a connection waits for the answer to its Close.
const CLOSE_TIMEOUT: Duration = Duration::from_millis(500);

/// One connection's receive loop: the stack's tracker, and the shutdown notice beside the
/// receive call.
async fn session(
    mut ws: tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>,
    connection: Registration,
) -> CloseOutcome {
    let mut tracker = Tracker::new();
    let mut closing = false;
    loop {
        // No limit until our Close is out, then the close timeout.
        let wait = if closing { CLOSE_TIMEOUT } else { Duration::MAX };
        let item = tokio::select! {
            item = tokio::time::timeout(wait, ws.next()) => item,
            notice = connection.notice(), if !closing => {
                if let Ok(close) = tracker.close(&notice.payload()) {
                    let _ = ws.send(close).await;
                }
                closing = true;
                continue;
            }
        };
        let Ok(item) = item else {
            tracker.timed_out();
            break;
        };
        if tracker.track(item).is_none() {
            break;
        }
    }
    let outcome = tracker.outcome();
    connection.finish(outcome.clone());
    outcome
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let shutdown = Shutdown::new();
    let registry = shutdown.clone();
    let server = tokio::spawn(async move {
        let mut sessions = Vec::new();
        for _ in 0..3 {
            let (stream, _) = listener.accept().await?;
            let ws = tokio_tungstenite::accept_async(stream).await?;
            sessions.push(tokio::spawn(session(ws, registry.register())));
        }
        Ok::<_, Box<dyn std::error::Error + Send + Sync>>(sessions)
    });

    // Two clients answer the server's Close (tokio-tungstenite does it by itself); the third
    // reads raw bytes and never answers.
    let mut clients = Vec::new();
    for _ in 0..2 {
        let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/chat")).await?;
        clients.push(tokio::spawn(async move {
            let mut tracker = Tracker::new();
            while tracker.track(ws.next().await).is_some() {}
            tracker.outcome()
        }));
    }
    let silent = tokio::net::TcpStream::connect(addr).await?;
    let (silent, _) = tokio_tungstenite::client_async(format!("ws://{addr}/chat"), silent).await?;
    let silent = silent.into_inner(); // the raw TCP stream: nothing reads or answers it now
    let sessions = server.await?.map_err(|e| e.to_string())?;

    let report = shutdown.close_all("server restarting", tokio::time::sleep(CLOSE_TIMEOUT * 4)).await;
    for outcome in &report.outcomes {
        println!("graceful_shutdown: the server logs  {outcome}");
    }
    println!("graceful_shutdown: {} still open at the deadline", report.unfinished);
    for client in clients {
        let outcome = client.await?;
        let event = outcome.event();
        println!(
            "graceful_shutdown: a client's onclose {} {:?} wasClean={}",
            event.code(),
            event.reason(),
            event.was_clean()
        );
        assert_eq!((event.code(), event.reason(), event.was_clean()), (1001, "server restarting", true));
    }
    drop(silent);
    for session in sessions {
        session.await?;
    }
    let answered = report.outcomes.iter().filter(|o| o.ending == Ending::WeClosed).count();
    let timed_out = report.outcomes.iter().filter(|o| o.ending == Ending::TimedOut).count();
    assert_eq!((answered, timed_out, report.unfinished), (2, 1, 0));
    Ok(())
}
