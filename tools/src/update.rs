//! The updater's plan: from the checkout's files and a downloaded registry, everything
//! `update` writes (the CSV byte for byte, the provenance, the annotations with their stubs,
//! and every generated file) and the summary it prints, computed before anything is written,
//! so that `--dry-run` shows exactly what a real run does and a failure writes nothing.
//!
//! ```
//! use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
//! let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
//! let vendored = Vendored::read(&repo)?;
//! let cited = closecode_registry::CSV.replace("[RFC6455][RFC Errata 3227]", "[RFC6455][RFC Errata 3227][RFC9999]");
//! if let Outcome::Changed(update) = plan(&repo, &vendored, cited.as_bytes(), "https://example.org/r.csv", "2026-07-01")? {
//!     // `update` would pass `update.writes(&repo)` to `files::write_all`; here, only show it.
//!     print!("{}", update.summary(true));
//! }
//! # Ok::<(), String>(())
//! ```

use crate::annotate::{self, Edit};
use crate::diff::{Diff, diff};
use crate::repo::{self, BLESSED_ELSEWHERE, GENERATED, Repository};
use closecode_registry::{Error, Provenance, Registry, Source};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The heading of the summary's section listing annotations to fill: present exactly when the
/// update needs a person (the scheduled workflow then opens an issue instead of a pull request).
///
/// ```
/// assert_eq!(closecode_tools::update::ANNOTATIONS_HEADING, "### Annotations to fill");
/// ```
pub const ANNOTATIONS_HEADING: &str = "### Annotations to fill";

/// The vendored registry of a checkout, as its files hold it.
///
/// ```
/// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
/// let vendored = closecode_tools::update::Vendored::read(&repo)?;
/// assert_eq!(vendored.csv, closecode_registry::CSV.as_bytes());
/// assert_eq!(vendored.registry, closecode_registry::vendored().map_err(|e| e.to_string())?);
/// # Ok::<(), String>(())
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Vendored {
    /// The CSV's bytes.
    pub csv: Vec<u8>,
    /// The annotations file's text.
    pub annotations: String,
    /// The registry they make.
    pub registry: Registry,
    /// The provenance file, parsed.
    pub provenance: Provenance,
}

impl Vendored {
    /// Reads and checks the vendored files of `repo`.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// assert_eq!(closecode_tools::update::Vendored::read(&repo)?.provenance.retrieved.len(), 10);
    /// # Ok::<(), String>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A file cannot be read, or does not parse (`file:line: what is wrong`).
    pub fn read(repo: &Repository) -> Result<Vendored, String> {
        let csv = repo.read(repo::CSV)?;
        let annotations = String::from_utf8(repo.read(repo::ANNOTATIONS)?)
            .map_err(|_| format!("{}: the file is not UTF-8", repo::ANNOTATIONS))?;
        let registry =
            Registry::parse(&Source::new(repo::CSV, &csv), &Source::new(repo::ANNOTATIONS, annotations.as_bytes()))
                .map_err(|e| format!("the vendored registry is invalid: {e}"))?;
        let provenance = Provenance::parse(&Source::new(repo::PROVENANCE, &repo.read(repo::PROVENANCE)?))
            .map_err(|e| format!("the vendored provenance is invalid: {e}"))?;
        Ok(Vendored { csv, annotations, registry, provenance })
    }

    /// Every generated file of the checkout as this registry makes it, with its path relative
    /// to the root.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// let files = closecode_tools::update::Vendored::read(&repo)?.generated();
    /// assert_eq!(files[0].0, "src/close_codes.rs");
    /// # Ok::<(), String>(())
    /// ```
    pub fn generated(&self) -> Vec<(&'static str, String)> {
        GENERATED.iter().map(|&(path, kind)| (path, repo::render(kind, &self.registry, &self.provenance))).collect()
    }

    /// The generated files of `repo` that differ from what this registry makes (a stale file,
    /// or one written by an updater built from another generator).
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// assert!(closecode_tools::update::Vendored::read(&repo)?.stale(&repo).is_empty());
    /// # Ok::<(), String>(())
    /// ```
    pub fn stale(&self, repo: &Repository) -> Vec<&'static str> {
        self.generated()
            .into_iter()
            .filter(|(path, text)| repo.read(path).ok().as_deref() != Some(text.as_bytes()))
            .map(|(path, _)| path)
            .collect()
    }

    /// The files generated from the registry by a test of their own that differ from what
    /// this registry makes, with how to refresh each.
    ///
    /// ```
    /// let repo = closecode_tools::repo::Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// let vendored = closecode_tools::update::Vendored::read(&repo)?;
    /// for (path, how) in vendored.stale_elsewhere(&repo) {
    ///     println!("{path} is stale: {how}");
    /// }
    /// # Ok::<(), String>(())
    /// ```
    pub fn stale_elsewhere(&self, repo: &Repository) -> Vec<(&'static str, &'static str)> {
        BLESSED_ELSEWHERE
            .iter()
            .filter(|(path, format, _)| {
                let text = crate::export::render(&self.registry, &self.provenance, *format);
                repo.read(path).is_ok_and(|bytes| bytes != text.as_bytes())
            })
            .map(|&(path, _, how)| (path, how))
            .collect()
    }
}

/// What a downloaded registry means for a checkout: see [`plan`].
///
/// ```
/// use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
/// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
/// let vendored = Vendored::read(&repo)?;
/// assert!(matches!(plan(&repo, &vendored, &vendored.csv, "x", "2026-07-01")?, Outcome::Current));
/// # Ok::<(), String>(())
/// ```
#[derive(Debug)]
#[allow(clippy::large_enum_variant, reason = "made once per run")]
pub enum Outcome {
    /// The download is the vendored CSV byte for byte.
    Current,
    /// The download differs: what `update` would write.
    Changed(Update),
}

/// Everything `update` writes for a download, and what it says about it.
///
/// ```
/// use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
/// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
/// let vendored = Vendored::read(&repo)?;
/// let older = closecode_registry::CSV.replace("3008,Timeout,[Morgan_Jones],,\r\n", "").replace("3009-3999", "3008-3999");
/// let Outcome::Changed(update) = plan(&repo, &vendored, older.as_bytes(), "x", "2026-07-01")? else { panic!() };
/// assert_eq!(update.removed, [3008]);
/// # Ok::<(), String>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Update {
    /// What changed at IANA, in the terms a reviewer reads.
    pub changes: Diff,
    /// The registered codes the download drops (refused without `--allow-removals`).
    pub removed: Vec<u16>,
    /// The edits of the annotations file.
    pub edits: Vec<Edit>,
    /// The annotations still to fill, as the tests report them.
    pub unfinished: Vec<Error>,
    /// Every file to write, relative to the checkout's root, with its new content (unchanged
    /// files included: the writer skips them).
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// The files a test of their own regenerates, stale after the update, and how to refresh
    /// each.
    pub stale_elsewhere: Vec<(&'static str, &'static str)>,
    /// The new provenance.
    pub provenance: Provenance,
    /// The vendored provenance it replaces.
    pub previous: Provenance,
}

/// Plans the update of `repo` (whose files `vendored` holds) to the registry `downloaded`
/// (from `source`, taken on `day`).
///
/// ```
/// use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
/// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
/// let vendored = Vendored::read(&repo)?;
/// let same = plan(&repo, &vendored, closecode_registry::CSV.as_bytes(), "https://example.org/r.csv", "2026-07-01")?;
/// assert!(matches!(same, Outcome::Current));
///
/// let newer = closecode_registry::CSV.replace("3009-3999,Unassigned,,,", "3009,Shiny New Code,,,\r\n3010-3999,Unassigned,,,");
/// let Outcome::Changed(update) = plan(&repo, &vendored, newer.as_bytes(), "https://example.org/r.csv", "2026-07-01")? else { panic!() };
/// assert!(update.summary(false).contains("added 3009 Shiny New Code"));
/// assert_eq!(update.unfinished.len(), 1);
/// # Ok::<(), String>(())
/// ```
///
/// # Errors
///
/// One line: the download is not UTF-8 or not a valid registry (`source:line: what is
/// wrong`), or the annotations file cannot be edited.
pub fn plan(
    repo: &Repository,
    vendored: &Vendored,
    downloaded: &[u8],
    source: &str,
    day: &str,
) -> Result<Outcome, String> {
    if let Err(e) = std::str::from_utf8(downloaded) {
        let line = 1 + downloaded[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        return Err(format!("{source}:{line}: the download is not UTF-8 text"));
    }
    let annotations = Source::new(repo::ANNOTATIONS, vendored.annotations.as_bytes());
    let first = Registry::parse(&Source::new(source, downloaded), &annotations)
        .map_err(|e| format!("the download is not a valid registry: {e}"))?;
    if downloaded == vendored.csv.as_slice() {
        return Ok(Outcome::Current);
    }
    let changes = diff(&vendored.registry, &first);
    let removed: Vec<u16> = changes.removed().collect();
    let (notes, edits) = annotate::apply(repo::ANNOTATIONS, &vendored.annotations, &vendored.registry, &first)
        .map_err(|e| e.to_string())?;
    let registry = Registry::parse(&Source::new(source, downloaded), &Source::new(repo::ANNOTATIONS, notes.as_bytes()))
        .map_err(|e| format!("the annotations with their stubs do not parse: {e}"))?;
    let provenance = Provenance { source: source.to_string(), retrieved: day.to_string() };
    let mut files: Vec<(&'static str, Vec<u8>)> = vec![
        (repo::CSV, downloaded.to_vec()),
        (repo::PROVENANCE, provenance.render().into_bytes()),
        (repo::ANNOTATIONS, notes.into_bytes()),
    ];
    files.extend(GENERATED.iter().map(|&(path, kind)| (path, repo::render(kind, &registry, &provenance).into_bytes())));
    let unfinished = registry.unfinished_annotations(repo::CSV, repo::ANNOTATIONS);
    let after =
        Vendored { csv: downloaded.to_vec(), annotations: String::new(), registry, provenance: provenance.clone() };
    Ok(Outcome::Changed(Update {
        changes,
        removed,
        edits,
        unfinished,
        files,
        stale_elsewhere: after.stale_elsewhere(repo),
        provenance,
        previous: vendored.provenance.clone(),
    }))
}

/// The refusal `update` gives when `stale` (from [`Vendored::stale`]) is not empty: an update
/// would rewrite those files from a generator that did not make them.
///
/// ```
/// let message = closecode_tools::update::stale_message(&["src/close_codes.rs"]);
/// assert!(message.starts_with("src/close_codes.rs is not what this updater generates"));
/// ```
pub fn stale_message(stale: &[&str]) -> String {
    format!(
        "{} not what this updater generates from the vendored registry: after editing the annotations, run \
         `cargo run -p closecode-tools -- regenerate` first; otherwise run the updater built from this checkout \
         (`cargo run -p closecode-tools -- update`)",
        list_is_are(stale)
    )
}

/// `a is` or `a, b are`.
fn list_is_are(paths: &[&str]) -> String {
    match paths {
        [one] => format!("{one} is"),
        many => format!("{} are", many.join(", ")),
    }
}

impl Update {
    /// The files of `repo` this update changes, as absolute paths with their content, for
    /// [`write_all`](crate::files::write_all).
    ///
    /// ```
    /// use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
    /// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// let vendored = Vendored::read(&repo)?;
    /// let newer = closecode_registry::CSV.replace("3009-3999,Unassigned,,,", "3009,Shiny New Code,,,\r\n3010-3999,Unassigned,,,");
    /// let Outcome::Changed(update) = plan(&repo, &vendored, newer.as_bytes(), "https://example.org/r.csv", "2026-07-01")? else { panic!() };
    /// assert!(update.writes(&repo).iter().any(|(path, _)| path.ends_with("close_codes.rs")));
    /// # Ok::<(), String>(())
    /// ```
    pub fn writes(&self, repo: &Repository) -> Vec<(PathBuf, Vec<u8>)> {
        self.files.iter().map(|(path, bytes)| (repo.path(path), bytes.clone())).collect()
    }

    /// The paths (relative to the root) whose content this update changes.
    ///
    /// ```
    /// use closecode_tools::{repo::Repository, update::{Outcome, Vendored, plan}};
    /// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// let vendored = Vendored::read(&repo)?;
    /// let newer = closecode_registry::CSV.replace("[RFC6455][RFC Errata 3227]", "[RFC6455][RFC Errata 3227][RFC9999]");
    /// let Outcome::Changed(update) = plan(&repo, &vendored, newer.as_bytes(), "https://example.org/r.csv", "2026-07-01")? else { panic!() };
    /// assert!(update.changed_files(&repo).contains(&"src/close_codes.rs"));
    /// assert!(!update.changed_files(&repo).contains(&"registry/annotations.csv"));
    /// # Ok::<(), String>(())
    /// ```
    pub fn changed_files(&self, repo: &Repository) -> Vec<&'static str> {
        self.files
            .iter()
            .filter(|(path, bytes)| repo.read(path).ok().as_deref() != Some(bytes.as_slice()))
            .map(|(path, _)| *path)
            .collect()
    }

    /// The summary, in Markdown, fit for a pull request's body: what changed at IANA, the files
    /// written (or, for a dry run, to be written), the annotations to fill and the files to
    /// refresh by their own tests.
    ///
    /// ```
    /// use closecode_tools::{repo::Repository, update::{ANNOTATIONS_HEADING, Outcome, Vendored, plan}};
    /// let repo = Repository::find(std::path::Path::new(env!("CARGO_MANIFEST_DIR")))?;
    /// let vendored = Vendored::read(&repo)?;
    /// let newer = closecode_registry::CSV.replace("1009,Message Too Big", "1009,Message Too Large");
    /// let Outcome::Changed(update) = plan(&repo, &vendored, newer.as_bytes(), "https://example.org/r.csv", "2026-07-01")? else { panic!() };
    /// let summary = update.summary(true);
    /// assert!(summary.contains("- renamed 1009: \"Message Too Big\" -> \"Message Too Large\""));
    /// assert!(!summary.contains(ANNOTATIONS_HEADING));
    /// # Ok::<(), String>(())
    /// ```
    pub fn summary(&self, dry_run: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "## IANA WebSocket close-code registry: update of {}\n", self.provenance.retrieved);
        let _ = writeln!(
            out,
            "Downloaded from <{}> on {} (the vendored copy came from <{}> on {}).\n",
            self.provenance.source, self.provenance.retrieved, self.previous.source, self.previous.retrieved
        );
        let _ = writeln!(out, "### What changed at IANA\n");
        if self.changes.is_empty() {
            let _ = writeln!(out, "No code, name or reference changed; the file differs in formatting only.");
        }
        for change in &self.changes.changes {
            let _ = writeln!(out, "- {change}");
        }
        let _ = writeln!(
            out,
            "\n### Files {}\n",
            if dry_run { "it would write (dry run: nothing written)" } else { "written" }
        );
        for (path, _) in &self.files {
            let notes: Vec<String> = if *path == repo::ANNOTATIONS {
                self.edits.iter().map(ToString::to_string).collect()
            } else {
                Vec::new()
            };
            if *path == repo::ANNOTATIONS && notes.is_empty() {
                continue;
            }
            if notes.is_empty() {
                let _ = writeln!(out, "- `{path}`");
            } else {
                let _ = writeln!(out, "- `{path}`: {}", notes.join("; "));
            }
        }
        if !self.removed.is_empty() {
            let codes: Vec<String> = self.removed.iter().map(ToString::to_string).collect();
            let _ = writeln!(
                out,
                "\n### Removed codes\n\nIANA's file no longer has {}: every crate that names their variants stops compiling. \
                 `update` refuses this unless given `--allow-removals`.",
                codes.join(", ")
            );
        }
        if !self.unfinished.is_empty() {
            let _ = writeln!(
                out,
                "\n{ANNOTATIONS_HEADING}\n\nThe tests fail until a person fills these lines (the stubs hold only the code); \
                 then run `cargo run -p closecode-tools -- regenerate` and commit:\n"
            );
            for error in &self.unfinished {
                let _ = writeln!(out, "- {error}");
            }
        }
        if !self.stale_elsewhere.is_empty() {
            let _ = writeln!(out, "\n### Regenerate also\n");
            for (path, how) in &self.stale_elsewhere {
                let _ = writeln!(out, "- `{path}`: {how}");
            }
        }
        out
    }
}
