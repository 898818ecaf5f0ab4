//! The edit journal: while there is unsaved work, a snapshot of it is appended to
//! `story.ann.ron.journal` and fsynced at most a second after each change, so a crash or
//! `kill -9` loses at most that second. A save makes the journal unnecessary and removes it;
//! a journal found on open holds work that was never saved, and the user is offered it back.
//!
//! Each entry is a header line `glossator-journal <unix seconds> <bytes>` and then that many
//! bytes of annotation-file RON. A torn last entry (the crash came mid-write) is ignored.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const MAGIC: &str = "glossator-journal";

pub fn journal_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// Appends `ron` as a new entry and syncs it to disk.
pub fn append(file: &Path, ron: &str) -> std::io::Result<()> {
    let path = journal_path(file);
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut entry = format!("{MAGIC} {secs} {}\n", ron.len()).into_bytes();
    entry.extend_from_slice(ron.as_bytes());
    entry.push(b'\n');
    f.write_all(&entry)?;
    f.sync_data()
}

/// The last complete entry of the journal of `file`: when it was written and its RON.
pub fn last(file: &Path) -> Option<(u64, String)> {
    let bytes = std::fs::read(journal_path(file)).ok()?;
    let mut at = 0;
    let mut found = None;
    while at < bytes.len() {
        let end = at + bytes[at..].iter().position(|b| *b == b'\n')?;
        let header = std::str::from_utf8(&bytes[at..end]).ok()?;
        let mut parts = header.split(' ');
        if parts.next() != Some(MAGIC) {
            break;
        }
        let secs: u64 = parts.next()?.parse().ok()?;
        let len: usize = parts.next()?.parse().ok()?;
        let body = end + 1;
        let Some(ron) = bytes.get(body..body + len) else {
            break;
        };
        match std::str::from_utf8(ron) {
            Ok(s) => found = Some((secs, s.to_owned())),
            Err(_) => break,
        }
        at = body + len + 1;
    }
    found
}

/// Removes the journal of `file` (after a save, or once the user has chosen).
pub fn remove(file: &Path) {
    let _ = std::fs::remove_file(journal_path(file));
}

/// Keeps a discarded journal as `…journal~` rather than deleting what might be wanted later.
pub fn set_aside(file: &Path) {
    let path = journal_path(file);
    let mut aside = path.as_os_str().to_owned();
    aside.push("~");
    let _ = std::fs::rename(&path, PathBuf::from(aside));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_complete_entry_wins_and_a_torn_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        assert_eq!(last(&file), None);
        append(&file, "(one)").unwrap();
        append(&file, "(two)\nwith a line").unwrap();
        assert_eq!(last(&file).unwrap().1, "(two)\nwith a line");
        // A crash in the middle of the third entry.
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(journal_path(&file))
            .unwrap();
        f.write_all(b"glossator-journal 1 100\n(thr").unwrap();
        assert_eq!(last(&file).unwrap().1, "(two)\nwith a line");
        remove(&file);
        assert!(!journal_path(&file).exists());
    }
}
