//! Any bytes as an HTML page (skipping the `is_html` sniff, so every input reaches the parser,
//! the pruner, the scorer and the renderer): no panic, in each output format; the text stages'
//! Changes record replays the extracted text to the output.
#![no_main]
use libfuzzer_sys::fuzz_target;
use textmend::html::Format;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the format, so one corpus covers all three renderers.
    let (format, page) = match data.split_first() {
        Some((b, rest)) => (
            [Format::Text, Format::Markdown, Format::Html][usize::from(*b % 3)],
            rest,
        ),
        None => (Format::Text, data),
    };
    let mut config = textmend::Config::default();
    config.html.format = format;
    if let Ok(doc) = textmend::html::process(page, &config) {
        assert_eq!(doc.changes.replay(&doc.input), doc.output);
        let _ = textmend::report::findings(&doc);
    }
});
