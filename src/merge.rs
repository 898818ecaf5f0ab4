//! Three-way merge of annotation files by meaning, not by line: what git calls when two
//! people changed the same article's annotations (`glossator merge-file`).
//!
//! The merge works on the file's own types (`store::Current`, spans in code points with
//! their quotes), so it needs neither the article nor the schema. Mentions are matched to
//! the base by id when their label or span is still the base's, and new ones to each other
//! by span and label; entities by id, new ones by their mentions or name; links by what
//! they connect; notes by what they are on and say. This side's ids are kept; the other
//! side's items take their own id when it is free and a new one when it clashes, and every
//! link follows. Status takes the further one. What the two changed differently is kept as
//! a conflict record ([`crate::model::Conflict`] on disk): this side's version in the lists,
//! the other side's in the record.

#![allow(clippy::many_single_char_names)] // b, o, t: base, ours, theirs, as three-way merges name them

mod conflicts;
mod items;
mod links;
mod map;
mod touched;

use crate::store::Current;

/// The merged file and how many conflict records it holds.
#[derive(Debug, Clone)]
pub struct Merged {
    pub file: Current,
    /// Conflict records this merge wrote (records already in the inputs not counted).
    pub conflicts: usize,
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &Current, ours: &Current, theirs: &Current) -> Merged {
    let mut out = conflicts::Out::new(ours);
    let maps = items::merge_items(base, ours, theirs, &mut out);
    links::merge_links(base, ours, theirs, &maps, &mut out);
    let file = &mut out.file;
    file.status = ours.status.max_with(theirs.status);
    file.article = scalar(&base.article, &ours.article, &theirs.article);
    file.annotator = scalar(&base.annotator, &ours.annotator, &theirs.annotator);
    file.suggestions = set3(&base.suggestions, &ours.suggestions, &theirs.suggestions);
    file.rejected = set3(&base.rejected, &ours.rejected, &theirs.rejected);
    out.finish(ours, theirs)
}

/// Ours when it changed (or both agree), else theirs.
fn scalar<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> T {
    if ours == base {
        theirs.clone()
    } else {
        ours.clone()
    }
}

/// A list of values with no id, merged as a set: kept where both keep it, added where
/// either added it. The result keeps this side's order, then the other side's additions.
fn set3<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x))
        .cloned()
        .collect();
    for x in theirs {
        if !base.contains(x) && !out.contains(x) {
            out.push(x.clone());
        }
    }
    out
}

/// The further of two statuses: todo < in progress < done < reviewed.
trait Further {
    fn max_with(self, other: Self) -> Self;
}

impl Further for crate::store::StatusV1 {
    fn max_with(self, other: Self) -> Self {
        use crate::store::StatusV1::{Done, InProgress, Reviewed, Todo};
        let rank = |s: Self| match s {
            Todo => 0,
            InProgress => 1,
            Done => 2,
            Reviewed => 3,
        };
        if rank(other) > rank(self) {
            other
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests;
