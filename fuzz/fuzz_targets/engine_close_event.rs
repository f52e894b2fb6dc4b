//! `Engine::close_event` never panics on any bytes, and gives an event a browser can fire:
//! trusted `close`, clean with the body's code and reason (1005 for an empty body, and for a
//! 1-byte one in Firefox), or 1006, "", not clean. Chromium's is the lenient policy's answer.
#![no_main]

use closecode_core::{CloseEvent, ClosePayload, Engine, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    for engine in Engine::ALL {
        let event = engine.close_event(body);
        assert!(event.is_trusted());
        assert_eq!(event.event_type(), "close");
        if event.was_clean() {
            assert!(body.len() <= 125);
            match body {
                [] | [_] => assert_eq!((event.code(), event.reason()), (1005, "")),
                [high, low, reason @ ..] => {
                    assert_eq!(event.code(), u16::from_be_bytes([*high, *low]));
                    assert_eq!(event.reason().as_bytes(), reason);
                }
            }
        } else {
            assert_eq!((event.code(), event.reason()), (1006, ""));
        }
    }
    let lenient = ClosePayload::parse_with(body, Policy::Lenient)
        .map_or_else(|_| CloseEvent::abnormal(), |payload| CloseEvent::received(&payload));
    assert_eq!(Engine::Chromium.close_event(body), lenient);
});
