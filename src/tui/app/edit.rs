//! Changes to the annotations from the keyboard (label, relabel, delete), unlimited undo
//! and redo, and the save state the status bar shows.

use super::App;
use crate::model::{Annotations, MentionId, Span};
use crate::text::{next_grapheme_boundary, snap_to_words};
use crate::tui::action::Action;
use crate::tui::effect::Effect;

/// What a deletion took with it, from the counts before and after: " with 1 attribution
/// and 1 stance", or nothing.
pub(super) fn gone_with(before: &Annotations, after: &Annotations) -> String {
    let counts = [
        (
            before.attributions.len() - after.attributions.len().min(before.attributions.len()),
            "attribution",
        ),
        (
            before.sourcings.len() - after.sourcings.len().min(before.sourcings.len()),
            "sourcing",
        ),
        (
            before.stances.len() - after.stances.len().min(before.stances.len()),
            "stance",
        ),
        (
            before.notes.len() - after.notes.len().min(before.notes.len()),
            "note",
        ),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => format!(" with {one}"),
        [rest @ .., last] => format!(" with {} and {last}", rest.join(", ")),
    }
}

/// What the status bar says about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Never saved: the file does not exist yet.
    New,
    Saved,
    Unsaved,
    /// The last save failed; the work is still in memory.
    Failed(String),
    /// The file changed on disk under us; our work is saved in this other file instead.
    Conflict(String),
}

impl App {
    /// The key the article's keymap binds to `action`, as messages name it.
    pub(super) fn key_for(&self, action: Action) -> String {
        self.keymap.hint(crate::tui::mode::Mode::Reading, action)
    }

    /// The selected bytes: from the anchor to the cursor, both characters included, grown
    /// to whole words and without surrounding spaces.
    /// With snapping off, exactly the characters from anchor to cursor.
    pub fn selection(&self) -> Option<Span> {
        let anchor = self.view.anchor?;
        if !self.view.snap {
            let (a, b) = (anchor.min(self.view.cursor), anchor.max(self.view.cursor));
            let end = next_grapheme_boundary(&self.doc.article().text, b);
            return Some(Span::new(a, end));
        }
        snap_to_words(&self.doc.article().text, anchor, self.view.cursor)
            .map(|r| Span::new(r.start, r.end))
    }

    /// `span` snapped to `label`'s boundary conventions in the schema, when selections snap.
    fn snapped(&self, label: &str, span: Span) -> Span {
        if self.view.snap {
            self.schema.snap(&self.doc.article().text, label, span)
        } else {
            span
        }
    }

    /// Names the undo step a command just made after the message it left, when the
    /// command did not name it itself.
    pub(super) fn name_new_step(&mut self, depth: usize) {
        if self.doc.undo_depth() > depth
            && let Some(what) = self.doc.last_step_what_mut()
            && what.is_empty()
            && let Some(m) = &self.message
        {
            what.clone_from(m);
        }
    }

    /// Finishes a command whose last edit is named `message`: its undo step is named
    /// after it; an edit that changed nothing only says it.
    pub(super) fn commit(&mut self, message: String) -> Vec<Effect> {
        if !self.doc.name_step(message.clone()) {
            self.message = Some(message);
            return Vec::new();
        }
        self.changed(message)
    }

    /// The article's status from a list, the one after the current highlighted: `S`
    /// `Enter` moves an article on.
    pub(super) fn pick_status(&mut self) -> Vec<Effect> {
        use crate::model::Status::{Done, InProgress, Reviewed, Todo};
        use crate::tui::picker::{Choice, Pick, Picker};
        let all = [Todo, InProgress, Done, Reviewed];
        let now = self.doc.annotations().status;
        let choices = all
            .iter()
            .map(|s| {
                let hint = if *s == now { "now" } else { "" };
                Choice::new(s.to_string(), hint, Pick::Value(s.to_string()))
            })
            .collect();
        let mut picker = Picker::new("Status of the article", choices);
        picker.index = all
            .iter()
            .position(|s| *s == now)
            .map_or(0, |i| (i + 1) % all.len());
        self.open_picker(picker, super::Flow::Status);
        Vec::new()
    }

    /// Sets the article's status; one undo step.
    pub(super) fn set_status(&mut self, name: &str) -> Vec<Effect> {
        use crate::model::Status::{Done, InProgress, Reviewed, Todo};
        let Some(status) = [Todo, InProgress, Done, Reviewed]
            .into_iter()
            .find(|s| s.to_string() == name)
        else {
            return Vec::new();
        };
        if status == self.doc.annotations().status {
            self.message = Some(format!("status: {status}, as it was"));
            return Vec::new();
        }
        self.doc.set_status(status);
        self.on_disk.save_state = SaveState::Unsaved;
        self.message = Some(format!("status: {status}"));
        Vec::new()
    }

    /// A command changed the annotations: the file no longer holds the work.
    pub(super) fn changed(&mut self, message: String) -> Vec<Effect> {
        self.on_disk.save_state = SaveState::Unsaved;
        self.message = Some(message);
        Vec::new()
    }

    /// Labels the selection with the schema's n-th label, or relabels the mention under the
    /// cursor when nothing is selected.
    pub(super) fn label(&mut self, n: u8) -> Vec<Effect> {
        let Some(label) = self.schema.labels.get(usize::from(n).wrapping_sub(1)) else {
            self.refuse(format!("the schema has no label {n}"));
            return Vec::new();
        };
        let label = label.name.clone();
        if let Some(span) = self.selection().map(|s| self.snapped(&label, s)) {
            let same = self
                .mentions_in(span.start..span.end)
                .find(|m| m.label == label && m.fragments == [span])
                .map(|m| m.id);
            if let Some(same) = same {
                self.refuse(format!(
                    "{same} is already a {label} on these words; nothing was added"
                ));
                return Vec::new();
            }
            let free = self.doc.free_mention_id();
            let schema = &self.schema;
            let id = self.doc.edit_with_text(|a, text| {
                let id = a.add_mention_as(free, &label, vec![span]);
                a.fill_quote_type(id, text, schema);
                id
            });
            self.view.anchor = None;
            self.panes.selected = Some(id);
            let effects = self.changed(format!("{id} labelled {label}"));
            if self.schema.label(&label).is_some_and(|l| l.entity) {
                self.start_entity(Some(id));
                // Esc in the entity list takes the label back: a Speaker is labelled with
                // its entity or not at all.
                if let Some(p) = self.overlays.picking.as_mut() {
                    p.undoes = Some(id);
                }
            }
            return effects;
        }
        if self.view.anchor.is_some() {
            self.refuse("the selection holds no word to label");
            return Vec::new();
        }
        let Some(id) = self.mention_at(self.view.cursor) else {
            let v = self.key_for(Action::ToggleSelection);
            self.refuse(format!("select text first: {v}, then move"));
            return Vec::new();
        };
        let schema = &self.schema;
        if let Err(problem) = self.doc.edit(|a| schema.relabel(a, id, &label)) {
            self.refuse(format!("cannot relabel: {problem}"));
            return Vec::new();
        }
        if !self.doc.name_step(format!("{id} is now {label}")) {
            self.message = Some(format!("{id} is already a {label}; nothing changed"));
            return Vec::new();
        }
        self.panes.selected = Some(id);
        self.changed(format!("{id} is now {label}"))
    }

    /// The selection and the selected mention, or a message saying how to get both.
    fn selection_for_mention(&mut self, what: &str) -> Option<(Span, MentionId)> {
        let found = self.selection().zip(self.panes.selected);
        if found.is_none() {
            let v = self.key_for(Action::ToggleSelection);
            let enter = self.key_for(Action::OpenDetail);
            self.refuse(if self.panes.selected.is_none() {
                format!(
                    "choose the mention first (label it, or {enter} on it), then select {what} \
                     ({v}, move) and press this again"
                )
            } else {
                format!("select {what} first ({v}, move), then press this again")
            });
        }
        found
    }

    /// Adds the selection to the selected mention: the second half of a quote split by
    /// its cue.
    pub(super) fn add_fragment(&mut self) -> Vec<Effect> {
        let Some((span, id)) = self.selection_for_mention("the text to add") else {
            return Vec::new();
        };
        // The fragment follows the label's conventions, as labelling and `r` do: the second
        // half of a split quote takes its quotation marks.
        let span = self
            .mention(id)
            .map_or(span, |m| self.snapped(&m.label, span));
        self.doc.edit(|a| a.add_fragment(id, span));
        self.view.anchor = None;
        let parts = self
            .doc
            .annotations()
            .mention(id)
            .map_or(0, |m| m.fragments.len());
        self.changed(format!("{id} now has {parts} fragment(s)"))
    }

    /// Gives a mention the selection's bounds, keeping its id and links: the selected
    /// mention when the selection starts in it; else the one the selection starts in (the
    /// cue of a suggestion just accepted: "told" made "told CBC News" even where the claim
    /// wrongly began with "CBC News"); else the selected one when the selection overlaps
    /// it; else the one it overlaps ("Medicine" grown to "Articles in ... Medicine"); else
    /// the selected one.
    pub(super) fn resize(&mut self) -> Vec<Effect> {
        let Some((span, selected)) = self.selection_for_mention("its new extent") else {
            return Vec::new();
        };
        let starts_in = |m: &crate::model::Mention| {
            m.fragments
                .iter()
                .any(|f| f.start <= span.start && span.start < f.end)
        };
        let overlaps = |m: &crate::model::Mention| {
            m.fragments
                .iter()
                .any(|f| f.start < span.end && span.start < f.end)
        };
        let id = if self.mention(selected).is_some_and(starts_in) {
            selected
        } else if let Some(inner) = self.mention_at(span.start) {
            inner
        } else if self.mention(selected).is_some_and(overlaps) {
            selected
        } else {
            self.mentions_in(span.start..span.end)
                .filter(|m| overlaps(m))
                .min_by_key(|m| m.extent().len())
                .map_or(selected, |m| m.id)
        };
        let span = self
            .mention(id)
            .map_or(span, |m| self.snapped(&m.label, span));
        self.doc.edit(|a| a.resize_mention(id, span));
        self.view.anchor = None;
        self.changed(format!("{id} resized; its links are kept"))
    }

    pub(super) fn delete(&mut self) -> Vec<Effect> {
        let Some(id) = self.mention_at(self.view.cursor) else {
            self.refuse("no annotation under the cursor");
            return Vec::new();
        };
        self.doc.edit(|a| a.remove_mention(id));
        let with = self
            .doc
            .before_step()
            .map(|b| gone_with(b, self.doc.annotations()))
            .unwrap_or_default();
        let u = self.key_for(Action::Undo);
        self.changed(format!("{id} deleted{with} ({u} undoes)"))
    }

    /// Takes back the labelling that opened the entity list, when it was cancelled.
    pub(super) fn take_back_label(&mut self, id: MentionId) {
        let label = self
            .mention(id)
            .map(|m| m.label.clone())
            .unwrap_or_default();
        if !self.doc.take_back() {
            return;
        }
        self.doc.bump();
        self.message = Some(format!(
            "cancelled: the {label} {id} is taken back with its entity list; nothing changed"
        ));
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        self.travel(true)
    }

    pub(super) fn redo(&mut self) -> Vec<Effect> {
        self.travel(false)
    }

    /// Swaps the annotations with the last state kept on one stack, keeping the current
    /// one on the other.
    fn travel(&mut self, back: bool) -> Vec<Effect> {
        let done = if back { "undone" } else { "redone" };
        let before = self.doc.annotations().clone();
        let Some(step_what) = self.doc.travel(back) else {
            self.message = Some(format!("nothing to {}", if back { "undo" } else { "redo" }));
            return Vec::new();
        };
        let what = if step_what.is_empty() {
            "the last change".to_owned()
        } else {
            step_what
        };
        // What it said, without its "(u undoes)".
        let what = match what.rsplit_once(" (") {
            Some((said, hint)) if hint.ends_with(" undoes)") => said,
            _ => what.as_str(),
        };
        // The cursor goes where the change undone (or redone) was, as an editor's undo does.
        if let Some(at) = changed_at(&before, self.doc.annotations()) {
            self.view.cursor = at;
            self.view.anchor = None;
        }
        self.changed(format!("{done}: {what}"))
    }

    /// Whether there is work that is not on disk.
    pub fn dirty(&self) -> bool {
        match self.on_disk.save_state {
            SaveState::Unsaved | SaveState::Failed(_) => true,
            SaveState::Saved | SaveState::New => self.doc.revision() != self.on_disk.written,
            SaveState::Conflict(_) => false,
        }
    }

    pub(super) fn request_save(&mut self) -> Vec<Effect> {
        if self.dirty() {
            vec![Effect::Save]
        } else {
            self.message = Some("no changes to save".to_owned());
            Vec::new()
        }
    }

    /// Quits at once when everything is saved; otherwise saves first (what a form holds
    /// too). A save that fails asks what to do instead of quitting.
    pub fn request_quit(&mut self) -> Vec<Effect> {
        self.finish_pending();
        if self.mode == crate::tui::mode::Mode::QuitFailed {
            return Vec::new();
        }
        if self.dirty() {
            self.on_disk.quit_after_save = true;
            vec![Effect::Save]
        } else {
            self.quit = true;
            Vec::new()
        }
    }
}

/// The elements of `a` and of `b` between their common start and their common end: what
/// one list has that the other has not.
fn differing<'x, T: PartialEq>(a: &'x [T], b: &'x [T]) -> impl Iterator<Item = &'x T> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - prefix;
    let suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    a[prefix..a.len() - suffix]
        .iter()
        .chain(&b[prefix..b.len() - suffix])
}

/// The first byte of the text where the mentions or suggestions of two states differ; `None`
/// when only what has no place in the text (an entity's name, a status) differs.
fn changed_at(a: &Annotations, b: &Annotations) -> Option<usize> {
    let mentions = differing(&a.mentions, &b.mentions).filter_map(|m| m.fragments.first());
    let suggestions = differing(&a.suggestions, &b.suggestions).flat_map(|s| s.spans());
    mentions
        .map(|f| f.start)
        .chain(suggestions.map(|s| s.start))
        .min()
}
