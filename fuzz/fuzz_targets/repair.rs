//! Any text through `fix`: no panic, and the Changes record replays the input to the output.
//! With TEXTMEND_FUZZ_IDEMPOTENT=1 it also checks `fix(fix(x)) == fix(x)` (how repair
//! and clean reach a fixed point, and what the runs found: docs/idempotence.md).
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn check_idempotence() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("TEXTMEND_FUZZ_IDEMPOTENT").is_some_and(|v| v == "1"))
}

fuzz_target!(|text: &str| {
    let config = textmend::Config::default();
    let once = textmend::fix_text(text, &config);
    assert_eq!(once.changes.replay(text), once.text);
    if check_idempotence() {
        let twice = textmend::fix_text(&once.text, &config);
        assert_eq!(twice.text, once.text, "fix is not idempotent");
    }
});
