use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    #[close_code(conversions = false)]
    Kicked = 4001,
}

fn main() {}
