//! The summary cache: what each article's first line and each annotation file's counts were,
//! with the file's size, modification time and inode when they were read. An entry is used
//! only while all three still match the file; anything else (a changed, new or vanished
//! file, a damaged or older cache) is read again, so the cache can be deleted at any time.
//! It is `.cache/summary.bin` in the project folder, so it goes wherever the project goes;
//! the folder holds a `.gitignore` that keeps it out of version control. It is binary
//! ([`read_cache`], shared with the screens' and agreement's caches) because it is read whole
//! at every start.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::FileSummary;

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 2;

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
    root.join(".cache").join("summary.bin")
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
        read_cache::<Self>(path)
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// Writes the cache atomically. A cache that cannot be written costs time, not work,
    /// so a failure is not reported.
    pub fn write(&self, path: &Path) {
        write_cache(path, self);
    }
}

/// What every cache file starts with: the product's name and the version of the format.
/// A file that does not start with it (an older JSON cache, anything else) is not read.
const MAGIC: &[u8] = b"glossator cache 2\n";

/// The cache file `path` read back as `T`; `None` when it is missing or cannot be read as
/// `T` (damaged, cut short, or written by another version), which only means it is built
/// again. The file is binary (postcard): a 54 MB cache of review's rows read as JSON took
/// most of the time review took to open from it.
pub fn read_cache<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    decode(&read_cache_bytes(path)?)
}

/// The cache file `path` as bytes, for a value that borrows from them ([`decode`]); `None`
/// when it is missing or is not a cache file.
pub fn read_cache_bytes(path: &Path) -> Option<CacheBytes> {
    let bytes = std::fs::read(path).ok()?;
    bytes.starts_with(MAGIC).then_some(CacheBytes(bytes))
}

/// A cache file's bytes after its magic (left where it is, not moved down: review's
/// cache is 24 MB on 10,000 articles).
pub struct CacheBytes(Vec<u8>);

impl std::ops::Deref for CacheBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0[MAGIC.len()..]
    }
}

/// `bytes` read back as a `T`, which may borrow from them; `None` when they cannot be
/// read as one (or hold more than one).
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    let (value, rest) = postcard::take_from_bytes(bytes).ok()?;
    rest.is_empty().then_some(value)
}

/// Writes `value` to the cache file `path` atomically, making the cache folder (with a
/// `.gitignore` that keeps it out of git) when it is not there. A cache that cannot be
/// written costs time, not work, so a failure is not reported.
pub fn write_cache<T: serde::Serialize + ?Sized>(path: &Path, value: &T) {
    let Ok(bytes) = postcard::to_extend(value, MAGIC.to_vec()) else {
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

/// A part of a cache encoded on its own, inside the cache file: a large cache split into
/// parts is decoded on every core ([`Part::decode`] of each), not on one.
pub struct Part<T> {
    bytes: Vec<u8>,
    of: std::marker::PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Part<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Part({} bytes)", self.bytes.len())
    }
}

impl<T> Default for Part<T> {
    fn default() -> Self {
        Self {
            bytes: Vec::new(),
            of: std::marker::PhantomData,
        }
    }
}

impl<T> Part<T> {
    /// `value` encoded as a part: a `T`, or a borrowed form of one that encodes the same
    /// way. An empty part (decoded as nothing) if it cannot be.
    pub fn of<V: Serialize + ?Sized>(value: &V) -> Self {
        Self {
            bytes: postcard::to_stdvec(value).unwrap_or_default(),
            of: std::marker::PhantomData,
        }
    }
}

impl<T: serde::de::DeserializeOwned> Part<T> {
    /// The part decoded; `None` when it cannot be read as `T`.
    pub fn decode(&self) -> Option<T> {
        decode(&self.bytes)
    }
}

impl<T> Serialize for Part<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&self.bytes)
    }
}

impl<'de, T> Deserialize<'de> for Part<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Bytes;
        impl serde::de::Visitor<'_> for Bytes {
            type Value = Vec<u8>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a part of a cache, as bytes")
            }
            fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Vec<u8>, E> {
                Ok(v.to_vec())
            }
            fn visit_byte_buf<E: serde::de::Error>(self, v: Vec<u8>) -> Result<Vec<u8>, E> {
                Ok(v)
            }
        }
        Ok(Self {
            bytes: deserializer.deserialize_byte_buf(Bytes)?,
            of: std::marker::PhantomData,
        })
    }
}
