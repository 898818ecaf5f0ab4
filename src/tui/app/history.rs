//! The undo and redo stacks. The step on top keeps the whole annotations it returns to
//! (its big lists shared with the current annotations until a change touches one); every
//! step below it keeps only how its annotations differ from those of the step above it: for
//! each list a change touched, the run between the first and the last element that differ,
//! and nothing for a list it did not touch. A label,
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

/// How to make shared list `target` from `base`: `None` when it is the same list.
fn shared_splice<T: Clone + PartialEq>(
    base: &Shared<Vec<T>>,
    target: &Shared<Vec<T>>,
) -> Option<Splice<T>> {
    (!Shared::same(base, target)).then(|| Splice::between(base, target))
}

/// The shared list a splice makes from `base`; `base` itself, shared, when none.
fn apply_shared<T: Clone + PartialEq>(
    splice: Option<&Splice<T>>,
    base: &Shared<Vec<T>>,
) -> Shared<Vec<T>> {
    splice.map_or_else(|| base.clone(), |s| Shared::from(s.apply(base)))
}

/// The annotations of one step as they differ from those of the step above it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Diff {
    article: crate::model::ArticleRef,
    annotator: String,
    status: crate::model::Status,
    // Each shared list is `None` when it is the same list, not a copy: nothing touched it.
    entities: Option<Splice<crate::model::Entity>>,
    mentions: Option<Splice<Shared<crate::model::Mention>>>,
    attributions: Option<Splice<crate::model::Attribution>>,
    sourcings: Option<Splice<crate::model::Sourcing>>,
    stances: Option<Splice<crate::model::Stance>>,
    notes: Splice<crate::model::Note>,
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
            entities: shared_splice(&base.entities, &target.entities),
            mentions: shared_splice(&base.mentions, &target.mentions),
            attributions: shared_splice(&base.attributions, &target.attributions),
            sourcings: shared_splice(&base.sourcings, &target.sourcings),
            stances: shared_splice(&base.stances, &target.stances),
            notes: Splice::between(&base.notes, &target.notes),
            suggestions: shared_splice(&base.suggestions, &target.suggestions),
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
            entities: apply_shared(self.entities.as_ref(), &base.entities),
            mentions: apply_shared(self.mentions.as_ref(), &base.mentions),
            attributions: apply_shared(self.attributions.as_ref(), &base.attributions),
            sourcings: apply_shared(self.sourcings.as_ref(), &base.sourcings),
            stances: apply_shared(self.stances.as_ref(), &base.stances),
            notes: self.notes.apply(&base.notes),
            suggestions: apply_shared(self.suggestions.as_ref(), &base.suggestions),
            rejected: self.rejected.apply(&base.rejected),
            conflicts: self.conflicts.apply(&base.conflicts),
        }
    }

    /// Elements it keeps, all lists together.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.entities.as_ref().map_or(0, Splice::len)
            + self.mentions.as_ref().map_or(0, Splice::len)
            + self.attributions.as_ref().map_or(0, Splice::len)
            + self.sourcings.as_ref().map_or(0, Splice::len)
            + self.stances.as_ref().map_or(0, Splice::len)
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
    fn a_label_keeps_the_lists_it_did_not_touch_shared() {
        let article = crate::model::ArticleRef {
            path: "a.txt".into(),
            sha256: String::new(),
            chars: 1_000,
        };
        let mut a = Annotations::new(article, "x");
        let e = a.add_entity("Person", "Ana Ruiz", true);
        let claim = a.add_mention("Claim", vec![crate::model::Span::new(0, 5)]);
        a.attribute(claim, Some(crate::model::Agent::Entity(e)), None);
        let mut history = History::default();
        history.push(a.clone(), "first".into());
        a.add_mention("Cue", vec![crate::model::Span::new(6, 8)]);
        a.sort();
        let kept = history.last().expect("a step");
        assert!(Shared::same(&kept.entities, &a.entities));
        assert!(Shared::same(&kept.attributions, &a.attributions));
        assert!(!Shared::same(&kept.mentions, &a.mentions));
        history.push(a.clone(), "second".into());
        let Kept::Diff(diff) = &history.steps[0].kept else {
            panic!("the step below the top keeps a difference")
        };
        assert!(diff.entities.is_none() && diff.attributions.is_none());
        assert!(diff.mentions.is_some());
        let (top, _) = history.pop().expect("a step");
        assert_eq!(top, a);
        let (first, _) = history.pop().expect("a step");
        assert_eq!(first.mentions.len(), 1);
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
