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
