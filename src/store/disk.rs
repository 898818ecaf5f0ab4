//! The one way glossator's files reach the disk: every file it creates or replaces (annotation
//! files and their sidecars, gold copies, imported articles, exports) is written here,
//! atomically (a temporary file in the same folder, fsync, rename, fsync the folder), keeping
//! the permissions the file had, and never through a symbolic link: a link in a shared project
//! (git stores them) could point at any file of the user's.
//!
//! [`Disk`] is also the seam tests use to make any single step fail the way real disks do
//! (no space left, permission denied, an I/O error), without sleeps or special filesystems.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A write that did not happen. Nothing on disk was damaged by it.
#[derive(Debug, thiserror::Error)]
pub enum DiskError {
    #[error(
        "{path} is a symbolic link; glossator never writes through a link (it could point at \
         any file): remove the link, or save to another path"
    )]
    Link { path: PathBuf },
    #[error("{path}: cannot {what}: {source}")]
    Io {
        path: PathBuf,
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
}

impl DiskError {
    /// The system's error, when there is one.
    pub fn io(&self) -> Option<&std::io::Error> {
        match self {
            Self::Io { source, .. } => Some(source),
            Self::Link { .. } => None,
        }
    }
}

/// One step of a write, as the fault seam counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    CreateTemp,
    Write,
    Permissions,
    Sync,
    Rename,
    SyncFolder,
    Remove,
    CreateFolder,
    Read,
}

/// Which steps fail, for tests: every step on a path under `under` (all paths when `None`)
/// is counted, and the `at`-th one fails (and every later one too when `lasting`, as a full
/// disk does) with the OS error `errno`.
#[derive(Debug)]
pub struct Faults {
    pub under: Option<PathBuf>,
    pub at: usize,
    pub lasting: bool,
    pub errno: i32,
    pub only: Option<Step>,
    seen: AtomicUsize,
}

impl Faults {
    pub fn new(at: usize, errno: i32) -> Self {
        Self {
            under: None,
            at,
            lasting: false,
            errno,
            only: None,
            seen: AtomicUsize::new(0),
        }
    }

    /// Only steps on paths under `dir` are counted and fail.
    #[must_use]
    pub fn under(mut self, dir: &Path) -> Self {
        self.under = Some(dir.to_path_buf());
        self
    }

    /// Every step after the failing one fails too, as on a full disk.
    #[must_use]
    pub fn lasting(mut self) -> Self {
        self.lasting = true;
        self
    }

    /// Only this kind of step is counted and fails.
    #[must_use]
    pub fn only(mut self, step: Step) -> Self {
        self.only = Some(step);
        self
    }

    /// How many steps were counted so far.
    pub fn seen(&self) -> usize {
        self.seen.load(Ordering::SeqCst)
    }
}

/// Writes held back until a test lets them go: [`Disk::held`].
#[derive(Debug, Default)]
pub struct Hold {
    /// Whether the writes may go on, and how many reached the hold.
    state: std::sync::Mutex<(bool, usize)>,
    changed: std::sync::Condvar,
}

impl Hold {
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Lets every write held, and every later one, go on.
    pub fn release(&self) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.0 = true;
        self.changed.notify_all();
    }

    /// Waits until a write has reached the hold (it waits there until [`Self::release`]).
    pub fn wait_reached(&self) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while state.1 == 0 && !state.0 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// Whether writes are still held.
    pub fn holding(&self) -> bool {
        !self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .0
    }

    fn wait(&self) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        state.1 += 1;
        self.changed.notify_all();
        while !state.0 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// The disk, or in tests a disk that fails where it is told to.
#[derive(Debug, Clone, Default)]
pub struct Disk {
    faults: Option<Arc<Faults>>,
    hold: Option<Arc<Hold>>,
    /// Files are put in place whole but not each flushed to disk: for a folder of many
    /// files that can be made again (an export), flushed once with [`Disk::flush_folder`].
    unflushed: bool,
}

impl Disk {
    /// The real disk, with nothing injected.
    pub fn real() -> Self {
        Self::default()
    }

    /// A disk that fails as `faults` says; keep the `Arc` to read how many steps it saw.
    pub fn faulty(faults: Arc<Faults>) -> Self {
        Self {
            faults: Some(faults),
            ..Self::default()
        }
    }

    /// A disk whose writes of a file's bytes wait until `hold` is released, for tests of
    /// what goes on while a save is under way.
    pub fn held(hold: Arc<Hold>) -> Self {
        Self {
            hold: Some(hold),
            ..Self::default()
        }
    }

    /// This disk, for many files that can be made again: each is still written beside its
    /// place and renamed there whole, but flushed to disk only by [`Self::flush_folder`].
    #[must_use]
    pub fn unflushed(mut self) -> Self {
        self.unflushed = true;
        self
    }

    /// Flushes a folder's entries to disk after [`Self::unflushed`] writes. (Its files' bytes
    /// reach the disk as the system writes them back: a power cut in the next seconds may
    /// leave some of them empty, which is why only files that can be made again are written
    /// so.)
    pub fn flush_folder(&self, dir: &Path) -> Result<(), DiskError> {
        #[cfg(unix)]
        std::fs::File::open(dir)
            .and_then(|f| f.sync_all())
            .map_err(Self::io(dir, "flush the folder to disk"))?;
        Ok(())
    }

    fn gate(&self, step: Step, path: &Path) -> std::io::Result<()> {
        if step == Step::Write
            && let Some(hold) = &self.hold
        {
            hold.wait();
        }
        let Some(f) = &self.faults else {
            return Ok(());
        };
        // Reads are counted only when asked for: the faults are about writing.
        let counted = match f.only {
            Some(only) => only == step,
            None => step != Step::Read,
        };
        if !counted || f.under.as_ref().is_some_and(|u| !path.starts_with(u)) {
            return Ok(());
        }
        let n = f.seen.fetch_add(1, Ordering::SeqCst);
        if n == f.at || (f.lasting && n > f.at) {
            return Err(std::io::Error::from_raw_os_error(f.errno));
        }
        Ok(())
    }

    fn io(path: &Path, what: &'static str) -> impl FnOnce(std::io::Error) -> DiskError {
        let path = path.to_path_buf();
        move |source| DiskError::Io { path, what, source }
    }

    /// Refuses `path` when it is a symbolic link (a dangling one too).
    pub fn refuse_link(path: &Path) -> Result<(), DiskError> {
        match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => Err(DiskError::Link {
                path: path.to_path_buf(),
            }),
            _ => Ok(()),
        }
    }

    /// Reads a whole file.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, DiskError> {
        self.gate(Step::Read, path)
            .and_then(|()| crate::input::open_regular(path))
            .and_then(|mut f| {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut bytes).map(|_| bytes)
            })
            .map_err(Self::io(path, "read"))
    }

    /// Creates `dir` and its parents; a folder that is a link is refused.
    pub fn create_dir_all(&self, dir: &Path) -> Result<(), DiskError> {
        if dir.as_os_str().is_empty() {
            return Ok(());
        }
        Self::refuse_link(dir)?;
        if dir.is_dir() {
            return Ok(());
        }
        self.gate(Step::CreateFolder, dir)
            .and_then(|()| std::fs::create_dir_all(dir))
            .map_err(Self::io(dir, "create the folder"))
    }

    /// Removes a file (a link is removed, never followed); a missing file is not an error.
    pub fn remove(&self, path: &Path) -> Result<(), DiskError> {
        match self
            .gate(Step::Remove, path)
            .and_then(|()| std::fs::remove_file(path))
        {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            r => r.map_err(Self::io(path, "remove")),
        }
    }

    /// Renames `from` to `to` (same folder), refusing a link at `to`, and makes it durable.
    pub fn rename(&self, from: &Path, to: &Path) -> Result<(), DiskError> {
        Self::refuse_link(to)?;
        self.gate(Step::Rename, to)
            .and_then(|()| std::fs::rename(from, to))
            .map_err(Self::io(to, "rename into place"))?;
        self.sync_folder(to)
    }

    /// Writes `bytes` to `path` atomically: after a crash or a failure at any step, `path`
    /// holds either what it held before or all of `bytes`. An existing file keeps its
    /// permissions; a new one is readable by others, like any file an editor writes.
    pub fn write_atomic(&self, path: &Path, bytes: &[u8]) -> Result<(), DiskError> {
        self.write_atomic_with(path, bytes, Write::write_all)
    }

    /// [`Self::write_atomic`], the new file taking the permissions of `like` (a backup
    /// keeps those of the file it copies).
    pub fn write_atomic_like(
        &self,
        path: &Path,
        bytes: &[u8],
        like: &Path,
    ) -> Result<(), DiskError> {
        self.write_inner(path, bytes, existing_mode(like), true, Write::write_all)
    }

    /// [`Self::write_atomic`] for a file that must not exist yet: if one appears at `path`
    /// meanwhile, it is left alone and this fails.
    pub fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), DiskError> {
        self.write_inner(path, bytes, 0o644, false, Write::write_all)
    }

    /// [`Self::write_atomic`] with the write itself given (tests make it stop half-way).
    pub fn write_atomic_with(
        &self,
        path: &Path,
        bytes: &[u8],
        write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
    ) -> Result<(), DiskError> {
        self.write_inner(path, bytes, existing_mode(path), true, write)
    }

    fn write_inner(
        &self,
        path: &Path,
        bytes: &[u8],
        mode: u32,
        replace: bool,
        write: impl FnOnce(&mut std::fs::File, &[u8]) -> std::io::Result<()>,
    ) -> Result<(), DiskError> {
        Self::refuse_link(path)?;
        let dir = folder_of(path);
        let name = path
            .file_name()
            .map_or_else(|| "glossator".into(), |n| n.to_string_lossy().into_owned());
        // On any error below the temporary file is removed when `tmp` drops.
        let mut tmp = self
            .gate(Step::CreateTemp, path)
            .and_then(|()| {
                tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".tmp")
                    .tempfile_in(dir)
            })
            .map_err(Self::io(path, "create a temporary file beside it"))?;
        self.gate(Step::Write, path)
            .and_then(|()| write(tmp.as_file_mut(), bytes))
            .map_err(Self::io(path, "write"))?;
        self.gate(Step::Permissions, path)
            .and_then(|()| set_mode(tmp.as_file(), mode))
            .map_err(Self::io(path, "set the permissions"))?;
        if !self.unflushed {
            self.gate(Step::Sync, path)
                .and_then(|()| tmp.as_file().sync_all())
                .map_err(Self::io(path, "flush to disk"))?;
        }
        // A link planted while we wrote is still refused.
        Self::refuse_link(path)?;
        self.gate(Step::Rename, path)
            .map_err(Self::io(path, "rename into place"))?;
        if replace {
            tmp.persist(path)
        } else {
            tmp.persist_noclobber(path)
        }
        .map_err(|e| Self::io(path, "rename into place")(e.error))?;
        if self.unflushed {
            return Ok(());
        }
        self.sync_folder(path)
    }

    /// `path` opened for writing where it is when it is already there and is not a regular
    /// file (a terminal, a pipe, a FIFO, `/dev/null`, also behind a link): such a target has
    /// no contents to replace atomically. `None` for a regular file, a folder or nothing.
    pub fn open_existing_device(&self, path: &Path) -> Result<Option<std::fs::File>, DiskError> {
        let Ok(meta) = std::fs::metadata(path) else {
            return Ok(None);
        };
        if meta.is_file() || meta.is_dir() {
            return Ok(None);
        }
        self.gate(Step::Write, path)
            .and_then(|()| std::fs::OpenOptions::new().write(true).open(path))
            .map(Some)
            .map_err(Self::io(path, "open for writing"))
    }

    /// A file written a piece at a time (a large export) that appears at `path` only when
    /// [`AtomicFile::commit`] is called, with the same guarantees as [`Self::write_atomic`].
    pub fn create_atomic(&self, path: &Path) -> Result<AtomicFile, DiskError> {
        Self::refuse_link(path)?;
        let name = path
            .file_name()
            .map_or_else(|| "glossator".into(), |n| n.to_string_lossy().into_owned());
        let tmp = self
            .gate(Step::CreateTemp, path)
            .and_then(|()| {
                tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".tmp")
                    .tempfile_in(folder_of(path))
            })
            .map_err(Self::io(path, "create a temporary file beside it"))?;
        Ok(AtomicFile {
            tmp,
            path: path.to_path_buf(),
            mode: existing_mode(path),
            disk: self.clone(),
        })
    }

    fn sync_folder(&self, path: &Path) -> Result<(), DiskError> {
        let dir = folder_of(path);
        // The rename is durable only once the folder's entry is on disk.
        self.gate(Step::SyncFolder, path)
            .and_then(|()| {
                #[cfg(unix)]
                std::fs::File::open(dir)?.sync_all()?;
                Ok(())
            })
            .map_err(Self::io(dir, "flush the folder to disk"))
    }
}

/// See [`Disk::create_atomic`]. Dropped without a commit, it leaves nothing behind.
#[derive(Debug)]
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
    mode: u32,
    disk: Disk,
}

impl AtomicFile {
    /// Flushes the bytes to disk and puts the file in place.
    pub fn commit(self) -> Result<(), DiskError> {
        let path = &self.path;
        set_mode(self.tmp.as_file(), self.mode).map_err(Disk::io(path, "set the permissions"))?;
        self.tmp
            .as_file()
            .sync_all()
            .map_err(Disk::io(path, "flush to disk"))?;
        Disk::refuse_link(path)?;
        self.tmp
            .persist(path)
            .map_err(|e| Disk::io(path, "rename into place")(e.error))?;
        self.disk.sync_folder(path)
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.tmp.as_file_mut().write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.as_file_mut().flush()
    }
}

/// The folder a file is in (`.` for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

#[cfg(unix)]
fn existing_mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn existing_mode(_: &Path) -> u32 {
    0
}

/// Sets the mode on the open file (not through the umask, unlike creating it with one).
#[cfg(unix)]
fn set_mode(file: &std::fs::File, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &std::fs::File, _: u32) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_keeps_the_files_mode_and_refuses_links() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o664)).unwrap();
        Disk::real().write_atomic(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);

        let target = dir.path().join("precious");
        std::fs::write(&target, "keep me").unwrap();
        let link = dir.path().join("b.ann.ron");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let err = Disk::real()
            .write_atomic(&link, b"overwritten")
            .unwrap_err();
        assert!(matches!(err, DiskError::Link { .. }), "{err}");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
        // A dangling link too: nothing is created where it points.
        let dangling = dir.path().join("c.ann.ron");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        assert!(Disk::real().write_atomic(&dangling, b"x").is_err());
        assert!(!dir.path().join("nowhere").exists());
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_old_file_whole_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        std::fs::write(&file, "old").unwrap();
        let counting = Arc::new(Faults::new(usize::MAX, 28));
        Disk::faulty(counting.clone())
            .write_atomic(&file, b"new")
            .unwrap();
        let steps = counting.seen();
        assert!(steps >= 5, "{steps}");
        for at in 0..steps {
            std::fs::write(&file, "old").unwrap();
            let faults = Arc::new(Faults::new(at, 28));
            let result = Disk::faulty(faults).write_atomic(&file, b"new");
            let now = std::fs::read_to_string(&file).unwrap();
            match result {
                // The folder's flush failing comes after the rename: the new bytes are there.
                Err(e) if now == "new" => assert!(e.to_string().contains("folder"), "{e}"),
                Err(e) => {
                    assert_eq!(now, "old", "step {at}");
                    assert!(e.to_string().contains("No space left"), "{e}");
                }
                Ok(()) => panic!("step {at} should have failed"),
            }
            let left: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(left.len(), 1, "step {at}: {left:?}");
        }
    }
}
