//! The annotation types of one annotator's work on one article.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use super::ids::{
    AnyId, AttributionId, EntityId, IdError, MentionId, NoteId, SourcingId, StanceId,
};

/// A half-open byte range `[start, end)` of the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// How far the annotator has got with an article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    Reviewed,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Todo => "todo",
            Self::InProgress => "in-progress",
            Self::Done => "done",
            Self::Reviewed => "reviewed",
        })
    }
}

impl ArticleRef {
    /// The text of `article`, read from `path`: named by the file's name.
    pub fn of(path: &std::path::Path, article: &crate::text::Article) -> Self {
        Self {
            path: path.file_name().map_or_else(
                || "article.txt".into(),
                |n| n.to_string_lossy().into_owned(),
            ),
            sha256: article.sha256.clone(),
            chars: article.char_count(),
        }
    }
}

/// Which article the annotations belong to, and the text they were made on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRef {
    /// The article file, relative to the annotation file's folder (or the project's
    /// `articles/` folder).
    pub path: String,
    /// SHA-256 of the normalised text the offsets refer to.
    pub sha256: String,
    /// Length of that text in code points.
    pub chars: usize,
}

/// A labelled span, possibly discontinuous: a quote split by its cue has two fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub id: MentionId,
    pub label: String,
    /// Sorted, non-overlapping, non-empty, on grapheme boundaries.
    pub fragments: Vec<Span>,
    /// The entity a Speaker or Source mention refers to.
    pub entity: Option<EntityId>,
    /// Schema attributes, e.g. `quote_type: direct`.
    pub attrs: BTreeMap<String, String>,
}

impl Mention {
    /// The words the mention covers in `text`, its fragments joined by `sep` (" … " to show
    /// the gap, " " as brat writes them).
    pub fn words(&self, text: &str, sep: &str) -> String {
        let mut out = String::new();
        self.write_words(text, sep, &mut out);
        out
    }

    /// [`Self::words`], written onto the end of `out`.
    pub fn write_words(&self, text: &str, sep: &str, out: &mut String) {
        for (i, f) in self.fragments.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(text.get(f.start..f.end).unwrap_or(""));
        }
    }

    /// From the first fragment's start to the last fragment's end.
    pub fn extent(&self) -> Span {
        let start = self.fragments.first().map_or(0, |f| f.start);
        let end = self.fragments.last().map_or(start, |f| f.end);
        Span { start, end }
    }
}

/// The identity behind mentions: "Foreign Ministry Spokeswoman Marziyeh Afkham", "Afkham" and
/// "she" are one Person. Serialized only by the JSONL export, whose shape the README
/// documents; the annotation file has its own type (`store::EntityV1`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entity {
    pub id: EntityId,
    /// One of the schema's entity kinds.
    pub kind: String,
    pub name: String,
    /// Knowledge-base id, e.g. `"wikidata:Q123"`.
    pub kb: Option<String>,
    /// False for "US defense officials" and other unnamed groups.
    pub named: bool,
}

/// Who speaks or is the source: a mention in the text, or an entity when no mention of it is
/// near (picked from the entity list). Written as the mention's or entity's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Agent {
    Mention(MentionId),
    Entity(EntityId),
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mention(id) => id.fmt(f),
            Self::Entity(id) => id.fmt(f),
        }
    }
}

impl FromStr for Agent {
    type Err = IdError;
    fn from_str(s: &str) -> Result<Self, IdError> {
        s.parse()
            .map(Self::Mention)
            .or_else(|_| s.parse().map(Self::Entity))
            .map_err(|_| IdError {
                expected: "a mention or entity id like \"m3\" or \"e1\"",
                found: s.to_owned(),
            })
    }
}

/// claim <- speaker, optionally via a cue (PARC / PolNeAR: source, cue, content). The
/// speaker may be missing: "it was reported that ..." (PolNeAR's `Attribution-no-source`).
/// One cue may introduce more than one content (PolNeAR's `Content2`): `claim` is the
/// first, `more` the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub id: AttributionId,
    pub claim: MentionId,
    /// Further contents of the same attribution, after `claim`; usually empty.
    pub more: Vec<MentionId>,
    /// `None` for a passive or reported attribution with no one named as saying it.
    pub speaker: Option<Agent>,
    pub cue: Option<MentionId>,
}

impl Attribution {
    /// Every content: `claim`, then `more`.
    pub fn claims(&self) -> impl Iterator<Item = MentionId> + '_ {
        std::iter::once(self.claim).chain(self.more.iter().copied())
    }

    /// Whether `m` is one of its contents.
    pub fn has_claim(&self, m: MentionId) -> bool {
        self.claim == m || self.more.contains(&m)
    }
}

/// How precisely a source is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Specificity {
    Named,
    Unnamed,
    Vague,
}

/// claim <- source ("according to western media reports").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourcing {
    pub id: SourcingId,
    pub claim: MentionId,
    pub source: Agent,
    pub specificity: Option<Specificity>,
}

/// What a stance is about: a claim or other mention, an entity, or a topic that need not be
/// in the text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Mention(MentionId),
    Entity(EntityId),
    Text(String),
}

/// holder -> target with a polarity from the schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stance {
    pub id: StanceId,
    pub holder: Agent,
    pub target: Target,
    pub polarity: String,
}

/// A free-text note on one annotation, or on the article when `on` is `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub id: NoteId,
    pub on: Option<AnyId>,
    pub text: String,
}

/// A value shared between the current annotations and the undo history: cloning is a
/// pointer copy, and the first change through `DerefMut` copies just that value. So an undo
/// step costs one pointer per mention, not a copy of every mention.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Shared<T>(std::sync::Arc<T>);

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Self(std::sync::Arc::new(value))
    }
}

impl<T: Default> Default for Shared<T> {
    fn default() -> Self {
        Self(std::sync::Arc::default())
    }
}

impl<T> Shared<T> {
    /// Whether both are the same value, not a copy: nothing changed it since one was cloned
    /// from the other.
    pub fn same(a: &Self, b: &Self) -> bool {
        std::sync::Arc::ptr_eq(&a.0, &b.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> std::ops::DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        std::sync::Arc::make_mut(&mut self.0)
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<T: Clone> Extend<T> for Shared<Vec<T>> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        std::sync::Arc::make_mut(&mut self.0).extend(iter);
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        std::sync::Arc::make_mut(&mut self.0).iter_mut()
    }
}

impl<T: Clone> IntoIterator for Shared<Vec<T>> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        std::sync::Arc::unwrap_or_clone(self.0).into_iter()
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Shared<Vec<T>> {
    fn eq(&self, other: &Vec<T>) -> bool {
        *self.0 == *other
    }
}

impl<T: PartialEq> PartialEq<Shared<Vec<T>>> for Vec<T> {
    fn eq(&self, other: &Shared<Vec<T>>) -> bool {
        *self == *other.0
    }
}

/// Sorts a shared list by `key` only when it is out of order, so an untouched list stays
/// shared.
fn sort_shared<T: Clone, K: Ord>(list: &mut Shared<Vec<T>>, key: impl Fn(&T) -> K) {
    if !list.is_sorted_by_key(&key) {
        list.sort_by_key(key);
    }
}

/// One annotator's annotations of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotations {
    pub article: ArticleRef,
    pub annotator: String,
    pub status: Status,
    // The lists an article has thousands of are shared with the undo history: a step
    // keeps the lists a change did not touch by a pointer, not by a copy.
    pub entities: Shared<Vec<Entity>>,
    pub mentions: Shared<Vec<Shared<Mention>>>,
    pub attributions: Shared<Vec<Attribution>>,
    pub sourcings: Shared<Vec<Sourcing>>,
    pub stances: Shared<Vec<Stance>>,
    pub notes: Vec<Note>,
    /// Proposed by the rules, not yet accepted or rejected; shared with the undo history
    /// until one changes.
    pub suggestions: Shared<Vec<Shared<super::Suggestion>>>,
    /// Where rejected suggestions were (their claim's extent), so they are not proposed again.
    pub rejected: Vec<Span>,
    /// What a merge left for a person to settle; empty in a file nobody merged.
    pub conflicts: Vec<super::Conflict>,
}

impl Annotations {
    /// No annotations yet for `article`.
    pub fn new(article: ArticleRef, annotator: impl Into<String>) -> Self {
        Self {
            article,
            annotator: annotator.into(),
            status: Status::Todo,
            entities: Shared::default(),
            mentions: Shared::default(),
            attributions: Shared::default(),
            sourcings: Shared::default(),
            stances: Shared::default(),
            notes: Vec::new(),
            suggestions: Shared::default(),
            rejected: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.id == id).map(|m| &**m)
    }

    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Puts every list in its canonical order: mentions by position, the rest by id. Saving
    /// sorts first, so the same annotations always give the same bytes.
    pub fn sort(&mut self) {
        let in_order = |a: &Shared<Mention>, b: &Shared<Mention>| {
            (a.extent(), &a.label, a.id) <= (b.extent(), &b.label, b.id)
        };
        // New mentions are added last: when only a few at the end are out of place (a label,
        // an accepted suggestion), each is put in its place instead of sorting them all. A
        // list already in order is not touched, so it stays shared with the undo history.
        let sorted = self
            .mentions
            .windows(2)
            .position(|w| !in_order(&w[0], &w[1]))
            .map_or(self.mentions.len(), |i| i + 1);
        if sorted < self.mentions.len() {
            let mentions = &mut *self.mentions;
            if mentions.len() - sorted <= 8 {
                let mut tail = mentions.split_off(sorted);
                tail.sort_by(|a, b| {
                    (a.extent(), &a.label, a.id).cmp(&(b.extent(), &b.label, b.id))
                });
                for m in tail {
                    let at = mentions.partition_point(|x| in_order(x, &m));
                    mentions.insert(at, m);
                }
            } else {
                mentions.sort_by(|a, b| {
                    (a.extent(), &a.label, a.id).cmp(&(b.extent(), &b.label, b.id))
                });
            }
        }
        self.sort_links();
    }

    /// Sorts everything but the mentions; a list already in order is not touched.
    pub fn sort_links(&mut self) {
        sort_shared(&mut self.entities, |e| e.id);
        sort_shared(&mut self.attributions, |a| a.id);
        sort_shared(&mut self.sourcings, |s| s.id);
        sort_shared(&mut self.stances, |s| s.id);
        if !self.notes.is_sorted_by_key(|n| n.id) {
            self.notes.sort_by_key(|n| n.id);
        }
        if !self.conflicts.is_sorted_by_key(|c| c.id) {
            self.conflicts.sort_by_key(|c| c.id);
        }
    }

    /// Mentions per label, in label order.
    pub fn label_counts(&self) -> BTreeMap<&str, usize> {
        let mut counts = BTreeMap::new();
        for m in &self.mentions {
            *counts.entry(m.label.as_str()).or_default() += 1;
        }
        counts
    }
}
