#!/usr/bin/env bash
# Batch throughput and memory: documents/s and MB/s on 1 and 2 threads, peak RSS.
#   bash benches/batch.sh            (from the repository root)
# Uses ../shared/eval/aeb/text (181 real pages) when present, and generated documents.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/textmend
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# run LABEL ARGS...: wall time and peak RSS of one textmend run (GNU time), throughput.
run() {
    local label=$1 docs=$2 bytes=$3
    shift 3
    /usr/bin/time -f '%e %M' -o "$WORK/time" "$BIN" "$@" >/dev/null 2>"$WORK/err" || true
    read -r secs kb <"$WORK/time"
    python3 - "$label" "$docs" "$bytes" "$secs" "$kb" <<'PY'
import sys
label, docs, b, secs, kb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
secs = max(secs, 0.001)
print(f"| {label} | {docs} | {b/1e6:.1f} | {secs:.2f} | {docs/secs:,.0f} | {b/1e6/secs:.1f} | {kb/1024:.0f} |")
PY
}

echo "| run | documents | MB | seconds | documents/s | MB/s | peak RSS (MB) |"
echo "|---|---|---|---|---|---|---|"
AEB=../shared/eval/aeb/text
if [ -d "$AEB" ]; then
    n=$(ls "$AEB" | wc -l); b=$(cat "$AEB"/* | wc -c)
    for j in 1 2; do run "aeb text pages, clean, -j$j" "$n" "$b" clean -q -j$j --out-dir "$WORK/aeb$j" "$AEB"; done
else
    echo "(../shared/eval/aeb is absent: skipping the 181 real pages)" >&2
fi
for n in 10000 100000; do
    python3 benches/gen_docs.py $n "$WORK/gen$n" --jsonl "$WORK/gen$n.jsonl"
    b=$(du -sb --apparent-size "$WORK/gen$n" | cut -f1)
    for j in 1 2; do
        run "generated files, clean, -j$j" $n "$b" clean -q -j$j --out-dir "$WORK/out$n-$j" "$WORK/gen$n"
        rm -rf "$WORK/out$n-$j"
    done
    jb=$(wc -c <"$WORK/gen$n.jsonl")
    for j in 1 2; do run "generated JSONL, clean, -j$j" $n "$jb" clean -q -j$j --jsonl "$WORK/gen$n.jsonl"; done
    rm -rf "$WORK/gen$n" "$WORK/gen$n.jsonl"
done
