//! `Engine::close_event` takes any bytes and never panics (the fuzz target
//! `fuzz/fuzz_targets/engine_close_event.rs` checks the same properties without bounds), and
//! what it gives is always an event a browser can fire: trusted `close`, clean with the
//! body's code and reason (or 1005), or 1006, "", not clean.
#![allow(clippy::doc_markdown, reason = "WebKitGTK is a name, not code")]

use closecode_core::{CloseEvent, ClosePayload, Engine, Policy};
use proptest::prelude::*;

fn check(engine: Engine, body: &[u8]) -> Result<(), TestCaseError> {
    let event = engine.close_event(body);
    prop_assert!(event.is_trusted());
    prop_assert_eq!(event.event_type(), "close");
    if event.was_clean() {
        prop_assert!(body.len() <= 125);
        match body {
            [] | [_] => prop_assert_eq!((event.code(), event.reason()), (1005, "")),
            [high, low, reason @ ..] => {
                prop_assert_eq!(event.code(), u16::from_be_bytes([*high, *low]));
                prop_assert_eq!(event.reason().as_bytes(), reason);
            }
        }
    } else {
        prop_assert_eq!((event.code(), event.reason()), (1006, ""));
    }
    Ok(())
}

/// Bodies that look like Close bodies more often than uniform bytes do: a code from the
/// interesting ones, then any bytes.
fn close_like() -> impl Strategy<Value = Vec<u8>> {
    let code = prop_oneof![Just(1000u16), Just(1005), Just(1012), Just(1014), 0u16..5000, any::<u16>()];
    (code, proptest::collection::vec(any::<u8>(), 0..130))
        .prop_map(|(code, rest)| [&code.to_be_bytes()[..], &rest].concat())
}

proptest! {
    #[test]
    fn close_event_takes_any_bytes(body in proptest::collection::vec(any::<u8>(), 0..300)) {
        for engine in Engine::ALL {
            check(engine, &body)?;
        }
    }

    #[test]
    fn close_event_takes_any_close_like_body(body in close_like()) {
        for engine in Engine::ALL {
            check(engine, &body)?;
        }
    }

    /// closecode's lenient policy is Chromium's behaviour, byte for byte.
    #[test]
    fn chromium_is_the_lenient_policy(body in close_like()) {
        let lenient = ClosePayload::parse_with(&body, Policy::Lenient)
            .map_or_else(|_| CloseEvent::abnormal(), |payload| CloseEvent::received(&payload));
        prop_assert_eq!(Engine::Chromium.close_event(&body), lenient);
    }

    /// Everything the strict policy accepts is clean in Chromium and Firefox; WebKitGTK refuses
    /// only 1012-1014 of it.
    #[test]
    fn strict_bodies_are_clean_but_for_webkitgtk_and_1012_to_1014(body in close_like()) {
        if let Ok(payload) = ClosePayload::parse(&body) {
            for engine in Engine::ALL {
                let refused = engine == Engine::WebKitGtk && matches!(payload.code().map(u16::from), Some(1012..=1014));
                prop_assert_eq!(engine.close_event(&body).was_clean(), !refused);
            }
        }
    }

    #[test]
    fn close_takes_any_arguments(code in proptest::option::of(any::<u16>()), reason in proptest::option::of(".{0,80}")) {
        for engine in Engine::ALL {
            if let Ok(payload) = engine.close(code, reason.as_deref()) {
                prop_assert!(payload.encode().is_ok());
            }
        }
    }
}

/// A body of each length from 0 to 300 bytes, of every single byte value, in every engine.
#[test]
fn every_length_and_byte() {
    for engine in Engine::ALL {
        for byte in 0..=u8::MAX {
            for len in 0..300 {
                check(engine, &vec![byte; len]).unwrap();
            }
        }
    }
}
