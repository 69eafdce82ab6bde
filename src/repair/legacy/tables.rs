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
}

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
            .filter(|&tenths| tenths != UNSEEN_TENTHS)
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
    "ms" => Latin, "vi" => Latin, "fil" => Latin,
    "ru" => Cyrillic, "uk" => Cyrillic, "bg" => Cyrillic, "mk" => Cyrillic,
    "el" => Greek,
];

/// How many letter-pair models there are.
pub const MODELS: usize = MODEL_DATA.len();

/// The script of model `m` (without loading the models).
pub fn model_script(m: usize) -> Script {
    MODEL_DATA[m].1
}

/// The cost of a letter pair that a model has not seen, in tenths of a bit.
pub const UNSEEN_TENTHS: u16 = 160;

/// Every letter-pair model.
pub fn pair_models() -> &'static [PairModel] {
    &stats().0
}

/// The models and their [`PairTable`], built in one pass over the models' data.
fn stats() -> &'static (Vec<PairModel>, PairTable) {
    static STATS: OnceLock<(Vec<PairModel>, PairTable)> = OnceLock::new();
    STATS.get_or_init(|| {
        // Sized for every row at once (growing the map step by step was most of its
        // building time).
        let most: usize = MODEL_DATA.iter().map(|(_, _, d)| d.lines().count()).sum();
        let mut table = PairTable {
            index: HashMap::with_capacity_and_hasher(most, BuildHasherDefault::default()),
            costs: Vec::with_capacity(most),
        };
        let mut models = Vec::with_capacity(MODEL_DATA.len());
        for (m, &(lang, script, data)) in MODEL_DATA.iter().enumerate() {
            let mut letters = Vec::new();
            for (a, b, cost) in pairs_of(data) {
                letters.push(b);
                let next = table.costs.len() as u32;
                let row = *table.index.entry(pair_key(a, b)).or_insert(next) as usize;
                if row == table.costs.len() {
                    table.costs.push([UNSEEN_TENTHS; MODELS]);
                }
                table.costs[row][m] = cost;
            }
            letters.sort_unstable();
            letters.dedup();
            models.push(PairModel {
                lang,
                script,
                index: m,
                letters,
            });
        }
        (models, table)
    })
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
/// look-up serves every language.
pub struct PairTable {
    index: HashMap<u64, u32, BuildHasherDefault<PairHasher>>,
    costs: Vec<[u16; MODELS]>,
}

impl PairTable {
    /// The costs of `b` after `a` under every model, if any model has seen the pair.
    pub fn row(&self, a: char, b: char) -> Option<&[u16; MODELS]> {
        let at = *self.index.get(&pair_key(a, b))? as usize;
        Some(&self.costs[at])
    }

    /// The least cost of `b` after `a` in any model, in tenths of a bit ([`UNSEEN_TENTHS`]
    /// when no model has seen the pair): a floor of what the pair adds to any model's sum.
    pub fn least(&self, a: char, b: char) -> u32 {
        self.row(a, b)
            .map_or(UNSEEN_TENTHS, |row| row.iter().copied().min().unwrap_or(0)) as u32
    }
}

/// The letter-pair models as one [`PairTable`].
pub fn pair_table() -> &'static PairTable {
    &stats().1
}

/// The cost of one CJK character (Han, kana, Hangul) in running Chinese, Japanese or Korean
/// text, if it is among the characters seen.
pub fn ideograph_cost(c: char) -> Option<Bits> {
    static TABLE: OnceLock<HashMap<char, u16>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            rows(include_str!("../../../data/legacy/ideographs.tsv"))
                .filter_map(|(key, cost)| {
                    let mut chars = key.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => Some((c, cost)),
                        _ => None,
                    }
                })
                .collect()
        })
        .get(&c)
        .map(|&tenths| tenths as Bits / 10.0)
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
