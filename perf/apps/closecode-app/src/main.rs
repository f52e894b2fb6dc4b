//! A small application declaring its close codes with closecode's derive.
use closecode_core::{AppCloseCode, CloseCode};

#[derive(AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
enum ChatClose {
    Kicked = 4001,
    Banned = 4002,
    RoomClosed = 4003,
}

fn main() {
    let code = ChatClose::try_from(4002u16).expect("declared");
    println!("{} {:?} {}", u16::from(code), code, CloseCode::from(code));
}
