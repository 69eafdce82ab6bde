//! Writing outputs so that nothing is ever lost or half-written.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// An error writing `path`, with what was being done.
#[derive(Debug, thiserror::Error)]
#[error("{}: {what}: {source}", path.display())]
pub struct WriteError {
    /// The file that was to be written.
    pub path: PathBuf,
    /// What failed.
    pub what: &'static str,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

fn err<'a>(path: &'a Path, what: &'static str) -> impl FnOnce(io::Error) -> WriteError + 'a {
    move |source| WriteError {
        path: path.to_path_buf(),
        what,
        source,
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Replace the contents of `path` with `data` atomically: write a temporary file in the same
/// directory, give it the original's permissions, flush it to disk, then rename it over the
/// original. With `backup`, the original is first hard-linked (or copied) to `path` + `backup`.
/// On any error the original is untouched and the temporary file is removed.
pub fn replace_atomic(path: &Path, data: &[u8], backup: Option<&str>) -> Result<(), WriteError> {
    let perms = fs::metadata(path)
        .map_err(err(path, "cannot stat"))?
        .permissions();
    if let Some(suffix) = backup {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let backup_path = PathBuf::from(name);
        let _ = fs::remove_file(&backup_path);
        if fs::hard_link(path, &backup_path).is_err() {
            fs::copy(path, &backup_path).map_err(err(path, "cannot write backup"))?;
        }
    }
    write_through_temp(path, data, Some(perms), true)
}

/// Write `data` to `path` (new or existing) through a temporary file in the same directory and
/// a rename, creating parent directories as needed: readers never see a partial file. The data
/// is not flushed to disk first (outputs beside their inputs, reports): an original is only
/// replaced by [`replace_atomic`], which does flush.
pub fn write_new_atomic(
    path: &Path,
    data: &[u8],
    perms: Option<fs::Permissions>,
) -> Result<(), WriteError> {
    write_through_temp(path, data, perms, false)
}

fn write_through_temp(
    path: &Path,
    data: &[u8],
    perms: Option<fs::Permissions>,
    sync: bool,
) -> Result<(), WriteError> {
    let dir = parent_dir(path);
    let temp = || {
        tempfile::Builder::new()
            .prefix(".textmend-")
            .suffix(".tmp")
            .tempfile_in(dir)
    };
    // The directory usually exists (a batch writes many files to each): create it only when
    // the temporary file cannot be made without it, saving a mkdir and a stat per file.
    let mut tmp = match temp() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(err(path, "cannot create directory"))?;
            temp()
        }
        other => other,
    }
    .map_err(err(path, "cannot create a temporary file"))?;
    tmp.write_all(data)
        .and_then(|_| {
            if sync {
                tmp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(err(path, "cannot write"))?;
    if let Some(perms) = perms {
        fs::set_permissions(tmp.path(), perms).map_err(err(path, "cannot set permissions"))?;
    }
    tmp.persist(path)
        .map_err(|e| e.error)
        .map_err(err(path, "cannot replace"))?;
    Ok(())
}

/// A file written through a temporary file that only takes its name when
/// [`commit`](AtomicFile::commit) is called: dropped before that (an error, Ctrl-C), it leaves
/// nothing behind.
pub struct AtomicFile {
    path: PathBuf,
    tmp: io::BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Start writing `path`.
    pub fn create(path: &Path) -> Result<AtomicFile, WriteError> {
        let tmp = tempfile::Builder::new()
            .prefix(".textmend-")
            .suffix(".tmp")
            .tempfile_in(parent_dir(path))
            .map_err(err(path, "cannot create a temporary file"))?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp: io::BufWriter::new(tmp),
        })
    }

    /// Give the file its name.
    pub fn commit(self) -> Result<(), WriteError> {
        let path = self.path;
        let tmp = self
            .tmp
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(err(&path, "cannot write"))?;
        tmp.as_file()
            .sync_all()
            .map_err(err(&path, "cannot write"))?;
        tmp.persist(&path)
            .map_err(|e| e.error)
            .map_err(err(&path, "cannot replace"))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_a_backup_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "old").unwrap();
        replace_atomic(&f, b"new", Some(".bak")).unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt.bak")).unwrap(),
            "old"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn replace_of_a_missing_file_fails_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("gone.txt");
        assert!(replace_atomic(&f, b"x", None).is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn write_new_creates_missing_directories() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a/b/c.txt");
        write_new_atomic(&f, b"x", None).unwrap();
        write_new_atomic(&dir.path().join("a/b/d.txt"), b"y", None).unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "x");
        assert_eq!(fs::read_dir(dir.path().join("a/b")).unwrap().count(), 2);
    }

    #[test]
    fn atomic_file_dropped_before_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.txt");
        let mut w = AtomicFile::create(&f).unwrap();
        w.write_all(b"partial").unwrap();
        drop(w);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let mut w = AtomicFile::create(&f).unwrap();
        w.write_all(b"whole").unwrap();
        w.commit().unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "whole");
    }
}
