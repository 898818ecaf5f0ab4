//! The summary cache: what each article's first line and each annotation file's counts were,
//! with the file's size, modification time and inode when they were read. An entry is used
//! only while all three still match the file; anything else (a changed, new or vanished
//! file, a damaged or older cache) is read again, so the cache can be deleted at any time.
//! It is `.cache/summary.json` in the project folder, so it goes wherever the project goes;
//! the folder holds a `.gitignore` that keeps it out of version control. It is JSON because
//! it is read whole at every start and JSON reads several times faster than RON.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FileSummary;

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 1;

/// Enough of a file's metadata to tell that it was written since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    secs: u64,
    nanos: u32,
    inode: u64,
}

impl Stamp {
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Self {
            len: meta.len(),
            secs: modified.as_secs(),
            nanos: modified.subsec_nanos(),
            inode,
        })
    }
}

/// The cache of the project in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(".cache").join("summary.json")
}

/// The key of one annotator's file of one article.
pub fn key(annotator: &str, article: &str) -> String {
    format!("{annotator}/{article}")
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cache {
    version: u32,
    /// Article file name: its stamp and first line.
    pub articles: BTreeMap<String, (Stamp, String)>,
    /// [`key`]: the file's stamp and its summary, or why it could not be read.
    pub files: BTreeMap<String, (Stamp, Result<FileSummary, String>)>,
}

impl Default for Cache {
    fn default() -> Self {
        Self {
            version: VERSION,
            articles: BTreeMap::new(),
            files: BTreeMap::new(),
        }
    }
}

impl Cache {
    /// The cache at `path`; empty when there is none or it cannot be used.
    pub fn read(path: &Path) -> Self {
        read_json::<Self>(path)
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// Writes the cache atomically. A cache that cannot be written costs time, not work,
    /// so a failure is not reported.
    pub fn write(&self, path: &Path) {
        write_json(path, self);
    }
}

/// The cache file `path` read as JSON; `None` when it is missing or cannot be read as `T`
/// (damaged, or written by another version), which only means it is built again.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes `value` as JSON to the cache file `path` atomically, making the cache folder (with
/// a `.gitignore` that keeps it out of git) when it is not there. A cache that cannot be
/// written costs time, not work, so a failure is not reported.
pub fn write_json<T: serde::Serialize>(path: &Path, value: &T) {
    let Ok(bytes) = serde_json::to_vec(value) else {
        return;
    };
    let disk = crate::store::Disk::real();
    if let Some(dir) = path.parent()
        && !dir.exists()
        && disk.create_dir_all(dir).is_ok()
    {
        let _ = disk.write_atomic(&dir.join(".gitignore"), b"# glossator's cache\n*\n");
    }
    let _ = disk.write_atomic(path, &bytes);
}
