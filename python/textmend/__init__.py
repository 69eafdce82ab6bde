"""textmend: repair mojibake and strip page chrome from scraped text, explaining every change.

The functions are implemented in Rust (the ``textmend`` crate) and release the GIL while
they work, so threads scale::

    >>> import textmend
    >>> textmend.fix_text("People\\u00a1\\u00afs Forum")
    'People’s Forum'
    >>> textmend.clean("Home > News > World\\n\\nPeople\\u00a1\\u00afs Forum.  \\n")
    'People’s Forum.\\n'
    >>> textmend.detect("Привет, мир. Как дела? Всё хорошо, спасибо.".encode("windows-1251")).encoding
    'windows-1251'

Option names follow ftfy's where they mean the same (``uncurl_quotes``,
``fix_latin_ligatures``, ``fix_character_width``, ``normalization``, ``unescape_html``,
``fix_line_breaks``, ``remove_terminal_escapes``, ``fix_encoding``...); ``preset="ftfy"``
starts from ftfy's defaults instead of textmend's. Every option left out (or None, except
``normalization=None``, which means no normalization) keeps the preset's value; an unknown
option raises TypeError.
"""

from ._textmend import Change, Detection, __version__, clean, detect, fix_and_explain, fix_text

__all__ = [
    "Change",
    "Detection",
    "__version__",
    "clean",
    "detect",
    "fix_and_explain",
    "fix_text",
]
