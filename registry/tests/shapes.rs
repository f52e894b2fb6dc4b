//! The parser on whole registry files: today's, older shapes IANA has served, and broken ones.

use closecode_registry::{CodeSpan, Source, parse_registry};

fn parse(name: &str, bytes: &[u8]) -> Result<closecode_registry::Registry, closecode_registry::Error> {
    parse_registry(&Source::new(name, bytes))
}

fn registered(reg: &closecode_registry::Registry) -> Vec<u16> {
    reg.registrations().map(|e| e.row.span.first()).collect()
}

#[test]
fn the_vendored_file_keeps_its_crlf_row_ends() {
    // IANA's file is vendored byte for byte; `.gitattributes` keeps git from converting it.
    let csv = closecode_registry::CSV.as_bytes();
    assert_eq!(csv.windows(2).filter(|w| w == b"\r\n").count(), 25, "CRLF row ends survive git");
    assert!(csv.starts_with(b"Status Code,Meaning,Contact,Reference,Change Controller\r\n"));
}

#[test]
fn the_2015_shape_parses_four_columns_a_1014_range_and_stray_spaces() {
    let reg = parse("registry-2015.csv", include_bytes!("data/registry-2015.csv")).unwrap();
    let mut expected: Vec<u16> = (1000..=1013).collect();
    expected.push(1015);
    assert_eq!(registered(&reg), expected, "1014-1014 Unassigned is a range, not a registration");
    let gap = reg.entries().iter().find(|e| e.row.span == CodeSpan::Range(1014, 1014)).unwrap();
    assert_eq!(gap.ident, None);
    let restart = reg.registrations().find(|e| e.row.span == CodeSpan::Single(1012)).unwrap();
    assert_eq!(restart.row.contacts, ["Alexey_Melnikov"]);
    // The rows this snapshot splits differently have no annotation, and the ones it lacks
    // leave annotations unused; neither is an error.
    let unannotated: Vec<String> = reg.unannotated().map(|e| e.row.span.to_string()).collect();
    assert_eq!(unannotated, ["1014-1014", "1016-3999"]);
    assert!(reg.unused_annotations().iter().any(|a| a.span == CodeSpan::Single(1014)));
}

#[test]
fn a_collapsed_1014_meaning_gives_the_same_names() {
    let collapsed = parse("collapsed.csv", include_bytes!("data/registry-collapsed-1014.csv")).unwrap();
    let vendored = closecode_registry::vendored().unwrap();
    let names = |r: &closecode_registry::Registry| {
        r.entries().iter().map(|e| (e.ident.clone(), e.name.clone(), e.row.meaning_collapsed())).collect::<Vec<_>>()
    };
    assert_eq!(names(&collapsed), names(&vendored));
}

#[test]
fn a_newer_registry_gets_a_derived_identifier_for_its_new_code() {
    let reg = parse("newer.csv", include_bytes!("data/registry-newer.csv")).unwrap();
    let new = reg.registrations().find(|e| e.row.span == CodeSpan::Single(1016)).unwrap();
    assert_eq!(new.ident.as_deref(), Some("ShinyNewCode"));
    assert!(new.annotation.is_none());
}

#[test]
fn broken_files_fail_with_file_and_line() {
    let today = closecode_registry::CSV;
    let truncated = &today[..today.find("invalid response").unwrap()];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "empty",
            Vec::new(),
            "empty.csv:1: file is empty: expected the header `Status Code,Meaning,Contact,Reference`",
        ),
        (
            "header only",
            b"Status Code,Meaning,Contact,Reference\r\n".to_vec(),
            "header only.csv:1: registry has a header but no rows",
        ),
        (
            "html",
            b"<!DOCTYPE html>\n<html><body>Not Found</body></html>\n".to_vec(),
            "html.csv:1: header has no `Status Code` column",
        ),
        ("truncated", truncated.as_bytes().to_vec(), "truncated.csv:16: a quoted field is never closed"),
        (
            "latin1",
            b"Status Code,Meaning,Contact,Reference\r\n1000,Normal Clos\xe9,,\r\n".to_vec(),
            "latin1.csv:2: field is not valid UTF-8",
        ),
        (
            "duplicate",
            today.replace("1001,Going Away", "1000,Going Away").into_bytes(),
            "duplicate.csv:3: code 1000 appears twice (first on line 2)",
        ),
        (
            "overlap",
            today.replace("3001-3002,", "3001-3003,").into_bytes(),
            "overlap.csv:23: row 3003 overlaps row 3001-3003 on line 22",
        ),
        (
            "inverted",
            today.replace("3004-3007", "3007-3004").into_bytes(),
            "inverted.csv:24: status code range `3007-3004` is inverted: 3007 is above 3004",
        ),
        (
            "too big",
            today.replace("3008,", "70000,").into_bytes(),
            "too big.csv:25: status code `70000` is above 65535",
        ),
        (
            "collision",
            today.replace("3001-3002,Unassigned", "3001,Timeout").into_bytes(),
            "collision.csv:25: code 3008 would be named `Timeout`, which code 3001 (line 22) already has",
        ),
        (
            "missing column",
            b"Status Code,Meaning,Contact\r\n1000,Normal Closure,x\r\n".to_vec(),
            "missing column.csv:1: header has no `Reference` column",
        ),
    ];
    for (name, bytes, expected) in cases {
        let file = format!("{name}.csv");
        let err = parse(&file, &bytes).expect_err(name);
        assert_eq!(err.to_string(), expected, "{name}");
    }
}

#[test]
fn no_byte_string_makes_the_parser_panic() {
    // A cheap sweep before the fuzzer: every prefix of the real file, and the real file with
    // each byte replaced by a quote, a comma, a newline or 0xFF.
    let csv = closecode_registry::CSV.as_bytes();
    for end in 0..=csv.len() {
        let _ = parse("prefix.csv", &csv[..end]);
    }
    for i in 0..csv.len() {
        for b in [b'"', b',', b'\n', 0xff, b'-'] {
            let mut bytes = csv.to_vec();
            bytes[i] = b;
            if let Err(e) = parse("mutant.csv", &bytes) {
                assert!(e.line() >= 1 && !e.message().is_empty());
            }
        }
    }
}
