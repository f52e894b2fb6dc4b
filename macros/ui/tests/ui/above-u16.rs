use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Overflow = 65536,
}

fn main() {}
