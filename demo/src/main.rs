//! The closecode demo: a chat server and its clients on 127.0.0.1, in one process, both on
//! tokio-websockets with closecode's close tracker.
//!
//! The server ends each session its own way (application codes from `#[derive(AppCloseCode)]`,
//! registered codes, a Close without a status, a dropped connection); each client turns the
//! ending into a `CloseEvent` and hands it to an `onclose` handler, which prints it; the
//! server's tracker gives its side, one log line per session. Then what every measured peer
//! (three browser engines, five stack versions) would report for the same Closes, from
//! closecode's models of them. The same process serves a
//! web page whose script plays the same sessions (and raw Close frames) in a real browser;
//! `--serve` keeps it serving until the process is interrupted, otherwise the demo ends.

use closecode_core::{AppCloseCode, CloseEvent, CloseEventTarget, ClosePayload, Peer};
use closecode_demo::{CLOSE_TIMEOUT, ChatClose, Ending, SESSIONS, join, start_server};
use std::fmt::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // A runtime built by hand rather than `#[tokio::main]`: tokio's macros would compile syn
    // with every feature, the largest part of the demo's first build.
    tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(run())
}

async fn run() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (addr, server_outcomes) = start_server().await?;
    println!("closecode demo: a chat server on ws://{addr} ends {} sessions, each its own way\n", SESSIONS.len());
    println!(
        "{:<7} {:<25} {:<9} {:<32} {:<10} {:<34} description",
        "session", "code", "wasClean", "reason", "reconnect", "a proxy relays (compatible)"
    );

    for (name, _) in SESSIONS {
        let mut socket = CloseEventTarget::new();
        socket.set_onclose(Some(|event: &mut CloseEvent| {
            let description = match event.app_code::<ChatClose>() {
                Some(code) => code.description().unwrap_or(""),
                None => event.close_code().description(),
            };
            // What a proxy passes on, as a code every measured peer reports (see the table below).
            let relayed = event.to_relay_compatible();
            let relayed = match relayed.code() {
                Some(code) => format!("{} {:?}", code.as_u16(), relayed.reason()),
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

    // The server's side: its tracker's outcome for each session (they end as the clients do).
    let outcomes = tokio::task::spawn_blocking(move || {
        SESSIONS.iter().map_while(|_| server_outcomes.recv_timeout(2 * CLOSE_TIMEOUT).ok()).collect::<Vec<_>>()
    })
    .await?;
    println!("\nthe server's side (its tracker's outcome, one log line per session):");
    for (name, outcome) in outcomes {
        println!("{name:<7} {}", outcome.describe::<ChatClose>());
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
    let sessions: Vec<(&str, ClosePayload<'_>)> = SESSIONS
        .iter()
        .filter_map(|&(name, ending)| match ending {
            Ending::Close(code, reason) => Some((name, ClosePayload::new(code, reason))),
            Ending::CloseWithoutStatus => Some((name, ClosePayload::NoStatus)),
            Ending::Drop => None, // no Close: 1006, unclean, everywhere
        })
        .collect();
    // One row per peer, one column per session.
    let rows: Vec<(String, Vec<String>)> = Peer::ALL
        .iter()
        .map(|peer| {
            let cells = sessions.iter().map(|(_, sent)| {
                let event = peer.event(sent);
                if event == CloseEvent::received(sent) {
                    return "as sent".to_string();
                }
                let clean = if event.was_clean() { "" } else { " unclean" };
                match event.reason() {
                    "" => format!("{}{clean}", event.code()),
                    reason => format!("{} {reason:?}{clean}", event.code()),
                }
            });
            (peer.to_string(), cells.collect())
        })
        .collect();
    let first = rows.iter().map(|(peer, _)| peer.len()).max().unwrap_or(0);
    let widths: Vec<usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, (name, _))| rows.iter().map(|(_, cells)| cells[i].len()).chain([name.len()]).max().unwrap_or(0))
        .collect();
    println!("\nthe same Closes at every measured peer (closecode's models of them):");
    let mut header = format!("{:<first$}", "");
    for ((name, _), width) in sessions.iter().zip(&widths) {
        let _ = write!(header, "  {name:<width$}");
    }
    println!("{}", header.trim_end());
    for (peer, cells) in &rows {
        let mut row = format!("{peer:<first$}");
        for (cell, width) in cells.iter().zip(&widths) {
            let _ = write!(row, "  {cell:<width$}");
        }
        println!("{}", row.trim_end());
    }
    let advice: Vec<String> = sessions
        .iter()
        .filter_map(|(name, sent)| {
            let code = sent.code().filter(|&code| !Peer::all_deliver(code))?;
            let instead = sent.compatible().code()?;
            Some(format!("{name}: {code} -> {instead}"))
        })
        .collect();
    if !advice.is_empty() {
        println!(
            "where a peer reports another code, `ClosePayload::compatible()` sends one that every peer reports as sent ({}).",
            advice.join(", ")
        );
    }
}
