"""ftfy's test cases (python/tests/data/ftfy/, by Robyn Speer, Apache-2.0; see SOURCE.md there)
and the list of `pass` cases that textmend's ftfy preset does not meet yet.

Run `python tests/ftfy_cases.py --update` (with the textmend wheel installed) to rewrite
`data/ftfy-expected-failures.txt` from the current engine: the list shrinks as the engine
learns, and the tests then hold every case it meets.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

DATA = Path(__file__).parent / "data"
FAILURES = DATA / "ftfy-expected-failures.txt"


def cases() -> list[dict]:
    """Every case, with `id` = `<file stem>:<index>` added."""
    out = []
    for path in sorted((DATA / "ftfy").glob("*.json")):
        for i, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            out.append({**case, "id": f"{path.stem}:{i}"})
    return out


def expected_failures() -> set[str]:
    """Ids of `pass` cases the ftfy preset is known not to meet (one per line, `#` comments)."""
    lines = FAILURES.read_text(encoding="utf-8").splitlines()
    return {l.split("#")[0].strip() for l in lines if l.split("#")[0].strip()}


def update() -> None:
    import textmend

    header = [
        "# ftfy `pass` cases whose `fixed` textmend.fix_text(original, preset=\"ftfy\") does not",
        "# produce yet, as <file>:<index> (index in the JSON array). Generated from the engine by",
        "# `python tests/ftfy_cases.py --update`; test_ftfy_cases.py marks these xfail (not",
        "# strict) and holds every other `pass` case exactly.",
    ]
    rows = []
    for case in cases():
        if case["expect"] != "pass":
            continue
        if textmend.fix_text(case["original"], preset="ftfy") != case["fixed"]:
            rows.append(f"{case['id']}  # {case['label'][:70]}")
    FAILURES.write_text("\n".join(header + rows) + "\n", encoding="utf-8")
    n = sum(c["expect"] == "pass" for c in cases())
    print(f"{n - len(rows)} of {n} pass cases met; {len(rows)} listed in {FAILURES}")


if __name__ == "__main__" and sys.argv[1:] == ["--update"]:
    update()
