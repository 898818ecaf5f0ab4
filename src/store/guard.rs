//! What keeps two writers from losing each other's work: a lock beside the annotation file
//! (never on the file itself: the atomic rename of a save would silently drop it), a stamp of
//! the file as we last saw it so a change by another program is noticed before we save over
//! it, and a backup of the file as it was before this session first saved.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Write};
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
    /// Set when the lock file named a process that is gone: its lock was taken over.
    pub took_over: Option<String>,
}

impl FileLock {
    /// Takes the lock of `annotations`, or says who holds it.
    pub fn acquire(annotations: &Path) -> Result<Self, String> {
        let path = lock_path(annotations);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| format!("{}: cannot create the lock file: {e}", path.display()))?;
        let mut holder = String::new();
        let _ = file.read_to_string(&mut holder);
        let holder = holder.trim().to_owned();
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
        let took_over = holder
            .split_whitespace()
            .nth(1)
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p != std::process::id() && !pid_alive(*p))
            .map(|_| holder.clone());
        let since = humantime_now();
        let _ = file.set_len(0);
        let _ = write!(
            file,
            "pid {} on {} since {since}",
            std::process::id(),
            host()
        );
        let _ = file.sync_all();
        Ok(Self {
            file,
            path,
            took_over,
        })
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Removes the temporary files a killed save left beside `file` (`.NAME.XXXX.tmp`); only
/// call it holding the file's lock, when no save of ours can be running. Returns how many.
pub fn sweep_temporaries(file: &Path) -> usize {
    let (Some(dir), Some(name)) = (file.parent(), file.file_name()) else {
        return 0;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            // Our own temporary names, exactly: `.tmp` in lower case is what we write.
            n.starts_with(&prefix) && Path::new(&n).extension().is_some_and(|x| x == "tmp")
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

/// A file as we last saw it: enough to notice that someone else wrote it since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    pub sha256: [u8; 32],
}

impl Stamp {
    /// The stamp of `path` now, or `None` when there is no file.
    pub fn of(path: &Path) -> Option<Self> {
        let bytes = std::fs::read(path).ok()?;
        let meta = std::fs::metadata(path).ok()?;
        Some(Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            sha256: Sha256::digest(&bytes).into(),
        })
    }

    /// Whether `path` still holds what this stamp saw. Size and time first; the content
    /// decides when they differ (a `touch` is not a change).
    pub fn still(&self, path: &Path) -> bool {
        let Ok(meta) = std::fs::metadata(path) else {
            return false;
        };
        if meta.len() == self.len && meta.modified().ok() == self.modified {
            return true;
        }
        std::fs::read(path).is_ok_and(|b| <[u8; 32]>::from(Sha256::digest(&b)) == self.sha256)
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
    fn a_stamp_notices_a_change_of_content_but_not_a_touch() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        std::fs::write(&file, "one").unwrap();
        let stamp = Stamp::of(&file).unwrap();
        assert!(stamp.still(&file));
        std::fs::write(&file, "one").unwrap();
        assert!(stamp.still(&file), "the same bytes again");
        std::fs::write(&file, "two!").unwrap();
        assert!(!stamp.still(&file));
        assert!(humantime_now().ends_with(" UTC"));
    }
}
