//! Where the vendored CSV came from: `key = value` lines, rewritten by the updater.

use crate::records::count_lines_before;
use crate::{Error, Source};
use std::fmt::Write as _;

/// The origin of a registry file.
///
/// ```
/// let p = closecode_registry::vendored_provenance().unwrap();
/// assert_eq!(p.source, "https://www.iana.org/assignments/websocket/close-code-number.csv");
/// assert_eq!(p.retrieved, "2026-06-11");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    /// The URL (or path) the CSV was taken from.
    pub source: String,
    /// The day it was taken, `YYYY-MM-DD` (UTC), or [`UNKNOWN_DAY`] for a build from a file
    /// without `SOURCE_DATE_EPOCH` (a provenance file always holds a date).
    pub retrieved: String,
}

/// Which registry a build generated `CloseCode` from; the generated `REGISTRY_ORIGIN`.
///
/// ```
/// assert_eq!(closecode_registry::Origin::Vendored.variant(), "Vendored");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Origin {
    /// The registry vendored in `closecode-registry` (the default).
    #[default]
    Vendored,
    /// A file named by `CLOSECODE_REGISTRY_CSV`.
    File,
    /// Downloaded during the build (the `fetch` feature).
    Downloaded,
    /// The vendored registry, because the build-time download or its validation failed.
    VendoredAfterFailedDownload,
}

impl Origin {
    /// The name of the matching `closecode::RegistryOrigin` variant.
    ///
    /// ```
    /// assert_eq!(closecode_registry::Origin::File.variant(), "File");
    /// ```
    pub fn variant(self) -> &'static str {
        match self {
            Origin::Vendored => "Vendored",
            Origin::File => "File",
            Origin::Downloaded => "Downloaded",
            Origin::VendoredAfterFailedDownload => "VendoredAfterFailedDownload",
        }
    }
}

impl Provenance {
    /// Parses `source = ..` and `retrieved = ..` lines; `#` lines are comments.
    ///
    /// ```
    /// use closecode_registry::{Provenance, Source};
    /// let p = Provenance::parse(&Source::new("p.txt", b"source = x\nretrieved = 2026-01-02\n")).unwrap();
    /// assert_eq!(p.source, "x");
    /// ```
    ///
    /// # Errors
    ///
    /// `file:line` errors for a line without `=`, an unknown or repeated key, a missing key,
    /// a `retrieved` that is not `YYYY-MM-DD`, or text that is not UTF-8.
    pub fn parse(src: &Source<'_>) -> Result<Provenance, Error> {
        let text = std::str::from_utf8(src.bytes()).map_err(|e| {
            Error::new(src.name(), count_lines_before(src.bytes(), e.valid_up_to()), "file is not valid UTF-8")
        })?;
        let mut source = None;
        let mut retrieved = None;
        for (index, line) in text.lines().enumerate() {
            let number = index as u64 + 1;
            let at = |message: String| Error::new(src.name(), number, message);
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (key, value) =
                line.split_once('=').ok_or_else(|| at(format!("expected `key = value`, found `{line}`")))?;
            let slot = match key.trim() {
                "source" => &mut source,
                "retrieved" => &mut retrieved,
                other => return Err(at(format!("unknown key `{other}` (expected `source` or `retrieved`)"))),
            };
            if slot.is_some() {
                return Err(at(format!("key `{}` is given twice", key.trim())));
            }
            *slot = Some((number, value.trim().to_string()));
        }
        let last_line = text.lines().count().max(1) as u64;
        let missing = |key: &str| Error::new(src.name(), last_line, format!("key `{key}` is missing"));
        let (_, source) = source.ok_or_else(|| missing("source"))?;
        let (line, retrieved) = retrieved.ok_or_else(|| missing("retrieved"))?;
        if !is_iso_date(&retrieved) {
            return Err(Error::new(
                src.name(),
                line,
                format!("`retrieved` must be a YYYY-MM-DD date, found `{retrieved}`"),
            ));
        }
        Ok(Provenance { source, retrieved })
    }

    /// The file text for this provenance, as [`parse`](Self::parse) reads it.
    ///
    /// ```
    /// use closecode_registry::{Provenance, Source};
    /// let p = Provenance { source: "https://example.org/r.csv".into(), retrieved: "2026-11-25".into() };
    /// let text = p.render();
    /// assert_eq!(Provenance::parse(&Source::new("p", text.as_bytes())).unwrap(), p);
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::from("# Where registry/close-code-number.csv came from. Rewritten by the updater.\n");
        let _ = writeln!(out, "source = {}", self.source);
        let _ = writeln!(out, "retrieved = {}", self.retrieved);
        out
    }
}

/// The `retrieved` a build records when no day can be given for its registry: a
/// `CLOSECODE_REGISTRY_CSV` file built without `SOURCE_DATE_EPOCH` (a file's modification
/// time says when it was copied or checked out, not when the registry was taken, and would make
/// two builds of the same inputs differ).
///
/// ```
/// assert_eq!(closecode_registry::UNKNOWN_DAY, "unknown");
/// ```
pub const UNKNOWN_DAY: &str = "unknown";

/// The UTC day `secs` seconds after 1970-01-01 00:00 UTC, `YYYY-MM-DD`.
///
/// ```
/// assert_eq!(closecode_registry::utc_day(0), "1970-01-01");
/// assert_eq!(closecode_registry::utc_day(20_782 * 86_400 + 86_399), "2026-11-25");
/// let _far = closecode_registry::utc_day(u64::MAX); // no overflow, no panic
/// ```
pub fn utc_day(secs: u64) -> String {
    civil_date(i64::try_from(secs / 86_400).unwrap_or(i64::MAX / 2))
}

/// Today in UTC, `YYYY-MM-DD`, from the system clock (1970-01-01 for a clock set before it).
///
/// ```
/// assert_eq!(closecode_registry::today_utc().len(), 10);
/// ```
pub fn today_utc() -> String {
    utc_day(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()))
}

/// The UTC day a `SOURCE_DATE_EPOCH` value names (<https://reproducible-builds.org/specs/source-date-epoch/>):
/// a build that sets it records that day instead of reading a clock or a file's time, so two
/// builds of the same inputs give the same bytes.
///
/// ```
/// use closecode_registry::day_of_source_date_epoch;
/// assert_eq!(day_of_source_date_epoch("1700000000"), Ok("2023-11-14".to_string()));
/// assert_eq!(
///     day_of_source_date_epoch("yesterday").unwrap_err(),
///     "SOURCE_DATE_EPOCH is `yesterday`, not a number of seconds since 1970-01-01 00:00 UTC"
/// );
/// ```
///
/// # Errors
///
/// The message for a value that is not a decimal count of seconds (the specification asks a
/// build to fail on a malformed value rather than guess).
pub fn day_of_source_date_epoch(value: &str) -> Result<String, String> {
    let trimmed = value.trim();
    match trimmed.parse::<u64>() {
        Ok(secs) if trimmed.bytes().all(|b| b.is_ascii_digit()) => Ok(utc_day(secs)),
        _ => Err(format!("SOURCE_DATE_EPOCH is `{value}`, not a number of seconds since 1970-01-01 00:00 UTC")),
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Whether `text` has the `YYYY-MM-DD` shape every `retrieved` date keeps.
pub(crate) fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        Provenance::parse(&Source::new("p.txt", text.as_bytes())).unwrap_err().to_string()
    }

    #[test]
    fn civil_dates_are_right_at_known_days() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_417), "2025-11-25");
        assert_eq!(civil_date(20_782), "2026-11-25");
    }

    #[test]
    fn source_date_epoch_values_are_seconds_or_errors() {
        assert_eq!(day_of_source_date_epoch("0").as_deref(), Ok("1970-01-01"));
        assert_eq!(day_of_source_date_epoch(" 86400\n").as_deref(), Ok("1970-01-02"));
        for bad in ["", "-1", "+5", "1e9", "12.5", "99999999999999999999999"] {
            assert!(day_of_source_date_epoch(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_provenance_files_are_errors_with_their_line() {
        assert_eq!(err("source = x\nretrieved\n"), "p.txt:2: expected `key = value`, found `retrieved`");
        assert_eq!(err("source = x\nsha = 1\n"), "p.txt:2: unknown key `sha` (expected `source` or `retrieved`)");
        assert_eq!(err("source = x\nsource = y\n"), "p.txt:2: key `source` is given twice");
        assert_eq!(err("# only\nsource = x\n"), "p.txt:2: key `retrieved` is missing");
        assert_eq!(
            err("source = x\nretrieved = June\n"),
            "p.txt:2: `retrieved` must be a YYYY-MM-DD date, found `June`"
        );
        assert_eq!(
            Provenance::parse(&Source::new("p.txt", b"source = x\n\xff\n")).unwrap_err().to_string(),
            "p.txt:2: file is not valid UTF-8"
        );
    }
}
