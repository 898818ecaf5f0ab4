//! One save, apart from the session: [`Session::begin_save`] hands out what the save needs
//! (the file, the disk, the stamp, the backup, conflict and recovery state, a line to the
//! journal), [`SaveJob::run`] serializes and writes, anywhere (the editor runs it on a
//! thread beside its loop), and [`Session::end_save`] takes back what the save learned.
//! [`Session::save`] is the three in a row.

use std::path::PathBuf;
use std::time::Instant;

use super::super::disk::{Disk, DiskError, folder_of};
use super::super::guard::{Now, Stamp, backup_path};
use super::super::journal;
use super::outcome::{Failed, Saved};
use super::places::private_temp;
use super::{Session, VIEW_ONLY};
use crate::model::Annotations;
use crate::text::Article;

/// What saves read and change: the file as we last wrote it, whether the backup is made,
/// where the work goes since the file changed under us, this session's recovery copy.
#[derive(Debug, Clone, Default)]
pub(super) struct Writing {
    /// The file as we last read or wrote it; `None` when there was no file.
    pub(super) stamp: Option<Stamp>,
    pub(super) backed_up: bool,
    pub(super) conflict: Option<PathBuf>,
    /// This session's recovery copy and the hash of what it holds.
    pub(super) recovery: Option<(PathBuf, Stamp)>,
}

/// A save on its way: everything it needs, owned, so it can run on another thread.
#[derive(Debug)]
pub struct SaveJob {
    file: PathBuf,
    disk: Disk,
    recovery_dir: Option<PathBuf>,
    /// The recovery copy's name in a folder of copies.
    recovery_name: String,
    started: u64,
    journal: Option<journal::Handle>,
    writing: Writing,
}

/// What a save did, for [`Session::end_save`].
#[derive(Debug)]
pub struct SaveDone {
    writing: Writing,
    result: Result<Saved, Failed>,
}

impl Session {
    /// A save of the work, to run anywhere; refused for a view-only session. While it runs,
    /// the session answers as before it (its journal must wait: the save empties it).
    pub fn begin_save(&self) -> Result<SaveJob, Failed> {
        if let Some(why) = &self.view_only {
            return Err(Failed {
                reason: format!("this file is open view-only: {why}"),
                cause: VIEW_ONLY.to_owned(),
                recovery: None,
            });
        }
        Ok(self.job())
    }

    pub(super) fn job(&self) -> SaveJob {
        SaveJob {
            file: self.file.clone(),
            disk: self.disk.clone(),
            recovery_dir: self.recovery_dir.clone(),
            recovery_name: format!("{}{}.ann.ron", self.recovery_prefix(), self.started),
            started: self.started,
            journal: self.journal.as_ref().map(journal::Writer::handle),
            writing: self.writing.clone(),
        }
    }

    /// Takes back what a save learned and counts its failures (retried autosaves back off).
    pub fn end_save(&mut self, done: SaveDone) -> Result<Saved, Failed> {
        self.writing = done.writing;
        if done.result.is_ok() {
            self.failures = 0;
            self.failed_at = None;
        } else {
            self.failures += 1;
            self.failed_at = Some(Instant::now());
        }
        done.result
    }

    /// Saves `annotations`, never over what another program wrote and never losing them:
    /// a failure at any step leaves the file as it was and the work in a recovery copy.
    pub fn save(&mut self, annotations: &Annotations, article: &Article) -> Result<Saved, Failed> {
        let job = self.begin_save()?;
        let done = job.run(annotations, article);
        self.end_save(done)
    }

    /// Writes the work where it cannot hurt the real file (see [`SaveJob::keep_recovery`]).
    pub(super) fn keep_recovery(&mut self, bytes: &[u8]) -> Option<PathBuf> {
        let mut job = self.job();
        let kept = job.keep_recovery(bytes);
        self.writing = job.writing;
        kept
    }
}

impl SaveJob {
    /// Serializes and writes the work; a failure keeps it in a recovery copy.
    pub fn run(mut self, annotations: &Annotations, article: &Article) -> SaveDone {
        let result = self.save(annotations, article);
        SaveDone {
            writing: self.writing,
            result,
        }
    }

    fn save(&mut self, annotations: &Annotations, article: &Article) -> Result<Saved, Failed> {
        let text = match super::super::to_ron(&self.file, annotations, article) {
            Ok(t) => t,
            Err(e) => {
                return Err(Failed {
                    reason: e.to_string(),
                    cause: e.to_string(),
                    recovery: None,
                });
            }
        };
        // The journal goes once the file is written; a kill before then must not leave it
        // holding less than the file (the next open would offer its older work back as
        // unsaved), so it first gets what is being saved. Older snapshots on their way to
        // it are written before.
        if let Some(journal) = &self.journal {
            journal.write_now(&text);
        }
        match self.write(text.as_bytes()) {
            Ok(saved) => {
                match &self.journal {
                    Some(journal) => journal.remove(),
                    None => journal::remove(&self.disk, &self.file),
                }
                // The work is where it belongs; this session's recovery copy is stale.
                if let Some((copy, _)) = self.writing.recovery.take() {
                    let _ = self.disk.remove(&copy);
                }
                Ok(saved)
            }
            Err(e) => {
                let cause = match &e {
                    DiskError::Io { source, what, .. } => format!("cannot {what}: {source}"),
                    DiskError::Link { path } => format!("{} is a symbolic link", path.display()),
                };
                Err(Failed {
                    reason: e.to_string(),
                    cause,
                    recovery: self.keep_recovery(text.as_bytes()),
                })
            }
        }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<Saved, DiskError> {
        let w = &mut self.writing;
        let mut recreated = false;
        let mut first = false;
        if w.conflict.is_none() {
            let now = match &w.stamp {
                Some(stamp) => stamp.check(&self.file),
                // We saw no file: one there now was written by someone else.
                None if std::fs::symlink_metadata(&self.file).is_ok() => Now::Changed,
                None => Now::Same,
            };
            match now {
                Now::Same => {}
                Now::Deleted => recreated = true,
                Now::Changed => {
                    w.conflict = Some(super::super::guard::conflict_path(&self.file));
                    first = true;
                }
            }
        }
        if let Some(conflict) = &w.conflict {
            self.disk.write_atomic(conflict, bytes)?;
            return Ok(Saved::Diverted {
                copy: conflict.clone(),
                first,
            });
        }
        if !w.backed_up && !recreated && w.stamp.is_some() {
            let old = self.disk.read(&self.file)?;
            self.disk
                .write_atomic_like(&backup_path(&self.file), &old, &self.file)?;
            w.backed_up = true;
        }
        if let Some(dir) = self.file.parent()
            && !dir.as_os_str().is_empty()
            && !dir.is_dir()
        {
            self.disk.create_dir_all(dir)?;
        }
        if let Err(e) = self.disk.write_atomic(&self.file, bytes) {
            // A failure after the rename (the folder's flush) left our bytes in the file:
            // they are ours, not another program's, the next time we look.
            if Stamp::of(&self.file) == Some(Stamp::of_bytes(bytes)) {
                w.stamp = Some(Stamp::of_bytes(bytes));
            }
            return Err(e);
        }
        w.stamp = Some(Stamp::of_bytes(bytes));
        // The file as it was before this session is kept (or there was none): later saves
        // of the session keep no backup of its own work.
        w.backed_up = true;
        Ok(if recreated {
            Saved::Recreated
        } else {
            Saved::File
        })
    }

    /// Writes the work where it cannot hurt the real file: this session's recovery copy,
    /// in the recovery folder and, failing that, beside the file. Not written again while it
    /// already holds the same bytes.
    fn keep_recovery(&mut self, bytes: &[u8]) -> Option<PathBuf> {
        let stamp = Stamp::of_bytes(bytes);
        let w = &mut self.writing;
        if let Some((copy, held)) = &w.recovery
            && *held == stamp
            && copy.exists()
        {
            return Some(copy.clone());
        }
        let mut places = Vec::new();
        if let Some(dir) = &self.recovery_dir {
            places.push(dir.join(&self.recovery_name));
        }
        let mut beside = self.file.as_os_str().to_owned();
        beside.push(format!(".recovery-{}", self.started));
        places.push(PathBuf::from(beside));
        // The last resort when both are full or read-only: a folder of this user's own in
        // the system's temporary folder.
        if let Some(dir) = private_temp() {
            places.push(dir.join(&self.recovery_name));
        }
        for place in places {
            let written = self
                .disk
                .create_dir_all(folder_of(&place))
                .and_then(|()| self.disk.write_atomic(&place, bytes));
            if written.is_ok() {
                // One copy per session: a copy in the other place is now stale.
                if let Some((old, _)) = w.recovery.take()
                    && old != place
                {
                    let _ = self.disk.remove(&old);
                }
                w.recovery = Some((place.clone(), stamp));
                return Some(place);
            }
        }
        None
    }
}
