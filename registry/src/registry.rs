//! The registry as closecode uses it: IANA's rows joined with our annotations and checked
//! as a whole (no overlaps, one identifier per variant).

use crate::annotations::{RESERVED_IDENTS, parse_annotations};
use crate::row::{Row, collapse_whitespace, parse_rows};
use crate::{Advice, Annotation, CodeSpan, Error, Flag, Source};
use std::collections::HashMap;

/// The codes IANA can register (RFC 6455 section 7.4.2): 1000-2999 by IETF review, 3000-3999
/// first come first served. Every registration a [`Registry`] holds lies here.
///
/// ```
/// assert!(closecode_registry::REGISTRABLE.contains(&3008));
/// assert!(!closecode_registry::REGISTRABLE.contains(&4001));
/// ```
pub const REGISTRABLE: std::ops::RangeInclusive<u16> = 1000..=3999;

/// One registry row with everything the generator needs.
///
/// ```
/// let registry = closecode_registry::vendored().unwrap();
/// let gateway = registry.registrations().find(|e| e.row.span.first() == 1014).unwrap();
/// assert_eq!((gateway.ident.as_deref(), gateway.name.as_str()), (Some("BadGateway"), "Bad Gateway"));
/// assert!(gateway.annotation.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Entry {
    /// IANA's row.
    pub row: Row,
    /// The variant name: pinned by an annotation or derived from Meaning. `None` for ranges.
    pub ident: Option<String>,
    /// The display name: the annotation's, else the collapsed Meaning.
    pub name: String,
    /// One sentence: the annotation's, else the collapsed Meaning.
    pub description: String,
    /// The protocol flag from the annotation.
    pub flag: Flag,
    /// The reconnect advice from the annotation; `None` takes the code's range's.
    pub reconnect: Option<Advice>,
    /// The line of the annotations file that covers this row, if any (the updater lists the
    /// rows that lack one, and [`Registry::unfinished_annotations`] the lines still to fill).
    pub annotation: Option<Annotation>,
}

impl Entry {
    /// Whether this row registers exactly one code (and so becomes a variant).
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert!(reg.entries()[0].is_registration());
    /// ```
    pub fn is_registration(&self) -> bool {
        matches!(self.row.span, CodeSpan::Single(_))
    }
}

/// The whole registry: entries sorted by code, without overlaps.
///
/// ```
/// let reg = closecode_registry::vendored().unwrap();
/// let idents: Vec<_> = reg.registrations().filter_map(|e| e.ident.as_deref()).collect();
/// assert_eq!(idents.len(), 19);
/// assert_eq!(idents[0], "NormalClosure");
/// assert_eq!(idents[18], "Timeout");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registry {
    entries: Vec<Entry>,
    unused_annotations: Vec<Annotation>,
}

impl Registry {
    /// Parses IANA's CSV and our annotations and checks them together.
    ///
    /// ```
    /// use closecode_registry::{Registry, Source};
    ///
    /// let csv = b"Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n1000,Again,,\r\n";
    /// let notes = b"code,ident,name,flag,description\n";
    /// let err = Registry::parse(&Source::new("r.csv", csv), &Source::new("a.csv", notes)).unwrap_err();
    /// assert_eq!(err.to_string(), "r.csv:3: code 1000 appears twice (first on line 2)");
    /// ```
    ///
    /// # Errors
    ///
    /// Everything [`parse_rows`] and
    /// [`parse_annotations`] reject, plus, in the CSV: a code listed
    /// twice, rows that overlap, two codes that end up with the same identifier, no rows at all,
    /// a registration outside 1000-3999 ([`REGISTRABLE`]: RFC 6455 section 7.4.2 leaves 0-999
    /// unused and 4000-4999 to private use, so IANA registers nothing there, and `CloseCode`'s
    /// `Private` and `OutOfRange` variants rely on it).
    pub fn parse(csv: &Source<'_>, annotations: &Source<'_>) -> Result<Registry, Error> {
        let mut rows = parse_rows(csv)?;
        let mut notes = parse_annotations(annotations)?;
        if rows.is_empty() {
            return Err(Error::new(csv.name(), 1, "registry has a header but no rows"));
        }
        check_overlaps(csv, &rows)?;
        rows.sort_by_key(|row| row.span.first());
        let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
        // Identifier -> index of the entry that has it, so collisions cost no scan.
        let mut taken: HashMap<String, usize> = HashMap::with_capacity(rows.len());
        for row in rows {
            let misplaced = match row.span {
                CodeSpan::Single(code) => (!REGISTRABLE.contains(&code)).then_some(code),
                CodeSpan::Range(..) => None,
            };
            if let Some(code) = misplaced {
                return Err(Error::new(
                    csv.name(),
                    row.line,
                    format!(
                        "code {code} cannot be registered: IANA registers codes in {}-{} only (RFC 6455 section 7.4.2)",
                        REGISTRABLE.start(),
                        REGISTRABLE.end()
                    ),
                ));
            }
            let note = notes.iter().position(|n| n.span == row.span).map(|i| notes.remove(i));
            let collapsed = row.meaning_collapsed();
            let ident = match (&row.span, note.as_ref().and_then(|n| n.ident.clone())) {
                (CodeSpan::Range(..), _) => None,
                (_, Some(pinned)) => Some(pinned),
                (CodeSpan::Single(code), None) => Some(derive_ident(*code, &collapsed)),
            };
            if let Some(ident) = &ident {
                if let Some(other) = taken.get(ident).map(|&i| &entries[i]) {
                    return Err(Error::new(
                        csv.name(),
                        row.line,
                        format!(
                            "code {} would be named `{ident}`, which code {} (line {}) already has",
                            row.span, other.row.span, other.row.line
                        ),
                    ));
                }
                taken.insert(ident.clone(), entries.len());
            }
            let name = note.as_ref().and_then(|n| n.name.clone()).unwrap_or_else(|| collapsed.clone());
            let description = note.as_ref().and_then(|n| n.description.clone()).unwrap_or(collapsed);
            entries.push(Entry {
                ident,
                name,
                description,
                flag: note.as_ref().map_or(Flag::None, |n| n.flag),
                reconnect: note.as_ref().and_then(|n| n.reconnect),
                annotation: note,
                row,
            });
        }
        Ok(Registry { entries, unused_annotations: notes })
    }

    /// Every row, sorted by its first code.
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert_eq!(reg.entries().len(), 24);
    /// ```
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The rows that register exactly one code, sorted by code.
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert_eq!(reg.registrations().count(), 19);
    /// ```
    pub fn registrations(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.is_registration())
    }

    /// The rows no annotation covers: their identifier, name and description were derived
    /// from IANA's Meaning.
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert_eq!(reg.unannotated().count(), 0);
    /// ```
    pub fn unannotated(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.annotation.is_none())
    }

    /// Checks that this registry (a user's file or a download, used instead of the vendored
    /// one) keeps every registration of `vendored` under the same variant name: it may add
    /// registrations and change texts, never remove or rename, so no crate that compiles
    /// against the vendored registry stops compiling.
    ///
    /// ```
    /// use closecode_registry::{Source, parse_registry, vendored};
    ///
    /// let older = closecode_registry::CSV.replace("3008,Timeout,[Morgan_Jones],,\r\n", "");
    /// let older = older.replace("3004-3007", "3004-3008");
    /// let file = parse_registry(&Source::new("old.csv", older.as_bytes())).unwrap();
    /// let err = file.check_extends(&vendored().unwrap(), "old.csv").unwrap_err();
    /// assert!(err.to_string().starts_with("old.csv:24: lacks 3008 (`Timeout`), which the vendored registry has"));
    /// ```
    ///
    /// # Errors
    ///
    /// One [`Error`] naming every missing or renamed code, at the line of the row that now
    /// covers the first of them (line 1 when no row does), in the file called `file`.
    pub fn check_extends(&self, vendored: &Registry, file: &str) -> Result<(), Error> {
        let mut problems = Vec::new();
        let mut line = None;
        for old in vendored.registrations() {
            let (CodeSpan::Single(code), Some(ident)) = (old.row.span, old.ident.as_deref()) else { continue };
            let now = self.entries.iter().find(|e| e.row.span.first() <= code && code <= e.row.span.last());
            match now.map(|e| (e.is_registration(), e.ident.as_deref())) {
                Some((true, Some(same))) if same == ident => continue,
                Some((true, Some(other))) => problems.push(format!("renames {code} from `{ident}` to `{other}`")),
                _ => problems.push(format!("lacks {code} (`{ident}`)")),
            }
            line = line.or(Some(now.map_or(1, |e| e.row.line)));
        }
        if problems.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            file,
            line.unwrap_or(1),
            format!(
                "{}, which the vendored registry has; a registry used instead of the vendored one may add \
                 registrations, never remove or rename one (crates that use the variant would stop compiling): \
                 use a newer registry file, or build with the vendored one",
                problems.join(", ")
            ),
        ))
    }

    /// Everything this repository's tests demand of the annotations that is still missing, one
    /// error per row, in the files called `csv` and `annotations`: a row without a line in the
    /// annotations file (at the CSV row's line); a registration whose line lacks its pinned
    /// `ident`, its `description`, its `reconnect` advice or the advice's `reconnect_source`,
    /// or a range row whose line lacks its `description` (at the annotation's line, naming the
    /// fields: the updater's stubs are such lines); an annotation that matches no row.
    ///
    /// A registry with unfinished annotations still builds (identifiers, names and
    /// descriptions are derived from IANA's Meaning, advice from the range), so an update can
    /// land; the tests of this repository fail on it, so no release ships a name nobody chose.
    ///
    /// ```
    /// use closecode_registry::{Registry, Source};
    ///
    /// let csv = b"Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,,\r\n3009,Shiny New Code,,\r\n";
    /// let notes = b"code,ident,name,flag,description,reconnect,reconnect_source\n1000,NormalClosure,,,Done.,never,RFC 6455\n3009,,,,,,\n";
    /// let registry = Registry::parse(&Source::new("r.csv", csv), &Source::new("a.csv", notes))?;
    /// let unfinished: Vec<String> = registry.unfinished_annotations("r.csv", "a.csv").iter().map(|e| e.to_string()).collect();
    /// assert_eq!(
    ///     unfinished,
    ///     ["a.csv:3: 3009 (Shiny New Code) is not annotated yet: fill ident (it would be `ShinyNewCode`), description, reconnect, reconnect_source"]
    /// );
    /// assert!(closecode_registry::vendored()?.unfinished_annotations("r.csv", "a.csv").is_empty());
    /// # Ok::<(), closecode_registry::Error>(())
    /// ```
    pub fn unfinished_annotations(&self, csv: &str, annotations: &str) -> Vec<Error> {
        let mut errors = Vec::new();
        for entry in &self.entries {
            let meaning = entry.row.meaning_collapsed();
            let Some(note) = &entry.annotation else {
                let fields = if entry.is_registration() {
                    "ident, description, reconnect and reconnect_source"
                } else {
                    "a description"
                };
                errors.push(Error::new(
                    csv,
                    entry.row.line,
                    format!("{} ({meaning}) has no line in {annotations}: add one with {fields}", entry.row.span),
                ));
                continue;
            };
            let mut missing = Vec::new();
            if entry.is_registration() {
                if note.ident.is_none() {
                    missing.push(format!("ident (it would be `{}`)", entry.ident.as_deref().unwrap_or_default()));
                }
                if note.description.is_none() {
                    missing.push("description".to_string());
                }
                if note.reconnect.is_none() {
                    missing.push("reconnect".to_string());
                }
                if note.reconnect_source.is_none() {
                    missing.push("reconnect_source".to_string());
                }
            } else if note.description.is_none() {
                missing.push("description".to_string());
            }
            if !missing.is_empty() {
                errors.push(Error::new(
                    annotations,
                    note.line,
                    format!("{} ({meaning}) is not annotated yet: fill {}", entry.row.span, missing.join(", ")),
                ));
            }
        }
        for note in &self.unused_annotations {
            errors.push(Error::new(
                annotations,
                note.line,
                format!("the annotation of {} matches no registry row: remove it or correct its code", note.span),
            ));
        }
        errors
    }

    /// Annotations for rows the CSV no longer has (IANA removed or re-split them).
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert!(reg.unused_annotations().is_empty());
    /// ```
    pub fn unused_annotations(&self) -> &[Annotation] {
        &self.unused_annotations
    }
}

/// Rejects a code covered by two rows, reporting the later row (in file order) and the first.
fn check_overlaps(csv: &Source<'_>, rows: &[Row]) -> Result<(), Error> {
    let mut order: Vec<&Row> = rows.iter().collect();
    order.sort_by_key(|row| (row.span.first(), row.line));
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.span.overlaps(b.span) {
            let (first, later) = if a.line < b.line { (a, b) } else { (b, a) };
            let message = if first.span == later.span {
                format!("code {} appears twice (first on line {})", later.span, first.line)
            } else {
                format!("row {} overlaps row {} on line {}", later.span, first.span, first.line)
            };
            return Err(Error::new(csv.name(), later.line, message));
        }
    }
    Ok(())
}

/// An identifier for a code nobody annotated: the Meaning's words in upper camel case
/// (`"Try Again Later"` -> `TryAgainLater`), or `Code<N>` when that gives nothing usable.
///
/// ```
/// assert_eq!(closecode_registry::derive_ident(1016, "Some New Thing"), "SomeNewThing");
/// assert_eq!(closecode_registry::derive_ident(1017, "TLS-over-QUIC failure"), "TlsOverQuicFailure");
/// assert_eq!(closecode_registry::derive_ident(1018, "3rd party"), "Code1018");
/// assert_eq!(closecode_registry::derive_ident(1019, "«»"), "Code1019");
/// ```
pub fn derive_ident(code: u16, meaning: &str) -> String {
    let ident: String = collapse_whitespace(meaning)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            let first = chars.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(chars.map(|c| c.to_ascii_lowercase())).collect::<String>()
        })
        .collect();
    let usable = ident.starts_with(|c: char| c.is_ascii_uppercase()) && !RESERVED_IDENTS.contains(&ident.as_str());
    if usable { ident } else { format!("Code{code}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Status Code,Meaning,Contact,Reference,Change Controller\r\n";
    const NOTES: &str = "code,ident,name,flag,description\n";

    fn parse(csv_body: &str, notes_body: &str) -> Result<Registry, Error> {
        let csv = format!("{HEADER}{csv_body}");
        let notes = format!("{NOTES}{notes_body}");
        Registry::parse(&Source::new("r.csv", csv.as_bytes()), &Source::new("a.csv", notes.as_bytes()))
    }

    fn err(csv_body: &str, notes_body: &str) -> String {
        parse(csv_body, notes_body).unwrap_err().to_string()
    }

    #[test]
    fn the_vendored_registry_has_the_nineteen_pinned_identifiers() {
        let reg = crate::vendored().unwrap();
        let got: Vec<(u16, &str)> =
            reg.registrations().map(|e| (e.row.span.first(), e.ident.as_deref().unwrap())).collect();
        let want = [
            (1000, "NormalClosure"),
            (1001, "GoingAway"),
            (1002, "ProtocolError"),
            (1003, "UnsupportedData"),
            (1004, "Reserved"),
            (1005, "NoStatusReceived"),
            (1006, "AbnormalClosure"),
            (1007, "InvalidFramePayloadData"),
            (1008, "PolicyViolation"),
            (1009, "MessageTooBig"),
            (1010, "MandatoryExtension"),
            (1011, "InternalError"),
            (1012, "ServiceRestart"),
            (1013, "TryAgainLater"),
            (1014, "BadGateway"),
            (1015, "TlsHandshake"),
            (3000, "Unauthorized"),
            (3003, "Forbidden"),
            (3008, "Timeout"),
        ];
        assert_eq!(got, want);
        assert!(reg.unannotated().next().is_none());
        assert!(reg.unused_annotations().is_empty());
    }

    #[test]
    fn annotations_override_names_and_unannotated_rows_derive_them() {
        let reg = parse(
            "1005,No Status Rcvd,,,\r\n1016,Brand New Code,,,\r\n1017-2999,Unassigned,,,\r\n",
            "1005,NoStatusReceived,No Status Received,local-only,Never sent.\n",
        )
        .unwrap();
        let [known, new, range] = reg.entries() else { panic!("three entries") };
        assert_eq!(
            (known.ident.as_deref(), known.name.as_str(), known.flag),
            (Some("NoStatusReceived"), "No Status Received", Flag::LocalOnly)
        );
        assert_eq!(known.description, "Never sent.");
        assert_eq!(
            (new.ident.as_deref(), new.name.as_str(), new.annotation.is_some()),
            (Some("BrandNewCode"), "Brand New Code", false)
        );
        assert_eq!(new.description, "Brand New Code");
        assert_eq!((range.ident.as_deref(), range.name.as_str()), (None, "Unassigned"));
        assert_eq!(reg.unannotated().count(), 2);
    }

    #[test]
    fn rows_out_of_order_are_sorted() {
        let reg = parse("3000,B,,,\r\n1000,A,,,\r\n", "").unwrap();
        assert_eq!(reg.entries()[0].row.span, CodeSpan::Single(1000));
    }

    #[test]
    fn duplicates_and_overlaps_are_errors_on_the_later_line() {
        assert_eq!(err("1000,A,,,\r\n1000,B,,,\r\n", ""), "r.csv:3: code 1000 appears twice (first on line 2)");
        assert_eq!(err("1016-2999,U,,,\r\n2000,X,,,\r\n", ""), "r.csv:3: row 2000 overlaps row 1016-2999 on line 2");
        assert_eq!(err("2000,X,,,\r\n1016-2999,U,,,\r\n", ""), "r.csv:3: row 1016-2999 overlaps row 2000 on line 2");
        assert_eq!(
            err("1000-1010,U,,,\r\n1010-1020,V,,,\r\n", ""),
            "r.csv:3: row 1010-1020 overlaps row 1000-1010 on line 2"
        );
    }

    #[test]
    fn an_identifier_collision_is_an_error() {
        assert_eq!(
            err("3008,Timeout,,,\r\n3010,TIMEOUT,,,\r\n", ""),
            "r.csv:3: code 3010 would be named `Timeout`, which code 3008 (line 2) already has"
        );
        assert_eq!(
            err("1000,Normal Closure,,,\r\n1001,Going Away,,,\r\n", "1001,NormalClosure,,,\n"),
            "r.csv:3: code 1001 would be named `NormalClosure`, which code 1000 (line 2) already has"
        );
    }

    #[test]
    fn stale_annotations_are_reported_not_fatal() {
        let reg = parse("1000,Normal Closure,,,\r\n", "1000,NormalClosure,,,\n1999,Gone,,,\n").unwrap();
        assert_eq!(reg.unused_annotations().len(), 1);
        assert_eq!(reg.unused_annotations()[0].line, 3);
    }

    #[test]
    fn derived_identifiers_avoid_reserved_words() {
        assert_eq!(derive_ident(1020, "self"), "Code1020");
        assert_eq!(derive_ident(1021, "unassigned"), "Code1021");
        assert_eq!(derive_ident(1024, "Private"), "Code1024");
        assert_eq!(derive_ident(1025, "out of range"), "Code1025");
        assert_eq!(derive_ident(1026, "unregistered"), "Unregistered");
        assert_eq!(derive_ident(1022, "  "), "Code1022");
        assert_eq!(derive_ident(1023, "fn"), "Fn");
    }
}
