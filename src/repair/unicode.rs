//! Unicode normalization (NFC by default), applied to the spans that are not already normal.

use unicode_normalization::{
    IsNormalized, UnicodeNormalization, is_nfc_quick, is_nfd_quick, is_nfkc_quick, is_nfkd_quick,
};

use crate::changes::{Edit, Reason};
use crate::config::{NormalForm, RepairConfig};

/// Propose edits that bring `text` into the configured normalization form. Each edit covers
/// one line that was not normal, so the report points at the lines that changed.
///
/// ```
/// use textmend::repair::unicode::normalize;
/// use textmend::config::RepairConfig;
/// let edits = normalize("cafe\u{301}", &RepairConfig::default());
/// assert_eq!(edits[0].after, "café");
/// ```
pub fn normalize(text: &str, config: &RepairConfig) -> Vec<Edit> {
    let Some(form) = config.normalization else {
        return Vec::new();
    };
    let nfc = form == NormalForm::Nfc;
    if nfc && !super::fastpath::may_need_nfc(text) {
        return Vec::new();
    }
    // For NFC, each line's own checks below are cheaper than a quick check of the whole text.
    if !nfc && quick_check(text.chars(), form) == IsNormalized::Yes {
        return Vec::new();
    }
    let mut edits = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start = range.end;
        if nfc && (!super::fastpath::may_need_nfc(line) || super::fastpath::is_nfc_verified(line)) {
            continue;
        }
        if quick_check(line.chars(), form) == IsNormalized::Yes {
            continue;
        }
        let after: String = match form {
            NormalForm::Nfc => line.nfc().collect(),
            NormalForm::Nfd => line.nfd().collect(),
            NormalForm::Nfkc => line.nfkc().collect(),
            NormalForm::Nfkd => line.nfkd().collect(),
        };
        if after != line {
            edits.push(Edit::new(
                range,
                after,
                Reason::UnicodeNormalization {
                    form: form.name().to_string(),
                },
            ));
        }
    }
    edits
}

fn quick_check<I: Iterator<Item = char>>(chars: I, form: NormalForm) -> IsNormalized {
    match form {
        NormalForm::Nfc => is_nfc_quick(chars),
        NormalForm::Nfd => is_nfd_quick(chars),
        NormalForm::Nfkc => is_nfkc_quick(chars),
        NormalForm::Nfkd => is_nfkd_quick(chars),
    }
}
