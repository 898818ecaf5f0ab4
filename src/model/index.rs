//! Lookups by id that do not scan: where each mention is in the (position-sorted) list and
//! how many mentions each entity has. Built in one pass after every change, so that drawing
//! a frame or answering a key never walks all the annotations.

use std::collections::HashMap;

use super::annotations::{Annotations, Mention};
use super::ids::{EntityId, MentionId};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    by_id: HashMap<MentionId, usize>,
    counts: HashMap<EntityId, usize>,
}

impl Index {
    pub fn build(a: &Annotations) -> Self {
        let mut counts = HashMap::new();
        for m in &a.mentions {
            if let Some(e) = m.entity {
                *counts.entry(e).or_default() += 1;
            }
        }
        Self {
            by_id: a
                .mentions
                .iter()
                .enumerate()
                .map(|(i, m)| (m.id, i))
                .collect(),
            counts,
        }
    }

    /// The mention with `id`; falls back to a scan if the index is out of date.
    pub fn mention<'a>(&self, a: &'a Annotations, id: MentionId) -> Option<&'a Mention> {
        match self.by_id.get(&id).and_then(|&i| a.mentions.get(i)) {
            Some(m) if m.id == id => Some(m),
            _ => a.mention(id),
        }
    }

    /// Mentions that refer to `entity`.
    pub fn count(&self, entity: EntityId) -> usize {
        self.counts.get(&entity).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, Span};

    #[test]
    fn lookups_match_a_scan_and_survive_a_stale_index() {
        let mut a = Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars: 30,
            },
            "t",
        );
        let m1 = a.add_mention("Speaker", vec![Span::new(10, 12)]);
        let m2 = a.add_mention("Speaker", vec![Span::new(0, 2)]);
        let e = a.add_entity("Person", "X", true);
        a.mention_mut(m1).unwrap().entity = Some(e);
        a.mention_mut(m2).unwrap().entity = Some(e);
        a.sort();
        let index = Index::build(&a);
        assert_eq!(index.mention(&a, m1).unwrap().id, m1);
        assert_eq!(index.count(e), 2);
        let m3 = a.add_mention("Claim", vec![Span::new(4, 6)]);
        a.sort();
        assert_eq!(
            index.mention(&a, m3).unwrap().id,
            m3,
            "stale index still answers"
        );
        assert_eq!(index.mention(&a, MentionId(99)), None);
    }
}
