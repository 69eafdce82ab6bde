"""Type stubs of the native module (implemented in Rust, python/src/lib.rs)."""

from typing import Any, Literal

Preset = Literal["textmend", "ftfy"]
Form = Literal["NFC", "NFD", "NFKC", "NFKD"]

__version__: str

class Change:
    """One change textmend made: where (byte offsets in its pass's input), what, and why."""

    stage: Literal["decode", "repair", "strip", "normalize"]
    pass_: int
    start: int
    end: int
    before: str
    after: str
    reason: str
    """Stable reason name, e.g. "mojibake", "html_entity", "chrome"."""
    explanation: str
    """Reason with details, e.g. "mojibake(utf-8 read as windows-1252)"."""
    plan: list[str]
    """For mojibake: the steps that undo it, e.g. ["encode windows-1252", "decode utf-8"]."""
    details_json: str
    @property
    def details(self) -> dict[str, Any]: ...

class Detection:
    """The encoding of some bytes, how it was chosen, and the decoded text."""

    encoding: str
    source: Literal["bom", "declared", "detected", "assumed"]
    text: str
    invalid: int

def fix_text(
    text: str,
    *,
    preset: Preset | None = None,
    fix_encoding: bool | None = None,
    fix_legacy: bool | None = None,
    unescape_html: bool | Literal["auto"] | None = None,
    remove_terminal_escapes: bool | None = None,
    fix_c1_controls: bool | None = None,
    remove_control_chars: bool | None = None,
    fix_surrogates: bool | None = None,
    fix_line_breaks: bool | None = None,
    uncurl_quotes: bool | None = None,
    fix_latin_ligatures: bool | None = None,
    fix_character_width: bool | None = None,
    normalization: Form | None = ...,
) -> str:
    """Repair mojibake and character damage in ``text``; valid text comes back unchanged."""

def fix_and_explain(
    text: str,
    *,
    preset: Preset | None = None,
    fix_encoding: bool | None = None,
    fix_legacy: bool | None = None,
    unescape_html: bool | Literal["auto"] | None = None,
    remove_terminal_escapes: bool | None = None,
    fix_c1_controls: bool | None = None,
    remove_control_chars: bool | None = None,
    fix_surrogates: bool | None = None,
    fix_line_breaks: bool | None = None,
    uncurl_quotes: bool | None = None,
    fix_latin_ligatures: bool | None = None,
    fix_character_width: bool | None = None,
    normalization: Form | None = ...,
) -> tuple[str, list[Change]]:
    """Like ``fix_text``, and return the list of changes made, with reasons and plans."""

def clean(
    text_or_bytes: str | bytes,
    *,
    strip_chrome: bool = True,
    normalize_whitespace: bool = True,
    encoding: str | None = None,
    strict: bool = False,
    preset: Preset | None = None,
    fix_encoding: bool | None = None,
    fix_legacy: bool | None = None,
    unescape_html: bool | Literal["auto"] | None = None,
    remove_terminal_escapes: bool | None = None,
    fix_c1_controls: bool | None = None,
    remove_control_chars: bool | None = None,
    fix_surrogates: bool | None = None,
    fix_line_breaks: bool | None = None,
    uncurl_quotes: bool | None = None,
    fix_latin_ligatures: bool | None = None,
    fix_character_width: bool | None = None,
    normalization: Form | None = ...,
) -> str:
    """Repair, strip page chrome and normalize whitespace; bytes are decoded first."""

def detect(data: bytes, *, tld: str | None = None) -> Detection:
    """Detect the encoding of ``data`` and decode it; ValueError for binary data."""
