//! The `serde` feature: numbers for codes, the DOM's field names for events, errors (never
//! panics) for bad input.

use closecode_core::{AppCloseCode, CloseCode, CloseEvent, CloseEventInit, ClosePayload};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

#[test]
fn close_codes_are_numbers() {
    assert_eq!(serde_json::to_string(&CloseCode::PolicyViolation).unwrap(), "1008");
    assert_eq!(serde_json::from_str::<CloseCode>("1014").unwrap(), CloseCode::BadGateway);
    assert_eq!(serde_json::from_str::<CloseCode>("4321").unwrap(), CloseCode::from(4321));
    for bad in ["70000", "-1", "\"1000\"", "1000.5", "null", ""] {
        assert!(serde_json::from_str::<CloseCode>(bad).is_err(), "{bad}");
    }
}

#[test]
fn events_use_the_dom_field_names() {
    let event = CloseEvent::received(&ClosePayload::new(CloseCode::GoingAway, "bye"));
    assert_eq!(serde_json::to_string(&event).unwrap(), r#"{"code":1001,"reason":"bye","wasClean":true}"#);
    let back: CloseEvent = serde_json::from_str(r#"{"code":1001,"reason":"bye","wasClean":true}"#).unwrap();
    assert_eq!((back.code(), back.reason(), back.was_clean()), (1001, "bye", true));
    assert_eq!(back.event_type(), "close");
    assert!(!back.is_trusted(), "a deserialized event is a constructed one");
}

/// Missing fields take the `CloseEventInit` defaults; unknown ones are ignored.
#[test]
fn missing_fields_take_the_webidl_defaults() {
    let event: CloseEvent = serde_json::from_str(r#"{"reason":"x","type":"close","extra":[1,2]}"#).unwrap();
    assert_eq!((event.code(), event.reason(), event.was_clean()), (0, "x", false));
    let empty: CloseEvent = serde_json::from_str("{}").unwrap();
    assert_eq!(empty, CloseEvent::new("close", CloseEventInit::default()));
    let escaped: CloseEvent = serde_json::from_str(r#"{"reason":"line\nbreak \u00e9"}"#).unwrap();
    assert_eq!(escaped.reason(), "line\nbreak é");
}

#[test]
fn invalid_events_are_errors() {
    for bad in [
        r#"{"code":70000}"#,
        r#"{"code":-1}"#,
        r#"{"code":"1000"}"#,
        r#"{"reason":5}"#,
        r#"{"wasClean":"yes"}"#,
        r#"[1000,"bye",true,4]"#,
        "null",
        "{",
        "",
    ] {
        assert!(serde_json::from_str::<CloseEvent>(bad).is_err(), "{bad}");
    }
}

#[derive(AppCloseCode, Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(into = "u16", try_from = "u16")]
enum Chat {
    Kicked = 4001,
    Banned = 4002,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Report {
    #[serde(with = "closecode_core::serde_app_code")]
    code: Chat,
    also: Chat,
}

#[test]
fn app_codes_are_numbers_both_ways() {
    let report = Report { code: Chat::Kicked, also: Chat::Banned };
    let json = serde_json::to_string(&report).unwrap();
    assert_eq!(json, r#"{"code":4001,"also":4002}"#);
    assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), report);
    let err = serde_json::from_str::<Chat>("4003").unwrap_err().to_string();
    assert!(err.contains("close code 4003 is not one of Chat's codes"), "{err}");
    let err = serde_json::from_str::<Report>(r#"{"code":4999,"also":4001}"#).unwrap_err().to_string();
    assert!(err.contains("close code 4999 is not one of"), "{err}");
}

proptest! {
    #[test]
    fn events_round_trip_through_json(code in any::<u16>(), reason in "\\PC{0,40}", was_clean in any::<bool>()) {
        let event = CloseEvent::new("close", CloseEventInit::new().code(code).reason(reason.clone()).was_clean(was_clean));
        let json = serde_json::to_string(&event).unwrap();
        let back: CloseEvent = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, event);
    }

    /// Whatever the text, a code deserializes exactly when the text is a JSON integer in
    /// 0-65535 (to that code), and an event that deserializes serializes back to an equal one.
    #[test]
    fn any_json_text_deserializes_to_the_number_or_errors(text in "\\PC{0,60}|-?[0-9]{1,7}|\\{\"code\":[0-9]{1,6},\"reason\":\"\\PC{0,8}\",\"wasClean\":(true|false)\\}") {
        let number = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| v.as_u64());
        let expected = number.and_then(|n| u16::try_from(n).ok()).map(CloseCode::from);
        prop_assert_eq!(serde_json::from_str::<CloseCode>(&text).ok(), expected);
        if let Ok(event) = serde_json::from_str::<CloseEvent>(&text) {
            let again: CloseEvent = serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap();
            prop_assert_eq!(again, event);
        }
    }
}
