// With `#[close_code(inherent)]`, the fallback after a derive error emits the inherent
// `const fn`s too: the only error is the unknown attribute.
use closecode_core::{AppCloseCode, CloseCode};

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(inherent, privat)]
pub enum Codes {
    Kicked = 4001,
}

const KICKED: u16 = Codes::Kicked.code();
const KICKED_CODE: CloseCode = Codes::Kicked.close_code();

fn main() {
    let _ = (KICKED, KICKED_CODE, u16::from(Codes::Kicked), Codes::Kicked.name());
}
