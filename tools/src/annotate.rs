//! The updater's edits of `registry/annotations.csv`, line by line so that everything else in
//! the file stays as a person wrote it: a range row IANA split or shrank keeps its annotation
//! under its new code, a row no annotation covers gets a stub (the code and empty fields,
//! which the tests reject until a person fills them), and the annotation of a code the
//! registry no longer has goes (only ever with `--allow-removals`).
//!
//! ```
//! let registry = closecode_registry::vendored()?;
//! let (text, edits) = closecode_tools::annotate::apply("a.csv", closecode_registry::ANNOTATIONS, &registry, &registry)?;
//! assert_eq!((text.as_str(), edits.len()), (closecode_registry::ANNOTATIONS, 0));
//! # Ok::<(), closecode_registry::Error>(())
//! ```

use closecode_registry::{Annotation, CodeSpan, Entry, Error, Registry, Source, parse_annotations};
use std::fmt;

/// What [`apply`] did to the annotations file, one line each.
///
/// ```
/// use closecode_registry::CodeSpan;
/// use closecode_tools::annotate::Edit;
/// let edit = Edit::Stub { span: CodeSpan::Single(3009), meaning: "Shiny".into(), line: 40 };
/// assert_eq!(edit.to_string(), "line 40: a stub for 3009 (Shiny), to fill");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Edit {
    /// The annotation of range `from` now annotates the range `to` (IANA registered a code
    /// inside it, or split it).
    Moved {
        /// The old range.
        from: CodeSpan,
        /// Its successor.
        to: CodeSpan,
        /// The line, in the new file.
        line: u64,
    },
    /// A copy of the annotation of range `from` annotates the new range `to` (one of several
    /// successors).
    Copied {
        /// The old range.
        from: CodeSpan,
        /// The new range.
        to: CodeSpan,
        /// The line, in the new file.
        line: u64,
    },
    /// A line holding only `span` and empty fields, for a person to fill.
    Stub {
        /// The row.
        span: CodeSpan,
        /// Its Meaning, collapsed.
        meaning: String,
        /// The line, in the new file.
        line: u64,
    },
    /// The annotation of `span` is gone with its row.
    Removed {
        /// The row that is gone.
        span: CodeSpan,
    },
}

impl fmt::Display for Edit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Edit::Moved { from, to, line } => {
                write!(f, "line {line}: the annotation of range {from} now annotates {to}")
            }
            Edit::Copied { from, to, line } => {
                write!(f, "line {line}: range {to} gets a copy of the annotation of {from}")
            }
            Edit::Stub { span, meaning, line } => write!(f, "line {line}: a stub for {span} ({meaning}), to fill"),
            Edit::Removed { span } => write!(f, "the annotation of {span} is removed with its row"),
        }
    }
}

/// One record of the file: its first line and its text (the lines it spans, row ends kept).
struct Block {
    span: Option<CodeSpan>,
    text: String,
}

/// The annotations file `text` (named `name` in errors) edited for the registry `new` (parsed
/// with `text` itself, so its unannotated rows and unused annotations say what to do), and
/// the edits. `old` is the registry the file annotated: only annotations of its rows are moved
/// or removed.
///
/// ```
/// use closecode_registry::{ANNOTATIONS, CSV, Registry, Source};
/// use closecode_tools::annotate::apply;
///
/// let old = closecode_registry::vendored()?;
/// let csv = CSV.replace("3009-3999,Unassigned,,,", "3009,Shiny New Code,,,\r\n3010-3999,Unassigned,,,");
/// let new = Registry::parse(&Source::new("new.csv", csv.as_bytes()), &Source::new("a.csv", ANNOTATIONS.as_bytes()))?;
/// let (text, edits) = apply("a.csv", ANNOTATIONS, &old, &new)?;
/// assert!(text.contains("\n3009,,,,,,\n3010-3999,,Unassigned,,"));
/// assert_eq!(edits.len(), 2);
/// # Ok::<(), closecode_registry::Error>(())
/// ```
///
/// # Errors
///
/// The file does not parse, or a line to edit does not start with its code (the `code`
/// column must come first for the updater to edit the file).
pub fn apply(name: &str, text: &str, old: &Registry, new: &Registry) -> Result<(String, Vec<Edit>), Error> {
    let notes = parse_annotations(&Source::new(name, text.as_bytes()))?;
    let mut blocks = blocks(text, &notes);
    let columns = header_columns(text, &notes);
    let mut edits = Vec::new();
    let old_spans: Vec<CodeSpan> = old.entries().iter().map(|e| e.row.span).collect();
    let mut open: Vec<&Entry> = new.unannotated().collect();
    for note in new.unused_annotations().iter().filter(|n| old_spans.contains(&n.span)) {
        let index = blocks.iter().position(|b| b.span == Some(note.span)).unwrap_or(usize::MAX);
        let Some(block) = blocks.get(index) else { continue };
        let successors: Vec<CodeSpan> = if matches!(note.span, CodeSpan::Range(..)) {
            open.iter().filter(|e| !e.is_registration() && e.row.span.overlaps(note.span)).map(|e| e.row.span).collect()
        } else {
            Vec::new()
        };
        open.retain(|e| !successors.contains(&e.row.span));
        let Some((&first, rest)) = successors.split_first() else {
            blocks.remove(index);
            edits.push(Edit::Removed { span: note.span });
            continue;
        };
        let old_prefix = note.span.to_string();
        let body = block
            .text
            .strip_prefix(old_prefix.as_str())
            .filter(|body| body.starts_with(','))
            .ok_or_else(|| {
                Error::new(
                    name,
                    note.line,
                    format!("cannot move the annotation of {old_prefix}: the line must start with its code"),
                )
            })?
            .to_string();
        blocks[index] = Block { span: Some(first), text: format!("{first}{body}") };
        edits.push(Edit::Moved { from: note.span, to: first, line: 0 });
        for &to in rest {
            insert(&mut blocks, Block { span: Some(to), text: format!("{to}{body}") });
            edits.push(Edit::Copied { from: note.span, to, line: 0 });
        }
    }
    for entry in open {
        let span = entry.row.span;
        insert(
            &mut blocks,
            Block { span: Some(span), text: format!("{span}{}\n", ",".repeat(columns.saturating_sub(1))) },
        );
        edits.push(Edit::Stub { span, meaning: entry.row.meaning_collapsed(), line: 0 });
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut line = 1u64;
    for block in &blocks {
        for edit in &mut edits {
            match edit {
                Edit::Moved { to, line: at, .. }
                | Edit::Copied { to, line: at, .. }
                | Edit::Stub { span: to, line: at, .. }
                    if block.span == Some(*to) =>
                {
                    *at = line;
                }
                _ => {}
            }
        }
        out.push_str(&block.text);
        line += block.text.matches('\n').count() as u64;
    }
    Ok((out, edits))
}

/// Inserts `block` before the first record whose code comes after its own, or at the end.
fn insert(blocks: &mut Vec<Block>, block: Block) {
    let first = block.span.map_or(0, CodeSpan::first);
    let at = blocks.iter().position(|b| b.span.is_some_and(|s| s.first() > first)).unwrap_or(blocks.len());
    if at == blocks.len() {
        if let Some(last) = blocks.last_mut() {
            if !last.text.ends_with('\n') {
                last.text.push('\n');
            }
        }
    }
    blocks.insert(at, block);
}

/// The file cut into blocks: each annotation's lines (to where its quotes close), and every
/// other line (comments, the header, blank lines) on its own.
fn blocks(text: &str, notes: &[Annotation]) -> Vec<Block> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut blocks = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let number = index as u64 + 1;
        let span = notes.iter().find(|n| n.line == number).map(|n| n.span);
        let mut end = index + 1;
        if span.is_some() {
            let mut quotes = lines[index].matches('"').count();
            while quotes % 2 == 1 && end < lines.len() {
                quotes += lines[end].matches('"').count();
                end += 1;
            }
        }
        blocks.push(Block { span, text: lines[index..end].concat() });
        index = end;
    }
    blocks
}

/// How many columns the header has (7 for closecode's file).
fn header_columns(text: &str, notes: &[Annotation]) -> usize {
    let first_record = notes.iter().map(|n| n.line).min().unwrap_or(u64::MAX);
    text.lines()
        .enumerate()
        .take_while(|(i, _)| (*i as u64 + 1) < first_record)
        .map(|(_, line)| line.trim())
        .find(|line| !line.is_empty() && !line.starts_with('#'))
        .map_or(7, |header| header.split(',').count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use closecode_registry::{ANNOTATIONS, CSV};

    fn registry(csv: &str, notes: &str) -> Registry {
        Registry::parse(&Source::new("r.csv", csv.as_bytes()), &Source::new("a.csv", notes.as_bytes())).unwrap()
    }

    #[test]
    fn a_new_code_splits_a_range_moves_its_annotation_and_gets_a_stub_in_code_order() {
        let old = closecode_registry::vendored().unwrap();
        let csv = CSV.replace("1016-2999,Unassigned,,,", "1016,Shiny New Code,,,\r\n1017-2999,Unassigned,,,");
        let (text, edits) = apply("a.csv", ANNOTATIONS, &old, &registry(&csv, ANNOTATIONS)).unwrap();
        let stub = text.lines().position(|l| l == "1016,,,,,,").unwrap();
        assert!(text.lines().nth(stub - 1).unwrap().starts_with("1015,TlsHandshake,"));
        assert!(text.lines().nth(stub + 1).unwrap().starts_with("1017-2999,,Unassigned,,"));
        assert_eq!(
            edits.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "line 32: the annotation of range 1016-2999 now annotates 1017-2999",
                "line 31: a stub for 1016 (Shiny New Code), to fill"
            ]
        );
        let reparsed = registry(&csv, &text);
        assert!(reparsed.unused_annotations().is_empty() && reparsed.unannotated().next().is_none());
        let unfinished = reparsed.unfinished_annotations("r.csv", "a.csv");
        assert_eq!(unfinished.len(), 1);
        assert_eq!(unfinished[0].line(), 31);
    }

    #[test]
    fn a_range_split_in_two_copies_its_annotation_and_removals_drop_theirs() {
        let old = closecode_registry::vendored().unwrap();
        let csv = CSV
            .replace(
                "3009-3999,Unassigned,,,",
                "3009-3499,Unassigned,,,\r\n3500,Half Way,,,\r\n3501-3999,Unassigned,,,",
            )
            .replace("3008,Timeout,[Morgan_Jones],,\r\n", "")
            .replace("3004-3007", "3004-3008");
        let new = registry(&csv, ANNOTATIONS);
        let (text, edits) = apply("a.csv", ANNOTATIONS, &old, &new).unwrap();
        let text_edits: Vec<String> = edits.iter().map(ToString::to_string).collect();
        assert!(text_edits.contains(&"the annotation of 3008 is removed with its row".to_string()), "{text_edits:?}");
        assert!(text.contains("\n3009-3499,,Unassigned,,"));
        assert!(text.contains("\n3500,,,,,,\n3501-3999,,Unassigned,,"), "{text}");
        assert!(text.contains("\n3004-3008,,Unassigned,,"));
        assert!(!text.contains("Timeout"));
        let reparsed = registry(&csv, &text);
        assert!(reparsed.unused_annotations().is_empty() && reparsed.unannotated().next().is_none());
    }

    #[test]
    fn the_same_registry_leaves_the_file_byte_for_byte() {
        let old = closecode_registry::vendored().unwrap();
        let (text, edits) = apply("a.csv", ANNOTATIONS, &old, &old).unwrap();
        assert_eq!((text.as_str(), edits.len()), (ANNOTATIONS, 0));
    }

    #[test]
    fn a_line_that_does_not_start_with_its_code_is_an_error_not_a_guess() {
        let notes = ANNOTATIONS.replace("3009-3999,,Unassigned", " 3009-3999,,Unassigned");
        let old = registry(CSV, &notes);
        let csv = CSV.replace("3009-3999,Unassigned,,,", "3009,Shiny,,,\r\n3010-3999,Unassigned,,,");
        let err = apply("a.csv", &notes, &old, &registry(&csv, &notes)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "a.csv:37: cannot move the annotation of 3009-3999: the line must start with its code"
        );
    }
}
