//! The statistics of the judge, loaded once from `data/legacy/` (built from real text by
//! `scripts/build_legacy_stats.py`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A cost in bits: `-log2` of a probability.
pub type Bits = f32;

/// The script of an alphabetic letter, for the letter-pair models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Latin letters.
    Latin,
    /// Cyrillic letters.
    Cyrillic,
    /// Greek letters.
    Greek,
    /// Arabic letters (Arabic, Persian, Urdu) and their vowel marks.
    Arabic,
    /// Hebrew letters and their points.
    Hebrew,
    /// Armenian letters.
    Armenian,
}

impl Script {
    /// Every script, in the order of their numbers (`script as usize`).
    pub const ALL: [Script; 6] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Armenian,
    ];
}

/// How many scripts there are.
pub const SCRIPTS: usize = Script::ALL.len();

/// The letter pairs of one language: the cost of each letter after another inside a
/// lower-cased word, a space standing for the word boundary.
pub struct PairModel {
    /// Language code (wordfreq's).
    pub lang: &'static str,
    /// The script of its letters.
    pub script: Script,
    /// Its column in [`PairTable`].
    index: usize,
    letters: Vec<char>,
}

impl PairModel {
    /// True when the language writes the (lower-case) letter `c`.
    pub fn has_letter(&self, c: char) -> bool {
        self.letters.binary_search(&c).is_ok()
    }

    /// The letters it writes (folded), sorted.
    pub fn letters(&self) -> &[char] {
        &self.letters
    }

    /// The cost of `b` after `a`, if the pair was seen (a pair seen at the unseen-pair cost
    /// counts as unseen: the judge treats them alike).
    pub fn cost(&self, a: char, b: char) -> Option<Bits> {
        pair_table()
            .row(a, b)
            .map(|row| row[self.index])
            .filter(|&tenths| u16::from(tenths) != UNSEEN_TENTHS)
            .map(|tenths| tenths as Bits / 10.0)
    }
}

fn pair_key(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// A fast hasher for the pair keys (two code points packed in a `u64`).
#[derive(Default)]
struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

macro_rules! models {
    ($($lang:literal => $script:ident),* $(,)?) => {
        &[$(($lang, Script::$script, include_str!(concat!("../../../data/legacy/bigrams/", $lang, ".tsv")))),*]
    };
}

/// The languages with letter-pair models, their scripts and their data.
const MODEL_DATA: &[(&str, Script, &str)] = models![
    "en" => Latin, "de" => Latin, "fr" => Latin, "es" => Latin, "it" => Latin, "pt" => Latin,
    "nl" => Latin, "sv" => Latin, "da" => Latin, "nb" => Latin, "fi" => Latin, "is" => Latin,
    "pl" => Latin, "cs" => Latin, "sk" => Latin, "hu" => Latin, "ro" => Latin, "tr" => Latin,
    "sl" => Latin, "sh" => Latin, "lt" => Latin, "lv" => Latin, "ca" => Latin, "id" => Latin,
    "ms" => Latin, "vi" => Latin, "fil" => Latin, "et" => Latin, "az" => Latin,
    "ru" => Cyrillic, "uk" => Cyrillic, "bg" => Cyrillic, "mk" => Cyrillic,
    "el" => Greek,
    "ar" => Arabic, "fa" => Arabic, "ur" => Arabic, "he" => Hebrew,
    "hy" => Armenian,
];

/// How many letter-pair models there are.
pub const MODELS: usize = MODEL_DATA.len();

/// The languages and scripts of [`MODEL_DATA`] without their data: the data is read only to
/// compute the shipped tables, and stays out of the binary.
const MODEL_LANGS: [(&str, Script); MODELS] = {
    let mut out = [("", Script::Latin); MODELS];
    let mut m = 0;
    while m < MODELS {
        out[m] = (MODEL_DATA[m].0, MODEL_DATA[m].1);
        m += 1;
    }
    out
};

/// How many models are of the Latin script: the first models of every row (the others
/// come after them, checked at compile time), so that a Latin segment's sums are the first
/// lanes of a row.
pub const LATIN_MODELS: usize = {
    let mut n = 0;
    while n < MODELS && matches!(MODEL_LANGS[n].1, Script::Latin) {
        n += 1;
    }
    let mut m = n;
    while m < MODELS {
        assert!(
            !matches!(MODEL_LANGS[m].1, Script::Latin),
            "the Latin models come first"
        );
        m += 1;
    }
    n
};

/// The script of model `m` (without loading the models).
pub fn model_script(m: usize) -> Script {
    MODEL_LANGS[m].1
}

/// The cost of a letter pair that a model has not seen, in tenths of a bit.
pub const UNSEEN_TENTHS: u16 = 160;

/// Every letter-pair model.
pub fn pair_models() -> &'static [PairModel] {
    &stats().0
}

/// The shipped letter-pair tables (see [`crate::generated`]), by file name: the letters of
/// each model, the hash index of the pairs and the cost rows (see [`PairTable`]).
const SHIPPED: [(&str, &[u8]); 3] = [
    (
        "letter-pair-letters.bin",
        include_bytes!("../../../data/generated/letter-pair-letters.bin"),
    ),
    (
        "letter-pair-index.bin",
        include_bytes!("../../../data/generated/letter-pair-index.bin"),
    ),
    (
        "letter-pair-costs.bin",
        include_bytes!("../../../data/generated/letter-pair-costs.bin"),
    ),
];

/// The models and their [`PairTable`], read from the shipped tables.
fn stats() -> &'static (Vec<PairModel>, PairTable) {
    static STATS: OnceLock<(Vec<PairModel>, PairTable)> = OnceLock::new();
    STATS.get_or_init(|| {
        let [(_, letters), (index_name, index), (costs_name, costs)] = SHIPPED;
        let stale = |name: &str| -> ! {
            panic!(
                "data/generated/{name} is malformed: run `cargo run --release --example gen_tables`"
            )
        };
        // Letters: for each model, their number (u32) and the code points (u32), little-endian.
        let mut words = letters
            .as_chunks::<4>()
            .0
            .iter()
            .map(|w| u32::from_le_bytes(*w));
        let models = MODEL_LANGS
            .iter()
            .enumerate()
            .map(|(m, &(lang, script))| {
                let n = words.next().unwrap_or_else(|| stale(SHIPPED[0].0)) as usize;
                let letters = words
                    .by_ref()
                    .take(n)
                    .map(|cp| char::from_u32(cp).unwrap_or_else(|| stale(SHIPPED[0].0)))
                    .collect();
                PairModel {
                    lang,
                    script,
                    index: m,
                    letters,
                }
            })
            .collect();
        let (slots, []) = index.as_chunks::<SLOT_BYTES>() else {
            stale(index_name)
        };
        if !slots.len().is_power_of_two() {
            stale(index_name)
        }
        let (costs, []) = costs.as_chunks::<MODELS>() else {
            stale(costs_name)
        };
        (
            models,
            PairTable {
                shift: 64 - slots.len().trailing_zeros(),
                slots,
                costs,
            },
        )
    })
}

/// Bytes of a slot of the pair index: the pair key (u64) and its row (u16), little-endian.
const SLOT_BYTES: usize = 10;

/// The slot where the search for `key` starts, in an index of `64 - shift` bits.
fn home_slot(key: u64, shift: u32) -> usize {
    let mut h = PairHasher::default();
    h.write_u64(key);
    (h.finish() >> shift) as usize
}

/// The letter-pair tables computed from the models' data, as the bytes of the files in
/// `SHIPPED` order.
fn compute_stats() -> [Vec<u8>; 3] {
    // Sized for every row at once (growing the map step by step was most of its building
    // time).
    let most: usize = MODEL_DATA.iter().map(|(_, _, d)| d.lines().count()).sum();
    let mut index: HashMap<u64, u32, BuildHasherDefault<PairHasher>> =
        HashMap::with_capacity_and_hasher(most, BuildHasherDefault::default());
    let mut costs: Vec<[u16; MODELS]> = Vec::with_capacity(most);
    let mut letter_bytes = Vec::new();
    for (m, &(_, _, data)) in MODEL_DATA.iter().enumerate() {
        let mut letters = Vec::new();
        for (a, b, cost) in pairs_of(data) {
            letters.push(b);
            let next = costs.len() as u32;
            let row = *index.entry(pair_key(a, b)).or_insert(next) as usize;
            if row == costs.len() {
                costs.push([UNSEEN_TENTHS; MODELS]);
            }
            costs[row][m] = cost;
        }
        letters.sort_unstable();
        letters.dedup();
        letter_bytes.extend((letters.len() as u32).to_le_bytes());
        for c in letters {
            letter_bytes.extend((c as u32).to_le_bytes());
        }
    }
    // An open-addressing index at most half full, searched forward from each key's home slot;
    // key 0 (two NULs) marks an empty slot.
    let slots = (2 * index.len()).next_power_of_two();
    let shift = 64 - slots.trailing_zeros();
    let mut table = vec![(0u64, 0u16); slots];
    let mut keys: Vec<(u64, u32)> = index.into_iter().collect();
    keys.sort_unstable_by_key(|&(_, row)| row);
    for (key, row) in keys {
        let mut at = home_slot(key, shift);
        while table[at].0 != 0 {
            at = (at + 1) % slots;
        }
        table[at] = (key, u16::try_from(row).expect("at most 65536 letter pairs"));
    }
    let index_bytes = table
        .iter()
        .flat_map(|&(key, row)| key.to_le_bytes().into_iter().chain(row.to_le_bytes()))
        .collect();
    let cost_bytes = costs
        .iter()
        .flatten()
        .map(|&c| u8::try_from(c).expect("letter-pair costs below 25.6 bits"))
        .collect();
    [letter_bytes, index_bytes, cost_bytes]
}

/// The letter pairs of one model's data: `(a, b, cost in tenths of a bit)`.
fn pairs_of(data: &'static str) -> impl Iterator<Item = (char, char, u16)> {
    rows(data).filter_map(|(key, cost)| {
        let mut chars = key.chars();
        match (chars.next(), chars.next(), chars.next()) {
            (Some(a), Some(b), None) => Some((a, b, cost)),
            _ => None,
        }
    })
}

/// All letter-pair models in one table: for each pair seen by any model, the cost under each
/// model (in tenths of a bit, [`UNSEEN_TENTHS`] where that model has not seen it), so that one
/// look-up serves every language. Read in place from the shipped tables: an open-addressing
/// hash index of the pairs (linear probing from `PairHasher`'s hash) and one row of costs
/// (a byte per model) per pair.
pub struct PairTable {
    /// The index: `slots.len()` is a power of two, `64 - shift` its bits.
    slots: &'static [[u8; SLOT_BYTES]],
    shift: u32,
    costs: &'static [[u8; MODELS]],
}

impl PairTable {
    /// The costs of `b` after `a` under every model, if any model has seen the pair.
    pub fn row(&self, a: char, b: char) -> Option<&[u8; MODELS]> {
        let key = pair_key(a, b);
        let mask = self.slots.len() - 1;
        let mut at = home_slot(key, self.shift);
        loop {
            let slot = &self.slots[at];
            let k = u64::from_le_bytes(slot[..8].try_into().expect("eight bytes"));
            if k == key {
                return self
                    .costs
                    .get(u16::from_le_bytes([slot[8], slot[9]]) as usize);
            }
            if k == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// The least cost of `b` after `a` in any model, in tenths of a bit ([`UNSEEN_TENTHS`]
    /// when no model has seen the pair): a floor of what the pair adds to any model's sum.
    pub fn least(&self, a: char, b: char) -> u32 {
        self.row(a, b).map_or(UNSEEN_TENTHS, |row| {
            u16::from(row.iter().copied().min().unwrap_or(0))
        }) as u32
    }
}

/// The letter-pair models as one [`PairTable`].
pub fn pair_table() -> &'static PairTable {
    &stats().1
}

/// The shipped cost table of [`ideograph_cost`]: for each high byte of a BMP code point, the
/// index of its block (block 0 is empty); then the blocks, 256 costs each (tenths of a bit,
/// 0 for a character not seen).
const IDEOGRAPHS: (&str, &[u8]) = (
    "ideograph-costs.bin",
    include_bytes!("../../../data/generated/ideograph-costs.bin"),
);

/// The shipped table of [`symbol_rarity`], laid out as [`IDEOGRAPHS`] (tenths of a bit, at most
/// 25.5 bits; 0 for a character not listed).
const SYMBOLS: (&str, &[u8]) = (
    "symbol-costs.bin",
    include_bytes!("../../../data/generated/symbol-costs.bin"),
);

/// A shipped table of costs by BMP code point: the block index of each high byte, and the
/// blocks of 256 costs.
type CharCosts = (&'static [u8; 256], &'static [[u8; 256]]);

/// The [`CharCosts`] of a shipped table, checked once.
fn read_char_costs((name, bytes): (&str, &'static [u8])) -> CharCosts {
    let stale = || -> ! {
        panic!("data/generated/{name} is malformed: run `cargo run --release --example gen_tables`")
    };
    let Some((pages, blocks)) = bytes.split_first_chunk::<256>() else {
        stale()
    };
    let (blocks, []) = blocks.as_chunks::<256>() else {
        stale()
    };
    if pages.iter().any(|&p| p as usize >= blocks.len()) {
        stale()
    }
    (pages, blocks)
}

/// The cost of `c` in a [`CharCosts`] table, in bits, if listed.
#[inline]
fn char_cost((pages, blocks): CharCosts, c: char) -> Option<Bits> {
    let cp = c as u32;
    if cp >= 0x10000 {
        return None;
    }
    match blocks[pages[(cp >> 8) as usize] as usize][(cp & 0xFF) as usize] {
        0 => None,
        tenths => Some(tenths as Bits / 10.0),
    }
}

/// The cost of one CJK character (Han, kana, Hangul) in running Chinese, Japanese or Korean
/// text, if it is among the characters seen.
pub fn ideograph_cost(c: char) -> Option<Bits> {
    static TABLE: OnceLock<CharCosts> = OnceLock::new();
    char_cost(*TABLE.get_or_init(|| read_char_costs(IDEOGRAPHS)), c)
}

/// How rare the symbol `c` (Unicode category So, in the Basic Multilingual Plane: `★`, `■`,
/// `♪`, `©`) is in running text, as `-log2` of its occurrences per word in the language that
/// uses it most (data/legacy/symbols.tsv; at most 25.5 bits, which symbols no list holds get).
/// `None` for any other character: wordfreq drops math and currency signs and punctuation, so
/// the table knows nothing of them.
pub fn symbol_rarity(c: char) -> Option<Bits> {
    static TABLE: OnceLock<CharCosts> = OnceLock::new();
    char_cost(*TABLE.get_or_init(|| read_char_costs(SYMBOLS)), c)
}

/// The table of [`ideograph_cost`] computed from `data/legacy/ideographs.tsv` (the last row
/// of a character wins), as the bytes of its file.
fn compute_ideographs() -> Vec<u8> {
    compute_char_costs(
        include_str!("../../../data/legacy/ideographs.tsv"),
        |cost| {
            u8::try_from(cost)
                .ok()
                .filter(|&t| t > 0)
                .expect("ideograph costs between 0.1 and 25.5 bits")
        },
    )
}

/// The table of [`symbol_rarity`] computed from `data/legacy/symbols.tsv` (costs above 25.5
/// bits count as 25.5), as the bytes of its file.
fn compute_symbols() -> Vec<u8> {
    compute_char_costs(include_str!("../../../data/legacy/symbols.tsv"), |cost| {
        u8::try_from(cost.min(255))
            .ok()
            .filter(|&t| t > 0)
            .expect("symbol costs of at least 0.1 bit")
    })
}

/// A [`CharCosts`] table of the single-character rows of `data` (the last row of a character
/// wins), each cost in tenths made a byte by `tenths`, as the bytes of its file.
fn compute_char_costs(data: &'static str, tenths: impl Fn(u16) -> u8) -> Vec<u8> {
    let costs: HashMap<char, u16> = rows(data)
        .filter_map(|(key, cost)| {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some((c, cost)),
                _ => None,
            }
        })
        .collect();
    let mut bmp = vec![0u8; 0x10000];
    for (c, cost) in costs {
        *bmp.get_mut(c as usize).expect("characters in the BMP") = tenths(cost);
    }
    let (mut pages, blocks) = crate::generated::dedup_blocks(&bmp, &[0; 256]);
    pages.extend(blocks.concat());
    pages
}

/// The letter-pair, ideograph and symbol tables, computed and shipped, for
/// [`crate::generated::files`].
pub(crate) fn generated_files() -> Vec<crate::generated::File> {
    let mut out = crate::generated::paired(compute_stats(), &SHIPPED);
    for (shipped, computed) in [
        (IDEOGRAPHS, compute_ideographs()),
        (SYMBOLS, compute_symbols()),
    ] {
        out.push(crate::generated::File {
            name: shipped.0,
            computed,
            shipped: shipped.1,
        });
    }
    out
}

/// The `key<TAB>cost` rows of a data file, skipping `#` comments.
fn rows(data: &'static str) -> impl Iterator<Item = (&'static str, u16)> {
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (key, cost) = l.split_once('\t')?;
            Some((key, cost.trim().parse().ok()?))
        })
}
