//! Agreement's measures, worked out beside the loop once the annotation files are read: every
//! pair over thousands of shared articles takes seconds, so the list stays responsive, shows
//! how far the measuring got, and `Esc` stops it.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::{Browser, View};
use crate::agree::progress::Progress;
use crate::export::Doc;
use crate::tui::agreement::Agreement;

type Outcome = Option<Result<Agreement, String>>;

/// The agreement view being measured.
#[derive(Debug)]
pub struct Working {
    progress: Arc<Progress>,
    rx: Receiver<Outcome>,
}

impl Working {
    /// Measures agreement over `docs` (gold and files with nothing marked left out, and only
    /// files at `status` when given) on a thread of its own.
    pub fn start(docs: Arc<Vec<Doc>>, labels: Vec<String>, status: Option<&'static str>) -> Self {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let shared = progress.clone();
        std::thread::spawn(move || {
            let chosen: Vec<Doc> = docs
                .iter()
                .filter(|d| {
                    !d.is_gold()
                        && crate::agree::measures::has_annotations(&d.annotations)
                        && status.is_none_or(|s| d.annotations.status.to_string() == s)
                })
                .cloned()
                .collect();
            drop(docs);
            // The browser stopped waiting when the send fails: nothing to do then.
            let _ = tx.send(Agreement::measure(&chosen, &labels, &shared));
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
            Err(TryRecvError::Disconnected) => Some(Err(
                "agreement could not be worked out (the measuring stopped); run glossator agree"
                    .to_owned(),
            )),
        };
        self.working = None;
        match outcome {
            Some(Ok(a)) => self.view = View::Agreement(Box::new(a)),
            Some(Err(why)) => self.message = Some(why),
            None => {}
        }
    }

    /// Stops measuring (the thread stops at its next step).
    pub(super) fn stop_work(&mut self) -> bool {
        self.working.take().map(|w| w.progress.stop()).is_some()
    }
}
