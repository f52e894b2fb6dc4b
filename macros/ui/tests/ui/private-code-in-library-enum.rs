use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
#[close_code(library)]
enum Codes {
    Private = 4000,
}

fn main() {}
