use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Ok = 4000,
    TooLow = 1000,
}

fn main() {}
