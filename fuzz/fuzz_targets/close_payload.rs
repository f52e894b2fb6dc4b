//! Close payload parsing never panics, and a payload the strict policy accepts encodes back
//! to the same bytes.
#![no_main]

use closecode_core::{ClosePayload, Policy};
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
});
