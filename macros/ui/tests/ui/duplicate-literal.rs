use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked = 4001,
    Banned = 4001,
}

fn main() {}
