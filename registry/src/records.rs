//! CSV records (RFC 4180) with the line each one starts on, read by a small reader of our own:
//! the registry is a few dozen rows, and a CSV crate in the build script's dependencies costs
//! every application a second of compile time (see the README's build-time figures).
//!
//! The reader is strict where a general CSV reader is lenient, so every malformed input is an
//! error with its line: a quote that is never closed, a `"` in a field that is not quoted,
//! text after a closing quote, bytes that are not UTF-8. It skips blank lines and, where
//! asked, `#` comment lines, counting lines itself so that every record knows where it
//! starts, even after a quoted field that spans several lines (IANA's 1014 row).

use crate::{Error, Source};

/// One CSV record: the line it starts on and its unquoted fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) line: u64,
    pub(crate) fields: Vec<String>,
}

/// Reads every record of `src`. With `comments`, lines starting with `#` are skipped.
pub(crate) fn read(src: &Source<'_>, comments: bool) -> Result<Vec<Record>, Error> {
    let mut cursor = Cursor { input: src.bytes(), pos: skip_bom(src.bytes()), line: 1 };
    let mut records = Vec::new();
    loop {
        cursor.skip_blank_lines(comments);
        if cursor.at_end() {
            return Ok(records);
        }
        let line = cursor.line;
        let mut fields = Vec::new();
        loop {
            let field_line = cursor.line;
            let bytes = cursor.field().map_err(|message| Error::new(src.name(), line, message))?;
            let text = String::from_utf8(bytes).map_err(|e| {
                let bad_line = field_line + count_newlines(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
                Error::new(src.name(), bad_line, "field is not valid UTF-8")
            })?;
            fields.push(text);
            if !cursor.eat(b',') {
                cursor.end_of_line();
                break;
            }
        }
        records.push(Record { line, fields });
    }
}

/// A position in the input and the line it is on.
struct Cursor<'a> {
    input: &'a [u8],
    pos: usize,
    line: u64,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.input.len()
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    /// Consumes one record end (`\r\n`, `\n` or a lone `\r`), if there is one. Lines are
    /// counted by `\n` alone, as `grep -n`, editors' "go to line" on such files and csv-core
    /// count them, so a lone `\r` ends a record without starting a line.
    fn end_of_line(&mut self) -> bool {
        let carriage_return = self.eat(b'\r');
        let newline = self.eat(b'\n');
        self.line += u64::from(newline);
        carriage_return | newline
    }

    fn skip_blank_lines(&mut self, comments: bool) {
        loop {
            if comments && self.peek() == Some(b'#') {
                while !self.at_end() && !matches!(self.peek(), Some(b'\r' | b'\n')) {
                    self.pos += 1;
                }
            }
            if !self.end_of_line() {
                return;
            }
        }
    }

    /// One field's bytes, unquoted, leaving the cursor on the byte after it.
    fn field(&mut self) -> Result<Vec<u8>, &'static str> {
        let mut field = Vec::new();
        if self.eat(b'"') {
            loop {
                match self.peek() {
                    None => return Err("a quoted field is never closed"),
                    Some(b'"') if self.input.get(self.pos + 1) == Some(&b'"') => {
                        field.push(b'"');
                        self.pos += 2;
                    }
                    Some(b'"') => {
                        self.pos += 1;
                        break;
                    }
                    Some(byte) => {
                        self.line += u64::from(byte == b'\n');
                        field.push(byte);
                        self.pos += 1;
                    }
                }
            }
            return match self.peek() {
                None | Some(b',' | b'\r' | b'\n') => Ok(field),
                Some(_) => Err("a quoted field has text after its closing quote"),
            };
        }
        while let Some(byte) = self.peek() {
            match byte {
                b',' | b'\r' | b'\n' => break,
                b'"' => return Err("a field holds a `\"` but is not quoted"),
                _ => {
                    field.push(byte);
                    self.pos += 1;
                }
            }
        }
        Ok(field)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The csv crate's reading of `bytes`: each record's fields. (Not its line numbers: the
    /// csv crate gives where it started reading a record, before any blank line or the `\n`
    /// of a CRLF it had not consumed yet.)
    fn csv_crate(bytes: &[u8]) -> Result<Vec<Vec<String>>, csv::Error> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        reader.records().map(|record| Ok(record?.iter().map(str::to_owned).collect())).collect()
    }

    /// `rows` as the csv crate writes them, and the line each record starts on, counted in
    /// those bytes.
    fn written(rows: &[Vec<String>], crlf: bool) -> (Vec<u8>, Vec<u64>) {
        let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let mut bytes = Vec::new();
        let mut lines = Vec::new();
        for row in rows {
            lines.push(1 + count_newlines(&bytes));
            let mut writer = csv::WriterBuilder::new().flexible(true).terminator(terminator).from_writer(Vec::new());
            writer.write_record(row).unwrap();
            bytes.extend(writer.into_inner().unwrap());
        }
        (bytes, lines)
    }

    fn ours(bytes: &[u8]) -> Result<Vec<(u64, Vec<String>)>, Error> {
        Ok(read(&Source::new("t.csv", bytes), false)?.into_iter().map(|r| (r.line, r.fields)).collect())
    }

    proptest! {
        /// Whatever the csv crate writes (quotes, commas, CR and LF inside fields, either line
        /// end), ours reads back: the same fields, each record on the line it starts on.
        #[test]
        fn what_the_csv_crate_writes_reads_back_on_its_lines(
            rows in proptest::collection::vec(proptest::collection::vec("[a ,\"\r\n]{0,5}", 1..4), 1..6),
            crlf in any::<bool>(),
        ) {
            let (bytes, lines) = written(&rows, crlf);
            let expected: Vec<(u64, Vec<String>)> = lines.into_iter().zip(rows.iter().cloned()).collect();
            prop_assert_eq!(ours(&bytes).unwrap(), expected);
            prop_assert_eq!(csv_crate(&bytes).unwrap(), rows);
        }

        /// On any text ours accepts, the csv crate (more lenient) reads the same records; what
        /// ours refuses, it refuses on a line of the input.
        #[test]
        fn whatever_ours_accepts_the_csv_crate_reads_alike(text in "[a,\"\r\n]{0,24}") {
            match ours(text.as_bytes()) {
                Ok(read) => {
                    let fields: Vec<Vec<String>> = read.into_iter().map(|(_, fields)| fields).collect();
                    prop_assert_eq!(fields, csv_crate(text.as_bytes()).unwrap());
                }
                Err(error) => prop_assert!(error.line() >= 1 && error.line() <= 1 + count_newlines(text.as_bytes())),
            }
        }
    }

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
    fn a_lone_carriage_return_ends_a_record_but_lines_count_newlines() {
        assert_eq!(lines("a,b\r1,2\r\n3,4\n"), vec![row(1, &["a", "b"]), row(1, &["1", "2"]), row(2, &["3", "4"])]);
        // Found by the registry_csv fuzz target: the reader said line 3 of a 2-line input.
        let err = read_str("a,b\r\r1,\"open\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:1: a quoted field is never closed");
        let err = read_str("a\r\nb\r\rc\n\"d").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:3: a quoted field is never closed");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_on_its_line() {
        let err = read_str("a,b\n1,\"open\n2,3\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: a quoted field is never closed");
    }

    #[test]
    fn a_stray_quote_is_an_error_on_its_line() {
        let err = read_str("a,b\n1,x\"y\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: a field holds a `\"` but is not quoted");
        let err = read_str("a,b\n1,\"x\"y,z\n").unwrap_err();
        assert_eq!(err.to_string(), "t.csv:2: a quoted field has text after its closing quote");
    }

    #[test]
    fn empty_fields_and_a_last_record_without_line_end() {
        assert_eq!(lines(",,\n\"\",x"), vec![row(1, &["", "", ""]), row(2, &["", "x"])]);
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
