//! `check`, `update` and `regenerate`: keep the checkout's vendored registry, and every file
//! generated from it, current.

use closecode_registry::fetch::{self, Options};
use closecode_tools::files::write_all;
use closecode_tools::repo::Repository;
use closecode_tools::update::{Outcome, Vendored, plan, stale_message};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

pub(crate) const USAGE: &str = "\
usage: closecode-registry <check|update|regenerate> [options]

  check       download the registry; exit 1 when the vendored copy differs from it
  update      download the registry, validate it with the build's parser, and replace, all or
              nothing, the vendored CSV (byte for byte), its provenance, the annotations (a
              stub line for each new code: the tests fail, naming the code and the fields to
              fill, until a person fills it) and every generated file (src/close_codes.rs, the
              export snapshots); print a summary fit for a pull request's body
  regenerate  write every generated file again from the checkout's vendored files: after
              filling annotation stubs

options:
  --repo DIR         the checkout (default: the current directory or the nearest parent holding
                     registry/close-code-number.csv; never where this tool was built or installed)
  --url URL          where to download from (default: IANA)
  --dry-run          update, regenerate: show all of it, write nothing
  --allow-removals   update: accept a registry that drops registered codes
  --summary FILE     check, update: also write the summary (Markdown) to FILE
  --timeout SECS     give up on the download after SECS seconds (default 30)
  --max-bytes N      refuse a body over N bytes (default 1048576)

The day recorded in the provenance is SOURCE_DATE_EPOCH's when it is set, else today (UTC).

exit status: 0 done or current, 1 out of date (check), 2 failure (one `error:` line; no file
             changed), 3 refused: the download removes registered codes (no file changed)";

/// Exit statuses.
const OUT_OF_DATE: u8 = 1;
const FAILURE: u8 = 2;
const REFUSED: u8 = 3;

struct Args {
    command: Command,
    url: String,
    repo: Option<PathBuf>,
    dry_run: bool,
    allow_removals: bool,
    summary: Option<PathBuf>,
    options: Options,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Command {
    Update,
    Check,
    Regenerate,
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
            eprintln!("error: {message}; no file was changed");
            ExitCode::from(FAILURE)
        }
    }
}

fn parse_args(mut words: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut command = None;
    let mut args = Args {
        command: Command::Check,
        url: fetch::IANA_URL.to_string(),
        repo: None,
        dry_run: false,
        allow_removals: false,
        summary: None,
        options: Options::default(),
    };
    while let Some(arg) = words.next() {
        let mut value = |name: &str| words.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "-h" | "--help" | "help" => return Ok(None),
            "update" if command.is_none() => command = Some(Command::Update),
            "check" if command.is_none() => command = Some(Command::Check),
            "regenerate" if command.is_none() => command = Some(Command::Regenerate),
            "--url" => args.url = value("--url")?,
            "--repo" => args.repo = Some(PathBuf::from(value("--repo")?)),
            "--summary" => args.summary = Some(PathBuf::from(value("--summary")?)),
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
    args.command = command.ok_or("say `check`, `update` or `regenerate`")?;
    Ok(Some(args))
}

fn run(args: &Args) -> Result<u8, String> {
    let repo = if let Some(dir) = &args.repo {
        Repository::at(dir)?
    } else {
        let here = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
        Repository::find(&here)?
    };
    let vendored = Vendored::read(&repo)?;
    if args.command == Command::Regenerate {
        return regenerate(args, &repo, &vendored);
    }
    if args.command == Command::Update {
        let stale = vendored.stale(&repo);
        if !stale.is_empty() {
            return Err(stale_message(&stale));
        }
    }
    let day = match std::env::var("SOURCE_DATE_EPOCH").ok().filter(|v| !v.trim().is_empty()) {
        Some(value) => closecode_registry::day_of_source_date_epoch(&value)?,
        None => closecode_registry::today_utc(),
    };
    eprintln!("downloading {} into {}", args.url, repo.root().display());
    let bytes =
        fetch::download(&args.url, &args.options).map_err(|e| format!("download of {} failed: {e}", args.url))?;
    let update = match plan(&repo, &vendored, &bytes, &args.url, &day)? {
        Outcome::Current => {
            println!("the vendored registry is current");
            return Ok(0);
        }
        Outcome::Changed(update) => update,
    };
    let summary = update.summary(args.dry_run || args.command == Command::Check);
    if let Some(path) = &args.summary {
        std::fs::write(path, &summary).map_err(|e| format!("cannot write the summary to {}: {e}", path.display()))?;
    }
    print!("{summary}");
    if args.command == Command::Check {
        println!("\nthe vendored registry is out of date: run `update`");
        return Ok(OUT_OF_DATE);
    }
    if !update.removed.is_empty() && !args.allow_removals {
        let codes: Vec<String> = update.removed.iter().map(ToString::to_string).collect();
        eprintln!(
            "error: the download removes registered code(s) {}; pass --allow-removals to accept that; no file was changed",
            codes.join(", ")
        );
        return Ok(REFUSED);
    }
    if args.dry_run {
        println!("\ndry run: nothing written");
        return Ok(0);
    }
    let changed = write_all(&update.writes(&repo)).map_err(|e| e.to_string())?;
    println!("\nupdated {} file(s) in {}; review `git diff`", changed.len(), repo.root().display());
    Ok(0)
}

fn regenerate(args: &Args, repo: &Repository, vendored: &Vendored) -> Result<u8, String> {
    let files: Vec<(PathBuf, Vec<u8>)> =
        vendored.generated().into_iter().map(|(path, text)| (repo.path(path), text.into_bytes())).collect();
    let stale = vendored.stale(repo);
    if args.dry_run {
        for path in &stale {
            println!("would write {path}");
        }
        println!("dry run: nothing written");
    } else {
        write_all(&files).map_err(|e| e.to_string())?;
        for path in &stale {
            println!("wrote {path}");
        }
    }
    if stale.is_empty() {
        println!("every generated file is current");
    }
    for (path, how) in vendored.stale_elsewhere(repo) {
        println!("regenerate also {path}: {how}");
    }
    let unfinished =
        vendored.registry.unfinished_annotations(closecode_tools::repo::CSV, closecode_tools::repo::ANNOTATIONS);
    for error in &unfinished {
        println!("still to fill: {error}");
    }
    Ok(0)
}
