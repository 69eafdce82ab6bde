//! Boilerplate learned across a batch: lines that recur on many documents of one site.
//!
//! A line is normalized ([`normalize_line`]: case, digits, punctuation), fingerprinted (64-bit
//! FNV-1a of the normalized form, stable across runs and machines), and counted once per
//! document in which it appears, per site. The counts are plain data ([`Boilerplate`], serde):
//! they can be written to a file, read back, and [merged](Boilerplate::merge), so a batch too
//! large for one run can be counted in parts.
//!
//! ```
//! use textmend::strip::boilerplate::Boilerplate;
//! let mut counts = Boilerplate::default();
//! counts.observe("example.com", "Home\nSport\nThe first article's only line.\n");
//! counts.observe("example.com", "Home\nSport\nAnother story, told here.\n");
//! let site = counts.site("example.com").unwrap();
//! assert!(site.is_boilerplate("HOME"));
//! assert!(!site.is_boilerplate("The first article's only line."));
//! ```

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::rules::normalized_chars;

/// Line-fingerprint counts per site. Serialized as JSON by the command line
/// (`--boilerplate-out`, `--boilerplate-in`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Boilerplate {
    /// Format version of the serialized counts (currently 1).
    #[serde(default = "version")]
    pub version: u32,
    /// Counts by site key (a host name such as `www.example.com`, or a directory).
    pub sites: BTreeMap<String, SiteCounts>,
    /// Counts over every document of every site: lines common to many sites ("Fact Check",
    /// "2 hours ago") are weak evidence of chrome.
    #[serde(default)]
    pub all: SiteCounts,
}

/// The counts that apply to one document: its site's, and those of the whole batch.
#[derive(Debug, Clone, Copy)]
pub struct SiteView<'a> {
    /// The counts of the document's site, if the site was observed.
    pub site: Option<&'a SiteCounts>,
    /// The counts over all documents.
    pub all: &'a SiteCounts,
}

/// Smallest share of the whole batch's documents a line must appear in to be common.
pub const MIN_COMMON_SHARE: f64 = 0.01;

/// Fewest documents of the whole batch a line must appear in to be common.
pub const MIN_COMMON_DOCUMENTS: u64 = 3;

impl SiteView<'_> {
    /// True when `line` is boilerplate of the document's site.
    pub fn is_site_boilerplate(&self, line: &str) -> bool {
        fingerprint(line).is_some_and(|fp| self.is_site_boilerplate_fp(fp))
    }

    /// Like [`is_site_boilerplate`](Self::is_site_boilerplate), for a line's [`fingerprint`].
    pub fn is_site_boilerplate_fp(&self, fp: u64) -> bool {
        self.site.is_some_and(|s| s.is_boilerplate_fp(fp))
    }

    /// True when `line` appears in at least [`MIN_COMMON_DOCUMENTS`] documents of the batch
    /// (and [`MIN_COMMON_SHARE`] of them).
    pub fn is_common(&self, line: &str) -> bool {
        fingerprint(line).is_some_and(|fp| self.is_common_fp(fp))
    }

    /// Like [`is_common`](Self::is_common), for a line's [`fingerprint`].
    pub fn is_common_fp(&self, fp: u64) -> bool {
        let n = self.all.documents_with_fp(fp);
        n >= MIN_COMMON_DOCUMENTS && n as f64 >= MIN_COMMON_SHARE * self.all.documents as f64
    }
}

fn version() -> u32 {
    1
}

/// The counts of one site.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCounts {
    /// Documents of the site observed.
    pub documents: u64,
    /// Line fingerprint → number of documents in which the line appears.
    pub lines: BTreeMap<u64, u64>,
}

/// The smallest number of documents a line must appear in to be boilerplate.
pub const MIN_DOCUMENTS: u64 = 2;

/// The smallest share of a site's documents a line must appear in to be boilerplate (for sites
/// with many documents).
pub const MIN_SHARE: f64 = 0.05;

/// The fingerprint of a line: FNV-1a (64 bit) of its [normalized](super::rules::normalize_line)
/// form (hashed as it is produced, without building it), or `None` when nothing is left after
/// normalization. The one line fingerprint of textmend: directory runs, JSON Lines runs and
/// `textmend boilerplate count` all use it.
///
/// ```
/// use textmend::strip::boilerplate::fingerprint;
/// assert_eq!(fingerprint("Posted on 3 May 2019"), fingerprint("posted on 9 may 2018!"));
/// assert_eq!(fingerprint(" | — "), None);
/// ```
pub fn fingerprint(line: &str) -> Option<u64> {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut any = false;
    let mut utf8 = [0u8; 4];
    normalized_chars(line, |c| {
        any = true;
        for &b in c.encode_utf8(&mut utf8).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    });
    any.then_some(h)
}

/// The distinct fingerprints of the lines of `text` (each line counts once per document; the
/// lines of a hard-wrapped paragraph are one, as the strip reads them: [`super::units`]).
///
/// ```
/// use textmend::strip::boilerplate::{fingerprint, line_fingerprints};
/// let fps = line_fingerprints("Menu\nText of 3 lines.\nMENU\n\nText of 4 lines!\n");
/// assert_eq!(fps.len(), 2);
/// assert!(fps.contains(&fingerprint("menu").unwrap()));
/// ```
pub fn line_fingerprints(text: &str) -> Vec<u64> {
    // (The units of the strip: a hard-wrapped paragraph is one.)
    let seen: HashSet<u64> = super::units(text)
        .into_iter()
        .filter_map(|r| fingerprint(&text[r]))
        .collect();
    seen.into_iter().collect()
}

impl Boilerplate {
    /// Count the lines of one document of `site`.
    pub fn observe(&mut self, site: &str, text: &str) {
        self.observe_fingerprints(site, &line_fingerprints(text));
    }

    /// Count one document of `site` from its [`line_fingerprints`] (computed elsewhere, e.g. on
    /// the worker thread that read the document, so that only the counting is serial).
    pub fn observe_fingerprints(&mut self, site: &str, fingerprints: &[u64]) {
        if self.version == 0 {
            self.version = version();
        }
        let counts = match self.sites.get_mut(site) {
            Some(c) => c,
            None => self.sites.entry(site.to_string()).or_default(),
        };
        counts.documents += 1;
        self.all.documents += 1;
        for &fp in fingerprints {
            *counts.lines.entry(fp).or_default() += 1;
            *self.all.lines.entry(fp).or_default() += 1;
        }
    }

    /// Add the counts of `other` to these.
    ///
    /// ```
    /// use textmend::strip::boilerplate::Boilerplate;
    /// let (mut a, mut b) = (Boilerplate::default(), Boilerplate::default());
    /// a.observe("s", "Menu\n");
    /// b.observe("s", "Menu\n");
    /// a.merge(&b);
    /// assert!(a.site("s").unwrap().is_boilerplate("Menu"));
    /// ```
    pub fn merge(&mut self, other: &Boilerplate) {
        self.version = version();
        for (site, theirs) in &other.sites {
            self.sites.entry(site.clone()).or_default().add(theirs);
        }
        self.all.add(&other.all);
    }

    /// The counts that apply to a document of `site`.
    pub fn view(&self, site: &str) -> SiteView<'_> {
        SiteView {
            site: self.sites.get(site),
            all: &self.all,
        }
    }

    /// The counts of `site`, if any document of it was observed.
    pub fn site(&self, site: &str) -> Option<&SiteCounts> {
        self.sites.get(site)
    }
}

impl SiteCounts {
    fn add(&mut self, other: &SiteCounts) {
        self.documents += other.documents;
        for (fp, n) in &other.lines {
            *self.lines.entry(*fp).or_default() += n;
        }
    }

    /// In how many documents of the site `line` appears.
    pub fn documents_with(&self, line: &str) -> u64 {
        fingerprint(line).map_or(0, |fp| self.documents_with_fp(fp))
    }

    /// In how many documents of the site a line with fingerprint `fp` appears.
    pub fn documents_with_fp(&self, fp: u64) -> u64 {
        self.lines.get(&fp).copied().unwrap_or(0)
    }

    /// True when `line` appears in at least [`MIN_DOCUMENTS`] documents of the site and in at
    /// least [`MIN_SHARE`] of them.
    pub fn is_boilerplate(&self, line: &str) -> bool {
        fingerprint(line).is_some_and(|fp| self.is_boilerplate_fp(fp))
    }

    /// Like [`is_boilerplate`](Self::is_boilerplate), for a line's [`fingerprint`].
    pub fn is_boilerplate_fp(&self, fp: u64) -> bool {
        let n = self.documents_with_fp(fp);
        n >= MIN_DOCUMENTS && n as f64 >= MIN_SHARE * self.documents as f64
    }
}

/// The site key of a URL: its host, lower case, without a leading `www.`; `None` when the URL
/// has no host.
///
/// ```
/// use textmend::strip::boilerplate::site_of_url;
/// assert_eq!(site_of_url("https://WWW.Example.com:8080/a/b?c").as_deref(), Some("example.com"));
/// assert_eq!(site_of_url("not a url"), None);
/// ```
pub fn site_of_url(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let mut b = Boilerplate::default();
        b.observe("news.example", "Главная\nНовости\nТекст статьи.\n");
        let json = serde_json::to_string(&b).unwrap();
        let back: Boilerplate = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }

    #[test]
    fn fingerprint_hashes_the_normalized_line() {
        let fnv = |s: &str| {
            s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        };
        for line in [
            "  Posted: 12 March 2019 | 3 Comments ",
            "Читайте ТАКЖЕ:",
            "İstanbul'da HAVA 25°C",
            "版权所有 © 2019 新华网",
            "ǅemal ß straße ΣΊΣΥΦΟΣ",
            "1,234.5 -- x",
        ] {
            let norm = super::super::rules::normalize_line(line);
            assert_eq!(fingerprint(line), Some(fnv(&norm)), "{line}");
        }
    }

    #[test]
    fn counts_a_line_once_per_document() {
        let mut b = Boilerplate::default();
        b.observe("s", "Share\nShare\nShare\n");
        assert_eq!(b.site("s").unwrap().documents_with("share"), 1);
        assert!(!b.site("s").unwrap().is_boilerplate("share"));
    }
}
