//! Any bytes as a JSON Lines stream: no panic, one output line per input line.
#![no_main]
use libfuzzer_sys::fuzz_target;
use textmend::batch::jsonl::{JsonlOptions, run};

fuzz_target!(|data: &[u8]| {
    let mut out = Vec::new();
    let summary = run(data, &mut out, &JsonlOptions::default(), &textmend::Config::default(), &|| true)
        .expect("in-memory JSONL run");
    let lines_in = data.split(|&b| b == b'\n').count() - usize::from(data.ends_with(b"\n") || data.is_empty());
    assert_eq!(summary.documents as usize, lines_in);
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), lines_in);
});
