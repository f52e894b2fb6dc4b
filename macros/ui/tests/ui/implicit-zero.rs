use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    NoCode,
}

fn main() {}
