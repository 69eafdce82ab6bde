//! Any text through `fix`: no panic, replayable, idempotent.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let config = textmend::Config::default();
    let once = textmend::fix_text(text, &config);
    assert_eq!(once.changes.replay(text), once.text);
    let twice = textmend::fix_text(&once.text, &config);
    assert_eq!(twice.text, once.text, "fix is not idempotent");
});
