use closecode_core::AppCloseCode;

const GOING_AWAY: isize = 1001;

#[derive(AppCloseCode, Clone, Copy)]
enum Codes {
    Away = GOING_AWAY,
}

fn main() {}
