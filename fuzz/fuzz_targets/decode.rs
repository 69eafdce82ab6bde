//! Any bytes through the decode stage: no panic; text comes back or a typed error.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(d) = textmend::decode(data) {
        assert!(d.invalid_offsets.iter().all(|&o| o <= data.len()));
    }
});
