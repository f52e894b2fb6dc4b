//! Every public variant name is chosen by a person: in this repository a registry row without
//! a finished annotation is a test failure (a user's override only gets a build warning). The
//! updater's stubs (a line holding only the code) fail here, naming the code and the fields to
//! fill, until someone fills them.

use closecode_registry::{ANNOTATIONS_PATH, CSV_PATH, Registry, Source};

#[test]
fn every_vendored_row_has_a_finished_annotation() {
    let registry = closecode_registry::vendored().unwrap();
    let unfinished: Vec<String> =
        registry.unfinished_annotations(CSV_PATH, ANNOTATIONS_PATH).iter().map(ToString::to_string).collect();
    assert!(
        unfinished.is_empty(),
        "fill these annotations, then regenerate (cargo run -p closecode-tools -- regenerate):\n{}",
        unfinished.join("\n")
    );
}

fn with(csv: &str, annotations: &str) -> Registry {
    Registry::parse(&Source::new("r.csv", csv.as_bytes()), &Source::new("a.csv", annotations.as_bytes())).unwrap()
}

fn unfinished(registry: &Registry) -> Vec<String> {
    registry.unfinished_annotations("r.csv", "a.csv").iter().map(ToString::to_string).collect()
}

const CSV: &str = "Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n3009,Shiny New Code,,\r\n3010-3999,Unassigned,,\r\n";
const NOTES: &str = "code,ident,name,flag,description,reconnect,reconnect_source\n\
                     1000,NormalClosure,,,Done.,never,RFC 6455 7.4.1\n\
                     3010-3999,,Unassigned,,Open.,,\n";

#[test]
fn a_stub_fails_naming_the_code_and_the_fields_until_it_is_filled() {
    let stub = with(CSV, &format!("{NOTES}3009,,,,,,\n"));
    assert_eq!(
        unfinished(&stub),
        [
            "a.csv:4: 3009 (Shiny New Code) is not annotated yet: fill ident (it would be `ShinyNewCode`), description, reconnect, reconnect_source"
        ]
    );
    let half = with(CSV, &format!("{NOTES}3009,ShinyNewCode,,,A new code.,,\n"));
    assert_eq!(
        unfinished(&half),
        ["a.csv:4: 3009 (Shiny New Code) is not annotated yet: fill reconnect, reconnect_source"]
    );
    let filled = with(CSV, &format!("{NOTES}3009,ShinyNewCode,,,A new code.,backoff,\"the 3009 registration\"\n"));
    assert_eq!(unfinished(&filled), Vec::<String>::new());
}

#[test]
fn rows_without_a_line_and_lines_without_a_row_fail_too() {
    let csv = CSV.replace("3010-3999", "3010-3019,Unassigned,,\r\n3020,Other,,\r\n3021-3999");
    let notes = format!("{NOTES}3009,ShinyNewCode,,,A new code.,backoff,\"the 3009 registration\"\n");
    assert_eq!(
        unfinished(&with(&csv, &notes)),
        [
            "r.csv:4: 3010-3019 (Unassigned) has no line in a.csv: add one with a description",
            "r.csv:5: 3020 (Other) has no line in a.csv: add one with ident, description, reconnect and reconnect_source",
            "r.csv:6: 3021-3999 (Unassigned) has no line in a.csv: add one with a description",
            "a.csv:3: the annotation of 3010-3999 matches no registry row: remove it or correct its code",
        ]
    );
}

#[test]
fn every_registered_code_s_advice_says_where_it_comes_from() {
    let notes = closecode_registry::parse_annotations(&Source::new(
        ANNOTATIONS_PATH,
        closecode_registry::ANNOTATIONS.as_bytes(),
    ))
    .unwrap();
    for note in notes.iter().filter(|n| matches!(n.span, closecode_registry::CodeSpan::Single(_))) {
        let source = note.reconnect_source.as_deref().unwrap_or("");
        assert!(source.len() > 10, "line {}: {} does not say where its advice comes from", note.line, note.span);
    }
}

#[test]
fn bad_reconnect_advice_is_an_error_with_its_line() {
    let parse = |text: &str| {
        closecode_registry::parse_annotations(&Source::new("a.csv", text.as_bytes())).unwrap_err().to_string()
    };
    let header = "code,ident,name,flag,description,reconnect,reconnect_source\n";
    assert_eq!(
        parse(&format!("{header}1000,NormalClosure,,,,sometimes,\n")),
        "a.csv:2: reconnect advice `sometimes` is not one of `never`, `after-auth`, `soon`, `backoff`"
    );
    assert_eq!(
        parse(&format!("{header}1016-2999,,Unassigned,,,never,\n")),
        "a.csv:2: range 1016-2999 cannot have reconnect advice: ranges take their RFC 6455 range's"
    );
}
