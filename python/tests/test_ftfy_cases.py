"""ftfy's own test cases through the binding (data: Robyn Speer's ftfy, Apache-2.0, copied
unmodified into data/ftfy/ with its LICENSE.txt and SOURCE.md).

Every `pass` case must give ftfy's `fixed` with `preset="ftfy"`, except those listed in
data/ftfy-expected-failures.txt (generated from the engine; see ftfy_cases.py), which are
xfail, not strict, so that engine improvements only shrink the list.
"""

import pytest

import textmend
from ftfy_cases import cases, expected_failures

CASES = cases()
FAILURES = expected_failures()


def params(kind):
    out = []
    for c in CASES:
        if c["expect"] != kind:
            continue
        marks = []
        if c["id"] in FAILURES:
            marks.append(pytest.mark.xfail(reason="listed in ftfy-expected-failures.txt", strict=False))
        out.append(pytest.param(c, id=c["id"], marks=marks))
    return out


def test_failure_list_names_real_pass_cases():
    pass_ids = {c["id"] for c in CASES if c["expect"] == "pass"}
    assert FAILURES <= pass_ids


@pytest.mark.parametrize("case", params("pass"))
def test_ftfy_pass_case(case):
    assert textmend.fix_text(case["original"], preset="ftfy") == case["fixed"], case["label"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_explanation_replays_to_the_output(case):
    """fix_and_explain's changes, applied pass by pass to the input, give the output."""
    text, changes = textmend.fix_and_explain(case["original"], preset="ftfy")
    assert text == textmend.fix_text(case["original"], preset="ftfy")
    assert replay(case["original"], changes) == text


def replay(text, changes):
    data = text.encode("utf-8")
    passes = {}
    for c in changes:
        passes.setdefault(c.pass_, []).append(c)
    for n in sorted(passes):
        out, pos = b"", 0
        for c in sorted(passes[n], key=lambda c: c.start):
            assert data[c.start : c.end] == c.before.encode("utf-8")
            out += data[pos : c.start] + c.after.encode("utf-8")
            pos = c.end
        data = out + data[pos:]
    return data.decode("utf-8")
