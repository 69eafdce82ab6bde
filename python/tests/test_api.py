"""The Python API: functions, options, types, errors, and agreement with the command line."""

import json
import os
import shutil
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest

import textmend
from ftfy_cases import cases

# GBK curly quotes read as windows-1252: the engine's first repair.
GBK_AS_1252 = "People\u00a1\u00afs Forum"


def test_fix_text_repairs_mojibake():
    assert textmend.fix_text(GBK_AS_1252) == "People\u2019s Forum"


@pytest.mark.parametrize(
    "text",
    ["plain ASCII", "Größe, café, naïve", "Привет, мир", "中文文本，没有问题。", "日本語のテキスト", "😀 emoji"],
)
def test_intact_text_comes_back_unchanged(text):
    assert textmend.fix_text(text) == text
    # Like ftfy, the ftfy preset makes fullwidth forms (the CJK comma ，) halfwidth.
    if not any("\uff01" <= c <= "\uff5e" for c in text):
        assert textmend.fix_text(text, preset="ftfy") == text


def test_fix_and_explain_names_reasons_and_plans():
    text, changes = textmend.fix_and_explain(GBK_AS_1252 + "\r\n")
    assert text == "People\u2019s Forum\n"
    reasons = [c.reason for c in changes]
    assert sorted(reasons) == ["line_break", "mojibake"]
    moji = next(c for c in changes if c.reason == "mojibake")
    assert (moji.before, moji.after, moji.stage) == ("\u00a1\u00af", "\u2019", "repair")
    assert moji.explanation == "mojibake(gbk read as windows-1252)"
    assert moji.details["name"] == "mojibake"
    assert moji.plan == moji.details["plan"] and moji.plan
    assert "mojibake" in repr(moji)


def test_fix_and_explain_of_clean_text_is_empty():
    assert textmend.fix_and_explain("nothing to do") == ("nothing to do", [])


def test_options_switch_repairs_off():
    assert textmend.fix_text("a\r\nb") == "a\nb"
    assert textmend.fix_text("a\r\nb", fix_line_breaks=False) == "a\r\nb"
    nfd = unicodedata.normalize("NFD", "café")
    assert textmend.fix_text(nfd) == "café"
    assert textmend.fix_text(nfd, normalization=None) == nfd
    assert textmend.fix_text("ﬁ", normalization="NFKC") == "fi"
    assert textmend.fix_text(GBK_AS_1252, fix_legacy=False) == GBK_AS_1252


def test_none_keeps_the_preset_value():
    assert textmend.fix_text(GBK_AS_1252, fix_legacy=None) == textmend.fix_text(GBK_AS_1252)
    assert textmend.fix_text("“q”", preset="ftfy", uncurl_quotes=None) == textmend.fix_text("“q”", preset="ftfy")


def test_unchanged_text_is_the_same_object():
    text = "Größe, café, naïve " * 3
    assert textmend.fix_text(text) is text


def test_bad_options_raise():
    with pytest.raises(TypeError):
        textmend.fix_text("x", no_such_option=True)
    with pytest.raises(ValueError):
        textmend.fix_text("x", preset="nope")
    with pytest.raises(ValueError):
        textmend.fix_text("x", normalization="NFX")
    with pytest.raises(TypeError):
        textmend.clean(42)
    with pytest.raises(TypeError):
        textmend.fix_text("x", strip_chrome=False)  # an option of clean only
    with pytest.raises(TypeError):
        textmend.fix_text("x", uncurl_quotes="yes")
    with pytest.raises(ValueError):
        textmend.fix_text("x", unescape_html="sometimes")
    assert textmend.fix_text("x", unescape_html="auto") == "x"


def test_clean_strips_chrome_and_normalizes_whitespace():
    page = "Home > News > World\n\n" + GBK_AS_1252 + " meets.  \n\n\n"
    assert textmend.clean(page) == "People\u2019s Forum meets.\n"
    kept = textmend.clean(page, strip_chrome=False, normalize_whitespace=False)
    assert kept.startswith("Home > News > World\n") and kept.endswith("  \n\n\n")


def test_clean_decodes_bytes_like_str():
    page = "Home > News > World\n\n中文文本，没有问题。今天天气很好，我们去公园散步吧。\n"
    assert textmend.clean(page.encode("gbk")) == textmend.clean(page)
    assert textmend.clean(page.encode("utf-8")) == textmend.clean(page)
    assert textmend.clean(page.encode("gbk"), encoding="gbk") == textmend.clean(page)


def test_clean_strict_rejects_invalid_bytes():
    assert "\ufffd" in textmend.clean(b"abc \xff\xfe\xfd def", encoding="utf-8")
    with pytest.raises(ValueError):
        textmend.clean(b"abc \xff def", encoding="utf-8", strict=True)


def test_detect():
    d = textmend.detect("Привет, мир. Как дела? Всё хорошо, спасибо.".encode("windows-1251"))
    assert (d.encoding, d.source) == ("windows-1251", "detected")
    assert d.text == "Привет, мир. Как дела? Всё хорошо, спасибо."
    bom = textmend.detect(b"\xef\xbb\xbfhello")
    assert (bom.encoding, bom.source, bom.text) == ("UTF-8", "bom", "hello")
    assert textmend.detect(b"plain").source == "assumed"
    with pytest.raises(ValueError):
        textmend.detect(b"\x00\x01binary\x00" * 50)


def test_threads_get_the_same_results():
    """The GIL is released during processing; results do not depend on threading."""
    short = [c["original"] for c in cases()]
    texts = short + ["\n".join(short) * 2, (GBK_AS_1252 + "\r\n") * 400]
    expected = [textmend.fix_text(t) for t in texts]
    results = [None] * 4

    def work(i):
        results[i] = [textmend.fix_text(t) for t in texts]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def textmend_bin():
    repo = Path(__file__).resolve().parents[2]
    candidates = [os.environ.get("TEXTMEND_BIN"), repo / "target" / "release" / "textmend"]
    for c in candidates:
        if c and Path(c).is_file():
            return str(c)
    return shutil.which("textmend")


@pytest.mark.skipif(textmend_bin() is None, reason="no textmend binary (cargo build --release)")
@pytest.mark.parametrize("mode", ["fix", "clean"])
def test_binding_agrees_with_the_command_line(mode):
    texts = [c["original"] for c in cases()] + [GBK_AS_1252, "Home > News\n\nBody  text\n"]
    records = "".join(json.dumps({"text": t}) + "\n" for t in texts)
    out = subprocess.run(
        [textmend_bin(), mode, "--jsonl", "-q"], input=records, capture_output=True, text=True, check=True
    ).stdout
    got = [json.loads(l)["text"] for l in out.split("\n")[:-1]]
    fn = textmend.fix_text if mode == "fix" else textmend.clean
    assert got == [fn(t) for t in texts]
