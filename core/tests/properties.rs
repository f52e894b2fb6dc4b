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

/// One call a receive loop can make on a `CloseTracker`.
#[derive(Clone, Debug)]
enum Step {
    Sent(u16, String),
    Received(u16, String),
    ReceivedEmpty,
    ReceivedRaw(Vec<u8>),
    Ended,
    ProtocolError,
    TimedOut,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (any::<u16>(), "\\PC{0,8}").prop_map(|(c, r)| Step::Sent(c, r)),
        (any::<u16>(), "\\PC{0,8}").prop_map(|(c, r)| Step::Received(c, r)),
        Just(Step::ReceivedEmpty),
        proptest::collection::vec(any::<u8>(), 0..130).prop_map(Step::ReceivedRaw),
        Just(Step::Ended),
        Just(Step::ProtocolError),
        Just(Step::TimedOut),
    ]
}

proptest! {
    /// Any sequence of calls (Close after Close, a Close after the end, nothing at all) gives
    /// an outcome whose event follows RFC 6455 section 7.1.5: the first received Close's code
    /// (1005 for an empty one), else 1006; clean exactly when a Close went each way.
    #[test]
    fn any_sequence_of_tracker_calls_gives_a_defined_event(steps in proptest::collection::vec(step(), 0..8)) {
        let mut tracker = closecode_core::CloseTracker::new();
        let mut first_received: Option<Option<(u16, String)>> = None;
        let mut sent = false;
        let mut over = false;
        for step in &steps {
            match step {
                Step::Sent(code, reason) => {
                    tracker.sent(&ClosePayload::new(*code, reason));
                    sent |= !over;
                }
                Step::Received(code, reason) => {
                    tracker.received(&ClosePayload::new(*code, reason));
                    if !over && first_received.is_none() {
                        first_received = Some(Some((*code, reason.clone())));
                    }
                }
                Step::ReceivedEmpty => {
                    tracker.received(&ClosePayload::NoStatus);
                    if !over && first_received.is_none() {
                        first_received = Some(None);
                    }
                }
                Step::ReceivedRaw(body) => {
                    let fresh = !over && first_received.is_none();
                    let answer = tracker.received_raw(body, Policy::Strict);
                    if let (true, Ok(payload)) = (fresh, ClosePayload::parse(body)) {
                        first_received = Some(payload.code().map(|c| (c.as_u16(), payload.reason().to_string())));
                    }
                    if let Some(answer) = answer {
                        prop_assert!(ClosePayload::parse(&answer).is_ok(), "every answer may be sent");
                        sent = true;
                    }
                    over |= fresh && ClosePayload::parse(body).is_err();
                }
                Step::Ended | Step::ProtocolError | Step::TimedOut => {
                    match step {
                        Step::Ended => tracker.ended(),
                        Step::ProtocolError => tracker.protocol_error(),
                        _ => tracker.timed_out(),
                    }
                    over = true;
                }
            }
        }
        let outcome = tracker.outcome();
        let event = outcome.event();
        prop_assert!(event.is_trusted());
        match &first_received {
            Some(Some((code, reason))) => prop_assert_eq!((event.code(), event.reason()), (*code, reason.as_str())),
            Some(None) => prop_assert_eq!((event.code(), event.reason()), (1005, "")),
            None => prop_assert_eq!((event.code(), event.reason()), (1006, "")),
        }
        prop_assert_eq!(event.was_clean(), sent && first_received.is_some());
        prop_assert_eq!(event.was_clean(), outcome.ending.is_clean());
        prop_assert!(!outcome.to_string().contains('\n'));
    }
}
