//! Counts the short strings of mojibake-prone characters on which `fix` or `clean` is not
//! idempotent (`fix(fix(x)) != fix(x)`), to measure a failure rate rather than find one case.
//!
//! `cargo run --release --example idempotence_soup -- [COUNT] [SEED]` (default 20,000 strings,
//! seed 1): strings of 1 to 12 characters in three mixes (Western, Cyrillic, CJK) drawn from
//! ASCII, Latin-1 and windows-1252 signs, C1 controls, Latin Extended, Greek, Cyrillic, box
//! drawing, CJK and Hangul. Prints the failing strings and one line of counts.

use textmend::Config;

/// xorshift64*: a small, seedable generator (no dependency needed for this).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u32) -> u32 {
        (self.next() % n as u64) as u32
    }
}

/// Character ranges (inclusive) and their weights in each mix.
const RANGES: [(u32, u32); 10] = [
    (0x20, 0x7e),     // ASCII
    (0x80, 0x9f),     // C1 controls
    (0xa0, 0xff),     // Latin-1
    (0x152, 0x17e),   // windows-1252's Latin Extended and around
    (0x2013, 0x203a), // windows-1252 punctuation
    (0x100, 0x17f),   // Latin Extended-A
    (0x391, 0x3c9),   // Greek
    (0x400, 0x45f),   // Cyrillic
    (0x2500, 0x257f), // box drawing
    (0x4e00, 0x9fff), // CJK (Hangul below)
];
const MIXES: [[u32; 11]; 3] = [
    // Western, Cyrillic, CJK; the last column is Hangul.
    [4, 2, 6, 2, 2, 2, 1, 1, 1, 1, 1],
    [3, 2, 3, 1, 1, 1, 1, 6, 2, 1, 1],
    [3, 2, 4, 1, 1, 1, 1, 1, 1, 5, 3],
];

fn soup(rng: &mut Rng, mix: &[u32; 11]) -> String {
    let total: u32 = mix.iter().sum();
    let len = 1 + rng.below(12);
    (0..len)
        .map(|_| {
            let mut pick = rng.below(total);
            let mut k = 0;
            while pick >= mix[k] {
                pick -= mix[k];
                k += 1;
            }
            let (lo, hi) = if k == 10 { (0xac00, 0xd7a3) } else { RANGES[k] };
            char::from_u32(lo + rng.below(hi - lo + 1)).unwrap_or(' ')
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let config = Config::default();
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let (mut fix_fail, mut clean_fail) = ([0usize; 3], [0usize; 3]);
    for i in 0..count {
        let m = i % 3;
        let s = soup(&mut rng, &MIXES[m]);
        let once = textmend::fix_text(&s, &config);
        assert_eq!(once.changes.replay(&s), once.text, "replay of {s:?}");
        let twice = textmend::fix_text(&once.text, &config);
        if twice.text != once.text {
            fix_fail[m] += 1;
            println!("fix   {s:?} -> {:?} -> {:?}", once.text, twice.text);
        }
        let once = textmend::clean(&s, &config);
        let twice = textmend::clean(&once.text, &config);
        if twice.text != once.text {
            clean_fail[m] += 1;
            println!("clean {s:?} -> {:?} -> {:?}", once.text, twice.text);
        }
    }
    println!(
        "strings {count} seed {seed}: fix not idempotent {} ({:?} Western/Cyrillic/CJK), clean {} ({:?})",
        fix_fail.iter().sum::<usize>(),
        fix_fail,
        clean_fail.iter().sum::<usize>(),
        clean_fail
    );
}
