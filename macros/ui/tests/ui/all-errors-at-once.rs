use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(bogus)]
enum Codes {
    Low = 999,
    Kicked = 4001,
    Again = 4001,
    High = 6000,
}

fn main() {}
