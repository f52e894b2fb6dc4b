//! The closecode demo: a chat server and its clients on 127.0.0.1, in one process.
//!
//! The server ends each session its own way (application codes from `#[derive(AppCloseCode)]`,
//! registered codes, a Close without a status, a dropped connection); each client turns the
//! ending into a `CloseEvent` and hands it to an `onclose` handler, which prints it.

use closecode_core::{CloseEvent, CloseEventTarget};
use closecode_demo::{Ending, SESSIONS, describe, join, start_server};
use std::cell::RefCell;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = start_server().await?;
    println!("closecode demo: a chat server on ws://{addr} ends {} sessions, each its own way\n", SESSIONS.len());
    println!("{:<7} {:>5}  {:<26} {:<9} {:<32} description", "session", "code", "name", "wasClean", "reason");

    let last = RefCell::new(None);
    let mut notes = Vec::new();
    for (name, ending) in SESSIONS {
        let mut socket = CloseEventTarget::new();
        socket.set_onclose(Some(|event: &mut CloseEvent| {
            let (code_name, description) = describe(event);
            let reason = format!("{:?}", event.reason());
            println!(
                "{name:<7} {:>5}  {code_name:<26} {:<9} {reason:<32} {description}",
                event.code(),
                event.was_clean()
            );
            *last.borrow_mut() = Some(event.clone());
        }));
        let mut event = join(addr, name).await?;
        socket.fire(&mut event);
        if let Ending::Close(sent, _) = ending {
            if sent.as_u16() != event.code() {
                notes.push(format!(
                    "note: the server sent {name} {sent}; tungstenite's client replaced it with {} \"{}\" because its \
                     table predates IANA's registration (closecode's strict policy accepts {}).",
                    event.close_code(),
                    event.reason(),
                    sent.as_u16()
                ));
            }
        }
    }
    for note in notes {
        println!("\n{note}");
    }

    if let Some(event) = last.into_inner() {
        println!("\nthe last event as JSON for a browser front end: {}", serde_json::to_string(&event)?);
    }
    Ok(())
}
