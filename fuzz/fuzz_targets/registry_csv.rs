//! The registry parser never panics, every error names a line inside the input, and whatever
//! it accepts can be generated.
#![no_main]

use closecode_registry::{Source, generate, parse_registry, vendored_provenance};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match parse_registry(&Source::new("fuzz.csv", bytes)) {
        Ok(registry) => {
            let provenance = vendored_provenance().unwrap();
            let code = generate(&registry, &provenance);
            assert!(code.contains("pub enum CloseCode"));
        }
        Err(error) => {
            let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            assert!(error.line() >= 1 && error.line() <= lines, "{error} (input has {lines} lines)");
            assert!(!error.message().is_empty());
        }
    }
});
