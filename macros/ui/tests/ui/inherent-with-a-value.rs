use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(inherent = true)]
enum Codes {
    Kicked = 4001,
}

fn main() {}
