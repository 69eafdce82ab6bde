#!/usr/bin/env bash
# Batch throughput and memory: documents/s and MB/s on 1 and 2 threads, CPU time, peak RSS;
# and the speed of `clean` over the 181 text pages on one core (issue 6).
#   bash benches/batch.sh            (from the repository root; REPS=5 for best of 5)
# Uses ../shared/eval/aeb/text (181 real pages) when present, and generated documents
# (benches/gen_docs.py). Each figure is the best of $REPS runs (by wall time), with the CPU
# seconds of that run and the load average when it ran: the machine may be shared, and wall
# time only shows scaling when the cores are free (CPU seconds = wall seconds x threads busy).
set -euo pipefail
cd "$(dirname "$0")/.."
# TEXTMEND_BIN=path measures another build (e.g. the previous release) with the same script.
if [ -n "${TEXTMEND_BIN:-}" ]; then
    BIN=$(realpath "$TEXTMEND_BIN")
else
    cargo build --release --quiet
    BIN=$PWD/target/release/textmend
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
REPS=${REPS:-3}
AEB=../shared/eval/aeb/text
[ -d "$AEB" ] || AEB=../../shared/eval/aeb/text

# best LABEL DOCS BYTES ARGS...: best of $REPS runs of `textmend ARGS` (stdout to /dev/null).
# `@OUT@` in ARGS becomes a new directory on every run; outputs are deleted only at the end,
# because deleting many files just before a run slows creating files on an ext4 file system
# without a journal (the inode allocator skips inodes freed in the last seconds to minutes).
best() {
    python3 - "$BIN" "$WORK" "$REPS" "$@" <<'PY'
import os, resource, subprocess, sys, time
binary, work, reps, label, docs, size, *args = sys.argv[1:]
reps, docs, size = int(reps), int(docs), int(size)
runs = []
for rep in range(reps):
    argv = [a.replace("@OUT@", os.path.join(work, f"out-{time.monotonic_ns()}")) for a in args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(work, "rss"), binary, *argv],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        sys.exit(f"textmend {' '.join(argv)} failed: {p.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = int(open(os.path.join(work, "rss")).read().split()[-1]) / 1024
    runs.append((wall, cpu, rss, os.getloadavg()[0]))
wall, cpu, rss, load = min(runs)
print(f"| {label} | {docs:,} | {size/1e6:.1f} | {wall:.2f} | {cpu:.2f} | {docs/wall:,.0f} | "
      f"{size/1e6/wall:.1f} | {rss:.0f} | {load:.1f} |", flush=True)
PY
}

clear_outputs() { rm -rf "$WORK"/out-*; }

echo "| run | documents | MB | wall s | CPU s | documents/s | MB/s | peak RSS (MB) | load |"
echo "|---|---|---|---|---|---|---|---|---|"
if [ -d "$AEB" ]; then
    n=$(ls "$AEB" | wc -l); b=$(cat "$AEB"/* | wc -c)
    for j in 1 2; do best "aeb text pages, clean --out-dir, -j$j" "$n" "$b" clean -q -j$j --out-dir @OUT@ "$AEB"; done
    clear_outputs
else
    echo "(aeb pages absent: ../shared/eval/aeb/text not found; skipping the 181 real pages)" >&2
fi
for n in 10000 100000; do
    python3 benches/gen_docs.py $n "$WORK/gen$n" --jsonl "$WORK/gen$n.jsonl"
    b=$(du -sb --apparent-size "$WORK/gen$n" | cut -f1)
    for j in 1 2; do
        best "generated files, clean --out-dir, -j$j" $n "$b" clean -q -j$j --out-dir @OUT@ "$WORK/gen$n"
    done
    clear_outputs
    jb=$(wc -c <"$WORK/gen$n.jsonl")
    for j in 1 2; do best "generated JSONL, clean --jsonl, -j$j" $n "$jb" clean -q -j$j --jsonl "$WORK/gen$n.jsonl"; done
    rm -rf "$WORK/gen$n" "$WORK/gen$n.jsonl"
done

# Issue 6: `clean` over the 181 text pages on one core, MB per CPU second (the pipeline: all
# pages to /dev/null in one process, one worker thread, no per-file writes), best of 5.
if [ -d "$AEB" ]; then
    python3 - "$BIN" "$AEB" <<'PY'
import os, pathlib, resource, subprocess, sys
binary, aeb = sys.argv[1], pathlib.Path(sys.argv[2])
files = sorted(str(p) for p in aeb.glob("*.txt"))
size = sum(os.path.getsize(f) for f in files)
cpus = []
for _ in range(5):
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([binary, "clean", "-j1", *files], stdout=subprocess.DEVNULL, check=True)
    a = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(a.ru_utime - b.ru_utime + a.ru_stime - b.ru_stime)
cpu = min(cpus)
print(f"\nclean of the {len(files)} aeb text pages on one core (-j1, to /dev/null): "
      f"{size/1e6/cpu:.1f} MB/s ({size/1e6:.2f} MB in {cpu*1000:.0f} ms CPU, best of 5; load {os.getloadavg()[0]:.1f})")
PY
else
    echo "(aeb pages absent: no one-core clean figure)" >&2
fi
