use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    #[close_code(name = "Kicked Out", name = "Removed")]
    Kicked = 4001,
}

fn main() {}
