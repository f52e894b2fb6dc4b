// The measured facts behind `Engine` and `Peer`: one record per browser engine and per
// WebSocket stack, each with the version it was measured on. The matrix that shows them,
// row by row, is `measured.md` beside this file, re-recorded from real browsers by
// `CLOSECODE_BLESS=1 cargo test -p closecode-demo --test browser`; `tests/engine_conformance.rs`
// checks that the model built from these records gives every recorded row, and that the
// versions here are the ones the matrix was recorded on. When an engine changes, the browser
// test names the rows; re-record, review the diff of `measured.md`, then change the record
// here (and its version) until the conformance test passes.

use super::{CodeSet, OneByte, ReasonWithoutCode, Refusal};

/// What a browser engine does, as measured.
pub(super) struct EngineFacts {
    /// The engine and version the facts were measured on (Debian 12's packages).
    pub(super) measured_on: &'static str,
    /// The codes a page sees as sent when a Close frame carries them with a valid UTF-8
    /// reason; a Close with any other code fails the connection (the page sees 1006, unclean).
    pub(super) accepts: CodeSet,
    /// What a page sees for a 1-byte Close body.
    pub(super) one_byte: OneByte,
    /// What `close(undefined, reason)` does.
    pub(super) reason_without_code: ReasonWithoutCode,
}

/// Chromium 156 (Debian 12 `chromium` 156.0.8078.108-1~deb12u1), headless.
pub(super) const CHROMIUM: EngineFacts = EngineFacts {
    measured_on: "Chromium 156.0.8078.108",
    // Rows `0`, `999`, `1004`, `1016`, `2999`, `5000`, `65535` arrive as sent; `1005`, `1006`,
    // `1015`, with and without a reason, fail the connection: Chromium checks only that the
    // code is not one of the three reported-only codes.
    accepts: CodeSet::AllBut(&[1005, 1006, 1015]),
    // Row `0x03`: the connection fails.
    one_byte: OneByte::Fails,
    // Rows `close(undefined, ..)`: InvalidAccessError, whatever the reason's length.
    reason_without_code: ReasonWithoutCode::Throws,
};

/// Firefox ESR 153 (Debian 12 `firefox-esr` 153.8.0esr-1~deb12u1), headless.
pub(super) const FIREFOX: EngineFacts = EngineFacts {
    measured_on: "Firefox 153.8.0esr",
    // Every code arrives as sent, 1005, 1006 and 1015 included (with their reason): Firefox
    // checks no code.
    accepts: CodeSet::AllBut(&[]),
    // Row `0x03`: reported as a Close without a status (1005, clean).
    one_byte: OneByte::NoStatus,
    // Rows `close(undefined, ..)`: a reason over 123 bytes throws SyntaxError; otherwise an
    // empty Close is sent (the reason is dropped).
    reason_without_code: ReasonWithoutCode::EmptyClose { checks_length: true },
};

/// WebKitGTK 2.50 (Debian 12 `libwebkit2gtk-4.1-0` 2.50.6-1~deb12u2, on libsoup 3.2.3), in a
/// `WebKit2.WebView` under Xvfb.
pub(super) const WEBKITGTK: EngineFacts = EngineFacts {
    measured_on: "WebKitGTK 2.50.6",
    // libsoup's list: 1000-1003, 1007-1011 and 3000-4999. Every other code fails the
    // connection, the registered 1012, 1013 and 1014 included (rows `1012`..`1014`).
    accepts: CodeSet::Only(&[(1000, 1003), (1007, 1011), (3000, 4999)]),
    // Row `0x03`: the connection fails.
    one_byte: OneByte::Fails,
    // Rows `close(undefined, ..)`: an empty Close, the reason dropped unchecked (a 124-byte
    // reason throws nothing).
    reason_without_code: ReasonWithoutCode::EmptyClose { checks_length: false },
};

/// What a Rust WebSocket stack does with a Close it receives, read from its source at this
/// version and measured over loopback by `demo/tests/stacks.rs` (the README's stacks table).
pub(super) struct StackFacts {
    /// The stack and version.
    pub(super) measured_on: &'static str,
    /// The codes the application sees as sent (with a valid UTF-8 reason).
    pub(super) accepts: CodeSet,
    /// What happens to any other code.
    pub(super) refused: Refusal,
}

/// tungstenite's `CloseCode::is_allowed` (`From<u16>` files 1004, 1014, 0-999 and 5000 up as
/// `Bad`, 1016-2999 as `Reserved`): the application gets `Message::Close` with 1002
/// "Protocol violation", the answer tungstenite sent.
const TUNGSTENITE_ACCEPTS: CodeSet = CodeSet::Only(&[(1000, 1003), (1007, 1013), (3000, 4999)]);
const TUNGSTENITE_REFUSES: Refusal = Refusal::Replaced { code: 1002, reason: "Protocol violation" };

pub(super) const TUNGSTENITE_0_30: StackFacts = StackFacts {
    measured_on: "tungstenite 0.30.0 (tokio-tungstenite 0.30)",
    accepts: TUNGSTENITE_ACCEPTS,
    refused: TUNGSTENITE_REFUSES,
};

pub(super) const TUNGSTENITE_0_29: StackFacts = StackFacts {
    measured_on: "tungstenite 0.29.0 (tokio-tungstenite 0.29, axum 0.8)",
    accepts: TUNGSTENITE_ACCEPTS,
    refused: TUNGSTENITE_REFUSES,
};

/// actix-http 3.20's `try_parse_close_payload`: 1000-1003, 1007-1014, 3000-4999; anything
/// else is a protocol error (the stream yields an error).
pub(super) const ACTIX_WS_0_4: StackFacts = StackFacts {
    measured_on: "actix-ws 0.4.0 (actix-http 3.20.0)",
    accepts: CodeSet::Only(&[(1000, 1003), (1007, 1014), (3000, 4999)]),
    refused: Refusal::Fails,
};

/// fastwebsockets' `CloseCode::is_allowed`, the same table as tungstenite's; with auto-close
/// on (its default) `read_frame` answers 1002 and returns `InvalidCloseCode`.
pub(super) const FASTWEBSOCKETS_0_10: StackFacts = StackFacts {
    measured_on: "fastwebsockets 0.10.0 (auto-close on)",
    accepts: CodeSet::Only(&[(1000, 1003), (1007, 1013), (3000, 4999)]),
    refused: Refusal::Fails,
};

/// tokio-websockets' `CloseCode::try_from` (1000-1015, 3000-4999) less `is_reserved` (1004,
/// 1005, 1006, 1015): anything else is a protocol error.
pub(super) const TOKIO_WEBSOCKETS_0_13: StackFacts = StackFacts {
    measured_on: "tokio-websockets 0.13.3",
    accepts: CodeSet::Only(&[(1000, 1003), (1007, 1014), (3000, 4999)]),
    refused: Refusal::Fails,
};
