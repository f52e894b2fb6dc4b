//! When an application renames `closecode-core` in its `Cargo.toml`, the derive's own error
//! says to add `#[close_code(crate = ..)]` (rustc alone only says the crate is missing), and
//! with the attribute the build succeeds. Real nested builds of a small crate.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn app(name: &str, attribute: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ncc = {{ package = \"closecode-core\", path = {:?} }}\n\n[workspace]\n",
            env!("CARGO_MANIFEST_DIR")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        format!(
            "use cc::AppCloseCode;\n\n#[derive(AppCloseCode, Clone, Copy)]\n{attribute}\nenum Chat {{\n    Kicked = 4001,\n}}\n\n\
             fn main() {{\n    assert_eq!(Chat::Kicked.code(), 4001);\n}}\n"
        ),
    )
    .unwrap();
    dir
}

fn build(dir: &Path) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(["build", "--quiet", "--offline", "--target-dir"])
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("renamed-builds"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

#[test]
fn a_renamed_crate_gets_an_error_naming_the_attribute_and_the_attribute_fixes_it() {
    let out = build(&app("renamed-without-attribute", ""));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains(
            "`closecode-core` is renamed to `cc` in Cargo.toml, so `::closecode_core` does not resolve: \
             add `#[close_code(crate = ::cc)]` to the enum"
        ),
        "{stderr}"
    );
    let out = build(&app("renamed-with-attribute", "#[close_code(crate = ::cc)]"));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}
