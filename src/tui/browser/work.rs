//! Agreement's measures, worked out beside the loop once the annotation files are read: every
//! pair over thousands of shared articles takes seconds, so the list stays responsive, shows
//! how far the measuring got, and `Esc` stops it.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::{Browser, View};
use crate::agree::progress::Progress;
use crate::project::Project;
use crate::schema::Schema;
use crate::tui::agreement::Agreement;

type Outcome = Option<(Result<Agreement, String>, (usize, usize))>;

/// The agreement view being measured.
#[derive(Debug)]
pub struct Working {
    progress: Arc<Progress>,
    rx: Receiver<Outcome>,
}

impl Working {
    /// Measures agreement over the project (gold and files with nothing marked left out,
    /// and only files at `status` when given) on a thread of its own, from the agreement
    /// cache where it can.
    pub fn start(project: Project, schema: Schema, status: Option<&'static str>) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let shared = progress.clone();
        std::thread::spawn(move || {
            // The browser stopped waiting when the send fails: nothing to do then.
            let _ = tx.send(super::agree_cache::measure(
                &project, &schema, status, &shared,
            ));
        });
        Self { progress, rx }
    }

    /// "working out agreement: 3,400 of 6,700 steps".
    pub fn line(&self) -> String {
        let (done, total) = self.progress.get();
        format!(" working out agreement: {done} of {total} steps · esc stops ")
    }
}

impl Browser {
    /// Whether agreement's measures are being worked out.
    pub fn measuring(&self) -> bool {
        self.working.is_some()
    }

    /// Opens agreement once its measures are in.
    pub(super) fn tick_work(&mut self) {
        let Some(w) = &self.working else {
            return;
        };
        let outcome = match w.rx.try_recv() {
            Err(TryRecvError::Empty) => return,
            Ok(outcome) => outcome,
            Err(TryRecvError::Disconnected) => Some((
                Err(
                    "agreement could not be worked out (the measuring stopped); run glossator agree"
                        .to_owned(),
                ),
                (0, 0),
            )),
        };
        self.working = None;
        let Some((outcome, read)) = outcome else {
            return;
        };
        self.agreement_read = Some(read);
        match outcome {
            Ok(a) => self.view = View::Agreement(Box::new(a)),
            Err(why) => self.message = Some(why),
        }
    }

    /// How many files the last agreement took from its cache, and how many it read again.
    pub fn agreement_read(&self) -> Option<(usize, usize)> {
        self.agreement_read
    }

    /// Stops measuring (the thread stops at its next step).
    pub(super) fn stop_work(&mut self) -> bool {
        self.working.take().map(|w| w.progress.stop()).is_some()
    }
}
