use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked { by: u16 },
}

fn main() {}
