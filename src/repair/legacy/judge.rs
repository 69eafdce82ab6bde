//! The judge: how natural a piece of text is, as a cost in bits (lower is more natural).
//!
//! The cost adds up, left to right:
//!
//! - for each word of Latin, Cyrillic or Greek letters: the letter-pair cost under the language
//!   model of its script that explains it best (data/legacy/bigrams/), plus a penalty for each
//!   change of case inside the word (`ÄãºÃ`) and for each change of script inside the word
//!   (`Grцяe`);
//! - for each CJK character: its cost in running Chinese, Japanese or Korean text
//!   (data/legacy/ideographs.tsv), or a high cost when it was never seen;
//! - for each other character that is not ASCII: the cost of its category in [`symbol_cost`],
//!   or of how often real text uses the symbol (data/legacy/symbols.tsv).
//!
//! ASCII digits, spaces and punctuation cost nothing: both readings of a span share them.

use super::tables::{
    Bits, LATIN_MODELS, MODELS, SCRIPTS, Script, UNSEEN_TENTHS, ideograph_cost, model_script,
    pair_models, pair_table, symbol_rarity,
};
/// Penalty for a lower-case letter followed by an upper-case one inside a word.
const CASE_FLIP: Bits = 8.0;
/// Penalty for a change of script between two letters of one word.
const SCRIPT_SWITCH: Bits = 14.0;
/// Penalty for a Latin, Cyrillic or Greek letter next to a CJK character, or for a sign (or a
/// run of signs) between two letters (other than an apostrophe, hyphen, dash or point).
const ODD_NEIGHBOUR: Bits = 10.0;
/// Cost of a CJK character never seen in the frequency lists.
const UNSEEN_IDEOGRAPH: Bits = 19.0;
/// Cost of a letter of a script without a model (Thai, Devanagari, Syriac...): never produced by a
/// candidate decoding, so it only needs to be the same on both sides.
const OTHER_LETTER: Bits = 6.0;
/// Cost of a halfwidth katakana: legacy forms, rare in text written today.
const HALFWIDTH_KANA: Bits = 12.0;
/// Cost of a Hangul compatibility jamo (`ㄼ`, `ㅸ`): a letter of a syllable standing alone,
/// rare in written Korean (`ㅋㅋ` in chat), and what EUC-KR makes of EUC-JP's kana (`が`,
/// `ㄼ`): the byte row of hiragana in one is the row of jamo in the other.
const LONE_JAMO: Bits = 12.0;
/// What a symbol of the symbol table ([`symbol_rarity`]: `★`, `○`, `♪`, `◆`) costs: its
/// rarity in running text (bits per word, in the language that uses it most) less this,
/// between [`COMMON_SYMBOL`] and [`RARE_SYMBOL`]. A symbol of 17 bits a word (`♂`, `〓` in
/// Japanese) costs as much as a sign the table knows nothing of ([`UNLISTED_SIGN`]); the
/// symbols of Chinese, Japanese and Korean pages (`★ ● ○ ◆ □`, 12 to 16 bits) cost less, and
/// symbols real text hardly uses more.
const SYMBOL_RARITY_OFFSET: Bits = 9.0;
/// The least a symbol of the table costs: as much as CJK punctuation.
const COMMON_SYMBOL: Bits = 5.0;
/// The most a symbol of the table costs (`☡`, `⎈`, which no word list holds).
const RARE_SYMBOL: Bits = 12.0;
/// What a sign costs that is neither in the symbol table nor in [`symbol_cost`]'s categories:
/// a math or currency sign, an arrow, a circled number or punctuation (`≮`, `→`, `①`, `※`),
/// which wordfreq's lists drop, so that their frequency is unknown. The price all signs had
/// before the table (the other costs were tuned with it).
const UNLISTED_SIGN: Bits = 8.0;
/// A short Cyrillic word as written that starts with a capital and is mostly capitals (`ЦСС`,
/// `ПДФ`, `ЕіБ`, `УнР`) is most often an abbreviation, whose letters are not those of a word:
/// it costs at most this much a letter (any of some 32 letters) plus [`ABBREVIATION`],
/// whatever its letter pairs and case flips cost ([`cost_as_written_in`]). (Not a word that
/// starts with a small letter: `йСВЕБ` is the name `Кучев` in windows-1251 read as KOI8-R; nor
/// one of few capitals: `ЉгзҐў` is the same name in IBM866 read as windows-1251.) Letter
/// pairs tell a word from gibberish over many letters; over two to five, another code page's
/// reading (`жяя`, `Лв`) is as often cheaper by chance.
const ABBREVIATION_LETTER: Bits = 5.0;
/// What being an abbreviation costs, once a word (see [`ABBREVIATION_LETTER`]).
const ABBREVIATION: Bits = 4.0;
/// Words of up to this many letters may be abbreviations (see [`ABBREVIATION_LETTER`]).
pub(crate) const ABBREVIATION_MAX_LETTERS: u32 = 5;

/// What a character is, for the judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A letter (or combining mark) of a script with letter-pair models.
    Letter(Script),
    /// A Han character, kana or Hangul syllable.
    Ideograph,
    /// A letter of another script.
    OtherLetter,
    /// Anything else that is not ASCII.
    Symbol,
    /// ASCII that is not a letter.
    Ascii,
}

#[inline]
fn kind(c: char) -> Kind {
    table_kind(c).unwrap_or_else(|| kind_slow(c))
}

/// [`kind`] without its table.
fn kind_slow(c: char) -> Kind {
    match known_kind(c) {
        Some(k) => k,
        None if super::quick::is_alphabetic(c) => Kind::OtherLetter,
        None => Kind::Symbol,
    }
}

/// Code points below this have their [`kind`] in a table (Latin, Greek, Cyrillic, the other
/// alphabets, signs, box drawing: [`known_kind`]'s ranges are many comparisons, asked of every
/// character the judge or the Central European walk reads).
const KIND_END: usize = 0x3000;

/// [`kind`] by table below [`KIND_END`]; `None` beyond.
#[inline]
fn table_kind(c: char) -> Option<Kind> {
    static TABLE: std::sync::OnceLock<Vec<Kind>> = std::sync::OnceLock::new();
    let n = c as usize;
    if n >= KIND_END {
        return None;
    }
    Some(
        TABLE.get_or_init(|| {
            (0..KIND_END as u32)
                .map(|n| char::from_u32(n).map_or(Kind::Symbol, kind_slow))
                .collect()
        })[n],
    )
}

/// [`kind`] without its slow last question: `None` for a character outside the ranges it
/// knows, which is a letter of another script or a sign (Unicode's alphabetic table is slow
/// to search, and the quick tests below need neither).
fn known_kind(c: char) -> Option<Kind> {
    let n = c as u32;
    if c.is_ascii() {
        return Some(if c.is_ascii_alphabetic() {
            Kind::Letter(Script::Latin)
        } else {
            Kind::Ascii
        });
    }
    Some(match n {
        0x80..=0xBF | 0xD7 | 0xF7 => Kind::Symbol, // ª º µ are letters by category, signs in use
        // (With the IPA letters: Azerbaijani writes `ə`, African languages `ɛ ɔ ɓ ɗ`.)
        0xC0..=0x2AF | 0x300..=0x36F => Kind::Letter(Script::Latin),
        0x1E00..=0x1EFF => Kind::Letter(Script::Latin),
        0x2000..=0x2BFF | 0x3000..=0x303F | 0xFF00..=0xFF60 | 0xE000..=0xF8FF => Kind::Symbol,
        // Apostrophes written as modifier letters (Ukrainian `Демʼянчук`, Hawaiian `Hawaiʻi`),
        // and the other spacing modifier letters: carons, circumflexes, IPA's length and stress
        // marks (`ˇ ˆ ː ˈ`) are letters by category, signs in use (`itˇs` is GBK's reading of
        // Big5's `it’s`).
        0x2B0..=0x2FF => Kind::Symbol,
        0x386 | 0x388..=0x3F5 | 0x3F7..=0x3FF => Kind::Letter(Script::Greek),
        0x1F00..=0x1FFF if c.is_alphabetic() => Kind::Letter(Script::Greek),
        0x400..=0x481 | 0x48A..=0x52F => Kind::Letter(Script::Cyrillic),
        // Letters and vowel marks; not the Arabic comma, semicolon, question mark, digits
        // and signs.
        0x610..=0x61A | 0x620..=0x65F | 0x66E..=0x6D3 | 0x6D5 => Kind::Letter(Script::Arabic),
        // Letters and points; not the maqaf, paseq, sof pasuq, geresh and gershayim.
        0x591..=0x5BD
        | 0x5BF
        | 0x5C1..=0x5C2
        | 0x5C4..=0x5C5
        | 0x5C7
        | 0x5D0..=0x5EA
        | 0x5EF..=0x5F2 => Kind::Letter(Script::Hebrew),
        0x531..=0x556 | 0x560..=0x588 => Kind::Letter(Script::Armenian),
        0x3041..=0x309F | 0x30A1..=0x30FA | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7A3 => {
            Kind::Ideograph
        }
        0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0xFF61..=0xFF9F => Kind::Ideograph,
        _ => return None,
    })
}

/// [`is_word_char`] (but for Arabic, Hebrew and Armenian letters), [`is_cyrillic_letter`]
/// and [`is_ideograph`] of `c` with one look-up (the legacy gate asks all three of every BMP
/// code point when it builds its table). Arabic, Hebrew and Armenian letters are no words to
/// the gate, as before they had models: no reading makes them of damage (they come only out of
/// repairs), and the gate's scan passes them quicker as signs (17 M instructions a clean bench
/// run).
pub(crate) fn word_cyrillic_ideograph(c: char) -> (bool, bool, bool) {
    let kind = known_kind(c);
    (
        matches!(kind, Some(Kind::Letter(s))
            if !matches!(s, Script::Arabic | Script::Hebrew | Script::Armenian)),
        kind == Some(Kind::Letter(Script::Cyrillic)),
        kind == Some(Kind::Ideograph),
    )
}

/// True for Cyrillic letters.
pub fn is_cyrillic_letter(c: char) -> bool {
    match table_kind(c) {
        Some(k) => k == Kind::Letter(Script::Cyrillic),
        None => known_kind(c) == Some(Kind::Letter(Script::Cyrillic)),
    }
}

/// True for Latin letters of the judge's words (ASCII letters, Latin-1 letters but `ª`, `º`
/// and `µ`, Latin Extended, combining marks).
pub fn is_latin_letter(c: char) -> bool {
    match table_kind(c) {
        Some(k) => k == Kind::Letter(Script::Latin),
        None => known_kind(c) == Some(Kind::Letter(Script::Latin)),
    }
}

/// True for Han characters, kana and Hangul syllables.
pub fn is_ideograph(c: char) -> bool {
    match table_kind(c) {
        Some(k) => k == Kind::Ideograph,
        None => known_kind(c) == Some(Kind::Ideograph),
    }
}

/// True for characters that belong to words scored by the letter-pair models.
pub fn is_word_char(c: char) -> bool {
    match table_kind(c) {
        Some(k) => matches!(k, Kind::Letter(_)),
        None => matches!(known_kind(c), Some(Kind::Letter(_))),
    }
}

/// The cost of `text` in bits: lower is more natural.
///
/// ```
/// use textmend::repair::legacy::judge::cost;
/// assert!(cost("Привет") + 20.0 < cost("Ïðèâåò"));
/// assert!(cost("你好") + 20.0 < cost("ÄãºÃ"));
/// ```
pub fn cost(text: &str) -> Bits {
    cost_in(text, &Langs::default())
}

/// The cost of `text` with its words explained by the models `langs` allows.
pub fn cost_in(text: &str, langs: &Langs) -> Bits {
    cost_of::<true, false>(text.chars(), langs)
}

/// [`cost_in`] of text as it is written, before any repair: a short Cyrillic word with a
/// capital after its first letter may be an abbreviation and costs at most what one does
/// (see [`ABBREVIATION_LETTER`]). Only text as written gets this: a repair that makes such
/// words (`ЖБКМ`) is judged on its letter pairs and case flips, as damage would make them.
///
/// ```
/// use textmend::repair::legacy::judge::{cost, cost_as_written_in, Langs};
/// assert!(cost_as_written_in("ПДФ", &Langs::default()) < cost("ПДФ"));
/// assert_eq!(cost_as_written_in("привет", &Langs::default()), cost("привет"));
/// ```
pub fn cost_as_written_in(text: &str, langs: &Langs) -> Bits {
    cost_of::<true, true>(text.chars(), langs)
}

/// A floor of [`cost_in`] (of `text` under any models), cheaper to compute: every term of the
/// cost but the letter pairs inside words is counted as the cost counts it (case flips and
/// script changes inside words need no model), and each run of letters of one script costs
/// the sum of its letter pairs (a space before its first letter and after its last) each at
/// its cheapest in any model, which no model's sum is below. One look-up a pair and no sum
/// per model: gibberish of rare pairs (`лняйбю`, a capital Cyrillic word read with the wrong
/// code page) is refused on this floor alone.
///
/// ```
/// use textmend::repair::legacy::judge::{cost, cost_floor};
/// for text in ["Xi\u{a1}\u{af}an", "a玢o", "Привет", "你好"] {
///     assert!(cost_floor(text) <= cost(text));
/// }
/// assert!(cost_floor("a玢o") >= 20.0); // two letters touch a CJK character
/// assert!(cost_floor("Grцяe") >= 28.0); // two changes of script inside a word
/// ```
pub fn cost_floor(text: &str) -> Bits {
    cost_of::<false, false>(text.chars(), &Langs::default())
}

/// [`cost_floor`] of the text of the characters `text`, never built (the same sums in the
/// same order: the same bits).
pub(crate) fn cost_floor_of_chars(text: impl Iterator<Item = char>) -> Bits {
    cost_of::<false, false>(text, &Langs::default())
}

/// [`cost`] of the text of the characters `text`, never built (the same sums in the same
/// order: the same bits).
pub(crate) fn cost_of_chars(text: impl Iterator<Item = char>) -> Bits {
    cost_of::<true, false>(text, &Langs::default())
}

/// [`cost_in`] of the characters `text`, with the letter-pair costs of words only when
/// `WORDS`.
#[inline(always)]
fn cost_of<const WORDS: bool, const AS_WRITTEN: bool>(
    text: impl Iterator<Item = char>,
    langs: &Langs,
) -> Bits {
    let mut total = 0.0;
    let mut word = WordScore::<WORDS, AS_WRITTEN>::new(langs);
    // The kind of the character before this one, and of the one before the run of signs
    // that ends with it (a run of one: the character before it).
    let mut before_signs = Kind::Ascii;
    let mut prev = Kind::Ascii;
    // (Driven by `for_each`: chained and flattened iterators of characters run as nested
    // loops.)
    text.for_each(|c| {
        let k = kind(c);
        match (prev, k) {
            (Kind::Letter(_), Kind::Ideograph) | (Kind::Ideograph, Kind::Letter(_)) => {
                total += ODD_NEIGHBOUR
            }
            // Signs between two letters of a word (`N‰™sirli` as much as `D▓Alia`).
            (Kind::Symbol, Kind::Letter(_)) if matches!(before_signs, Kind::Letter(_)) => {
                total += ODD_NEIGHBOUR
            }
            _ => {}
        }
        if prev != Kind::Symbol {
            before_signs = prev;
        }
        // An apostrophe, hyphen, dash or point between letters is no odd sign (`'`, `-` and
        // `.` are ASCII already; `Hubli–Dharwad`, `word—word`, `Демʼянчук`).
        prev = if k == Kind::Symbol && matches!(c, '’' | 'ʼ' | 'ʻ' | 'ʹ' | '‐' | '·' | '–' | '—')
        {
            Kind::Ascii
        } else {
            k
        };
        match k {
            Kind::Letter(script) => word.push(c, script),
            k => {
                total += word.finish();
                total += match k {
                    Kind::Ideograph if ('\u{FF61}'..='\u{FF9F}').contains(&c) => HALFWIDTH_KANA,
                    Kind::OtherLetter if ('\u{3131}'..='\u{318E}').contains(&c) => LONE_JAMO,
                    Kind::Ideograph => ideograph_cost(c).unwrap_or(UNSEEN_IDEOGRAPH),
                    Kind::OtherLetter => OTHER_LETTER,
                    Kind::Symbol => symbol_cost(c),
                    _ => 0.0,
                };
            }
        }
    });
    total + word.finish()
}

/// The cost of the word being read, letter by letter, without storing it: its script
/// segments, each under its best model (letter pairs of the folded letters, a space standing
/// for each end), plus a penalty for each case flip inside a segment and each change of script.
/// Without `PAIRS`, a floor of the cost (see [`cost_floor`]): the penalties, and for each
/// segment the sum of its pairs each at its cheapest in any model.
struct WordScore<'a, const PAIRS: bool, const AS_WRITTEN: bool> {
    langs: &'a Langs,
    /// Letter-pair sums of the open segment under every model, in tenths of a bit (integers:
    /// one vector addition a letter); of a Latin segment, only the Latin models' (the others
    /// stay 0, never read).
    sums: [u32; MODELS],
    /// The script of the open segment, if any.
    script: Option<Script>,
    /// The last folded letter of the open segment (a space at its start).
    prev_folded: char,
    /// Without `PAIRS`: the least cost in any model of each pair of the open segment so far,
    /// in tenths of a bit.
    least: u32,
    /// The last letter of the open segment, as written.
    prev: char,
    flips: Bits,
    /// Letters of the open segment, how many are capitals, and whether its first is one.
    letters: u32,
    capitals: u32,
    first_capital: bool,
    /// Closed segments and script changes of this word.
    total: Bits,
}

impl<'a, const PAIRS: bool, const AS_WRITTEN: bool> WordScore<'a, PAIRS, AS_WRITTEN> {
    fn new(langs: &'a Langs) -> Self {
        WordScore {
            langs,
            sums: [0; MODELS],
            script: None,
            prev_folded: ' ',
            least: 0,
            prev: ' ',
            flips: 0.0,
            letters: 0,
            capitals: 0,
            first_capital: false,
            total: 0.0,
        }
    }

    fn pair(&mut self, a: char, b: char) {
        if PAIRS {
            // A Latin segment's sums are read only at the Latin models (`close`): the first
            // lanes of the row.
            match self.script {
                Some(Script::Latin) => add_row(
                    self.sums
                        .first_chunk_mut::<LATIN_MODELS>()
                        .expect("the Latin models are models"),
                    pair_row(a, b),
                ),
                _ => add_row(&mut self.sums, pair_row(a, b)),
            }
        }
    }

    /// Add the letter `c` of `script`.
    fn push(&mut self, c: char, script: Script) {
        match self.script {
            Some(s) if s == script => {
                if is_lowercase(self.prev) && is_uppercase(c) {
                    self.flips += CASE_FLIP;
                }
            }
            Some(_) => {
                self.close();
                self.total += SCRIPT_SWITCH;
                self.script = Some(script);
            }
            None => self.script = Some(script),
        }
        self.prev = c;
        if AS_WRITTEN {
            let capital = is_uppercase(c);
            self.first_capital |= self.letters == 0 && capital;
            self.capitals += u32::from(capital);
            self.letters += 1;
        }
        if !PAIRS {
            // The floor adds each pair at its cheapest in any model.
            match c {
                'ß' | 'ẞ' => {
                    self.least += least_pair(self.prev_folded, 's') + least_pair('s', 's');
                    self.prev_folded = 's';
                }
                _ => {
                    let l = fold_letter(c);
                    self.least += least_pair(self.prev_folded, l);
                    self.prev_folded = l;
                }
            }
            return;
        }
        match c {
            'ß' | 'ẞ' => {
                self.pair(self.prev_folded, 's');
                self.pair('s', 's');
                self.prev_folded = 's';
            }
            _ => {
                let l = fold_letter(c);
                self.pair(self.prev_folded, l);
                self.prev_folded = l;
            }
        }
    }

    /// Close the open segment: its best model's sum and its case flips join the total.
    fn close(&mut self) {
        let Some(script) = self.script else {
            return;
        };
        self.pair(self.prev_folded, ' ');
        let best = match self.langs.chosen[script as usize] {
            // A floor: every pair of the segment at its cheapest in any model (the sum of
            // every model has each pair at no less).
            _ if !PAIRS => self.least + least_pair(self.prev_folded, ' '),
            Some(m) => self.sums[m],
            // The least sum of the script's models (`u32::MAX` for none): the others' sums
            // masked to `u32::MAX`, one vector minimum.
            None => self
                .sums
                .iter()
                .zip(script_mask(script))
                .map(|(&sum, &mask)| sum | mask)
                .min()
                .unwrap_or(u32::MAX),
        };
        let mut segment = best as Bits / 10.0 + self.flips;
        if AS_WRITTEN
            && script == Script::Cyrillic
            && self.first_capital
            && self.capitals >= 2
            && 2 * self.capitals > self.letters
            && self.letters <= ABBREVIATION_MAX_LETTERS
        {
            segment = segment.min(ABBREVIATION + ABBREVIATION_LETTER * self.letters as Bits);
        }
        self.total += segment;
        self.letters = 0;
        self.capitals = 0;
        self.first_capital = false;
        self.sums = [0; MODELS];
        self.least = 0;
        self.prev_folded = ' ';
        self.prev = ' ';
        self.flips = 0.0;
        self.script = None;
    }

    /// The cost of the word read so far (0 for none), and start a new one.
    fn finish(&mut self) -> Bits {
        if self.script.is_none() {
            return 0.0;
        }
        self.close();
        std::mem::take(&mut self.total)
    }
}

/// Add to `sums` the pair of letter `c` (folded as the judge folds it; `ß` is `ss`) after the
/// folded letter `prev`; the folded letter it ends with.
fn push_pair<const N: usize>(sums: &mut [u32; N], prev: char, c: char) -> char {
    match c {
        'ß' | 'ẞ' => {
            add_row(sums, pair_row(prev, 's'));
            add_row(sums, pair_row('s', 's'));
            's'
        }
        _ => {
            let l = fold_letter(c);
            add_row(sums, pair_row(prev, l));
            l
        }
    }
}

/// The letter-pair sums, in tenths of a bit under every Latin model, of the Latin segment
/// `seg` (a maximal run of Latin letters of a text: one segment of a word for [`cost`]), folded
/// as the judge folds its letters, a space at each end (the sums [`cost`] takes the least of).
pub(crate) fn latin_segment_sums(seg: &str) -> [u32; LATIN_MODELS] {
    let mut sums = [0u32; LATIN_MODELS];
    let mut prev = ' ';
    for c in seg.chars() {
        prev = push_pair(&mut sums, prev, c);
    }
    add_row(&mut sums, pair_row(prev, ' '));
    sums
}

/// A letter as a Latin segment sees it beside a run: folded (for its pair with the run) and as
/// written (for a case flip), or `None` for a character that ends the segment.
fn latin_neighbour(c: Option<char>) -> Option<(char, char)> {
    let c = c.filter(|&c| kind(c) == Kind::Letter(Script::Latin))?;
    // (`ß` is folded as `ss`: its pairs with the letters before and after it are with `s`.)
    Some((
        if matches!(c, 'ß' | 'ẞ') {
            's'
        } else {
            fold_letter(c)
        },
        c,
    ))
}

/// Where the Latin letters of a run (`run`: each as written and as replaced, `ß` neither) are
/// replaced one for one by other Latin letters, with `left` and `right` the characters just
/// outside the run: adds to `diff` the rows of the letter pairs touching the run as they are,
/// less as they will be (tenths of a bit, every Latin model), and returns the case flips among
/// them before less after. `None` (and `diff` left unfinished) when a letter of the run is not a
/// Latin letter, on either side, or is `ß`.
pub(crate) fn latin_swap_diff(
    left: Option<char>,
    run: impl Iterator<Item = (char, char)>,
    right: Option<char>,
    diff: &mut [i32; LATIN_MODELS],
) -> Option<i32> {
    let latin = |c: char| kind(c) == Kind::Letter(Script::Latin) && !matches!(c, 'ß' | 'ẞ');
    let mut pair = |(pb, lb): (char, char), (pa, la): (char, char)| {
        if (pb, lb) == (pa, la) {
            return;
        }
        // (The row before added, the row after taken away: two plain vector loops, no
        // multiplication by a sign.)
        add_row_signed::<true>(diff, pair_row(pb, lb));
        add_row_signed::<false>(diff, pair_row(pa, la));
    };
    let flip = |a: char, b: char| i32::from(is_lowercase(a) && is_uppercase(b));
    let mut flips = 0;
    // The last letter before, folded and as written, on each side (a space and no flip at the
    // start of a segment).
    let left = latin_neighbour(left);
    let (mut fb, mut wb) = left.unwrap_or((' ', ' '));
    let (mut fa, mut wa) = (fb, wb);
    let mut inside = left.is_some();
    for (b, a) in run {
        if !latin(b) || !latin(a) {
            return None;
        }
        let (lb, la) = (fold_letter(b), fold_letter(a));
        pair((fb, lb), (fa, la));
        if inside {
            flips += flip(wb, b) - flip(wa, a);
        }
        inside = true;
        (fb, wb, fa, wa) = (lb, b, la, a);
    }
    match latin_neighbour(right) {
        Some((l, w)) => {
            pair((fb, l), (fa, l));
            flips += flip(wb, w) - flip(wa, w);
        }
        None => pair((fb, ' '), (fa, ' ')),
    }
    Some(flips)
}

/// Add (`ADD`) or take away a row of pair costs (tenths of a bit, its Latin models) from the
/// differences `diff`; a pair no model has seen costs [`UNSEEN_TENTHS`] in every model.
#[inline(always)]
fn add_row_signed<const ADD: bool>(diff: &mut [i32; LATIN_MODELS], row: Option<&[u8; MODELS]>) {
    match row {
        Some(row) if ADD => diff
            .iter_mut()
            .zip(row)
            .for_each(|(d, &x)| *d += i32::from(x)),
        Some(row) => diff
            .iter_mut()
            .zip(row)
            .for_each(|(d, &x)| *d -= i32::from(x)),
        None if ADD => diff.iter_mut().for_each(|d| *d += i32::from(UNSEEN_TENTHS)),
        None => diff.iter_mut().for_each(|d| *d -= i32::from(UNSEEN_TENTHS)),
    }
}

/// What [`cost`] gains on a Latin segment whose letter-pair sums are `sums` before a repair
/// and `sums - diff` after it, with `flips` case flips fewer (tenths of a bit, exactly): the
/// least sum over the Latin models before, less the least after, and the flips' penalty.
/// (Every other term of the cost is the same on both sides when letters stay Latin letters.)
pub(crate) fn latin_segment_gain(
    sums: &[u32; LATIN_MODELS],
    diff: &[i32; LATIN_MODELS],
    flips: i32,
) -> i64 {
    let (mut least_before, mut least_after) = (i64::MAX, i64::MAX);
    for (&s, &d) in sums.iter().zip(diff) {
        least_before = least_before.min(i64::from(s));
        least_after = least_after.min(i64::from(s) - i64::from(d));
    }
    least_before - least_after + i64::from(flips) * (CASE_FLIP * 10.0) as i64
}

/// A ceiling of [`latin_segment_gain`] from the differences alone, without the sums: the
/// greatest difference over the Latin models, and the flips' penalty. (The model `m` least
/// after the repair has the sum `S_m - d_m`, and the least before is at most `S_m`: the gain is
/// at most `d_m`.) Where no Latin model finds the repaired pairs much cheaper than the pairs
/// as written, this refuses the segment without its sums.
pub(crate) fn latin_gain_ceiling(diff: &[i32; LATIN_MODELS], flips: i32) -> i64 {
    let most = diff.iter().copied().max().unwrap_or(i32::MIN);
    i64::from(most) + i64::from(flips) * (CASE_FLIP * 10.0) as i64
}

/// True for the characters of a Latin segment of the judge's words (a Latin letter, `ß`
/// too).
pub(crate) fn is_latin_segment_letter(c: char) -> bool {
    kind(c) == Kind::Letter(Script::Latin)
}

/// For each script, 0 for its models and `u32::MAX` for the others: `sum | mask` leaves the
/// sums of the script's models and puts the others above every sum.
fn script_mask(script: Script) -> &'static [u32; MODELS] {
    static MASKS: std::sync::OnceLock<[[u32; MODELS]; SCRIPTS]> = std::sync::OnceLock::new();
    &MASKS.get_or_init(|| {
        Script::ALL
            .map(|s| std::array::from_fn(|i| if model_script(i) == s { 0 } else { u32::MAX }))
    })[script as usize]
}

/// Code points below this have their case in [`case_bits`].
const CASE_END: usize = 0x530;

/// Bit 0: `is_lowercase`, bit 1: `is_uppercase`, of each code point below [`CASE_END`]
/// (Latin, Greek, Cyrillic: Unicode's case tables are searches, asked of every letter of a
/// word the judge scores).
fn case_bits() -> &'static [u8] {
    static TABLE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..CASE_END as u32)
            .map(|n| {
                char::from_u32(n).map_or(0, |c| {
                    u8::from(c.is_lowercase()) | (u8::from(c.is_uppercase()) << 1)
                })
            })
            .collect()
    })
}

/// `c.is_lowercase()`, by table below U+0530.
#[inline]
fn is_lowercase(c: char) -> bool {
    match case_bits().get(c as usize) {
        Some(bits) => bits & 1 != 0,
        None => c.is_lowercase(),
    }
}

/// `c.is_uppercase()`, by table below U+0530.
#[inline]
fn is_uppercase(c: char) -> bool {
    match case_bits().get(c as usize) {
        Some(bits) => bits & 2 != 0,
        None => c.is_uppercase(),
    }
}

/// The letter `c` folded as the frequency lists fold it (lower case, final `ς` as `σ`; `ß`
/// is left to the caller): a table look-up below U+0530 (Latin, Greek, Cyrillic).
#[inline]
fn fold_letter(c: char) -> char {
    const END: usize = 0x530;
    static TABLE: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let lower = |c: char| {
        if c == 'ς' {
            'σ'
        } else {
            c.to_lowercase().next().unwrap_or(c)
        }
    };
    if (c as usize) < END {
        TABLE.get_or_init(|| {
            (0..END as u32)
                .map(|n| char::from_u32(n).map_or('\0', lower))
                .collect()
        })[c as usize]
    } else {
        lower(c)
    }
}

/// True for characters no decoding of real text gives: controls, private use, U+FFFD.
pub fn is_impossible(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{FFFD}')
        || (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
}

/// Letters folded as the frequency lists fold them (Unicode case folding: `ß` is `ss`, final
/// `ς` is `σ`).
fn fold(seg: &[(char, Script)]) -> Vec<char> {
    let mut out = Vec::with_capacity(seg.len());
    for &(c, _) in seg {
        match c {
            'ß' | 'ẞ' => out.extend(['s', 's']),
            _ => out.push(fold_letter(c)),
        }
    }
    out
}

/// The Latin models that write the folded letter `l`, one bit a model (a table built once
/// from the models' letters).
fn latin_writers(l: char) -> u64 {
    const { assert!(MODELS <= 64, "one bit a model") };
    // An array up to U+2000 (Latin letters and their extensions), a map beyond.
    const END: usize = 0x2000;
    type Table = (Vec<u64>, std::collections::HashMap<char, u64>);
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    let (low, high) = TABLE.get_or_init(|| {
        let (mut low, mut high) = (vec![0u64; END], std::collections::HashMap::new());
        for (i, m) in pair_models().iter().enumerate() {
            if m.script != Script::Latin {
                continue;
            }
            for &c in m.letters() {
                match low.get_mut(c as usize) {
                    Some(bits) => *bits |= 1 << i,
                    None => *high.entry(c).or_insert(0u64) |= 1 << i,
                }
            }
        }
        (low, high)
    });
    match low.get(l as usize) {
        Some(&bits) => bits,
        None => high.get(&l).copied().unwrap_or(0),
    }
}

/// Fewer letters than this say nothing about the language of a text.
const MIN_CONTEXT_LETTERS: usize = 12;

/// [`Langs::some_writes_all_letters`] fed one character at a time (a text that is never
/// built: a line as a repair would leave it).
#[derive(Debug, Clone, Copy)]
pub struct LetterWriters {
    /// Letters seen (ASCII ones counted only up to the number that matters).
    letters: usize,
    /// The Latin models that write every letter outside ASCII seen so far.
    writers: u64,
}

impl Default for LetterWriters {
    fn default() -> Self {
        LetterWriters {
            letters: 0,
            writers: u64::MAX,
        }
    }
}

impl LetterWriters {
    /// True while ASCII letters still count ([`LetterWriters::ascii`] does nothing once
    /// enough letters are seen).
    #[inline]
    pub fn counts_ascii(&self) -> bool {
        self.letters < MIN_CONTEXT_LETTERS
    }

    /// The next character, ASCII.
    #[inline]
    pub fn ascii(&mut self, b: u8) {
        if self.letters < MIN_CONTEXT_LETTERS {
            self.letters += usize::from(b.is_ascii_alphabetic());
        }
    }

    /// The next characters, all ASCII: [`LetterWriters::ascii`] of each, at once.
    #[inline]
    pub fn ascii_run(&mut self, run: &[u8]) {
        // (Counted only until there are enough: the rest of a long run changes nothing. One
        // at a time, the count stops at the number that matters: the same as counting them
        // all and taking at most that number. The letters of eight bytes are counted at once.)
        if self.letters >= MIN_CONTEXT_LETTERS {
            return;
        }
        let mut count = self.letters;
        let mut words = run.chunks_exact(8);
        for w in words.by_ref() {
            if count >= MIN_CONTEXT_LETTERS {
                break;
            }
            count +=
                ascii_letters_in(u64::from_le_bytes(w.try_into().expect("eight bytes"))) as usize;
        }
        if count < MIN_CONTEXT_LETTERS {
            count += words
                .remainder()
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count();
        }
        self.letters = count.min(MIN_CONTEXT_LETTERS);
    }

    /// The next character.
    #[inline]
    pub fn push(&mut self, c: char) {
        if c.is_ascii() {
            self.ascii(c as u8)
        } else {
            self.push_other(c)
        }
    }

    /// The next character, outside ASCII.
    fn push_other(&mut self, c: char) {
        if let Some(writers) = Self::mark_of(c) {
            self.push_letters(1, writers);
        }
    }

    /// What [`LetterWriters::push`] of `c`, outside ASCII, adds: `None` for no letter, else
    /// the Latin models that write it (every model for a letter of another script).
    pub(crate) fn mark_of(c: char) -> Option<u64> {
        match kind(c) {
            // Folded as `fold` folds it (`ß` is `ss`), without a vector a letter.
            Kind::Letter(Script::Latin) => Some(match c {
                'ß' | 'ẞ' => latin_writers('s'),
                _ => latin_writers(fold_letter(c)),
            }),
            Kind::Letter(_) => Some(u64::MAX),
            _ => None,
        }
    }

    /// `count` letters outside ASCII at once, written by the models of `writers` (the `and`
    /// of their [`LetterWriters::mark_of`]): the same as pushing each.
    #[inline]
    pub(crate) fn push_letters(&mut self, count: usize, writers: u64) {
        self.letters += count;
        self.writers &= writers;
    }

    /// True when no more characters can make [`LetterWriters::some_writes_all`] true: enough
    /// letters to choose, and no model writes them all.
    #[inline]
    pub fn refused(&self) -> bool {
        self.letters >= MIN_CONTEXT_LETTERS && self.writers == 0
    }

    /// What [`Langs::some_writes_all_letters`] says of the characters pushed: too few letters
    /// to choose a language, or some Latin model writes every one of them.
    pub fn some_writes_all(&self) -> bool {
        self.letters < MIN_CONTEXT_LETTERS || self.writers == u64::MAX || self.writers != 0
    }
}

/// How many of the eight bytes of `w` (each ASCII: below 0x80) are ASCII letters: each byte
/// with 0x20 set (small letters stay, capitals become small) is a letter when it is from `a`
/// to `z`, tested on all eight at once (no byte carries into the next: each stays below 0x100).
#[inline]
fn ascii_letters_in(w: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let small = w | (0x20 * ONES);
    // (The high bit of each byte: from `a` on, and beyond `z`.)
    let from_a = small + (0x80 - u64::from(b'a')) * ONES;
    let beyond_z = small + (0x80 - u64::from(b'z') - 1) * ONES;
    (from_a & !beyond_z & (0x80 * ONES)).count_ones()
}

/// Which language models may explain the words of a text: all of them, or one per script.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Langs {
    /// For each script: the index of the one model to use, if chosen.
    chosen: [Option<usize>; SCRIPTS],
}

impl Langs {
    /// True when every model is allowed.
    pub fn is_default(&self) -> bool {
        self.chosen.iter().all(Option::is_none)
    }

    /// True when the Latin language chosen (if any) writes every letter of `text` that is
    /// not ASCII.
    pub fn writes_all_letters(&self, text: &str) -> bool {
        let Some(m) = self.chosen[Script::Latin as usize] else {
            return true;
        };
        let model = &pair_models()[m];
        text.chars()
            .filter(|&c| !c.is_ascii() && kind(c) == Kind::Letter(Script::Latin))
            .all(|c| {
                fold(&[(c, Script::Latin)])
                    .iter()
                    .all(|&l| model.has_letter(l))
            })
    }

    /// False when `Langs::best_for(text)` cannot write every letter of `text` whatever
    /// model it chooses: `text` has enough letters for a choice ([`MIN_CONTEXT_LETTERS`])
    /// and no Latin model writes all its letters outside ASCII (a necessary condition of
    /// [`Langs::writes_all_letters`], without scoring a word).
    ///
    /// ```
    /// use textmend::repair::legacy::judge::Langs;
    /// assert!(Langs::some_writes_all_letters("Zażółć gęślą jaźń, powiedział"));
    /// assert!(!Langs::some_writes_all_letters("crčme brűlée ŕ la carte, dit-il"));
    /// assert!(Langs::some_writes_all_letters("crčme")); // too few letters to choose
    /// ```
    pub fn some_writes_all_letters(text: &str) -> bool {
        let mut writers = LetterWriters::default();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII first (most of a Latin line): a letter of no interest to the writers.
            if bytes[i] < 0x80 {
                writers.ascii(bytes[i]);
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("a character");
            i += c.len_utf8();
            writers.push(c);
        }
        writers.some_writes_all()
    }

    /// True when no Latin model writes every letter of `text` outside ASCII, however few
    /// they are (`Izraðivaè`: no language writes both `ð` and `è`).
    ///
    /// ```
    /// use textmend::repair::legacy::judge::Langs;
    /// assert!(Langs::none_writes_letters("Izraðivaè"));
    /// assert!(!Langs::none_writes_letters("crème brûlée"));
    /// ```
    pub fn none_writes_letters(text: &str) -> bool {
        let mut writers = LetterWriters::default();
        text.chars().for_each(|c| writers.push(c));
        writers.writers == 0
    }

    /// The Latin language that explains `text` best among those that write every Latin letter
    /// of it outside ASCII (`None` when no model writes them all, or the text has no such
    /// letter): the language of a few repaired words whose line cannot tell (an English line
    /// with a Croatian job title in it), however few letters they have.
    pub fn best_writing(text: &str) -> Option<Langs> {
        let mut writers = LetterWriters::default();
        text.chars().for_each(|c| writers.push(c));
        if writers.writers == 0 || writers.writers == u64::MAX {
            return None;
        }
        let (totals, _, _) = Self::totals(text);
        let models = pair_models();
        let best = (0..models.len())
            .filter(|&i| models[i].script == Script::Latin && writers.writers >> i & 1 == 1)
            .min_by(|&a, &b| totals[a].total_cmp(&totals[b]))?;
        let mut langs = Langs::default();
        langs.chosen[Script::Latin as usize] = Some(best);
        Some(langs)
    }

    /// How much worse each Latin model explains the words of `text` than the best one does, in
    /// bits (its letter-pair cost less the least of them; infinite for models of other
    /// scripts); `None` when `text` has too few letters to tell one language from another.
    /// The price of taking a text for another language than the one that explains it best.
    ///
    /// ```
    /// use textmend::repair::legacy::judge::Langs;
    /// let excess = Langs::latin_excess("Ce n'est pas la même chose, dit-elle").unwrap();
    /// let best = Langs::best_for("Ce n'est pas la même chose, dit-elle");
    /// assert_eq!(best.latin_excess_of(&excess), 0.0);
    /// assert!(excess.iter().any(|&x| x > 20.0));
    /// assert!(Langs::latin_excess("Ça va").is_none());
    /// ```
    pub fn latin_excess(text: &str) -> Option<Vec<Bits>> {
        let models = pair_models();
        let (mut totals, _, letters) = Self::totals(text);
        if letters < MIN_CONTEXT_LETTERS {
            return None;
        }
        let latin = |i: usize| models[i].script == Script::Latin;
        let best = (0..models.len())
            .filter(|&i| latin(i))
            .map(|i| totals[i])
            .fold(Bits::INFINITY, Bits::min);
        for (i, t) in totals.iter_mut().enumerate() {
            *t = if latin(i) { *t - best } else { Bits::INFINITY };
        }
        Some(totals)
    }

    /// The entry of `excess` ([`Langs::latin_excess`]) for the Latin model chosen; 0 when
    /// none is chosen (every model allowed).
    pub fn latin_excess_of(&self, excess: &[Bits]) -> Bits {
        self.chosen[Script::Latin as usize].map_or(0.0, |m| excess[m])
    }

    /// The models (one per script) that best explain all the words of `text` together; no
    /// choice (every model allowed) when `text` has too few letters to tell.
    pub fn best_for(text: &str) -> Langs {
        let models = pair_models();
        let (totals, seen, letters) = Self::totals(text);
        let mut langs = Langs::default();
        if letters < MIN_CONTEXT_LETTERS {
            return langs;
        }
        for script in Script::ALL {
            if !seen[script as usize] {
                continue;
            }
            langs.chosen[script as usize] = (0..models.len())
                .filter(|&i| models[i].script == script)
                .min_by(|&a, &b| totals[a].total_cmp(&totals[b]));
        }
        langs
    }

    /// The letter-pair cost of all the words of `text` under each model, which scripts it
    /// has, and how many letters: for each run of letters of one script (as
    /// `for_each_segment` cuts them), the sums of its folded letter pairs (as `fold` and
    /// `all_sums` give them) added to the totals of that script's models, in one pass without
    /// buffers.
    fn totals(text: &str) -> (Vec<Bits>, [bool; SCRIPTS], usize) {
        let models = pair_models();
        let mut totals = vec![0.0; models.len()];
        let mut seen = [false; SCRIPTS];
        let mut letters = 0;
        let mut sums = [0u32; MODELS];
        let mut script: Option<Script> = None;
        let mut prev = ' ';
        let mut close = |sums: &mut [u32; MODELS], script: Script, prev: char| {
            add_row(sums, pair_row(prev, ' '));
            for (i, m) in models.iter().enumerate() {
                if m.script == script {
                    totals[i] += sums[i] as Bits / 10.0;
                }
            }
            *sums = [0; MODELS];
        };
        for c in text.chars() {
            match kind(c) {
                Kind::Letter(s) => {
                    if let Some(open) = script
                        && open != s
                    {
                        close(&mut sums, open, prev);
                        prev = ' ';
                    }
                    script = Some(s);
                    seen[s as usize] = true;
                    letters += 1;
                    prev = push_pair(&mut sums, prev, c);
                }
                _ => {
                    if let Some(open) = script.take() {
                        close(&mut sums, open, prev);
                        prev = ' ';
                    }
                }
            }
        }
        if let Some(open) = script {
            close(&mut sums, open, prev);
        }
        (totals, seen, letters)
    }
}

/// Call `f` with each run of letters of one script in `text` (the reference that
/// `Langs::totals` is tested against).
#[cfg(test)]
fn for_each_segment(text: &str, mut f: impl FnMut(&[(char, Script)])) {
    let mut seg: Vec<(char, Script)> = Vec::new();
    for c in text.chars() {
        match kind(c) {
            Kind::Letter(script) => {
                if seg.last().is_some_and(|l| l.1 != script) {
                    f(&seg);
                    seg.clear();
                }
                seg.push((c, script));
            }
            _ => {
                if !seg.is_empty() {
                    f(&seg);
                    seg.clear();
                }
            }
        }
    }
    if !seg.is_empty() {
        f(&seg);
    }
}

/// The letter-pair cost of folded letters under every model, in tenths of a bit (models of
/// other scripts get meaningless sums; the reference that `Langs::totals` is tested against).
#[cfg(test)]
fn all_sums(lower: &[char]) -> [u32; MODELS] {
    let mut out = [0; MODELS];
    let mut prev = ' ';
    for &c in lower.iter().chain(std::iter::once(&' ')) {
        add_row(&mut out, pair_row(prev, c));
        prev = c;
    }
    out
}

/// How many letters [`pair_row`] indexes directly: the space, `a`–`z`, `ß`–`ÿ` (the small
/// letters of Latin-1) and `а`–`џ` (the small Cyrillic letters of Russian, Ukrainian,
/// Belarusian, Bulgarian, Serbian and Macedonian).
const DIRECT: usize = 1 + 26 + 33 + 48;

/// The slot of the folded letter `c` in [`pair_row`]'s direct index, if it has one.
#[inline]
fn direct_slot(c: char) -> Option<usize> {
    match c {
        ' ' => Some(0),
        'a'..='z' => Some(c as usize - 'a' as usize + 1),
        'ß'..='ÿ' => Some(c as usize - 'ß' as usize + 27),
        'а'..='џ' => Some(c as usize - 'а' as usize + 60),
        _ => None,
    }
}

/// The letter of each slot of [`pair_row`]'s direct index (the inverse of [`direct_slot`]).
fn direct_letter(k: usize) -> char {
    match k {
        0 => ' ',
        1..=26 => char::from(b'a' + k as u8 - 1),
        27..=59 => char::from_u32('ß' as u32 + k as u32 - 27).expect("a Latin-1 letter"),
        _ => char::from_u32('а' as u32 + k as u32 - 60).expect("a Cyrillic letter"),
    }
}

/// [`PairTable::row`] of the letter-pair table, by direct index for pairs of spaces and the
/// small letters of ASCII, Latin-1 and Cyrillic (most pairs of Latin and Cyrillic text; the
/// table's rows, looked up once), by its hash index for the others.
#[inline]
fn pair_row(a: char, b: char) -> Option<&'static [u8; MODELS]> {
    type Rows = Vec<Option<&'static [u8; MODELS]>>;
    static DIRECT_ROWS: std::sync::OnceLock<Rows> = std::sync::OnceLock::new();
    match (direct_slot(a), direct_slot(b)) {
        (Some(i), Some(j)) => DIRECT_ROWS.get_or_init(|| {
            let table = pair_table();
            (0..DIRECT * DIRECT)
                .map(|k| table.row(direct_letter(k / DIRECT), direct_letter(k % DIRECT)))
                .collect()
        })[i * DIRECT + j],
        _ => pair_table().row(a, b),
    }
}

/// The least cost of `b` after `a` in any model, in tenths of a bit ([`UNSEEN_TENTHS`] when no
/// model has seen the pair, as [`add_row`] counts it): `PairTable::least` through
/// [`pair_row`]'s direct index.
#[inline]
fn least_pair(a: char, b: char) -> u32 {
    static DIRECT_LEAST: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    match (direct_slot(a), direct_slot(b)) {
        // (The least of each direct row, taken once.)
        (Some(i), Some(j)) => u32::from(
            DIRECT_LEAST.get_or_init(|| {
                (0..DIRECT * DIRECT)
                    .map(|k| {
                        least_of_row(pair_row(
                            direct_letter(k / DIRECT),
                            direct_letter(k % DIRECT),
                        )) as u16
                    })
                    .collect()
            })[i * DIRECT + j],
        ),
        _ => least_of_row(pair_row(a, b)),
    }
}

/// The least cost of a row of [`pair_row`] (tenths of a bit; [`UNSEEN_TENTHS`] for none).
#[inline]
fn least_of_row(row: Option<&[u8; MODELS]>) -> u32 {
    row.map_or(UNSEEN_TENTHS as u32, |row| {
        u32::from(row.iter().copied().min().unwrap_or(0))
    })
}

/// Add a row of pair costs (tenths of a bit) to `sums`, its first `N` models (every model, or
/// the Latin ones); a pair no model has seen costs [`UNSEEN_TENTHS`] in every model.
#[inline(always)]
fn add_row<const N: usize>(sums: &mut [u32; N], row: Option<&[u8; MODELS]>) {
    match row {
        Some(row) => {
            for (acc, &cost) in sums.iter_mut().zip(row) {
                *acc += cost as u32;
            }
        }
        None => sums.iter_mut().for_each(|x| *x += UNSEEN_TENTHS as u32),
    }
}

/// The cost of a character that is neither ASCII, a letter nor a CJK character: by category,
/// and for the other symbols (`★`, `○`, `♂`) by how often real text uses them
/// ([`symbol_rarity`], made 5 to 12 bits), or 8 bits when the word lists cannot tell.
///
/// ```
/// use textmend::repair::legacy::judge::symbol_cost;
/// assert!(symbol_cost('’') < symbol_cost('¯'));
/// // The symbols of Chinese, Japanese and Korean pages cost less than the math signs that
/// // another CJK encoding puts at their bytes (EUC-KR `★` is GBK `≮`).
/// assert!(symbol_cost('★') < symbol_cost('≮'));
/// assert!(symbol_cost('○') < symbol_cost('≯'));
/// // Fullwidth punctuation is CJK text's; fullwidth symbols are not (EUC-KR `●` is GBK `＋`).
/// assert!(symbol_cost('，') < symbol_cost('＋'));
/// ```
pub fn symbol_cost(c: char) -> Bits {
    match c {
        // Punctuation of running text in many languages.
        '’' | '‘' | '“' | '”' | '—' | '–' | '…' | '«' | '»' | '„' | '·' | '•' | '\u{A0}' => {
            4.0
        }
        // The Arabic comma, semicolon and question mark, the Hebrew maqaf.
        '،' | '؛' | '؟' | '־' => 4.0,
        // CJK punctuation, fullwidth forms, the katakana middle dot and prolonged sound mark.
        '\u{3000}'..='\u{303F}' | '\u{30FB}' | '\u{30FC}' => 5.0,
        // Fullwidth punctuation (`，！？：；（）`); not the fullwidth letters, digits and
        // symbols (`Ａ ０ ＋ ＝ ＄ ～`), which running CJK text seldom needs: those are priced
        // as other signs.
        '\u{FF01}'..='\u{FF60}' if !fullwidth_symbol_or_letter(c) => 5.0,
        // Signs of ordinary text that are seldom used.
        '€' | '£' | '¥' | '°' | '©' | '®' | '™' | '§' | '¶' | '¡' | '¿' | '±' | '×' | '÷' | '½'
        | '¼' | '¾' | '²' | '³' | '¹' | 'µ' | '¢' | '‚' | '‹' | '›' | '†' | '‡' | '‰' | '№'
        | 'ª' | 'º' | '′' | '″' | '‐' | '‑' | '−' => 9.0,
        // Spacing accents and rare signs of Latin-1 that stand alone almost only in mojibake.
        '¤' | '¦' | '¨' | '¬' | '¯' | '´' | '¸' | '\u{AD}' | 'ˆ' | '˜' | 'ƒ' | '˘' | '˙' | '˝'
        | '˛' | 'ˇ' | '΄' | '΅' => 13.0,
        // Box drawing, blocks and the like: the upper half of the DOS code pages (with `■`,
        // common in CJK text, but also windows-1251's `ю` read as IBM866 and `”` as KOI8).
        '\u{2500}'..='\u{25A0}' | '\u{2320}' | '\u{2321}' => 15.0,
        // Controls, private use, replacement character: not text.
        '\u{80}'..='\u{9F}' | '\u{E000}'..='\u{F8FF}' | '\u{FFFD}' => 20.0,
        c if c.is_control() => 20.0,
        c => symbol_rarity(c).map_or(UNLISTED_SIGN, |rarity| {
            (rarity - SYMBOL_RARITY_OFFSET).clamp(COMMON_SYMBOL, RARE_SYMBOL)
        }),
    }
}

/// True for the fullwidth forms of ASCII letters, digits and symbols (`Ａ`, `０`, `＋`, `＄`,
/// `～`), whose ASCII forms are letters, digits or of Unicode's symbol categories.
fn fullwidth_symbol_or_letter(c: char) -> bool {
    let ascii = (c as u32).wrapping_sub(0xFEE0);
    char::from_u32(ascii).is_some_and(|a| {
        a.is_ascii_alphanumeric()
            || matches!(a, '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass totals equal the sums segment by segment, bit for bit, on every line and
    /// word of the four corpora (`Langs::best_for` relies on them).
    #[test]
    fn totals_equal_the_sums_of_each_segment() {
        let reference = |text: &str| {
            let models = pair_models();
            let mut totals = vec![0.0; models.len()];
            let mut seen = [false; SCRIPTS];
            let mut letters = 0;
            for_each_segment(text, |seg| {
                let script = seg[0].1;
                seen[script as usize] = true;
                letters += seg.len();
                let sums = all_sums(&fold(seg));
                for (i, m) in models.iter().enumerate() {
                    if m.script == script {
                        totals[i] += sums[i] as Bits / 10.0;
                    }
                }
            });
            (totals, seen, letters)
        };
        for line in super::super::gate::tests::corpus_lines() {
            assert_eq!(Langs::totals(&line), reference(&line), "{line:?}");
            for word in line.split_whitespace() {
                assert_eq!(Langs::totals(word), reference(word), "{word:?}");
            }
        }
    }

    /// `ascii_letters_in` counts the ASCII letters of eight bytes: every ASCII byte in each
    /// place, among other bytes.
    #[test]
    fn ascii_letters_are_counted_by_the_word() {
        for b in 0u8..0x80 {
            for place in 0..8 {
                for fill in [b' ', b'a', b'Z', b'0', 0x7F, 0] {
                    let mut w = [fill; 8];
                    w[place] = b;
                    let want = w.iter().filter(|b| b.is_ascii_alphabetic()).count() as u32;
                    assert_eq!(ascii_letters_in(u64::from_le_bytes(w)), want, "{w:?}");
                }
            }
        }
    }

    /// `ascii_run` counts as `ascii` byte by byte, from every count of letters.
    #[test]
    fn ascii_runs_count_as_their_bytes() {
        for run in [
            "",
            "a",
            "1 2 3",
            "abc def ghi jkl mno",
            "x1y2z3w4v5u6t7s8r9q0",
            "ABCDEFGHIJKLMNOP",
            "@[`{ az AZ 09 \x7f~",
            "The quick brown fox, 1 2 3; jumps!",
            "a1b2c3d4e5f6g7h8i9j0k1l2m3",
        ] {
            for start in (0..16).map(|k| "a".repeat(k)) {
                let mut one = LetterWriters::default();
                let mut all = LetterWriters::default();
                start.chars().for_each(|c| {
                    one.push(c);
                    all.push(c);
                });
                run.bytes().for_each(|b| one.ascii(b));
                all.ascii_run(run.as_bytes());
                assert_eq!(one.letters, all.letters, "{start:?} {run:?}");
            }
        }
    }

    /// The kind table answers as the ranges and Unicode's alphabetic table do.
    #[test]
    fn the_kind_table_is_the_kind() {
        for n in 0..0x3100u32 {
            if let Some(c) = char::from_u32(n) {
                assert_eq!(kind(c), kind_slow(c), "{c:?}");
                let known = known_kind(c);
                assert_eq!(
                    is_word_char(c),
                    matches!(known, Some(Kind::Letter(_))),
                    "{c:?}"
                );
                assert_eq!(
                    is_latin_letter(c),
                    known == Some(Kind::Letter(Script::Latin))
                );
                assert_eq!(
                    is_cyrillic_letter(c),
                    known == Some(Kind::Letter(Script::Cyrillic))
                );
                assert_eq!(is_ideograph(c), known == Some(Kind::Ideograph), "{c:?}");
            }
        }
    }

    /// The case tables answer as Unicode does, below their end and beyond it.
    #[test]
    fn case_tables_are_unicode_case() {
        for n in 0..0x3000u32 {
            if let Some(c) = char::from_u32(n) {
                assert_eq!(is_lowercase(c), c.is_lowercase(), "{c:?}");
                assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            }
        }
    }

    /// The direct rows are the table's rows, for every pair of letters with a slot; and the
    /// slots are one a letter.
    #[test]
    fn direct_pair_rows_are_the_table_rows() {
        let letters = (0..DIRECT).map(direct_letter);
        for (k, a) in letters.clone().enumerate() {
            assert_eq!(direct_slot(a), Some(k), "{a:?}");
            for b in letters.clone() {
                assert_eq!(pair_row(a, b), pair_table().row(a, b), "{a:?}{b:?}");
            }
        }
        for a in letters.clone() {
            for b in letters.clone() {
                assert_eq!(
                    least_pair(a, b),
                    least_of_row(pair_table().row(a, b)),
                    "{a:?}{b:?}"
                );
            }
        }
        assert_eq!(direct_slot('ā'), None);
        assert_eq!(direct_slot('ѐ'), Some(DIRECT - 16));
        assert_eq!(direct_letter(DIRECT - 1), 'џ');
    }
}
