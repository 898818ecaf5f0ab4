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

/// The thread that measures, and then writes the agreement cache once the figures are sent.
pub type Measurer = std::thread::JoinHandle<()>;

/// The agreement view being measured.
#[derive(Debug)]
pub struct Working {
    progress: Arc<Progress>,
    rx: Receiver<Outcome>,
}

impl Working {
    /// Measures agreement over the project (gold and files with nothing marked left out,
    /// and only files at `status` when given) on a thread of its own, from the agreement
    /// cache where it can. The figures are sent as soon as they are in; the cache is written
    /// after, so the first frame does not wait for it. The measuring `before` this one (its
    /// cache still being written) is waited for first, so that this one reads what it wrote.
    pub fn start(
        project: Project,
        schema: Schema,
        status: Option<&'static str>,
        before: Option<Measurer>,
    ) -> (Self, Measurer) {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = channel();
        let shared = progress.clone();
        let thread = std::thread::spawn(move || {
            if let Some(before) = before {
                let _ = before.join();
            }
            let measured = super::agree_cache::measure(&project, &schema, status, &shared);
            let (outcome, pending) = match measured {
                Some((figures, read, pending)) => (Some((figures, read)), pending),
                None => (None, None),
            };
            // The browser stopped waiting when the send fails: the cache is still worth
            // writing then.
            let _ = tx.send(outcome);
            if let Some(pending) = pending {
                pending.write();
            }
        });
        (Self { progress, rx }, thread)
    }

    /// "working out agreement: 3,400 of 6,700 steps".
    /// Before the steps are counted (the cache read, every file's stamp taken), what it is
    /// doing: "checking which files changed".
    pub fn line(&self) -> String {
        match self.progress.get() {
            (_, 0) => {
                " working out agreement: checking which files changed · esc stops ".to_owned()
            }
            (done, total) => {
                format!(" working out agreement: {done} of {total} steps · esc stops ")
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Before its steps are counted the line says what the measuring does, never "0 of 0".
    #[test]
    fn the_line_says_what_it_does_before_the_steps_are_counted() {
        let (_tx, rx) = channel();
        let w = Working {
            progress: Arc::new(Progress::default()),
            rx,
        };
        assert_eq!(
            w.line(),
            " working out agreement: checking which files changed · esc stops "
        );
        w.progress.expect(12);
        w.progress.step();
        assert_eq!(
            w.line(),
            " working out agreement: 1 of 12 steps · esc stops "
        );
    }
}
