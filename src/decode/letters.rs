//! Which language a decoding reads as: a unigram model of the non-ASCII letters of 55 languages
//! (`data/letter-freq.txt`, generated from langdetect's Wikipedia profiles). It breaks ties
//! between decodings that [`plausible`](super::plausible) finds equally clean, such as Czech in
//! IBM852 read as IBM852 or as IBM437.

use std::collections::HashMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("../../data/letter-freq.txt");

/// Log-probability of a letter a language does not use.
const ABSENT: f64 = -16.0;
/// Log-probability of a letter no language of the model uses at all (e.g. Maltese ħ, Esperanto
/// ŝ): it may belong to a language the model lacks.
const UNKNOWN: f64 = -7.0;
/// Log-probability of a non-ASCII character that is not a letter (same for every language).
const NOT_A_LETTER: f64 = -6.0;
/// Log-probability of a letter of a script no language of the model writes (e.g. Georgian):
/// about one letter in 40.
const UNMODELLED: f64 = -3.7;

struct Model {
    langs: Vec<&'static str>,
    /// For each letter, its log-probability in each language (indexed like `langs`).
    letters: HashMap<char, Vec<f64>>,
}

/// One language of the data file: its code, its character total, its letters' counts.
type Row = (&'static str, f64, Vec<(char, f64)>);

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let rows: Vec<Row> = DATA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split(' ');
                let lang = f.next()?;
                let total: f64 = f.next()?.parse().ok()?;
                let pairs = f
                    .filter_map(|p| {
                        let (c, n) = p.rsplit_once(':')?;
                        let c = c.chars().next()?;
                        Some((c, n.parse::<f64>().ok()?))
                    })
                    .collect();
                Some((lang, total, pairs))
            })
            .collect();
        let n = rows.len();
        let mut letters: HashMap<char, Vec<f64>> = HashMap::new();
        for (i, (_, total, pairs)) in rows.iter().enumerate() {
            for &(c, count) in pairs {
                letters.entry(c).or_insert_with(|| vec![ABSENT; n])[i] =
                    (count / total).ln().max(ABSENT);
            }
        }
        Model {
            langs: rows.iter().map(|r| r.0).collect(),
            letters,
        }
    })
}

/// How well the non-ASCII characters of `text` fit the best-fitting language: the sum of their
/// log-probabilities under it (higher is better), and the language's code.
///
/// ```
/// use textmend::decode::letters::language_fit;
/// let (_, lang) = language_fit("Příliš žluťoučký kůň úpěl ďábelské ódy");
/// assert_eq!(lang, "cs");
/// ```
pub fn language_fit(text: &str) -> (f64, &'static str) {
    let m = model();
    let mut sums = vec![0.0f64; m.langs.len()];
    let mut common = 0.0;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        match m.letters.get(&fold(c)) {
            Some(row) => sums.iter_mut().zip(row).for_each(|(s, p)| *s += p),
            None if !c.is_alphabetic() => common += NOT_A_LETTER,
            None if unmodelled_script(c) => common += UNMODELLED,
            None => common += UNKNOWN,
        }
    }
    let (i, best) =
        sums.iter().enumerate().fold(
            (0, f64::NEG_INFINITY),
            |acc, (i, &s)| if s > acc.1 { (i, s) } else { acc },
        );
    (best + common, m.langs.get(i).copied().unwrap_or(""))
}

/// Romanian s and t with comma below are counted as their cedilla forms, which much of the
/// text the model was counted from uses for them.
fn fold(c: char) -> char {
    match c {
        'ș' => 'ş',
        'ț' => 'ţ',
        'Ș' => 'Ş',
        'Ț' => 'Ţ',
        c => c,
    }
}

/// Letters of scripts none of the model's languages is written in.
fn unmodelled_script(c: char) -> bool {
    matches!(c as u32,
        0x0530..=0x058F   // Armenian
        | 0x10A0..=0x10FF // Georgian
        | 0x2D00..=0x2D2F // Georgian supplement
        | 0x1200..=0x139F // Ethiopic
        | 0x0F00..=0x0FFF // Tibetan
        | 0x1780..=0x17FF // Khmer
        | 0x0E80..=0x0EFF // Lao
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_reading_fits_better() {
        let right = "Gdańsk, łódź i źdźbło: zażółć gęślą jaźń";
        let (bytes, _, _) = encoding_rs::ISO_8859_2.encode(right);
        let (wrong, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        let (good, lang) = language_fit(right);
        assert_eq!(lang, "pl");
        assert!(good > language_fit(&wrong).0);
    }

    #[test]
    fn model_has_many_languages() {
        assert!(model().langs.len() >= 50);
    }
}
