//! Close payload parsing never panics, and a payload the strict policy accepts encodes back
//! to the same bytes. The closing handshake built on it (`CloseResponse::to`) always answers
//! with a body a strict peer accepts, and a proxy relaying the event never sends what may not
//! be sent.
#![no_main]

use closecode_core::{ClosePayload, CloseResponse, Policy};
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
        let response = CloseResponse::to(body, policy);
        let reply = ClosePayload::parse(&response.reply).expect("every reply is a valid Close body");
        assert_eq!(response.error.is_none(), response.event.was_clean());
        match response.error {
            None => assert_eq!(
                reply.code(),
                ClosePayload::parse_with(body, policy).unwrap().code().filter(|c| c.is_sendable())
            ),
            Some(error) => assert_eq!(reply.code(), Some(error.fail_with())),
        }
        assert!(response.event.to_relay().encode().is_ok());
    }
});
