//! The "Status Code" field: one code (`1000`) or an inclusive range (`1016-2999`).

use std::fmt;
use std::str::FromStr;

/// The codes one registry row covers.
///
/// ```
/// use closecode_registry::CodeSpan;
///
/// assert_eq!("1000".parse(), Ok(CodeSpan::Single(1000)));
/// assert_eq!("1016-2999".parse(), Ok(CodeSpan::Range(1016, 2999)));
/// assert!("2999-1016".parse::<CodeSpan>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CodeSpan {
    /// A row for exactly one code: a registration.
    Single(u16),
    /// A row for an inclusive range (`first`, `last`), such as "Unassigned". Old snapshots
    /// of the registry hold one-code ranges (`1014-1014`): they stay ranges.
    Range(u16, u16),
}

impl CodeSpan {
    /// The first code covered.
    ///
    /// ```
    /// assert_eq!(closecode_registry::CodeSpan::Range(3001, 3002).first(), 3001);
    /// ```
    pub fn first(self) -> u16 {
        match self {
            CodeSpan::Single(code) | CodeSpan::Range(code, _) => code,
        }
    }

    /// The last code covered.
    ///
    /// ```
    /// assert_eq!(closecode_registry::CodeSpan::Range(3001, 3002).last(), 3002);
    /// ```
    pub fn last(self) -> u16 {
        match self {
            CodeSpan::Single(code) | CodeSpan::Range(_, code) => code,
        }
    }

    /// Whether the two spans share a code.
    ///
    /// ```
    /// use closecode_registry::CodeSpan;
    /// assert!(CodeSpan::Range(1000, 1010).overlaps(CodeSpan::Single(1010)));
    /// assert!(!CodeSpan::Range(1000, 1010).overlaps(CodeSpan::Single(1011)));
    /// ```
    pub fn overlaps(self, other: CodeSpan) -> bool {
        self.first() <= other.last() && other.first() <= self.last()
    }
}

impl fmt::Display for CodeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodeSpan::Single(code) => write!(f, "{code}"),
            CodeSpan::Range(first, last) => write!(f, "{first}-{last}"),
        }
    }
}

/// Why a "Status Code" field is not a code or a range. The message names the field.
///
/// ```
/// let err = "10x1".parse::<closecode_registry::CodeSpan>().unwrap_err();
/// assert_eq!(err.to_string(), "status code `10x1` is not a number");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpanError(String);

impl fmt::Display for SpanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpanError {}

impl FromStr for CodeSpan {
    type Err = SpanError;

    fn from_str(field: &str) -> Result<Self, SpanError> {
        let text = field.trim();
        match text.split_once('-') {
            None => parse_code(text, field).map(CodeSpan::Single),
            Some((first, last)) => {
                let first_code = parse_code(first.trim(), field)?;
                let last_code = parse_code(last.trim(), field)?;
                if first_code > last_code {
                    return Err(SpanError(format!(
                        "status code range `{field}` is inverted: {first_code} is above {last_code}"
                    )));
                }
                Ok(CodeSpan::Range(first_code, last_code))
            }
        }
    }
}

fn parse_code(text: &str, field: &str) -> Result<u16, SpanError> {
    if text.is_empty() {
        return Err(SpanError(if field.trim().is_empty() {
            "status code is empty".to_string()
        } else {
            format!("status code range `{field}` has an empty bound")
        }));
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SpanError(format!("status code `{field}` is not a number")));
    }
    text.parse::<u16>().map_err(|_| SpanError(format!("status code `{field}` is above 65535")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        text.parse::<CodeSpan>().unwrap_err().to_string()
    }

    #[test]
    fn real_single_and_range_fields_parse() {
        assert_eq!("1014".parse(), Ok(CodeSpan::Single(1014)));
        assert_eq!("3001-3002".parse(), Ok(CodeSpan::Range(3001, 3002)));
        assert_eq!("4000-4999".parse(), Ok(CodeSpan::Range(4000, 4999)));
        assert_eq!("1014-1014".parse(), Ok(CodeSpan::Range(1014, 1014)));
        assert_eq!(" 1000 ".parse(), Ok(CodeSpan::Single(1000)));
        assert_eq!("0".parse(), Ok(CodeSpan::Single(0)));
        assert_eq!("65535".parse(), Ok(CodeSpan::Single(65535)));
    }

    #[test]
    fn malformed_fields_say_what_is_wrong() {
        assert_eq!(err("abc"), "status code `abc` is not a number");
        assert_eq!(err("+1000"), "status code `+1000` is not a number");
        assert_eq!(err("65536"), "status code `65536` is above 65535");
        assert_eq!(err("99999999999999999999"), "status code `99999999999999999999` is above 65535");
        assert_eq!(err("2999-1016"), "status code range `2999-1016` is inverted: 2999 is above 1016");
        assert_eq!(err("1016-"), "status code range `1016-` has an empty bound");
        assert_eq!(err("1-2-3"), "status code `1-2-3` is not a number");
        assert_eq!(err(""), "status code is empty");
    }

    #[test]
    fn display_round_trips() {
        for text in ["1000", "1016-2999", "1014-1014"] {
            assert_eq!(text.parse::<CodeSpan>().unwrap().to_string(), text);
        }
    }
}
