//! What changed between two registries, in the terms a maintainer reviews.
//!
//! ```
//! let registry = closecode_registry::vendored()?;
//! assert_eq!(closecode_tools::diff::diff(&registry, &registry).to_string(), "");
//! # Ok::<(), closecode_registry::Error>(())
//! ```

use closecode_registry::{CodeSpan, Entry, Registry};
use std::collections::HashMap;
use std::fmt;

/// The differences between the vendored registry and a new one.
///
/// ```
/// use closecode_registry::{Source, parse_registry};
/// use closecode_tools::diff::diff;
///
/// let old = closecode_registry::vendored().unwrap();
/// let text = closecode_registry::CSV.replace("1016-2999,Unassigned", "1016,Shiny New,,,\r\n1017-2999,Unassigned");
/// let new = parse_registry(&Source::new("new.csv", text.as_bytes())).unwrap();
/// let changes = diff(&old, &new);
/// assert_eq!(changes.to_string(), "added 1016 Shiny New (no annotation: variant `ShinyNew`)\nrange 1016-2999 is now 1017-2999\n");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// One line per change, in code order.
    pub changes: Vec<Change>,
}

/// One difference.
///
/// ```
/// use closecode_tools::diff::{Change, diff};
/// let old = closecode_registry::vendored().unwrap();
/// let text = closecode_registry::CSV.replace("1009,Message Too Big", "1009,Message Too Large");
/// let new = closecode_registry::parse_registry(&closecode_registry::Source::new("new.csv", text.as_bytes())).unwrap();
/// assert!(matches!(diff(&old, &new).changes[..], [Change::Renamed { code: 1009, .. }]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A code registered in the new registry only.
    Added {
        /// The code.
        code: u16,
        /// Its collapsed Meaning.
        meaning: String,
        /// The variant it will get.
        ident: String,
        /// Whether an annotation already covers it.
        annotated: bool,
    },
    /// A code registered in the old registry only.
    Removed {
        /// The code.
        code: u16,
        /// The variant it had.
        ident: String,
    },
    /// A registered code whose Meaning changed.
    Renamed {
        /// The code.
        code: u16,
        /// The old collapsed Meaning.
        from: String,
        /// The new collapsed Meaning.
        to: String,
    },
    /// A row whose Reference or Contact changed.
    Cited {
        /// The row.
        span: CodeSpan,
        /// The old references and contacts.
        from: String,
        /// The new references and contacts.
        to: String,
    },
    /// A range row that is gone or new (ranges split or merge as codes are registered).
    Range {
        /// The old range, if there was one.
        from: Option<CodeSpan>,
        /// The new range, if there is one.
        to: Option<CodeSpan>,
    },
}

impl Diff {
    /// Whether nothing a user could see changed.
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert!(closecode_tools::diff::diff(&reg, &reg).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The registered codes the new registry drops.
    ///
    /// ```
    /// let reg = closecode_registry::vendored().unwrap();
    /// assert_eq!(closecode_tools::diff::diff(&reg, &reg).removed().count(), 0);
    /// ```
    pub fn removed(&self) -> impl Iterator<Item = u16> + '_ {
        self.changes.iter().filter_map(|c| match c {
            Change::Removed { code, .. } => Some(*code),
            _ => None,
        })
    }
}

/// Compares two registries.
///
/// ```
/// let reg = closecode_registry::vendored().unwrap();
/// assert!(closecode_tools::diff::diff(&reg, &reg).is_empty());
/// ```
pub fn diff(old: &Registry, new: &Registry) -> Diff {
    let mut changes = Vec::new();
    let by_code = |reg: &Registry| -> HashMap<u16, Entry> {
        reg.registrations().map(|e| (e.row.span.first(), e.clone())).collect()
    };
    let (old_codes, new_codes) = (by_code(old), by_code(new));
    let mut codes: Vec<u16> = old_codes.keys().chain(new_codes.keys()).copied().collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        match (old_codes.get(&code).cloned(), new_codes.get(&code).cloned()) {
            (None, Some(added)) => changes.push(Change::Added {
                code,
                meaning: added.row.meaning_collapsed(),
                ident: added.ident.clone().unwrap_or_default(),
                annotated: added.annotation.is_some(),
            }),
            (Some(removed), None) => {
                changes.push(Change::Removed { code, ident: removed.ident.clone().unwrap_or_default() });
            }
            (Some(before), Some(after)) => compare(&mut changes, &before, &after),
            (None, None) => {}
        }
    }
    let ranges =
        |reg: &Registry| -> Vec<Entry> { reg.entries().iter().filter(|e| !e.is_registration()).cloned().collect() };
    let (old_ranges, new_ranges) = (ranges(old), ranges(new));
    for before in &old_ranges {
        if let Some(after) = new_ranges.iter().find(|e| e.row.span == before.row.span) {
            compare(&mut changes, before, after);
        } else {
            let successor = new_ranges.iter().find(|e| e.row.span.overlaps(before.row.span)).map(|e| e.row.span);
            changes.push(Change::Range { from: Some(before.row.span), to: successor });
        }
    }
    for after in &new_ranges {
        let known = old_ranges.iter().any(|e| e.row.span == after.row.span)
            || changes.iter().any(|c| matches!(c, Change::Range { to: Some(span), .. } if *span == after.row.span));
        if !known {
            changes.push(Change::Range { from: None, to: Some(after.row.span) });
        }
    }
    changes.sort_by_key(sort_key);
    Diff { changes }
}

fn compare(changes: &mut Vec<Change>, before: &Entry, after: &Entry) {
    let (from, to) = (before.row.meaning_collapsed(), after.row.meaning_collapsed());
    if from != to && before.is_registration() {
        changes.push(Change::Renamed { code: before.row.span.first(), from, to });
    }
    let cited =
        |e: &Entry| format!("contact [{}] reference [{}]", e.row.contacts.join("]["), e.row.references.join("]["));
    if cited(before) != cited(after) {
        changes.push(Change::Cited { span: before.row.span, from: cited(before), to: cited(after) });
    }
}

fn sort_key(change: &Change) -> (u16, u8) {
    match change {
        Change::Added { code, .. } | Change::Removed { code, .. } | Change::Renamed { code, .. } => (*code, 0),
        Change::Cited { span, .. } => (span.first(), 1),
        Change::Range { from, to } => (from.or(*to).map_or(0, CodeSpan::first), 2),
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added { code, meaning, ident, annotated: true } => {
                write!(f, "added {code} {meaning} (variant `{ident}`)")
            }
            Change::Added { code, meaning, ident, annotated: false } => {
                write!(f, "added {code} {meaning} (no annotation: variant `{ident}`)")
            }
            Change::Removed { code, ident } => write!(f, "removed {code} (variant `{ident}`)"),
            Change::Renamed { code, from, to } => write!(f, "renamed {code}: {from:?} -> {to:?}"),
            Change::Cited { span, from, to } => write!(f, "{span}: {from} -> {to}"),
            Change::Range { from: Some(from), to: Some(to) } => write!(f, "range {from} is now {to}"),
            Change::Range { from: Some(from), to: None } => write!(f, "range {from} is gone"),
            Change::Range { from: None, to: Some(to) } => write!(f, "range {to} is new"),
            Change::Range { from: None, to: None } => Ok(()),
        }
    }
}

impl fmt::Display for Diff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for change in &self.changes {
            writeln!(f, "{change}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use closecode_registry::{Source, parse_registry};

    fn registry(text: &str) -> Registry {
        parse_registry(&Source::new("t.csv", text.as_bytes())).unwrap()
    }

    #[test]
    fn the_2015_snapshot_against_today_lists_every_kind_of_change() {
        let old = registry(include_str!("../../registry/tests/data/registry-2015.csv"));
        let new = closecode_registry::vendored().unwrap();
        let text = diff(&old, &new).to_string();
        let expected = [
            "1012: contact [Alexey_Melnikov] reference [http://www.ietf.org/mail-archive/web/hybi/current/msg09670.html] -> contact [Alexey_Melnikov] reference [https://mailarchive.ietf.org/arch/msg/hybi/P_1vbD9uyHl63nbIIbFxKMfSwcM/]",
            "added 1014 The server was acting as a gateway or proxy and received an invalid response from the upstream server. This is similar to 502 HTTP Status Code. (variant `BadGateway`)",
            "range 1014-1014 is gone",
            "range 1016-3999 is now 1016-2999",
            "added 3000 Unauthorized (variant `Unauthorized`)",
            "range 3001-3002 is new",
        ];
        for line in expected {
            assert!(text.contains(line), "missing {line:?} in:\n{text}");
        }
    }

    #[test]
    fn removals_and_renames_are_reported() {
        let old = closecode_registry::vendored().unwrap();
        let new = registry(
            &closecode_registry::CSV
                .replace("3008,Timeout,[Morgan_Jones],,\r\n", "")
                .replace("3009-3999", "3008-3999")
                .replace("1009,Message Too Big", "1009,Message Too Large"),
        );
        let changes = diff(&old, &new);
        assert_eq!(changes.removed().collect::<Vec<_>>(), [3008]);
        let text = changes.to_string();
        assert!(text.contains(r#"renamed 1009: "Message Too Big" -> "Message Too Large""#), "{text}");
        assert!(text.contains("removed 3008 (variant `Timeout`)"), "{text}");
        assert!(text.contains("range 3009-3999 is now 3008-3999"), "{text}");
    }

    #[test]
    fn reformatting_alone_is_no_change() {
        let old = closecode_registry::vendored().unwrap();
        let new = registry(include_str!("../../registry/tests/data/registry-collapsed-1014.csv"));
        assert!(diff(&old, &new).is_empty());
    }
}
