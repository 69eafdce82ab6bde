#!/usr/bin/env python3
"""Build the false-fix corpus of the mojibake engine from intact real text.

Reads (all under tests/data/corpus/):
  uchardet/<lang>.utf-8.txt   Wikipedia-style texts from uchardet's test suite (see SOURCE.md there)
  udhr-article1.txt           Article 1 of the UDHR in many languages (tag<TAB>text)
  traps.txt                   intact text that looks like mojibake (tag<TAB>text)

Writes:
  intact.jsonl    {"lang", "source", "text"}: one sentence a line, NFC
  damaged.jsonl   {"lang", "source", "codepage", "layers", "damaged", "original"}: each sentence with
                  non-ASCII characters, its UTF-8 bytes decoded with each code page by Python's codecs
                  (undefined bytes decoded as the C1 control of the same value, as Windows and browsers
                  do); plus two layers of windows-1252 and of latin-1, and "mixed" lines where an intact
                  sentence and a damaged one share a line.

Run from the repository root: python3 scripts/gen_mojibake_corpus.py
"""
import codecs
import json
import re
import unicodedata
from pathlib import Path

CORPUS = Path("tests/data/corpus")

CODEPAGES = {
    "latin-1": "latin-1",
    "windows-1252": "cp1252",
    "windows-1251": "cp1251",
    "windows-1250": "cp1250",
    "windows-1253": "cp1253",
    "windows-1254": "cp1254",
    "windows-1257": "cp1257",
    "iso-8859-2": "iso8859_2",
    "macroman": "mac_roman",
    "cp437": "cp437",
}


def sloppy(err: UnicodeDecodeError):
    """Undefined bytes become the C1 control (or Latin-1 character) of the same value."""
    bad = err.object[err.start : err.end]
    return "".join(chr(b) for b in bad), err.end


codecs.register_error("sloppy", sloppy)

SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


def sentences(text: str):
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        for s in SENTENCE_END.split(line):
            s = s.strip()
            if len(s) >= 3:
                yield s


def damage(text: str, codepage: str) -> str:
    return text.encode("utf-8").decode(CODEPAGES[codepage], errors="sloppy")


def main() -> None:
    items = []  # (lang, source, text)
    for f in sorted((CORPUS / "uchardet").glob("*.utf-8.txt")):
        lang = f.name.split(".")[0]
        for s in sentences(f.read_text(encoding="utf-8")):
            items.append((lang, "uchardet", s))
    for name, split in (("udhr-article1.txt", True), ("traps.txt", False)):
        for line in (CORPUS / name).read_text(encoding="utf-8").split("\n"):
            if not line or line.startswith("#"):
                continue
            tag, text = line.split("\t", 1)
            for s in sentences(text) if split else [text]:
                items.append((tag, name.removesuffix(".txt"), s))
    seen = set()
    intact, damaged = [], []
    for lang, source, text in items:
        text = unicodedata.normalize("NFC", text)
        if text in seen:
            continue
        seen.add(text)
        intact.append({"lang": lang, "source": source, "text": text})
        if text.isascii():
            continue
        for cp in CODEPAGES:
            d = damage(text, cp)
            if d != text:
                damaged.append(
                    {"lang": lang, "source": source, "codepage": cp, "layers": 1, "damaged": d, "original": text}
                )
        for cp in ("windows-1252", "latin-1"):
            d = damage(damage(text, cp), cp)
            damaged.append({"lang": lang, "source": source, "codepage": cp, "layers": 2, "damaged": d, "original": text})
    # Mixed lines: an intact sentence followed by a damaged one of the same language.
    by_lang = {}
    for it in intact:
        if not it["text"].isascii():
            by_lang.setdefault(it["lang"], []).append(it["text"])
    for lang, texts in sorted(by_lang.items()):
        if len(texts) < 2:
            continue
        a, b = texts[0], texts[1]
        d = a + " " + damage(b, "windows-1252")
        damaged.append(
            {"lang": lang, "source": "mixed", "codepage": "windows-1252", "layers": 1, "damaged": d, "original": a + " " + b}
        )
    with open(CORPUS / "intact.jsonl", "w", encoding="utf-8") as f:
        for it in intact:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    with open(CORPUS / "damaged.jsonl", "w", encoding="utf-8") as f:
        for it in damaged:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    langs = {it["lang"].split("-")[0] for it in intact if it["source"] != "traps"}
    print(f"{len(intact)} intact sentences in {len(langs)} languages, {len(damaged)} damaged")


if __name__ == "__main__":
    main()
