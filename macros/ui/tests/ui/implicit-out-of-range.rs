use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Last = 4999,
    OneTooFar,
}

fn main() {}
