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
///
/// A symbolic link is followed: the file it points to is replaced (its backup beside it) and
/// the link stays a link. Another hard link to the file keeps the old contents, as with
/// `sed -i`: the rename gives the path a new file.
pub fn replace_atomic(path: &Path, data: &[u8], backup: Option<&str>) -> Result<(), WriteError> {
    let resolved;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(path).map_err(err(path, "cannot resolve link"))?;
        resolved.as_path()
    } else {
        path
    };
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
    #[cfg(target_os = "linux")]
    if let Some(done) = unnamed::write_new(path, data, perms.as_ref()) {
        return done;
    }
    write_through_temp(path, data, perms, false)
}

/// New files written as an unnamed file (`O_TMPFILE`) that is given its name when complete
/// (`linkat`). Nothing is ever left behind, not even after a `kill -9`, and the directory is
/// changed once per file (a link) rather than twice (create, rename); the new inode is
/// allocated outside the directory's lock, which two threads writing into one directory
/// otherwise spend much of their time waiting for (docs/batch.md).
#[cfg(target_os = "linux")]
mod unnamed {
    use super::{WriteError, err, parent_dir};
    use rustix::fs::{AtFlags, CWD, Mode, OFlags};
    use std::fs;
    use std::io::Write;
    use std::path::Path;

    /// Write `data` to the new file `path`; `None` when this way is not available (a file
    /// system without `O_TMPFILE`, no `/proc`, or `path` exists already), for the caller to
    /// write through a named temporary file instead.
    pub(super) fn write_new(
        path: &Path,
        data: &[u8],
        perms: Option<&fs::Permissions>,
    ) -> Option<Result<(), WriteError>> {
        let dir = parent_dir(path);
        let open = || {
            rustix::fs::openat(
                CWD,
                dir,
                OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            )
        };
        let fd = match open() {
            Ok(fd) => fd,
            Err(e) if e == rustix::io::Errno::NOENT => {
                if let Err(e) = fs::create_dir_all(dir) {
                    return Some(Err(err(path, "cannot create directory")(e)));
                }
                open().ok()?
            }
            Err(_) => return None,
        };
        let mut file = fs::File::from(fd);
        if let Err(e) = file.write_all(data) {
            return Some(Err(err(path, "cannot write")(e)));
        }
        if let Some(Err(e)) = perms.map(|p| file.set_permissions(p.clone())) {
            return Some(Err(err(path, "cannot set permissions")(e)));
        }
        use std::os::fd::AsRawFd;
        let proc_path = format!("/proc/self/fd/{}", file.as_raw_fd());
        match rustix::fs::linkat(CWD, proc_path.as_str(), CWD, path, AtFlags::SYMLINK_FOLLOW) {
            Ok(()) => Some(Ok(())),
            // The name is taken (an earlier run's output) or /proc is missing: the caller
            // writes through a named temporary file, which replaces an existing file.
            Err(_) => None,
        }
    }
}

/// A named temporary file in the directory of `path` (to be renamed to `path`), creating the
/// directory as needed.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, WriteError> {
    let dir = parent_dir(path);
    let temp = || {
        tempfile::Builder::new()
            .prefix(".textmend-")
            .suffix(".tmp")
            .tempfile_in(dir)
    };
    // The directory usually exists (a batch writes many files to each): create it only when
    // the temporary file cannot be made without it, saving a mkdir and a stat per file.
    match temp() {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).map_err(err(path, "cannot create directory"))?;
            temp()
        }
        other => other,
    }
    .map_err(err(path, "cannot create a temporary file"))
}

fn write_through_temp(
    path: &Path,
    data: &[u8],
    perms: Option<fs::Permissions>,
    sync: bool,
) -> Result<(), WriteError> {
    let mut tmp = temp_beside(path)?;
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
    /// Start writing `path`, creating its parent directories as needed.
    pub fn create(path: &Path) -> Result<AtomicFile, WriteError> {
        let tmp = temp_beside(path)?;
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

    #[cfg(unix)]
    #[test]
    fn replace_through_a_symlink_rewrites_its_target_and_keeps_the_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.txt");
        let link = dir.path().join("link.txt");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink("target.txt", &link).unwrap();
        replace_atomic(&link, b"new", Some(".bak")).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            fs::read_to_string(dir.path().join("target.txt.bak")).unwrap(),
            "old"
        );
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
        // Into a directory that does not exist yet (e.g. `--report reports/r.json`).
        let deep = dir.path().join("reports/today/r.json");
        let mut w = AtomicFile::create(&deep).unwrap();
        w.write_all(b"{}").unwrap();
        w.commit().unwrap();
        assert_eq!(fs::read_to_string(&deep).unwrap(), "{}");
    }

    #[test]
    fn write_new_over_an_existing_file_replaces_it_with_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("out.txt");
        write_new_atomic(&f, b"first", Some(fs::Permissions::from_mode(0o640))).unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "first");
        assert_eq!(
            fs::metadata(&f).unwrap().permissions().mode() & 0o777,
            0o640
        );
        // The name is taken now: written through a named temporary file and a rename.
        write_new_atomic(&f, b"second", None).unwrap();
        assert_eq!(fs::read_to_string(&f).unwrap(), "second");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // A large file, written whole.
        let big = vec![b'x'; 3 << 20];
        write_new_atomic(&dir.path().join("big.txt"), &big, None).unwrap();
        assert_eq!(fs::read(dir.path().join("big.txt")).unwrap(), big);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
