//! The store session: the one door every reader and writer of an annotation file goes
//! through (the editor, compare and gold, import, suggest, triage). It owns what keeps work
//! safe on disk:
//!
//! - the **lock** beside the file, so two glossators never edit one file;
//! - the **stamp** (a hash of the bytes last read or written), so a change by another
//!   program is noticed before anything is written over it; our work then goes to a
//!   **conflict copy** beside the file, and the next open offers it back;
//! - the **backup** `file~`, the file as it was before the session's first save, replaced
//!   atomically, never truncated;
//! - the **journal**, one snapshot of the unsaved work, replaced at most a second after each
//!   change;
//! - the **recovery copy**: when a save fails, the work is written first to the recovery
//!   folder (another filesystem, usually) and, failing that, beside the file; one copy per
//!   file per session, replaced, and retried saves back off;
//! - the **atomic save** ([`Disk::write_atomic`]), never through a symbolic link.
//!
//! Screens ask the session and show what it answers; none keeps save rules of its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::disk::{Disk, DiskError, folder_of};
use super::guard::{FileLock, Stamp};
use super::journal;
use super::read::{Parsed, read_bytes};
use crate::diagnostic::Diagnostic;
use crate::model::Annotations;
use crate::text::Article;

mod job;
mod outcome;
mod places;

pub use job::{SaveDone, SaveJob};
use outcome::VIEW_ONLY;
pub use outcome::{Earlier, EarlierKind, Failed, Found, OpenError, Options, Saved};
use places::{file_name, not_writable, now_secs, path_tag};

/// One annotation file, open.
#[derive(Debug)]
pub struct Session {
    file: PathBuf,
    disk: Disk,
    lock: Option<FileLock>,
    writing: job::Writing,
    recovery_dir: Option<PathBuf>,
    started: u64,
    journal: Option<journal::Writer>,
    journaled: Option<u64>,
    journaled_at: Option<Instant>,
    failures: u32,
    failed_at: Option<Instant>,
    view_only: Option<String>,
    took_over: Option<String>,
}

impl Session {
    /// A session that holds no lock and has read nothing: for annotations made in memory
    /// (tests, benches). Its first save treats the file as new.
    pub fn detached(file: PathBuf) -> Self {
        Self {
            file,
            disk: Disk::real(),
            lock: None,
            writing: job::Writing::default(),
            recovery_dir: None,
            started: now_secs(),
            journal: None,
            journaled: None,
            journaled_at: None,
            failures: 0,
            failed_at: None,
            view_only: None,
            took_over: None,
        }
    }

    /// This session, writing through `disk` (tests give one that fails).
    #[must_use]
    pub fn with_disk(mut self, disk: Disk) -> Self {
        self.disk = disk;
        self
    }

    /// This session, with copies of failed saves going to `dir`.
    #[must_use]
    pub fn with_recovery_dir(mut self, dir: PathBuf) -> Self {
        self.recovery_dir = Some(dir);
        self
    }

    /// Opens `file`: takes its lock, reads and parses it (when it exists), and looks for work
    /// earlier sessions left beside it. A file that cannot be written opens view-only.
    pub fn open(file: &Path, options: Options) -> Result<(Self, Found), OpenError> {
        let mut session = Self::detached(file.to_path_buf());
        session.disk = options.disk;
        session.recovery_dir = options.recovery_dir;
        session.view_only = if options.read_only {
            Some("opened read-only, to look at".to_owned())
        } else {
            not_writable(file)
        };
        if session.view_only.is_none() {
            // Reading through a link is harmless, but every save would be refused: say so now.
            Disk::refuse_link(file)?;
        }
        // A view-only session writes nothing, so it keeps no one else from writing.
        if options.lock && session.view_only.is_none() {
            // The lock lives beside the file: a new file's folder is made first.
            // (A folder that exists is used as it is, through a link the user made too;
            // a project refuses links planted in its own folders before it gets here.)
            if let Some(dir) = file.parent()
                && !dir.as_os_str().is_empty()
                && !dir.is_dir()
            {
                session.disk.create_dir_all(dir)?;
            }
            match FileLock::acquire(file) {
                Ok(lock) => {
                    // Holding the lock, no save of ours is running: what a killed one left
                    // can go.
                    super::guard::sweep_temporaries(file);
                    session.took_over.clone_from(&lock.took_over);
                    session.lock = Some(lock);
                }
                Err(why) => return Err(OpenError::Locked(why)),
            }
        }
        let parsed = match std::fs::symlink_metadata(file) {
            Ok(_) => {
                // Its size is checked before a byte is read.
                let bytes = crate::input::read_limited(
                    file,
                    "annotation file",
                    crate::input::ANNOTATION_LIMIT,
                )
                .map_err(|e| e.diagnostic())?;
                session.writing.stamp = Some(Stamp::of_bytes(&bytes));
                Some(read_bytes(file, bytes)?)
            }
            Err(_) => None,
        };
        let found = Found {
            parsed,
            // A view-only session changes nothing: another glossator may be writing this
            // journal and these copies right now.
            journal: if session.view_only.is_none() {
                journal::last(file)
            } else {
                None
            },
            earlier: if session.view_only.is_none() {
                session.earlier()
            } else {
                Vec::new()
            },
        };
        Ok((session, found))
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    pub fn disk(&self) -> &Disk {
        &self.disk
    }

    /// Why this session cannot save, when it is view-only.
    pub fn view_only(&self) -> Option<&str> {
        self.view_only.as_deref()
    }

    /// The lock a glossator that is gone had left, when this session took it over.
    pub fn took_over(&self) -> Option<&str> {
        self.took_over.as_deref()
    }

    /// Where the work goes since the file changed under us, if it did.
    pub fn diverted(&self) -> Option<&Path> {
        self.writing.conflict.as_deref()
    }

    /// This session's recovery copy, if a save failed.
    pub fn recovery(&self) -> Option<&Path> {
        self.writing.recovery.as_ref().map(|(p, _)| p.as_path())
    }

    fn recovery_prefix(&self) -> String {
        let name = file_name(&self.file);
        let stem = name.strip_suffix(".ann.ron").unwrap_or(&name);
        format!("{stem}-{}-", path_tag(&self.file))
    }

    /// Conflict and recovery copies earlier sessions left for this file, newest first.
    fn earlier(&self) -> Vec<Earlier> {
        let mut found = Vec::new();
        let name = file_name(&self.file);
        let mut scan = |dir: &Path, prefix: &str, suffix: &str, kind: EarlierKind| {
            let Ok(entries) = std::fs::read_dir(dir) else {
                return;
            };
            for e in entries.filter_map(Result::ok) {
                let n = e.file_name().to_string_lossy().into_owned();
                let Some(secs) = n
                    .strip_prefix(prefix)
                    .and_then(|r| r.strip_suffix(suffix))
                    .and_then(|s| s.parse::<u64>().ok())
                else {
                    continue;
                };
                if e.file_type().is_ok_and(|t| t.is_file()) {
                    found.push(Earlier {
                        path: e.path(),
                        secs,
                        kind,
                    });
                }
            }
        };
        let dir = folder_of(&self.file);
        scan(dir, &format!("{name}.conflict-"), "", EarlierKind::Conflict);
        scan(dir, &format!("{name}.recovery-"), "", EarlierKind::Recovery);
        if let Some(rdir) = &self.recovery_dir {
            scan(
                rdir,
                &self.recovery_prefix(),
                ".ann.ron",
                EarlierKind::Recovery,
            );
        }
        found.sort_by(|a, b| b.secs.cmp(&a.secs).then_with(|| a.path.cmp(&b.path)));
        found
    }

    /// Sets an earlier session's copy aside as `…~` once the user has chosen, so it is not
    /// offered again and is still there if wanted.
    pub fn set_aside(&self, earlier: &Earlier) -> Result<PathBuf, DiskError> {
        let mut aside = earlier.path.as_os_str().to_owned();
        aside.push("~");
        let aside = PathBuf::from(aside);
        self.disk.rename(&earlier.path, &aside)?;
        Ok(aside)
    }

    /// Sets the journal aside as `…journal~` (the user declined the work it holds).
    pub fn set_journal_aside(&mut self) -> Result<PathBuf, DiskError> {
        // What the writer still has queued is written first, then the whole is set aside.
        self.journal = None;
        journal::set_aside(&self.disk, &self.file)
    }

    /// Removes the journal (what it held is in the file).
    pub fn drop_journal(&self) {
        match &self.journal {
            Some(writer) => writer.remove(),
            None => journal::remove(&self.disk, &self.file),
        }
    }

    /// Whether an autosave may try now: always, unless saves have been failing, when each
    /// try waits longer than the last (5 s, 10 s, ... up to a minute).
    pub fn may_autosave(&self, now: Instant) -> bool {
        match (self.failures, self.failed_at) {
            (0, _) | (_, None) => true,
            (n, Some(at)) => {
                let wait = Duration::from_secs(5 << (n - 1).min(4)).min(Duration::from_secs(60));
                now.duration_since(at) >= wait
            }
        }
    }

    /// How many saves in a row have failed.
    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// Sends `annotations` (at `revision`) to the journal when it does not hold them yet
    /// and the last entry is older than `every`. The writing happens on its own thread.
    pub fn journal(
        &mut self,
        annotations: &Annotations,
        article: &Article,
        revision: u64,
        now: Instant,
    ) {
        if !self.journal_due(revision, now) {
            return;
        }
        let writer = self.journal.get_or_insert_with(|| {
            journal::Writer::start(self.disk.clone(), self.file.clone(), article.clone())
        });
        writer.snapshot(annotations);
        self.journaled = Some(revision);
        self.journaled_at = Some(now);
    }

    /// After a save that left out work still being typed: the journal takes it again at the
    /// next chance, whatever the version.
    pub fn journal_again(&mut self) {
        self.journaled = None;
        self.journaled_at = None;
    }

    /// Whether the journal would take `revision` now: it does not hold it yet, and its last
    /// entry is older than the interval. Callers ask first, before building the work.
    pub fn journal_due(&self, revision: u64, now: Instant) -> bool {
        const EVERY: Duration = Duration::from_millis(800);
        self.journal_pending(revision)
            && self
                .journaled_at
                .is_none_or(|t| now.duration_since(t) >= EVERY)
    }

    /// Whether `revision` still waits for the journal.
    pub fn journal_pending(&self, revision: u64) -> bool {
        self.view_only.is_none() && self.journaled != Some(revision)
    }

    /// Writes the work to `path` instead (a save-as after the real file failed), never
    /// through a link and never over an existing file's lock holder.
    pub fn save_as(
        &self,
        path: &Path,
        annotations: &Annotations,
        article: &Article,
    ) -> Result<(), String> {
        if path == self.file {
            return Err("that is the file that cannot be saved; choose another path".into());
        }
        // A new file only: save-as never replaces anything (an article, another file).
        if std::fs::symlink_metadata(path).is_ok() {
            return Err(format!(
                "{} exists; save-as writes a new file only, choose another name",
                path.display()
            ));
        }
        let dir = folder_of(path);
        if !dir.is_dir() {
            return Err(format!(
                "the folder {} does not exist; choose a path in an existing folder",
                dir.display()
            ));
        }
        let text = super::to_ron(path, annotations, article).map_err(|e| e.to_string())?;
        self.disk
            .write_new(path, text.as_bytes())
            .map_err(|e| e.to_string())
    }

    /// After a bug stopped the program: the unsaved work, written at once (not on the
    /// journal's thread) to the journal and a recovery copy. Returns where it went.
    pub fn rescue(&mut self, annotations: &Annotations, article: &Article) -> Vec<PathBuf> {
        let mut kept = Vec::new();
        let Ok(text) = super::to_ron(&self.file, annotations, article) else {
            return kept;
        };
        // Anything the thread still had queued is older than this.
        self.journal = None;
        if self.view_only.is_none() && journal::write(&self.disk, &self.file, &text).is_ok() {
            kept.push(journal::journal_path(&self.file));
        }
        if let Some(copy) = self.keep_recovery(text.as_bytes()) {
            kept.push(copy);
        }
        kept
    }

    /// Loads the file as it is now (another program changed it), ours staying in the
    /// conflict copy; from now on saves go to the file again.
    pub fn reload(&mut self) -> Result<Parsed, Diagnostic> {
        let bytes = self.disk.read(&self.file).map_err(|e| {
            Diagnostic::new(
                &self.file,
                e.to_string(),
                "check the file and its permissions",
            )
        })?;
        let stamp = Stamp::of_bytes(&bytes);
        let parsed = read_bytes(&self.file, bytes)?;
        self.writing.stamp = Some(stamp);
        self.writing.conflict = None;
        Ok(parsed)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // The journal's thread finishes what it was sent while the lock is still held.
        self.journal = None;
    }
}

/// Why a one-shot write did not happen.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Open(#[from] OpenError),
    #[error("{path}: cannot write: {why}")]
    ViewOnly { path: String, why: String },
    #[error(transparent)]
    Failed(#[from] Failed),
}

/// Writes `annotations` to `file` through a session of its own: the lock, the backup of a
/// file that was there, the atomic save. For one-shot writers (import).
pub fn write_once(
    file: &Path,
    annotations: &Annotations,
    article: &Article,
    recovery_dir: Option<PathBuf>,
) -> Result<Saved, WriteError> {
    let (mut session, _) = Session::open(file, Options::writer(recovery_dir))?;
    if let Some(why) = session.view_only() {
        return Err(WriteError::ViewOnly {
            path: file.display().to_string(),
            why: why.to_owned(),
        });
    }
    Ok(session.save(annotations, article)?)
}

#[cfg(test)]
mod tests;
