//! Where a session's files go and what it can tell about a place before writing there: the
//! recovery copies' names, a private temporary folder, whether a file can be written.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::super::disk::folder_of;

pub(super) fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "annotations".into(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// A short tag of the file's absolute path, so two `story.ann.ron` in different folders
/// keep different recovery copies.
pub(super) fn path_tag(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let full = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let hash = Sha256::digest(full.as_os_str().as_encoded_bytes());
    hash[..4].iter().fold(String::new(), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    })
}

pub(super) fn is_permission(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
    )
}

/// `glossator-recovery-<uid>` in the system's temporary folder, readable by this user only;
/// `None` when someone else made a folder of that name, or it is open to others.
pub(super) fn private_temp() -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let uid: u32 = status
            .lines()
            .find_map(|l| l.strip_prefix("Uid:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()?;
        let dir = std::env::temp_dir().join(format!("glossator-recovery-{uid}"));
        match std::fs::symlink_metadata(&dir) {
            Ok(m)
                if m.is_dir() && m.uid() == uid && m.permissions().mode().trailing_zeros() >= 6 => {
            }
            Ok(_) => return None,
            Err(_) => std::fs::DirBuilder::new().mode(0o700).create(&dir).ok()?,
        }
        Some(dir)
    }
    #[cfg(not(unix))]
    None
}

/// Why `file` cannot be written here, when it cannot: a read-only file or folder.
pub(super) fn not_writable(file: &Path) -> Option<String> {
    let mut probe = std::fs::OpenOptions::new();
    probe.write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Never waits on a FIFO in the file's place (that is refused when it is read).
        probe.custom_flags(libc::O_NONBLOCK);
    }
    if std::fs::symlink_metadata(file).is_ok_and(|m| m.is_file())
        && let Err(e) = probe.open(file)
        && is_permission(&e)
    {
        return Some(format!("{} is read-only ({e})", file.display()));
    }
    let dir = folder_of(file);
    if dir.is_dir()
        && let Err(e) = tempfile::Builder::new()
            .prefix(".glossator-probe.")
            .tempfile_in(dir)
        && is_permission(&e)
    {
        return Some(format!("the folder {} is read-only ({e})", dir.display()));
    }
    None
}
