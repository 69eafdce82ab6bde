//! Reading inputs: files, standard input, or the files of walked directories.

use std::fs;
use std::io::{self, Read};
use std::path::PathBuf;

use anyhow::{Context, Result};
use textmend::batch::walk::{self, Entry, WalkOptions};

use super::args::WalkArgs;

/// One input: a file or standard input.
#[derive(Debug, Clone)]
pub enum Input {
    Stdin,
    File {
        entry: Entry,
        /// Found by walking a directory (binary files there are skipped, not errors).
        walked: bool,
    },
}

impl Input {
    /// How the input is named in messages and reports.
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { entry, .. } => entry.path.display().to_string(),
        }
    }

    /// Open the input for reading in pieces.
    pub fn open(&self) -> Result<Box<dyn Read>> {
        match self {
            Input::Stdin => Ok(Box::new(io::stdin().lock())),
            Input::File { entry, .. } => {
                let p = &entry.path;
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
            Input::File { entry, .. } => {
                let p = &entry.path;
                if p.is_dir() {
                    anyhow::bail!("{}: is a directory", p.display());
                }
                fs::read(p).with_context(|| format!("{}: cannot read", p.display()))
            }
        }
    }
}

/// The inputs named by `paths`: standard input when there are none or for `-`; directories
/// walked. Paths that cannot be walked are returned as error messages.
pub fn expand(paths: &[PathBuf], walk_args: &WalkArgs) -> (Vec<Input>, Vec<String>, bool) {
    if paths.is_empty() {
        return (vec![Input::Stdin], Vec::new(), false);
    }
    let options = WalkOptions {
        globs: walk_args.glob.clone(),
        hidden: walk_args.hidden,
        no_ignore: walk_args.no_ignore,
    };
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut any_dir = false;
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let walked = p.is_dir();
        any_dir |= walked;
        for r in walk::expand(std::slice::from_ref(p), &options) {
            match r {
                Ok(entry) => inputs.push(Input::File { entry, walked }),
                Err(e) => errors.push(format!("{}: {}", e.path.display(), e.message)),
            }
        }
    }
    (inputs, errors, any_dir)
}
