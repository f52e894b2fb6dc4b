//! The "done when", end to end in a scratch copy of this workspace, with the
//! repository's own tests: one `update` from a loopback mirror of a newer registry leaves the
//! new code in `src/close_codes.rs` and a stub in `annotations.csv`; the registry's annotation
//! test then fails naming the code and the fields to fill; once a person fills the stub and
//! runs `regenerate`, it passes, and so does the check of the generated code.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use support::http::{Reply, Server};
use support::{DAY_EPOCH, NEWER, workspace};

/// Copies the workspace's sources (no build output, no git) into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if [".git", "target", "fuzz", "perf", "node_modules"].iter().any(|skip| name == *skip) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            std::fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

fn cargo_test(copy: &Path, args: &[&str]) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(copy)
        .args(["test", "--offline", "--target-dir"])
        .arg(Path::new(env!("CARGO_TARGET_TMPDIR")).join("stub-flow-target"))
        .args(args)
        .env_remove("CLOSECODE_BLESS")
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}

fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

#[test]
fn the_tests_fail_naming_a_new_code_until_its_stub_is_filled() {
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("stub-flow");
    let _ = std::fs::remove_dir_all(&copy);
    copy_tree(workspace(), &copy);
    let server = Server::start(vec![("/close-code-number.csv", Reply::Body(NEWER.to_vec()))]);
    let tool = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_closecode-registry"))
            .current_dir(copy.join("registry"))
            .args(args)
            .env("SOURCE_DATE_EPOCH", DAY_EPOCH)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
    };
    tool(&["update", "--url", &server.url("/close-code-number.csv")]);
    let generated = std::fs::read_to_string(copy.join("src/close_codes.rs")).unwrap();
    assert!(generated.contains("        ShinyNewCode = 1016,\n"));
    let notes_path = copy.join("registry/annotations.csv");
    let notes = std::fs::read_to_string(&notes_path).unwrap();
    assert!(notes.contains("\n1016,,,,,,\n"), "{notes}");

    // The test of the vendored annotations (the file's other tests use data of their own).
    let annotations =
        ["-p", "closecode-registry", "--test", "annotations", "every_vendored_row_has_a_finished_annotation"];
    let out = cargo_test(&copy, &annotations);
    assert!(!out.status.success(), "the annotation test must fail on a stub:\n{}", text(&out));
    assert!(
        text(&out).contains(
            "registry/annotations.csv:31: 1016 (Shiny New Code) is not annotated yet: fill ident (it would be `ShinyNewCode`), description, reconnect, reconnect_source"
        ),
        "{}",
        text(&out)
    );

    let filled = "1016,ShinyNewCode,,,\"A code registered to test the updater.\",backoff,\"the 1016 registration (a test mirror)\"";
    std::fs::write(&notes_path, notes.replace("\n1016,,,,,,\n", &format!("\n{filled}\n"))).unwrap();
    tool(&["regenerate"]);
    let out = cargo_test(&copy, &annotations);
    assert!(out.status.success(), "filled, the annotation test passes:\n{}", text(&out));
    let out = cargo_test(&copy, &["-p", "closecode", "--test", "generated"]);
    assert!(out.status.success(), "regenerated, the generated code is current:\n{}", text(&out));
    assert!(
        std::fs::read_to_string(copy.join("src/close_codes.rs"))
            .unwrap()
            .contains("A code registered to test the updater.")
    );
}
