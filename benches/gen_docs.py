#!/usr/bin/env python3
"""Generate N small documents for the batch benchmark: short multilingual pages with a line of
chrome, a third of them damaged (UTF-8 read as windows-1252, or GBK punctuation read as Latin-1).

usage: gen_docs.py N OUT_DIR [--jsonl FILE]
"""
import os
import random
import sys

SENTENCES = [
    "The council approved the plan on Tuesday after a long debate.",
    "Die Stadt schätzt die Kosten auf rund vier Millionen Euro.",
    "Le musée rouvrira ses portes au public la semaine prochaine.",
    "El nuevo puente conectará los dos barrios del río.",
    "Новая библиотека работает ежедневно с девяти до девяти.",
    "研究人员发现了一种高效、低成本的新型催化剂。",
    "今日は東京で新しい展示会が始まりました。",
    "Πολλοί επισκέπτες ήρθαν στο φεστιβάλ φέτος.",
    "Yeni köprü iki mahalleyi birbirine bağlayacak.",
    "Cây cầu mới sẽ nối hai khu phố bên sông.",
]


def damage(text, rng):
    kind = rng.random()
    if kind < 0.5:
        return text.encode("utf-8").decode("windows-1252", errors="replace")
    return text.replace("’", "’".encode("gbk").decode("latin-1"))


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    jsonl = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--jsonl" else None
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    records = []
    for i in range(n):
        body = "\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 6)))
        body = f"Home > News > Item {i}\nIt’s item {i}.\n{body}\nCopyright 2024 Example. All rights reserved.\n"
        if i % 3 == 0:
            body = damage(body, rng)
        sub = os.path.join(out, f"{i // 1000:03d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"{i}.txt"), "w", encoding="utf-8") as f:
            f.write(body)
        if jsonl:
            import json
            records.append(json.dumps({"id": i, "text": body}, ensure_ascii=False))
    if jsonl:
        with open(jsonl, "w", encoding="utf-8") as f:
            f.write("\n".join(records) + "\n")


main()
