//! Turning the paths of a command line into the files to process: files as given, directories
//! walked recursively with the `ignore` crate (honouring `.gitignore`, skipping hidden files
//! unless asked, filtered by globs).

use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;

/// How directories are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Glob filters (`*.txt`, `!drafts/**`): a file is processed when it matches one of the
    /// positive globs (or there are none) and no negated one.
    pub globs: Vec<String>,
    /// Also walk hidden files and directories.
    pub hidden: bool,
    /// Do not honour `.gitignore`, `.ignore` and similar files.
    pub no_ignore: bool,
}

/// A file to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The file's path.
    pub path: PathBuf,
    /// Its path relative to the argument it was found under (for a file argument, its name):
    /// where it goes under `--out-dir`.
    pub relative: PathBuf,
}

/// A path that could not be walked: its path and what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// The path.
    pub path: PathBuf,
    /// What went wrong, for a message.
    pub message: String,
}

/// Expand `paths` into the files to process, in a stable order (directories sorted by name).
/// Paths that cannot be walked come back as errors in place; the rest go on.
pub fn expand(paths: &[PathBuf], options: &WalkOptions) -> Vec<Result<Entry, WalkError>> {
    let mut out = Vec::new();
    for root in paths {
        if root.is_dir() {
            walk_dir(root, options, &mut out);
        } else {
            let relative = root
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| root.clone());
            out.push(Ok(Entry {
                path: root.clone(),
                relative,
            }));
        }
    }
    out
}

fn walk_dir(root: &Path, options: &WalkOptions, out: &mut Vec<Result<Entry, WalkError>>) {
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(!options.hidden)
        .git_ignore(!options.no_ignore)
        .git_global(!options.no_ignore)
        .git_exclude(!options.no_ignore)
        .ignore(!options.no_ignore)
        .parents(!options.no_ignore)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    // Globs filter the files the walk yields; unlike `WalkBuilder::overrides`, they never
    // bring back hidden or ignored files.
    let mut filter = None;
    if !options.globs.is_empty() {
        let mut ov = OverrideBuilder::new(root);
        for g in &options.globs {
            if let Err(e) = ov.add(g) {
                out.push(Err(WalkError {
                    path: root.to_path_buf(),
                    message: format!("bad glob {g:?}: {e}"),
                }));
                return;
            }
        }
        match ov.build() {
            Ok(ov) => filter = Some(ov),
            Err(e) => {
                out.push(Err(WalkError {
                    path: root.to_path_buf(),
                    message: format!("bad globs: {e}"),
                }));
                return;
            }
        }
    }
    for result in builder.build() {
        match result {
            Ok(entry) => {
                let Some(ft) = entry.file_type() else {
                    continue;
                };
                let path = entry.path();
                if ft.is_dir() {
                    continue;
                }
                if ft.is_symlink() {
                    match std::fs::metadata(path) {
                        Ok(m) if m.is_file() => {}
                        Ok(_) => continue,
                        Err(e) => {
                            out.push(Err(WalkError {
                                path: path.to_path_buf(),
                                message: format!("broken symbolic link: {e}"),
                            }));
                            continue;
                        }
                    }
                } else if !ft.is_file() {
                    continue;
                }
                if let Some(ov) = &filter {
                    let m = ov.matched(path, false);
                    let positive = ov.num_whitelists() > 0;
                    if m.is_ignore() || (positive && !m.is_whitelist()) {
                        continue;
                    }
                }
                let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                out.push(Ok(Entry {
                    path: path.to_path_buf(),
                    relative,
                }));
            }
            Err(e) => {
                let path = match &e {
                    ignore::Error::WithPath { path, .. } => path.clone(),
                    _ => root.to_path_buf(),
                };
                out.push(Err(WalkError {
                    path,
                    message: e.to_string(),
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_recursively_honouring_gitignore_hidden_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("a/b")).unwrap();
        fs::write(d.join("a/one.txt"), "1").unwrap();
        fs::write(d.join("a/b/two.txt"), "2").unwrap();
        fs::write(d.join("a/b/three.md"), "3").unwrap();
        fs::write(d.join(".hidden.txt"), "h").unwrap();
        fs::write(d.join("skip.txt"), "s").unwrap();
        fs::write(d.join(".gitignore"), "skip.txt\n").unwrap();
        let rel = |opts: &WalkOptions| -> Vec<String> {
            expand(&[d.to_path_buf()], opts)
                .into_iter()
                .map(|e| e.unwrap().relative.to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            rel(&WalkOptions::default()),
            ["a/b/three.md", "a/b/two.txt", "a/one.txt"]
        );
        let txt = WalkOptions {
            globs: vec!["*.txt".into()],
            ..Default::default()
        };
        assert_eq!(rel(&txt), ["a/b/two.txt", "a/one.txt"]);
        let all = WalkOptions {
            hidden: true,
            no_ignore: true,
            ..Default::default()
        };
        assert_eq!(rel(&all).len(), 6);
    }
}
