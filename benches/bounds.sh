#!/usr/bin/env bash
# Resource bounds of textmend: builds inputs meant to be large or slow in a temporary
# directory, runs the release binary on each at size n and 10n, and prints CPU time
# (user+sys), throughput and peak RSS (GNU time -v) per run. Time must grow linearly: the
# `x` column is CPU(10n)/CPU(n) and should be near 10.
#
# usage: benches/bounds.sh [--quick] [--only NAME]   (build first: cargo build --release)
#   --quick   sizes divided by 10 (about a minute), for a smoke run
#   --only    run the cases whose name contains NAME
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${TEXTMEND:-$ROOT/target/release/textmend}
DIV=1 ONLY=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) DIV=10 ;;
    --only) ONLY=$2; shift ;;
    *) echo "usage: $0 [--quick] [--only NAME]" >&2; exit 2 ;;
  esac
  shift
done
[ -x "$BIN" ] || { echo "bounds: $BIN not found; run cargo build --release" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bounds: needs GNU time at /usr/bin/time" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/textmend-bounds.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# gen KIND N FILE: write input KIND of size parameter N to FILE (python3, streamed).
gen() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, sys
kind, n, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def chunks(piece, total, sep=""):
    """`piece` repeated to about `total` bytes, written in 1 MB blocks."""
    block = piece * max(1, min(total, 1 << 20) // len(piece.encode()))
    b = block.encode()
    with open(path, "wb") as f:
        written = 0
        while written < total:
            f.write(b)
            written += len(b)
        f.write(sep.encode())
if kind == "line":        # one line of prose with mojibake every few words, no line break
    chunks("The cafÃ© opened at nine â€” â€œquietlyâ€\x9d, said the owner. Plain words follow here. ", n)
elif kind == "lines":     # lines of prose, one in ten with mojibake
    chunks("The council approved the plan on Tuesday, after a long debate.\n" * 9
           + "The cafÃ© opened at nine â€” â€œquietlyâ€\x9d, said the owner.\n", n)
elif kind == "A-tilde":   # Ã repeated: a mojibake lead byte with nothing to pair with
    open(path, "w").write("Ã" * n)
elif kind == "mojibake-run":  # a run of characters that all look like mojibake
    chunks("ÃƒÂ©Ã¢â‚¬Å“Ã‚Â", n * 2)
elif kind == "amp":       # &amp; repeated on one line
    open(path, "w").write("&amp;" * n + "\n")
elif kind == "separators":  # lines of separators and menu bars
    chunks("----------------------------------------\n| Home | News | Sport | Weather |\n=========\n", n)
elif kind == "menu-line":  # one very long menu-like line, no newline (strip)
    chunks("Home | News | Sport > World >> Share Tweet Email © 2024 ", n)
elif kind == "html-deep":  # <div> nested n levels deep
    with open(path, "w") as f:
        f.write("<!doctype html><html><body>" + "<div>" * n + "<p>Deep text, long enough to be content.</p>" + "</div>" * n + "</body></html>")
elif kind == "json-deep":  # one JSON Lines record whose text field is nested n arrays deep
    with open(path, "w") as f:
        f.write('{"text": "caf\u00c3\u00a9 ok"}\n{"text": ' + "[" * n + "]" * n + '}\n{"text": "fine"}\n')
elif kind == "files":      # a directory of n tiny files, 100 per subdirectory
    os.makedirs(path)
    for i in range(n):
        d = os.path.join(path, str(i // 100))
        if i % 100 == 0:
            os.makedirs(d)
        with open(os.path.join(d, f"{i}.txt"), "w") as f:
            f.write("Caf\u00c3\u00a9 n\u00c2\u00b0%d\n" % i if i % 10 == 0 else "plain line %d\n" % i)
else:
    sys.exit("unknown kind " + kind)
PY
}

printf '%-34s %12s %9s %9s %9s %9s %5s %5s\n' case n "input MB" "CPU s" "MB/s" "RSS MB" x rc
# run NAME KIND N1 ARGS...: generate KIND at N1 and 10*N1, run `textmend ARGS INPUT`, print rows.
run() {
  local name=$1 kind=$2 n1=$3; shift 3
  [ -n "$ONLY" ] && [[ $name != *"$ONLY"* ]] && return 0
  n1=$((n1 / DIV)); [ "$n1" -ge 1 ] || n1=1
  local prev=""
  for n in "$n1" $((n1 * 10)); do
    local in="$TMP/$kind-$n"
    [ -e "$in" ] || gen "$kind" "$n" "$in"
    local mb
    mb=$(du -sb "$in" | awk '{printf "%.1f", $1/1e6}')
    local args=("$@") out="$TMP/out"
    rm -rf "$out"
    set +e
    /usr/bin/time -v -o "$TMP/time" "$BIN" "${args[@]//@OUT@/$out}" "$in" > /dev/null 2> "$TMP/err"
    local rc=$?
    set -e
    local cpu rss
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.2f", s}' "$TMP/time")
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$TMP/time")
    local x="" speed
    speed=$(awk -v m="$mb" -v c="$cpu" 'BEGIN {printf "%.1f", (c > 0 ? m / c : 0)}')
    [ -n "$prev" ] && x=$(awk -v a="$prev" -v b="$cpu" 'BEGIN {printf "%.1f", (a > 0 ? b / a : 0)}')
    printf '%-34s %12s %9s %9s %9s %9s %5s %5s\n' "$name" "$n" "$mb" "$cpu" "$speed" "$rss" "$x" "$rc"
    [ "$rc" -le 1 ] || sed 's/^/    /' "$TMP/err" | head -3
    prev=$cpu
    rm -rf "$out"
  done
  # Inputs stay for the next case of the same kind; the temp directory goes at exit.
}

run "100 MB line: fix"               line       10000000  fix
run "100 MB line: clean"             line       10000000  clean
run "1 GB file: fix (streamed)"      lines     100000000  fix
run "10^6 tiny files: check"         files        100000  check
run "10^6 tiny files: fix --out-dir" files        100000  fix --out-dir @OUT@
run "HTML nested 10^5 deep: clean"   html-deep     10000  clean
run "Ã x 10^7: fix"                  A-tilde     1000000  fix
run "Ã x 10^7: clean"                A-tilde     1000000  clean
run "mojibake-like run: fix"         mojibake-run 1000000 fix
run "&amp; x 10^6: fix"              amp          100000  fix
run "separator lines: clean"         separators 10000000  clean
run "menu line, no newline: clean"   menu-line  10000000  clean
run "deep JSON in JSONL: fix --jsonl" json-deep    100000  fix --jsonl
