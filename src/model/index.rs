//! Lookups by id that do not scan: where each mention is in the (position-sorted) list and
//! how many mentions each entity has. Built in one pass after every change, so that drawing
//! a frame or answering a key never walks all the annotations.

use rustc_hash::FxHashMap as HashMap;

use super::annotations::{Agent, Annotations, Mention, Shared, Span, Target};
use super::ids::{AnyId, EntityId, MentionId};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    by_id: Positions,
    /// For each entity, the places in `mentions` of the mentions that refer to it, in order.
    of_entity: HashMap<EntityId, Vec<usize>>,
    links: Links,
    suggested: Suggested,
}

/// Which part of a suggestion a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Claim,
    Cue,
    Speaker,
    Source,
}

/// Every span of every suggestion by where it starts, so drawing and the keys find those
/// on screen or under the cursor without walking them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Suggested {
    /// (span, the suggestion's place in the list, which part), sorted by start.
    spans: Vec<(Span, usize, Part)>,
    longest: usize,
    /// The number of suggestions it was built for, to tell when it is out of date.
    count: usize,
    /// The list it was built from: while the annotations hold this very list, it stands.
    source: Shared<Vec<Shared<crate::model::Suggestion>>>,
}

impl Suggested {
    fn build(a: &Annotations) -> Self {
        let mut spans: Vec<(Span, usize, Part)> = Vec::new();
        for (i, s) in a.suggestions.iter().enumerate() {
            spans.extend(s.claim.iter().map(|c| (*c, i, Part::Claim)));
            spans.extend(s.cue.map(|c| (c, i, Part::Cue)));
            spans.extend(s.speaker.map(|c| (c, i, Part::Speaker)));
            spans.extend(s.source.map(|c| (c, i, Part::Source)));
        }
        spans.sort_by_key(|(s, i, _)| (s.start, *i));
        let longest = spans.iter().map(|(s, _, _)| s.len()).max().unwrap_or(0);
        Self {
            spans,
            longest,
            count: a.suggestions.len(),
            source: a.suggestions.clone(),
        }
    }

    /// The index for `a` made from this one when `a`'s list differs from the one it was
    /// built for by one suggestion taken out or put back (accepting, rejecting, undoing
    /// that): the places after it shift by one, and no sort is needed. `None` otherwise.
    fn updated(&mut self, a: &Annotations) -> Option<Self> {
        let (old, new) = (&*self.source, &*a.suggestions);
        if self.count != old.len() || old.len().abs_diff(new.len()) != 1 {
            return None;
        }
        let prefix = old
            .iter()
            .zip(new)
            .take_while(|(x, y)| Shared::same(x, y))
            .count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(x, y)| Shared::same(x, y))
            .count();
        let k = prefix;
        let mut spans = std::mem::take(&mut self.spans);
        let mut longest = self.longest;
        if new.len() < old.len() && prefix + suffix == new.len() {
            spans.retain(|(_, i, _)| *i != k);
            for (_, i, _) in &mut spans {
                if *i > k {
                    *i -= 1;
                }
            }
        } else if new.len() > old.len() && prefix + suffix == old.len() {
            for (_, i, _) in &mut spans {
                if *i >= k {
                    *i += 1;
                }
            }
            let s = &new[k];
            let parts = s
                .claim
                .iter()
                .map(|c| (*c, Part::Claim))
                .chain(s.cue.map(|c| (c, Part::Cue)))
                .chain(s.speaker.map(|c| (c, Part::Speaker)))
                .chain(s.source.map(|c| (c, Part::Source)));
            for (span, part) in parts {
                let at = spans.partition_point(|(x, i, _)| (x.start, *i) <= (span.start, k));
                spans.insert(at, (span, k, part));
                longest = longest.max(span.len());
            }
        } else {
            self.spans = spans;
            return None;
        }
        Some(Self {
            spans,
            longest,
            count: new.len(),
            source: a.suggestions.clone(),
        })
    }

    /// The spans that reach into `range`.
    fn within(&self, range: std::ops::Range<usize>) -> &[(Span, usize, Part)] {
        let lo = self
            .spans
            .partition_point(|(s, _, _)| s.start + self.longest <= range.start);
        let hi = self.spans.partition_point(|(s, _, _)| s.start < range.end);
        &self.spans[lo..hi.max(lo)]
    }
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
            for c in x.claims() {
                add(Some(c), LinkAt::Attribution(i));
            }
            add(x.speaker.as_ref().and_then(agent), LinkAt::Attribution(i));
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
        let suggested = Suggested::build(a);
        Self::build_with(a, suggested)
    }

    /// [`Self::build`] after an edit: the suggestions' part is kept when the edit left the
    /// suggestions as they were (labelling and undoing do not copy them).
    pub fn rebuild(&mut self, a: &Annotations) {
        let suggested = if Shared::same(&self.suggested.source, &a.suggestions) {
            std::mem::take(&mut self.suggested)
        } else if let Some(updated) = self.suggested.updated(a) {
            updated
        } else {
            Suggested::build(a)
        };
        *self = Self::build_with(a, suggested);
    }

    fn build_with(a: &Annotations, suggested: Suggested) -> Self {
        let mut of_entity: HashMap<EntityId, Vec<usize>> = HashMap::default();
        for (i, m) in a.mentions.iter().enumerate() {
            if let Some(e) = m.entity {
                of_entity.entry(e).or_default().push(i);
            }
        }
        let by_id = Positions::build(&a.mentions);
        let links = Links::build(a, &by_id);
        Self {
            by_id,
            of_entity,
            links,
            suggested,
        }
    }

    /// The suggestion spans that reach into `range`, with their suggestion's place and part;
    /// `None` when the index is out of date.
    pub fn suggested_in(
        &self,
        a: &Annotations,
        range: std::ops::Range<usize>,
    ) -> Option<impl Iterator<Item = &(Span, usize, Part)>> {
        (self.suggested.count == a.suggestions.len()).then(|| {
            self.suggested
                .within(range.clone())
                .iter()
                .filter(move |(s, _, _)| s.end > range.start)
        })
    }

    /// The suggestion over byte `at`: the one with the shortest span there.
    pub fn suggestion_at(&self, a: &Annotations, at: usize) -> Option<usize> {
        match self.suggested_in(a, at..at + 1) {
            Some(spans) => spans
                .filter(|(s, _, _)| s.start <= at && at < s.end)
                .min_by_key(|(s, i, _)| (s.len(), *i))
                .map(|(_, i, _)| *i),
            None => a.suggestion_at(at),
        }
    }

    /// The next suggestion after byte `at`, round to the first of all: the soonest span
    /// that starts after `at` of a suggestion not under the cursor, its place and where it
    /// starts. A suggestion whose speaker came before the cursor is reached at its cue or
    /// claim ("Iran rejected X, and said Y", after X); the one under the cursor is passed
    /// over. `None` when there are none or the index is out of date.
    pub fn next_suggestion(&self, a: &Annotations, at: usize) -> Option<(usize, usize)> {
        let here: Vec<usize> = self
            .suggested_in(a, at..at + 1)?
            .filter(|(s, _, _)| s.start <= at && at < s.end)
            .map(|&(_, i, _)| i)
            .collect();
        let from = self
            .suggested
            .spans
            .partition_point(|(s, _, _)| s.start <= at);
        self.suggested.spans[from..]
            .iter()
            .find(|(_, i, _)| !here.contains(i))
            .or_else(|| self.suggested.spans.first())
            .map(|&(s, i, _)| (i, s.start))
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

    /// An id no mention of `a` has, nor any above it, without a scan: one above the
    /// largest the index was built with. Valid while `a` is what the index was last built
    /// for (the app rebuilds it after every change, before the next one); otherwise, and
    /// when ids run out, found by a scan.
    pub fn free_mention_id(&self, a: &Annotations) -> MentionId {
        if let Positions::Table(t) = &self.by_id
            && self.links.built_for == list_lengths(a)
            && let Ok(next) = u32::try_from(t.len().max(1))
            && next < super::ids::MAX_ID
        {
            return MentionId(next);
        }
        a.next_mention_id()
    }

    /// Mentions that refer to `entity`.
    pub fn count(&self, entity: EntityId) -> usize {
        self.of_entity.get(&entity).map_or(0, Vec::len)
    }

    /// The mentions that refer to `entity`, in position order, without a scan.
    pub fn mentions_of<'a>(
        &'a self,
        a: &'a Annotations,
        entity: EntityId,
    ) -> impl Iterator<Item = &'a Mention> + 'a {
        self.of_entity
            .get(&entity)
            .into_iter()
            .flatten()
            .filter_map(|&i| a.mentions.get(i).map(|m| &**m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, Span};

    /// No annotations yet, on a text of `chars` code points.
    fn empty(chars: usize) -> Annotations {
        Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars,
            },
            "t",
        )
    }

    #[test]
    fn taking_out_and_putting_back_one_suggestion_updates_the_index_as_a_rebuild_would() {
        let mut a = empty(10_000);
        let list: Vec<Shared<crate::model::Suggestion>> = (0..50)
            .map(|n| {
                // Some share a start, some overlap, one is a cue alone.
                let at = (n * 37) % 400;
                Shared::from(crate::model::Suggestion {
                    claim: if n == 7 {
                        Vec::new()
                    } else {
                        vec![Span::new(at + 5, at + 30)]
                    },
                    cue: Some(Span::new(at, at + 4)),
                    speaker: (n % 3 == 0).then(|| Span::new(at, at + 2)),
                    entity: None,
                    source: None,
                    rule: "r".into(),
                })
            })
            .collect();
        a.suggestions = Shared::from(list);
        for k in [0, 7, 20, 49] {
            let mut index = Index::build(&a);
            let mut b = a.clone();
            let taken = b.suggestions.remove(k);
            index.rebuild(&b);
            let fresh = Index::build(&b);
            assert_eq!(
                index.suggested.spans, fresh.suggested.spans,
                "taking out {k}"
            );
            assert_eq!(index.suggested.count, fresh.suggested.count);
            assert!(index.suggested.longest >= fresh.suggested.longest);
            b.suggestions.insert(k, taken);
            index.rebuild(&b);
            assert_eq!(
                index.suggested.spans,
                Index::build(&b).suggested.spans,
                "back {k}"
            );
        }
    }

    #[test]
    fn lookups_match_a_scan_and_survive_a_stale_index() {
        let mut a = empty(30);
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
        let mut a = empty(30);
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
        let mut a = empty(100);
        let m: Vec<MentionId> = (0..8)
            .map(|i| a.add_mention("Claim", vec![Span::new(i * 10, i * 10 + 5)]))
            .collect();
        let e = a.add_entity("Person", "X", true);
        a.attribute(m[0], Some(Agent::Mention(m[1])), Some(m[2]));
        a.attribute(m[3], Some(Agent::Entity(e)), None);
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
                    .filter(|x| {
                        x.claims().any(|c| here.contains(&c))
                            || x.speaker.as_ref().is_some_and(agent)
                    })
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
        a.attribute(m[7], Some(Agent::Mention(m[6])), None);
        assert_eq!(index.links_of(&a, &[m[7]]), None, "out of date");
    }

    #[test]
    fn suggestions_are_found_by_position_and_in_order() {
        use crate::model::Suggestion;
        let mut a = empty(100);
        let said = |speaker: usize, claim: (usize, usize)| Suggestion {
            claim: vec![Span::new(claim.0, claim.1)],
            cue: Some(Span::new(speaker + 3, speaker + 7)),
            speaker: Some(Span::new(speaker, speaker + 2)),
            entity: None,
            source: None,
            rule: "r".into(),
        };
        // Speaker first, then the cue, then a claim running on: "X said that …".
        a.suggestions = vec![
            said(10, (18, 40)).into(),
            said(50, (58, 70)).into(),
            said(72, (80, 90)).into(),
        ]
        .into();
        let index = Index::build(&a);
        assert_eq!(index.suggestion_at(&a, 11), Some(0));
        assert_eq!(index.suggestion_at(&a, 30), Some(0));
        assert_eq!(index.suggestion_at(&a, 45), None);
        assert_eq!(index.suggestion_at(&a, 85), Some(2));
        // From inside the first, the next starts at 50; from the last, round to the first.
        assert_eq!(index.next_suggestion(&a, 11), Some((1, 50)));
        assert_eq!(index.next_suggestion(&a, 30), Some((1, 50)));
        assert_eq!(index.next_suggestion(&a, 72), Some((0, 10)));
        assert_eq!(index.next_suggestion(&a, 0), Some((0, 10)));
        // Past the first one's speaker but not on it: its cue is next.
        assert_eq!(index.next_suggestion(&a, 12), Some((0, 13)));
        let on_screen: Vec<usize> = index
            .suggested_in(&a, 35..55)
            .unwrap()
            .map(|(_, i, _)| *i)
            .collect();
        assert_eq!(
            on_screen,
            [0, 1, 1],
            "the first's claim, the second's speaker and cue"
        );
        a.suggestions.pop();
        assert!(index.suggested_in(&a, 0..100).is_none(), "out of date");
        assert_eq!(
            index.suggestion_at(&a, 11),
            Some(0),
            "answered by a scan then"
        );
    }
}
