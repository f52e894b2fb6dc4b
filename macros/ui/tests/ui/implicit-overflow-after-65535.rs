use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[repr(u16)]
enum Codes {
    Max = 65535,
    Wraps,
}

fn main() {}
