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

/// The error message for `text`, which must not deserialize.
fn error(text: &str) -> String {
    serde_json::from_str::<CloseEvent>(text).unwrap_err().to_string()
}

/// `CloseEvent`'s `Deserialize` is written by hand (no serde `derive` for closecode); these
/// pin what the derived one did, messages included.
#[test]
fn a_sequence_is_read_as_code_reason_was_clean_each_defaulted() {
    let read = |text| {
        let event: CloseEvent = serde_json::from_str(text).unwrap();
        (event.code(), event.reason().to_owned(), event.was_clean())
    };
    assert_eq!(read("[]"), (0, String::new(), false));
    assert_eq!(read("[1000]"), (1000, String::new(), false));
    assert_eq!(read(r#"[1000,"bye"]"#), (1000, "bye".into(), false));
    assert_eq!(read(r#"[1000,"bye",true]"#), (1000, "bye".into(), true));
    assert_eq!(error(r#"[1000,"bye",true,4]"#), "trailing characters at line 1 column 18");
    assert_eq!(error(r#"["1000"]"#), r#"invalid type: string "1000", expected u16 at line 1 column 7"#);
    assert_eq!(error("[1000,5]"), "invalid type: integer `5`, expected a string at line 1 column 7");
}

#[test]
fn a_repeated_field_is_an_error_an_unknown_one_is_ignored() {
    assert_eq!(error(r#"{"code":1000,"code":1001}"#), "duplicate field `code` at line 1 column 19");
    assert_eq!(error(r#"{"reason":"a","reason":"b"}"#), "duplicate field `reason` at line 1 column 22");
    assert_eq!(error(r#"{"wasClean":true,"wasClean":true}"#), "duplicate field `wasClean` at line 1 column 27");
    // Unknown keys, repeated or not, of any value (read and skipped); names are exact.
    let event: CloseEvent =
        serde_json::from_str(r#"{"x":1,"x":{"a":[1,{"b":null}]},"was_clean":true,"Code":3,"code":5}"#).unwrap();
    assert_eq!((event.code(), event.reason(), event.was_clean()), (5, "", false));
    assert_eq!(error(r#"{"x":1,"code":1000,}"#), "trailing comma at line 1 column 20");
}

#[test]
fn a_wrong_type_names_what_was_expected() {
    for (text, message) in [
        (r#"{"code":"1000"}"#, r#"invalid type: string "1000", expected u16 at line 1 column 14"#),
        (r#"{"code":70000}"#, "invalid value: integer `70000`, expected u16 at line 1 column 13"),
        (r#"{"code":-1}"#, "invalid value: integer `-1`, expected u16 at line 1 column 10"),
        (r#"{"code":1.5}"#, "invalid type: floating point `1.5`, expected u16 at line 1 column 11"),
        (r#"{"code":null}"#, "invalid type: null, expected u16 at line 1 column 12"),
        (r#"{"reason":5}"#, "invalid type: integer `5`, expected a string at line 1 column 11"),
        (r#"{"reason":null}"#, "invalid type: null, expected a string at line 1 column 14"),
        (r#"{"wasClean":"yes"}"#, r#"invalid type: string "yes", expected a boolean at line 1 column 17"#),
        (r#"{"wasClean":1}"#, "invalid type: integer `1`, expected a boolean at line 1 column 13"),
        // The name is the private wire struct's, as the derived implementation had it.
        ("null", "invalid type: null, expected struct Wire at line 1 column 4"),
        (r#""x""#, r#"invalid type: string "x", expected struct Wire at line 1 column 3"#),
    ] {
        assert_eq!(error(text), message, "{text}");
    }
}

/// Formats other than JSON: fields by index or as bytes (as a derive reads them), a reason as
/// bytes, the `serde_json::Value` tree.
#[test]
fn other_formats_address_fields_by_index_or_bytes() {
    use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
    use serde_json::json;
    let fields = |event: CloseEvent| (event.code(), event.reason().to_owned(), event.was_clean());
    let by_index = vec![(0u64, json!(1000)), (1, json!("r")), (2, json!(true)), (3, json!("ignored"))];
    let event = CloseEvent::deserialize(MapDeserializer::<_, serde_json::Error>::new(by_index.into_iter())).unwrap();
    assert_eq!(fields(event), (1000, "r".into(), true));
    let twice = vec![(0u64, json!(1000)), (0, json!(1))];
    let err = CloseEvent::deserialize(MapDeserializer::<_, serde_json::Error>::new(twice.into_iter())).unwrap_err();
    assert_eq!(err.to_string(), "duplicate field `code`");
    let by_bytes = vec![(&b"code"[..], json!(1000)), (&b"wasClean"[..], json!(true)), (&b"zz"[..], json!(1))];
    let event = CloseEvent::deserialize(MapDeserializer::<_, serde_json::Error>::new(by_bytes.into_iter())).unwrap();
    assert_eq!(fields(event), (1000, String::new(), true));
    let bad_key = vec![(-1i64, 1000u16)];
    let err = CloseEvent::deserialize(MapDeserializer::<_, Error>::new(bad_key.into_iter())).unwrap_err();
    assert_eq!(err.to_string(), "invalid type: integer `-1`, expected field identifier");
    let event =
        CloseEvent::deserialize(MapDeserializer::<_, Error>::new([("reason", &b"ab"[..])].into_iter())).unwrap();
    assert_eq!(event.reason(), "ab");
    let err = CloseEvent::deserialize(MapDeserializer::<_, Error>::new([("reason", &b"\xff"[..])].into_iter()));
    assert_eq!(err.unwrap_err().to_string(), "invalid value: byte array, expected a string");
    let four =
        SeqDeserializer::<_, serde_json::Error>::new(vec![json!(1), json!("a"), json!(false), json!(4)].into_iter());
    assert_eq!(
        CloseEvent::deserialize(four).unwrap_err().to_string(),
        "invalid length 4, expected 3 elements in sequence"
    );
    let event = CloseEvent::deserialize(json!([1001, "y", true])).unwrap();
    assert_eq!(fields(event), (1001, "y".into(), true));
    assert_eq!(
        CloseEvent::deserialize(json!(null)).unwrap_err().to_string(),
        "invalid type: null, expected struct Wire"
    );
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
