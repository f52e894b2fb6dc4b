//! Close payload parsing never panics, and a payload the strict policy accepts encodes back
//! to the same bytes. The closing handshake built on it (`CloseTracker::received_raw`) always answers
//! with a body a strict peer accepts, and a proxy relaying the event never sends what may not
//! be sent.
#![no_main]

use closecode_core::{CloseTracker, ClosePayload, Ending, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|body: &[u8]| {
    if let Ok(payload) = ClosePayload::parse(body) {
        let encoded = payload.encode().expect("a strictly accepted payload is encodable");
        assert_eq!(&*encoded, body);
        assert_eq!(ClosePayload::parse_with(body, Policy::Lenient), Ok(payload));
    }
    if let Err(error) = ClosePayload::parse_with(body, Policy::Lenient) {
        let code = error.fail_with().as_u16();
        assert!(code == 1002 || code == 1007);
    }
    for policy in [Policy::Strict, Policy::Lenient] {
        let mut tracker = CloseTracker::new();
        let answer = tracker.received_raw(body, policy).expect("a first Close is always answered");
        let reply = ClosePayload::parse(&answer).expect("every answer is a valid Close body");
        let outcome = tracker.outcome();
        let event = outcome.event();
        match ClosePayload::parse_with(body, policy) {
            Ok(payload) => {
                assert_eq!(outcome.ending, Ending::PeerClosed);
                assert!(event.was_clean());
                assert_eq!(reply.code(), payload.code().filter(|c| c.is_sendable()));
            }
            Err(error) => {
                assert_eq!(outcome.ending, Ending::ProtocolError);
                assert_eq!((event.code(), event.was_clean()), (1006, false));
                assert_eq!(reply.code(), Some(error.fail_with()));
            }
        }
        assert!(event.to_relay().encode().is_ok());
    }
});
