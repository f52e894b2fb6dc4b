//! The registry files the property tests feed the parser (here, and the exports and diff in
//! `closecode-tools`, which includes this file): the vendored registry's own lines, some
//! dropped, reordered or repeated, with fragments that break rows spliced in.

#![allow(dead_code)]

use proptest::prelude::*;

/// Fragments that break a row, or add one.
const NOISE: [&str; 17] = [
    ",",
    "\"",
    "\r",
    "\n",
    "\r\n",
    "1014",
    "3009",
    "-",
    "65536",
    "4000-4999",
    "2999-1016",
    "x",
    " ",
    "#",
    "\u{feff}",
    "1016-2999,Unassigned,,,\r\n",
    "3009,Shiny New Code,[x],[y],\r\n",
];

/// A file: the header (in nine files of ten), then some of the vendored rows in any order,
/// with up to three fragments of [`NOISE`] inserted anywhere.
pub(crate) fn file() -> impl Strategy<Value = String> {
    // Rows end in CRLF; the quoted 1014 row holds bare `\n`s and stays whole.
    let lines: Vec<&'static str> = closecode_registry::CSV.split_inclusive("\r\n").collect();
    let (header, rows) = (lines[0], lines[1..].to_vec());
    let rows = proptest::sample::subsequence(rows.clone(), 0..=rows.len()).prop_shuffle();
    let insertions = proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>()), 0..4);
    (proptest::bool::weighted(0.9), rows, insertions).prop_map(move |(headed, mut pieces, insertions)| {
        for (at, noise) in insertions {
            pieces.insert(at.index(pieces.len() + 1), *noise.get(&NOISE));
        }
        std::iter::once(if headed { header } else { "" }).chain(pieces).collect()
    })
}
