// After a derive error the fallback emits the trait impl and the four conversions, so code
// that uses them compiles: the only error is the out-of-range code.
use closecode_core::{AppCloseCode, CloseCode};

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked = 4001,
    TooHigh = 5001,
}

fn main() {
    let kicked = Codes::Kicked;
    let _: u16 = u16::from(kicked);
    let _: CloseCode = CloseCode::from(kicked);
    let _: Result<Codes, closecode_core::UnknownAppCode> = Codes::try_from(4001u16);
    let _: Result<Codes, closecode_core::UnknownAppCode> = Codes::try_from(CloseCode::from(4001));
    let _: u16 = kicked.code();
    let _: &str = kicked.name();
    let _: Option<&str> = kicked.description();
    let _: CloseCode = kicked.close_code();
    let _: closecode_core::Reconnect = kicked.reconnect();
    let _: Option<Codes> = Codes::from_code(4001);
    let _: &str = Codes::type_name();
    let _ = Codes::codes().count() + Codes::ENTRIES.len();
    let _ = closecode_core::export::typescript::<Codes>();
}
