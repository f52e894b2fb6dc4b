//! The tokio + serde application with closecode-core and one `#[derive(AppCloseCode)]`.
use closecode_core::{AppCloseCode, CloseCode};

#[derive(serde::Serialize, serde::Deserialize, Debug)]
struct Message {
    room: String,
    text: String,
}

#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
enum ChatClose {
    Kicked = 4001,
    Banned = 4002,
    RoomClosed = 4003,
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let message = Message { room: "rust".into(), text: "hi".into() };
    let code = ChatClose::try_from(4002u16).expect("declared");
    println!("{message:?} {} {}", u16::from(code), CloseCode::from(code));
}
