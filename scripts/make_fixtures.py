#!/usr/bin/env python3
"""Make the damaged inputs of textmend's hand-written fixtures from their clean originals.

Each fixture below is (mode, name, ext, clean page with chrome, damage). The damaged input is
produced with Python's codecs, so the damage is exactly what a wrong decode does; the expected
output (`.out.`) is written by hand next to it and is never generated from textmend's output.
Run from the repository root: python3 scripts/make_fixtures.py
"""
import pathlib

FIX = pathlib.Path(__file__).resolve().parent.parent / "fixtures"


def as_latin1(text, true_encoding):
    """Text in `true_encoding`, read as Latin-1."""
    return text.encode(true_encoding).decode("latin-1")


def write(mode, name, ext, text, newline="\n"):
    path = FIX / mode / f"{name}.in.{ext}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline=newline) as f:
        f.write(text)


# A Taiwanese site's English page: Big5 curly quotes read as Latin-1, chrome around it.
big5_page = """\u7e41\u9ad4\u4e2d\u6587 | English | Sitemap
Home > News > Press Releases
Minister\u2019s \u201cGreen Port\u201d plan wins council approval
The council approved the minister\u2019s plan on Tuesday, after a debate that lasted \u201cwell into the night\u201d, according to the chair.
The port\u2019s operators expect the first electric cranes to arrive next year.
Print | Share | Back
Copyright \u00a9 2021 Port Authority. All rights reserved.
"""
lines = big5_page.split("\n")
# Only the English body was served as Big5 and misread; the chrome lines are ASCII or kept intact.
body = "\n".join(as_latin1(l, "big5") if "\u2019" in l or "\u201c" in l else l for l in lines)
write("clean", "en-big5-quotes-as-latin1", "txt", body)

# A German news page, intact UTF-8 (umlauts and ß must survive), with German chrome.
write("clean", "de-news-chrome", "txt", """Startseite > Politik > Ausland
Drucken Teilen Schlie\u00dfen
Stra\u00dfenbahn f\u00e4hrt wieder \u00fcber die Br\u00fccke
Nach zw\u00f6lf Monaten Bauzeit f\u00e4hrt die Stra\u00dfenbahn seit Montag wieder \u00fcber die Br\u00fccke. Die Stadt sch\u00e4tzt die Kosten auf 4,2\u00a0Mio.\u00a0\u20ac.
\u201eWir sind froh, dass es vorbei ist\u201c, sagte die B\u00fcrgermeisterin.


\u00a9 2023 Stadtanzeiger. Alle Rechte vorbehalten.
""")

# A Russian news page, intact UTF-8, CRLF line endings, with Russian chrome.
write("clean", "ru-news-crlf", "txt", """\u0413\u043b\u0430\u0432\u043d\u0430\u044f \u00bb \u041d\u043e\u0432\u043e\u0441\u0442\u0438 \u00bb \u041e\u0431\u0449\u0435\u0441\u0442\u0432\u043e
\u0412 \u0433\u043e\u0440\u043e\u0434\u0435 \u043e\u0442\u043a\u0440\u044b\u043b\u0438 \u043d\u043e\u0432\u0443\u044e \u0431\u0438\u0431\u043b\u0438\u043e\u0442\u0435\u043a\u0443
\u041d\u043e\u0432\u0430\u044f \u0431\u0438\u0431\u043b\u0438\u043e\u0442\u0435\u043a\u0430 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442 \u0435\u0436\u0435\u0434\u043d\u0435\u0432\u043d\u043e \u0441 9 \u0434\u043e 21 \u0447\u0430\u0441\u0430.    \u0412\u0445\u043e\u0434 \u0441\u0432\u043e\u0431\u043e\u0434\u043d\u044b\u0439.
\u041f\u0435\u0447\u0430\u0442\u044c | \u041f\u043e\u0434\u0435\u043b\u0438\u0442\u044c\u0441\u044f
\u00a9 2022 \u0413\u043e\u0440\u043e\u0434\u0441\u043a\u0438\u0435 \u043d\u043e\u0432\u043e\u0441\u0442\u0438. \u0412\u0441\u0435 \u043f\u0440\u0430\u0432\u0430 \u0437\u0430\u0449\u0438\u0449\u0435\u043d\u044b.
""", newline="\r\n")

# A French note saved in NFD (as macOS file systems do) with Windows line endings: `fix`
# composes the accents and makes the line breaks \n, and changes nothing else.
import unicodedata
write("fix", "fr-nfd-crlf", "txt", unicodedata.normalize("NFD", """R\u00e9sum\u00e9 de la r\u00e9union du 3 mars
Pr\u00e9sents : \u00c9lodie, Fran\u00e7ois, No\u00ebl.
\u00c0 l\u2019ordre du jour : le budget \u2014 d\u00e9cid\u00e9 \u00e0 l\u2019unanimit\u00e9.
"""), newline="\r\n")

# A Chinese page, intact UTF-8: nothing in the Chinese text may be touched; only chrome goes.
write("clean", "zh-news-chrome", "txt", """\u9996\u9875 > \u65b0\u95fb > \u79d1\u6280
\u6211\u56fd\u79d1\u5b66\u5bb6\u53d1\u73b0\u65b0\u578b\u50ac\u5316\u5242
\u8bb0\u8005\u4ece\u4e2d\u56fd\u79d1\u5b66\u9662\u83b7\u6089\uff0c\u7814\u7a76\u4eba\u5458\u53d1\u73b0\u4e86\u4e00\u79cd\u201c\u9ad8\u6548\u3001\u4f4e\u6210\u672c\u201d\u7684\u65b0\u578b\u50ac\u5316\u5242\uff0c\u53ef\u7528\u4e8e\u6c22\u80fd\u751f\u4ea7\u3002
\u8be5\u6210\u679c\u5df2\u53d1\u8868\u5728\u300a\u81ea\u7136\u300b\u6742\u5fd7\u4e0a\u3002
\u6253\u5370 | \u5173\u95ed
\u7248\u6743\u6240\u6709 \u00a9 2020 \u79d1\u6280\u65e5\u62a5\u793e
""")


# Expected outputs, written by hand: the body lines of each page above, whitespace normalized.
def expect(mode, name, ext, text):
    path = FIX / mode / f"{name}.out.{ext}"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


expect("clean", "en-big5-quotes-as-latin1", "txt", """Minister\u2019s \u201cGreen Port\u201d plan wins council approval
The council approved the minister\u2019s plan on Tuesday, after a debate that lasted \u201cwell into the night\u201d, according to the chair.
The port\u2019s operators expect the first electric cranes to arrive next year.
""")
expect("clean", "de-news-chrome", "txt", """Stra\u00dfenbahn f\u00e4hrt wieder \u00fcber die Br\u00fccke
Nach zw\u00f6lf Monaten Bauzeit f\u00e4hrt die Stra\u00dfenbahn seit Montag wieder \u00fcber die Br\u00fccke. Die Stadt sch\u00e4tzt die Kosten auf 4,2 Mio. \u20ac.
\u201eWir sind froh, dass es vorbei ist\u201c, sagte die B\u00fcrgermeisterin.
""")
expect("clean", "ru-news-crlf", "txt", """\u0412 \u0433\u043e\u0440\u043e\u0434\u0435 \u043e\u0442\u043a\u0440\u044b\u043b\u0438 \u043d\u043e\u0432\u0443\u044e \u0431\u0438\u0431\u043b\u0438\u043e\u0442\u0435\u043a\u0443
\u041d\u043e\u0432\u0430\u044f \u0431\u0438\u0431\u043b\u0438\u043e\u0442\u0435\u043a\u0430 \u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442 \u0435\u0436\u0435\u0434\u043d\u0435\u0432\u043d\u043e \u0441 9 \u0434\u043e 21 \u0447\u0430\u0441\u0430. \u0412\u0445\u043e\u0434 \u0441\u0432\u043e\u0431\u043e\u0434\u043d\u044b\u0439.
""")
expect("fix", "fr-nfd-crlf", "txt", """R\u00e9sum\u00e9 de la r\u00e9union du 3 mars
Pr\u00e9sents : \u00c9lodie, Fran\u00e7ois, No\u00ebl.
\u00c0 l\u2019ordre du jour : le budget \u2014 d\u00e9cid\u00e9 \u00e0 l\u2019unanimit\u00e9.
""")
expect("clean", "zh-news-chrome", "txt", """\u6211\u56fd\u79d1\u5b66\u5bb6\u53d1\u73b0\u65b0\u578b\u50ac\u5316\u5242
\u8bb0\u8005\u4ece\u4e2d\u56fd\u79d1\u5b66\u9662\u83b7\u6089\uff0c\u7814\u7a76\u4eba\u5458\u53d1\u73b0\u4e86\u4e00\u79cd\u201c\u9ad8\u6548\u3001\u4f4e\u6210\u672c\u201d\u7684\u65b0\u578b\u50ac\u5316\u5242\uff0c\u53ef\u7528\u4e8e\u6c22\u80fd\u751f\u4ea7\u3002
\u8be5\u6210\u679c\u5df2\u53d1\u8868\u5728\u300a\u81ea\u7136\u300b\u6742\u5fd7\u4e0a\u3002
""")
