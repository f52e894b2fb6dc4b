use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(inherent, inherent)]
enum Codes {
    Kicked = 4001,
}

fn main() {}
