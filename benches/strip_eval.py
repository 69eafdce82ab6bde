#!/usr/bin/env python3
"""Evaluate chrome stripping on the article-extraction benchmark pages (../shared/eval/aeb).

usage: python3 benches/strip_eval.py [--aeb DIR] [--bin PATH]

Runs `textmend clean` over the 181 flattened pages twice, into temporary directories:
  per page: `textmend clean --no-learn --out-dir OUT PAGES/` (no batch learning)
  batch:    pages laid out one directory per site (host of the page's URL from
            ground-truth.json), then `textmend clean --out-dir OUT SITES/` (learns
            boilerplate per directory in a first pass, strips in a second)
then scores each with the benchmark's own score.py, and prints the figures and the
throughput of `textmend clean` over the pages (input MB / CPU seconds of the single-threaded
process, best of five runs). Build first: cargo build --release.
"""
import argparse, json, os, pathlib, resource, shutil, subprocess, sys, tempfile, time
from urllib.parse import urlparse

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run_clean(binary, args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(binary), "clean", *map(str, args)], check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def speed_run(binary, files):
    """CPU seconds of one `textmend clean -j1 FILES > /dev/null`: one worker thread, which the
    calling thread is (one core's figure; with more threads, handing documents over costs CPU)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.devnull, "wb") as null:
        subprocess.run([str(binary), "clean", "-j1", *map(str, files)], check=True, stdout=null)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def score(aeb, pred):
    out = subprocess.run([sys.executable, str(aeb / "score.py"), str(pred)], check=True,
                         capture_output=True, text=True).stdout.strip()
    return out


def main():
    ap = argparse.ArgumentParser()
    # ../shared from the repository root; a worktree one level deeper looks one level up too.
    candidates = [ROOT.parent / "shared" / "eval" / "aeb", ROOT.parent.parent / "shared" / "eval" / "aeb"]
    default = next((c for c in candidates if c.is_dir()), candidates[0])
    ap.add_argument("--aeb", default=str(default))
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "textmend"))
    a = ap.parse_args()
    aeb, binary = pathlib.Path(a.aeb), pathlib.Path(a.bin)
    if not (aeb / "text").is_dir() or not (aeb / "score.py").is_file():
        print(f"strip_eval: benchmark data not found at {aeb} (expected text/ and score.py);"
              " nothing measured", file=sys.stderr)
        return 2
    if not binary.is_file():
        print(f"strip_eval: {binary} not found; run `cargo build --release` first", file=sys.stderr)
        return 2
    gold = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((aeb / "text").glob("*.txt"))
    size = sum(p.stat().st_size for p in pages)
    with tempfile.TemporaryDirectory(prefix="strip-eval-") as tmp:
        tmp = pathlib.Path(tmp)
        flat, sites = tmp / "pages", tmp / "sites"
        flat.mkdir()
        for p in pages:
            shutil.copy(p, flat / p.name)
            host = urlparse(gold.get(p.stem, {}).get("url", "")).hostname or "unknown"
            (sites / host).mkdir(parents=True, exist_ok=True)
            shutil.copy(p, sites / host / p.name)
        print(f"pages {len(pages)}, {size / 1e6:.2f} MB, {len(list(sites.iterdir()))} sites")
        print("keep everything:   ", score(aeb, flat))
        out = tmp / "per-page"
        run_clean(binary, ["--no-learn", "--out-dir", out, flat])
        print("textmend per page: ", score(aeb, out))
        # Throughput: the pipeline alone (all pages to /dev/null, no per-file writes), best of 5.
        files = sorted(flat.glob("*.txt"))
        best = min(speed_run(binary, files) for _ in range(5))
        print(f"  speed: {size / 1e6 / best:.1f} MB/s on one core "
              f"(`textmend clean -j1` of the {len(files)} pages to /dev/null: {best * 1000:.0f} ms CPU, best of 5)")
        out = tmp / "batch"
        counts = tmp / "counts.json"
        wall, cpu = run_clean(binary, ["--boilerplate-out", counts, "--out-dir", out, sites])
        pred = tmp / "batch-flat"
        pred.mkdir()
        for f in out.rglob("*.txt"):
            shutil.copy(f, pred / f.name)
        print("textmend batch:    ", score(aeb, pred))
        print(f"  speed (two passes): {size / 1e6 / cpu:.1f} MB/s CPU ({cpu:.2f} s CPU, {wall:.2f} s wall)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
