//! `CloseEvent` deserialization never panics, and an event it accepts round-trips.
#![no_main]

use closecode_core::CloseEvent;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(event) = serde_json::from_slice::<CloseEvent>(bytes) {
        let json = serde_json::to_string(&event).unwrap();
        let back: CloseEvent = serde_json::from_str(&json).unwrap();
        assert_eq!(back, event);
    }
});
