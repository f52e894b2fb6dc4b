//! The WebSocket `close(code, reason)` method, WHATWG WebSockets standard.

use closecode_core::{CloseCode, CloseMethodError, ClosePayload, close_method};

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

/// The body sent: none; the code; code and reason; a reason alone goes with 1000 (Chromium).
#[test]
fn wire_body_of_each_call_shape() {
    assert_eq!(close_method(None, None), Ok(ClosePayload::NoStatus));
    assert!(close_method(None, None).unwrap().encode().unwrap().is_empty());
    assert_eq!(close_method(Some(3000), None).unwrap().encode().unwrap().as_ref(), &[0x0B, 0xB8]);
    assert_eq!(close_method(Some(4000), Some("x")).unwrap().encode().unwrap().as_ref(), &[0x0F, 0xA0, b'x']);
    let alone = close_method(None, Some("bye")).unwrap();
    assert_eq!(alone, ClosePayload::new(CloseCode::NormalClosure, "bye"));
    assert_eq!(alone.encode().unwrap().as_ref(), &[0x03, 0xE8, b'b', b'y', b'e']);
    assert_eq!(close_method(None, Some("")), Ok(ClosePayload::new(CloseCode::NormalClosure, "")));
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
