//! `textmend boilerplate count` (pass 1 of batch boilerplate learning) and the loading of its
//! merged output for `clean --jsonl --boilerplate-in` (pass 2).

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use textmend::batch::fingerprint::{Boilerplate, Counts};

use super::Outcome;
use super::args::CountArgs;

/// Count line fingerprints per site over the JSON Lines inputs and write the counts.
pub fn count(args: CountArgs) -> Result<Outcome> {
    let mut counts = Counts::new();
    if args.paths.is_empty() || args.paths.iter().all(|p| p.as_os_str() == "-") {
        counts = Counts::from_jsonl(io::stdin().lock(), &args.field, &args.site_field)
            .context("cannot read standard input")?;
    } else {
        for p in &args.paths {
            let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
            let c = Counts::from_jsonl(BufReader::new(f), &args.field, &args.site_field)
                .with_context(|| format!("cannot read {}", p.display()))?;
            counts.merge(&c);
        }
    }
    match &args.output {
        Some(path) => {
            let f =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = BufWriter::new(f);
            counts.write_jsonl(&mut w)?;
            w.flush()?;
        }
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            counts.write_jsonl(&mut w)?;
            w.flush()?;
        }
    }
    Ok(Outcome::default())
}

/// The boilerplate decided from `--boilerplate-in`, if given.
pub fn load(files: &[PathBuf], site_field: &str) -> Result<Option<Arc<Boilerplate>>> {
    if files.is_empty() {
        return Ok(None);
    }
    let mut counts = Counts::default();
    for path in files {
        let f = File::open(path).with_context(|| {
            format!(
                "cannot open {} (make it with `textmend boilerplate count`)",
                path.display()
            )
        })?;
        let part = Counts::read_jsonl(BufReader::new(f))
            .with_context(|| format!("{}: not boilerplate counts", path.display()))?;
        counts.merge(&part);
    }
    Ok(Some(Arc::new(Boilerplate::from_counts(
        &counts, site_field,
    ))))
}
