#!/usr/bin/env python3
"""Write tests/data/legacy/short-cjk-lines.tsv: English lines of my own holding one short
Japanese or Chinese name or address (two kanji, a Taiwanese street address), each written in
Shift_JIS or Big5 and read as windows-1252 or Latin-1 with Python's codecs.

Columns: true encoding, read as, the line, the damaged line (C1 controls as they are).
Lines that an encoding cannot write, or whose bytes the reading leaves undefined, are left out.

    python3 scripts/gen_short_cjk_lines.py
"""

import os

NAMES_JA = ["中村", "中野", "中島", "中川", "山田", "山口", "山下", "田中", "田村", "村上",
            "森田", "林", "森", "上田", "本田", "松田", "大野", "大西", "石田", "野口",
            "佐藤", "高橋", "斎藤", "小林", "近藤", "山崎"]
NAMES_ZH = ["陳", "林", "張", "黃", "吳", "周", "徐", "孫", "馬", "朱"]
ADDRESSES_JA = ["東京都港区芝公園4丁目2番8号", "大阪市北区梅田3丁目1番1号",
                "札幌市中央区北1条西2丁目", "福岡市博多区博多駅前2丁目1番1号"]
ADDRESSES_TW = ["台北市中山區民生東路2段45號", "新北市板橋區文化路1段88號3樓",
                "台中市西區公益路68號之2", "高雄市前金區中正四路211號"]
TEMPLATES = [
    "Please ask {} at the front desk.",
    "Invoice 2041 was signed by {} on Monday.",
    "Ship to: {}, attn. Receiving",
    "Tel. 555-0142 ({})",
    "The author, {}, replied the same day.",
]
PAIRS = [("shift_jis", "cp1252"), ("shift_jis", "latin-1"),
         ("big5", "cp1252"), ("big5", "latin-1")]


def damaged(line, true, read):
    try:
        out = line.encode(true).decode(read)
    except UnicodeError:
        return None
    if out == line or any(c in out for c in "\n\r\x85\u2028\u2029\t"):
        return None
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "tests", "data", "legacy", "short-cjk-lines.tsv")
    rows = []
    for true, read in PAIRS:
        if true == "shift_jis":
            fields = NAMES_JA + ADDRESSES_JA + ADDRESSES_TW
        else:
            fields = NAMES_ZH + NAMES_JA + ADDRESSES_TW
        for i, field in enumerate(fields):
            line = TEMPLATES[i % len(TEMPLATES)].format(field)
            d = damaged(line, true, read)
            if d is not None:
                rows.append((true, read, line, d))
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(rows)} lines written to {os.path.normpath(path)}")


if __name__ == "__main__":
    main()
