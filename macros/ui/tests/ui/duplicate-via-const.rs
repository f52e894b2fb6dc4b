use closecode_core::AppCloseCode;

const KICKED: isize = 4001;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked = 4001,
    Banned = KICKED,
}

fn main() {}
