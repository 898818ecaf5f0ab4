//! What opening and saving through a session answer: the options, the copies of earlier
//! work found, where a save put the work or why it did not.

use std::path::PathBuf;

use super::super::disk::{Disk, DiskError};
use super::super::read::Parsed;
use crate::diagnostic::Diagnostic;

/// How a session is opened.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub disk: Disk,
    /// Where a copy of the work goes when the real file cannot be written.
    pub recovery_dir: Option<PathBuf>,
    /// Open for reading only, even when the file could be written.
    pub read_only: bool,
    /// Take the file's lock (every writer does; tests that open files directly need not).
    pub lock: bool,
}

impl Options {
    /// A writer's session on the real disk: locked, with a recovery folder.
    pub fn writer(recovery_dir: Option<PathBuf>) -> Self {
        Self {
            disk: Disk::real(),
            recovery_dir,
            read_only: false,
            lock: true,
        }
    }
}

/// Why a session could not be opened. Nothing on disk was changed.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Locked(String),
    #[error(transparent)]
    Disk(#[from] DiskError),
    #[error(transparent)]
    Read(#[from] Diagnostic),
}

/// Work of an earlier session that is not in the file: a conflict copy (the file had been
/// changed by another program) or a recovery copy (saving had failed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub path: PathBuf,
    /// When it was written, in seconds since the epoch.
    pub secs: u64,
    pub kind: EarlierKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EarlierKind {
    Conflict,
    Recovery,
}

impl Earlier {
    /// What happened, in a person's words.
    pub fn why(&self) -> &'static str {
        match self.kind {
            EarlierKind::Conflict => "the file had been changed by another program",
            EarlierKind::Recovery => "saving the file had failed",
        }
    }
}

/// What opening found on disk.
#[derive(Debug)]
pub struct Found {
    /// The file, parsed; `None` when there is no file yet.
    pub parsed: Option<Parsed>,
    /// The journal's last entry (seconds since the epoch, RON): work that was never saved.
    pub journal: Option<(u64, String)>,
    /// Copies of earlier sessions' work, newest first.
    pub earlier: Vec<Earlier>,
}

/// Where a successful save put the work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// In the file.
    File,
    /// The file was deleted by another program; it was written again.
    Recreated,
    /// The file was changed by another program, and left as it is: the work is in this
    /// conflict copy (and keeps going there for the rest of the session); `first` on the
    /// save that found the change.
    Diverted { copy: PathBuf, first: bool },
}

/// A save that did not reach the file. The work is still in memory, and in `recovery`
/// when a copy could be written anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failed {
    pub reason: String,
    /// The cause alone, without the file's path: "No space left on device (os error 28)".
    pub cause: String,
    pub recovery: Option<PathBuf>,
}

impl Failed {
    /// What a status bar has room for: the cause and where the work is.
    pub fn short(&self) -> String {
        if self.cause == VIEW_ONLY {
            return self.reason.clone();
        }
        match &self.recovery {
            Some(copy) => format!("{}; your work is safe in {}", self.cause, copy.display()),
            None => format!(
                "{}; no copy could be written anywhere: free some space and save again",
                self.cause
            ),
        }
    }
}

impl std::fmt::Display for Failed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.cause == VIEW_ONLY {
            return f.write_str(&self.reason);
        }
        match &self.recovery {
            Some(copy) => write!(
                f,
                "{}; a copy of your work is safe in {}",
                self.reason,
                copy.display()
            ),
            None => write!(
                f,
                "{}; no copy could be written anywhere either: free some space or fix the \
                 permissions and save again, or save as another path",
                self.reason
            ),
        }
    }
}

impl std::error::Error for Failed {}

pub(super) const VIEW_ONLY: &str = "view only";
