//! Every public variant name is chosen by a person: in this repository a registry row without
//! an annotation is a test failure (a user's override only gets a build warning).

#[test]
fn every_vendored_row_has_an_annotation() {
    let registry = closecode_registry::vendored().unwrap();
    let missing: Vec<String> = registry
        .unannotated()
        .map(|e| format!("{} (would be named `{}`)", e.row.span, e.ident.as_deref().unwrap_or("-")))
        .collect();
    assert!(
        missing.is_empty(),
        "add a line to registry/annotations.csv (pinned identifier, name, description, reconnect advice) for: {}",
        missing.join(", ")
    );
    assert!(registry.unused_annotations().is_empty(), "annotations for rows the CSV no longer has");
}

#[test]
fn the_check_catches_a_row_without_an_annotation() {
    let csv =
        closecode_registry::CSV.replace("3004-3007,Unassigned", "3004,New Library Code,,,\r\n3005-3007,Unassigned");
    let registry =
        closecode_registry::parse_registry(&closecode_registry::Source::new("new.csv", csv.as_bytes())).unwrap();
    let unannotated: Vec<String> = registry.unannotated().map(|e| e.row.span.to_string()).collect();
    assert_eq!(unannotated, ["3004", "3005-3007"]);
}

#[test]
fn every_registered_code_has_reconnect_advice_with_its_source() {
    let notes = closecode_registry::parse_annotations(&closecode_registry::Source::new(
        closecode_registry::ANNOTATIONS_PATH,
        closecode_registry::ANNOTATIONS.as_bytes(),
    ))
    .unwrap();
    for note in notes.iter().filter(|n| matches!(n.span, closecode_registry::CodeSpan::Single(_))) {
        assert!(note.reconnect.is_some(), "line {}: {} has no reconnect advice", note.line, note.span);
        let source = note.reconnect_source.as_deref().unwrap_or("");
        assert!(source.len() > 10, "line {}: {} does not say where its advice comes from", note.line, note.span);
    }
}

#[test]
fn bad_reconnect_advice_is_an_error_with_its_line() {
    let parse = |text: &str| {
        closecode_registry::parse_annotations(&closecode_registry::Source::new("a.csv", text.as_bytes()))
            .unwrap_err()
            .to_string()
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
