//! The same application with num_enum, what a user would pick instead.
use num_enum::{IntoPrimitive, TryFromPrimitive};

#[derive(IntoPrimitive, TryFromPrimitive, Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
enum ChatClose {
    Kicked = 4001,
    Banned = 4002,
    RoomClosed = 4003,
}

fn main() {
    let code = ChatClose::try_from(4002u16).expect("declared");
    println!("{} {:?}", u16::from(code), code);
}
