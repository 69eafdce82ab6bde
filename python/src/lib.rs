//! Python binding of textmend, built with maturin as the extension module `textmend._textmend`
//! and re-exported by the pure-Python package `textmend`.
//!
//! Only the crate's public API is used (`fix_text`, `clean`, `process`, `decode_with`, `Config`,
//! `Changes`, `Reason::name()` and `Display`, serde serialization of `Change`), so changes to
//! the engine's internals do not touch this file. The GIL is released while text is processed
//! (measured: on lines of about 50 bytes this costs under 10 % of a call).

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use textmend::config::NormalForm;
use textmend::{Config, Mode};

/// Options shared by every function, named like ftfy's `TextFixerConfig` where they mean the
/// same. `None` keeps the preset's value.
#[derive(Default, PartialEq)]
struct Options {
    /// True for `preset="ftfy"`.
    ftfy: bool,
    fix_encoding: Option<bool>,
    fix_legacy: Option<bool>,
    unescape_html: Option<bool>,
    remove_terminal_escapes: Option<bool>,
    fix_c1_controls: Option<bool>,
    remove_control_chars: Option<bool>,
    fix_surrogates: Option<bool>,
    fix_line_breaks: Option<bool>,
    uncurl_quotes: Option<bool>,
    fix_latin_ligatures: Option<bool>,
    fix_character_width: Option<bool>,
    /// `Some(None)`: no normalization.
    normalization: Option<Option<NormalForm>>,
    // Options of `clean` only.
    strip_chrome: Option<bool>,
    normalize_whitespace: Option<bool>,
    encoding: Option<String>,
    strict: Option<bool>,
}

/// A bool option; `None` keeps the preset's value.
fn flag(key: &str, v: &Bound<'_, PyAny>) -> PyResult<Option<bool>> {
    if v.is_none() {
        return Ok(None);
    }
    v.extract::<bool>()
        .map(Some)
        .map_err(|_| PyTypeError::new_err(format!("{key} must be True, False or None")))
}

impl Options {
    /// True when no option but `preset` is set.
    fn only_preset(&self) -> bool {
        *self
            == Options {
                ftfy: self.ftfy,
                ..Options::default()
            }
    }

    /// Read keyword arguments; `clean_only` allows the options of `clean`. An unknown name
    /// raises TypeError, as a Python function would.
    fn parse(
        func: &str,
        kwargs: Option<&Bound<'_, PyDict>>,
        clean_only: bool,
    ) -> PyResult<Options> {
        let mut o = Options::default();
        let Some(kwargs) = kwargs else {
            return Ok(o);
        };
        for (k, v) in kwargs.iter() {
            let key = k.downcast::<PyString>()?.to_str()?;
            match key {
                "preset" => o.ftfy = preset(&v)?,
                "fix_encoding" => o.fix_encoding = flag(key, &v)?,
                "fix_legacy" => o.fix_legacy = flag(key, &v)?,
                "remove_terminal_escapes" => o.remove_terminal_escapes = flag(key, &v)?,
                "fix_c1_controls" => o.fix_c1_controls = flag(key, &v)?,
                "remove_control_chars" => o.remove_control_chars = flag(key, &v)?,
                "fix_surrogates" => o.fix_surrogates = flag(key, &v)?,
                "fix_line_breaks" => o.fix_line_breaks = flag(key, &v)?,
                "uncurl_quotes" => o.uncurl_quotes = flag(key, &v)?,
                "fix_latin_ligatures" => o.fix_latin_ligatures = flag(key, &v)?,
                "fix_character_width" => o.fix_character_width = flag(key, &v)?,
                // ftfy's default is "auto" (unescape unless the text looks like HTML);
                // textmend's repair leaves markup alone, so "auto" means on.
                "unescape_html" => {
                    o.unescape_html = match v.extract::<String>() {
                        Ok(s) if s == "auto" => Some(true),
                        Ok(_) => {
                            return Err(PyValueError::new_err(
                                "unescape_html must be True, False, \"auto\" or None",
                            ));
                        }
                        Err(_) => flag(key, &v)?,
                    }
                }
                "normalization" => o.normalization = Some(normal_form(&v)?),
                "strip_chrome" if clean_only => o.strip_chrome = flag(key, &v)?,
                "normalize_whitespace" if clean_only => o.normalize_whitespace = flag(key, &v)?,
                "encoding" if clean_only => o.encoding = v.extract()?,
                "strict" if clean_only => o.strict = flag(key, &v)?,
                _ => {
                    return Err(PyTypeError::new_err(format!(
                        "{func}() got an unexpected keyword argument '{key}'"
                    )));
                }
            }
        }
        Ok(o)
    }
}

/// `preset`: `"textmend"` or None (false), `"ftfy"` (true).
fn preset(v: &Bound<'_, PyAny>) -> PyResult<bool> {
    if v.is_none() {
        return Ok(false);
    }
    match v.downcast::<PyString>()?.to_str()? {
        "textmend" => Ok(false),
        "ftfy" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "unknown preset {other:?} (expected \"textmend\" or \"ftfy\")"
        ))),
    }
}

/// `"NFC"`, `"NFD"`, `"NFKC"`, `"NFKD"` or `None` (no normalization).
fn normal_form(v: &Bound<'_, PyAny>) -> PyResult<Option<NormalForm>> {
    if v.is_none() {
        return Ok(None);
    }
    let s: String = v.extract()?;
    match s.to_ascii_uppercase().as_str() {
        "NFC" => Ok(Some(NormalForm::Nfc)),
        "NFD" => Ok(Some(NormalForm::Nfd)),
        "NFKC" => Ok(Some(NormalForm::Nfkc)),
        "NFKD" => Ok(Some(NormalForm::Nfkd)),
        _ => Err(PyValueError::new_err(format!(
            "normalization must be \"NFC\", \"NFD\", \"NFKC\", \"NFKD\" or None, not {s:?}"
        ))),
    }
}

impl Options {
    /// The configuration these options describe.
    fn config(&self) -> PyResult<Config> {
        let mut c = if self.ftfy {
            Config::ftfy_compatible()
        } else {
            Config::default()
        };
        let r = &mut c.repair;
        let set = |field: &mut bool, v: Option<bool>| {
            if let Some(v) = v {
                *field = v;
            }
        };
        set(&mut r.fix_encoding, self.fix_encoding);
        set(&mut r.fix_legacy, self.fix_legacy);
        set(&mut r.remove_terminal_escapes, self.remove_terminal_escapes);
        set(&mut r.fix_c1_controls, self.fix_c1_controls);
        set(&mut r.remove_control_chars, self.remove_control_chars);
        set(&mut r.fix_surrogates, self.fix_surrogates);
        set(&mut r.fix_line_breaks, self.fix_line_breaks);
        set(&mut r.uncurl_quotes, self.uncurl_quotes);
        set(&mut r.fix_latin_ligatures, self.fix_latin_ligatures);
        set(&mut r.fix_fullwidth_latin, self.fix_character_width);
        set(&mut r.unescape_html, self.unescape_html);
        if let Some(form) = self.normalization {
            r.normalization = form;
        }
        set(&mut c.strip.enabled, self.strip_chrome);
        set(&mut c.normalize.whitespace, self.normalize_whitespace);
        set(&mut c.decode.strict, self.strict);
        if self.encoding.is_some() {
            c.decode.encoding = self.encoding.clone();
        }
        Ok(c)
    }
}

/// One change textmend made, with where, what and why.
///
/// `start` and `end` are byte offsets (UTF-8) into the text that the change's pass received;
/// passes are numbered in the order they ran.
#[pyclass(frozen, get_all, module = "textmend")]
struct Change {
    /// The pipeline stage: "decode", "repair", "strip" or "normalize".
    stage: String,
    /// The pass the change belongs to (0, 1, ...).
    pass_: usize,
    /// Byte offset where the replaced text started, in the pass's input.
    start: usize,
    /// Byte offset where it ended.
    end: usize,
    /// The text that was replaced.
    before: String,
    /// Its replacement.
    after: String,
    /// The stable reason name, e.g. "mojibake", "html_entity", "chrome".
    reason: String,
    /// The reason with its details, e.g. "mojibake(utf-8 read as windows-1252)".
    explanation: String,
    /// For mojibake: the steps that undo it, e.g. ["encode windows-1252", "decode utf-8"].
    plan: Vec<String>,
    /// The reason as a JSON object (the `reason` object of textmend's JSON report).
    details_json: String,
}

#[pymethods]
impl Change {
    /// The reason's details as a dict (name, and fields such as encoding, read_as, rule).
    #[getter]
    fn details<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("json")?
            .call_method1("loads", (&self.details_json,))
    }

    fn __repr__(&self) -> String {
        format!(
            "Change(stage={:?}, reason={:?}, before={:?}, after={:?})",
            self.stage, self.explanation, self.before, self.after
        )
    }
}

fn to_py_changes(changes: &textmend::Changes) -> Vec<Change> {
    changes
        .iter()
        .map(|c| {
            let details = serde_json::to_value(&c.reason).unwrap_or_default();
            let plan = details
                .get("plan")
                .and_then(|p| p.as_array())
                .map(|p| {
                    p.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let stage = serde_json::to_value(c.stage)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            Change {
                stage,
                pass_: c.pass,
                start: c.range.start,
                end: c.range.end,
                before: c.before.to_string(),
                after: c.after.to_string(),
                reason: c.reason.name().to_string(),
                explanation: c.reason.to_string(),
                plan,
                details_json: details.to_string(),
            }
        })
        .collect()
}

/// The configuration of `options`; the presets without other options (the common calls) are
/// built once.
fn config_for(options: &Options) -> PyResult<std::borrow::Cow<'static, Config>> {
    use std::borrow::Cow;
    use std::sync::OnceLock;
    static DEFAULT: OnceLock<Config> = OnceLock::new();
    static FTFY: OnceLock<Config> = OnceLock::new();
    if options.only_preset() {
        return Ok(Cow::Borrowed(if options.ftfy {
            FTFY.get_or_init(Config::ftfy_compatible)
        } else {
            DEFAULT.get_or_init(Config::default)
        }));
    }
    options.config().map(Cow::Owned)
}

/// Repair mojibake and character damage in `text` and return the repaired text.
///
/// Valid text in any language comes back unchanged. Keyword options (ftfy's names where they
/// mean the same; left out or `None` keeps the preset's value): `preset` ("textmend", the
/// default, or "ftfy" for ftfy's defaults: quotes uncurled, ligatures split, fullwidth Latin
/// made ASCII), `fix_encoding`, `fix_legacy` (GBK/Big5/Shift_JIS/EUC-KR mojibake),
/// `unescape_html`, `remove_terminal_escapes`, `fix_c1_controls`, `remove_control_chars`,
/// `fix_surrogates`, `fix_line_breaks`, `uncurl_quotes`, `fix_latin_ligatures`,
/// `fix_character_width`, `normalization` ("NFC", "NFD", "NFKC", "NFKD", or None for none).
/// An unknown option raises TypeError.
///
/// >>> fix_text("People\u00a1\u00afs Forum")
/// 'People’s Forum'
#[pyfunction]
#[pyo3(signature = (text, **options), text_signature = "(text, **options)")]
fn fix_text<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyString>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyString>> {
    let config = config_for(&Options::parse("fix_text", options, false)?)?;
    let input = text.to_str()?;
    let fixed = py.allow_threads(|| textmend::fix_text(input, &config));
    Ok(if fixed.changes.is_empty() {
        text.clone()
    } else {
        PyString::new(py, &fixed.text)
    })
}

/// Like `fix_text`, but also say what was changed and why: returns `(text, changes)`, a list
/// of `Change` objects in the order they were made (mojibake changes carry their `plan`).
/// Takes the same options as `fix_text`.
///
/// >>> text, changes = fix_and_explain("People\u00a1\u00afs")
/// >>> text, changes[0].explanation
/// ('People’s', 'mojibake(gbk read as windows-1252)')
#[pyfunction]
#[pyo3(signature = (text, **options), text_signature = "(text, **options)")]
fn fix_and_explain(
    py: Python<'_>,
    text: &Bound<'_, PyString>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<(String, Vec<Change>)> {
    let config = config_for(&Options::parse("fix_and_explain", options, false)?)?;
    let text = text.to_str()?;
    let fixed = py.allow_threads(|| textmend::fix_text(text, &config));
    Ok((fixed.text, to_py_changes(&fixed.changes)))
}

/// Clean scraped text: repair it, strip page chrome (menus, breadcrumbs, share bars, copyright
/// lines) and normalize whitespace. `text_or_bytes` may be `str`, or `bytes` in any encoding
/// (decoded as `textmend clean` does: BOM, declared charset, detection).
///
/// Options: those of `fix_text`, and `strip_chrome` (default True), `normalize_whitespace`
/// (default True), `encoding` (a label such as "gbk", for bytes), `strict` (raise ValueError
/// on invalid bytes instead of replacing them with U+FFFD).
///
/// >>> clean("Home > News > World\n\nPeople\u00a1\u00afs Forum.  \n")
/// 'People’s Forum.\n'
#[pyfunction]
#[pyo3(signature = (text_or_bytes, **options), text_signature = "(text_or_bytes, **options)")]
fn clean(
    py: Python<'_>,
    text_or_bytes: &Bound<'_, PyAny>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    let config = config_for(&Options::parse("clean", options, true)?)?;
    if let Ok(s) = text_or_bytes.downcast::<PyString>() {
        let text = s.to_str()?;
        Ok(py.allow_threads(|| textmend::clean(text, &config).text))
    } else if let Ok(b) = text_or_bytes.downcast::<PyBytes>() {
        let bytes = b.as_bytes();
        py.allow_threads(|| textmend::process(bytes, Mode::Clean, &config))
            .map(|doc| doc.output)
            .map_err(|e| PyValueError::new_err(e.to_string()))
    } else {
        Err(PyTypeError::new_err("clean() takes str or bytes"))
    }
}

/// What `detect` found: the encoding of some bytes and how it was chosen.
#[pyclass(frozen, get_all, module = "textmend")]
struct Detection {
    /// The encoding, as a WHATWG name ("UTF-8", "GBK", "windows-1252", "Shift_JIS"...).
    encoding: String,
    /// How it was chosen: "bom", "declared", "detected" or "assumed".
    source: String,
    /// The bytes decoded with it (BOM removed; invalid sequences as U+FFFD).
    text: String,
    /// How many invalid byte sequences became U+FFFD.
    invalid: usize,
}

#[pymethods]
impl Detection {
    fn __repr__(&self) -> String {
        format!(
            "Detection(encoding={:?}, source={:?}, invalid={})",
            self.encoding, self.source, self.invalid
        )
    }
}

/// Detect the encoding of `data` (BOM, HTML/XML declaration, then statistics) and decode it.
/// `tld` is an optional top-level-domain hint ("cn", "jp", "ru"...), e.g. from the page's URL.
/// Raises ValueError for binary data.
///
/// >>> detect("Привет, мир".encode("windows-1251")).encoding
/// 'windows-1251'
#[pyfunction]
#[pyo3(signature = (data, *, tld=None))]
fn detect(py: Python<'_>, data: &Bound<'_, PyBytes>, tld: Option<String>) -> PyResult<Detection> {
    let config = textmend::config::DecodeConfig {
        tld,
        ..Default::default()
    };
    let bytes = data.as_bytes();
    let d = py
        .allow_threads(|| textmend::decode_with(bytes, &config))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(Detection {
        encoding: d.encoding.to_string(),
        source: d.source.name().to_string(),
        text: d.text,
        invalid: d.invalid_offsets.len(),
    })
}

/// The native part of the `textmend` package.
#[pymodule]
fn _textmend(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(fix_text, m)?)?;
    m.add_function(wrap_pyfunction!(fix_and_explain, m)?)?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_class::<Change>()?;
    m.add_class::<Detection>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
