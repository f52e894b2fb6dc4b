use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    TooHigh = 5000,
}

fn main() {}
