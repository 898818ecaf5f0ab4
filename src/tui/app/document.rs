//! The document being annotated: the article, its annotations, the index over them, the
//! undo and redo history and the revision the autosave and the journal follow. The
//! annotations are private: every change goes through [`Document::edit`] (or a method built
//! on it), and each such call that changes anything is one undo step, so the index, the
//! order `mentions_in` relies on and the history always follow, and no command can change
//! the annotations without a step to undo it. A form's edits are grouped
//! ([`Document::begin_group`]) into the one step its closing makes.

use super::history::History;
use crate::model::{Annotations, Index, Mention, MentionId, Status};
use crate::text::Article;

#[derive(Debug)]
pub struct Document {
    /// Shared with a save running beside the loop.
    article: std::sync::Arc<Article>,
    annotations: Annotations,
    /// Mentions by id and mention counts by entity, rebuilt after every change.
    index: Index,
    /// Bytes from the first to the last fragment of the longest mention: how far before a
    /// range a mention that reaches into it can start.
    longest: usize,
    undo: History,
    redo: History,
    /// Bumped by every change to the annotations; the loop autosaves after it settles.
    revision: u64,
    /// The annotations as they were when a group of edits began (a form opened): its
    /// edits make no step of their own, closing it makes one of them all.
    group: Option<Annotations>,
    /// Whether the last edit made an undo step, which [`Document::name_step`] names.
    stepped: bool,
}

fn longest_extent(annotations: &Annotations) -> usize {
    annotations
        .mentions
        .iter()
        .map(|m| m.extent().len())
        .max()
        .unwrap_or(0)
}

impl Document {
    pub fn new(article: Article, mut annotations: Annotations) -> Self {
        annotations.sort();
        Self {
            longest: longest_extent(&annotations),
            index: Index::build(&annotations),
            article: std::sync::Arc::new(article),
            annotations,
            undo: History::default(),
            redo: History::default(),
            revision: 0,
            group: None,
            stepped: false,
        }
    }

    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The article, for a save running beside the loop.
    pub fn shared_article(&self) -> std::sync::Arc<Article> {
        std::sync::Arc::clone(&self.article)
    }

    pub fn annotations(&self) -> &Annotations {
        &self.annotations
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A number that grows with every change to the annotations.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The mention with `id`, without a scan.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.index.mention(&self.annotations, id)
    }

    /// The innermost mention over byte `at`, found by position.
    pub fn mention_at(&self, at: usize) -> Option<MentionId> {
        self.mentions_in(at..at + 1)
            .min_by_key(|m| m.extent().len())
            .map(|m| m.id)
    }

    /// The mentions with a part inside `range`, found by position: mentions are kept sorted,
    /// so drawing a screen looks at what is near it, not at every mention of the article.
    pub fn mentions_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = &Mention> {
        let mentions = &self.annotations.mentions;
        let from = range.start.saturating_sub(self.longest);
        let lo = mentions.partition_point(|m| m.extent().start < from);
        let hi = mentions.partition_point(|m| m.extent().start < range.end);
        mentions[lo..hi.max(lo)]
            .iter()
            .map(|m| &**m)
            .filter(move |m| {
                m.fragments
                    .iter()
                    .any(|f| f.start < range.end && f.end > range.start)
            })
    }

    /// An id no mention has.
    pub fn free_mention_id(&self) -> MentionId {
        self.index.free_mention_id(&self.annotations)
    }

    /// Words for annotations, with the index for fast lookups.
    pub fn describe(&self) -> crate::tui::describe::Describe<'_> {
        crate::tui::describe::Describe {
            annotations: &self.annotations,
            text: &self.article.text,
            index: Some(&self.index),
        }
    }

    /// Changes the annotations; the order and the index follow, and when anything changed
    /// the change is one undo step (unnamed until [`Document::name_step`] or the command's
    /// message names it) and the revision moves on. The first change to an untouched
    /// article starts it, in the same step.
    pub(crate) fn edit<R>(&mut self, change: impl FnOnce(&mut Annotations) -> R) -> R {
        self.edit_with_text(|a, _| change(a))
    }

    /// [`Document::edit`], with the article's text at hand.
    pub(crate) fn edit_with_text<R>(
        &mut self,
        change: impl FnOnce(&mut Annotations, &str) -> R,
    ) -> R {
        let before = self.group.is_none().then(|| self.annotations.clone());
        let out = change(&mut self.annotations, &self.article.text);
        self.reindex();
        self.stepped = false;
        if let Some(before) = before {
            self.step_from(before);
        }
        out
    }

    /// Ends a change made from `before`: one undo step if anything changed.
    fn step_from(&mut self, before: Annotations) {
        if before == self.annotations {
            return;
        }
        if before.status == Status::Todo && self.annotations.status == Status::Todo {
            self.annotations.status = Status::InProgress;
        }
        self.undo.push(before, String::new());
        self.redo.clear();
        self.revision += 1;
        self.stepped = true;
    }

    /// Replaces the annotations (another version of them: reloaded, restored, taken): one
    /// undo step.
    pub(crate) fn replace(&mut self, annotations: Annotations) {
        self.edit(|a| *a = annotations);
    }

    /// Edits from now on until [`Document::end_group`] make one undo step together.
    pub(crate) fn begin_group(&mut self) {
        if self.group.is_none() {
            self.group = Some(self.annotations.clone());
        }
    }

    /// Whether the edits of the open group changed anything yet.
    pub(crate) fn group_changed(&self) -> bool {
        self.group.as_ref().is_some_and(|g| *g != self.annotations)
    }

    /// Closes the group: what its edits changed becomes one undo step. `false` when they
    /// changed nothing (or no group was open).
    pub(crate) fn end_group(&mut self) -> bool {
        self.stepped = false;
        if let Some(before) = self.group.take() {
            self.step_from(before);
        }
        self.stepped
    }

    /// Names the undo step the last edit made, for "undone: ..."; `false` (and nothing
    /// named) when that edit changed nothing.
    pub(crate) fn name_step(&mut self, what: impl Into<String>) -> bool {
        if !self.stepped {
            return false;
        }
        if let Some(w) = self.undo.last_what_mut() {
            *w = what.into();
        }
        true
    }

    /// Restores the order, the bound `mentions_in` relies on and the id index after any
    /// change.
    fn reindex(&mut self) {
        // Sorting puts a few new mentions in their places without sorting the others.
        self.annotations.sort();
        self.longest = longest_extent(&self.annotations);
        self.index.rebuild(&self.annotations);
    }

    /// The revision moves on without the annotations changing (the article's new text to
    /// save, a label taken back).
    pub(crate) fn bump(&mut self) {
        self.revision += 1;
    }

    /// Sets the article's status: one undo step.
    pub(crate) fn set_status(&mut self, status: Status) {
        self.edit(|a| a.status = status);
    }

    /// How many undo steps there are.
    pub(crate) fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The annotations before the last edit, when it made an undo step.
    pub(crate) fn before_step(&self) -> Option<&Annotations> {
        self.undo.last().filter(|_| self.stepped)
    }

    /// What the last undo step did, for naming it after the fact.
    pub(crate) fn last_step_what_mut(&mut self) -> Option<&mut String> {
        self.undo.last_what_mut()
    }

    /// Makes the last undo step part of the one before it, so that one undo takes back
    /// both; the step is named after both.
    pub(crate) fn fold_last_step(&mut self) {
        if self.undo.len() < 2 {
            return;
        }
        let Some((_, what)) = self.undo.pop() else {
            return;
        };
        if let Some(first) = self.undo.last_what_mut() {
            if first.is_empty() {
                *first = what;
            } else if !what.is_empty() {
                *first = format!("{first}; {what}");
            }
        }
    }

    /// Goes back to the last undo step without keeping a redo step: a change taken back
    /// as if it had never been made. `false` when there is none.
    pub(crate) fn take_back(&mut self) -> bool {
        let Some((before, _)) = self.undo.pop() else {
            return false;
        };
        self.annotations = before;
        self.reindex();
        self.stepped = false;
        true
    }

    /// Swaps the annotations with the last state kept on one stack (undo when `back`),
    /// keeping the current one on the other; returns what that step did, `None` when the
    /// stack is empty.
    pub(crate) fn travel(&mut self, back: bool) -> Option<String> {
        let (from, to) = if back {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let (state, what) = from.pop()?;
        to.push(
            std::mem::replace(&mut self.annotations, state),
            what.clone(),
        );
        self.reindex();
        self.stepped = false;
        self.revision += 1;
        Some(what)
    }
}
