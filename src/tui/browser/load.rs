//! What review, the dashboard and agreement need of every annotation file, gathered beside
//! the loop (from their caches where the files have not changed; see [`super::sheets`] and
//! [`super::agree_cache`]): the browser shows how far it got and stays responsive (`Esc`
//! stops), and the screen asked for opens once everything is in.

use super::{Browser, Then};

impl Browser {
    pub(super) fn schema_or_news(&self) -> crate::schema::Schema {
        self.project
            .schema()
            .unwrap_or_else(|_| crate::schema::Schema::news())
    }

    /// Opens `then` with what it needs of every annotation file: at once when that is in,
    /// else once it has been gathered beside the loop.
    pub(super) fn with_docs(&mut self, then: Then) {
        match then {
            Then::Agreement => self.agreement(),
            other => self.with_sheets(other),
        }
    }

    /// Whether files are being read (the loop then wakes often to show how far).
    pub fn busy(&self) -> bool {
        self.working.is_some() || self.reading.is_some()
    }

    /// Takes in what was gathered; opens the screen when all is in.
    pub fn tick(&mut self) {
        self.tick_work();
        self.tick_sheets();
    }

    /// Waits until every file is read, and the screens cache and agreement's written (for
    /// tests and scripts
    /// that drive the browser without a loop).
    pub fn settle(&mut self) {
        while self.busy() {
            self.tick();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        // And the screens cache is on disk.
        if let Some(s) = &mut self.sheets {
            s.written();
        }
        if let Some(thread) = self.measurer.take() {
            let _ = thread.join();
        }
    }

    /// Stops reading (the workers stop at their next file).
    pub(super) fn stop_loading(&mut self) {
        if self.stop_sheets() {
            self.message = Some("stopped reading the annotation files".to_owned());
        } else if self.stop_work() {
            self.message = Some("stopped working out agreement".to_owned());
        }
    }

    /// "reading 340 of 1,880 annotation files", while reading.
    pub fn loading_line(&self) -> Option<String> {
        if let Some(w) = &self.working {
            return Some(w.line());
        }
        self.reading.as_ref().map(super::sheets::Reading::line)
    }
}
