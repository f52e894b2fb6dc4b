use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes<T> {
    Kicked = 4001,
    Other(T),
}

fn main() {}
