//! `closecode-registry`: `export` renders the registry for front ends (TypeScript, JavaScript,
//! JSON; default features, no network); `update` and `check` keep the vendored CSV current
//! (feature `fetch`). Run `closecode-registry --help` for the options and exit statuses.

mod export;
#[cfg(feature = "fetch")]
mod update;

use std::process::ExitCode;

const USAGE: &str = "\
usage: closecode-registry export [--format ts|js|json] [--out FILE] [--csv FILE]
       closecode-registry <update|check> [options]   (with the `fetch` feature; see `update --help`)

  export   render the registry (the vendored one, or --csv FILE with closecode's annotations)
           as a TypeScript module (default), a JavaScript ES module or JSON, to stdout or to
           --out FILE (written to a temporary file and renamed: never left half written)

exit status: 0 done, 2 failure (one `error:` line; nothing written)";

fn main() -> ExitCode {
    let mut words = std::env::args().skip(1).peekable();
    match words.peek().map(String::as_str) {
        Some("export") => {
            words.next();
            export::main(words)
        }
        Some("update" | "check") => updater(words),
        None | Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("error: unknown command `{other}`; expected `export`, `update` or `check`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(feature = "fetch")]
fn updater(words: impl Iterator<Item = String>) -> ExitCode {
    update::main(words)
}

#[cfg(not(feature = "fetch"))]
fn updater(_: impl Iterator<Item = String>) -> ExitCode {
    eprintln!(
        "error: the updater needs the `fetch` feature: cargo run -p closecode-registry --features fetch -- update"
    );
    ExitCode::from(2)
}
