//! `textmend clean DIR`: clean every file of directory trees (and files named beside them) in
//! two passes. The first pass counts lines per site (here: per directory) to learn boilerplate;
//! the second strips with those counts. Counts can be saved (`--boilerplate-out`) and loaded and
//! merged (`--boilerplate-in`, repeatable).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use textmend::report;
use textmend::strip::boilerplate::Boilerplate;
use textmend::{Config, Mode};

use super::Outcome;
use super::args::FixArgs;
use super::io::write_atomic;

/// Options of `clean` for batches (directories).
#[derive(Debug, Args, Default)]
pub struct BatchArgs {
    /// Write each cleaned file to DIR under its path relative to the input directory (a file
    /// named directly: under its name), instead of standard output.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["in_place", "diff", "output"])]
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

/// The name of directory `dir` (of the current directory for `.`), used as a site key.
fn dir_name(dir: &Path) -> String {
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    fs::canonicalize(dir)
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| dir.display().to_string())
}

/// Every regular file under `dir`, sorted, skipping hidden entries. The site of a file is the
/// directory it is in, relative to `root` (`pages/example.com/a.txt` under `pages/`:
/// `example.com`), or the name of `root` for files directly in it, so that counts learned over
/// parts of a batch (`part1/example.com/`, `part2/example.com/`) merge by site.
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
            let site = match relative.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
                _ => dir_name(root),
            };
            out.push(Item {
                path,
                relative,
                site,
            });
        }
    }
    Ok(())
}

/// The files of `paths`: every file under a directory (site: its directory), and each file
/// named directly (site: the directory it is in).
fn items(paths: &[PathBuf]) -> Result<Vec<Item>> {
    let mut items = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, path, &mut items)?;
        } else {
            items.push(Item {
                path: path.clone(),
                relative: path.file_name().map(PathBuf::from).unwrap_or_default(),
                site: dir_name(path.parent().unwrap_or(Path::new(""))),
            });
        }
    }
    Ok(items)
}

/// True when `args` ask for batch cleaning: a directory among the inputs, an output directory,
/// or boilerplate counts to read or write.
pub fn wanted(args: &FixArgs) -> bool {
    args.paths.iter().any(|p| p.is_dir())
        || args.batch.output_dir.is_some()
        || !args.batch.boilerplate_in.is_empty()
        || args.batch.boilerplate_out.is_some()
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

/// Clean the files of `args.paths` (directories walked) in two passes; write them under
/// `--output-dir`, or in place, or as text or a diff to `out`; write `--report` if asked.
pub fn run(args: &FixArgs, config: &Config, out: &mut dyn std::io::Write) -> Result<Outcome> {
    let batch = &args.batch;
    if args.paths.is_empty() || args.paths.iter().any(|p| p.as_os_str() == "-") {
        anyhow::bail!(
            "batch cleaning (a directory, --output-dir, --boilerplate-in/-out) reads files, \
             not standard input: name the files or directories"
        );
    }
    let mut outcome = Outcome::default();
    let items = items(&args.paths)?;
    let mut reports = Vec::new();
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
        let name = item.path.display().to_string();
        if args.report.is_some() {
            reports.push(serde_json::to_value(report::json::document_report(
                &name, &doc,
            ))?);
        }
        let written = if let Some(dir) = &batch.output_dir {
            let target = dir.join(&item.relative);
            target
                .parent()
                .map_or(Ok(()), fs::create_dir_all)
                .map_err(anyhow::Error::from)
                .and_then(|_| Ok(fs::write(&target, doc.output.as_bytes())?))
                .with_context(|| format!("{}: cannot write", target.display()))
        } else if args.diff {
            out.write_all(report::diff::unified(&name, &doc).as_bytes())
                .map_err(Into::into)
        } else if args.in_place {
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
    if let Some(path) = &args.report {
        let json = serde_json::json!({ "version": 1, "documents": reports });
        fs::write(path, serde_json::to_string_pretty(&json)? + "\n")
            .with_context(|| format!("{}: cannot write report", path.display()))?;
    }
    Ok(outcome)
}
