// `conversions = false` holds in the fallback too: the enum's own `TryFrom<u16>` does not
// collide with a derived one (E0119), and the only error is the implicit code's.
use closecode_core::AppCloseCode;

#[derive(AppCloseCode, Clone, Copy, Debug)]
#[close_code(conversions = false)]
enum Codes {
    Kicked = 4999,
    OneTooFar,
}

impl TryFrom<u16> for Codes {
    type Error = ();
    fn try_from(code: u16) -> Result<Self, ()> {
        Codes::from_code(code).ok_or(())
    }
}

fn main() {
    let _ = Codes::try_from(4999u16);
}
