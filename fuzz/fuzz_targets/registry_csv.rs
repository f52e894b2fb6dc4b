//! The registry parser never panics, every error names a line inside the input (lines counted
//! by `\n`), and whatever it accepts can be generated, exported in every format, diffed against
//! the vendored registry and checked against it, without a panic.
#![no_main]

use closecode_registry::{Source, generate, parse_registry, vendored, vendored_provenance};
use closecode_tools::{diff::diff, export};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match parse_registry(&Source::new("fuzz.csv", bytes)) {
        Ok(registry) => {
            let provenance = vendored_provenance().unwrap();
            let code = generate(&registry, &provenance);
            assert!(code.contains("pub enum CloseCode"));
            for module in [export::typescript, export::javascript, export::json] {
                assert!(!module(&registry, &provenance).is_empty());
            }
            let vendored = vendored().unwrap();
            let _changes = diff(&vendored, &registry);
            if let Err(error) = registry.check_extends(&vendored, "fuzz.csv") {
                assert!(!error.message().is_empty());
            }
        }
        Err(error) => {
            let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count() as u64;
            assert!(error.line() >= 1 && error.line() <= lines, "{error} (input has {lines} lines)");
            assert!(!error.message().is_empty());
        }
    }
});
