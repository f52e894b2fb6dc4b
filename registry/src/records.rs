//! CSV records with the line each one starts on, read with `csv-core`.
//!
//! `csv-core` never fails: it prefers *a* parse to *no* parse. The registry is small and
//! reviewed data, so this layer adds the checks that turn its leniency into errors with a
//! line: a quote that is never closed, a stray quote inside an unquoted field, bytes that
//! are not UTF-8. It also skips blank lines and, where asked, `#` comment lines, counting
//! lines itself so that every record knows where it starts, even after a quoted field
//! that spans several lines (IANA's 1014 row).

use crate::{Error, Source};
use csv_core::{ReadFieldResult, Reader};

/// One CSV record: the line it starts on and its unquoted fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) line: u64,
    pub(crate) fields: Vec<String>,
}

/// Reads every record of `src`. With `comments`, lines starting with `#` are skipped.
pub(crate) fn read(src: &Source<'_>, comments: bool) -> Result<Vec<Record>, Error> {
    let input = src.bytes();
    let mut reader = Reader::new();
    let mut records = Vec::new();
    let mut pos = skip_bom(input);
    let mut line = 1u64;
    let mut buf = vec![0u8; 256];
    loop {
        // Skip blank and comment lines ourselves, so the line count stays exact.
        loop {
            let rest = &input[pos..];
            let skip = if rest.starts_with(b"\r\n") {
                2
            } else if rest.starts_with(b"\n") || rest.starts_with(b"\r") {
                1
            } else if comments && rest.starts_with(b"#") {
                rest.iter().position(|&b| b == b'\n').map_or(rest.len(), |i| i + 1)
            } else {
                break;
            };
            line += count_newlines(&rest[..skip]);
            pos += skip;
        }
        if pos == input.len() {
            return Ok(records);
        }
        let start = pos;
        let mut fields = Vec::new();
        let mut field = Vec::new();
        loop {
            let (result, nin, nout) = reader.read_field(&input[pos..], &mut buf);
            pos += nin;
            field.extend_from_slice(&buf[..nout]);
            match result {
                ReadFieldResult::InputEmpty => {}
                ReadFieldResult::OutputFull => buf.resize(buf.len() * 2, 0),
                ReadFieldResult::Field { record_end } => {
                    let text = String::from_utf8(std::mem::take(&mut field)).map_err(|e| {
                        let bad_line = line + count_newlines(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
                        Error::new(src.name(), bad_line, "field is not valid UTF-8")
                    })?;
                    fields.push(text);
                    if record_end {
                        break;
                    }
                }
                ReadFieldResult::End => break,
            }
        }
        check_quotes(src, &input[start..pos], line)?;
        records.push(Record { line, fields });
        line += count_newlines(&input[start..pos]);
        // A record ends either at its terminator or at the end of the input.
        if pos >= input.len() {
            return Ok(records);
        }
    }
}

fn skip_bom(input: &[u8]) -> usize {
    if input.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 }
}

fn count_newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// The 1-based line that byte `offset` of `bytes` is on.
pub(crate) fn count_lines_before(bytes: &[u8], offset: usize) -> u64 {
    1 + count_newlines(&bytes[..offset.min(bytes.len())])
}

/// A well-formed record has every quote paired: opening and closing ones, and `""` inside
/// quoted fields. An odd count means a quoted field runs to the end of the input, or a
/// field holds a bare `"`.
fn check_quotes(src: &Source<'_>, raw: &[u8], line: u64) -> Result<(), Error> {
    let quotes = raw.iter().filter(|&&b| b == b'"').count();
    if quotes % 2 == 0 {
        return Ok(());
    }
    let message = if raw.first() == Some(&b'"') || raw.windows(2).any(|w| w == b",\"") {
        "a quoted field is never closed"
    } else {
        "a field holds an unpaired `\"`"
    };
    Err(Error::new(src.name(), line, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Vec<Record>, Error> {
        read(&Source::new("t.csv", text.as_bytes()), true)
    }

    fn lines(text: &str) -> Vec<(u64, Vec<String>)> {
        read_str(text).unwrap().into_iter().map(|r| (r.line, r.fields)).collect()
    }

    fn row(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|s| (*s).to_string()).collect())
    }

    #[test]
    fn crlf_rows_and_a_quoted_multiline_field_keep_their_lines() {
        let text = "a,b\r\n1014,\"first\n   second\",x\r\n1015,y,z\r\n";
        assert_eq!(
            lines(text),
            vec![row(1, &["a", "b"]), row(2, &["1014", "first\n   second", "x"]), row(4, &["1015", "y", "z"]),]
        );
    }

    #[test]
    fn blank_and_comment_lines_are_skipped_but_counted() {
        let text = "# comment\n\na,b\n# another\n1,2";
        assert_eq!(lines(text), vec![row(3, &["a", "b"]), row(5, &["1", "2"])]);
    }

    #[test]
    fn comments_are_data_when_not_asked_for() {
        let recs = read(&Source::new("t.csv", b"#a,b\n"), false).unwrap();
        assert_eq!(recs[0].fields, vec!["#a", "b"]);
    }

    #[test]
    fn a_doubled_quote_is_a_quote() {
        assert_eq!(lines("\"say \"\"hi\"\"\",x\n"), vec![row(1, &["say \"hi\"", "x"])]);
    }

    #[test]
    fn a_bom_is_skipped() {
        assert_eq!(lines("\u{feff}a,b\n"), vec![row(1, &["a", "b"])]);
    }

    #[test]
    fn long_fields_grow_the_buffer() {
        let long = "x".repeat(10_000);
        assert_eq!(lines(&format!("{long},y\n")), vec![row(1, &[&long, "y"])]);
    }

    #[test]
    fn an_unclosed_quote_is_an_error_on_its_line() {
        let err = read_str("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: a quoted field is never closed");
    }

    #[test]
    fn a_stray_quote_is_an_error_on_its_line() {
        let err = read_str("a,b\n1,x\"y\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: a field holds an unpaired `\"`");
    }

    #[test]
    fn invalid_utf8_is_an_error_on_its_line() {
        let err = read(&Source::new("t.csv", b"a,b\n1,\"x\n\xff\"\n"), false).unwrap_err();
        assert_eq!(err.to_string(), "t.csv:3: field is not valid UTF-8");
    }

    #[test]
    fn empty_input_has_no_records() {
        assert!(read_str("").unwrap().is_empty());
        assert!(read_str("\r\n\r\n").unwrap().is_empty());
    }
}
