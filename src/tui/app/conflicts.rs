//! After a merge: the conflict records it left, shown first, one at a time with both sides.
//! Each is settled by taking this side's version, the other side's, or both; then the file
//! is saved as usual. Leaving the review keeps the rest for later (the file stays a merge
//! in progress, which `validate` reports). The keys are the keymap's `conflicts` section.

use super::App;
use crate::model::{AnyId, Conflict, Take};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;

/// The review in progress.
#[derive(Debug, Default)]
pub struct ConflictReview {
    /// The highlighted conflict.
    pub index: usize,
    /// Whether the review is open (help goes back to it).
    pub open: bool,
}

impl App {
    /// Opens the review when the file holds conflict records.
    pub fn start_conflicts(&mut self) {
        if self.doc.annotations().conflicts.is_empty() {
            return;
        }
        self.overlays.conflict_review = ConflictReview {
            index: 0,
            open: true,
        };
        self.mode = Mode::Conflicts;
        let n = self.doc.annotations().conflicts.len();
        self.message = Some(format!(
            "a merge left {n} conflict(s) in this file: settle each ({})",
            self.conflict_hints()
        ));
        self.conflict_follow();
    }

    /// The conflict highlighted now.
    pub fn current_conflict(&self) -> Option<&Conflict> {
        self.doc
            .annotations()
            .conflicts
            .get(self.overlays.conflict_review.index)
    }

    /// "o this side · t the other side · b both · ctrl-s save · esc later", from the keymap.
    pub fn conflict_hints(&self) -> String {
        let keys = |a: Action| {
            self.keymap
                .keys_for(Mode::Conflicts, a)
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("/")
        };
        [
            (Action::CursorDown, "next"),
            (Action::TakeOurs, "this side"),
            (Action::TakeTheirs, "the other side"),
            (Action::TakeBoth, "both"),
            (Action::Save, "save"),
            (Action::Cancel, "later"),
        ]
        .iter()
        .filter_map(|&(a, what)| {
            let k = keys(a);
            (!k.is_empty()).then(|| format!("{k} {what}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
    }

    pub(super) fn update_conflicts(&mut self, action: Action) -> Vec<Effect> {
        let len = self.doc.annotations().conflicts.len();
        match action {
            Action::CursorDown => {
                self.overlays.conflict_review.index =
                    (self.overlays.conflict_review.index + 1).min(len.saturating_sub(1));
            }
            Action::CursorUp => {
                self.overlays.conflict_review.index =
                    self.overlays.conflict_review.index.saturating_sub(1);
            }
            Action::TakeOurs => return self.settle(Take::Ours),
            Action::TakeTheirs => return self.settle(Take::Theirs),
            Action::TakeBoth => return self.settle(Take::Both),
            Action::Save => return self.request_save(),
            Action::Help => self.mode = Mode::Help,
            Action::Cancel | Action::Quit => {
                self.overlays.conflict_review.open = false;
                self.mode = Mode::Reading;
                self.message = Some(format!(
                    "{len} conflict(s) left for later; the file is not done until they are settled"
                ));
            }
            _ => self.message = Some(self.conflict_hints()),
        }
        self.conflict_follow();
        Vec::new()
    }

    fn settle(&mut self, take: Take) -> Vec<Effect> {
        let Some(id) = self.current_conflict().map(|c| c.id) else {
            return Vec::new();
        };
        self.doc.edit(|a| a.settle(id, take));
        let left = self.doc.annotations().conflicts.len();
        self.overlays.conflict_review.index = self
            .overlays
            .conflict_review
            .index
            .min(left.saturating_sub(1));
        let side = match take {
            Take::Ours => "this side's version",
            Take::Theirs => "the other side's version",
            Take::Both => "both versions",
        };
        let message = if left == 0 {
            self.overlays.conflict_review.open = false;
            self.mode = Mode::Reading;
            let save = self
                .keymap
                .keys_for(Mode::Reading, Action::Save)
                .first()
                .map_or_else(|| "save".to_owned(), |k| format!("{k} saves"));
            format!("{id} settled with {side}; no conflict is left ({save})")
        } else {
            format!("{id} settled with {side}; {left} left")
        };
        let effects = self.changed(message);
        self.conflict_follow();
        effects
    }

    /// The cursor goes to the first mention the highlighted conflict names.
    fn conflict_follow(&mut self) {
        let Some(c) = self.current_conflict() else {
            return;
        };
        let at = c
            .ours
            .iter()
            .find_map(|id| match id {
                AnyId::Mention(m) => self.mention(*m).map(|m| m.extent().start),
                _ => None,
            })
            .or_else(|| c.theirs.mentions.first().map(|m| m.extent().start));
        if let Some(at) = at.filter(|at| *at <= self.doc.article().text.len()) {
            self.view.cursor = at;
        }
    }
}
