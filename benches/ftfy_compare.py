#!/usr/bin/env python3
"""Compare textmend's throughput with ftfy's on the same files, in the same run.

    pip install ftfy
    python3 benches/ftfy_compare.py [--ftfy-mb N]

Runs `cargo bench --bench throughput -- --data DIR` (which writes DIR/clean.txt and
DIR/damaged.txt, >= 10 MB each, built from tests/data/corpus, and DIR/prose.txt, >= 10 MB of the
uchardet corpus's UTF-8 Wikipedia texts, and prints textmend's MB/s), then
times `ftfy.fix_text` on the first N MB (default: all) of the same two files, and prints both
throughputs and the ratio for each corpus. Throughput is bytes of UTF-8 input per second of the
thread's CPU time (MB = 10^6 bytes), so that a machine shared with other work gives comparable
figures; textmend's figure is the best of several runs, ftfy's is one run.
"""
import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ftfy-mb", type=float, default=0, help="time ftfy on the first N MB only (0: all)")
    args = ap.parse_args()
    try:
        import ftfy
    except ImportError:
        sys.exit("ftfy is not installed: pip install ftfy")
    data = Path(tempfile.mkdtemp(prefix="textmend-bench-"))
    out = subprocess.run(
        ["cargo", "bench", "--bench", "throughput", "--", "--data", str(data)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    print(out, end="")
    textmend = {}
    for line in out.splitlines():
        m = re.match(r"textmend (\S+)\s+(\S+)\s+[\d.]+ MB\s+([\d.]+) MB/s", line)
        if m:
            textmend[(m.group(1), m.group(2))] = float(m.group(3))
    print(f"\nftfy {ftfy.__version__}, fix_text with its default config:")
    for corpus in ("clean", "prose", "damaged"):
        text = (data / f"{corpus}.txt").read_text(encoding="utf-8")
        if args.ftfy_mb:
            cut = text.encode("utf-8")[: int(args.ftfy_mb * 1e6)]
            text = cut.decode("utf-8", "ignore")
        size = len(text.encode("utf-8"))
        start = time.thread_time()
        ftfy.fix_text(text)
        secs = time.thread_time() - start
        mbs = size / secs / 1e6
        print(f"ftfy     {corpus:<8} {size / 1e6:6.1f} MB  {mbs:9.2f} MB/s (CPU)")
        for config in ("default", "default-no-legacy", "ftfy-preset", "encoding-only"):
            if (corpus, config) in textmend:
                t = textmend[(corpus, config)]
                print(f"  ratio textmend {config:<18} / ftfy: {t / mbs:8.1f}x")


if __name__ == "__main__":
    main()
