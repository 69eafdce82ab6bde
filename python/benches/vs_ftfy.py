"""Benchmark, in one Python process: textmend.fix_text against ftfy.fix_text on the same lines,
in calls per second and MB/s of UTF-8 input.

    pip install ftfy   # and the textmend wheel (bash python/ci.sh, or maturin develop)
    python python/benches/vs_ftfy.py

Line sets (each call gets one line, as `df.text.map(fix_text)` would):

- `scraped`: non-blank lines of the scraped pages in /work/shared/eval/aeb/text (the AEB
  evaluation set; skipped, with a note, when that folder is absent);
- `generated`: lines of the Spark example's generated records (menus, multilingual text, some
  GBK-as-windows-1252 mojibake), plus the repository's fixtures;
- `damaged`: the `original` strings of ftfy's test cases (nearly all need repair).

textmend runs with preset="ftfy" (ftfy's default fixes: quotes uncurled, ligatures and
fullwidth forms folded, NFC) and with its own default preset.
"""

from __future__ import annotations

import functools
import json
import platform
import random
import sys
import time
from pathlib import Path

import ftfy
import textmend

REPO = Path(__file__).resolve().parents[2]
AEB = Path("/work/shared/eval/aeb/text")


def line_sets() -> dict[str, list[str]]:
    sets = {}
    if AEB.is_dir():
        lines = []
        for p in sorted(AEB.glob("*.txt")):
            lines += [l for l in p.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
        sets["scraped"] = lines
    else:
        print(f"note: {AEB} is absent; the `scraped` set is skipped", file=sys.stderr)
    sys.path.insert(0, str(REPO / "examples" / "spark"))
    import make_records

    rng = random.Random(1)
    lines = []
    for i in range(2000):
        lines += [l for l in make_records.record(i, rng)["text"].splitlines() if l.strip()]
    for p in sorted((REPO / "fixtures").glob("*/*.in.*")):
        lines += [l for l in p.read_text(encoding="utf-8", errors="replace").splitlines() if l.strip()]
    sets["generated"] = lines
    cases = []
    for p in sorted((REPO / "python" / "tests" / "data" / "ftfy").glob("*.json")):
        cases += [c["original"] for c in json.loads(p.read_text(encoding="utf-8"))]
    sets["damaged"] = cases
    return sets


def measure(fn, lines: list[str], min_seconds: float) -> float:
    """Calls per second of `fn` over `lines`, repeated for at least `min_seconds`."""
    rounds, start = 0, time.perf_counter()
    while True:
        for l in lines:
            fn(l)
        rounds += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return rounds * len(lines) / elapsed


def main(trials: int = 5, min_seconds: float = 0.4) -> None:
    """The functions take turns, `trials` times; each one's best trial is reported (the
    machine is shared, and the best trial is the one least disturbed by other work)."""
    funcs = [
        ("ftfy.fix_text", ftfy.fix_text),
        # functools.partial, not a lambda: a Python-level wrapper would cost more than the call.
        ('textmend.fix_text(preset="ftfy")', functools.partial(textmend.fix_text, preset="ftfy")),
        ("textmend.fix_text", textmend.fix_text),
    ]
    print(f"python {platform.python_version()}, ftfy {ftfy.__version__}, textmend {textmend.__version__}")
    print(f"best of {trials} interleaved trials of >= {min_seconds} s each")
    print(f"{'set':<10} {'lines':>6} {'avg B':>6}  {'function':<33} {'calls/s':>10} {'MB/s':>7} {'vs ftfy':>8}")
    for name, lines in line_sets().items():
        size = sum(len(l.encode("utf-8")) for l in lines)
        best = [0.0] * len(funcs)
        for _ in range(trials):
            for i, (_, fn) in enumerate(funcs):
                best[i] = max(best[i], measure(fn, lines, min_seconds))
        for (label, _), calls in zip(funcs, best):
            mbs = calls * size / len(lines) / 1e6
            print(
                f"{name:<10} {len(lines):>6} {size / len(lines):>6.0f}  {label:<33} {calls:>10.0f} {mbs:>7.1f} {calls / best[0]:>7.1f}x"
            )


if __name__ == "__main__":
    main()
