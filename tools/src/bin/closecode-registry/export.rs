//! `closecode-registry export`: the registry for front ends.

use closecode_core::export::Format;
use closecode_registry::{Source, parse_registry, vendored, vendored_provenance};
use closecode_tools::export::{javascript, json, typescript};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

struct Args {
    format: Format,
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
    let mut args = Args { format: Format::TypeScript, out: None, csv: None };
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
    let text = match args.format {
        Format::TypeScript => typescript(&registry, &provenance),
        Format::JavaScript => javascript(&registry, &provenance),
        Format::Json => json(&registry, &provenance),
        other => return Err(format!("the format {other:?} has no registry export")),
    };
    match &args.out {
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| format!("cannot write to stdout: {e}")),
        Some(path) => write(path, text.into_bytes()),
    }
}

fn write(path: &Path, bytes: Vec<u8>) -> Result<(), String> {
    closecode_tools::files::write_all(&[(path.to_path_buf(), bytes)]).map(drop).map_err(|e| e.to_string())
}
