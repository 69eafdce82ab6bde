//! Two-pass batch cleaning without repairing each document twice.
//!
//! Learning boilerplate across a batch needs every document's repaired text in pass 1 (the
//! line counts), and pass 2 strips each document with those counts. Pass 1 already ran the
//! first half of the `clean` pipeline (decode and repair, as `fix` does); [`Pass1Cache`] keeps
//! what pass 2 needs to go on from there, and [`finish_clean`] runs only the rest (strip,
//! normalize):
//!
//! - whole documents, up to a byte budget so that memory stays bounded whatever the size of
//!   the batch;
//! - for the other documents that repair left as they were (most of a real batch), a few
//!   words: the size and a hash of their bytes ([`Unrepaired`]). Pass 2 reads and decodes
//!   them again, which is cheap, and skips repair, which is not: [`Unrepaired::resume`].
//!
//! A document that repair changed and that did not fit in the budget, or whose bytes changed
//! between the passes, is processed from its bytes again.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};

use crate::strip::boilerplate::SiteView;
use crate::{Changes, Config, Document, Fixed, Mode, decode_with, html};

/// Bytes of documents (texts, changes and allocation overhead) that [`Pass1Cache`] keeps by
/// default.
pub const CACHE_BUDGET: usize = 8 << 20;

/// What pass 1 made of one document's bytes ([`pass1`]).
#[derive(Debug)]
pub struct Pass1 {
    /// The decoded and repaired document, whose lines pass 1 counts.
    pub doc: Document,
    /// True when pass 2 can continue from `doc` ([`finish_clean`]). HTML input, which `clean`
    /// extracts from the page instead, cannot.
    pub reusable: bool,
    /// Set when repair changed nothing: what pass 2 needs to skip repair.
    pub unrepaired: Option<Unrepaired>,
}

/// Decode and repair `bytes` for pass 1 (`None` for input that does not decode, e.g. binary).
pub fn pass1(bytes: &[u8], config: &Config) -> Option<Pass1> {
    if config.html.detect && html::is_html(bytes) {
        let doc = crate::process(bytes, Mode::Fix, config).ok()?;
        return Some(Pass1 {
            doc,
            reusable: false,
            unrepaired: None,
        });
    }
    let decoded = decode_with(bytes, &config.decode).ok()?;
    let fixed = crate::fix_text(&decoded.text, config);
    let unrepaired = (fixed.changes == Changes::new()).then(|| Unrepaired {
        size: bytes.len() as u64,
        hash: hash(bytes),
    });
    Some(Pass1 {
        doc: Document::new(decoded, fixed),
        reusable: true,
        unrepaired,
    })
}

/// A document that repair left as it was in pass 1, known by its bytes' size and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unrepaired {
    size: u64,
    hash: u64,
}

impl Unrepaired {
    /// The document pass 1 made of `bytes`, without running repair again: `None` when `bytes`
    /// are not the bytes pass 1 read (the file changed in between), for the caller to process
    /// them from the start.
    ///
    /// ```
    /// use textmend::{Config, Mode, batch::twopass::pass1};
    /// let config = Config::default();
    /// let bytes = "Ein Fluss, zwei Brücken.\n".as_bytes();
    /// let first = pass1(bytes, &config).unwrap();
    /// let kept = first.unrepaired.unwrap();
    /// let again = kept.resume(bytes, &config).unwrap();
    /// assert_eq!(again.output, first.doc.output);
    /// assert!(kept.resume(b"Ein Fluss, drei Br\xc3\xbccken.\n", &config).is_none());
    /// ```
    pub fn resume(&self, bytes: &[u8], config: &Config) -> Option<Document> {
        if bytes.len() as u64 != self.size || hash(bytes) != self.hash {
            return None;
        }
        let decoded = decode_with(bytes, &config.decode).ok()?;
        let fixed = Fixed {
            text: decoded.text.clone(),
            changes: Changes::new(),
        };
        Some(Document::new(decoded, fixed))
    }
}

/// A hash of a document's bytes, to tell whether pass 2 reads what pass 1 read.
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Finish the `clean` pipeline on a document that went through decode and repair only
/// ([`pass1`], or [`process`](crate::process) in [`Mode::Fix`] of non-HTML input): strip page
/// chrome (with the batch counts of its site) and normalize whitespace. The result is the
/// document [`process_with`](crate::process_with) in [`Mode::Clean`] makes from the same bytes.
///
/// ```
/// use textmend::{Config, Mode, batch::twopass::finish_clean};
/// let config = Config::default();
/// let bytes = "Home > News > World\nIt\u{a1}\u{af}s here.  \n".as_bytes();
/// let fixed = textmend::process(bytes, Mode::Fix, &config).unwrap();
/// let cleaned = finish_clean(fixed, &config, None);
/// let direct = textmend::process(bytes, Mode::Clean, &config).unwrap();
/// assert_eq!(cleaned.output, "It’s here.\n");
/// assert_eq!(cleaned.output, direct.output);
/// assert_eq!(cleaned.changes, direct.changes);
/// ```
pub fn finish_clean(mut doc: Document, config: &Config, site: Option<SiteView<'_>>) -> Document {
    let text = std::mem::take(&mut doc.output);
    doc.output = crate::finish_clean(text, config, site, &mut doc.changes);
    doc
}

/// What [`Pass1Cache`] keeps of one document for pass 2.
#[derive(Debug)]
pub enum Kept {
    /// The decoded and repaired document, read from this many bytes.
    Document(u64, Document),
    /// A document repair left as it was.
    Unrepaired(Unrepaired),
}

/// What pass 1 keeps for pass 2, by position in the batch: documents while they fit in a byte
/// budget, and past it the size and hash of the documents repair left as they were.
#[derive(Debug)]
pub struct Pass1Cache {
    docs: HashMap<usize, (u64, Document)>,
    unrepaired: HashMap<usize, Unrepaired>,
    len: usize,
    used: usize,
    budget: usize,
}

/// Bytes the allocator spends on one allocation beyond its contents, counted generously.
const PER_ALLOCATION: usize = 48;

/// The memory a cached document holds, counted generously: its texts, its changes (each with
/// its own small strings) and the records, each allocation with the allocator's overhead.
fn cost(doc: &Document) -> usize {
    let changes: usize = doc
        .changes
        .iter()
        .map(|c| std::mem::size_of_val(c) + c.before.len() + c.after.len() + 3 * PER_ALLOCATION)
        .sum();
    std::mem::size_of::<(usize, u64, Document)>()
        + doc.input.len()
        + doc.output.len()
        + changes
        + 4 * PER_ALLOCATION
}

impl Pass1Cache {
    /// An empty cache for a batch of `len` documents holding at most `budget` bytes of text.
    /// The documents past the budget that repair left as they were cost a few words each
    /// beyond it (32 bytes and the table's overhead), as the list of inputs does.
    pub fn new(len: usize, budget: usize) -> Pass1Cache {
        Pass1Cache {
            docs: HashMap::new(),
            unrepaired: HashMap::new(),
            len,
            used: 0,
            budget,
        }
    }

    /// Keep what pass 2 needs of document `index` (read from `size` input bytes): the
    /// document if it fits in the budget, else its [`Unrepaired`] record if it has one.
    /// Nothing of a document that is not reusable.
    pub fn offer(&mut self, index: usize, size: u64, first: Pass1) {
        if !first.reusable || index >= self.len || self.holds(index) {
            return;
        }
        let cost = cost(&first.doc);
        if self.used + cost <= self.budget {
            self.used += cost;
            self.docs.insert(index, (size, first.doc));
        } else if let Some(unrepaired) = first.unrepaired {
            self.unrepaired.insert(index, unrepaired);
        }
    }

    fn holds(&self, index: usize) -> bool {
        self.docs.contains_key(&index) || self.unrepaired.contains_key(&index)
    }

    /// Take what is kept of document `index` out of the cache (a document's memory is freed
    /// when pass 2 is done with it).
    pub fn take(&mut self, index: usize) -> Option<Kept> {
        if let Some(unrepaired) = self.unrepaired.remove(&index) {
            if self.unrepaired.is_empty() {
                self.unrepaired = HashMap::new();
            }
            return Some(Kept::Unrepaired(unrepaired));
        }
        let (size, doc) = self.docs.remove(&index)?;
        self.used -= cost(&doc);
        if self.docs.is_empty() {
            // Give the table's memory back once pass 2 has taken every document.
            self.docs = HashMap::new();
        }
        Some(Kept::Document(size, doc))
    }

    /// Documents held, whole or as [`Unrepaired`] records.
    pub fn len(&self) -> usize {
        self.docs.len() + self.unrepaired.len()
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::strip::boilerplate::Boilerplate;

    #[test]
    fn finishing_a_fixed_document_equals_cleaning_it_with_counts() {
        let config = Config::default();
        let pages = [
            "Start · Politik\nDer Fluss stieg über Nacht um zwei Meter, sagte die Feuerwehr am Morgen.\nImpressum\n",
            "Start · Politik\nDie Brücke bleibt bis Freitag gesperrt, teilte die Stadt am Abend mit.\nImpressum\n",
            "Start · Politik\nIt\u{a1}\u{af}s the third report of the week from the river.\nImpressum\n",
        ];
        let mut counts = Boilerplate::default();
        let fixed: Vec<Document> = pages
            .iter()
            .map(|p| {
                let first = pass1(p.as_bytes(), &config).unwrap();
                assert!(first.reusable);
                counts.observe("s", &first.doc.output);
                first.doc
            })
            .collect();
        for (page, doc) in pages.iter().zip(fixed) {
            let site = Some(counts.view("s"));
            let direct = crate::process_with(page.as_bytes(), Mode::Clean, &config, site).unwrap();
            let finished = finish_clean(doc, &config, site);
            assert_eq!(finished.output, direct.output);
            assert_eq!(finished.changes, direct.changes);
            assert_eq!(finished.input, direct.input);
            assert!(!finished.output.contains("Impressum"));
        }
    }

    #[test]
    fn html_is_not_reusable() {
        let first = pass1(b"<!DOCTYPE html><html><p>Hi</p></html>", &Config::default()).unwrap();
        assert!(!first.reusable);
        assert!(first.unrepaired.is_none());
    }

    /// Every file of `dir` and its subdirectories.
    fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    #[test]
    fn resuming_an_unrepaired_document_equals_repairing_it() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("fixtures"), &mut paths);
        files(&root.join("tests/data/uchardet"), &mut paths);
        let config = Config::default();
        let (mut resumed, mut repaired) = (0, 0);
        for path in paths {
            let bytes = std::fs::read(&path).unwrap();
            let Some(first) = pass1(&bytes, &config) else {
                continue;
            };
            let direct = crate::process(&bytes, Mode::Fix, &config).unwrap();
            match first.unrepaired {
                Some(kept) => {
                    resumed += 1;
                    let doc = kept.resume(&bytes, &config).unwrap();
                    assert_eq!(doc.input, direct.input, "{}", path.display());
                    assert_eq!(doc.output, direct.output, "{}", path.display());
                    assert_eq!(doc.changes, direct.changes, "{}", path.display());
                    assert_eq!(
                        (doc.encoding, doc.source, doc.declared, doc.overridden),
                        (
                            direct.encoding,
                            direct.source,
                            direct.declared,
                            direct.overridden
                        ),
                        "{}",
                        path.display()
                    );
                    let mut other = bytes.clone();
                    other.push(b'\n');
                    assert!(kept.resume(&other, &config).is_none());
                }
                None if first.reusable => {
                    repaired += 1;
                    let decoded = decode_with(&bytes, &config.decode).unwrap();
                    assert!(
                        first.doc.changes.len() > decoded.changes.len(),
                        "{}: not unrepaired, yet repair changed nothing",
                        path.display()
                    );
                }
                None => {}
            }
        }
        assert!(resumed >= 50, "{resumed} documents left unrepaired");
        assert!(repaired >= 5, "{repaired} documents repaired");
    }

    #[test]
    fn the_cache_keeps_to_its_budget_then_the_unrepaired() {
        let config = Config::default();
        let first = |t: &str| pass1(t.as_bytes(), &config).unwrap();
        let one = cost(&first("hello").doc);
        let mut cache = Pass1Cache::new(4, 2 * one + 1);
        cache.offer(0, 5, first("hello"));
        cache.offer(1, 5, first("world"));
        cache.offer(2, 5, first("again"));
        cache.offer(3, 8, first("It\u{a1}\u{af}s"));
        assert_eq!(cache.len(), 3, "two documents and one unrepaired record");
        assert!(matches!(cache.take(2), Some(Kept::Unrepaired(_))));
        assert!(cache.take(3).is_none(), "repaired, past the budget");
        match cache.take(1) {
            Some(Kept::Document(5, doc)) => assert_eq!(doc.output, "world"),
            other => panic!("{other:?}"),
        }
        cache.offer(2, 5, first("again"));
        assert!(matches!(cache.take(2), Some(Kept::Document(5, _))));
    }
}
