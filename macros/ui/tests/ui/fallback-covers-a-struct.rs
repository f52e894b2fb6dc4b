// A struct gets the derive's error and the fallback impls, so code using them adds no error.
use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
struct Codes;

fn main() {
    let _ = (u16::from(Codes), Codes::try_from(4001u16).is_ok(), Codes::from_code(4001).is_some());
}
