use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
struct Codes {
    code: u16,
}

fn main() {}
