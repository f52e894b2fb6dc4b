//! The updater binary against a real HTTP server on 127.0.0.1: what it shows, what it writes,
//! and that every failure leaves the vendored files byte for byte as they were.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;
use support::http::{Reply, Server, refused_url};

const NEWER: &[u8] = include_bytes!("data/registry-newer.csv");
const OLDER: &[u8] = include_bytes!("data/registry-2015.csv");
const COLLAPSED: &[u8] = include_bytes!("data/registry-collapsed-1014.csv");

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

/// A registry directory of its own, holding copies of the vendored files.
struct Vendored {
    dir: PathBuf,
}

impl Vendored {
    fn new(name: &str) -> Vendored {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("updater-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("close-code-number.csv"), closecode_registry::CSV).unwrap();
        std::fs::write(dir.join("annotations.csv"), closecode_registry::ANNOTATIONS).unwrap();
        std::fs::write(dir.join("provenance.txt"), closecode_registry::PROVENANCE).unwrap();
        Vendored { dir }
    }

    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(&self.dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_closecode-registry"))
            .args(args)
            .arg("--dir")
            .arg(&self.dir)
            .output()
            .unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
    }
}

#[test]
fn check_says_current_for_the_same_file() {
    let v = Vendored::new("check-current");
    let (status, stdout, _) = v.run(&["check", "--url", &server().url("/current.csv")]);
    assert_eq!(status, 0);
    assert!(stdout.contains("the vendored registry is current"), "{stdout}");
}

#[test]
fn check_exits_1_and_lists_changes_when_out_of_date() {
    let v = Vendored::new("check-newer");
    let before = v.files();
    let (status, stdout, _) = v.run(&["check", "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("added 1016 Shiny New Code (no annotation: variant `ShinyNewCode`)"), "{stdout}");
    assert!(stdout.contains("note: 1016 has no line in annotations.csv; it will be the variant `ShinyNewCode`"));
    assert_eq!(v.files(), before);
}

#[test]
fn check_reports_formatting_only_changes() {
    let v = Vendored::new("check-collapsed");
    let (status, stdout, _) = v.run(&["check", "--url", &server().url("/collapsed.csv")]);
    assert_eq!(status, 1);
    assert!(stdout.contains("formatting only"), "{stdout}");
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let v = Vendored::new("dry-run");
    let before = v.files();
    let (status, stdout, _) = v.run(&["update", "--dry-run", "--url", &server().url("/newer.csv")]);
    assert_eq!(status, 0);
    assert!(stdout.contains("added 1016") && stdout.contains("dry run: nothing written"), "{stdout}");
    assert_eq!(v.files(), before);
}

#[test]
fn update_replaces_the_csv_and_provenance_and_the_result_generates_the_new_code() {
    let v = Vendored::new("update-newer");
    let url = server().url("/newer.csv");
    let day_before = closecode_registry::vendor::today_utc();
    let (status, stdout, stderr) = v.run(&["update", "--url", &url]);
    let day_after = closecode_registry::vendor::today_utc();
    assert_eq!(status, 0, "{stdout}{stderr}");
    assert_eq!(std::fs::read(v.dir.join("close-code-number.csv")).unwrap(), NEWER, "stored byte for byte");
    let provenance = std::fs::read_to_string(v.dir.join("provenance.txt")).unwrap();
    assert!(provenance.contains(&format!("source = {url}")), "{provenance}");
    // The run may cross midnight UTC: either day is right.
    assert!(
        [day_before, day_after].iter().any(|day| provenance.contains(&format!("retrieved = {day}"))),
        "{provenance}"
    );
    assert_eq!(v.files().len(), 3, "no temporary file is left behind");
    let csv = std::fs::read(v.dir.join("close-code-number.csv")).unwrap();
    let registry = closecode_registry::parse_registry(&closecode_registry::Source::new("new", &csv)).unwrap();
    let prov =
        closecode_registry::Provenance::parse(&closecode_registry::Source::new("p", provenance.as_bytes())).unwrap();
    assert!(closecode_registry::generate(&registry, &prov).contains("        ShinyNewCode = 1016,\n"));
    // A second run finds it current.
    let (status, stdout, _) = v.run(&["check", "--url", &url]);
    assert_eq!((status, stdout.trim()), (0, "the vendored registry is current"));
}

#[test]
fn a_download_that_removes_codes_is_refused_unless_allowed() {
    let v = Vendored::new("removals");
    let before = v.files();
    let url = server().url("/older.csv");
    let (status, stdout, stderr) = v.run(&["update", "--url", &url]);
    assert_eq!(status, 3, "{stdout}{stderr}");
    assert!(stdout.contains("removed 3000 (variant `Unauthorized`)"), "{stdout}");
    assert!(stderr.contains("removes registered code(s) 1014, 3000, 3003, 3008; pass --allow-removals"), "{stderr}");
    assert_eq!(v.files(), before);
    let (status, _, _) = v.run(&["update", "--allow-removals", "--url", &url]);
    assert_eq!(status, 0);
    assert_eq!(std::fs::read(v.dir.join("close-code-number.csv")).unwrap(), OLDER);
}

#[test]
fn every_broken_source_fails_with_one_line_and_changes_nothing() {
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
        let v = Vendored::new(&format!("broken-{index}"));
        let before = v.files();
        let mut args = vec!["update", "--url", &url];
        args.extend(extra);
        let (status, stdout, stderr) = v.run(&args);
        assert_eq!(status, 2, "{url}: {stdout}{stderr}");
        let error_lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(error_lines.len(), 1, "{url}: {stderr}");
        assert!(error_lines[0].contains(expected), "{url}: expected {expected:?} in {stderr}");
        assert!(error_lines[0].ends_with("the vendored files are unchanged"), "{stderr}");
        assert_eq!(v.files(), before, "{url} changed the vendored files");
    }
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let v = Vendored::new("args");
    let (status, _, stderr) = v.run(&["frobnicate"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("unknown command `frobnicate`") && stderr.contains("usage:"), "{stderr}");
    let (status, _, stderr) = v.run(&["update", "--timeout", "soon"]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--timeout takes seconds, not `soon`"), "{stderr}");
}
