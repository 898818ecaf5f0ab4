//! Changes to a set of annotations that keep the invariants: new ids never collide, and
//! removing a mention removes the links that named it, so no id is left dangling.

use std::collections::BTreeMap;

use super::annotations::{
    Agent, Annotations, Attribution, Mention, Note, Sourcing, Span, Stance, Target,
};
use super::ids::{AnyId, MentionId};

impl Annotations {
    /// An id no mention has.
    pub fn next_mention_id(&self) -> MentionId {
        MentionId(super::ids::free_id(self.mentions.iter().map(|m| m.id.0)))
    }

    /// Adds a mention over `fragments` (sorted, non-overlapping) and returns its id.
    pub fn add_mention(&mut self, label: &str, fragments: Vec<Span>) -> MentionId {
        let id = self.next_mention_id();
        self.add_mention_as(id, label, fragments)
    }

    /// [`Self::add_mention`] with an id the caller knows no mention has (one found without
    /// a scan, from an index).
    pub fn add_mention_as(
        &mut self,
        id: MentionId,
        label: &str,
        fragments: Vec<Span>,
    ) -> MentionId {
        self.mentions.push(
            Mention {
                id,
                label: label.to_owned(),
                fragments,
                entity: None,
                attrs: BTreeMap::new(),
            }
            .into(),
        );
        id
    }

    /// The innermost (shortest) mention with a fragment over byte `at`.
    pub fn mention_at(&self, at: usize) -> Option<MentionId> {
        self.mentions
            .iter()
            .filter(|m| m.fragments.iter().any(|f| f.start <= at && at < f.end))
            .min_by_key(|m| m.extent().len())
            .map(|m| m.id)
    }

    /// Removes a mention with every attribution, sourcing, stance and note that named it;
    /// a link that only used it as an optional cue keeps the rest. Returns whether it existed.
    pub fn remove_mention(&mut self, id: MentionId) -> bool {
        let before = self.mentions.len();
        self.mentions.retain(|m| m.id != id);
        if self.mentions.len() == before {
            return false;
        }
        drop_links_of(
            id,
            &mut self.attributions,
            &mut self.sourcings,
            &mut self.stances,
        );
        let live = link_ids(&self.attributions, &self.sourcings, &self.stances);
        drop_notes_of(id, &mut self.notes, &live);
        true
    }
}

/// Drops the links that name mention `id` as a claim, speaker, source, holder or target;
/// a link that only used it as its optional cue, or as one of several contents, keeps the
/// rest.
pub fn drop_links_of(
    id: MentionId,
    attributions: &mut Vec<Attribution>,
    sourcings: &mut Vec<Sourcing>,
    stances: &mut Vec<Stance>,
) {
    let agent = Agent::Mention(id);
    for a in attributions.iter_mut() {
        if a.cue == Some(id) {
            a.cue = None;
        }
        // One of several contents goes alone; the attribution keeps the others.
        a.more.retain(|m| *m != id);
        if a.claim == id && !a.more.is_empty() {
            a.claim = a.more.remove(0);
        }
    }
    attributions.retain(|a| a.claim != id && a.speaker != Some(agent));
    sourcings.retain(|s| s.claim != id && s.source != agent);
    stances.retain(|s| s.holder != agent && s.target != Target::Mention(id));
}

/// The ids of these links, to keep the notes on them.
pub fn link_ids(
    attributions: &[Attribution],
    sourcings: &[Sourcing],
    stances: &[Stance],
) -> Vec<AnyId> {
    attributions
        .iter()
        .map(|a| AnyId::Attribution(a.id))
        .chain(sourcings.iter().map(|s| AnyId::Sourcing(s.id)))
        .chain(stances.iter().map(|s| AnyId::Stance(s.id)))
        .collect()
}

/// Drops the notes on mention `id` and on links that are no longer `live`.
pub fn drop_notes_of(id: MentionId, notes: &mut Vec<Note>, live: &[AnyId]) {
    notes.retain(|n| match n.on {
        Some(AnyId::Mention(m)) => m != id,
        Some(on @ (AnyId::Attribution(_) | AnyId::Sourcing(_) | AnyId::Stance(_))) => {
            live.contains(&on)
        }
        _ => true,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn removing_a_mention_removes_its_links_and_keeps_the_rest_valid() {
        let article = ArticleRef {
            path: "a".into(),
            sha256: String::new(),
            chars: 40,
        };
        let mut a = Annotations::new(article, "t");
        let claim = a.add_mention("Claim", vec![Span::new(0, 5)]);
        let speaker = a.add_mention("Speaker", vec![Span::new(10, 15)]);
        let cue = a.add_mention("Cue", vec![Span::new(6, 9)]);
        assert_eq!(
            (claim, speaker, cue),
            (MentionId(1), MentionId(2), MentionId(3))
        );
        a.attributions.push(Attribution {
            id: AttributionId(1),
            claim,
            more: Vec::new(),
            speaker: Some(Agent::Mention(speaker)),
            cue: Some(cue),
        });
        a.notes.push(Note {
            id: NoteId(1),
            on: Some(AnyId::Attribution(AttributionId(1))),
            text: "x".into(),
        });
        assert!(a.remove_mention(cue));
        assert_eq!(
            a.attributions[0].cue, None,
            "a lost cue keeps the attribution"
        );
        assert_eq!(a.notes.len(), 1);
        assert!(a.remove_mention(speaker));
        assert!(a.attributions.is_empty());
        assert!(
            a.notes.is_empty(),
            "the note on the removed attribution goes with it"
        );
        assert!(!a.remove_mention(speaker));
        assert_eq!(check(&a, &"x".repeat(40)), vec![]);
        assert_eq!(a.mention_at(2), Some(claim));
        assert_eq!(a.mention_at(7), None);
    }
}
