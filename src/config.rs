//! What the pipeline does: one [`Config`] with a part per stage, and sensible defaults.

use serde::Serialize;

/// Unicode normalization form applied at the end of repair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum NormalForm {
    /// Canonical composition (the default).
    Nfc,
    /// Canonical decomposition.
    Nfd,
    /// Compatibility composition (folds ligatures, fullwidth forms, superscripts...).
    Nfkc,
    /// Compatibility decomposition.
    Nfkd,
}

impl NormalForm {
    /// `NFC`, `NFD`, `NFKC` or `NFKD`.
    pub fn name(self) -> &'static str {
        match self {
            NormalForm::Nfc => "NFC",
            NormalForm::Nfd => "NFD",
            NormalForm::Nfkc => "NFKC",
            NormalForm::Nfkd => "NFKD",
        }
    }
}

/// How to turn bytes into text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DecodeConfig {
    /// An encoding label given by the user (`--encoding`); overrides declarations and detection,
    /// but not a BOM.
    pub encoding: Option<String>,
    /// Treat invalid byte sequences as an error instead of replacing them with U+FFFD.
    pub strict: bool,
    /// A top-level domain hint for detection (`cn`, `jp`, `ru`...), e.g. from a document's URL.
    pub tld: Option<String>,
}

/// What the repair stage fixes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepairConfig {
    /// Undo UTF-8 read as a single-byte code page (windows-1252, Latin-1, MacRoman...).
    pub fix_encoding: bool,
    /// Undo multi-byte legacy encodings (GBK, Big5, Shift_JIS, EUC-KR...) read as a single-byte
    /// code page, UTF-8 read as a multi-byte legacy encoding, and legacy-to-legacy mix-ups.
    pub fix_legacy: bool,
    /// Decode HTML character references in text that is not HTML.
    pub unescape_html: bool,
    /// Remove terminal escape sequences.
    pub remove_terminal_escapes: bool,
    /// Replace C1 controls that stand for windows-1252 characters.
    pub fix_c1_controls: bool,
    /// Remove control characters that have no meaning in text.
    pub remove_control_chars: bool,
    /// Decode CESU-8 / Java-style surrogate pairs.
    pub fix_surrogates: bool,
    /// Make every line break `\n`.
    pub fix_line_breaks: bool,
    /// Make curly quotes straight (off by default).
    pub uncurl_quotes: bool,
    /// Split Latin ligatures such as ﬁ (off by default).
    pub fix_latin_ligatures: bool,
    /// Make fullwidth Latin letters, digits and signs ASCII (off by default).
    pub fix_fullwidth_latin: bool,
    /// Unicode normalization form, or `None` for none.
    pub normalization: Option<NormalForm>,
}

impl Default for RepairConfig {
    fn default() -> Self {
        RepairConfig {
            fix_encoding: true,
            fix_legacy: true,
            unescape_html: true,
            remove_terminal_escapes: true,
            fix_c1_controls: true,
            remove_control_chars: true,
            fix_surrogates: true,
            fix_line_breaks: true,
            uncurl_quotes: false,
            fix_latin_ligatures: false,
            fix_fullwidth_latin: false,
            normalization: Some(NormalForm::Nfc),
        }
    }
}

impl RepairConfig {
    /// Every repair off: `fix_text` then returns its input unchanged.
    pub fn none() -> RepairConfig {
        RepairConfig {
            fix_encoding: false,
            fix_legacy: false,
            unescape_html: false,
            remove_terminal_escapes: false,
            fix_c1_controls: false,
            remove_control_chars: false,
            fix_surrogates: false,
            fix_line_breaks: false,
            uncurl_quotes: false,
            fix_latin_ligatures: false,
            fix_fullwidth_latin: false,
            normalization: None,
        }
    }
}

impl RepairConfig {
    /// Only the encoding repair (mojibake and the C1 controls it leaves): what ftfy's
    /// `fix_encoding` does.
    pub fn encoding_only() -> RepairConfig {
        RepairConfig {
            fix_encoding: true,
            fix_c1_controls: true,
            ..RepairConfig::none()
        }
    }
}

/// What the strip stage removes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StripConfig {
    /// Remove page chrome (menus, breadcrumbs, share bars, copyright lines...).
    pub enabled: bool,
}

impl Default for StripConfig {
    fn default() -> Self {
        StripConfig { enabled: true }
    }
}

/// What the final normalization of `clean` does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizeConfig {
    /// Collapse runs of spaces, tabs and no-break spaces, trim lines, collapse blank lines and
    /// end the text with one newline.
    pub whitespace: bool,
}

impl Default for NormalizeConfig {
    fn default() -> Self {
        NormalizeConfig { whitespace: true }
    }
}

/// How `clean` treats HTML input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HtmlConfig {
    /// Recognise HTML by its first bytes and extract its main content (on by default).
    pub detect: bool,
    /// The output format for HTML input: text, Markdown or a cleaned HTML fragment.
    pub format: crate::html::Format,
    /// Put the page's headline first when the main content does not include it (off by
    /// default: the extraction record names it either way).
    pub headline: bool,
}

impl Default for HtmlConfig {
    fn default() -> Self {
        HtmlConfig {
            detect: true,
            format: crate::html::Format::Text,
            headline: false,
        }
    }
}

/// Everything the pipeline needs to know. `Config::default()` is what `textmend clean` uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Config {
    /// Bytes to text.
    pub decode: DecodeConfig,
    /// Damage repair.
    pub repair: RepairConfig,
    /// Chrome removal (used by [`clean`](crate::clean) only).
    pub strip: StripConfig,
    /// Whitespace normalization (used by [`clean`](crate::clean) only).
    pub normalize: NormalizeConfig,
    /// HTML input (used by [`process`](crate::process) in `Clean` mode only).
    pub html: HtmlConfig,
}

impl Config {
    /// A configuration that behaves like ftfy's `fix_text` defaults: like the default, but
    /// curly quotes are straightened, ligatures split, fullwidth Latin made ASCII and NFC applied.
    pub fn ftfy_compatible() -> Config {
        let mut c = Config::default();
        c.repair.uncurl_quotes = true;
        c.repair.fix_latin_ligatures = true;
        c.repair.fix_fullwidth_latin = true;
        c.repair.fix_legacy = false;
        c
    }
}
