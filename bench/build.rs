//! Writes the benchmark's large enums: 1000 variants (4000-4999), once with closecode's
//! derive and once with `num_enum`'s, into `OUT_DIR`.

use std::fmt::Write as _;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut variants = String::new();
    for i in 0..1000 {
        let _ = writeln!(variants, "    V{i} = {},", 4000 + i);
    }
    let closecode = format!(
        "/// 1000 application codes with closecode's derive.\n\
         #[derive(closecode_core::AppCloseCode, Clone, Copy, Debug, PartialEq, Eq)]\n\
         #[repr(u16)]\npub enum Big {{\n{variants}}}\n"
    );
    let num_enum = format!(
        "/// The same 1000 codes with `num_enum`'s derives.\n\
         #[derive(num_enum::TryFromPrimitive, num_enum::IntoPrimitive, Clone, Copy, Debug, PartialEq, Eq)]\n\
         #[repr(u16)]\npub enum Big {{\n{variants}}}\n"
    );
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    std::fs::write(out.join("big_closecode.rs"), closecode).expect("write");
    std::fs::write(out.join("big_num_enum.rs"), num_enum).expect("write");
}
