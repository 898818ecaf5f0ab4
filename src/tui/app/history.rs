//! The undo and redo stacks. The step on top keeps the whole annotations it returns to;
//! every step below it keeps only how its annotations differ from those of the step above
//! it: for each list, the run between the first and the last element that differ. A label,
//! a link or a deletion costs the few elements it changed, not a copy of every list, so a
//! long day of edits grows with the edits, not with the article.

use crate::model::{Annotations, Shared};

/// How to make `target` from `base` for one list: keep `base[..at]`, drop the next
/// `removed` elements, put `inserted` in their place, keep the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Splice<T> {
    at: usize,
    removed: usize,
    inserted: Vec<T>,
}

impl<T: Clone + PartialEq> Splice<T> {
    fn between(base: &[T], target: &[T]) -> Self {
        let prefix = base.iter().zip(target).take_while(|(a, b)| a == b).count();
        let room = base.len().min(target.len()) - prefix;
        let suffix = base
            .iter()
            .rev()
            .zip(target.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        Self {
            at: prefix,
            removed: base.len() - prefix - suffix,
            inserted: target[prefix..target.len() - suffix].to_vec(),
        }
    }

    fn apply(&self, base: &[T]) -> Vec<T> {
        let mut out = Vec::with_capacity(base.len() - self.removed + self.inserted.len());
        out.extend_from_slice(&base[..self.at]);
        out.extend_from_slice(&self.inserted);
        out.extend_from_slice(&base[self.at + self.removed..]);
        out
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inserted.len()
    }
}

/// The annotations of one step as they differ from those of the step above it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diff {
    article: crate::model::ArticleRef,
    annotator: String,
    status: crate::model::Status,
    entities: Splice<crate::model::Entity>,
    mentions: Splice<Shared<crate::model::Mention>>,
    attributions: Splice<crate::model::Attribution>,
    sourcings: Splice<crate::model::Sourcing>,
    stances: Splice<crate::model::Stance>,
    notes: Splice<crate::model::Note>,
    /// `None` when the suggestions are the same list.
    suggestions: Option<Splice<Shared<crate::model::Suggestion>>>,
    rejected: Splice<crate::model::Span>,
    conflicts: Splice<crate::model::Conflict>,
}

impl Diff {
    /// How to make `target` from `base`.
    fn between(base: &Annotations, target: &Annotations) -> Self {
        Self {
            article: target.article.clone(),
            annotator: target.annotator.clone(),
            status: target.status,
            entities: Splice::between(&base.entities, &target.entities),
            mentions: Splice::between(&base.mentions, &target.mentions),
            attributions: Splice::between(&base.attributions, &target.attributions),
            sourcings: Splice::between(&base.sourcings, &target.sourcings),
            stances: Splice::between(&base.stances, &target.stances),
            notes: Splice::between(&base.notes, &target.notes),
            suggestions: (!Shared::same(&base.suggestions, &target.suggestions))
                .then(|| Splice::between(&base.suggestions, &target.suggestions)),
            rejected: Splice::between(&base.rejected, &target.rejected),
            conflicts: Splice::between(&base.conflicts, &target.conflicts),
        }
    }

    /// The target, from the base it was made against.
    fn apply(&self, base: &Annotations) -> Annotations {
        Annotations {
            article: self.article.clone(),
            annotator: self.annotator.clone(),
            status: self.status,
            entities: self.entities.apply(&base.entities),
            mentions: self.mentions.apply(&base.mentions),
            attributions: self.attributions.apply(&base.attributions),
            sourcings: self.sourcings.apply(&base.sourcings),
            stances: self.stances.apply(&base.stances),
            notes: self.notes.apply(&base.notes),
            suggestions: self.suggestions.as_ref().map_or_else(
                || base.suggestions.clone(),
                |s| Shared::from(s.apply(&base.suggestions)),
            ),
            rejected: self.rejected.apply(&base.rejected),
            conflicts: self.conflicts.apply(&base.conflicts),
        }
    }

    /// Elements it keeps, all lists together.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entities.len()
            + self.mentions.len()
            + self.attributions.len()
            + self.sourcings.len()
            + self.stances.len()
            + self.notes.len()
            + self.suggestions.as_ref().map_or(0, Splice::len)
            + self.rejected.len()
            + self.conflicts.len()
    }
}

#[derive(Debug, Clone)]
enum Kept {
    Whole(Box<Annotations>),
    Diff(Box<Diff>),
}

#[derive(Debug, Clone)]
struct Step {
    kept: Kept,
    what: String,
}

/// A stack of annotation states, each with what the change from it did.
#[derive(Debug, Clone, Default)]
pub(crate) struct History {
    steps: Vec<Step>,
}

impl History {
    pub(crate) fn len(&self) -> usize {
        self.steps.len()
    }

    pub(crate) fn clear(&mut self) {
        self.steps.clear();
    }

    /// Keeps `state` on top; the step that was on top keeps only its difference from it.
    pub(crate) fn push(&mut self, state: Annotations, what: String) {
        if let Some(top) = self.steps.last_mut()
            && let Kept::Whole(whole) = &top.kept
        {
            top.kept = Kept::Diff(Box::new(Diff::between(&state, whole)));
        }
        self.steps.push(Step {
            kept: Kept::Whole(Box::new(state)),
            what,
        });
    }

    /// Takes the state on top and what its change did; the step below becomes whole again.
    pub(crate) fn pop(&mut self) -> Option<(Annotations, String)> {
        let step = self.steps.pop()?;
        let Kept::Whole(state) = step.kept else {
            unreachable!("the step on top is always kept whole")
        };
        if let Some(below) = self.steps.last_mut()
            && let Kept::Diff(diff) = &below.kept
        {
            below.kept = Kept::Whole(Box::new(diff.apply(&state)));
        }
        Some((*state, step.what))
    }

    /// The state on top.
    pub(crate) fn last(&self) -> Option<&Annotations> {
        match &self.steps.last()?.kept {
            Kept::Whole(state) => Some(state),
            Kept::Diff(_) => None,
        }
    }

    /// What the step on top did, for naming it after the fact.
    pub(crate) fn last_what_mut(&mut self) -> Option<&mut String> {
        self.steps.last_mut().map(|s| &mut s.what)
    }

    /// Elements kept by the steps below the top: what the history costs beyond one copy.
    #[cfg(test)]
    fn kept_elements(&self) -> usize {
        self.steps
            .iter()
            .map(|s| match &s.kept {
                Kept::Whole(_) => 0,
                Kept::Diff(d) => d.len(),
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn splices_make_the_target(base in prop::collection::vec(0u8..4, 0..30),
                                   target in prop::collection::vec(0u8..4, 0..30)) {
            let s = Splice::between(&base, &target);
            prop_assert_eq!(s.apply(&base), target);
        }
    }

    #[test]
    fn a_thousand_labels_keep_a_few_elements_each() {
        let article = crate::model::ArticleRef {
            path: "a.txt".into(),
            sha256: String::new(),
            chars: 1_000_000,
        };
        let mut a = Annotations::new(article, "x");
        for i in 0..20_000 {
            a.add_mention("Claim", vec![crate::model::Span::new(i * 10, i * 10 + 5)]);
        }
        let mut history = History::default();
        for i in 0..1_000 {
            history.push(a.clone(), format!("step {i}"));
            a.add_mention("Cue", vec![crate::model::Span::new(i * 10 + 6, i * 10 + 8)]);
            a.sort();
        }
        assert_eq!(history.len(), 1_000);
        assert!(
            history.kept_elements() <= 2 * 1_000,
            "{} elements kept for 1,000 labels",
            history.kept_elements()
        );
        // And back, exactly.
        let mut last = None;
        while let Some((state, _)) = history.pop() {
            last = Some(state);
        }
        assert_eq!(last.map(|s| s.mentions.len()), Some(20_000));
    }

    #[test]
    fn one_change_keeps_one_element() {
        let base: Vec<u32> = (0..10_000).collect();
        let mut target = base.clone();
        target.insert(5_000, 7);
        let s = Splice::between(&base, &target);
        assert_eq!((s.at, s.removed, s.inserted.len()), (5_000, 0, 1));
        let back = Splice::between(&target, &base);
        assert_eq!((back.at, back.removed, back.inserted.len()), (5_000, 1, 0));
    }
}
