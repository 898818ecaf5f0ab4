//! Saving beside the loop: a save (serializing, writing, flushing, renaming, checking the
//! file first) runs on a thread of its own with a snapshot of the annotations, while keys
//! are handled and drawn; the status bar says "saving…" until the outcome comes back to
//! the loop. A save asked for while one runs waits for it and then saves what is new, once.
//! Whatever must not end with a save under way (quitting, `ctrl-z`, a signal, another
//! request to the store) waits for it first: [`land`] with `wait`.

use std::thread::JoinHandle;

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
