//! Saving beside the loop: a save (serializing, writing, flushing, renaming, checking the
//! file first) runs on a thread of its own with a snapshot of the annotations, while keys
//! are handled and drawn; the status bar says "saving…" until the outcome comes back to
//! the loop. A save asked for while one runs waits for it and then saves what is new, once.
//! Whatever must not end with a save under way (quitting, `ctrl-z`, a signal, another
//! request to the store) waits for it first: [`land`] with `wait`.

use std::thread::JoinHandle;
use std::time::Duration;

use super::app::App;
use super::mode::Mode;
use crate::store::session::SaveDone;

/// A save under way.
#[derive(Debug)]
pub struct Saving {
    thread: JoinHandle<SaveDone>,
    /// The revision of the annotations it writes.
    revision: u64,
}

/// Whether a save is under way.
pub fn busy(app: &App) -> bool {
    app.on_disk.saving.is_some()
}

/// Starts saving the work beside the loop; while a save is under way, another is queued
/// to follow it.
pub fn save_beside(app: &mut App) {
    if app.mode == Mode::Triage {
        super::perform(app, &super::Effect::Save);
        return;
    }
    if busy(app) {
        app.on_disk.save_queued = true;
        return;
    }
    let job = match app.on_disk.session.begin_save() {
        Ok(job) => job,
        Err(failed) => {
            let revision = app.doc.revision();
            app.saved_beside(Err(failed), revision);
            return;
        }
    };
    let annotations = app.doc.annotations().clone();
    let article = app.doc.shared_article();
    let revision = app.doc.revision();
    let thread = std::thread::Builder::new()
        .name("glossator-save".into())
        .spawn(move || job.run(&annotations, &article));
    match thread {
        Ok(thread) => app.on_disk.saving = Some(Saving { thread, revision }),
        // No thread to be had: saved here, as before.
        Err(_) => super::perform(app, &super::Effect::Save),
    }
}

/// Waits for the save under way and leaves its outcome aside: the loop stopped on a bug,
/// and the work is kept where it cannot hurt the file.
pub fn abandon(app: &mut App) {
    if let Some(saving) = app.on_disk.saving.take() {
        let _ = saving.thread.join();
    }
}

/// Takes in the outcome of the save under way once it is back (waiting for it when `wait`),
/// and starts the queued one if there is new work. Returns whether a save came back.
pub fn land(app: &mut App, wait: bool) -> bool {
    let Some(saving) = app
        .on_disk
        .saving
        .take_if(|s| wait || s.thread.is_finished())
    else {
        return false;
    };
    let done = match saving.thread.join() {
        Ok(done) => done,
        // A bug in the save: the loop's guard keeps the work (journal, recovery copy).
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let result = app.on_disk.session.end_save(done);
    app.saved_beside(result, saving.revision);
    // The journal was emptied by the save: what changed since goes to it again now.
    if app.unsaved_work().is_some() {
        app.on_disk.session.journal_again();
    }
    if std::mem::take(&mut app.on_disk.save_queued) && app.dirty() && !wait {
        save_beside(app);
    }
    true
}

/// Saves a few idle seconds after the last change.
#[derive(Default)]
pub(super) struct Autosave {
    revision: u64,
    changed_at: Option<std::time::Instant>,
}

impl Autosave {
    const IDLE: Duration = Duration::from_secs(3);

    pub(super) fn note(&mut self, app: &App) {
        self.note_at(app, std::time::Instant::now());
    }

    pub(super) fn due(&self, app: &App) -> bool {
        self.due_at(app, std::time::Instant::now())
    }

    /// Every change starts the idle time again, the first after a save too.
    fn note_at(&mut self, app: &App, now: std::time::Instant) {
        if app.doc.revision() != self.revision {
            self.revision = app.doc.revision();
            self.changed_at = Some(now);
        }
    }

    /// Due after the idle time, unless the session holds saves back after failures.
    fn due_at(&self, app: &App, now: std::time::Instant) -> bool {
        app.dirty()
            && app.on_disk.session.may_autosave(now)
            && self
                .changed_at
                .is_some_and(|t| now.duration_since(t) >= Self::IDLE)
    }
}

#[cfg(test)]
mod autosave_tests {
    use super::*;
    use crate::tui::{Effect, OpenRequest, handle_event, load_app, perform};
    use crossterm::event::{Event, KeyCode, KeyModifiers};
    use std::time::Duration;

    fn press(c: char) -> Event {
        Event::Key(crossterm::event::KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        ))
    }

    #[test]
    fn autosave_waits_three_idle_seconds_after_every_change_even_the_first_after_a_save() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let article = dir.path().join("a.txt");
        std::fs::write(&article, "One two three four.\n").unwrap_or_else(|e| panic!("{e}"));
        let req = OpenRequest::new(article, "t", crate::schema::Schema::news());
        let mut app = load_app(&req).unwrap_or_else(|e| panic!("{e}"));
        let mut auto = Autosave::default();
        let t0 = std::time::Instant::now();
        let s = |secs: f64| t0 + Duration::from_secs_f64(secs);
        auto.note_at(&app, t0);
        assert!(
            !auto.due_at(&app, s(10.0)),
            "nothing changed: nothing to save"
        );
        // A label at 0 s: due at 3 s, not before.
        app.view.anchor = Some(0);
        app.view.cursor = 2;
        handle_event(&mut app, &press('2'));
        assert_eq!(app.doc.annotations().mentions.len(), 1);
        auto.note_at(&app, s(0.0));
        assert!(!auto.due_at(&app, s(2.9)));
        assert!(auto.due_at(&app, s(3.0)));
        perform(&mut app, &Effect::Save);
        assert!(!auto.due_at(&app, s(3.1)), "saved");
        // Ten seconds later another change: its own three seconds, though the last change
        // was long ago.
        app.view.anchor = Some(4);
        app.view.cursor = 6;
        handle_event(&mut app, &press('3'));
        assert_eq!(app.doc.annotations().mentions.len(), 2);
        auto.note_at(&app, s(13.0));
        assert!(!auto.due_at(&app, s(13.5)));
        assert!(!auto.due_at(&app, s(15.9)));
        assert!(auto.due_at(&app, s(16.0)));
    }
}
