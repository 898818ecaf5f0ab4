//! What keeps two writers from losing each other's work: a lock beside the annotation file
//! (never on the file itself: the atomic rename of a save would silently drop it), a stamp of
//! the file as we last saw it so a change by another program is noticed before we save over
//! it, and a backup of the file as it was before this session first saved.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// `story.ann.ron` -> `story.ann.ron.lock`.
pub fn lock_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// `story.ann.ron` -> `story.ann.ron~`: the file as it was before this session saved.
pub fn backup_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push("~");
    PathBuf::from(name)
}

fn host() -> String {
    std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "this machine".to_owned())
}

fn pid_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// An exclusive lock on an annotation file, held while it is open; released when dropped
/// (and by the system if the process dies, so a lock is never left stale).
#[derive(Debug)]
pub struct FileLock {
    file: File,
    path: PathBuf,
    /// Whether we may remove the lock file when done (we could write it).
    owned: bool,
    /// Set when the lock file named a process that is gone: its lock was taken over.
    pub took_over: Option<String>,
}

/// What a lock file says about its holder, safe to print: control characters and the NUL
/// bytes an old crash may have left become placeholders, and it is kept short.
fn holder_of(file: &mut File) -> String {
    let mut bytes = Vec::new();
    let _ = file.take(4096).read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    let clean: String = text
        .trim_matches(|c: char| c == '\0' || c.is_whitespace())
        .chars()
        .filter(|c| *c != '\0')
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .take(200)
        .collect();
    clean
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    path.exists()
}

fn open_lock_file(path: &Path, write: bool) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    if write {
        options.write(true).create(true).truncate(false);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never through a link: a planted `x.lock` link would have us truncate its target.
        // Nor wait on a FIFO planted in its place.
        options
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .mode(0o644);
    }
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file; remove it",
        ));
    }
    Ok(file)
}

impl FileLock {
    /// Takes the lock of `annotations`, or says who holds it.
    pub fn acquire(annotations: &Path) -> Result<Self, String> {
        let path = lock_path(annotations);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!(
                "{} is a symbolic link; glossator never writes through a link (it could point \
                 at any file): remove it and open the file again",
                path.display()
            ));
        }
        // A holder that removes its lock file as we open it leaves us a lock on a file
        // nobody else will see: then open the new one, a few times at most.
        for _ in 0..8 {
            let (mut file, owned) = match open_lock_file(&path, true) {
                Ok(f) => (f, true),
                // Another user's lock file: we can still lock it, and name its holder.
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    match open_lock_file(&path, false) {
                        Ok(f) => (f, false),
                        Err(_) => {
                            return Err(format!(
                                "{}: cannot open the lock file ({e}); it belongs to another \
                                 user, or the folder is read-only: ask its owner, or open a \
                                 copy with --out",
                                path.display()
                            ));
                        }
                    }
                }
                Err(e) => {
                    return Err(format!(
                        "{}: cannot create the lock file: {e}",
                        path.display()
                    ));
                }
            };
            let holder = holder_of(&mut file);
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(format!(
                        "{} is open in another glossator ({}); close it there first, or open a copy with --out",
                        annotations.display(),
                        if holder.is_empty() {
                            "a process that is still starting"
                        } else {
                            &holder
                        }
                    ));
                }
                Err(TryLockError::Error(e)) => {
                    return Err(format!("{}: cannot lock: {e}", path.display()));
                }
            }
            if !same_file(&file, &path) {
                continue;
            }
            let took_over = holder
                .split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<u32>().ok())
                .filter(|p| *p != std::process::id() && !pid_alive(*p))
                .map(|_| holder.clone());
            if owned {
                let line = format!(
                    "pid {} on {} since {}",
                    std::process::id(),
                    host(),
                    humantime_now()
                );
                // From the start of the file, whatever was read: the file never grows.
                let _ = file.set_len(0);
                let _ = file.seek(SeekFrom::Start(0));
                let _ = file.write_all(line.as_bytes());
                let _ = file.sync_all();
            }
            return Ok(Self {
                file,
                path,
                owned,
                took_over,
            });
        }
        Err(format!(
            "{}: the lock file keeps being replaced; another program is busy with it",
            path.display()
        ))
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        // Removed while still held, so nobody can take a lock on a file that then vanishes
        // (the next holder checks that the file it locked is still the one at the path).
        if self.owned && same_file(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Removes the temporary files a killed save left beside `file` (`.NAME.XXXX.tmp`, and
/// `.NAME~.XXXX.tmp` of its backup, written on a session's first save); only call it holding
/// the file's lock, when no save of ours can be running. Returns how many.
pub fn sweep_temporaries(file: &Path) -> usize {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let name = name.to_string_lossy();
    let prefixes = [format!(".{name}."), format!(".{name}~.")];
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            // Our own temporary names, exactly: `.tmp` in lower case is what we write.
            prefixes.iter().any(|p| n.starts_with(p.as_str()))
                && Path::new(&n).extension().is_some_and(|x| x == "tmp")
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// Seconds since the epoch as `YYYY-MM-DD HH:MM:SS UTC`, without a date crate.
fn humantime_now() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = secs / 86_400;
    let (h, m, s) = (secs % 86_400 / 3600, secs % 3600 / 60, secs % 60);
    // Civil from days (Howard Hinnant's algorithm).
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02} UTC")
}

/// A file as we last read or wrote it: the hash of its bytes, so that any change by another
/// program is noticed, one that keeps the size and the modification time too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub sha256: [u8; 32],
}

/// How a file is now, against its stamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Now {
    Same,
    /// Another program wrote it.
    Changed,
    /// It is gone (deleted or moved away).
    Deleted,
}

impl Stamp {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            sha256: Sha256::digest(bytes).into(),
        }
    }

    /// The stamp of `path` now, or `None` when there is no file.
    pub fn of(path: &Path) -> Option<Self> {
        std::fs::read(path).ok().map(|b| Self::of_bytes(&b))
    }

    /// Whether `path` still holds what this stamp saw.
    pub fn check(&self, path: &Path) -> Now {
        // Never waits on a FIFO put in the file's place.
        let read = crate::input::open_regular(path).and_then(|mut f| {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut bytes).map(|_| bytes)
        });
        match read {
            Ok(bytes) if Self::of_bytes(&bytes) == *self => Now::Same,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Now::Deleted,
            // Other bytes, or unreadable now (then never written over blindly).
            _ => Now::Changed,
        }
    }

    /// Whether `path` still holds what this stamp saw.
    pub fn still(&self, path: &Path) -> bool {
        self.check(path) == Now::Same
    }
}

/// Where our version goes when the file changed under us: `story.ann.ron.conflict-<secs>`.
pub fn conflict_path(file: &Path) -> PathBuf {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut name = file.as_os_str().to_owned();
    name.push(format!(".conflict-{secs}"));
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_with_the_holder_and_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        let first = FileLock::acquire(&file).unwrap();
        assert!(first.took_over.is_none());
        let err = FileLock::acquire(&file).unwrap_err();
        assert!(
            err.contains(&format!(
                "open in another glossator (pid {}",
                std::process::id()
            )),
            "{err}"
        );
        drop(first);
        assert!(!lock_path(&file).exists());
        // A lock file left by a process that is gone is taken over, and said so.
        std::fs::write(lock_path(&file), "pid 999999999 on elsewhere since then").unwrap();
        let again = FileLock::acquire(&file).unwrap();
        assert_eq!(
            again.took_over.as_deref(),
            Some("pid 999999999 on elsewhere since then")
        );
    }

    #[test]
    fn leftovers_of_killed_saves_are_swept_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        for name in [
            ".a.ann.ron.x1Yz.tmp",
            ".a.ann.ron.Q9.tmp",
            ".b.ann.ron.x.tmp",
            "a.ann.ron",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(sweep_temporaries(&file), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".b.ann.ron.x.tmp", "a.ann.ron"]);
    }

    #[test]
    fn a_backup_write_cut_short_by_a_kill_is_swept_too() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        for name in [".a.ann.ron~.k2ub.tmp", ".a.ann.ron~~.x.tmp", "a.ann.ron~"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(sweep_temporaries(&file), 1);
        assert!(!dir.path().join(".a.ann.ron~.k2ub.tmp").exists());
        assert!(dir.path().join(".a.ann.ron~~.x.tmp").exists());
        assert!(dir.path().join("a.ann.ron~").exists());
    }

    #[test]
    fn a_stamp_notices_a_change_of_content_but_not_a_touch() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        std::fs::write(&file, "one").unwrap();
        let stamp = Stamp::of(&file).unwrap();
        assert!(stamp.still(&file));
        let when = std::fs::metadata(&file).unwrap().modified().unwrap();
        std::fs::write(&file, "one").unwrap();
        assert!(stamp.still(&file), "the same bytes again");
        // Same size, same modification time, other bytes: still a change.
        std::fs::write(&file, "two").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&file)
            .unwrap()
            .set_modified(when)
            .unwrap();
        assert_eq!(stamp.check(&file), Now::Changed);
        std::fs::remove_file(&file).unwrap();
        assert_eq!(stamp.check(&file), Now::Deleted);
        assert!(humantime_now().ends_with(" UTC"));
    }

    #[test]
    fn a_lock_file_never_grows_is_never_followed_and_names_its_holder_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        // What an old crash might leave: NUL bytes and a dead holder.
        std::fs::write(
            lock_path(&file),
            b"\0\0\0pid 999999999 on x\x1b]0;t\x07 since then",
        )
        .unwrap();
        for _ in 0..20 {
            let lock = FileLock::acquire(&file).unwrap();
            let left = std::fs::read(lock_path(&file)).unwrap();
            assert!(left.len() < 200, "{}", left.len());
            // A crash leaves the file as it is: put it back after the clean release.
            drop(lock);
            std::fs::write(lock_path(&file), &left).unwrap();
        }
        let text = std::fs::read(lock_path(&file)).unwrap();
        assert!(!text.contains(&0), "{text:?}");
        // A link in place of the lock file is refused and its target left alone.
        let other = dir.path().join("b.ann.ron");
        let target = dir.path().join("precious");
        std::fs::write(&target, "keep").unwrap();
        std::os::unix::fs::symlink(&target, lock_path(&other)).unwrap();
        let err = FileLock::acquire(&other).unwrap_err();
        assert!(err.contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep");
        // A holder's name with escapes is shown with placeholders.
        let third = dir.path().join("c.ann.ron");
        let held = FileLock::acquire(&third).unwrap();
        std::fs::write(lock_path(&third), "pid 1 on \x1b[2Jevil").unwrap();
        let err = FileLock::acquire(&third).unwrap_err();
        assert!(!err.contains('\x1b'), "{err}");
        drop(held);
    }

    #[test]
    fn the_lock_is_never_held_twice_when_a_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        let first = FileLock::acquire(&file).unwrap();
        // A second opener has the old lock file open when the first lets go and removes it.
        let stale = open_lock_file(&lock_path(&file), true).unwrap();
        drop(first);
        let second = FileLock::acquire(&file).unwrap();
        // Locking the removed file succeeds, but it is not the lock at the path any more.
        stale.try_lock().unwrap();
        assert!(!same_file(&stale, &lock_path(&file)));
        assert!(FileLock::acquire(&file).is_err(), "held by the second");
        drop(second);
    }
}
