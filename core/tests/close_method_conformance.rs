//! The WebSocket `close(code, reason)` method, WHATWG WebSockets standard, and where each
//! browser engine departs from it (measured: `src/engine/measured.md`).
#![allow(clippy::doc_markdown, reason = "WebKitGTK is a name, not code")]

use closecode_core::{CloseMethodError, ClosePayload, Engine, close_method};

/// Step 1: a present code must be 1000 or in 3000-4999, else `InvalidAccessError`.
#[test]
fn code_rule_whatwg_close_step_1() {
    let table: [(u16, bool); 14] = [
        (0, false),
        (999, false),
        (1000, true),
        (1001, false),
        (1005, false),
        (1006, false),
        (1015, false),
        (2999, false),
        (3000, true),
        (3999, true),
        (4000, true),
        (4999, true),
        (5000, false),
        (65535, false),
    ];
    for (code, allowed) in table {
        let result = close_method(Some(code), None);
        if allowed {
            assert_eq!(result, Ok(ClosePayload::new(code, "")), "{code}");
        } else {
            assert_eq!(result, Err(CloseMethodError::InvalidAccess(code)), "{code}");
        }
    }
}

/// Step 2: a present reason must be at most 123 bytes of UTF-8, else `SyntaxError`.
#[test]
fn reason_rule_whatwg_close_step_2() {
    let ok = "r".repeat(123);
    let long = "r".repeat(124);
    let multibyte = "é".repeat(62); // 124 bytes, 62 characters
    assert_eq!(close_method(Some(1000), Some(&ok)), Ok(ClosePayload::new(1000u16, &ok)));
    assert_eq!(close_method(Some(1000), Some(&long)), Err(CloseMethodError::Syntax(124)));
    assert_eq!(close_method(Some(1000), Some(&multibyte)), Err(CloseMethodError::Syntax(124)));
}

/// The code is checked before the reason.
#[test]
fn code_error_wins_over_reason_error() {
    let long = "r".repeat(200);
    assert_eq!(close_method(Some(1001), Some(&long)), Err(CloseMethodError::InvalidAccess(1001)));
}

/// The body sent: none; the code; code and reason; a reason without a code sends no body
/// (the standard gives the Close a body only with a code; no engine sends 1000 with it).
#[test]
fn wire_body_of_each_call_shape() {
    assert_eq!(close_method(None, None), Ok(ClosePayload::NoStatus));
    assert!(close_method(None, None).unwrap().encode().unwrap().is_empty());
    assert_eq!(close_method(Some(3000), None).unwrap().encode().unwrap().as_ref(), &[0x0B, 0xB8]);
    assert_eq!(close_method(Some(4000), Some("x")).unwrap().encode().unwrap().as_ref(), &[0x0F, 0xA0, b'x']);
    let alone = close_method(None, Some("bye")).unwrap();
    assert_eq!(alone, ClosePayload::NoStatus);
    assert!(alone.encode().unwrap().is_empty());
    assert_eq!(close_method(None, Some("")), Ok(ClosePayload::NoStatus));
}

/// Step 2 applies to a reason without a code too: over 123 bytes is a `SyntaxError`.
#[test]
fn reason_without_code_is_checked_whatwg_close_step_2() {
    let ok = "r".repeat(123);
    let long = "é".repeat(62); // 124 bytes
    assert_eq!(close_method(None, Some(&ok)), Ok(ClosePayload::NoStatus));
    assert_eq!(close_method(None, Some(&long)), Err(CloseMethodError::Syntax(124)));
}

/// What `close()` throws or sends.
type Called<'a> = Result<ClosePayload<'a>, CloseMethodError>;

/// What each engine does with a reason without a code, as measured, beside the standard.
#[test]
fn each_engine_on_a_reason_without_a_code() {
    let long = "r".repeat(124);
    let table: [(Engine, Called<'_>, Called<'_>); 3] = [
        (Engine::Chromium, Err(CloseMethodError::ReasonWithoutCode), Err(CloseMethodError::ReasonWithoutCode)),
        (Engine::Firefox, Ok(ClosePayload::NoStatus), Err(CloseMethodError::Syntax(124))),
        (Engine::WebKitGtk, Ok(ClosePayload::NoStatus), Ok(ClosePayload::NoStatus)),
    ];
    for (engine, short_reason, long_reason) in table {
        assert_eq!(engine.close(None, Some("bye")), short_reason, "{engine}");
        assert_eq!(engine.close(None, Some(&long)), long_reason, "{engine}");
    }
    assert_eq!(CloseMethodError::ReasonWithoutCode.dom_name(), "InvalidAccessError");
}

/// With a code, or without any argument, every engine is the standard, for every code.
#[test]
fn every_engine_follows_the_standard_with_a_code() {
    let long = "r".repeat(124);
    for engine in Engine::ALL {
        assert_eq!(engine.close(None, None), close_method(None, None));
        for code in 0..=u16::MAX {
            for reason in [None, Some("bye"), Some(long.as_str())] {
                assert_eq!(engine.close(Some(code), reason), close_method(Some(code), reason), "{engine} {code}");
            }
        }
    }
}

/// Everything `close()` accepts can be encoded: its codes are all sendable.
#[test]
fn everything_close_accepts_encodes() {
    for code in 0..=u16::MAX {
        if let Ok(payload) = close_method(Some(code), Some("reason")) {
            assert!(payload.encode().is_ok(), "{code}");
        }
    }
}

#[test]
fn errors_name_the_dom_exception() {
    assert_eq!(CloseMethodError::InvalidAccess(1).dom_name(), "InvalidAccessError");
    assert_eq!(
        CloseMethodError::Syntax(124).to_string(),
        "SyntaxError: close reason is 124 bytes of UTF-8; the limit is 123"
    );
}
