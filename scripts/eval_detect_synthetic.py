#!/usr/bin/env python3
"""A second check of detection, on text the detector was not tuned on: every UTF-8 file of
tests/data/uchardet re-encoded (by Python's codecs) into each of 31 legacy encodings that can
hold it, then run through `textmend detect --json`. A file counts as correct when decoding it
with textmend's choice gives the same text as with the true encoding.

    cargo build --release && python3 scripts/eval_detect_synthetic.py
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(__file__), "..")
BIN = os.path.join(ROOT, "target", "release", "textmend")
ENCODINGS = [
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_7", "iso8859_13", "iso8859_15", "iso8859_16",
    "koi8_r", "cp437", "cp850", "cp852", "cp855", "cp866", "cp862", "cp737", "mac_roman",
    "mac_latin2", "mac_cyrillic", "gbk", "big5", "shift_jis", "euc_jp", "euc_kr",
]
# textmend's names -> Python codecs
PY = {
    "windows-1252": "cp1252", "windows-1250": "cp1250", "windows-1251": "cp1251",
    "windows-1253": "cp1253", "windows-1254": "cp1254", "windows-1255": "cp1255",
    "windows-1256": "cp1256", "windows-1257": "cp1257", "windows-1258": "cp1258",
    "windows-874": "cp874", "ISO-8859-2": "iso8859_2", "ISO-8859-3": "iso8859_3",
    "ISO-8859-4": "iso8859_4", "ISO-8859-5": "iso8859_5", "ISO-8859-6": "iso8859_6",
    "ISO-8859-7": "iso8859_7", "ISO-8859-8": "iso8859_8", "ISO-8859-10": "iso8859_10",
    "ISO-8859-13": "iso8859_13", "ISO-8859-15": "iso8859_15", "ISO-8859-16": "iso8859_16",
    "KOI8-R": "koi8_r", "KOI8-U": "koi8_u", "IBM437": "cp437", "IBM850": "cp850",
    "IBM852": "cp852", "IBM855": "cp855", "IBM866": "cp866", "IBM862": "cp862",
    "IBM737": "cp737", "IBM775": "cp775", "IBM857": "cp857", "IBM865": "cp865",
    "macintosh": "mac_roman", "x-mac-ce": "mac_latin2", "x-mac-cyrillic": "mac_cyrillic",
    "GBK": "gbk", "gb18030": "gb18030", "Big5": "big5hkscs", "Shift_JIS": "cp932",
    "EUC-JP": "euc_jp", "EUC-KR": "cp949", "UTF-8": "utf-8",
}


def main():
    if not os.path.exists(BIN):
        sys.exit(f"{BIN} missing: run cargo build --release first")
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for f in sorted(glob.glob(os.path.join(ROOT, "tests/data/uchardet/*/utf-8.txt"))):
            lang = f.split(os.sep)[-2]
            text = open(f, encoding="utf-8").read()
            if text.isascii():
                continue
            for enc in ENCODINGS:
                try:
                    data = text.encode(enc)
                except UnicodeEncodeError:
                    continue
                p = os.path.join(tmp, f"{lang}.{enc}")
                open(p, "wb").write(data)
                paths.append(p)
        out = subprocess.run([BIN, "detect", "--json", *paths], capture_output=True, text=True)
        ok, wrong = 0, []
        for line in out.stdout.splitlines():
            o = json.loads(line)
            p = o["path"]
            data = open(p, "rb").read()
            truth = data.decode(p.rsplit(".", 1)[1])
            got = o.get("encoding")
            try:
                same = got in PY and data.decode(PY[got]) == truth
            except UnicodeDecodeError:
                same = False
            if same:
                ok += 1
            else:
                wrong.append(f"{os.path.basename(p)} -> {got}")
        print(f"correct: {ok} / {len(paths)} ({100 * ok / len(paths):.1f}%)")
        print("wrong:", ", ".join(wrong))


if __name__ == "__main__":
    main()
