"""Generate a deterministic batch of scraped-page records (JSON Lines) for the Spark example and
its test: pages of a dozen sites, each with the site's own menu, cookie notice and footer
(boilerplate to learn across the batch), page chrome, mojibake, and text in several languages.

    python examples/spark/make_records.py 3000 > records.jsonl
"""

from __future__ import annotations

import json
import random
import sys

WORDS = {
    "en": "the river rose two metres overnight and residents of the valley were told to leave their homes before dawn".split(),
    "de": "der Fluss stieg über Nacht um zwei Meter und die Bewohner des Tals mussten ihre Häuser verlassen".split(),
    "ru": "река поднялась за ночь на два метра и жителей долины попросили покинуть свои дома до рассвета".split(),
    "fr": "la rivière est montée de deux mètres pendant la nuit et les habitants ont dû quitter leurs maisons".split(),
}
CHINESE = ["河水一夜之间上涨了两米。", "山谷里的居民被要求在黎明前离开家园。", "救援人员已经到达现场。"]


def gbk_as_1252(s: str) -> str:
    """Text encoded as GBK and decoded as windows-1252 (mojibake textmend repairs)."""
    return s.encode("gbk").decode("windows-1252", errors="replace")


def record(i: int, rng: random.Random) -> dict:
    site = rng.randrange(12)
    name = f"site{site}.example"
    lang = list(WORDS)[site % len(WORDS)]
    lines = []
    if rng.random() < 0.9:
        lines.append(f"Home | World | Business | Sport | {name.title()}")
    if rng.random() < 0.3:
        lines.append("Home > News > World")
    for _ in range(rng.randint(1, 4)):
        words = rng.sample(WORDS[lang], 8)
        sentence = " ".join(words).capitalize() + f" (report {i})."
        if rng.random() < 0.2:
            sentence = gbk_as_1252(f"People’s report {i}: ") + sentence
        lines.append(sentence)
    if site % 3 == 0:
        lines.append(rng.choice(CHINESE) + f"（{i}）")
    if rng.random() < 0.8:
        lines.append(f"We use cookies on {name} to improve your experience.")
    if i % 97 == 0:
        lines.append("Shared by two pages only.")
    if i % 101 == 0:
        lines.append("A paragraph\u2028with a line separator.")
    lines.append(f"Contact the {name} newsroom: news@{name}")
    body = "\n".join(lines) + "\n"
    if rng.random() < 0.1:
        body = body.replace("\n", "\r\n")
    return {"id": i, "url": f"https://{name}/2024/{i}.html", "text": body}


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rng = random.Random(10)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(record(i, rng), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
