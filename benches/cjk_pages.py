#!/usr/bin/env python3
"""Held-out probe: English pages of CJK sites, damaged whole (issue 4).

The English pages of Chinese, Taiwanese, Japanese and Korean sites hold curly quotes and
dashes beside the signs of the CJK encodings' symbol rows (★ ■ ● ※ ① → 【】 ￥ ℃ ×). Damaged
as the site's encoding read as Latin-1 or windows-1252, a line of such signs says little on its
own: the CJK encodings put different signs at the same two bytes. This probe builds, for each
of 60 signs, three English lines that use it (one long, one short, one with the sign alone
between digits), damages the page with Python's codecs (characters an encoding cannot write, or
writes as another character, stay as they are) and runs `textmend fix` on the page as one
document and on each line as a document of its own (`--jsonl`). A line counts as restored
when it comes back exactly.

    python3 benches/cjk_pages.py target/release/textmend

Python's `big5` codec follows an older table than the WHATWG one encoding_rs and browsers use
for 0xC6A1–0xC8FE (`①` is 0xC7E9 in Python, `ロ` in WHATWG): the signs whose bytes the two
read differently are left out of the Big5 pages.
"""
import json
import os
import subprocess
import sys
import tempfile

SIGNS = ("★☆●○■□▲△◆◇→←↑↓×÷±°§№※①②③ⅠⅡ℃￥＃＆＊＠…—–‘’“”·、。「」『』【】《》〈〉〔〕〖〗")
PAIRS = [(enc, read) for enc in ("gbk", "big5", "shift_jis", "euc_jp", "euc_kr")
         for read in ("latin-1", "cp1252")]


def page():
    lines = []
    for s in SIGNS:
        lines.append(f"Rated {s} by readers, the “new” model’s price is 5 {s} 3 — see the notes.")
        lines.append(f"{s} Note: it’s the best one.")
        lines.append(f"Total: 3{s}4 items")
    return lines


def damage(line, enc, read):
    """`line` with each character `enc` writes as itself in two bytes read as `read`."""
    out = []
    for c in line:
        try:
            b = c.encode(enc)
            if b.decode(enc) != c or len(b) == 1:
                raise UnicodeError
            if enc == "big5" and b.decode("big5hkscs") != c:
                raise UnicodeError
            out.append(b.decode(read))
        except UnicodeError:
            out.append(c)
    return "".join(out)


def run(binary, args, data):
    return subprocess.run([binary, "fix", *args], input=data, capture_output=True,
                          check=True).stdout.decode("utf-8")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/textmend"
    if not os.path.exists(binary):
        sys.exit(f"{binary} not found: cargo build --release first")
    lines = page()
    print("| true -> read as | damaged lines | restored (the page) | changed wrongly | "
          "restored (each line alone) |")
    print("|---|---|---|---|---|")
    total = [0, 0, 0, 0]
    for enc, read in PAIRS:
        pairs = [(l, damage(l, enc, read)) for l in lines]
        pairs = [(l, d) for l, d in pairs if d != l]
        if not pairs:
            continue
        whole = run(binary, [], ("\n".join(d for _, d in pairs) + "\n").encode()).split("\n")
        jsonl = "".join(json.dumps({"text": d}) + "\n" for _, d in pairs).encode()
        alone = [json.loads(r)["text"] for r in run(binary, ["--jsonl"], jsonl).splitlines()]
        ok = sum(g == l for g, (l, _) in zip(whole, pairs))
        wrong = sum(g != l and g != d for g, (l, d) in zip(whole, pairs))
        ok_alone = sum(g == l for g, (l, _) in zip(alone, pairs))
        for k, v in enumerate([len(pairs), ok, wrong, ok_alone]):
            total[k] += v
        print(f"| {enc} -> {read} | {len(pairs)} | {ok} | {wrong} | {ok_alone} |")
    print(f"| all | {total[0]} | {total[1]} ({100 * total[1] / total[0]:.1f}%) | {total[2]} | "
          f"{total[3]} ({100 * total[3] / total[0]:.1f}%) |")


if __name__ == "__main__":
    main()
