//! The closecode demo: a chat server and its clients on 127.0.0.1, in one process, both on
//! tokio-websockets with closecode's close tracker.
//!
//! The server ends each session its own way (application codes from `#[derive(AppCloseCode)]`,
//! registered codes, a Close without a status, a dropped connection); each client turns the
//! ending into a `CloseEvent` and hands it to an `onclose` handler, which prints it. Then, for
//! each code sent, what every other measured peer (three browser engines, four more stacks)
//! would report for the same Close, from closecode's models of them. The same process serves a
//! web page whose script plays the same sessions (and raw Close frames) in a real browser;
//! `--serve` keeps it serving until the process is interrupted, otherwise the demo ends.

use closecode_core::{AppCloseCode, CloseEvent, CloseEventTarget, ClosePayload, Peer};
use closecode_demo::{ChatClose, Ending, SESSIONS, join, start_server};
use std::fmt::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // A runtime built by hand rather than `#[tokio::main]`: tokio's macros would compile syn
    // with every feature, the largest part of the demo's first build.
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(run())
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let addr = start_server().await?;
    println!("closecode demo: a chat server on ws://{addr} ends {} sessions, each its own way\n", SESSIONS.len());
    println!(
        "{:<7} {:<25} {:<9} {:<32} {:<10} {:<34} description",
        "session", "code", "wasClean", "reason", "reconnect", "a proxy relays"
    );

    for (name, _) in SESSIONS {
        let mut socket = CloseEventTarget::new();
        socket.set_onclose(Some(|event: &mut CloseEvent| {
            let description = match event.app_code::<ChatClose>() {
                Some(code) => code.description().unwrap_or(""),
                None => event.close_code().description(),
            };
            let relayed = match event.to_relay().code() {
                Some(code) => format!("{} {:?}", code.as_u16(), event.to_relay().reason()),
                None => "an empty Close".to_string(),
            };
            println!(
                "{name:<7} {:<25} {:<9} {:<32} {:<10} {relayed:<34} {description}",
                event.describe::<ChatClose>().to_string(),
                event.was_clean(),
                format!("{:?}", event.reason()),
                event.reconnect_for::<ChatClose>().as_str(),
            );
        }));
        let mut event = join(addr, name).await?;
        socket.fire(&mut event);
    }
    print_elsewhere();

    let (reports, received) = std::sync::mpsc::channel();
    let page = closecode_demo::web::start(reports).await?;
    println!("\nthe same sessions in a browser, beside closecode's CloseEvent: http://{page}/");
    if std::env::args().any(|arg| arg == "--serve") {
        println!("serving until interrupted (Ctrl-C)");
        // The page's reports as they arrive. Ctrl-C ends the process as it ends any other: no
        // handler, so no tokio `signal` feature to build.
        std::thread::spawn(move || {
            for report in received {
                println!("the page reported: {report}");
            }
        });
        std::future::pending::<()>().await;
    } else {
        println!("(run with `-- --serve` to keep serving it)");
    }
    Ok(())
}

/// What every measured peer ([`Peer::ALL`]: three browser engines, five stack versions) would
/// report for each Close the server sent, from closecode's models of them ([`Peer::event`]):
/// `as sent` where the peer reports the code and reason in a clean close, else what it reports.
/// Then, for a code some peer does not report, what [`ClosePayload::compatible`] sends instead.
fn print_elsewhere() {
    let labels: Vec<String> = Peer::ALL.iter().map(|peer| label(peer.measured_on())).collect();
    println!("\nthe same Closes at every measured peer (closecode's models of them; axum 0.8 is on tungstenite 0.29):");
    let mut header = format!("{:<7}", "session");
    for label in &labels {
        let _ = write!(header, " {label:<w$}", w = label.len().max(12));
    }
    println!("{}", header.trim_end());
    let mut advice = Vec::new();
    for (name, ending) in SESSIONS {
        let sent = match *ending {
            Ending::Close(code, reason) => ClosePayload::new(code, reason),
            Ending::CloseWithoutStatus => ClosePayload::NoStatus,
            Ending::Drop => continue, // no Close: 1006, unclean, everywhere
        };
        let intact = CloseEvent::received(&sent);
        let mut row = format!("{name:<7}");
        for (peer, label) in Peer::ALL.iter().zip(&labels) {
            let event = peer.event(&sent);
            let cell = match (event.code(), event.was_clean()) {
                _ if event == intact => "as sent".to_string(),
                (code, true) => code.to_string(),
                (code, false) => format!("{code} unclean"),
            };
            let _ = write!(row, " {cell:<w$}", w = label.len().max(12));
        }
        println!("{}", row.trim_end());
        if let Some(code) = sent.code().filter(|&code| !Peer::all_deliver(code)) {
            let instead = sent.compatible().code().map_or_else(String::new, |c| c.to_string());
            advice.push(format!("{name}: {code} -> {instead}"));
        }
    }
    if !advice.is_empty() {
        println!(
            "where a peer reports another code, `ClosePayload::compatible()` sends one that every peer reports as sent ({}).",
            advice.join(", ")
        );
    }
}

/// A peer's short label: its name and the first two parts of its version ("WebKitGTK 2.50").
fn label(measured_on: &str) -> String {
    let mut words = measured_on.split(' ');
    let name = words.next().unwrap_or_default();
    let version: Vec<&str> = words.next().unwrap_or_default().split('.').take(2).collect();
    format!("{name} {}", version.join("."))
}
