#!/usr/bin/env python3
"""False-fix probe on real translations: the gettext catalogues installed on this machine.

Reads every `/usr/share/locale/*/LC_MESSAGES/*.mo` (on Debian 12 with the packages of the
build image: 4,250 files, 176 languages, 1.1 million distinct lines with a character outside
ASCII, almost all intact), writes each language's distinct lines to a file, runs
`BINARY fix` on each file and sorts every changed line (beyond NFC) by kind:

- `escape`: the line holds a terminal escape (removed on purpose);
- `entity`: an HTML entity in text (decoded on purpose, as ftfy does);
- `control`: only control characters or a byte-order mark differ (removed on purpose);
- `utf8`: the line holds `Ã` or `Â` (UTF-8 read as Latin-1 in the catalogue itself: a
  true repair, e.g. Nynorsk `nÃ¥r`);
- `other`: everything else, the candidates for false fixes, printed in full with `-v`.

    python3 benches/locale_probe.py target/release/textmend [-v]

With `--damage`, the same lines are damaged instead, for each pair of issues 3 and 4 (true
encoding -> read as, by Python's codecs), up to 1,500 lines of 20 characters or more of the
languages written in the true encoding, shuffled with a fixed seed, all in one file; prints
per pair how many come back exactly, how many are left as they were and how many are changed
otherwise (with `-v`, those lines on standard error):

    python3 benches/locale_probe.py target/release/textmend --damage

The catalogues are not part of the repository (their licences are the packages'); the script
says so and exits 0 when the directory is missing.
"""

import collections
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import unicodedata

LOCALE_DIR = "/usr/share/locale"


def catalogue_lines(path):
    """The translated texts of one .mo file, cut at line breaks, that hold a character outside
    ASCII (stripped, two characters or more)."""
    data = open(path, "rb").read()
    if len(data) < 20:
        return
    order = "<" if struct.unpack("<I", data[:4])[0] == 0x950412DE else ">"
    _, n, originals, translations = struct.unpack(order + "4I", data[4:20])
    charset = "utf-8"
    for i in range(n):
        length, offset = struct.unpack(order + "2I", data[translations + 8 * i : translations + 8 * i + 8])
        olength, _ = struct.unpack(order + "2I", data[originals + 8 * i : originals + 8 * i + 8])
        text = data[offset : offset + length]
        if olength == 0:  # the header
            for line in text.decode("ascii", "replace").split("\n"):
                if "charset=" in line:
                    charset = line.split("charset=")[1].strip()
            continue
        try:
            text = text.decode(charset)
        except (UnicodeDecodeError, LookupError):
            continue
        for part in text.split("\0"):
            for line in part.split("\n"):
                line = line.strip()
                if len(line) >= 2 and not line.isascii():
                    yield line


def kind(before, after):
    if "\x1b" in before:
        return "escape"
    if re.search(r"&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);", before):
        return "entity"
    visible = lambda s: "".join(c for c in s if unicodedata.category(c)[0] != "C" and c != "\ufeff").strip()
    if visible(before) == visible(after):
        return "control"
    if "Ã" in before or "Â" in before:
        return "utf8"
    return "other"


# (true encoding, read as, languages of the catalogues written in it)
DAMAGE_PAIRS = [
    ("gbk", "latin-1", ["zh_CN"]), ("gbk", "cp1252", ["zh_CN"]), ("big5", "latin-1", ["zh_TW"]),
    ("shift_jis", "latin-1", ["ja"]), ("euc-jp", "latin-1", ["ja"]), ("euc-kr", "latin-1", ["ko"]),
    ("utf-8", "gbk", ["zh_CN"]), ("utf-8", "shift_jis", ["ja"]),
    ("cp1251", "koi8-r", ["ru"]), ("koi8-r", "cp1251", ["ru"]), ("cp1251", "cp866", ["ru", "bg"]),
    ("cp866", "cp1251", ["ru"]), ("koi8-u", "cp1251", ["uk"]), ("cp1251", "koi8-u", ["uk"]),
    ("cp1251", "cp1252", ["ru", "bg", "uk"]), ("cp1253", "cp1252", ["el"]),
    ("iso8859-2", "cp1252", ["cs", "pl", "hu", "sk", "sl", "hr", "ro"]),
    ("cp1250", "cp1252", ["cs", "pl", "hu", "sk", "sl", "hr", "ro"]),
    ("utf-8", "cp1252", ["fr", "de", "es", "pt", "ru", "zh_CN", "ja", "el"]),
    ("utf-8", "latin-1", ["fr", "de", "es", "pl", "cs"]),
    ("utf-8", "cp1251", ["fr", "de", "es", "ru", "uk"]), ("utf-8", "mac_roman", ["fr", "de", "es", "sv"]),
]


def damage(binary, by_lang, per_pair=1500, verbose=False):
    rng = random.Random(7)
    breaks = "\r\n\x85\u2028\u2029"
    print("| true encoding | read as | lines | restored | left as they were | changed otherwise |")
    print("|---|---|---|---|---|---|")
    for true, read, langs in DAMAGE_PAIRS:
        # (Not the lines that other repairs change: HTML entities, controls.)
        pool = [
            line
            for lang in langs
            for line in sorted(by_lang.get(lang, ()))
            if len(line) >= 20
            and not re.search(r"&(#\d+|#x[0-9A-Fa-f]+|[A-Za-z]+);", line)
            and not any(unicodedata.category(c)[0] == "C" for c in line)
        ]
        rng.shuffle(pool)
        originals, damaged = [], []
        for text in pool:
            try:
                d = text.encode(true).decode(read)
            except (UnicodeError, LookupError):
                continue
            if d == text or any(c in d for c in breaks):
                continue
            originals.append(unicodedata.normalize("NFC", text))
            damaged.append(d)
            if len(originals) == per_pair:
                break
        if not originals:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "damaged.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(d + "\n" for d in damaged))
            out = subprocess.run([binary, "fix", path], capture_output=True, check=True).stdout
        got = out.decode("utf-8").split("\n")[: len(damaged)]
        ok = sum(o == g for o, g in zip(originals, got))
        same = sum(d == g for d, g in zip(damaged, got))
        n = len(originals)
        print(f"| {true} | {read} | {n} | {ok} ({100 * ok / n:.1f}%) | {same} | {n - ok - same} |")
        if verbose:
            for o, d, g in zip(originals, damaged, got):
                if g not in (o, d):
                    print(f"{true} -> {read}\t{d}\n\tgot:  {g}\n\twant: {o}", file=sys.stderr)


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    verbose = "-v" in sys.argv
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    if not os.path.isdir(LOCALE_DIR):
        print(f"{LOCALE_DIR} is missing: no catalogues to probe (nothing measured)")
        return
    by_lang = collections.defaultdict(set)
    files = 0
    for root, _, names in os.walk(LOCALE_DIR):
        for name in names:
            if name.endswith(".mo"):
                files += 1
                lang = os.path.relpath(root, LOCALE_DIR).split(os.sep)[0]
                by_lang[lang].update(catalogue_lines(os.path.join(root, name)))
    if "--damage" in sys.argv:
        damage(binary, by_lang, verbose=verbose)
        return
    total = sum(len(v) for v in by_lang.values())
    kinds = collections.Counter()
    changed = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in sorted(by_lang):
            lines = sorted(by_lang[lang])
            path = os.path.join(tmp, lang + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("".join(line + "\n" for line in lines))
            out = subprocess.run([binary, "fix", path], capture_output=True, check=True).stdout
            out = out.decode("utf-8").split("\n")[: len(lines)]
            for before, after in zip(lines, out):
                if after != unicodedata.normalize("NFC", before) and after != before:
                    k = kind(before, after)
                    kinds[k] += 1
                    changed[k].append((lang, before, after))
    langs = sum(1 for lines in by_lang.values() if lines)
    print(f"{files} catalogues, {langs} languages, {total:,} distinct lines outside ASCII")
    print(f"changed beyond NFC: {sum(kinds.values()):,} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())})")
    other = collections.Counter(lang for lang, _, _ in changed["other"])
    print("other, by language:", ", ".join(f"{lang} {n}" for lang, n in other.most_common()))
    if verbose:
        for lang, before, after in changed["other"]:
            print(f"{lang}\t{before}\n\t{after}")


if __name__ == "__main__":
    main()
