//! Any bytes through the whole `clean` pipeline (text or HTML): no panic, replayable. With
//! TEXTMEND_FUZZ_IDEMPOTENT=1, also `clean(clean(x)) == clean(x)` for text input (how repair
//! and clean reach a fixed point, and what the runs found: docs/idempotence.md).
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn check_idempotence() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("TEXTMEND_FUZZ_IDEMPOTENT").is_some_and(|v| v == "1"))
}

fuzz_target!(|data: &[u8]| {
    let config = textmend::Config::default();
    if let Ok(doc) = textmend::process(data, textmend::Mode::Clean, &config) {
        assert_eq!(doc.changes.replay(&doc.input), doc.output);
        let _ = textmend::report::findings(&doc);
        if check_idempotence() && doc.extraction.is_none() {
            let again = textmend::clean(&doc.output, &config);
            assert_eq!(again.text, doc.output, "clean is not idempotent");
        }
    }
});
