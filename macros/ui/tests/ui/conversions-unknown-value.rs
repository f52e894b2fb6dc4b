use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(conversions = "none")]
enum Codes {
    Kicked = 4001,
}

fn main() {}
