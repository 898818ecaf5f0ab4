//! What the store session answered, shown and asked: a save's outcome, the file changed by
//! another program, unsaved work in a journal or an earlier session's copy, a failed save on
//! quit. The session decides what is safe; these only ask the user and pass the answer on as
//! effects.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Exit, Offer, SaveState};
use crate::store::session::{Failed, Saved};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::KeyCombo;
use crate::tui::mode::Mode;

impl App {
    /// The outcome of a save the loop carried out.
    pub fn saved(&mut self, result: Result<Saved, Failed>) {
        match result {
            Ok(Saved::Diverted { copy, first }) => {
                let path = copy.display().to_string();
                // Asked once, when the change is found; later saves go on quietly.
                if first {
                    self.mode = Mode::Changed;
                }
                self.message = Some(format!(
                    "{} changed on disk (another program wrote it) and was left as it is; your work is saved in {path}",
                    self.file().display()
                ));
                self.on_disk.save_state = SaveState::Conflict(path);
                self.on_disk.written = self.doc.revision();
                self.quit |= self.on_disk.quit_after_save;
            }
            Ok(saved) => {
                self.on_disk.failure = None;
                if matches!(self.on_disk.save_state, SaveState::Failed(_)) {
                    // The failure the status bar told of is over.
                    let name = self
                        .file()
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    self.message = Some(format!("saved {name}"));
                }
                if saved == Saved::Recreated {
                    self.message = Some(format!(
                        "{} had been deleted by another program; it was written again",
                        self.file().display()
                    ));
                }
                self.on_disk.save_state = SaveState::Saved;
                self.on_disk.written = self.doc.revision();
                self.quit |= self.on_disk.quit_after_save;
            }
            Err(failed) => {
                self.on_disk.save_state = SaveState::Failed(failed.short());
                if self.on_disk.quit_after_save {
                    self.mode = Mode::QuitFailed;
                    self.message = None;
                } else {
                    self.message = Some(format!("not saved: {}", failed.short()));
                }
                self.on_disk.failure = Some(failed);
            }
        }
        self.on_disk.quit_after_save = false;
    }

    /// The outcome of a save that ran beside the loop with the annotations of `revision`:
    /// as [`App::saved`], except that it never quits (quitting saves the work as it is
    /// then) and work changed since it started stays unsaved.
    pub fn saved_beside(&mut self, result: Result<Saved, Failed>, revision: u64) {
        let quitting = std::mem::take(&mut self.on_disk.quit_after_save);
        self.saved(result);
        if matches!(
            self.on_disk.save_state,
            SaveState::Saved | SaveState::Conflict(_)
        ) {
            // What the file holds is the revision the save started with.
            self.on_disk.written = revision;
        }
        self.on_disk.quit_after_save = quitting;
        if revision != self.doc.revision()
            && !matches!(self.on_disk.save_state, SaveState::Failed(_))
        {
            self.on_disk.save_state = SaveState::Unsaved;
        }
    }

    /// Whether a save is asked for to quit after it.
    pub fn quitting(&self) -> bool {
        self.on_disk.quit_after_save
    }

    /// Quitting, and a save that ran beside the loop left nothing unsaved: quits.
    pub fn nothing_left_to_save(&mut self) {
        self.quit |= std::mem::take(&mut self.on_disk.quit_after_save);
    }

    /// Ends the typing of a text field and closes the form, so what was typed is part of
    /// the work that is saved or journaled (a note is work too).
    pub fn finish_pending(&mut self) {
        if self
            .overlays
            .form
            .as_ref()
            .is_some_and(|f| f.editing.is_some() || self.doc.group_changed())
        {
            self.finish_form();
        }
    }

    /// What the journal should hold now: the annotations, with what the open form changed
    /// or has typed so far applied; `None` when nothing is unsaved.
    pub fn unsaved_work(&self) -> Option<crate::model::Annotations> {
        let form = self.overlays.form.as_ref();
        let typing = form.is_some_and(|f| f.editing.is_some() || self.doc.group_changed());
        if !self.dirty() && !typing {
            return None;
        }
        let mut work = self.doc.annotations().clone();
        if let Some(form) = form
            && let Some(area) = &form.editing
            && let Some(field) = self.form_fields().get(form.index)
        {
            let text = area.lines().join("\n");
            let _ = Self::apply_text(&mut work, form.target, field, &text);
        }
        Some(work)
    }

    /// A number that grows with every change, typed text in a form included.
    pub fn work_version(&self) -> u64 {
        self.doc.revision().wrapping_add(self.overlays.typed)
    }

    /// The file changed on disk and our work went aside: `r` loads their version (ours stays
    /// in the conflict file, and `u` brings it back here), `n` or Esc goes on in the new file.
    pub(super) fn changed_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let aside = match &self.on_disk.save_state {
            SaveState::Conflict(p) => p.clone(),
            _ => String::new(),
        };
        let answer = self.keymap.action(Mode::Changed, KeyCombo::from_event(key));
        match answer {
            Some(Action::Reload) => return vec![Effect::Reload],
            Some(Action::KeepMine) => {
                self.mode = Mode::Reading;
                self.message = Some(format!("your work goes on in {aside}"));
            }
            _ => {
                self.message = Some(format!(
                    "{} loads their version, {} goes on in the new file",
                    self.keymap.hint(Mode::Changed, Action::Reload),
                    self.keymap.hint(Mode::Changed, Action::KeepMine)
                ));
            }
        }
        Vec::new()
    }

    /// Their version, read by the loop: loaded as one undo step, or why it cannot be.
    pub fn reloaded(&mut self, theirs: Result<crate::model::Annotations, String>) {
        let aside = match &self.on_disk.save_state {
            SaveState::Conflict(p) => p.clone(),
            _ => String::new(),
        };
        match theirs {
            Ok(theirs) => {
                self.doc.replace(theirs);
                self.on_disk.save_state = SaveState::Saved;
                self.on_disk.written = self.doc.revision();
                self.mode = Mode::Reading;
                self.message = Some(format!(
                    "their version is loaded; yours is kept in {aside} ({} brings it back)",
                    self.keymap.hint(Mode::Reading, Action::Undo)
                ));
                // A pull that merged with conflicts: those come first.
                if !self.doc.annotations().conflicts.is_empty() {
                    self.start_conflicts();
                }
            }
            Err(why) => {
                self.message = Some(format!(
                    "{why}; {} goes on in {aside}",
                    self.keymap.hint(Mode::Changed, Action::KeepMine)
                ));
            }
        }
    }

    /// The answer to "restore the unsaved work?": `r` restores it and saves, `d` sets the
    /// journal aside (kept as `…journal~`), anything else asks again.
    pub(super) fn recovery_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.keymap.action(Mode::Recover, KeyCombo::from_event(key)) {
            Some(Action::Restore) => {
                self.mode = Mode::Reading;
                if let Some((annotations, _)) = self.on_disk.recovery.take() {
                    self.doc.replace(annotations);
                    let effects = self.changed("the unsaved work was restored".to_owned());
                    self.on_disk.save_state = SaveState::Unsaved;
                    self.next_question();
                    return effects.into_iter().chain([Effect::Save]).collect();
                }
                self.next_question();
            }
            Some(Action::SetAside) => {
                self.on_disk.recovery = None;
                self.mode = Mode::Reading;
                self.message = Some("the unsaved work was set aside (kept as .journal~)".into());
                self.next_question();
                return vec![Effect::SetAsideJournal];
            }
            _ => {
                self.message = Some(format!(
                    "{} restores the unsaved work, {} sets it aside",
                    self.keymap.hint(Mode::Recover, Action::Restore),
                    self.keymap.hint(Mode::Recover, Action::SetAside)
                ));
            }
        }
        Vec::new()
    }

    /// Asks about the next copy of earlier work, if one waits.
    pub(crate) fn next_question(&mut self) {
        if self.mode != Mode::Reading {
            return;
        }
        if self.on_disk.recovery.is_some() {
            self.mode = Mode::Recover;
        } else if !self.on_disk.earlier.is_empty() {
            self.mode = Mode::Earlier;
        }
    }

    /// Work of an earlier session in a copy: `t` takes it (as unsaved work here, the file's
    /// version one undo step back), `k` keeps the file; either way the copy is set aside
    /// (`…~`). Esc decides later: it is offered again next time.
    pub(super) fn earlier_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(offer) = self.on_disk.earlier.first() else {
            self.mode = Mode::Reading;
            return Vec::new();
        };
        match self.keymap.action(Mode::Earlier, KeyCombo::from_event(key)) {
            Some(Action::TakeCopy) => match &offer.annotations {
                Ok(copy) => {
                    let copy = copy.clone();
                    let from = offer.earlier.path.display().to_string();
                    self.doc.replace(copy);
                    let u = self.keymap.hint(Mode::Reading, Action::Undo);
                    self.changed(format!(
                        "the copy's work is loaded ({from} is kept as …~); save to keep it, {u} goes back to the file's"
                    ));
                    return self.answered();
                }
                Err(why) => self.message = Some(format!("the copy cannot be taken: {why}")),
            },
            Some(Action::KeepFile) => {
                self.message = Some(format!(
                    "the file is kept; the copy stays as {}~",
                    offer.earlier.path.display()
                ));
                return self.answered();
            }
            Some(Action::Cancel) => {
                self.on_disk.earlier.clear();
                self.mode = Mode::Reading;
                self.message = Some("the copies are offered again next time".into());
            }
            _ => {
                let k = |a| self.keymap.hint(Mode::Earlier, a);
                self.message = Some(format!(
                    "{} takes the copy's work, {} keeps the file, {} decides later",
                    k(Action::TakeCopy),
                    k(Action::KeepFile),
                    k(Action::Cancel)
                ));
            }
        }
        Vec::new()
    }

    fn answered(&mut self) -> Vec<Effect> {
        self.mode = Mode::Reading;
        let effects = vec![Effect::SetAsideEarlier];
        // The loop removes the answered offer when it has set the copy aside.
        effects
    }

    /// The copy of earlier work being asked about.
    pub fn offer(&self) -> Option<&Offer> {
        self.on_disk.earlier.first()
    }

    /// Quitting, and the save failed. `r` tries again, `w` types a path to save to instead,
    /// `d` types `drop` to quit without the changes, Esc stays.
    pub(super) fn quit_failed_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let bound = self
            .keymap
            .action(Mode::QuitFailed, KeyCombo::from_event(key));
        // While a path or "drop" is typed, only the confirming and cancelling keys are not
        // text ("r" and "d" are letters of "drop" there).
        let typed = |bound: Option<Action>| !matches!(bound, Some(Action::Pick | Action::Cancel));
        if let Some(path) = self.on_disk.save_as.as_mut() {
            match (bound, key.code) {
                (Some(Action::Cancel), _) => self.on_disk.save_as = None,
                (Some(Action::Pick), _) if !path.trim().is_empty() => {
                    let to = std::path::PathBuf::from(path.trim());
                    self.on_disk.save_as = None;
                    return vec![Effect::SaveAs(to)];
                }
                (_, KeyCode::Backspace) => {
                    path.pop();
                }
                (b, KeyCode::Char(c)) if typed(b) && !c.is_control() => path.push(c),
                _ => {}
            }
            return Vec::new();
        }
        if let Some(word) = self.on_disk.drop_word.as_mut() {
            match (bound, key.code) {
                (Some(Action::Cancel), _) => self.on_disk.drop_word = None,
                (Some(Action::Pick), _) if word == "drop" => {
                    self.on_disk.drop_word = None;
                    self.on_disk.exit = Some(Exit::Dropped);
                    self.quit = true;
                    // Not offered again as unsaved work; still there as `…journal~`.
                    return vec![Effect::SetAsideJournal];
                }
                (Some(Action::Pick), _) => {
                    let enter = self.keymap.hint(Mode::QuitFailed, Action::Pick);
                    self.message = Some(format!("type drop, then {enter}"));
                }
                (_, KeyCode::Backspace) => {
                    word.pop();
                }
                (b, KeyCode::Char(c)) if typed(b) && !c.is_control() => word.push(c),
                _ => {}
            }
            return Vec::new();
        }
        match bound {
            Some(Action::Retry) => {
                self.on_disk.quit_after_save = true;
                return vec![Effect::Save];
            }
            Some(Action::SaveElsewhere) => self.on_disk.save_as = Some(String::new()),
            Some(Action::DropWork) => self.on_disk.drop_word = Some(String::new()),
            Some(Action::Cancel) => {
                self.mode = Mode::Reading;
                self.message = Some("not quitting; the work is still unsaved".into());
            }
            _ => {}
        }
        Vec::new()
    }

    /// The outcome of a save-as on quit: quits when the work is safe there.
    pub fn saved_as(&mut self, to: &std::path::Path, result: Result<(), String>) {
        match result {
            Ok(()) => {
                self.on_disk.exit = Some(Exit::SavedAs(to.to_path_buf()));
                self.quit = true;
            }
            Err(why) => self.message = Some(format!("cannot save as {}: {why}", to.display())),
        }
    }

    /// What to tell the user in the shell once the terminal is restored: where the work went
    /// when it is not in the file.
    pub fn exit_note(&self) -> Option<String> {
        let session = &self.on_disk.session;
        if let Some(Exit::SavedAs(to)) = &self.on_disk.exit {
            return Some(format!(
                "{} could not be saved; your work was saved as {}",
                self.file().display(),
                to.display()
            ));
        }
        if self.on_disk.exit == Some(Exit::Dropped) {
            return Some(match session.recovery() {
                Some(copy) => format!(
                    "quit without saving, as asked; the last copy of the work is still in {}",
                    copy.display()
                ),
                None => "quit without saving, as asked".to_owned(),
            });
        }
        session.diverted().map(|copy| {
            format!(
                "{} was changed by another program while it was open, and left as it is; your \
                 work is in {}. Open the file again to compare the two and choose.",
                self.file().display(),
                copy.display()
            )
        })
    }
}
