//! Close frame bodies against RFC 6455, one table per rule.

use closecode_core::{CloseCode, ClosePayload, EncodeError, MAX_REASON, PayloadError, Policy, truncate_reason};

fn body(code: u16, reason: &[u8]) -> Vec<u8> {
    let mut bytes = code.to_be_bytes().to_vec();
    bytes.extend_from_slice(reason);
    bytes
}

/// RFC 6455 section 5.5.1: empty, or a 2-byte code and an optional UTF-8 reason.
#[test]
fn body_shapes_rfc6455_5_5_1() {
    assert_eq!(ClosePayload::parse(&[]), Ok(ClosePayload::NoStatus));
    assert_eq!(ClosePayload::parse(&[0x03]), Err(PayloadError::OneByte));
    assert_eq!(
        ClosePayload::parse(&body(1000, b"")),
        Ok(ClosePayload::Status { code: CloseCode::NormalClosure, reason: "" })
    );
    assert_eq!(ClosePayload::parse(&body(1000, b"done")).unwrap().reason(), "done");
}

/// RFC 6455 section 5.5: a control frame payload is at most 125 bytes.
#[test]
fn length_limit_rfc6455_5_5() {
    let reason_123 = "a".repeat(123);
    let reason_124 = "a".repeat(124);
    assert_eq!(ClosePayload::parse(&body(1000, reason_123.as_bytes())).unwrap().reason().len(), 123);
    assert_eq!(ClosePayload::parse(&body(1000, reason_124.as_bytes())), Err(PayloadError::TooLong(126)));
    assert_eq!(ClosePayload::parse(&[0u8; 1000]), Err(PayloadError::TooLong(1000)));
    assert_eq!(PayloadError::TooLong(126).fail_with(), CloseCode::ProtocolError);
}

/// Autobahn testsuite 7.7 (valid codes) and 7.9 (invalid codes), RFC 6455 section 7.4.
#[test]
fn strict_policy_matches_autobahn_7_7_and_7_9() {
    let valid = [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 3999, 4000, 4999];
    let invalid = [0, 999, 1004, 1005, 1006, 1016, 1100, 2000, 2999];
    for code in valid {
        assert_eq!(ClosePayload::parse(&body(code, b"")).unwrap().code(), Some(CloseCode::from(code)), "{code}");
    }
    for code in invalid {
        let err = ClosePayload::parse(&body(code, b"")).unwrap_err();
        assert_eq!(err, PayloadError::CodeNotAccepted(CloseCode::from(code)), "{code}");
        assert_eq!(err.fail_with(), CloseCode::ProtocolError);
    }
}

/// `ws` and `websockets` accept 1000-1003, 1007-1014 and 3000-4999, and nothing else.
#[test]
fn strict_policy_is_ws_and_websockets_set_over_all_codes() {
    for code in 0..=u16::MAX {
        let expected = matches!(code, 1000..=1003 | 1007..=1014 | 3000..=4999);
        assert_eq!(ClosePayload::parse(&body(code, b"")).is_ok(), expected, "{code}");
    }
}

/// Chromium's rule: reject only 1005, 1006 and 1015.
#[test]
fn lenient_policy_rejects_only_local_only_codes() {
    for code in 0..=u16::MAX {
        let expected = !matches!(code, 1005 | 1006 | 1015);
        assert_eq!(ClosePayload::parse_with(&body(code, b""), Policy::Lenient).is_ok(), expected, "{code}");
    }
}

/// RFC 6455 sections 5.5.1 and 8.1: the reason must be valid UTF-8, else fail with 1007.
#[test]
fn invalid_utf8_reasons_fail_with_1007_rfc6455_8_1() {
    let cases: [(&[u8], usize); 8] = [
        (b"\xff", 0),                     // never valid
        (b"ok\xc0\x80", 2),               // overlong NUL
        (b"\xe0\x80\xaf", 0),             // overlong '/'
        (b"\xed\xa0\x80", 0),             // UTF-16 surrogate U+D800
        (b"\xed\xbf\xbf", 0),             // surrogate U+DFFF
        (b"abc\xe2\x82", 3),              // truncated 3-byte sequence
        (b"\xf4\x90\x80\x80", 0),         // above U+10FFFF
        (b"\xce\xba\xe1\xbd\xb9\x80", 5), // Autobahn 6.x style: valid then a stray continuation
    ];
    for (reason, valid_up_to) in cases {
        let err = ClosePayload::parse(&body(1000, reason)).unwrap_err();
        assert_eq!(err, PayloadError::InvalidUtf8 { valid_up_to }, "{reason:?}");
        assert_eq!(err.fail_with(), CloseCode::InvalidFramePayloadData);
    }
    // Valid multi-byte text and a leading BOM are kept as they are (WHATWG: decode without BOM handling).
    assert_eq!(ClosePayload::parse(&body(1000, "κόσμε".as_bytes())).unwrap().reason(), "κόσμε");
    assert_eq!(ClosePayload::parse(&body(1000, "\u{feff}x".as_bytes())).unwrap().reason(), "\u{feff}x");
}

/// A 1-byte body or a refused code fails the connection with 1002 before the reason is looked at.
#[test]
fn code_is_checked_before_the_reason() {
    let err = ClosePayload::parse(&body(1005, b"\xff")).unwrap_err();
    assert_eq!(err, PayloadError::CodeNotAccepted(CloseCode::NoStatusReceived));
}

/// RFC 6455 section 7.1.5: an empty body reports 1005; section 7.1.6: the reason is empty when absent.
#[test]
fn reported_code_and_reason_rfc6455_7_1_5_and_7_1_6() {
    assert_eq!(ClosePayload::NoStatus.reported_code(), CloseCode::NoStatusReceived);
    assert_eq!(ClosePayload::NoStatus.reason(), "");
    assert_eq!(ClosePayload::parse(&body(4001, b"")).unwrap().reported_code(), CloseCode::from(4001));
}

/// RFC 6455 section 7.4.1: 1004, 1005, 1006 and 1015 are never sent; reason at most 123 bytes.
#[test]
fn encode_refuses_what_may_not_be_sent_rfc6455_7_4_1() {
    for code in [0u16, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535] {
        let err = ClosePayload::new(code, "").encode().unwrap_err();
        assert_eq!(err, EncodeError::CodeNotSendable(CloseCode::from(code)), "{code}");
    }
    for code in [1000u16, 1003, 1007, 1014, 3000, 4999] {
        assert_eq!(&*ClosePayload::new(code, "").encode().unwrap(), &code.to_be_bytes(), "{code}");
    }
    let at_limit = "b".repeat(MAX_REASON);
    assert_eq!(ClosePayload::new(1000u16, &at_limit).encode().unwrap().len(), 125);
    let over = "b".repeat(MAX_REASON + 1);
    assert_eq!(ClosePayload::new(1000u16, &over).encode(), Err(EncodeError::ReasonTooLong(124)));
    assert!(ClosePayload::NoStatus.encode().unwrap().is_empty());
}

#[test]
fn truncate_reason_cuts_on_a_char_boundary() {
    assert_eq!(truncate_reason(""), "");
    assert_eq!(truncate_reason(&"a".repeat(123)).len(), 123);
    assert_eq!(truncate_reason(&"a".repeat(124)).len(), 123);
    // 4-byte characters: 30 of them fit in 120 bytes, the 31st would end at 124.
    let emoji = "😀".repeat(40);
    assert_eq!(truncate_reason(&emoji), "😀".repeat(30));
    // 122 ASCII bytes and a 2-byte char ending at 124: the char goes.
    let edge = format!("{}é", "a".repeat(122));
    assert_eq!(truncate_reason(&edge), "a".repeat(122));
    for text in [emoji.as_str(), edge.as_str()] {
        assert!(ClosePayload::new(1000u16, truncate_reason(text)).encode().is_ok());
    }
}

#[test]
fn error_messages_say_what_is_wrong() {
    assert_eq!(PayloadError::OneByte.to_string(), "close frame body is 1 byte; a status code takes 2");
    assert_eq!(PayloadError::TooLong(130).to_string(), "close frame body is 130 bytes; the limit is 125");
    assert_eq!(
        PayloadError::CodeNotAccepted(CloseCode::from(1005)).to_string(),
        "close code 1005 No Status Received may not be sent in a close frame"
    );
    assert_eq!(
        PayloadError::InvalidUtf8 { valid_up_to: 2 }.to_string(),
        "close reason is not valid UTF-8 after its first 2 bytes"
    );
}
