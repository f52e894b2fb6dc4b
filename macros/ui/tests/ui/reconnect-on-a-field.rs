use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked(#[close_code(reconnect = "never")] u8) = 4001,
}

fn main() {}
