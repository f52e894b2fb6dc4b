use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    #[close_code(reconnect = "later")]
    Kicked = 4001,
}

fn main() {}
