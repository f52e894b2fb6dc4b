//! Writing several files as one change: every file or none.
//!
//! ```
//! let path = std::env::temp_dir().join(format!("closecode-files-doc-{}.txt", std::process::id()));
//! closecode_tools::files::write_all(&[(path.clone(), b"whole".to_vec())]).unwrap();
//! assert_eq!(std::fs::read(&path).unwrap(), b"whole");
//! # std::fs::remove_file(&path).unwrap();
//! ```

use std::fmt::{self, Write as _};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why [`write_all`] wrote nothing: the file and the I/O error, and, if putting the files
/// back failed too, which could not be (the message says so; it never happened in the tests,
/// which make renames fail on purpose).
///
/// ```
/// let dir = std::env::temp_dir().join(format!("closecode-write-error-doc-{}", std::process::id()));
/// let err = closecode_tools::files::write_all(&[(dir.join("missing/x.txt"), b"x".to_vec())]).unwrap_err();
/// assert!(err.to_string().contains("missing/x.txt"));
/// ```
#[derive(Debug)]
pub struct WriteError {
    message: String,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WriteError {}

/// Writes each `(path, bytes)` whose file does not already hold exactly `bytes`, all or
/// nothing: every new content first goes to a temporary file beside its target, synced; only
/// when all are written are they renamed over their targets (each rename is atomic, so a reader
/// sees a whole old file or a whole new one). If a rename fails, the files already renamed get
/// their old bytes back (or are removed, if they did not exist), and no temporary file is left.
/// Returns the paths that changed, in the order given.
///
/// ```
/// use closecode_tools::files::write_all;
/// let dir = std::env::temp_dir().join(format!("closecode-write-all-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("same.txt"), "same").unwrap();
/// let changed = write_all(&[(dir.join("same.txt"), b"same".to_vec()), (dir.join("new.txt"), b"new".to_vec())]).unwrap();
/// assert_eq!(changed, [dir.join("new.txt")]);
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
///
/// # Errors
///
/// A [`WriteError`] naming the file that could not be written, with every file as it was.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, WriteError> {
    let mut pending: Vec<Pending> = Vec::new();
    for (path, bytes) in files {
        let old = match fs::read(path) {
            Ok(old) => Some(old),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(abandon(&pending, format!("cannot read {}: {e}", path.display()))),
        };
        if old.as_deref() == Some(bytes.as_slice()) {
            continue;
        }
        let temp = temp_path(path);
        if let Err(e) = write_synced(&temp, bytes) {
            let _ = fs::remove_file(&temp);
            return Err(abandon(&pending, format!("cannot write {}: {e}", path.display())));
        }
        pending.push(Pending { path: path.clone(), temp, old });
    }
    for (done, item) in pending.iter().enumerate() {
        if let Err(e) = rename(&item.temp, &item.path) {
            let mut message = format!("cannot replace {}: {e}", item.path.display());
            for later in &pending[done..] {
                let _ = fs::remove_file(&later.temp);
            }
            for earlier in pending[..done].iter().rev() {
                if let Err(e) = restore(earlier) {
                    let _ = write!(message, "; and {} could not be put back: {e}", earlier.path.display());
                }
            }
            return Err(WriteError { message });
        }
    }
    Ok(pending.into_iter().map(|p| p.path).collect())
}

/// A file whose new content waits in `temp`.
struct Pending {
    path: PathBuf,
    temp: PathBuf,
    old: Option<Vec<u8>>,
}

/// Removes the temporary files written so far; the error to return.
fn abandon(pending: &[Pending], message: String) -> WriteError {
    for item in pending {
        let _ = fs::remove_file(&item.temp);
    }
    WriteError { message }
}

/// Puts a replaced file's old bytes back, the same atomic way.
fn restore(item: &Pending) -> io::Result<()> {
    match &item.old {
        None => fs::remove_file(&item.path),
        Some(old) => {
            let temp = temp_path(&item.path);
            let result = write_synced(&temp, old).and_then(|()| rename(&temp, &item.path));
            if result.is_err() {
                let _ = fs::remove_file(&temp);
            }
            result
        }
    }
}

#[cfg(test)]
thread_local! {
    /// The target whose next rename the unit tests make fail (a rename that would fail for
    /// real, such as over a directory, fails the read before it).
    static FAIL_RENAME: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

fn rename(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(test)]
    if FAIL_RENAME.with(|f| f.borrow().as_deref() == Some(to)) {
        return Err(io::Error::other("injected failure"));
    }
    fs::rename(from, to)
}

fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// `.NAME.closecode-PID.tmp` beside `path`: same directory, so the rename stays on one file
/// system and is atomic.
fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.closecode-{}.tmp", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("closecode-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn listing(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                let bytes = if e.path().is_dir() { b"<dir>".to_vec() } else { fs::read(e.path()).unwrap() };
                (e.file_name().into_string().unwrap(), bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_failed_rename_puts_back_every_file_already_replaced() {
        let dir = scratch("rename");
        fs::write(dir.join("a"), "old a").unwrap();
        fs::write(dir.join("b"), "old b").unwrap();
        fs::write(dir.join("d"), "old d").unwrap();
        FAIL_RENAME.with(|f| *f.borrow_mut() = Some(dir.join("d")));
        let before = listing(&dir);
        let err = write_all(&[
            (dir.join("a"), b"new a".to_vec()),
            (dir.join("b"), b"new b".to_vec()),
            (dir.join("c"), b"new c".to_vec()),
            (dir.join("d"), b"new d".to_vec()),
        ])
        .unwrap_err();
        assert_eq!(err.to_string(), format!("cannot replace {}: injected failure", dir.join("d").display()));
        assert_eq!(listing(&dir), before, "every file as it was, no temporary file left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_failed_write_replaces_nothing() {
        let dir = scratch("write");
        fs::write(dir.join("a"), "old a").unwrap();
        let before = listing(&dir);
        let err =
            write_all(&[(dir.join("a"), b"new a".to_vec()), (dir.join("no/such/dir/b"), b"b".to_vec())]).unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert_eq!(listing(&dir), before);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unchanged_files_are_not_touched() {
        let dir = scratch("same");
        fs::write(dir.join("a"), "same").unwrap();
        let modified = fs::metadata(dir.join("a")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(write_all(&[(dir.join("a"), b"same".to_vec())]).unwrap().is_empty());
        assert_eq!(fs::metadata(dir.join("a")).unwrap().modified().unwrap(), modified);
        fs::remove_dir_all(&dir).unwrap();
    }
}
