//! Replacing the vendored files: all or nothing, so a failed update leaves them as they were.

use crate::Provenance;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The vendored CSV's file name inside the registry directory.
pub const CSV_FILE: &str = "close-code-number.csv";
/// The provenance file's name inside the registry directory.
pub const PROVENANCE_FILE: &str = "provenance.txt";
/// The annotations file's name inside the registry directory.
pub const ANNOTATIONS_FILE: &str = "annotations.csv";

/// Writes `csv` (byte for byte) and `provenance` into `dir`, each through a temporary file in
/// the same directory that is synced and then renamed over the old one, so a reader sees the
/// old file or the new one, never a part. The CSV goes first; if the provenance then fails,
/// the CSV is put back.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("closecode-vendor-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// use closecode_registry::{Provenance, vendor};
/// let prov = Provenance { source: "https://example.org/r.csv".into(), retrieved: "2026-11-25".into() };
/// vendor::replace(&dir, b"Status Code,Meaning,Contact,Reference\r\n", &prov).unwrap();
/// assert!(std::fs::read_to_string(dir.join(vendor::PROVENANCE_FILE)).unwrap().contains("2026-11-25"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
///
/// # Errors
///
/// The I/O error, with the files as they were before the call.
pub fn replace(dir: &Path, csv: &[u8], provenance: &Provenance) -> io::Result<()> {
    let csv_path = dir.join(CSV_FILE);
    let old_csv = fs::read(&csv_path).ok();
    write_atomically(&csv_path, csv)?;
    if let Err(error) = write_atomically(&dir.join(PROVENANCE_FILE), provenance.render().as_bytes()) {
        if let Some(old) = old_csv {
            write_atomically(&csv_path, &old)?;
        }
        return Err(error);
    }
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temp = temp_path(path);
    let result = (|| {
        let mut file = fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}

/// Today's date in UTC, `YYYY-MM-DD`, from the system clock.
///
/// ```
/// let today = closecode_registry::vendor::today_utc();
/// assert_eq!(today.len(), 10);
/// ```
pub fn today_utc() -> String {
    utc_date(std::time::SystemTime::now())
}

/// The UTC day of `time`, `YYYY-MM-DD` (1970-01-01 for a time before it).
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let day = closecode_registry::vendor::utc_date(UNIX_EPOCH + Duration::from_secs(20_782 * 86_400));
/// assert_eq!(day, "2026-11-25");
/// ```
pub fn utc_date(time: std::time::SystemTime) -> String {
    let secs = time.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_are_right_at_known_days() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_417), "2025-11-25");
        assert_eq!(civil_date(20_782), "2026-11-25");
    }

    #[test]
    fn a_failed_write_leaves_the_old_files() {
        let dir = std::env::temp_dir().join(format!("closecode-vendor-test-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join(CSV_FILE), b"old").unwrap();
        // A directory where the provenance file should be makes its rename fail.
        fs::create_dir_all(dir.join(PROVENANCE_FILE).join("blocker")).unwrap();
        let prov = Provenance { source: "x".into(), retrieved: "2026-01-01".into() };
        assert!(replace(&dir, b"new", &prov).is_err());
        assert_eq!(fs::read(dir.join(CSV_FILE)).unwrap(), b"old");
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
