#!/usr/bin/env python3
"""Write a ~1 GiB windows-1252 text file for measuring `textmend fix` memory and speed
(docs/decode.md). Not for the repository.

    python3 scripts/gen_big_file.py /tmp/big-1g.txt
    /usr/bin/time -v target/release/textmend fix /tmp/big-1g.txt -o /tmp/big-1g.out
"""
import sys

lines = []
for i in range(20000):
    lines.append(f"Ligne {i}: Le cœur de la ville était «animé», où l'été dure — café crème à 3,50 €.\n")
    lines.append(f"Line {i}: plain ASCII text with nothing to repair, just words and numbers {i * 7}.\n")
chunk = "".join(lines).encode("cp1252")
with open(sys.argv[1], "wb") as f:
    n = 0
    while n < (1 << 30):
        f.write(chunk)
        n += len(chunk)
print(n, "bytes")
