//! Time the stages of HTML extraction over the `*.html` files of a directory (CPU-bound
//! loop, three rounds): `cargo run --release --example stage_time -- DIR`.

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).expect("usage: stage_time DIR");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    let pages: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(f).expect("read"))
        .collect();
    let config = textmend::Config::default();
    let opts = textmend::html::score::Options { use_classes: true };
    let (mut dec, mut prep, mut parse, mut select, mut render, mut text) =
        (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    for _ in 0..3 {
        for p in &pages {
            let t = Instant::now();
            let d = textmend::decode_with(p, &config.decode).expect("decode");
            dec += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = textmend::html::prescan::prepare(&d.text, 512);
            prep += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let dom = textmend::html::parse::Dom::parse(&d.text);
            parse += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let sel = textmend::html::score::select(&dom, opts);
            select += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let out =
                textmend::html::render::render(&dom, &sel.main, &sel, textmend::html::Format::Text);
            render += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = textmend::clean(&out, &config);
            text += t.elapsed().as_secs_f64();
        }
    }
    let n = 3.0 * pages.len() as f64 / 1000.0;
    println!(
        "ms/page: decode {:.3} prepare {:.3} parse(incl. prepare) {:.3} select {:.3} render {:.3} text stages {:.3}",
        dec / n,
        prep / n,
        parse / n,
        select / n,
        render / n,
        text / n
    );
}
