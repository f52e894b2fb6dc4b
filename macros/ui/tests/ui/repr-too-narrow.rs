use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[repr(u8)]
enum Codes {
    Kicked = 4001,
}

fn main() {}
