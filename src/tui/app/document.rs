//! The document being annotated: the article, its annotations, the index over them, the
//! undo and redo history and the revision the autosave and the journal follow. The
//! annotations are private: every change goes through [`Document::edit`] (or a method built
//! on it), so the index and the order `mentions_in` relies on always follow, and only the
//! document moves between undo steps.

use super::history::History;
use crate::model::{Annotations, Index, Mention, MentionId};
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

    /// Changes the annotations; the order and the index follow. Undo steps and the revision
    /// are the caller's: [`Document::checkpoint`] before, [`Document::changed`] after.
    pub(crate) fn edit<R>(&mut self, change: impl FnOnce(&mut Annotations) -> R) -> R {
        let out = change(&mut self.annotations);
        self.reindex();
        out
    }

    /// [`Document::edit`], with the article's text at hand.
    pub(crate) fn edit_with_text<R>(
        &mut self,
        change: impl FnOnce(&mut Annotations, &str) -> R,
    ) -> R {
        let out = change(&mut self.annotations, &self.article.text);
        self.reindex();
        out
    }

    /// Replaces the annotations (another version of them: reloaded, restored, taken).
    pub(crate) fn replace(&mut self, annotations: Annotations) {
        self.edit(|a| *a = annotations);
    }

    /// Restores the order, the bound `mentions_in` relies on and the id index after any
    /// change.
    fn reindex(&mut self) {
        // Sorting puts a few new mentions in their places without sorting the others.
        self.annotations.sort();
        self.longest = longest_extent(&self.annotations);
        self.index.rebuild(&self.annotations);
    }

    /// A change is finished: the first change to an untouched article starts it, and the
    /// revision moves on.
    pub(crate) fn changed(&mut self) {
        if self.annotations.status == crate::model::Status::Todo {
            self.annotations.status = crate::model::Status::InProgress;
        }
        self.revision += 1;
    }

    /// The revision moves on without the status following (a status set by hand, a label
    /// taken back).
    pub(crate) fn bump(&mut self) {
        self.revision += 1;
    }

    /// Sets the article's status.
    pub(crate) fn set_status(&mut self, status: crate::model::Status) {
        self.annotations.status = status;
    }

    /// Keeps the state before a change so it can be undone.
    pub(crate) fn checkpoint(&mut self) {
        self.undo.push(self.annotations.clone(), String::new());
        self.redo.clear();
    }

    /// Records a change made since `before`, as one undo step named `what`.
    pub(crate) fn record(&mut self, before: Annotations, what: String) {
        self.undo.push(before, what);
        self.redo.clear();
    }

    /// How many undo steps there are.
    pub(crate) fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// The state the last undo step goes back to.
    pub(crate) fn last_step(&self) -> Option<&Annotations> {
        self.undo.last()
    }

    /// What the last undo step did, for naming it after the fact.
    pub(crate) fn last_step_what_mut(&mut self) -> Option<&mut String> {
        self.undo.last_what_mut()
    }

    /// Goes back to the last undo step without keeping a redo step: a change taken back
    /// as if it had never been made. `false` when there is none.
    pub(crate) fn take_back(&mut self) -> bool {
        let Some((before, _)) = self.undo.pop() else {
            return false;
        };
        self.replace(before);
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
        Some(what)
    }
}
