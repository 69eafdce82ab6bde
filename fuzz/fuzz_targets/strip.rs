//! Any bytes through the whole `clean` pipeline (text or HTML): no panic, replayable.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = textmend::Config::default();
    if let Ok(doc) = textmend::process(data, textmend::Mode::Clean, &config) {
        let _ = textmend::report::findings(&doc);
    }
});
