use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(conversions = false, conversions = true)]
enum Codes {
    Kicked = 4001,
}

fn main() {}
