use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(reconnect = "never")]
enum Codes {
    #[close_code(reconnect = "never", reconnect = "soon")]
    Kicked = 4001,
}

fn main() {}
