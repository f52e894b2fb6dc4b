//! `closecode-registry export`: the registry for front ends.

use closecode_registry::{ExportFormat, Source, export, parse_registry, vendored, vendored_provenance};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Args {
    format: ExportFormat,
    out: Option<PathBuf>,
    csv: Option<PathBuf>,
}

pub(crate) fn main(words: impl Iterator<Item = String>) -> ExitCode {
    match parse_args(words).and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn parse_args(mut words: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { format: ExportFormat::TypeScript, out: None, csv: None };
    while let Some(word) = words.next() {
        let mut value = |name: &str| words.next().ok_or_else(|| format!("{name} needs a value"));
        match word.as_str() {
            "--format" => args.format = value("--format")?.parse()?,
            "--out" => args.out = Some(PathBuf::from(value("--out")?)),
            "--csv" => args.csv = Some(PathBuf::from(value("--csv")?)),
            other => return Err(format!("unexpected argument `{other}` (see --help)")),
        }
    }
    Ok(args)
}

fn run(args: &Args) -> Result<(), String> {
    let provenance = vendored_provenance().map_err(|e| e.to_string())?;
    let registry = match &args.csv {
        None => vendored().map_err(|e| e.to_string())?,
        Some(path) => {
            let name = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {name}: {e}"))?;
            parse_registry(&Source::new(&name, &bytes)).map_err(|e| e.to_string())?
        }
    };
    let text = export(&registry, &provenance, args.format);
    match &args.out {
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| format!("cannot write to stdout: {e}")),
        Some(path) => write_atomically(path, text.as_bytes()),
    }
}

/// Writes a temporary file beside `path` and renames it into place, so a failure leaves no
/// partial file (and an existing file as it was).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&temp, bytes).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
}
