//! Cross-document boilerplate as mergeable data: per-site line-fingerprint counts.
//!
//! A line that recurs in many documents of one site (a menu, a footer, a cookie notice) is
//! boilerplate there. Learning that takes two passes over a batch:
//!
//! 1. **count**: for every record, the site it belongs to (the host of its `url` field, by
//!    default) and the set of distinct [`fingerprint`]s of its non-blank lines; every
//!    `(site, fingerprint)` pair counts the documents it occurs in, and every site counts its
//!    documents. Counts of disjoint parts of a batch add up ([`Counts::merge`]), so pass 1 can
//!    run on many machines and be reduced by key (`textmend boilerplate count --jsonl`, one
//!    [`CountRecord`] per line).
//! 2. **clean**: with the merged counts ([`Boilerplate::from_counts`]), each record's lines
//!    whose fingerprint is boilerplate on its site are removed before the pipeline runs
//!    (`textmend clean --jsonl --boilerplate-in counts.jsonl`), recorded as
//!    `chrome(boilerplate)`.
//!
//! A line is boilerplate on a site when it occurs in at least [`MIN_DOCS`] documents and in at
//! least [`MIN_SHARE`] of the site's documents. Both passes read the record's text as it is
//! in the input, so the result does not depend on how the batch was split.
//!
//! This is a deliberately small interface for cluster runs (issue 10); the strip stage may grow
//! a richer one.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::changes::{Changes, Edit, Reason, Stage};

/// A line must occur in at least this many documents of a site to be boilerplate.
pub const MIN_DOCS: u64 = 3;
/// ...and in at least this share of the site's documents.
pub const MIN_SHARE: f64 = 0.5;

/// The fingerprint of a line: FNV-1a (64-bit) of the line with surrounding whitespace trimmed
/// and inner whitespace runs collapsed to one space, as 16 hex digits; `None` for a blank line.
/// Stable across machines and versions.
///
/// ```
/// use textmend::batch::fingerprint::fingerprint;
/// assert_eq!(fingerprint("  Home |\tNews  "), fingerprint("Home | News"));
/// assert_eq!(fingerprint(" \t"), None);
/// ```
pub fn fingerprint(line: &str) -> Option<String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    };
    let mut first = true;
    for word in line.split_whitespace() {
        if !first {
            eat(b' ');
        }
        first = false;
        word.bytes().for_each(&mut eat);
    }
    (!first).then(|| format!("{hash:016x}"))
}

/// The site of a record from the value of its site field: the host when it is a URL, the
/// string itself otherwise (lowercased), or `""` when the field is missing or not a string.
///
/// ```
/// use textmend::batch::fingerprint::site_of;
/// let url = serde_json::json!("https://News.example.org:8080/a?b");
/// assert_eq!(site_of(Some(&url)), "news.example.org");
/// assert_eq!(site_of(None), "");
/// ```
pub fn site_of(value: Option<&Value>) -> String {
    let Some(s) = value.and_then(Value::as_str) else {
        return String::new();
    };
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next().unwrap_or("");
    host.to_ascii_lowercase()
}

/// One line of `textmend boilerplate count` output: the number of documents of `site` that
/// contain a line with `fingerprint`, or, when `fingerprint` is `null`, the number of
/// documents of `site`. Lines with the same `(site, fingerprint)` are merged by adding `docs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRecord {
    /// The site (see [`site_of`]).
    pub site: String,
    /// A line fingerprint, or `None` for the site's document count.
    pub fingerprint: Option<String>,
    /// Number of documents.
    pub docs: u64,
}

/// Per-site document counts and line-fingerprint document counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    counts: BTreeMap<(String, Option<String>), u64>,
}

impl Counts {
    /// No documents yet.
    pub fn new() -> Counts {
        Counts::default()
    }

    /// Count one document of `site`.
    pub fn add_document(&mut self, site: &str, text: &str) {
        let fps: HashSet<String> = text.lines().filter_map(fingerprint).collect();
        *self.counts.entry((site.to_string(), None)).or_default() += 1;
        for fp in fps {
            *self.counts.entry((site.to_string(), Some(fp))).or_default() += 1;
        }
    }

    /// Add one count record (from another machine's output).
    pub fn add_record(&mut self, r: CountRecord) {
        *self.counts.entry((r.site, r.fingerprint)).or_default() += r.docs;
    }

    /// Add all of `other`'s counts.
    pub fn merge(&mut self, other: &Counts) {
        for (k, v) in &other.counts {
            *self.counts.entry(k.clone()).or_default() += v;
        }
    }

    /// The counts as records, sorted by site then fingerprint (site totals first).
    pub fn records(&self) -> impl Iterator<Item = CountRecord> + '_ {
        self.counts.iter().map(|((site, fp), &docs)| CountRecord {
            site: site.clone(),
            fingerprint: fp.clone(),
            docs,
        })
    }

    /// Count every JSON Lines record of `reader` (text in `field`, site from `site_field`).
    /// Malformed records and records without a string `field` are skipped.
    pub fn from_jsonl<R: BufRead>(reader: R, field: &str, site_field: &str) -> io::Result<Counts> {
        let mut counts = Counts::new();
        for line in reader.lines() {
            let line = line?;
            let Ok(record) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            if let Some(text) = record.get(field).and_then(Value::as_str) {
                counts.add_document(&site_of(record.get(site_field)), text);
            }
        }
        Ok(counts)
    }

    /// Read count records (one JSON object per line, possibly unmerged) and merge them.
    pub fn read_jsonl<R: BufRead>(reader: R) -> io::Result<Counts> {
        let mut counts = Counts::new();
        for (n, line) in reader.lines().enumerate() {
            let line = line?;
            if line.trim().is_empty() {
                continue;
            }
            let r: CountRecord = serde_json::from_str(&line).map_err(|e| {
                io::Error::new(io::ErrorKind::InvalidData, format!("line {}: {e}", n + 1))
            })?;
            counts.add_record(r);
        }
        Ok(counts)
    }

    /// Write the counts as JSON Lines, one [`CountRecord`] per line.
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> io::Result<()> {
        for r in self.records() {
            serde_json::to_writer(&mut w, &r)?;
            w.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// The boilerplate lines of each site, decided from merged [`Counts`].
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    /// The record field naming the site (default `url`).
    pub site_field: String,
    lines: HashMap<String, HashSet<String>>,
}

impl Boilerplate {
    /// Decide which fingerprints are boilerplate on each site ([`MIN_DOCS`], [`MIN_SHARE`]).
    pub fn from_counts(counts: &Counts, site_field: &str) -> Boilerplate {
        let mut lines: HashMap<String, HashSet<String>> = HashMap::new();
        for ((site, fp), &docs) in &counts.counts {
            let Some(fp) = fp else { continue };
            let total = counts
                .counts
                .get(&(site.clone(), None))
                .copied()
                .unwrap_or(0);
            if docs >= MIN_DOCS && docs as f64 >= MIN_SHARE * total as f64 {
                lines.entry(site.clone()).or_default().insert(fp.clone());
            }
        }
        Boilerplate {
            site_field: site_field.to_string(),
            lines,
        }
    }

    /// Number of boilerplate fingerprints over all sites.
    pub fn len(&self) -> usize {
        self.lines.values().map(HashSet::len).sum()
    }

    /// True when no line is boilerplate anywhere.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Remove the boilerplate lines of `site` from `text`, recording each as
    /// `chrome(boilerplate)` in `changes`.
    pub fn remove(&self, site: &str, text: String, changes: &mut Changes) -> String {
        let Some(set) = self.lines.get(site) else {
            return text;
        };
        let mut edits = Vec::new();
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            let range = start..start + line.len();
            start = range.end;
            if fingerprint(line).is_some_and(|fp| set.contains(&fp)) {
                edits.push(Edit::new(range, "", Reason::chrome("boilerplate")));
            }
        }
        changes.apply(Stage::Strip, text, edits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch() -> Vec<String> {
        (0..40)
            .map(|i| {
                let site = ["a.example", "b.example"][i % 2];
                let body = format!("Story number {i} about the river.");
                let text = if i % 2 == 0 {
                    format!("Home | News | Sport\n{body}\n© A Media\n")
                } else {
                    format!("{body}\nSubscribe to B\n")
                };
                serde_json::json!({"url": format!("https://{site}/{i}"), "text": text}).to_string()
            })
            .collect()
    }

    #[test]
    fn counts_of_parts_merge_to_counts_of_whole() {
        let lines = batch();
        let whole = Counts::from_jsonl(lines.join("\n").as_bytes(), "text", "url").unwrap();
        let mut merged = Counts::new();
        for part in lines.chunks(7) {
            let c = Counts::from_jsonl(part.join("\n").as_bytes(), "text", "url").unwrap();
            let mut out = Vec::new();
            c.write_jsonl(&mut out).unwrap();
            merged.merge(&Counts::read_jsonl(out.as_slice()).unwrap());
        }
        assert_eq!(merged, whole);
    }

    #[test]
    fn removes_lines_repeated_on_a_site_only() {
        let lines = batch();
        let counts = Counts::from_jsonl(lines.join("\n").as_bytes(), "text", "url").unwrap();
        let bp = Boilerplate::from_counts(&counts, "url");
        let mut changes = Changes::new();
        let text = "Home | News | Sport\nA new story.\n© A Media\nSubscribe to B\n".to_string();
        let out = bp.remove("a.example", text, &mut changes);
        assert_eq!(out, "A new story.\nSubscribe to B\n");
        assert_eq!(changes.len(), 2);
        assert!(
            changes
                .iter()
                .all(|c| c.reason.to_string() == "chrome(boilerplate)")
        );
    }
}
