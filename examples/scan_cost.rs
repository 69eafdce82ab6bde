//! The scan that flags the lines each repair pass must see, alone: `lines_for(text, legacy)`
//! over a file N times, for counting its instructions (docs/gate-kana.md).
//!
//! `cargo run --release --example scan_cost -- FILE gated|plain N` prints the number of lines
//! flagged in all runs. Instructions of one run: `valgrind --tool=cachegrind --cache-sim=no`
//! with N = 2 less the same with N = 1 (which leaves out reading the file and building the
//! tables).

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(which), Some(runs)) = (args.get(1), args.get(2), args.get(3)) else {
        eprintln!("usage: scan_cost FILE gated|plain N");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(file).expect("a UTF-8 file");
    let legacy = which == "gated";
    let runs: usize = runs.parse().expect("a number of runs");
    let mut total = 0;
    for _ in 0..runs {
        let found = textmend::repair::fastpath::lines_for(std::hint::black_box(&text), legacy);
        total += std::hint::black_box(found).len();
    }
    println!("{total}");
}
