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

# best LABEL DOCS BYTES ARGS...: best of $REPS runs of `textmend ARGS` (stdout to /dev/null)
# with one thread and with two: `@J@` in LABEL and ARGS becomes 1 or 2, and the runs of the
# two alternate (1, 2, 1, 2...) so that the state of the machine and of the file system
# weighs on both alike. `@OUT@` in ARGS becomes a new directory on every run (`@SHM@` one on
# tmpfs); outputs are deleted only at the end, because deleting many files just before a run
# slows creating files on an ext4 file system without a journal (the inode allocator skips
# inodes freed in the last minute or five).
best() {
    python3 - "$BIN" "$WORK" "$REPS" "$@" <<'PY'
import os, resource, subprocess, sys, time
binary, work, reps, label, docs, size, *args = sys.argv[1:]
reps, docs, size = int(reps), int(docs), int(size)
runs = {1: [], 2: []}
for rep in range(reps):
    for j in (1, 2):
        stamp = time.monotonic_ns()
        argv = [a.replace("@OUT@", os.path.join(work, f"out-{stamp}"))
                 .replace("@SHM@", f"/dev/shm/textmend-bench-{os.getpid()}-{stamp}")
                 .replace("@J@", str(j)) for a in args]
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
        runs[j].append((wall, cpu, rss, os.getloadavg()[0]))
for j in (1, 2):
    wall, cpu, rss, load = min(runs[j])
    print(f"| {label.replace('@J@', str(j))} | {docs:,} | {size/1e6:.1f} | {wall:.2f} | {cpu:.2f} | "
          f"{docs/wall:,.0f} | {size/1e6/wall:.1f} | {rss:.0f} | {load:.1f} |", flush=True)
PY
}

clear_outputs() { rm -rf "$WORK"/out-* /dev/shm/textmend-bench-*; }
trap 'rm -rf "$WORK" /dev/shm/textmend-bench-*' EXIT

echo "| run | documents | MB | wall s | CPU s | documents/s | MB/s | peak RSS (MB) | load |"
echo "|---|---|---|---|---|---|---|---|---|"
if [ -d "$AEB" ]; then
    n=$(ls "$AEB" | wc -l); b=$(cat "$AEB"/* | wc -c)
    best "aeb text pages, clean --out-dir, -j@J@" "$n" "$b" clean -q -j@J@ --out-dir @OUT@ "$AEB"
    clear_outputs
else
    echo "(aeb pages absent: ../shared/eval/aeb/text not found; skipping the 181 real pages)" >&2
fi
for n in 10000 100000; do
    python3 benches/gen_docs.py $n "$WORK/gen$n" --jsonl "$WORK/gen$n.jsonl"
    b=$(du -sb --apparent-size "$WORK/gen$n" | cut -f1)
    best "generated files, clean --out-dir, -j@J@" $n "$b" clean -q -j@J@ --out-dir @OUT@ "$WORK/gen$n"
    clear_outputs
    # The same with the output on tmpfs: without the file system's own cost of creating files
    # (this machine's root is ext4 without a journal, whose inode allocator skips recently
    # freed inodes), what is left is textmend's scaling.
    if [ "$n" = 100000 ] && [ -d /dev/shm ]; then
        best "generated files, clean --out-dir on tmpfs, -j@J@" $n "$b" clean -q -j@J@ --out-dir @SHM@ "$WORK/gen$n"
        clear_outputs
    fi
    jb=$(wc -c <"$WORK/gen$n.jsonl")
    best "generated JSONL, clean --jsonl, -j@J@" $n "$jb" clean -q -j@J@ --jsonl "$WORK/gen$n.jsonl"
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
