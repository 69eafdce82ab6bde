//! `textmend boilerplate count` (pass 1 of batch boilerplate learning) and the loading of
//! boilerplate counts for `clean --boilerplate-in` (pass 2), in either of their two forms.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use textmend::batch::fingerprint::{count_jsonl, read_counts, write_jsonl};
use textmend::batch::ordered::Workers;
use textmend::strip::boilerplate::Boilerplate;

use super::Outcome;
use super::args::CountArgs;

/// Count line fingerprints per site over the JSON Lines inputs and write the counts.
pub fn count(args: CountArgs) -> Result<Outcome> {
    let config = textmend::Config::default();
    let workers = Workers::new(None).context("cannot start worker threads")?;
    let count =
        |r: &mut dyn io::BufRead| count_jsonl(&workers, r, &args.field, &args.site_field, &config);
    let mut counts = Boilerplate::default();
    if args.paths.is_empty() || args.paths.iter().all(|p| p.as_os_str() == "-") {
        counts = count(&mut io::stdin().lock()).context("cannot read standard input")?;
    } else {
        for p in &args.paths {
            let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
            let c = count(&mut BufReader::new(f))
                .with_context(|| format!("cannot read {}", p.display()))?;
            counts.merge(&c);
        }
    }
    match &args.output {
        Some(path) => {
            let f =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut w = BufWriter::new(f);
            write_jsonl(&counts, &mut w)?;
            w.flush()?;
        }
        None => {
            let mut w = BufWriter::new(io::stdout().lock());
            write_jsonl(&counts, &mut w)?;
            w.flush()?;
        }
    }
    Ok(Outcome::default())
}

/// Read and merge the boilerplate counts of `files`: JSON from `clean --boilerplate-out` or
/// JSON Lines from `textmend boilerplate count`.
pub fn load(files: &[PathBuf]) -> Result<Boilerplate> {
    let mut counts = Boilerplate::default();
    for path in files {
        let f = File::open(path).with_context(|| {
            format!(
                "cannot open {} (make it with `clean --boilerplate-out` or `textmend boilerplate count`)",
                path.display()
            )
        })?;
        let part = read_counts(BufReader::new(f)).with_context(|| {
            format!(
                "{}: not boilerplate counts (expected the JSON of --boilerplate-out or the JSON Lines of `textmend boilerplate count`)",
                path.display()
            )
        })?;
        counts.merge(&part);
    }
    Ok(counts)
}
