//! textmend repairs broken text encoding (mojibake) and strips page chrome from scraped
//! documents, and records every change it makes with its reason.
//!
//! The pipeline has four stages, each in its own module, all appending to one [`Changes`]
//! record:
//!
//! ```text
//! bytes --decode--> text --repair--> text --strip--> text --normalize--> clean UTF-8
//! ```
//!
//! - [`fix_text`]: repair (mojibake, control characters, line breaks, NFC) of a string.
//! - [`clean`]: repair, then chrome stripping and whitespace normalization.
//! - [`decode`]: bytes in any encoding to a string, saying which encoding and why.
//! - [`process`]: all of it on raw bytes, as the command line does.
//!
//! ```
//! let config = textmend::Config::default();
//! let out = textmend::fix_text("People\u{a1}\u{af}s Forum", &config);
//! assert_eq!(out.text, "People’s Forum");
//! assert_eq!(out.changes.iter().next().unwrap().reason.to_string(),
//!            "mojibake(gbk read as windows-1252)");
//! ```

/// The allocator of the `textmend` binary and the bench (only defined here; the library sets
/// none).
#[cfg(feature = "mimalloc")]
pub mod alloc;
pub mod batch;
pub mod changes;
pub mod config;
pub mod decode;
#[doc(hidden)]
pub mod generated;
pub mod html;
pub mod normalize;
pub mod repair;
pub mod report;
pub mod strip;
#[cfg(test)]
mod test_rng;

pub use changes::{Change, Changes, Reason, Stage};
pub use config::Config;
pub use decode::{DecodeError, Decoded, Source, decode, decode_with};

/// Text that went through the pipeline, with the record of what changed.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The output text.
    pub text: String,
    /// Every change made, in order; ranges refer to the input of each change's pass.
    pub changes: Changes,
}

/// Which pipeline to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Decode and repair only (`textmend fix`, `textmend check`).
    Fix,
    /// Decode, repair, strip chrome and normalize whitespace (`textmend clean`).
    Clean,
}

/// Repair `text`: mojibake, control characters, line breaks, Unicode normalization. Page chrome
/// and whitespace are left as they are.
pub fn fix_text(text: &str, config: &Config) -> Fixed {
    let mut changes = Changes::new();
    let text = repair::repair(text.to_string(), &config.repair, &mut changes);
    Fixed { text, changes }
}

/// Repair `text`, strip page chrome and normalize whitespace.
///
/// ```
/// let out = textmend::clean("Home >> News >> World\n\nIt\u{a1}\u{af}s here.  \n", &textmend::Config::default());
/// assert_eq!(out.text, "It’s here.\n");
/// ```
pub fn clean(text: &str, config: &Config) -> Fixed {
    clean_with(text, config, None)
}

/// How many times `clean` strips and normalizes at most, each time after repairing again what
/// the time before changed ([`finish_clean`]).
const CLEAN_ROUNDS: usize = 3;

/// Like [`clean`], and also strip the lines that the batch counts of the document's site
/// (`site`, see [`strip::boilerplate`]) call boilerplate.
pub fn clean_with(
    text: &str,
    config: &Config,
    site: Option<strip::boilerplate::SiteView<'_>>,
) -> Fixed {
    let mut changes = Changes::new();
    let text = repair::repair(text.to_string(), &config.repair, &mut changes);
    let text = finish_clean(text, config, site, &mut changes);
    Fixed { text, changes }
}

/// The stages of `clean` after repair: strip page chrome and normalize whitespace.
///
/// Stripping and normalizing can change what the repair judges see on a line (white space
/// trimmed or folded, a no-break space made a space), so the lines they changed are repaired
/// again ([`repair::repair_since`]), and stripped and normalized again if that changed them,
/// until a round leaves the text as it is (at most [`CLEAN_ROUNDS`] times): `clean` of its
/// own output then changes nothing. The text returned is always stripped and normalized last.
pub(crate) fn finish_clean(
    mut text: String,
    config: &Config,
    site: Option<strip::boilerplate::SiteView<'_>>,
    changes: &mut Changes,
) -> String {
    for round in 1..=CLEAN_ROUNDS {
        let mark = changes.mark();
        text = strip::strip_with(text, &config.strip, site, changes);
        text = normalize::normalize(text, &config.normalize, changes);
        if changes.len() == mark.len() || round == CLEAN_ROUNDS {
            break;
        }
        let repaired = changes.mark();
        text = repair::repair_since(text, &config.repair, changes, mark);
        if changes.len() == repaired.len() {
            break;
        }
    }
    text
}

/// A document that went through the whole pipeline from bytes.
#[derive(Debug, Clone)]
pub struct Document {
    /// The decoded input text (what the first pass received).
    pub input: String,
    /// The output text.
    pub output: String,
    /// The encoding the bytes were decoded with (WHATWG name).
    pub encoding: &'static str,
    /// How that encoding was chosen.
    pub source: Source,
    /// The encoding the document declared (or the user gave), if any.
    pub declared: Option<&'static str>,
    /// True when the declared encoding was contradicted by the bytes and not used.
    pub overridden: bool,
    /// Every change, starting with the decode stage's notes (invalid bytes). For HTML input
    /// the record starts at the extracted text (`input`).
    pub changes: Changes,
    /// For HTML input: what main-content extraction kept and dropped, and why. `input` is
    /// then the extracted text, not the page.
    pub extraction: Option<html::Extraction>,
}

impl Document {
    /// The document of plain-text input: `decoded`, and what the pipeline made of its text.
    pub(crate) fn new(decoded: Decoded, fixed: Fixed) -> Document {
        let mut changes = decoded.changes;
        changes.extend(fixed.changes);
        Document {
            input: decoded.text,
            output: fixed.text,
            encoding: decoded.encoding,
            source: decoded.source,
            declared: decoded.declared,
            overridden: decoded.overridden,
            changes,
            extraction: None,
        }
    }

    /// True when the output differs from the decoded input.
    pub fn changed(&self) -> bool {
        self.input != self.output || self.extraction.is_some()
    }
}

/// Decode `bytes` and run the pipeline of `mode` on them.
///
/// In `Clean` mode, input that starts like HTML ([`html::is_html`]) has its main content
/// extracted first ([`html::process`]).
pub fn process(bytes: &[u8], mode: Mode, config: &Config) -> Result<Document, DecodeError> {
    process_with(bytes, mode, config, None)
}

/// Like [`process`], with the batch counts of the document's site for [`Mode::Clean`].
pub fn process_with(
    bytes: &[u8],
    mode: Mode,
    config: &Config,
    site: Option<strip::boilerplate::SiteView<'_>>,
) -> Result<Document, DecodeError> {
    if mode == Mode::Clean && config.html.detect && html::is_html(bytes) {
        return html::process(bytes, config);
    }
    let decoded = decode_with(bytes, &config.decode)?;
    let fixed = match mode {
        Mode::Fix => fix_text(&decoded.text, config),
        Mode::Clean => clean_with(&decoded.text, config, site),
    };
    Ok(Document::new(decoded, fixed))
}
