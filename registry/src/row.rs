//! IANA's rows: the registry CSV as typed values.

use crate::records::{self, Record};
use crate::{CodeSpan, Error, Source};

/// One row of IANA's registry, as the CSV has it.
///
/// ```
/// use closecode_registry::{CodeSpan, Source, parse_rows};
///
/// let rows = parse_rows(&Source::new("r.csv", closecode_registry::CSV.as_bytes())).unwrap();
/// let internal = rows.iter().find(|r| r.span == CodeSpan::Single(1011)).unwrap();
/// assert_eq!(internal.meaning, "Internal Error");
/// assert_eq!(internal.references, ["RFC6455", "RFC Errata 3227"]);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The line of the CSV the row starts on.
    pub line: u64,
    /// The code or range the row covers.
    pub span: CodeSpan,
    /// The Meaning field verbatim (line breaks and indentation included).
    pub meaning: String,
    /// The Contact field split into its `[..]` entries, each trimmed.
    pub contacts: Vec<String>,
    /// The Reference field split into its `[..]` entries, each trimmed.
    pub references: Vec<String>,
}

impl Row {
    /// The Meaning with every run of white space collapsed to one space and the ends trimmed:
    /// the form names are made from.
    ///
    /// ```
    /// # use closecode_registry::{CodeSpan, Row};
    /// let row = Row { line: 1, span: CodeSpan::Single(1014), meaning: "acting as a\n   gateway ".into(),
    ///                 contacts: vec![], references: vec![] };
    /// assert_eq!(row.meaning_collapsed(), "acting as a gateway");
    /// ```
    pub fn meaning_collapsed(&self) -> String {
        collapse_whitespace(&self.meaning)
    }
}

/// Collapses every run of white space to one space and trims the ends.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

const CODE: &str = "Status Code";
const MEANING: &str = "Meaning";
const CONTACT: &str = "Contact";
const REFERENCE: &str = "Reference";

/// Parses IANA's CSV into rows, in file order.
///
/// The header is found by name (case and surrounding spaces ignored), so the 4-column
/// header of old snapshots and today's 5-column one both work; other columns are ignored.
/// Row-level checks only: the rules between rows (overlaps, identifiers) belong to
/// [`parse_registry`](crate::parse_registry).
///
/// ```
/// use closecode_registry::{Source, parse_rows};
///
/// let csv = b"Status Code,Meaning,Contact,Reference\r\n1000,Normal Closure,[IESG_HYBI],[RFC6455]\r\n";
/// let rows = parse_rows(&Source::new("old.csv", csv)).unwrap();
/// assert_eq!(rows[0].contacts, ["IESG_HYBI"]);
///
/// let err = parse_rows(&Source::new("bad.csv", b"Status Code,Meaning\r\n")).unwrap_err();
/// assert_eq!(err.to_string(), "bad.csv:1: header has no `Contact` column");
/// ```
///
/// # Errors
///
/// An [`Error`] with the line for: no header, a header without one of the four columns, a row
/// with too few fields, a bad status code (see [`CodeSpan`]), an empty Meaning, and whatever
/// the CSV layer finds (unclosed quote, bytes that are not UTF-8).
pub fn parse_rows(src: &Source<'_>) -> Result<Vec<Row>, Error> {
    let records = records::read(src, false)?;
    let Some((header, body)) = records.split_first() else {
        return Err(Error::new(
            src.name(),
            1,
            "file is empty: expected the header `Status Code,Meaning,Contact,Reference`",
        ));
    };
    let columns = Columns::find(src, header)?;
    body.iter().map(|record| columns.row(src, record)).collect()
}

struct Columns {
    code: usize,
    meaning: usize,
    contact: usize,
    reference: usize,
}

impl Columns {
    fn find(src: &Source<'_>, header: &Record) -> Result<Self, Error> {
        let find = |name: &str| {
            header
                .fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(name))
                .ok_or_else(|| Error::new(src.name(), header.line, format!("header has no `{name}` column")))
        };
        Ok(Columns { code: find(CODE)?, meaning: find(MEANING)?, contact: find(CONTACT)?, reference: find(REFERENCE)? })
    }

    fn row(&self, src: &Source<'_>, record: &Record) -> Result<Row, Error> {
        let at = |message: String| Error::new(src.name(), record.line, message);
        let field = |index: usize, name: &str| {
            record.fields.get(index).map(String::as_str).ok_or_else(|| {
                at(format!(
                    "row has {} field(s), so its `{name}` column (number {}) is missing",
                    record.fields.len(),
                    index + 1
                ))
            })
        };
        let span: CodeSpan = field(self.code, CODE)?.parse().map_err(|e| at(format!("{e}")))?;
        let meaning = field(self.meaning, MEANING)?;
        if meaning.trim().is_empty() {
            return Err(at(format!("code {span} has an empty Meaning")));
        }
        Ok(Row {
            line: record.line,
            span,
            meaning: meaning.to_string(),
            contacts: split_brackets(field(self.contact, CONTACT)?),
            references: split_brackets(field(self.reference, REFERENCE)?),
        })
    }
}

/// Splits `[a][b ]` into `["a", "b"]`. A field that is not a run of bracketed entries is
/// kept whole (trimmed) as one entry, so no text is ever dropped.
pub(crate) fn split_brackets(field: &str) -> Vec<String> {
    let text = field.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut entries = Vec::new();
    let mut rest = text;
    while let Some(inner) = rest.strip_prefix('[') {
        let Some(end) = inner.find(']') else { break };
        entries.push(inner[..end].trim().to_string());
        rest = inner[end + 1..].trim_start();
    }
    if rest.is_empty() { entries } else { vec![collapse_whitespace(text)] }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Status Code,Meaning,Contact,Reference,Change Controller\r\n";

    fn parse(body: &str) -> Result<Vec<Row>, Error> {
        let text = format!("{HEADER}{body}");
        parse_rows(&Source::new("t.csv", text.as_bytes()))
    }

    fn err(body: &str) -> String {
        parse(body).unwrap_err().to_string()
    }

    #[test]
    fn real_rows_parse() {
        let rows = parse(
            "1011,Internal Error,[IESG_HYBI],[RFC6455][RFC Errata 3227],\r\n\
             1016-2999,Unassigned,,,\r\n",
        )
        .unwrap();
        assert_eq!(
            rows[0],
            Row {
                line: 2,
                span: CodeSpan::Single(1011),
                meaning: "Internal Error".into(),
                contacts: vec!["IESG_HYBI".into()],
                references: vec!["RFC6455".into(), "RFC Errata 3227".into()],
            }
        );
        assert_eq!(rows[1].span, CodeSpan::Range(1016, 2999));
        assert!(rows[1].contacts.is_empty() && rows[1].references.is_empty());
    }

    #[test]
    fn the_quoted_1014_meaning_is_kept_verbatim_and_collapsed_for_names() {
        let rows = parse(
            "1014,\"The server was acting as a gateway or proxy and received an\n        invalid response.\",[Alexey_Melnikov],[https://example.org/x/],\r\n\
             1015,TLS handshake,[IESG_HYBI],[RFC6455],\r\n",
        )
        .unwrap();
        assert!(rows[0].meaning.contains("an\n        invalid"));
        assert_eq!(
            rows[0].meaning_collapsed(),
            "The server was acting as a gateway or proxy and received an invalid response."
        );
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn a_stray_space_in_a_contact_is_trimmed() {
        let rows = parse("1012,Service Restart,[Alexey_Melnikov ],[x],\r\n").unwrap();
        assert_eq!(rows[0].contacts, ["Alexey_Melnikov"]);
    }

    #[test]
    fn the_four_column_header_and_reordered_columns_work() {
        let old = "Status Code,Meaning,Contact,Reference\r\n1014-1014,Unassigned,,\r\n";
        let rows = parse_rows(&Source::new("old.csv", old.as_bytes())).unwrap();
        assert_eq!(rows[0].span, CodeSpan::Range(1014, 1014));
        let shuffled = "Reference, meaning ,STATUS CODE,Contact\n[RFC6455],Going Away,1001,[IESG_HYBI]\n";
        let rows = parse_rows(&Source::new("s.csv", shuffled.as_bytes())).unwrap();
        assert_eq!(rows[0].span, CodeSpan::Single(1001));
        assert_eq!(rows[0].meaning, "Going Away");
    }

    #[test]
    fn malformed_rows_are_errors_with_their_line() {
        assert_eq!(err("1000,Normal Closure,,,\r\nabc,X,,,\r\n"), "t.csv:3: status code `abc` is not a number");
        assert_eq!(err("70000,X,,,\r\n"), "t.csv:2: status code `70000` is above 65535");
        assert_eq!(err("3000-2000,X,,,\r\n"), "t.csv:2: status code range `3000-2000` is inverted: 3000 is above 2000");
        assert_eq!(
            err("1000,Normal Closure\r\n"),
            "t.csv:2: row has 2 field(s), so its `Contact` column (number 3) is missing"
        );
        assert_eq!(err("1000,  ,,,\r\n"), "t.csv:2: code 1000 has an empty Meaning");
        assert_eq!(err(",X,,,\r\n"), "t.csv:2: status code is empty");
    }

    #[test]
    fn a_file_without_header_or_columns_is_an_error() {
        assert_eq!(
            parse_rows(&Source::new("e.csv", b"")).unwrap_err().to_string(),
            "e.csv:1: file is empty: expected the header `Status Code,Meaning,Contact,Reference`"
        );
        assert_eq!(
            parse_rows(&Source::new("h.csv", b"\n\nCode,Meaning,Contact,Reference\n")).unwrap_err().to_string(),
            "h.csv:3: header has no `Status Code` column"
        );
    }

    #[test]
    fn brackets_split_and_odd_fields_are_kept_whole() {
        assert_eq!(split_brackets("[RFC6455][RFC Errata 3227]"), ["RFC6455", "RFC Errata 3227"]);
        assert_eq!(split_brackets(" [a] [b] "), ["a", "b"]);
        assert_eq!(split_brackets(""), Vec::<String>::new());
        assert_eq!(split_brackets("RFC 6455"), ["RFC 6455"]);
        assert_eq!(split_brackets("[a] trailing"), ["[a] trailing"]);
        assert_eq!(split_brackets("[unclosed"), ["[unclosed"]);
    }
}
