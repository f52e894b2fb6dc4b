// An enum with a variant that carries data still gets the fallback impls: the only error is
// the variant's.
use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Kicked(u8),
}

fn main() {
    let _ = (u16::from(Codes::Kicked(1)), Codes::try_from(4001u16).is_ok(), Codes::Kicked(1).name());
}
