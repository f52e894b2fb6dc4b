use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
union Codes {
    code: u16,
}

fn main() {}
