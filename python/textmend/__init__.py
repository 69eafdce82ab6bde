"""textmend: repair mojibake and strip page chrome from scraped text, explaining every change.

The functions are implemented in Rust (the ``textmend`` crate) and release the GIL while they
work, so threads scale::

    >>> import textmend
    >>> textmend.fix_text("Itâ€™s a cafÃ©")
    'It’s a café'
    >>> textmend.fix_text("“Quoted” ﬁne", preset="ftfy")
    '"Quoted" fine'
    >>> textmend.clean("Home > News > World\\n\\nItâ€™s here.  \\n")
    'It’s here.\\n'
    >>> textmend.detect("Привет, мир".encode("windows-1251")).encoding
    'windows-1251'

Option names follow ftfy's where they mean the same (``uncurl_quotes``,
``fix_latin_ligatures``, ``fix_character_width``, ``normalization``, ``unescape_html``,
``fix_line_breaks``, ``remove_terminal_escapes``, ``fix_encoding``...); ``preset="ftfy"``
starts from ftfy's defaults instead of textmend's. Every option left out keeps the preset's
value; an unknown option raises TypeError.
"""

from typing import Any

from . import _textmend as _native
from ._textmend import Change, Detection, __version__, detect

__all__ = [
    "Change",
    "Detection",
    "__version__",
    "clean",
    "detect",
    "fix_and_explain",
    "fix_text",
]


def _options(options: dict[str, Any]) -> dict[str, Any]:
    # `normalization=None` means "no normalization", which the native layer spells "none"
    # (there, a missing option and None are the same: keep the preset's value).
    if "normalization" in options and options["normalization"] is None:
        options["normalization"] = "none"
    return options


def fix_text(text: str, **options: Any) -> str:
    return _native.fix_text(text, **_options(options))


def fix_and_explain(text: str, **options: Any) -> tuple[str, list[Change]]:
    return _native.fix_and_explain(text, **_options(options))


def clean(text_or_bytes: str | bytes, **options: Any) -> str:
    return _native.clean(text_or_bytes, **_options(options))


for _f in (fix_text, fix_and_explain, clean):
    _f.__doc__ = getattr(_native, _f.__name__).__doc__
del _f
