use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(name = "Chat")]
enum Codes {
    #[close_code(library)]
    Kicked = 4001,
}

fn main() {}
