//! The edit journal: while there is unsaved work, a snapshot of it replaces
//! `story.ann.ron.journal` atomically at most a second after each change, so a crash or
//! `kill -9` loses at most that second, and the journal is never empty or torn and never
//! grows past one snapshot. A save makes the journal unnecessary and removes it; a journal
//! found on open holds work that was never saved, and the user is offered it back.
//!
//! An entry is a header line `glossator-journal <unix seconds> <bytes>` and then that many
//! bytes of annotation-file RON. Journals of older versions appended entries; the last
//! complete one is read, and a torn last entry (the crash came mid-write) is ignored.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::disk::{Disk, DiskError};

const MAGIC: &str = "glossator-journal";

pub fn journal_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".journal");
    PathBuf::from(name)
}

/// Replaces the journal with `ron` as its one entry, atomically and durably.
pub fn write(disk: &Disk, file: &Path, ron: &str) -> Result<(), DiskError> {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let mut entry = format!("{MAGIC} {secs} {}\n", ron.len()).into_bytes();
    entry.extend_from_slice(ron.as_bytes());
    entry.push(b'\n');
    disk.write_atomic(&journal_path(file), &entry)
}

/// The last complete entry of the journal of `file`: when it was written and its RON.
pub fn last(file: &Path) -> Option<(u64, String)> {
    let path = journal_path(file);
    let bytes =
        crate::input::read_limited(&path, "journal", crate::input::ANNOTATION_LIMIT).ok()?;
    let mut at = 0;
    let mut found = None;
    // Whatever is torn or damaged past the complete entries ends the reading; the entries
    // before it stand.
    while at < bytes.len() {
        let Some(end) = bytes[at..].iter().position(|b| *b == b'\n').map(|n| at + n) else {
            break;
        };
        let Ok(header) = std::str::from_utf8(&bytes[at..end]) else {
            break;
        };
        let mut parts = header.split(' ');
        if parts.next() != Some(MAGIC) {
            break;
        }
        let (Some(Ok(secs)), Some(Ok(len))) = (
            parts.next().map(str::parse::<u64>),
            parts.next().map(str::parse::<usize>),
        ) else {
            break;
        };
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
pub fn remove(disk: &Disk, file: &Path) {
    let _ = disk.remove(&journal_path(file));
}

/// Keeps a discarded journal as `…journal~` rather than deleting what might be wanted later.
pub fn set_aside(disk: &Disk, file: &Path) -> Result<PathBuf, DiskError> {
    let path = journal_path(file);
    let mut aside = path.as_os_str().to_owned();
    aside.push("~");
    let aside = PathBuf::from(aside);
    disk.rename(&path, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_complete_entry_wins_and_a_torn_one_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        assert_eq!(last(&file), None);
        let disk = Disk::real();
        write(&disk, &file, "(one)").unwrap();
        write(&disk, &file, "(two)\nwith a line").unwrap();
        assert_eq!(last(&file).unwrap().1, "(two)\nwith a line");
        // One snapshot, however many were written.
        let len = std::fs::metadata(journal_path(&file)).unwrap().len();
        assert!(len < 80, "{len}");
        // An older journal of appended entries, its last one torn by a crash.
        let mut old = std::fs::read(journal_path(&file)).unwrap();
        old.extend_from_slice(b"glossator-journal 1 100\n(thr");
        std::fs::write(journal_path(&file), &old).unwrap();
        assert_eq!(last(&file).unwrap().1, "(two)\nwith a line");
        // Torn inside the next header: the complete entries still stand.
        let mut torn = std::fs::read(journal_path(&file)).unwrap();
        torn.truncate(old.len() - "glossator-journal 1 100\n(thr".len());
        torn.extend_from_slice(b"glossator-jour");
        std::fs::write(journal_path(&file), torn).unwrap();
        assert_eq!(last(&file).unwrap().1, "(two)\nwith a line");
        remove(&disk, &file);
        assert!(!journal_path(&file).exists());
    }
}

/// What the writer thread is asked to do, in order.
enum Job {
    /// The annotations as they are now.
    Snapshot(Box<crate::model::Annotations>),
    /// This RON as the entry, written before the sender is answered: what a save is about
    /// to write to the file.
    Text(String, std::sync::mpsc::Sender<()>),
    /// Everything is saved: the journal can go.
    Remove,
}

/// Appends snapshots on a thread of its own, so serialising a large file never holds up a
/// key. Jobs run in the order they were sent (a removal after a save is never overtaken by
/// an older snapshot); snapshots queued one after another are written once, the newest.
/// Dropping the writer finishes what was sent.
pub struct Writer {
    tx: Option<std::sync::mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

impl Writer {
    /// A writer for the journal of `file`, for annotations of `article`.
    pub fn start(disk: Disk, file: PathBuf, article: crate::text::Article) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<Job>();
        let thread = std::thread::spawn(move || {
            while let Ok(first) = rx.recv() {
                let mut jobs = vec![first];
                jobs.extend(rx.try_iter());
                for (i, job) in jobs.iter().enumerate() {
                    match job {
                        Job::Snapshot(annotations) => {
                            if matches!(jobs.get(i + 1), Some(Job::Snapshot(_) | Job::Text(..))) {
                                continue;
                            }
                            // A failed write leaves the last journal whole and the save
                            // (and its recovery copy) to keep the work.
                            if let Ok(ron) = super::to_ron(&file, annotations, &article) {
                                let _ = write(&disk, &file, &ron);
                            }
                        }
                        Job::Text(ron, done) => {
                            let _ = write(&disk, &file, ron);
                            let _ = done.send(());
                        }
                        Job::Remove => remove(&disk, &file),
                    }
                }
            }
        });
        Self {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    /// Queues the annotations as they are (cheap: mentions are shared, not copied).
    pub fn snapshot(&self, annotations: &crate::model::Annotations) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Snapshot(Box::new(annotations.clone())));
        }
    }

    /// Makes `ron` the journal's entry, after everything sent before, and returns once it
    /// is written (or failed to be).
    pub fn write_now(&self, ron: &str) {
        self.handle().write_now(ron);
    }

    /// Queues the removal of the journal, after everything sent before.
    pub fn remove(&self) {
        self.handle().remove();
    }

    /// A line to this writer's thread for a save running elsewhere.
    pub fn handle(&self) -> Handle {
        Handle {
            tx: self.tx.clone(),
        }
    }
}

/// What a save sends the journal's thread from wherever it runs: the text being saved,
/// then the removal once it is in the file.
#[derive(Debug, Clone)]
pub struct Handle {
    tx: Option<std::sync::mpsc::Sender<Job>>,
}

impl Handle {
    /// See [`Writer::write_now`].
    pub fn write_now(&self, ron: &str) {
        if let Some(tx) = &self.tx {
            let (done, written) = std::sync::mpsc::channel();
            if tx.send(Job::Text(ron.to_owned(), done)).is_ok() {
                let _ = written.recv();
            }
        }
    }

    /// See [`Writer::remove`].
    pub fn remove(&self) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Remove);
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

#[cfg(test)]
mod writer_tests {
    use super::*;
    use crate::model::{Annotations, ArticleRef, Span};

    #[test]
    fn snapshots_and_removal_are_written_in_order_by_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.ann.ron");
        let article = crate::text::Article::from_text(Path::new("a.txt"), "One two.\n".into());
        let mut a = Annotations::new(
            ArticleRef {
                path: "a.txt".into(),
                sha256: article.sha256.clone(),
                chars: article.char_count(),
            },
            "t",
        );
        let w = Writer::start(Disk::real(), file.clone(), article);
        w.snapshot(&a);
        a.add_mention("Claim", vec![Span::new(0, 3)]);
        w.snapshot(&a);
        drop(w);
        assert!(last(&file).unwrap().1.contains("quote: \"One\""));
        let w = Writer::start(
            Disk::real(),
            file.clone(),
            crate::text::Article::from_text(Path::new("a.txt"), "One two.\n".into()),
        );
        w.snapshot(&a);
        w.remove();
        drop(w);
        assert!(
            !journal_path(&file).exists(),
            "the removal came after the snapshot"
        );
    }
}
