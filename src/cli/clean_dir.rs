//! `textmend clean DIR`: clean every file of a directory tree in two passes. The first pass
//! counts lines per site (here: per directory) to learn boilerplate; the second strips with
//! those counts. Counts can be saved (`--boilerplate-out`) and loaded and merged
//! (`--boilerplate-in`, repeatable).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use textmend::strip::boilerplate::Boilerplate;
use textmend::{Config, Mode};

use super::Outcome;
use super::io::write_atomic;

/// Options of `clean` for batches (directories).
#[derive(Debug, Args, Default)]
pub struct BatchArgs {
    /// With directory inputs, write each cleaned file to DIR under its path relative to the
    /// input directory (instead of standard output).
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Read boilerplate counts from FILE (JSON written by --boilerplate-out); repeatable, the
    /// counts are merged.
    #[arg(long, value_name = "FILE")]
    pub boilerplate_in: Vec<PathBuf>,
    /// Write the boilerplate counts (those read plus those learned) to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub boilerplate_out: Option<PathBuf>,
    /// Do not learn boilerplate from the inputs: per-page rules only (counts from
    /// --boilerplate-in still apply).
    #[arg(long)]
    pub no_learn: bool,
}

/// One file of the batch: where it is, and the site it belongs to.
struct Item {
    path: PathBuf,
    relative: PathBuf,
    site: String,
}

/// Every regular file under `dir`, sorted, skipping hidden entries; the site of a file is the
/// directory it is in, relative to `root`.
fn walk(root: &Path, dir: &Path, out: &mut Vec<Item>) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read directory", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{}: cannot read directory", dir.display()))?;
    entries.sort();
    for path in entries {
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if path.is_dir() {
            walk(root, &path, out)?;
        } else if path.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let site = format!(
                "{}/{}",
                root.display(),
                relative.parent().unwrap_or(Path::new("")).display()
            );
            out.push(Item {
                path,
                relative,
                site,
            });
        }
    }
    Ok(())
}

/// Load and merge the counts of `files`.
fn load_counts(files: &[PathBuf]) -> Result<Boilerplate> {
    let mut counts = Boilerplate::default();
    for file in files {
        let text = fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read boilerplate counts", file.display()))?;
        let part: Boilerplate = serde_json::from_str(&text).with_context(|| {
            format!(
                "{}: not boilerplate counts (expected JSON from --boilerplate-out)",
                file.display()
            )
        })?;
        counts.merge(&part);
    }
    Ok(counts)
}

/// Clean the files under the directories `dirs` in two passes; write them under
/// `batch.output_dir`, or in place, or to `out`.
pub fn run(
    dirs: &[PathBuf],
    config: &Config,
    batch: &BatchArgs,
    in_place: bool,
    out: &mut dyn std::io::Write,
) -> Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut items = Vec::new();
    for dir in dirs {
        walk(dir, dir, &mut items)?;
    }
    let mut counts = load_counts(&batch.boilerplate_in)?;
    if !batch.no_learn {
        for item in &items {
            match fs::read(&item.path)
                .with_context(|| format!("{}: cannot read", item.path.display()))
                .and_then(|b| Ok(textmend::process(&b, Mode::Fix, config)?))
            {
                Ok(doc) => counts.observe(&item.site, &doc.output),
                Err(e) => {
                    eprintln!("textmend: {e:#}");
                    outcome.failed = true;
                }
            }
        }
    }
    if let Some(path) = &batch.boilerplate_out {
        fs::write(path, serde_json::to_string(&counts)? + "\n")
            .with_context(|| format!("{}: cannot write boilerplate counts", path.display()))?;
    }
    for item in &items {
        let bytes = match fs::read(&item.path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("textmend: {}: cannot read: {e}", item.path.display());
                outcome.failed = true;
                continue;
            }
        };
        let doc = match textmend::process_with(
            &bytes,
            Mode::Clean,
            config,
            Some(counts.view(&item.site)),
        ) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("textmend: {}: {e}", item.path.display());
                outcome.failed = true;
                continue;
            }
        };
        let written = if let Some(dir) = &batch.output_dir {
            let target = dir.join(&item.relative);
            target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .map_err(anyhow::Error::from)
                .and_then(|_| Ok(fs::write(&target, doc.output.as_bytes())?))
                .with_context(|| format!("{}: cannot write", target.display()))
        } else if in_place {
            if doc.changed() {
                write_atomic(&item.path, doc.output.as_bytes())
            } else {
                Ok(())
            }
        } else {
            out.write_all(doc.output.as_bytes()).map_err(Into::into)
        };
        if let Err(e) = written {
            eprintln!("textmend: {e:#}");
            outcome.failed = true;
        }
    }
    Ok(outcome)
}
