//! The floor: an application with no dependencies.
fn main() {
    println!("{}", 4002u16);
}
