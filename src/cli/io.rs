//! Reading inputs and writing outputs safely.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// One input: a file path or standard input.
#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The inputs named by `paths`: standard input when there are none or for `-`.
    pub fn from_paths(paths: &[PathBuf]) -> Vec<Input> {
        if paths.is_empty() {
            return vec![Input::Stdin];
        }
        paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::Stdin
                } else {
                    Input::File(p.clone())
                }
            })
            .collect()
    }

    /// How the input is named in messages and reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File(p) => p.display().to_string(),
        }
    }

    /// Open the input for reading in pieces.
    pub fn open(&self) -> Result<Box<dyn Read>> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
            Input::File(p) => {
                if p.is_dir() {
                    anyhow::bail!("{}: is a directory", p.display());
                }
                let f =
                    fs::File::open(p).with_context(|| format!("{}: cannot read", p.display()))?;
                Ok(Box::new(io::BufReader::with_capacity(1 << 16, f)))
            }
        }
    }

    /// Read all of the input's bytes.
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            Input::Stdin => {
                let mut buf = Vec::new();
                io::stdin()
                    .lock()
                    .read_to_end(&mut buf)
                    .context("cannot read standard input")?;
                Ok(buf)
            }
            Input::File(p) => {
                if p.is_dir() {
                    anyhow::bail!("{}: is a directory", p.display());
                }
                fs::read(p).with_context(|| format!("{}: cannot read", p.display()))
            }
        }
    }
}

/// Replace the contents of `path` with `data` atomically: write a temporary file in the same
/// directory, give it the original's permissions, flush it to disk, then rename it over the
/// original. On any error the original is untouched and the temporary file is removed.
pub fn write_atomic(path: &Path, data: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let perms = fs::metadata(path)
        .with_context(|| format!("{}: cannot stat", path.display()))?
        .permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".textmend-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| {
            format!(
                "{}: cannot create a temporary file in {}",
                path.display(),
                dir.display()
            )
        })?;
    tmp.write_all(data)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write temporary file", path.display()))?;
    fs::set_permissions(tmp.path(), perms)
        .with_context(|| format!("{}: cannot set permissions", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot replace file", path.display()))?;
    Ok(())
}

/// True when `err` is a broken pipe on output (e.g. `textmend fix big.txt | head`), which ends
/// the run normally.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
