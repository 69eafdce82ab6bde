//! Run `textmend::process` (clean mode) on every `*.html` file of a directory, in memory and
//! timed, and write each output as `<stem>.txt` into another directory. Used by
//! `benches/html_eval.py`; prints `pages N seconds S`.
//!
//! usage: cargo run --release --example html_batch -- IN_DIR OUT_DIR [text|markdown|html]

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(input), Some(output)) = (args.next(), args.next()) else {
        eprintln!("usage: html_batch IN_DIR OUT_DIR [text|markdown|html]");
        std::process::exit(2);
    };
    let mut config = textmend::Config::default();
    config.html.format = match args.next().as_deref() {
        Some("markdown") => textmend::html::Format::Markdown,
        Some("html") => textmend::html::Format::Html,
        _ => textmend::html::Format::Text,
    };
    let mut files: Vec<_> = std::fs::read_dir(&input)
        .expect("input directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    let pages: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let start = Instant::now();
    let outputs: Vec<String> = pages
        .iter()
        .map(|p| {
            textmend::process(p, textmend::Mode::Clean, &config)
                .map(|d| d.output)
                .unwrap_or_default()
        })
        .collect();
    let secs = start.elapsed().as_secs_f64();
    std::fs::create_dir_all(&output).expect("output directory");
    for (f, out) in files.iter().zip(outputs) {
        let stem = f.file_stem().expect("stem").to_string_lossy();
        std::fs::write(
            std::path::Path::new(&output).join(format!("{stem}.txt")),
            out,
        )
        .expect("write");
    }
    println!("pages {} seconds {secs:.4}", files.len());
}
