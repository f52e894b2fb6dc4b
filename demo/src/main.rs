//! The closecode demo: a chat server and its clients on 127.0.0.1, in one process.
//!
//! The server ends each session its own way (application codes from `#[derive(AppCloseCode)]`,
//! registered codes, a Close without a status, a dropped connection); each client turns the
//! ending into a `CloseEvent` and hands it to an `onclose` handler, which prints it. The same
//! process serves a web page whose script plays the same sessions (and raw Close frames) in a
//! real browser; `--serve` keeps it serving until interrupted, otherwise the demo ends.

use closecode_core::{AppCloseCode, CloseEvent, CloseEventTarget};
use closecode_demo::{ChatClose, Ending, SESSIONS, join, start_server};
use std::cell::RefCell;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A runtime built by hand rather than `#[tokio::main]`: tokio's macros would compile syn
    // with every feature, the largest part of the demo's first build.
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(run())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let addr = start_server().await?;
    println!("closecode demo: a chat server on ws://{addr} ends {} sessions, each its own way\n", SESSIONS.len());
    println!(
        "{:<7} {:<25} {:<9} {:<32} {:<10} {:<34} description",
        "session", "code", "wasClean", "reason", "reconnect", "a proxy relays"
    );

    let last = RefCell::new(None);
    let mut notes = Vec::new();
    for (name, ending) in SESSIONS {
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
            *last.borrow_mut() = Some(event.clone());
        }));
        let mut event = join(addr, name).await?;
        socket.fire(&mut event);
        if let Ending::Close(sent, _) = ending
            && sent.as_u16() != event.code()
        {
            notes.push(format!(
                "note: the server sent {name} {sent}; tungstenite's client replaced it with {} \"{}\" because its \
                     table predates IANA's registration (closecode's strict policy accepts {}).",
                event.close_code(),
                event.reason(),
                sent.as_u16()
            ));
        }
    }
    for note in notes {
        println!("\n{note}");
    }

    if let Some(event) = last.into_inner() {
        println!("\nthe last event as JSON for a browser front end: {}", serde_json::to_string(&event)?);
    }

    let (reports, received) = std::sync::mpsc::channel();
    let page = closecode_demo::web::start(reports).await?;
    println!("\nthe same sessions in a browser, beside closecode's CloseEvent: http://{page}/");
    if std::env::args().any(|arg| arg == "--serve") {
        println!("serving until interrupted (Ctrl-C)");
        tokio::signal::ctrl_c().await?;
        for report in received.try_iter() {
            println!("the page reported: {report}");
        }
    } else {
        println!("(run with `-- --serve` to keep serving it)");
    }
    Ok(())
}
