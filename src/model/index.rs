//! Lookups by id that do not scan: where each mention is in the (position-sorted) list and
//! how many mentions each entity has. Built in one pass after every change, so that drawing
//! a frame or answering a key never walks all the annotations.

use std::collections::HashMap;

use super::annotations::{Annotations, Mention};
use super::ids::{EntityId, MentionId};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    by_id: Positions,
    counts: HashMap<EntityId, usize>,
}

/// Where each mention id is in the list. Ids are small numbers given out in turn, so a
/// table indexed by the number is the usual case: building it is one pass with no hashing,
/// which matters because it is rebuilt after every edit. Ids far apart (a hand-edited file
/// with `m4000000000`) use a map instead of a table that large.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Positions {
    Table(Vec<u32>),
    Map(HashMap<MentionId, usize>),
}

impl Default for Positions {
    fn default() -> Self {
        Self::Table(Vec::new())
    }
}

const NOWHERE: u32 = u32::MAX;

impl Positions {
    fn build(mentions: &[crate::model::Shared<Mention>]) -> Self {
        let top = mentions.iter().map(|m| m.id.0).max().unwrap_or(0) as usize;
        if top <= mentions.len().saturating_mul(4) + 1024
            && let Ok(len) = u32::try_from(mentions.len())
            && len < NOWHERE
        {
            let mut table = vec![NOWHERE; top + 1];
            for (i, m) in (0..len).zip(mentions) {
                table[m.id.0 as usize] = i;
            }
            Self::Table(table)
        } else {
            Self::Map(
                mentions
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.id, i))
                    .collect(),
            )
        }
    }

    fn get(&self, id: MentionId) -> Option<usize> {
        match self {
            Self::Table(t) => t
                .get(id.0 as usize)
                .filter(|&&i| i != NOWHERE)
                .map(|&i| i as usize),
            Self::Map(m) => m.get(&id).copied(),
        }
    }
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
            by_id: Positions::build(&a.mentions),
            counts,
        }
    }

    /// The mention with `id`; falls back to a scan if the index is out of date.
    pub fn mention<'a>(&self, a: &'a Annotations, id: MentionId) -> Option<&'a Mention> {
        match self.by_id.get(id).and_then(|i| a.mentions.get(i)) {
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
        assert!(matches!(index.by_id, Positions::Table(_)));
    }

    #[test]
    fn ids_far_apart_are_found_through_a_map() {
        let mut a = Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars: 30,
            },
            "t",
        );
        let low = a.add_mention("Claim", vec![Span::new(0, 2)]);
        let far = a.add_mention("Claim", vec![Span::new(4, 6)]);
        a.mention_mut(far).unwrap().id = MentionId(4_000_000_000);
        let index = Index::build(&a);
        assert!(matches!(index.by_id, Positions::Map(_)));
        assert_eq!(index.by_id.get(MentionId(4_000_000_000)), Some(1));
        assert_eq!(index.by_id.get(low), Some(0));
        assert_eq!(index.by_id.get(MentionId(7)), None);
    }
}
