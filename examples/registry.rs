//! Prints the close-code registry as `closecode` compiled it, and what it says of a few codes.
//!
//! Run with `cargo run --example registry`.

use closecode::{CloseCode, REGISTRY};

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

fn main() {
    println!("IANA WebSocket Close Code Number Registry");
    println!("source: {} (retrieved {})\n", closecode::REGISTRY_SOURCE, closecode::REGISTRY_RETRIEVED);
    println!("code       variant                  sendable  close() name");
    for row in REGISTRY {
        let code = CloseCode::from(row.first);
        let variant = if row.is_registration() { format!("{code:?}") } else { "(range)".to_string() };
        let codes = if row.first == row.last { row.first.to_string() } else { format!("{}-{}", row.first, row.last) };
        let sendable = if row.is_registration() { yes_no(code.is_sendable()) } else { "" };
        let close = if row.is_registration() { yes_no(code.is_allowed_in_close()) } else { "" };
        println!("{codes:<10} {variant:<24} {sendable:<9} {close:<7} {}", row.name);
    }
    println!();
    for number in [1000u16, 1005, 1014, 3008, 4001, 999, 5000] {
        let code = CloseCode::from(number);
        println!("{code}: {:?} range, {}", code.range(), code.description());
    }
}
