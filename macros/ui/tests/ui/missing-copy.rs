use closecode_core::AppCloseCode;

#[derive(AppCloseCode)]
enum Codes {
    Kicked = 4001,
}

fn main() {}
