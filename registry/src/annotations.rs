//! closecode's own annotations: what IANA's CSV cannot carry.

use crate::records;
use crate::{CodeSpan, Error, Source};

/// The protocol status RFC 6455 §7.4.1 gives a registered code beyond "defined for use".
///
/// ```
/// assert_eq!("local-only".parse(), Ok(closecode_registry::Flag::LocalOnly));
/// assert_eq!("".parse(), Ok(closecode_registry::Flag::None));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flag {
    /// No restriction beyond the code's range.
    #[default]
    None,
    /// Reserved with no meaning (1004): never sent.
    Reserved,
    /// For reporting only (1005, 1006, 1015): an endpoint MUST NOT set it in a Close frame.
    LocalOnly,
}

impl std::str::FromStr for Flag {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        match text.trim() {
            "" => Ok(Flag::None),
            "reserved" => Ok(Flag::Reserved),
            "local-only" => Ok(Flag::LocalOnly),
            other => Err(format!("flag `{other}` is not one of ``, `reserved`, `local-only`")),
        }
    }
}

/// The reconnect advice an annotation gives a registered code (the `closecode` crate's
/// `Reconnect`, which this crate cannot name: it builds that crate).
///
/// ```
/// use closecode_registry::Advice;
/// assert_eq!("after-auth".parse(), Ok(Advice::AfterAuth));
/// assert_eq!(Advice::AfterAuth.variant(), "AfterAuth");
/// assert!("later".parse::<Advice>().unwrap_err().contains("`never`, `after-auth`, `soon`, `backoff`"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Advice {
    /// `never`.
    Never,
    /// `after-auth`.
    AfterAuth,
    /// `soon`.
    Soon,
    /// `backoff`.
    Backoff,
}

impl Advice {
    /// Every advice with its name in the annotations file (the words of the `closecode`
    /// crate's `Reconnect::as_str`, which `closecode-tools` checks).
    ///
    /// ```
    /// assert_eq!(closecode_registry::Advice::NAMES[1].1, "after-auth");
    /// ```
    pub const NAMES: [(Advice, &'static str); 4] = [
        (Advice::Never, "never"),
        (Advice::AfterAuth, "after-auth"),
        (Advice::Soon, "soon"),
        (Advice::Backoff, "backoff"),
    ];

    /// The name of the matching `closecode::Reconnect` variant.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Advice::Backoff.variant(), "Backoff");
    /// ```
    pub fn variant(self) -> &'static str {
        match self {
            Advice::Never => "Never",
            Advice::AfterAuth => "AfterAuth",
            Advice::Soon => "Soon",
            Advice::Backoff => "Backoff",
        }
    }

    /// The advice's name in the annotations file (and in the exports).
    ///
    /// ```
    /// assert_eq!(closecode_registry::Advice::Soon.name(), "soon");
    /// ```
    pub fn name(self) -> &'static str {
        Advice::NAMES.iter().find(|(a, _)| *a == self).map_or("", |(_, n)| n)
    }
}

impl std::str::FromStr for Advice {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        Advice::NAMES.iter().find(|(_, name)| *name == text).map(|(advice, _)| *advice).ok_or_else(|| {
            let names: Vec<String> = Advice::NAMES.iter().map(|(_, n)| format!("`{n}`")).collect();
            format!("reconnect advice `{text}` is not one of {}", names.join(", "))
        })
    }
}

/// One line of the annotations file.
///
/// ```
/// use closecode_registry::{CodeSpan, Flag, Source, parse_annotations};
///
/// let notes = parse_annotations(&Source::new("a.csv", closecode_registry::ANNOTATIONS.as_bytes())).unwrap();
/// let tls = notes.iter().find(|n| n.span == CodeSpan::Single(1015)).unwrap();
/// assert_eq!(tls.ident.as_deref(), Some("TlsHandshake"));
/// assert_eq!(tls.flag, Flag::LocalOnly);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Annotation {
    /// The line of the annotations file.
    pub line: u64,
    /// The registry row it annotates, written as in IANA's "Status Code" field.
    pub span: CodeSpan,
    /// The pinned Rust identifier (single codes only).
    pub ident: Option<String>,
    /// The display name, when IANA's Meaning does not do as one.
    pub name: Option<String>,
    /// The protocol flag.
    pub flag: Flag,
    /// One sentence in closecode's words.
    pub description: Option<String>,
    /// The reconnect advice (single codes only).
    pub reconnect: Option<Advice>,
    /// Where the advice comes from.
    pub reconnect_source: Option<String>,
}

/// Parses the annotations file: a header `code,ident,name,flag,description` (found by name),
/// `#` comment lines, one line per annotated row.
///
/// ```
/// use closecode_registry::{Source, parse_annotations};
///
/// let text = b"code,ident,name,flag,description\n1004,Reserved,,reserved,Never sent.\n";
/// let notes = parse_annotations(&Source::new("a.csv", text)).unwrap();
/// assert_eq!(notes[0].description.as_deref(), Some("Never sent."));
///
/// let bad = b"code,ident,name,flag,description\n1004,not-an-ident,,,\n";
/// let err = parse_annotations(&Source::new("a.csv", bad)).unwrap_err();
/// assert_eq!(err.to_string(), "a.csv:2: identifier `not-an-ident` is not an upper camel case Rust identifier");
/// ```
///
/// # Errors
///
/// An [`Error`] with the line for: a missing column, a bad code or range, an identifier that is
/// not an upper camel case Rust identifier (or is reserved: `Self` and the fallback variants `Private`, `Unassigned`, `OutOfRange`), an
/// identifier or a flag on a range, an unknown flag, a row annotated twice.
pub fn parse_annotations(src: &Source<'_>) -> Result<Vec<Annotation>, Error> {
    let records = records::read(src, true)?;
    let Some((header, body)) = records.split_first() else {
        return Ok(Vec::new());
    };
    let column = |name: &str| {
        header
            .fields
            .iter()
            .position(|f| f.trim().eq_ignore_ascii_case(name))
            .ok_or_else(|| Error::new(src.name(), header.line, format!("header has no `{name}` column")))
    };
    // The reconnect columns are optional, so older annotation files still read.
    let optional = |name: &str| column(name).ok().unwrap_or(usize::MAX);
    let columns = [
        column("code")?,
        column("ident")?,
        column("name")?,
        column("flag")?,
        column("description")?,
        optional("reconnect"),
        optional("reconnect_source"),
    ];
    let mut notes: Vec<Annotation> = Vec::with_capacity(body.len());
    for record in body {
        let at = |message: String| Error::new(src.name(), record.line, message);
        let mut fields = [""; 7];
        for (slot, &index) in fields.iter_mut().zip(&columns) {
            *slot = record.fields.get(index).map_or("", |f| f.trim());
        }
        let [code, ident, name, flag, description, reconnect, reconnect_source] = fields;
        let span: CodeSpan = code.parse().map_err(|e| at(format!("{e}")))?;
        if let Some(first) = notes.iter().find(|n| n.span == span) {
            return Err(at(format!("code {span} is annotated twice (first on line {})", first.line)));
        }
        let ident = non_empty(ident);
        if let Some(ident) = &ident {
            if matches!(span, CodeSpan::Range(..)) {
                return Err(at(format!("range {span} cannot have an identifier: only single codes become variants")));
            }
            check_ident(ident).map_err(at)?;
        }
        let flag: Flag = flag.parse().map_err(at)?;
        if flag != Flag::None && matches!(span, CodeSpan::Range(..)) {
            return Err(at(format!("range {span} cannot have a flag: flags describe registered codes")));
        }
        let reconnect = non_empty(reconnect).map(|r| r.parse::<Advice>()).transpose().map_err(at)?;
        if reconnect.is_some() && matches!(span, CodeSpan::Range(..)) {
            return Err(at(format!("range {span} cannot have reconnect advice: ranges take their RFC 6455 range's")));
        }
        notes.push(Annotation {
            line: record.line,
            span,
            ident,
            name: non_empty(name),
            flag,
            description: non_empty(description),
            reconnect,
            reconnect_source: non_empty(reconnect_source),
        });
    }
    Ok(notes)
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// Names the generated enum already uses, or that Rust keeps for itself.
pub(crate) const RESERVED_IDENTS: &[&str] = &["Self", "Private", "Unassigned", "OutOfRange"];

/// An identifier we accept for a variant: ASCII, starts with an uppercase letter, letters and
/// digits only (so upper camel case, lint-clean), and not reserved.
pub(crate) fn check_ident(ident: &str) -> Result<(), String> {
    let mut chars = ident.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(format!("identifier `{ident}` is not an upper camel case Rust identifier"));
    }
    if RESERVED_IDENTS.contains(&ident) {
        return Err(format!("identifier `{ident}` is reserved"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> String {
        let text = format!("code,ident,name,flag,description\n{body}");
        parse_annotations(&Source::new("a.csv", text.as_bytes())).unwrap_err().to_string()
    }

    #[test]
    fn the_vendored_annotations_parse() {
        let notes = parse_annotations(&Source::new("a.csv", crate::ANNOTATIONS.as_bytes())).unwrap();
        assert_eq!(notes.len(), 24);
        assert!(notes.iter().all(|n| n.description.is_some()));
        let flagged: Vec<_> = notes.iter().filter(|n| n.flag != Flag::None).map(|n| (n.span.first(), n.flag)).collect();
        assert_eq!(
            flagged,
            [(1004, Flag::Reserved), (1005, Flag::LocalOnly), (1006, Flag::LocalOnly), (1015, Flag::LocalOnly)]
        );
    }

    #[test]
    fn bad_annotations_are_errors_with_their_line() {
        assert_eq!(err("1000,A,,,\n1000,B,,,\n"), "a.csv:3: code 1000 is annotated twice (first on line 2)");
        assert_eq!(err("1000,A,,sometimes,\n"), "a.csv:2: flag `sometimes` is not one of ``, `reserved`, `local-only`");
        assert_eq!(
            err("1016-2999,Unassigned,,,\n"),
            "a.csv:2: range 1016-2999 cannot have an identifier: only single codes become variants"
        );
        assert_eq!(
            err("3001-3002,,,reserved,\n"),
            "a.csv:2: range 3001-3002 cannot have a flag: flags describe registered codes"
        );
        assert_eq!(err("1000,Self,,,\n"), "a.csv:2: identifier `Self` is reserved");
        assert_eq!(err("1000,Unassigned,,,\n"), "a.csv:2: identifier `Unassigned` is reserved");
        assert_eq!(err("1000,normal,,,\n"), "a.csv:2: identifier `normal` is not an upper camel case Rust identifier");
        assert_eq!(err("1000,Nörmal,,,\n"), "a.csv:2: identifier `Nörmal` is not an upper camel case Rust identifier");
        assert_eq!(err("x,A,,,\n"), "a.csv:2: status code `x` is not a number");
    }

    #[test]
    fn a_missing_column_is_named() {
        let text = b"code,ident,name,description\n";
        let err = parse_annotations(&Source::new("a.csv", text)).unwrap_err();
        assert_eq!(err.to_string(), "a.csv:1: header has no `flag` column");
    }
}
