#!/usr/bin/env python3
"""Main-content extraction: textmend against trafilatura on the article-extraction benchmark.

usage: python3 benches/html_eval.py [--aeb DIR] [--textmend PATH] [--keep DIR] [--no-trafilatura]

Runs both extractors on the same pages in the same run and prints, for each, the benchmark's
F1 (its own score.py) and pages per second. Both are timed in-process over pages already
decompressed into memory, one page at a time on one thread: textmend by its html_batch example
(`textmend::process` in Clean mode, the same code as `textmend clean`), trafilatura by
`trafilatura.extract`. Pages per second are given by wall-clock time and by CPU time (the
latter is steadier on a shared machine).

The benchmark lives outside the repository, in ../shared/eval/aeb (relative to the work tree's
parent) or wherever --aeb points; when it is absent the script says so and exits with status 2.
Needs `pip install trafilatura lxml_html_clean` for the trafilatura side (else it is skipped,
with a message). Build first: `cargo build --release --examples`.
"""
import argparse
import gzip
import resource
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def default_aeb():
    for cand in [ROOT.parent / "shared/eval/aeb", ROOT.parent.parent / "shared/eval/aeb",
                 pathlib.Path("/work/shared/eval/aeb")]:
        if (cand / "score.py").exists():
            return cand
    return ROOT.parent / "shared/eval/aeb"


def score(aeb, pred_dir):
    out = subprocess.run([sys.executable, str(aeb / "score.py"), str(pred_dir)],
                         capture_output=True, text=True, check=True).stdout.strip()
    return out


def run_textmend(exe, pages, work, fmt):
    """Run the html_batch example: it times textmend::process over the pages in memory."""
    src = work / "pages"
    src.mkdir()
    for pid, raw in pages:
        (src / f"{pid}.html").write_bytes(raw)
    d = work / "textmend"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run([str(exe), str(src), str(d), fmt], check=True, capture_output=True,
                         text=True).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = float(out.split("seconds")[1])
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return d, wall, cpu


def run_trafilatura(pages, work):
    try:
        import trafilatura
    except ImportError as e:
        print(f"trafilatura not available ({e}); pip install trafilatura lxml_html_clean")
        return None, None, None
    d = work / "trafilatura"
    d.mkdir()
    texts = [raw.decode("utf-8", errors="replace") for _, raw in pages]
    c = time.process_time()
    t = time.perf_counter()
    results = [trafilatura.extract(h) or "" for h in texts]
    dt = time.perf_counter() - t
    cpu = time.process_time() - c
    for (pid, _), r in zip(pages, results):
        (d / f"{pid}.txt").write_text(r, encoding="utf-8")
    return d, dt, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aeb", type=pathlib.Path, default=None)
    ap.add_argument("--batch", type=pathlib.Path,
                    default=ROOT / "target/release/examples/html_batch",
                    help="the html_batch example binary (cargo build --release --examples)")
    ap.add_argument("--keep", type=pathlib.Path, help="copy the outputs into this directory")
    ap.add_argument("--no-trafilatura", action="store_true")
    ap.add_argument("--format", default="text", choices=["text", "markdown", "html"])
    args = ap.parse_args()
    aeb = args.aeb or default_aeb()
    if not (aeb / "score.py").exists() or not (aeb / "html").is_dir():
        print(f"benchmark data absent: {aeb} (expected score.py and html/*.html.gz there); "
              "nothing measured")
        sys.exit(2)
    if not args.batch.exists():
        print(f"{args.batch} not found: run `cargo build --release --examples` first")
        sys.exit(2)
    pages = sorted((f.name[:-len(".html.gz")], gzip.decompress(f.read_bytes()))
                   for f in (aeb / "html").glob("*.html.gz"))
    print(f"{len(pages)} pages from {aeb}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        rows.append(("textmend", *run_textmend(args.batch, pages, work, args.format)))
        if not args.no_trafilatura:
            row = run_trafilatura(pages, work)
            if row[0] is not None:
                rows.append(("trafilatura", *row))
        n = len(pages)
        for name, d, wall, cpu in rows:
            print(f"{name:12} {score(aeb, d)}  {n / wall:7.1f} pages/s wall  "
                  f"{n / cpu:7.1f} pages/s cpu")
            if args.keep:
                shutil.copytree(d, args.keep / name, dirs_exist_ok=True)
    if len(rows) == 2:
        print(f"speed ratio textmend/trafilatura: {rows[1][2] / rows[0][2]:.1f}x wall, "
              f"{rows[1][3] / rows[0][3]:.1f}x cpu")


if __name__ == "__main__":
    main()
