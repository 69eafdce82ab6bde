//! Batch work: walking directory trees, writing outputs safely, JSON Lines and WARC streams,
//! and the summary of a run. Each piece calls the library per document; none knows about the
//! command line.

pub mod fingerprint;
pub mod jsonl;
pub mod ordered;
pub mod twopass;
pub mod walk;
pub mod warc;
pub mod write;

use std::time::Duration;

/// Counts of a batch run, printed at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Documents processed (successfully or not).
    pub documents: u64,
    /// Input bytes read.
    pub bytes: u64,
    /// Documents whose text changed.
    pub changed: u64,
    /// Documents that could not be read, decoded or written.
    pub failed: u64,
    /// Documents skipped (binary files).
    pub skipped: u64,
}

impl Summary {
    /// Add another summary's counts to this one.
    pub fn add(&mut self, other: &Summary) {
        self.documents += other.documents;
        self.bytes += other.bytes;
        self.changed += other.changed;
        self.failed += other.failed;
        self.skipped += other.skipped;
    }

    /// One line: `12 documents, 3.4 MB, 5 changed, 0 failed, 1 skipped in 0.21 s (16.2 MB/s)`.
    pub fn line(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-9);
        let mb = self.bytes as f64 / 1e6;
        format!(
            "{} documents, {:.1} MB, {} changed, {} failed, {} skipped in {:.2} s ({:.1} MB/s, {:.0} documents/s)",
            self.documents,
            mb,
            self.changed,
            self.failed,
            self.skipped,
            secs,
            mb / secs,
            self.documents as f64 / secs
        )
    }
}
