//! Round trips that must hold for every input.

use closecode_core::{CloseCode, CloseEvent, ClosePayload, Policy, truncate_reason};
use proptest::prelude::*;

fn sendable_code() -> impl Strategy<Value = CloseCode> {
    any::<u16>().prop_map(CloseCode::from).prop_filter("sendable", |c| c.is_sendable())
}

proptest! {
    #[test]
    fn u16_to_close_code_and_back(n in any::<u16>()) {
        prop_assert_eq!(u16::from(CloseCode::from(n)), n);
    }

    #[test]
    fn encode_then_parse_gives_the_payload_back(code in sendable_code(), reason in "\\PC{0,60}") {
        let reason = truncate_reason(&reason);
        let payload = ClosePayload::new(code, reason);
        let bytes = payload.encode().unwrap();
        prop_assert!(bytes.len() <= 125);
        prop_assert_eq!(ClosePayload::parse(&bytes), Ok(payload));
        prop_assert_eq!(ClosePayload::parse_with(&bytes, Policy::Lenient), Ok(payload));
    }

    #[test]
    fn parse_then_encode_gives_the_bytes_back(bytes in proptest::collection::vec(any::<u8>(), 0..130)) {
        if let Ok(payload) = ClosePayload::parse(&bytes) {
            prop_assert_eq!(&*payload.encode().unwrap(), bytes.as_slice());
        }
    }

    #[test]
    fn lenient_accepts_everything_strict_accepts(bytes in proptest::collection::vec(any::<u8>(), 0..130)) {
        if let Ok(payload) = ClosePayload::parse(&bytes) {
            prop_assert_eq!(ClosePayload::parse_with(&bytes, Policy::Lenient), Ok(payload));
        }
    }

    #[test]
    fn truncation_keeps_a_prefix_that_fits(text in "\\PC{0,200}") {
        let cut = truncate_reason(&text);
        prop_assert!(cut.len() <= 123);
        prop_assert!(text.starts_with(cut));
        if text.len() <= 123 {
            prop_assert_eq!(cut, text.as_str());
        } else {
            // Only the character straddling byte 123 is dropped, and it is at most 4 bytes.
            prop_assert!(cut.len() > 123 - 4);
        }
    }

    #[test]
    fn received_events_report_what_was_sent(code in sendable_code(), reason in "[a-z ]{0,50}") {
        let event = CloseEvent::received(&ClosePayload::new(code, &reason));
        prop_assert_eq!(event.close_code(), code);
        prop_assert_eq!(event.reason(), reason.as_str());
        prop_assert!(event.was_clean() && event.is_trusted());
    }
}
