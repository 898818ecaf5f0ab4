//! After the article changed: the review of every span that did not stay exactly where it
//! was. Nothing is placed by guess. A relocated span is in the text already and `a` accepts
//! it; an ambiguous one lists its places (`n` shows the next) and a reworded one its most
//! similar passage, each taken only with `Enter`; a lost one has no place at all until the
//! analyst selects it in the text (`s`, the usual motions and `v`, then `Enter`) or deletes
//! it (`x`). Saving waits until the review is over.

use crossterm::event::KeyEvent;

use super::{App, SaveState};
use crate::model::{MentionId, Span};
use crate::store::{Anchor, Anchoring, Drift, Held};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::KeyCombo;
use crate::tui::mode::Mode;

/// The review in progress.
#[derive(Debug, Default)]
pub struct Triage {
    /// The mentions not found exactly where they were, not decided yet.
    pub rows: Vec<Anchoring>,
    /// The highlighted row.
    pub index: usize,
    /// Which of the highlighted row's places is shown.
    pub place: usize,
    /// The analyst is selecting the highlighted row's new place in the text.
    pub selecting: bool,
    /// The mentions that wait for a decision, with their links.
    pub held: Held,
}

impl Triage {
    pub fn current(&self) -> Option<&Anchoring> {
        self.rows.get(self.index)
    }

    /// Rows the analyst must decide: every one that was not placed by itself.
    pub fn undecided(&self) -> usize {
        self.rows.iter().filter(|r| !r.anchor.placed()).count()
    }

    /// The place of the highlighted row now shown, if it has any.
    pub fn shown(&self) -> Option<&[Span]> {
        let r = self.current()?;
        r.places
            .get(self.place.min(r.places.len().saturating_sub(1)))
            .map(Vec::as_slice)
    }
}

impl App {
    /// What the review's keys do, as the keymap binds them.
    fn triage_keys(&self) -> String {
        let k = |a| self.keymap.hint(Mode::Triage, a);
        format!(
            "{}/{} move · {} takes the offered place · {} next place · {} selects it in the text \
             · {} deletes the mention · {} accepts the relocated",
            k(Action::CursorDown),
            k(Action::CursorUp),
            k(Action::Pick),
            k(Action::NextPlace),
            k(Action::SelectPlace),
            k(Action::Delete),
            k(Action::AcceptRelocated)
        )
    }

    /// What the keys do while selecting a span's new place.
    fn triage_select_keys(&self) -> String {
        format!(
            "move and {} to select the words · {} puts the mention there · {} goes back to the list",
            self.keymap.hint(Mode::Reading, Action::ToggleSelection),
            self.keymap.hint(Mode::Triage, Action::Pick),
            self.keymap.hint(Mode::Triage, Action::Cancel)
        )
    }

    /// After the article changed: lists the mentions that did not stay exactly in place.
    pub fn start_triage(&mut self, drift: Drift) {
        let rows: Vec<_> = drift
            .report
            .into_iter()
            .filter(|r| r.anchor != Anchor::Exact)
            .collect();
        if rows.is_empty() {
            self.message = Some(
                "the article changed; every span was found where it was (saving records the new text)"
                    .into(),
            );
            self.on_disk.save_state = SaveState::Unsaved;
            self.doc.bump();
            return;
        }
        let undecided = rows.iter().filter(|r| !r.anchor.placed()).count();
        self.message = Some(format!(
            "the article changed; {} span(s) moved, {undecided} of them need a place: review them ({})",
            rows.len(),
            self.triage_keys()
        ));
        self.overlays.triage = Triage {
            rows,
            held: drift.held,
            ..Triage::default()
        };
        self.mode = Mode::Triage;
        self.triage_follow();
    }

    /// The cursor goes to the highlighted row's shown place, or where its mention was.
    fn triage_follow(&mut self) {
        let Some(r) = self.overlays.triage.current() else {
            self.search.found = None;
            return;
        };
        let (id, near) = (r.mention, r.near);
        let shown = self
            .overlays
            .triage
            .shown()
            .and_then(|p| p.first().copied());
        self.search.found = shown;
        self.view.cursor = shown.map_or(near, |s| s.start);
        self.panes.selected = self.mention(id).is_some().then_some(id);
    }

    pub(super) fn triage_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.overlays.triage.selecting {
            return self.triage_select_key(key);
        }
        let len = self.overlays.triage.rows.len();
        match self.keymap.action(Mode::Triage, KeyCombo::from_event(key)) {
            Some(Action::CursorDown) => {
                self.overlays.triage.index =
                    (self.overlays.triage.index + 1).min(len.saturating_sub(1));
                self.overlays.triage.place = 0;
            }
            Some(Action::CursorUp) => {
                self.overlays.triage.index = self.overlays.triage.index.saturating_sub(1);
                self.overlays.triage.place = 0;
            }
            Some(Action::NextPlace) => match self.overlays.triage.current().map(|r| r.places.len())
            {
                Some(n) if n > 1 => {
                    self.overlays.triage.place = (self.overlays.triage.place + 1) % n;
                    self.message = Some(format!("place {} of {n}", self.overlays.triage.place + 1));
                }
                _ => self.message = Some("this span has no other place to show".into()),
            },
            Some(Action::Delete) => self.triage_delete(),
            Some(Action::Pick) => self.triage_take(),
            Some(Action::SelectPlace) => self.triage_start_selecting(false),
            Some(Action::SelectPlaceNow) => self.triage_start_selecting(true),
            Some(Action::AcceptRelocated) => return self.triage_accept(),
            _ => self.message = Some(self.triage_keys()),
        }
        self.triage_follow();
        Vec::new()
    }

    fn triage_start_selecting(&mut self, select_now: bool) {
        let Some(r) = self.overlays.triage.current() else {
            return;
        };
        let id = r.mention;
        self.overlays.triage.selecting = true;
        self.view.anchor = select_now.then_some(self.view.cursor);
        self.message = Some(format!(
            "the new place of {id}: {}",
            self.triage_select_keys()
        ));
    }

    /// While selecting a new place: the reading motions and `v`, `Enter` to confirm.
    fn triage_select_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.keymap.action(Mode::Triage, KeyCombo::from_event(key)) {
            Some(Action::Pick) => {
                let Some(id) = self.overlays.triage.current().map(|r| r.mention) else {
                    self.overlays.triage.selecting = false;
                    return Vec::new();
                };
                match self.selection() {
                    Some(span) => {
                        self.overlays.triage.selecting = false;
                        self.view.anchor = None;
                        self.triage_put(id, vec![span]);
                        return self.triage_done_if_empty();
                    }
                    None => {
                        self.message = Some(format!(
                            "select the words first: {}",
                            self.triage_select_keys()
                        ));
                    }
                }
            }
            Some(Action::Cancel) => {
                self.overlays.triage.selecting = false;
                self.view.anchor = None;
                self.message = Some(self.triage_keys());
                self.triage_follow();
            }
            _ => {
                let action = self.keymap.action(Mode::Reading, KeyCombo::from_event(key));
                match action {
                    Some(
                        a @ (Action::CursorLeft
                        | Action::CursorRight
                        | Action::CursorUp
                        | Action::CursorDown
                        | Action::NextWord
                        | Action::PrevWord
                        | Action::NextParagraph
                        | Action::PrevParagraph
                        | Action::PageDown
                        | Action::PageUp
                        | Action::GoStart
                        | Action::GoEnd
                        | Action::ToggleSelection
                        | Action::ToggleSnap),
                    ) => {
                        let effects = self.update_reading(a);
                        // Still reviewing: the mention under the cursor is not chosen.
                        self.panes.selected = None;
                        return effects;
                    }
                    _ => self.message = Some(self.triage_select_keys()),
                }
            }
        }
        Vec::new()
    }

    /// Puts the highlighted row's mention at `fragments`, as the analyst chose.
    fn triage_put(&mut self, id: MentionId, fragments: Vec<Span>) {
        let words = fragments
            .iter()
            .map(|s| self.doc.article().text.get(s.start..s.end).unwrap_or(""))
            .collect::<Vec<_>>()
            .join(" … ");
        let held = &mut self.overlays.triage.held;
        let done = if held.mention(id).is_some() {
            self.doc.edit(|a| held.place(a, id, fragments))
        } else {
            match fragments.as_slice() {
                [one] => self.doc.edit(|a| a.resize_mention(id, *one)),
                _ => false,
            }
        };
        if !done {
            self.message = Some(format!("{id} could not be placed there"));
            return;
        }
        self.triage_remove_row();
        self.message = Some(format!(
            "{id} is at \"{}\"",
            crate::tui::describe::clip(&crate::tui::describe::sanitize_line(&words), 40)
        ));
    }

    /// `Enter`: the shown place becomes the mention's.
    fn triage_take(&mut self) {
        let Some(r) = self.overlays.triage.current() else {
            return;
        };
        let id = r.mention;
        if r.anchor.placed() {
            self.triage_remove_row();
            self.message = Some(format!("{id} stays where it was found"));
        } else if let Some(place) = self.overlays.triage.shown().map(<[Span]>::to_vec) {
            self.triage_put(id, place);
        } else {
            self.message = Some(format!(
                "{id} is lost: nothing alike is near; s selects its new place, x deletes it"
            ));
            return;
        }
        self.triage_done_if_empty();
    }

    fn triage_delete(&mut self) {
        let Some(id) = self.overlays.triage.current().map(|r| r.mention) else {
            return;
        };
        if self.overlays.triage.held.mention(id).is_some() {
            let held = &mut self.overlays.triage.held;
            self.doc.edit(|a| held.discard(a, id));
        } else {
            self.doc.edit(|a| a.remove_mention(id));
        }
        self.triage_remove_row();
        self.message = Some(format!("{id} deleted"));
        self.triage_done_if_empty();
    }

    fn triage_remove_row(&mut self) {
        if self.overlays.triage.index < self.overlays.triage.rows.len() {
            self.overlays.triage.rows.remove(self.overlays.triage.index);
        }
        self.overlays.triage.index = self
            .overlays
            .triage
            .index
            .min(self.overlays.triage.rows.len().saturating_sub(1));
        self.overlays.triage.place = 0;
    }

    /// `a`: the relocated spans stay where they were found; refused while any span waits
    /// for a place.
    fn triage_accept(&mut self) -> Vec<Effect> {
        let undecided = self.overlays.triage.undecided();
        if undecided > 0 {
            self.message = Some(format!(
                "{undecided} span(s) still need a place (ambiguous, reworded or lost): \
                 Enter takes the offered place, s selects it in the text, x deletes it"
            ));
            if let Some(i) = self
                .overlays
                .triage
                .rows
                .iter()
                .position(|r| !r.anchor.placed())
            {
                self.overlays.triage.index = i;
                self.overlays.triage.place = 0;
            }
            self.triage_follow();
            return Vec::new();
        }
        self.overlays.triage.rows.clear();
        self.triage_finish("the re-anchored spans are accepted; saving records the new text")
    }

    fn triage_done_if_empty(&mut self) -> Vec<Effect> {
        if self.overlays.triage.rows.is_empty() {
            self.triage_finish("every span has its place; saving records the new text")
        } else {
            Vec::new()
        }
    }

    fn triage_finish(&mut self, message: &str) -> Vec<Effect> {
        self.overlays.triage = Triage::default();
        self.search.found = None;
        self.view.anchor = None;
        self.mode = Mode::Reading;
        self.on_disk.save_state = SaveState::Unsaved;
        self.doc.bump();
        self.message = Some(message.into());
        self.next_question();
        Vec::new()
    }
}
