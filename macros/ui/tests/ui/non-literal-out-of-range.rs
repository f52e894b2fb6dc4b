use closecode_core::AppCloseCode;

const BASE: isize = 4000;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Fine = BASE + 1,
    TooFar = BASE + 1000,
}

fn main() {}
