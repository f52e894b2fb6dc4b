//! The registry updater (feature `fetch`): `update` refreshes the vendored CSV from IANA,
//! `check` says whether it is current.

use closecode_registry::fetch::{self, Options};
use closecode_registry::vendor::{self, ANNOTATIONS_FILE, CSV_FILE};
use closecode_registry::{Change, Provenance, Registry, Source, diff};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

pub(crate) const USAGE: &str = "\
usage: closecode-registry <update|check> [options]     (needs the `fetch` feature)

  update   download the registry, show what changed, and replace the vendored CSV and its
           provenance (atomically) when the download is valid
  check    download the registry and exit 1 if the vendored copy is out of date

options:
  --url URL          where to download from (default: IANA)
  --dir DIR          the registry directory holding close-code-number.csv, annotations.csv
                     and provenance.txt (default: this crate's directory)
  --dry-run          update: show the changes, write nothing
  --allow-removals   update: accept a registry that drops registered codes
  --timeout SECS     give up on the download after SECS seconds (default 30)
  --max-bytes N      refuse a body over N bytes (default 1048576)

exit status: 0 done or current, 1 out of date (check), 2 failure (nothing written),
             3 refused: the download removes registered codes (nothing written)";

/// Exit statuses.
const OUT_OF_DATE: u8 = 1;
const FAILURE: u8 = 2;
const REFUSED: u8 = 3;

struct Args {
    command: Command,
    url: String,
    dir: PathBuf,
    dry_run: bool,
    allow_removals: bool,
    options: Options,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    Update,
    Check,
}

pub(crate) fn main(words: impl Iterator<Item = String>) -> ExitCode {
    let args = match parse_args(words) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(FAILURE);
        }
    };
    match run(&args) {
        Ok(status) => ExitCode::from(status),
        Err(message) => {
            eprintln!("error: {message}; the vendored files are unchanged");
            ExitCode::from(FAILURE)
        }
    }
}

fn parse_args(mut words: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut command = None;
    let mut args = Args {
        command: Command::Check,
        url: fetch::IANA_URL.to_string(),
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        dry_run: false,
        allow_removals: false,
        options: Options::default(),
    };
    while let Some(arg) = words.next() {
        let mut value = |name: &str| words.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(None),
            "update" | "check" if command.is_none() => {
                command = Some(if arg == "update" { Command::Update } else { Command::Check });
            }
            "--url" => args.url = value("--url")?,
            "--dir" => args.dir = PathBuf::from(value("--dir")?),
            "--dry-run" => args.dry_run = true,
            "--allow-removals" => args.allow_removals = true,
            "--timeout" => {
                let text = value("--timeout")?;
                let secs: f64 = text.parse().map_err(|_| format!("--timeout takes seconds, not `{text}`"))?;
                args.options.timeout =
                    Duration::try_from_secs_f64(secs).map_err(|_| format!("--timeout {text} is not a duration"))?;
            }
            "--max-bytes" => {
                let text = value("--max-bytes")?;
                args.options.max_bytes =
                    text.parse().map_err(|_| format!("--max-bytes takes a number, not `{text}`"))?;
            }
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    args.command = command.ok_or("say `update` or `check`")?;
    Ok(Some(args))
}

fn run(args: &Args) -> Result<u8, String> {
    let read = |file: &str| {
        let path = args.dir.join(file);
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let (csv_path, notes_path) = (args.dir.join(CSV_FILE), args.dir.join(ANNOTATIONS_FILE));
    let (old_bytes, notes) = (read(CSV_FILE)?, read(ANNOTATIONS_FILE)?);
    let notes_src = Source::new(notes_path.to_str().unwrap_or(ANNOTATIONS_FILE), &notes);
    let old = Registry::parse(&Source::new(csv_path.to_str().unwrap_or(CSV_FILE), &old_bytes), &notes_src)
        .map_err(|e| format!("the vendored registry is invalid: {e}"))?;

    eprintln!("downloading {}", args.url);
    let new_bytes =
        fetch::download(&args.url, &args.options).map_err(|e| format!("download of {} failed: {e}", args.url))?;
    if let Err(e) = std::str::from_utf8(&new_bytes) {
        let line = 1 + new_bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        return Err(format!("{}:{line}: the download is not UTF-8 text", args.url));
    }
    let new = Registry::parse(&Source::new(&args.url, &new_bytes), &notes_src)
        .map_err(|e| format!("the download is not a valid registry: {e}"))?;

    let changes = diff(&old, &new);
    if new_bytes == old_bytes {
        println!("the vendored registry is current");
        return Ok(0);
    }
    if changes.is_empty() {
        println!("no code, name or reference changed; the file differs in formatting only");
    } else {
        print!("{changes}");
    }
    for change in &changes.changes {
        if let Change::Added { code, ident, annotated: false, .. } = change {
            println!("note: {code} has no line in {ANNOTATIONS_FILE}; it will be the variant `{ident}`");
        }
    }
    match args.command {
        Command::Check => {
            println!("the vendored registry is out of date: run `update`");
            Ok(OUT_OF_DATE)
        }
        Command::Update => {
            let removed: Vec<String> = changes.removed().map(|c| c.to_string()).collect();
            if !removed.is_empty() && !args.allow_removals {
                eprintln!(
                    "error: the download removes registered code(s) {}; pass --allow-removals to accept that; \
                     the vendored files are unchanged",
                    removed.join(", ")
                );
                return Ok(REFUSED);
            }
            if args.dry_run {
                println!("dry run: nothing written");
                return Ok(0);
            }
            let provenance = Provenance { source: args.url.clone(), retrieved: vendor::today_utc() };
            vendor::replace(&args.dir, &new_bytes, &provenance)
                .map_err(|e| format!("cannot write the new files: {e}"))?;
            println!(
                "updated {}; review `git diff`, then regenerate src/close_codes.rs \
                 (CLOSECODE_BLESS=1 cargo test -p closecode --test generated)",
                csv_path.display()
            );
            Ok(0)
        }
    }
}
