//! `closecode-registry`: `export` renders the registry for front ends (TypeScript, JavaScript,
//! JSON); `check`, `update` and `regenerate` keep the checkout's vendored registry and every
//! file generated from it current. Run `closecode-registry --help` for the options and exit
//! statuses.

mod export;
mod update;

use std::process::ExitCode;

const USAGE: &str = "\
usage: closecode-registry export [--format ts|js|json] [--out FILE] [--csv FILE]
       closecode-registry <check|update|regenerate> [options]   (see `closecode-registry update --help`)

  export      render the registry (the vendored one, or --csv FILE with closecode's annotations)
              as a TypeScript module (default), a JavaScript ES module or JSON, to stdout or to
              --out FILE (written to a temporary file and renamed: never left half written)
  check       download IANA's registry; exit 1 when the checkout's vendored copy differs
  update      download, validate, and replace the vendored CSV, its provenance and every file
              generated from it, writing annotation stubs for new codes: all or nothing
  regenerate  write every generated file again from the checkout's vendored files (after
              filling annotations)

exit status: 0 done or current, 1 out of date (check), 2 failure (one `error:` line; no file
             changed), 3 refused: the download removes registered codes (no file changed)";

fn main() -> ExitCode {
    let mut words = std::env::args().skip(1).peekable();
    match words.peek().map(String::as_str) {
        Some("export") => {
            words.next();
            export::main(words)
        }
        Some("update" | "check" | "regenerate") => update::main(words),
        None | Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!(
                "error: unknown command `{other}`; expected `export`, `check`, `update` or `regenerate`\n\n{USAGE}"
            );
            ExitCode::from(2)
        }
    }
}
