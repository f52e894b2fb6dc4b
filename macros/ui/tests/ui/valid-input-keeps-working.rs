// A derive error must not drown the rest of the program in follow-on errors: the only
// error here is the out-of-range code.
use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked = 5001,
}

fn takes<T: AppCloseCode>(_: T) {}

fn main() {
    takes(Codes::Kicked);
}
