#!/usr/bin/env python3
"""Build the letter statistics of the legacy-mojibake judge (src/repair/legacy/) into data/legacy/.

Source: the word frequency lists of the `wordfreq` package (pip install wordfreq==3.1.1
opencc-python-reimplemented==0.1.7), which wordfreq built from real text (Wikipedia, subtitles,
news, books, web text, Twitter, Reddit; CC BY-SA 4.0, see https://github.com/rspeer/wordfreq).
Every word counts with its frequency, except, for the Central European languages, words holding a
letter that a Latin-1 reading makes of one of the language's own letters (mojibake in the lists).

Outputs (costs are -log2 probabilities in tenths of a bit, rounded):
- data/legacy/bigrams/<lang>.tsv: `<a><b>\t<cost>`, the cost of letter b after letter a inside
  a lower-cased word; a space stands for the word boundary (` a` begins a word, `a ` ends it).
- data/legacy/ideographs.tsv: `<char>\t<cost>`, the cost of one CJK character (Han, kana,
  Hangul) in running Chinese (simplified and, through OpenCC, traditional), Japanese or Korean
  text: the lowest cost over those languages.
- data/legacy/symbols.tsv: `<char>\t<cost>`, for every symbol of Unicode category So ("other
  symbol": ★ ● ■ ♪ ° © ...) in the Basic Multilingual Plane, how rare it is in running text:
  -log2 of its occurrences per word, the lowest over the languages above (CJK and alphabetic).
  wordfreq's tokenizer keeps such symbols as tokens of their own (it drops math signs, currency
  signs and punctuation, which are therefore not listed); a symbol no list holds gets the cost
  of the lists' floor (their rarest word), as it is rarer than that. Symbols that NFKC changes
  (`℃`, `㈱`) are left out: wordfreq folds them in some languages, so its counts are too low.

Languages that wordfreq lacks (Estonian, Armenian, Azerbaijani) are built from the letter and letter-pair frequencies of
the language models of `lingua-language-detector` 1.3.5 (Apache-2.0, Peter M. Stahl; models
trained on the Leipzig Corpora Collection's news and web sentences). Those give, for each letter,
how often it occurs and how often each letter follows it inside a word; where a letter starts or
ends a word follows from the difference, so the pairs come out in the same form as wordfreq's
(every running word counted). Built this way, Finnish agrees with the wordfreq model within
0.5 bit a pair on average. Only letters of at least 20 per million, or of the language's
alphabet (data/alphabets.txt), are kept: the corpora hold stray foreign names.

Run: pip install wordfreq==3.1.1 opencc-python-reimplemented==0.1.7 lingua-language-detector==1.3.5 brotli
     python3 scripts/build_legacy_stats.py [bigrams] [ideographs] [symbols]
"""
import math
import os
import sys
import unicodedata
from collections import Counter, defaultdict

import wordfreq
import opencc

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "legacy")
ALPHABETIC = [
    # Latin script
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "nb", "fi", "is", "pl", "cs", "sk",
    "hu", "ro", "tr", "sl", "sh", "lt", "lv", "ca", "id", "ms", "vi", "fil",
    # Cyrillic
    "ru", "uk", "bg", "mk",
    # Greek
    "el",
    # Arabic script (Arabic, Persian, Urdu) and Hebrew
    "ar", "fa", "ur", "he",
]
# Languages wordfreq lacks, built from lingua's letter statistics, with their codes in
# data/alphabets.txt (None: the letters of 20 per million alone).
FROM_LINGUA = {"et": "et", "hy": None, "az": "az"}
LINGUA_MIN_SHARE = 20e-6
CJK = ["zh", "ja", "ko"]
TOP_WORDS = 60000
KEEP_MASS = 0.9995  # keep the most frequent bigrams up to this share of the mass, per first letter


def words(lang):
    freqs = wordfreq.get_frequency_dict(lang, "best")
    for w, f in sorted(freqs.items(), key=lambda kv: -kv[1])[:TOP_WORDS]:
        yield w, f


def cost(p):
    return round(-math.log2(p) * 10)


# Languages written in windows-1250 / ISO-8859-2 before UTF-8, with their code in
# data/alphabets.txt. Their word lists hold some words already damaged by the very mix-up the
# judge repairs (Hungarian "egyenlõ" for "egyenlő": ő is byte 0xF5, read as Latin-1 õ).
CENTRAL_EUROPEAN = {"pl": "pl", "cs": "cs", "sk": "sk", "hu": "hu", "ro": "ro", "sl": "sl", "sh": "hr"}


def alphabet(code):
    """The letters beyond ASCII of a language, from data/alphabets.txt."""
    path = os.path.join(ROOT, "..", "alphabets.txt")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.split("\t")[0] == code:
                return set(line.rstrip("\n").split("\t")[1])
    raise KeyError(code)


def misread_letters(lang):
    """Letters that a Latin-1 or windows-1252 reading makes of the language's own letters in
    windows-1250 or ISO-8859-2, and that the language does not write: a word holding one is
    mojibake, not text of the language."""
    letters = alphabet(CENTRAL_EUROPEAN[lang])
    out = set()
    for ch in letters | {c.upper() for c in letters}:
        for enc in ("cp1250", "iso8859_2"):
            try:
                byte = ch.encode(enc)
            except UnicodeEncodeError:
                continue
            for reading in ("latin-1", "cp1252"):
                try:
                    r = byte.decode(reading).lower()
                except UnicodeDecodeError:
                    continue
                if r.isalpha() and r not in letters and not r.isascii():
                    out.add(r)
    return out


def write_pairs(lang, pairs, source):
    """Write `pairs` (first letter -> Counter of next letters; space = word boundary) as
    data/legacy/bigrams/<lang>.tsv, keeping for each first letter the most frequent next
    letters up to KEEP_MASS of its mass."""
    rows = []
    for a, nexts in pairs.items():
        total = sum(nexts.values())
        acc = 0
        for b, n in nexts.most_common():
            rows.append((a + b, cost(n / total)))
            acc += n
            if acc / total >= KEEP_MASS:
                break
    rows.sort()
    os.makedirs(os.path.join(ROOT, "bigrams"), exist_ok=True)
    with open(os.path.join(ROOT, "bigrams", lang + ".tsv"), "w", encoding="utf-8") as out:
        out.write(f"# letter pairs of {lang}: built by scripts/build_legacy_stats.py from {source}\n")
        for pair, c in rows:
            out.write(f"{pair}\t{c}\n")


def lingua_ngrams(lang, name):
    """One of lingua's models of `lang` (`unigrams` or `bigrams`): n-gram -> relative
    frequency, as an exact fraction."""
    import importlib.util
    import json
    from fractions import Fraction

    import brotli

    root = os.path.dirname(importlib.util.find_spec("lingua").origin)
    path = os.path.join(root, "language-models", lang, name + ".json.br")
    with open(path, "rb") as f:
        model = json.loads(brotli.decompress(f.read()))
    out = {}
    for fraction, grams in model["ngrams"].items():
        for g in grams.split(" "):
            out[g] = Fraction(fraction)
    return out


def build_bigrams_from_lingua(lang):
    """Letter pairs with word boundaries from lingua's letter counts (unigrams: count(a) over
    all letters) and in-word pairs (bigrams: count(ab) / count(a)). A letter starts a word as
    often as it occurs less how often it follows a letter; it ends one as often as it occurs
    less how often a letter follows it."""
    unigrams = lingua_ngrams(lang, "unigrams")
    bigrams = lingua_ngrams(lang, "bigrams")
    total = math.lcm(*(f.denominator for f in unigrams.values()))
    code = FROM_LINGUA[lang]
    keep = (alphabet(code) if code else set()) | {chr(c) for c in range(ord("a"), ord("z") + 1)}
    counts = {a: f * total for a, f in unigrams.items()
              if a in keep or f >= LINGUA_MIN_SHARE}
    pairs = defaultdict(Counter)
    followed, following = Counter(), Counter()
    for ab, f in bigrams.items():
        a, b = ab
        if a in counts and b in counts:
            n = f * counts[a]
            pairs[a][b] += n
            followed[a] += n
            following[b] += n
    for a, n in counts.items():
        if n > following[a]:
            pairs[" "][a] += n - following[a]
        if n > followed[a]:
            pairs[a][" "] += n - followed[a]
    write_pairs(lang, pairs, "lingua-language-detector 1.3.5's letter statistics")


def build_bigrams(lang):
    pairs = defaultdict(Counter)
    misread = misread_letters(lang) if lang in CENTRAL_EUROPEAN else set()
    for w, f in words(lang):
        w = unicodedata.normalize("NFC", w.lower())
        if not all(c.isalpha() or unicodedata.category(c).startswith("M") for c in w):
            continue
        if misread & set(w):
            continue
        padded = " " + w + " "
        for a, b in zip(padded, padded[1:]):
            pairs[a][b] += f
    write_pairs(lang, pairs, "wordfreq")


def is_cjk(c):
    n = ord(c)
    return (0x3040 <= n <= 0x30FF or 0x3400 <= n <= 0x4DBF or 0x4E00 <= n <= 0x9FFF
            or 0xAC00 <= n <= 0xD7A3 or 0xF900 <= n <= 0xFAFF or 0xFF66 <= n <= 0xFF9F)


def build_ideographs():
    best = {}
    s2t = opencc.OpenCC("s2t")
    for lang in CJK:
        counts = Counter()
        for w, f in words(lang):
            for c in w:
                if is_cjk(c):
                    counts[c] += f
        tables = [counts]
        if lang == "zh":
            trad = Counter()
            for c, n in counts.items():
                for t in s2t.convert(c):
                    trad[t] += n
            tables.append(trad)
        for table in tables:
            total = sum(table.values())
            for c, n in table.items():
                k = cost(n / total)
                if k < best.get(c, 10**9):
                    best[c] = k
    with open(os.path.join(ROOT, "ideographs.tsv"), "w", encoding="utf-8") as out:
        out.write("# CJK characters: built by scripts/build_legacy_stats.py from wordfreq (zh, zh via OpenCC s2t, ja, ko)\n")
        for c in sorted(best):
            if best[c] <= 240:
                out.write(f"{c}\t{best[c]}\n")


def build_symbols():
    # Not the compatibility symbols (`℃`, `㈱`, `™`): wordfreq folds them by NFKC in some
    # languages (`℃` becomes `°c`), so its lists undercount them.
    symbols = [
        chr(n)
        for n in range(0xA0, 0x10000)
        if unicodedata.category(chr(n)) == "So"
        and unicodedata.normalize("NFKC", chr(n)) == chr(n)
    ]
    wanted = set(symbols)
    best = {}
    floor = 0
    for lang in CJK + ALPHABETIC:
        freqs = wordfreq.get_frequency_dict(lang, "best")
        floor = max(floor, cost(min(freqs.values())))
        counts = Counter()
        for w, f in freqs.items():
            for c in w:
                if c in wanted:
                    counts[c] += f
        for c, n in counts.items():
            best[c] = min(best.get(c, 10**9), cost(n))
    with open(os.path.join(ROOT, "symbols.tsv"), "w", encoding="utf-8") as out:
        out.write(
            "# Symbols of category So (Unicode %s): -log2 occurrences per word in tenths of a bit, "
            "the lowest over wordfreq's %s; unseen: the lists' floor. Built by "
            "scripts/build_legacy_stats.py\n" % (unicodedata.unidata_version, " ".join(CJK + ALPHABETIC))
        )
        for c in symbols:
            out.write(f"{c}\t{best.get(c, floor)}\n")


if __name__ == "__main__":
    # Arguments name the tables to build (bigrams, ideographs, symbols); none: all of them.
    tables = set(sys.argv[1:]) or {"bigrams", "ideographs", "symbols"}
    if "bigrams" in tables:
        for lang in ALPHABETIC:
            build_bigrams(lang)
        for lang in FROM_LINGUA:
            build_bigrams_from_lingua(lang)
    if "ideographs" in tables:
        build_ideographs()
    if "symbols" in tables:
        build_symbols()
