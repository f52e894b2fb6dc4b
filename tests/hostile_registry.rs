//! A registry file written by an attacker: every field carries text that would break out of
//! a string literal, a comment or an attribute if the generator pasted it into code. The
//! generated crate must compile with every byte of it as inert data (checked by a real build
//! that compares the compiled `REGISTRY` with the parser's rows), or the build must stop with
//! `file:line`.

use closecode_registry::{Source, parse_registry};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Text aimed at every way generated code could go wrong.
const PAYLOADS: &[&str] = &[
    "\"); panic!(\"pwned\"); (\"",
    "*/ fn injected() {} /*",
    "// line comment",
    "back\\slash \\\" \\n \\u{0} \\\\",
    "\"# r#\" \"## r##\"raw\"##",
    "]\n#[cfg(any())]\nconst X: () = ();\n#[doc = \"",
    "bidi \u{202e}evil\u{202c} \u{2066}isolate\u{2069}",
    "nul \0 byte",
    "tab\tand\r\ncrlf",
    "<script>alert(1)</script> [link](javascript:alert(1)) | table | `code`",
    "{} {{}} {0} %s $x ${x}",
    "emoji 😀 and combining e\u{301}",
    "\u{feff}bom at start",
];

fn csv_field(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Today's registry with the 1016-2999 range split into hostile single codes, all of
/// 3009-3999 registered so the enum is large (and the rows too many for a `u8` index), and a
/// row over 5000-65535.
fn hostile_csv() -> String {
    let today = closecode_registry::CSV;
    let mut rows = String::new();
    let mut code = 1016;
    for payload in PAYLOADS {
        // The payload as Meaning and Contact, then as Reference (under another Meaning, so the
        // two rows do not get the same identifier).
        let rows_of_payload = [(payload.to_string(), *payload, "x"), (format!("{payload} again"), "c", *payload)];
        for (meaning, contact, reference) in rows_of_payload {
            let _ = write!(rows, "{code},{},{},{},\r\n", csv_field(&meaning), csv_field(contact), csv_field(reference));
            code += 1;
        }
    }
    // Keywords and names that start with digits become identifiers that must still be valid.
    for meaning in ["fn", "self", "Self", "crate", "3rd party", "_", "r#type", "Unregistered", "async", "CloseCode"] {
        let _ = write!(rows, "{code},{},,,\r\n", csv_field(meaning));
        code += 1;
    }
    let _ = write!(rows, "{code}-2999,Unassigned,,,\r\n");
    let mut bulk = String::new();
    for n in 3009..=3999 {
        let _ = write!(bulk, "{n},Bulk Code {n},[Someone],[RFC{n}],\r\n");
    }
    // A row up to the last `u16`, so every per-code table spans the whole code space.
    let private = "4000-4999,Reserved for Private Use,,[RFC6455],\r\n";
    let beyond = format!("{private}5000-65535,\"Beyond \"\"5000\"\"\",,,\r\n");
    today
        .replace("1016-2999,Unassigned,,,\r\n", &rows)
        .replace("3009-3999,Unassigned,,,\r\n", &bulk)
        .replace(private, &beyond)
}

#[test]
fn the_parser_keeps_hostile_text_verbatim() {
    let csv = hostile_csv();
    let registry = parse_registry(&Source::new("hostile.csv", csv.as_bytes())).unwrap();
    for payload in PAYLOADS {
        assert!(registry.entries().iter().any(|e| e.row.meaning == *payload), "{payload:?} lost");
    }
    let idents: Vec<&str> = registry.registrations().filter_map(|e| e.ident.as_deref()).collect();
    assert!(idents.iter().all(|i| i.starts_with(|c: char| c.is_ascii_uppercase())));
    assert!(idents.iter().all(|i| i.chars().all(|c| c.is_ascii_alphanumeric())));
    assert_eq!(registry.registrations().count(), 19 + 2 * PAYLOADS.len() + 10 + 991);
    let last = registry.entries().last().unwrap();
    assert_eq!((last.row.span.first(), last.row.span.last(), last.name.as_str()), (5000, 65535, "Beyond \"5000\""));
}

#[test]
fn identifiers_that_collide_after_naming_stop_the_build_with_a_line() {
    let csv = closecode_registry::CSV
        .replace("1016-2999,Unassigned,,,\r\n", "1016,Time-Out,,,\r\n1017,time out,,,\r\n1018-2999,Unassigned,,,\r\n");
    let err = parse_registry(&Source::new("collide.csv", csv.as_bytes())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "collide.csv:21: code 1017 would be named `TimeOut`, which code 1016 (line 20) already has"
    );
}

#[test]
fn huge_inputs_are_handled() {
    let long = "x".repeat(5 << 20);
    let csv = closecode_registry::CSV
        .replace("1016-2999,Unassigned,,,\r\n", &format!("1016,{long},,,\r\n1017-2999,Unassigned,,,\r\n"));
    let registry = parse_registry(&Source::new("huge.csv", csv.as_bytes())).unwrap();
    let provenance = closecode_registry::vendored_provenance().unwrap();
    assert!(closecode_registry::generate(&registry, &provenance).len() > 5 << 20);

    // Every registrable code registered, and range rows over the rest of the u16 space.
    let mut many = String::from("Status Code,Meaning,Contact,Reference\r\n0-999,Not used,,\r\n");
    for n in 1000..=3999 {
        let _ = write!(many, "{n},Code number {n},,\r\n");
    }
    many.push_str("4000-65535,Everything else,,\r\n");
    let registry = parse_registry(&Source::new("many.csv", many.as_bytes())).unwrap();
    assert_eq!(registry.registrations().count(), 3000);
    let generated = closecode_registry::generate(&registry, &provenance);
    // Each variant is declared once, `Ident = code,`, with a tag clear of the fallbacks' 0-2
    // (which `close_code_enum!` declares).
    let tags: Vec<u16> =
        generated.lines().filter_map(|line| line.trim().strip_suffix(',')?.split_once(" = ")?.1.parse().ok()).collect();
    assert_eq!(tags.len(), 3000);
    assert!(tags.iter().all(|tag| closecode_registry::REGISTRABLE.contains(tag)));
    // A row up to 65535 reaches the data as it is; the hand-written tables size themselves from
    // it (compiled by `the_hostile_registry_compiles_to_inert_data`, which has such a row).
    assert!(generated.contains("        span: Span::Range(4000, 65535),\n"));

    // A registration outside 1000-3999 is refused on its line: IANA registers none there.
    for (code, line) in [(999, 2), (4001, 2), (65535, 2)] {
        let csv = format!("Status Code,Meaning,Contact,Reference\r\n{code},Misplaced,,\r\n");
        let err = parse_registry(&Source::new("misplaced.csv", csv.as_bytes())).unwrap_err();
        assert_eq!(err.line(), line);
        assert!(err.message().contains(&format!("code {code} cannot be registered")), "{err}");
    }
}

#[test]
fn the_hostile_registry_compiles_to_inert_data() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-registry");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let csv_path = dir.join("hostile.csv");
    let csv = hostile_csv();
    std::fs::write(&csv_path, &csv).unwrap();
    let registry = parse_registry(&Source::new("hostile.csv", csv.as_bytes())).unwrap();

    // The app holds the parser's view of every row as literals and compares it with what the
    // generated crate compiled.
    let mut expected = String::new();
    for entry in registry.entries() {
        let _ = writeln!(
            expected,
            "    ({}, {}, {:?}, {:?}, &{:?}, &{:?}),",
            entry.row.span.first(),
            entry.row.span.last(),
            entry.row.meaning,
            entry.name,
            entry.row.contacts,
            entry.row.references
        );
    }
    let main = format!(
        "type Row = (u16, u16, &'static str, &'static str, &'static [&'static str], &'static [&'static str]);\n\
         const EXPECTED: &[Row] = &[\n{expected}];\n\
         fn main() {{\n\
             assert_eq!(closecode::REGISTRY.len(), EXPECTED.len());\n\
             for (row, want) in closecode::REGISTRY.iter().zip(EXPECTED) {{\n\
                 assert_eq!((row.first, row.last, row.meaning, row.name), (want.0, want.1, want.2, want.3));\n\
                 assert_eq!((row.contacts, row.references), (want.4, want.5));\n\
                 assert_eq!(closecode::CloseCode::from(row.first).name(), want.3);\n\
                 assert_eq!(closecode::CloseCode::from(row.last).name(), want.3);\n\
             }}\n\
             println!(\"{{}} rows intact\", EXPECTED.len());\n\
         }}\n"
    );
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"hostile-registry\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nclosecode = {{ path = {:?}, features = [\"regenerate\"] }}\n\n[workspace]\n",
            workspace.display().to_string()
        ),
    )
    .unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let target: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-builds");
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(&dir)
        .args(["run", "--quiet", "--offline", "--target-dir"])
        .arg(&target)
        .env("CLOSECODE_REGISTRY_CSV", &csv_path)
        .env_remove("CLOSECODE_REGISTRY_URL")
        .env_remove("RUSTFLAGS")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), format!("{} rows intact", registry.entries().len()));
}
