//! Lookups by id that do not scan: where each mention is in the (position-sorted) list and
//! how many mentions each entity has. Built in one pass after every change, so that drawing
//! a frame or answering a key never walks all the annotations.

use std::collections::HashMap;

use super::annotations::{Agent, Annotations, Mention, Target};
use super::ids::{AnyId, EntityId, MentionId};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    by_id: Positions,
    counts: HashMap<EntityId, usize>,
    links: Links,
}

/// A link by its place in its list; ordered as the annotation pane lists links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkAt {
    Attribution(usize),
    Sourcing(usize),
    Stance(usize),
}

impl LinkAt {
    pub fn id(self, a: &Annotations) -> Option<AnyId> {
        Some(match self {
            Self::Attribution(i) => AnyId::Attribution(a.attributions.get(i)?.id),
            Self::Sourcing(i) => AnyId::Sourcing(a.sourcings.get(i)?.id),
            Self::Stance(i) => AnyId::Stance(a.stances.get(i)?.id),
        })
    }
}

/// The links that name each mention as claim, speaker, source, holder or target, by the
/// mention's place in the list: `at[start[i]..start[i + 1]]` for mention `i`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Links {
    start: Vec<usize>,
    at: Vec<LinkAt>,
    /// The list lengths it was built for, to tell when it is out of date.
    built_for: [usize; 4],
}

fn list_lengths(a: &Annotations) -> [usize; 4] {
    [
        a.mentions.len(),
        a.attributions.len(),
        a.sourcings.len(),
        a.stances.len(),
    ]
}

impl Links {
    fn build(a: &Annotations, by_id: &Positions) -> Self {
        let agent = |g: &Agent| match g {
            Agent::Mention(m) => Some(*m),
            Agent::Entity(_) => None,
        };
        let mut pairs: Vec<(usize, LinkAt)> = Vec::new();
        let mut add = |m: Option<MentionId>, link: LinkAt| {
            if let Some(i) = m.and_then(|m| by_id.get(m)) {
                pairs.push((i, link));
            }
        };
        for (i, x) in a.attributions.iter().enumerate() {
            add(Some(x.claim), LinkAt::Attribution(i));
            add(agent(&x.speaker), LinkAt::Attribution(i));
        }
        for (i, x) in a.sourcings.iter().enumerate() {
            add(Some(x.claim), LinkAt::Sourcing(i));
            add(agent(&x.source), LinkAt::Sourcing(i));
        }
        for (i, x) in a.stances.iter().enumerate() {
            add(agent(&x.holder), LinkAt::Stance(i));
            if let Target::Mention(m) = x.target {
                add(Some(m), LinkAt::Stance(i));
            }
        }
        // A counting sort by mention: two passes, no hashing.
        let mut start = vec![0; a.mentions.len() + 1];
        for (m, _) in &pairs {
            start[m + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut at = vec![LinkAt::Attribution(0); pairs.len()];
        for (m, link) in pairs {
            at[fill[m]] = link;
            fill[m] += 1;
        }
        Self {
            start,
            at,
            built_for: list_lengths(a),
        }
    }
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
        let by_id = Positions::build(&a.mentions);
        let links = Links::build(a, &by_id);
        Self {
            by_id,
            counts,
            links,
        }
    }

    /// The links that name any of `mentions` as claim, speaker, source, holder or target,
    /// attributions first, each kind in list order; `None` when the index is out of date.
    pub fn links_of(&self, a: &Annotations, mentions: &[MentionId]) -> Option<Vec<AnyId>> {
        if self.links.built_for != list_lengths(a) {
            return None;
        }
        let mut found: Vec<LinkAt> = Vec::new();
        for &m in mentions {
            let i = self.by_id.get(m)?;
            if a.mentions.get(i).map(|x| x.id) != Some(m) {
                return None;
            }
            found.extend_from_slice(&self.links.at[self.links.start[i]..self.links.start[i + 1]]);
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|l| l.id(a)).collect()
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

    #[test]
    fn links_of_mentions_are_those_a_walk_finds_in_pane_order() {
        let mut a = Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars: 100,
            },
            "t",
        );
        let m: Vec<MentionId> = (0..8)
            .map(|i| a.add_mention("Claim", vec![Span::new(i * 10, i * 10 + 5)]))
            .collect();
        let e = a.add_entity("Person", "X", true);
        a.attribute(m[0], Agent::Mention(m[1]), Some(m[2]));
        a.attribute(m[3], Agent::Entity(e), None);
        a.add_sourcing(m[3], Agent::Mention(m[4]), None);
        a.add_stance(Agent::Mention(m[1]), Target::Mention(m[5]), "deny");
        a.add_stance(
            Agent::Mention(m[6]),
            Target::Text("a topic".into()),
            "support",
        );
        a.add_stance(Agent::Entity(e), Target::Mention(m[0]), "support");
        a.sort();
        let index = Index::build(&a);
        // The walk the annotation pane did before the index.
        let walk = |here: &[MentionId]| -> Vec<AnyId> {
            let agent = |g: &Agent| matches!(g, Agent::Mention(x) if here.contains(x));
            let mut out: Vec<AnyId> = Vec::new();
            out.extend(
                a.attributions
                    .iter()
                    .filter(|x| here.contains(&x.claim) || agent(&x.speaker))
                    .map(|x| AnyId::Attribution(x.id)),
            );
            out.extend(
                a.sourcings
                    .iter()
                    .filter(|x| here.contains(&x.claim) || agent(&x.source))
                    .map(|x| AnyId::Sourcing(x.id)),
            );
            out.extend(
                a.stances
                    .iter()
                    .filter(|x| {
                        agent(&x.holder)
                            || matches!(&x.target, Target::Mention(t) if here.contains(t))
                    })
                    .map(|x| AnyId::Stance(x.id)),
            );
            out
        };
        for here in [
            vec![],
            vec![m[0]],
            vec![m[1]],
            vec![m[2]],
            vec![m[0], m[1]],
            vec![m[3], m[4], m[5]],
            vec![m[6], m[7]],
            m.clone(),
        ] {
            assert_eq!(index.links_of(&a, &here).unwrap(), walk(&here), "{here:?}");
        }
        a.attribute(m[7], Agent::Mention(m[6]), None);
        assert_eq!(index.links_of(&a, &[m[7]]), None, "out of date");
    }
}
