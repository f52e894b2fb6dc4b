//! The updater binary against a real HTTP server on 127.0.0.1, on scratch checkouts: what it
//! shows, what it writes (the CSV, the provenance, the annotation stubs and every generated
//! file, in one go), and that every failure leaves every file of the checkout byte for byte as
//! it was.

mod support;

use std::time::Duration;
use support::http::{Reply, Server, refused_url};
use support::{COLLAPSED, Checkout, DAY, NEWER, OLDER, cited};

fn server() -> &'static Server {
    static SERVER: std::sync::OnceLock<Server> = std::sync::OnceLock::new();
    SERVER.get_or_init(|| {
        let current = closecode_registry::CSV.as_bytes().to_vec();
        let duplicate = closecode_registry::CSV.replace("1001,Going Away", "1000,Going Away").into_bytes();
        Server::start(vec![
            ("/current.csv", Reply::Body(current.clone())),
            ("/newer.csv", Reply::Body(NEWER.to_vec())),
            ("/older.csv", Reply::Body(OLDER.to_vec())),
            ("/collapsed.csv", Reply::Body(COLLAPSED.to_vec())),
            ("/cited.csv", Reply::Body(cited())),
            ("/slow.csv", Reply::Slow(Duration::from_secs(5), current.clone())),
            ("/truncated.csv", Reply::Truncated { declared: current.len(), body: current[..200].to_vec() }),
            ("/garbage.csv", Reply::Body((0..=255u8).cycle().take(3000).collect())),
            ("/page.html", Reply::Body(b"<!DOCTYPE html><html><body>Moved</body></html>\n".to_vec())),
            ("/invalid-rows.csv", Reply::Body(duplicate)),
            ("/huge.csv", Reply::Body(vec![b'a'; 2 << 20])),
            ("/huge-unsized.csv", Reply::Unsized(vec![b'a'; 2 << 20])),
            ("/error.csv", Reply::Status(500)),
        ])
    })
}

#[test]
fn check_says_current_for_the_same_file() {
    let c = Checkout::new("check-current");
    let (status, stdout, _) = c.run(&["check", "--url", &server().url("/current.csv")]);
    assert_eq!(status, 0);
    assert!(stdout.contains("the vendored registry is current"), "{stdout}");
}

#[test]
fn check_exits_1_and_lists_changes_when_out_of_date_and_writes_nothing() {
    let c = Checkout::new("check-newer");
    let before = c.snapshot();
    let (status, stdout, _) = c.run(&["check", "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("- added 1016 Shiny New Code (no annotation: variant `ShinyNewCode`)"), "{stdout}");
    assert!(stdout.contains("### Annotations to fill"), "{stdout}");
    assert!(stdout.ends_with("the vendored registry is out of date: run `update`\n"), "{stdout}");
    assert_eq!(c.snapshot(), before);
}

#[test]
fn check_reports_formatting_only_changes() {
    let c = Checkout::new("check-collapsed");
    let (status, stdout, _) = c.run(&["check", "--url", &server().url("/collapsed.csv")]);
    assert_eq!(status, 1);
    assert!(stdout.contains("formatting only"), "{stdout}");
}

#[test]
fn dry_run_shows_every_file_and_stub_and_writes_nothing() {
    let c = Checkout::new("dry-run");
    let before = c.snapshot();
    let (status, stdout, _) = c.run(&["update", "--dry-run", "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 0, "{stdout}");
    for expected in [
        "### Files it would write (dry run: nothing written)",
        "- `registry/close-code-number.csv`",
        "- `registry/annotations.csv`: line 32: the annotation of range 1016-2999 now annotates 1017-2999; line 31: a stub for 1016 (Shiny New Code), to fill",
        "- `src/close_codes.rs`",
        "- `tools/tests/golden/close-codes.ts`",
        "registry/annotations.csv:31: 1016 (Shiny New Code) is not annotated yet: fill ident (it would be `ShinyNewCode`), description, reconnect, reconnect_source",
        "- `demo/web/close-codes.mjs`: cargo test -p closecode-demo --test front_end",
        "dry run: nothing written",
    ] {
        assert!(stdout.contains(expected), "missing {expected:?} in:\n{stdout}");
    }
    assert_eq!(c.snapshot(), before);
}

/// The issue's "done when": one `update` from a mirror of a newer registry leaves the new code
/// in `src/close_codes.rs` and a stub in `annotations.csv`, which the annotation check rejects
/// naming the code and the fields; once filled, `regenerate` makes everything pass.
#[test]
fn one_update_regenerates_everything_and_the_stub_fails_until_filled() {
    let c = Checkout::new("update-newer");
    let url = server().url("/newer.csv");
    let summary_file = c.root.with_extension("summary.md");
    let (status, stdout, stderr) = c.run(&["update", "--url", &url, "--summary", summary_file.to_str().unwrap()]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert_eq!(std::fs::read(c.path("registry/close-code-number.csv")).unwrap(), NEWER, "stored byte for byte");
    assert_eq!(
        c.read("registry/provenance.txt").lines().skip(1).collect::<Vec<_>>(),
        [format!("source = {url}"), format!("retrieved = {DAY}")]
    );
    assert!(c.read("src/close_codes.rs").contains("        ShinyNewCode = 1016,\n"));
    assert!(c.read("src/close_codes.rs").contains(&format!("const RETRIEVED: &str = \"{DAY}\";")));
    assert!(c.read("tools/tests/golden/close-codes.ts").contains("  ShinyNewCode: 1016,\n"));
    assert!(c.read("tools/tests/golden/close-codes.json").contains("\"ident\": \"ShinyNewCode\""));
    let notes = c.read("registry/annotations.csv");
    assert!(notes.contains("\n1016,,,,,,\n1017-2999,,Unassigned,,"), "{notes}");
    let summary = std::fs::read_to_string(&summary_file).unwrap();
    assert!(stdout.starts_with(&summary), "the summary file is what was printed:\n{stdout}");
    assert!(stdout.contains("\nupdated 7 file(s) in "), "{stdout}");
    // What the registry's annotation test says of the checkout now.
    let unfinished = || {
        let registry = closecode_registry::Registry::parse(
            &closecode_registry::Source::new("r", &std::fs::read(c.path("registry/close-code-number.csv")).unwrap()),
            &closecode_registry::Source::new("registry/annotations.csv", c.read("registry/annotations.csv").as_bytes()),
        )
        .unwrap();
        registry
            .unfinished_annotations("r", "registry/annotations.csv")
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        unfinished(),
        [
            "registry/annotations.csv:31: 1016 (Shiny New Code) is not annotated yet: fill ident (it would be `ShinyNewCode`), description, reconnect, reconnect_source"
        ]
    );
    // A second run finds the registry current, and refuses nothing.
    let (status, stdout, _) = c.run(&["check", "--url", &url]);
    assert_eq!((status, stdout.trim()), (0, "the vendored registry is current"));
    // A person fills the stub; the generated files are stale until `regenerate`, which an
    // update insists on.
    std::fs::write(
        c.path("registry/annotations.csv"),
        notes.replace(
            "\n1016,,,,,,\n",
            "\n1016,Shiny,Shiny Code,,\"A new code for tests.\",backoff,\"the 1016 registration\"\n",
        ),
    )
    .unwrap();
    assert!(unfinished().is_empty());
    let (status, _, stderr) = c.run(&["update", "--url", &url]);
    assert_eq!(status, 2);
    assert!(stderr.contains("src/close_codes.rs, tools/tests/golden/close-codes.ts"), "{stderr}");
    assert!(stderr.contains("run `cargo run -p closecode-tools -- regenerate` first"), "{stderr}");
    let (status, stdout, _) = c.run(&["regenerate"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("wrote src/close_codes.rs"), "{stdout}");
    assert!(c.read("src/close_codes.rs").contains("        Shiny = 1016,\n"));
    let (status, stdout, _) = c.run(&["regenerate"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("every generated file is current"), "{stdout}");
    assert_eq!(c.run(&["update", "--url", &url]).0, 0);
}

#[test]
fn a_change_that_needs_no_person_has_no_stub() {
    let c = Checkout::new("update-cited");
    let (status, stdout, _) = c.run(&["update", "--url", &server().url("/cited.csv")]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.contains("- 1011: contact [IESG_HYBI] reference [RFC6455][RFC Errata 3227] -> contact [IESG_HYBI] reference [RFC6455][RFC Errata 3227][RFC9999]"), "{stdout}");
    assert!(!stdout.contains("### Annotations to fill"), "{stdout}");
    assert_eq!(c.read("registry/annotations.csv"), closecode_registry::ANNOTATIONS);
    assert!(c.read("src/close_codes.rs").contains("RFC9999"));
}

#[test]
fn the_checkout_is_found_from_the_current_directory_and_never_elsewhere() {
    let c = Checkout::new("found");
    let inside = c.path("src");
    let (status, stdout, stderr) =
        c.run_in(Some(&inside), &["update", "--dry-run", "--url", &server().url("/newer.csv")], &[]);
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert!(stderr.contains(&format!("into {}", c.root.display())), "{stderr}");
    let outside = std::env::temp_dir();
    let (status, _, stderr) = c.run_in(Some(&outside), &["update", "--url", &server().url("/newer.csv")], &[]);
    assert_eq!(status, 2);
    assert!(
        stderr.starts_with(&format!("error: no closecode checkout found: neither {} nor a parent", outside.display())),
        "{stderr}"
    );
    let (status, _, stderr) =
        c.run(&["update", "--repo", inside.to_str().unwrap(), "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 2);
    assert!(stderr.contains("is not a closecode checkout"), "{stderr}");
}

#[test]
fn a_download_that_removes_codes_is_refused_unless_allowed() {
    let c = Checkout::new("removals");
    let before = c.snapshot();
    let url = server().url("/older.csv");
    let (status, stdout, stderr) = c.run(&["update", "--url", &url]);
    assert_eq!(status, 3, "{stdout}{stderr}");
    assert!(stdout.contains("removed 3000 (variant `Unauthorized`)"), "{stdout}");
    assert!(stderr.contains("removes registered code(s) 1014, 3000, 3003, 3008; pass --allow-removals"), "{stderr}");
    assert_eq!(c.snapshot(), before);
    let (status, _, _) = c.run(&["update", "--allow-removals", "--url", &url]);
    assert_eq!(status, 0);
    assert_eq!(std::fs::read(c.path("registry/close-code-number.csv")).unwrap(), OLDER);
    assert!(!c.read("registry/annotations.csv").contains("Unauthorized"));
    assert!(!c.read("src/close_codes.rs").contains("BadGateway"));
}

#[test]
fn every_broken_source_fails_with_one_line_and_changes_no_file() {
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (refused_url(), vec![], "Connection refused"),
        (server().url("/missing.csv"), vec![], "the server answered HTTP 404, not 200"),
        (server().url("/error.csv"), vec![], "the server answered HTTP 500, not 200"),
        (server().url("/slow.csv"), vec!["--timeout", "0.5"], "timed out"),
        (server().url("/truncated.csv"), vec![], "reading the body failed"),
        (server().url("/garbage.csv"), vec![], "/garbage.csv:2: the download is not UTF-8 text"),
        (server().url("/page.html"), vec![], "the download is not a valid registry"),
        (server().url("/invalid-rows.csv"), vec![], "/invalid-rows.csv:3: code 1000 appears twice (first on line 2)"),
        (server().url("/huge.csv"), vec![], "the body is larger than the 1048576-byte limit"),
        (server().url("/huge-unsized.csv"), vec![], "the body is larger than the 1048576-byte limit"),
        (server().url("/current.csv"), vec!["--max-bytes", "100"], "the body is larger than the 100-byte limit"),
        ("not a url".to_string(), vec![], "download of not a url failed"),
    ];
    for (index, (url, extra, expected)) in cases.into_iter().enumerate() {
        let c = Checkout::new(&format!("broken-{index}"));
        let before = c.snapshot();
        let mut args = vec!["update", "--url", &url];
        args.extend(extra);
        let (status, stdout, stderr) = c.run(&args);
        assert_eq!(status, 2, "{url}: {stdout}{stderr}");
        let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(error_lines.len(), 1, "{url}: {stderr}");
        assert!(error_lines[0].contains(expected), "{url}: expected {expected:?} in {stderr}");
        assert!(error_lines[0].ends_with("; no file was changed"), "{stderr}");
        assert_eq!(c.snapshot(), before, "{url} changed a file");
    }
}

#[test]
fn a_broken_checkout_or_date_fails_before_any_download() {
    let c = Checkout::new("broken-checkout");
    std::fs::write(c.path("registry/annotations.csv"), "code,ident,name,flag,description\n1000,lower,,,\n").unwrap();
    let before = c.snapshot();
    let (status, _, stderr) = c.run(&["update", "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("the vendored registry is invalid: registry/annotations.csv:2: identifier `lower`"),
        "{stderr}"
    );
    assert_eq!(c.snapshot(), before);
    let c = Checkout::new("broken-date");
    let (status, _, stderr) =
        c.run_in(None, &["update", "--url", &server().url("/newer.csv")], &[("SOURCE_DATE_EPOCH", "soon")]);
    assert_eq!(status, 2);
    assert!(stderr.contains("SOURCE_DATE_EPOCH is `soon`"), "{stderr}");
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let c = Checkout::new("args");
    let (status, _, stderr) = c.run(&["frobnicate"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("unknown command `frobnicate`") && stderr.contains("usage:"), "{stderr}");
    let (status, _, stderr) = c.run(&["update", "--timeout", "soon"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--timeout takes seconds, not `soon`"), "{stderr}");
    let (status, stdout, _) = c.run(&["update", "--help"]);
    assert_eq!(status, 0);
    assert!(stdout.contains("--dry-run"), "{stdout}");
}
