//! Two-pass batch cleaning without repairing each document twice.
//!
//! Learning boilerplate across a batch needs every document's repaired text in pass 1 (the
//! line counts), and pass 2 strips each document with those counts. Pass 1 already ran the
//! first half of the `clean` pipeline (decode and repair, as `fix` does); [`Pass1Cache`] keeps
//! those documents, up to a byte budget so that memory stays bounded whatever the size of the
//! batch, and [`finish_clean`] runs only the rest (strip, normalize) on them in pass 2. A
//! document that did not fit in the budget is processed from its bytes again.

use std::collections::HashMap;

use crate::strip::boilerplate::SiteView;
use crate::{Config, Document, Mode, html};

/// Bytes of documents (texts, changes and allocation overhead) that [`Pass1Cache`] keeps by
/// default.
pub const CACHE_BUDGET: usize = 8 << 20;

/// Decode and repair `bytes` for pass 1: the document to count lines of, and whether pass 2
/// can continue from it ([`finish_clean`]). HTML input, which `clean` extracts from the page
/// instead, cannot.
pub fn pass1(bytes: &[u8], config: &Config) -> Option<(Document, bool)> {
    let doc = crate::process(bytes, Mode::Fix, config).ok()?;
    let reusable = !(config.html.detect && html::is_html(bytes));
    Some((doc, reusable))
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

/// Pass-1 documents by position in the batch, kept while they fit in a byte budget.
#[derive(Debug)]
pub struct Pass1Cache {
    docs: HashMap<usize, (u64, Document)>,
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
    pub fn new(len: usize, budget: usize) -> Pass1Cache {
        Pass1Cache {
            docs: HashMap::new(),
            len,
            used: 0,
            budget,
        }
    }

    /// Keep document `index` (read from `size` input bytes) if it fits in the budget.
    pub fn offer(&mut self, index: usize, size: u64, doc: Document) {
        let cost = cost(&doc);
        if self.used + cost <= self.budget && index < self.len && !self.docs.contains_key(&index) {
            self.used += cost;
            self.docs.insert(index, (size, doc));
        }
    }

    /// Take document `index` out of the cache (its memory is freed when pass 2 is done with it).
    pub fn take(&mut self, index: usize) -> Option<(u64, Document)> {
        let taken = self.docs.remove(&index)?;
        self.used -= cost(&taken.1);
        if self.docs.is_empty() {
            // Give the table's memory back once pass 2 has taken every document.
            self.docs = HashMap::new();
        }
        Some(taken)
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when no document is held.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
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
                let (doc, reusable) = pass1(p.as_bytes(), &config).unwrap();
                assert!(reusable);
                counts.observe("s", &doc.output);
                doc
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
        let (_, reusable) =
            pass1(b"<!DOCTYPE html><html><p>Hi</p></html>", &Config::default()).unwrap();
        assert!(!reusable);
    }

    #[test]
    fn the_cache_keeps_to_its_budget() {
        let config = Config::default();
        let doc = |t: &str| crate::process(t.as_bytes(), Mode::Fix, &config).unwrap();
        let one = cost(&doc("hello"));
        let mut cache = Pass1Cache::new(3, 2 * one + 1);
        cache.offer(0, 5, doc("hello"));
        cache.offer(1, 5, doc("world"));
        cache.offer(2, 5, doc("again"));
        assert_eq!(cache.len(), 2);
        assert!(cache.take(2).is_none());
        assert_eq!(cache.take(1).unwrap().1.output, "world");
        cache.offer(2, 5, doc("again"));
        assert_eq!(cache.len(), 2);
    }
}
