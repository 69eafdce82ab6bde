#!/usr/bin/env python3
"""Damage the real sentences of tests/data/legacy/ with Python's codecs, for the legacy-mojibake tests.

Writes tests/data/legacy/damaged.jsonl (one line per damaged sentence: true encoding, the encoding
it was read as, language, original, damaged), tests/data/legacy/lossy.jsonl (the same for UTF-8
sentences whose reading as Big5, Shift_JIS, EUC-KR or GBK loses bytes: those bytes become U+FFFD,
as a browser shows them) and tests/data/legacy/intact.jsonl (every original
sentence and line of written/intact-extra.txt, which must come back unchanged).

Encodings are named as in reports (WHATWG names); the Python codec used for each is in CODECS.
Where Python's codec is stricter than what browsers do, the browser's variant is used:
windows-1252 maps its five undefined bytes to the C1 controls of the same value (as WHATWG does),
and "euc-kr", "big5" and "shift_jis" as the reading of UTF-8 bytes are cp949, big5hkscs and cp932
(what browsers call EUC-KR, Big5 and Shift_JIS). A sentence whose damage is not reversible (the
reading fails, or the bytes do not come back) is left out and counted.

Run: python3 scripts/make_legacy_corpus.py
"""
import codecs
import json
import os
import re
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data", "legacy")
MIN_CHARS = 20


def c1_fallback(err):
    """Undefined windows-1252 bytes become the C1 control of the same value (WHATWG)."""
    return "".join(chr(b) for b in err.object[err.start:err.end]), err.end


codecs.register_error("c1", c1_fallback)

# report name -> (python codec for encoding, python codec for reading)
CODECS = {
    "utf-8": ("utf-8", "utf-8"),
    "gbk": ("gbk", "gbk"),
    "gb18030": ("gb18030", "gb18030"),
    "big5": ("big5", "big5hkscs"),
    "shift_jis": ("shift_jis", "cp932"),
    "euc-jp": ("euc_jp", "euc_jp"),
    "euc-kr": ("euc_kr", "cp949"),
    "windows-1252": ("cp1252", "cp1252"),
    "latin-1": ("latin-1", "latin-1"),
    "windows-1251": ("cp1251", "cp1251"),
    "koi8-r": ("koi8_r", "koi8_r"),
    "koi8-u": ("koi8_u", "koi8_u"),
    "ibm866": ("cp866", "cp866"),
    "windows-1253": ("cp1253", "cp1253"),
    "windows-1250": ("cp1250", "cp1250"),
    "iso-8859-2": ("iso8859_2", "iso8859_2"),
}

LATIN_READINGS = ["latin-1", "windows-1252"]
CYRILLIC = ["windows-1251", "koi8-r", "koi8-u", "ibm866"]

# (true encoding, read as, languages)
PAIRS = []
for enc, langs in [
    ("gbk", ["zh-hans", "en"]),
    ("gb18030", ["zh-hans"]),
    ("big5", ["zh-hant", "en"]),
    ("shift_jis", ["ja", "en"]),
    ("euc-jp", ["ja", "en"]),
    ("euc-kr", ["ko", "en"]),
]:
    for r in LATIN_READINGS:
        PAIRS.append((enc, r, langs))
for r, langs in [
    ("gbk", ["zh-hans", "zh-hant", "ru"]),
    ("big5", ["zh-hant", "zh-hans"]),
    ("shift_jis", ["ja"]),
    ("euc-kr", ["ko"]),
]:
    PAIRS.append(("utf-8", r, langs))
for t in CYRILLIC:
    for r in CYRILLIC:
        if t != r:
            PAIRS.append((t, r, ["ru", "uk", "bg"]))
for r in LATIN_READINGS:
    PAIRS.append(("windows-1251", r, ["ru", "uk", "bg"]))
    PAIRS.append(("windows-1253", r, ["el"]))
    PAIRS.append(("windows-1250", r, ["pl", "cs", "hu"]))
    PAIRS.append(("iso-8859-2", r, ["pl", "cs", "hu"]))

# language -> uchardet file language
UCHARDET = {"zh-hans": None, "zh-hant": None, "ja": "ja", "ko": "ko", "ru": "ru", "uk": "uk",
            "bg": "bg", "el": "el", "pl": "pl", "cs": "cs", "hu": "hu", "en": "en"}
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def sentences(lang):
    out = []
    with open(os.path.join(DATA, "written", lang + ".txt"), encoding="utf-8") as f:
        out += [line.strip() for line in f if line.strip()]
    u = UCHARDET.get(lang)
    if u:
        with open(os.path.join(DATA, "uchardet", u + ".utf-8.txt"), encoding="utf-8") as f:
            for line in f:
                out += [s.strip() for s in SENTENCE_END.split(line) if s.strip()]
    return [s for s in out if len(s) >= MIN_CHARS]


def damage(text, true, read_as):
    enc = CODECS[true][0]
    dec = CODECS[read_as][1]
    raw = text.encode(enc)
    errors = "c1" if read_as == "windows-1252" else "strict"
    out = raw.decode(dec, errors=errors)
    back = "".join(chr(ord(c)) for c in out)
    again = back.encode(dec, errors="strict") if errors == "strict" else None
    if again is not None and again != raw:
        raise ValueError("not reversible")
    return out


def main():
    skipped = Counter()
    written = Counter()
    lossy = open(os.path.join(DATA, "lossy.jsonl"), "w", encoding="utf-8")
    with open(os.path.join(DATA, "damaged.jsonl"), "w", encoding="utf-8") as out:
        for true, read_as, langs in PAIRS:
            for lang in langs:
                for s in sentences(lang):
                    try:
                        d = damage(s, true, read_as)
                    except (UnicodeError, ValueError):
                        skipped[(true, read_as)] += 1
                        if true == "utf-8":
                            # What a reader shows: bytes it cannot decode become U+FFFD.
                            d = s.encode("utf-8").decode(CODECS[read_as][1], errors="replace")
                            lossy.write(json.dumps({"true": true, "read_as": read_as, "lang": lang,
                                                    "original": s, "damaged": d},
                                                   ensure_ascii=False) + "\n")
                        continue
                    if d == s:
                        continue
                    written[(true, read_as)] += 1
                    out.write(json.dumps({"true": true, "read_as": read_as, "lang": lang,
                                          "original": s, "damaged": d}, ensure_ascii=False) + "\n")
    with open(os.path.join(DATA, "intact.jsonl"), "w", encoding="utf-8") as out:
        for lang in UCHARDET:
            for s in sentences(lang):
                out.write(json.dumps({"lang": lang, "text": s}, ensure_ascii=False) + "\n")
        for name in sorted(os.listdir(os.path.join(DATA, "uchardet"))):
            lang = name.split(".")[0]
            if lang in UCHARDET:
                continue
            with open(os.path.join(DATA, "uchardet", name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        out.write(json.dumps({"lang": lang, "text": line.rstrip("\n")}, ensure_ascii=False) + "\n")
        with open(os.path.join(DATA, "written", "intact-extra.txt"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    out.write(json.dumps({"lang": "mixed", "text": line.rstrip("\n")}, ensure_ascii=False) + "\n")
    lossy.close()
    for key in sorted(set(written) | set(skipped)):
        print(f"{key[0]:>13} -> {key[1]:<13} damaged {written[key]:4}  not reversible {skipped[key]:4}")


if __name__ == "__main__":
    main()
