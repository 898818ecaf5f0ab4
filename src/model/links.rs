//! Edits that build and change entities, links, fragments and notes while keeping the
//! invariants `check` enforces: new ids never collide, nothing is left pointing at an id
//! that is gone, and fragments stay sorted and apart.

use super::annotations::{
    Agent, Annotations, Attribution, Entity, Note, Sourcing, Span, Specificity, Stance, Target,
};
use super::ids::{AnyId, AttributionId, EntityId, MentionId, NoteId, SourcingId, StanceId};

fn next<T>(items: &[T], id: impl Fn(&T) -> u32 + Clone) -> u32 {
    super::ids::free_id(items.iter().map(id))
}

/// Sorts fragments and joins the ones that overlap or touch.
fn normalise(mut fragments: Vec<Span>) -> Vec<Span> {
    fragments.retain(|f| !f.is_empty());
    fragments.sort();
    let mut out: Vec<Span> = Vec::with_capacity(fragments.len());
    for f in fragments {
        match out.last_mut() {
            Some(last) if f.start <= last.end => last.end = last.end.max(f.end),
            _ => out.push(f),
        }
    }
    out
}

impl Annotations {
    pub fn add_entity(&mut self, kind: &str, name: &str, named: bool) -> EntityId {
        let id = EntityId(next(&self.entities, |e| e.id.0));
        self.entities.push(Entity {
            id,
            kind: kind.to_owned(),
            name: name.to_owned(),
            kb: None,
            named,
        });
        id
    }

    pub fn entity_mut(&mut self, id: EntityId) -> Option<&mut Entity> {
        self.entities.iter_mut().find(|e| e.id == id)
    }

    pub fn mention_mut(&mut self, id: MentionId) -> Option<&mut super::Mention> {
        self.mentions
            .iter_mut()
            .find(|m| m.id == id)
            .map(|m| &mut **m)
    }

    /// How many mentions refer to `entity`.
    pub fn mention_count(&self, entity: EntityId) -> usize {
        self.mentions
            .iter()
            .filter(|m| m.entity == Some(entity))
            .count()
    }

    /// Attributes `claim` to `speaker`, or to no one named (`None`: "it was reported
    /// that"). A claim has one attribution: attributing it again changes the speaker and cue
    /// and keeps the id and the further contents.
    pub fn attribute(
        &mut self,
        claim: MentionId,
        speaker: Option<Agent>,
        cue: Option<MentionId>,
    ) -> AttributionId {
        if let Some(a) = self.attributions.iter_mut().find(|a| a.has_claim(claim)) {
            a.speaker = speaker;
            a.cue = cue;
            return a.id;
        }
        let id = AttributionId(next(&self.attributions, |a| a.id.0));
        self.attributions.push(Attribution {
            id,
            claim,
            more: Vec::new(),
            speaker,
            cue,
        });
        id
    }

    /// Adds `content` as a further content of attribution `id` (one cue introducing two
    /// stretches of text). A mention that is already the content of another attribution
    /// leaves that one; `false` when `id` is unknown or `content` is already its content.
    pub fn add_content(&mut self, id: AttributionId, content: MentionId) -> bool {
        let Some(a) = self.attributions.iter().find(|a| a.id == id) else {
            return false;
        };
        if a.has_claim(content) || self.mention(content).is_none() {
            return false;
        }
        // The mention was another attribution's content: it is this one's now.
        let mut emptied = Vec::new();
        for other in &mut self.attributions {
            if other.id == id {
                continue;
            }
            other.more.retain(|m| *m != content);
            if other.claim == content {
                if other.more.is_empty() {
                    emptied.push(other.id);
                } else {
                    other.claim = other.more.remove(0);
                }
            }
        }
        for gone in emptied {
            self.remove(AnyId::Attribution(gone));
        }
        if let Some(a) = self.attributions.iter_mut().find(|a| a.id == id) {
            a.more.push(content);
        }
        true
    }

    /// Links `claim` to `source`; the same pair twice is one sourcing.
    pub fn add_sourcing(
        &mut self,
        claim: MentionId,
        source: Agent,
        specificity: Option<Specificity>,
    ) -> SourcingId {
        if let Some(s) = self
            .sourcings
            .iter_mut()
            .find(|s| s.claim == claim && s.source == source)
        {
            s.specificity = specificity;
            return s.id;
        }
        let id = SourcingId(next(&self.sourcings, |s| s.id.0));
        self.sourcings.push(Sourcing {
            id,
            claim,
            source,
            specificity,
        });
        id
    }

    /// Records that `holder` takes `polarity` towards `target`; a second stance of the same
    /// holder on the same target changes the polarity.
    pub fn add_stance(&mut self, holder: Agent, target: Target, polarity: &str) -> StanceId {
        if let Some(s) = self
            .stances
            .iter_mut()
            .find(|s| s.holder == holder && s.target == target)
        {
            polarity.clone_into(&mut s.polarity);
            return s.id;
        }
        let id = StanceId(next(&self.stances, |s| s.id.0));
        self.stances.push(Stance {
            id,
            holder,
            target,
            polarity: polarity.to_owned(),
        });
        id
    }

    /// Adds `span` to a mention's fragments, joining what overlaps. Links are untouched.
    pub fn add_fragment(&mut self, id: MentionId, span: Span) -> bool {
        let Some(m) = self.mention_mut(id) else {
            return false;
        };
        let mut fragments = std::mem::take(&mut m.fragments);
        fragments.push(span);
        m.fragments = normalise(fragments);
        true
    }

    /// Gives a mention new bounds; its id, and so every link to it, stays.
    pub fn resize_mention(&mut self, id: MentionId, span: Span) -> bool {
        match self.mention_mut(id) {
            Some(m) if !span.is_empty() => {
                m.fragments = vec![span];
                true
            }
            _ => false,
        }
    }

    /// Moves every mention, link and note of `gone` to `keep`, then removes `gone`. A stance
    /// between the two would become one held toward its own holder: it goes, with its notes.
    pub fn merge_entities(&mut self, keep: EntityId, gone: EntityId) -> bool {
        if keep == gone || self.entity(keep).is_none() || self.entity(gone).is_none() {
            return false;
        }
        for m in &mut self.mentions {
            if m.entity == Some(gone) {
                m.entity = Some(keep);
            }
        }
        let swap = |a: &mut Agent| {
            if *a == Agent::Entity(gone) {
                *a = Agent::Entity(keep);
            }
        };
        self.attributions
            .iter_mut()
            .filter_map(|a| a.speaker.as_mut())
            .for_each(swap);
        self.sourcings.iter_mut().for_each(|s| swap(&mut s.source));
        for s in &mut self.stances {
            swap(&mut s.holder);
            if s.target == Target::Entity(gone) {
                s.target = Target::Entity(keep);
            }
        }
        for n in &mut self.notes {
            if n.on == Some(AnyId::Entity(gone)) {
                n.on = Some(AnyId::Entity(keep));
            }
        }
        self.entities.retain(|e| e.id != gone);
        let before = self.stances.len();
        self.stances
            .retain(|s| !(s.holder == Agent::Entity(keep) && s.target == Target::Entity(keep)));
        if self.stances.len() != before {
            self.drop_orphan_notes();
        }
        true
    }

    /// Removes one annotation of any kind with everything that named it.
    pub fn remove(&mut self, id: AnyId) -> bool {
        let found = match id {
            AnyId::Mention(m) => return self.remove_mention(m),
            AnyId::Entity(e) => {
                let before = self.entities.len();
                self.entities.retain(|x| x.id != e);
                for m in &mut self.mentions {
                    if m.entity == Some(e) {
                        m.entity = None;
                    }
                }
                let agent = Agent::Entity(e);
                self.attributions.retain(|a| a.speaker != Some(agent));
                self.sourcings.retain(|s| s.source != agent);
                self.stances
                    .retain(|s| s.holder != agent && s.target != Target::Entity(e));
                self.entities.len() != before
            }
            AnyId::Attribution(a) => {
                let before = self.attributions.len();
                self.attributions.retain(|x| x.id != a);
                self.attributions.len() != before
            }
            AnyId::Sourcing(s) => {
                let before = self.sourcings.len();
                self.sourcings.retain(|x| x.id != s);
                self.sourcings.len() != before
            }
            AnyId::Stance(s) => {
                let before = self.stances.len();
                self.stances.retain(|x| x.id != s);
                self.stances.len() != before
            }
        };
        if found {
            self.drop_orphan_notes();
        }
        found
    }

    fn drop_orphan_notes(&mut self) {
        let live = |on: AnyId| match on {
            AnyId::Mention(m) => self.mention(m).is_some(),
            AnyId::Entity(e) => self.entity(e).is_some(),
            AnyId::Attribution(a) => self.attributions.iter().any(|x| x.id == a),
            AnyId::Sourcing(s) => self.sourcings.iter().any(|x| x.id == s),
            AnyId::Stance(s) => self.stances.iter().any(|x| x.id == s),
        };
        let keep: Vec<bool> = self.notes.iter().map(|n| n.on.is_none_or(live)).collect();
        let mut flags = keep.into_iter();
        self.notes.retain(|_| flags.next().unwrap_or(true));
    }

    /// The note on `on` (or on the article when `None`).
    pub fn note(&self, on: Option<AnyId>) -> Option<&str> {
        self.notes
            .iter()
            .find(|n| n.on == on)
            .map(|n| n.text.as_str())
    }

    /// Sets the note on `on`; empty text removes it.
    pub fn set_note(&mut self, on: Option<AnyId>, text: &str) {
        if text.trim().is_empty() {
            self.notes.retain(|n| n.on != on);
        } else if let Some(n) = self.notes.iter_mut().find(|n| n.on == on) {
            text.clone_into(&mut n.text);
        } else {
            let id = NoteId(next(&self.notes, |n| n.id.0));
            self.notes.push(Note {
                id,
                on,
                text: text.to_owned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, check};

    fn empty() -> Annotations {
        Annotations::new(
            ArticleRef {
                path: "a".into(),
                sha256: String::new(),
                chars: 60,
            },
            "t",
        )
    }

    #[test]
    fn fragments_join_when_they_touch_and_stay_sorted() {
        let mut a = empty();
        let m = a.add_mention("Claim", vec![Span::new(20, 30)]);
        assert!(a.add_fragment(m, Span::new(0, 5)));
        assert!(a.add_fragment(m, Span::new(4, 8)));
        assert!(a.add_fragment(m, Span::new(30, 33)));
        assert_eq!(
            a.mention(m).unwrap().fragments,
            vec![Span::new(0, 8), Span::new(20, 33)]
        );
        assert!(a.resize_mention(m, Span::new(2, 9)));
        assert_eq!(a.mention(m).unwrap().fragments, vec![Span::new(2, 9)]);
        assert!(!a.resize_mention(m, Span::new(3, 3)));
    }

    #[test]
    fn attributing_again_replaces_and_merging_moves_every_link() {
        let mut a = empty();
        let claim = a.add_mention("Claim", vec![Span::new(0, 5)]);
        let s1 = a.add_mention("Speaker", vec![Span::new(10, 15)]);
        let s2 = a.add_mention("Speaker", vec![Span::new(20, 25)]);
        let e1 = a.add_entity("Person", "Afkham", true);
        let e2 = a.add_entity("Person", "Marziyeh Afkham", true);
        a.mention_mut(s1).unwrap().entity = Some(e1);
        a.mention_mut(s2).unwrap().entity = Some(e2);
        let first = a.attribute(claim, Some(Agent::Mention(s1)), None);
        let again = a.attribute(claim, Some(Agent::Entity(e2)), None);
        assert_eq!(first, again);
        assert_eq!(a.attributions.len(), 1);
        a.add_stance(Agent::Entity(e1), Target::Entity(e2), "support");
        a.add_stance(Agent::Entity(e1), Target::Entity(e2), "deny");
        assert_eq!(a.stances.len(), 1);
        assert_eq!(a.stances[0].polarity, "deny");
        a.set_note(Some(AnyId::Entity(e2)), "same person");
        assert!(a.merge_entities(e1, e2));
        assert_eq!(a.entities.len(), 1);
        assert_eq!(a.mention_count(e1), 2);
        assert_eq!(a.attributions[0].speaker, Some(Agent::Entity(e1)));
        assert!(a.stances.is_empty(), "e1 on e1 says nothing");
        assert_eq!(a.note(Some(AnyId::Entity(e1))), Some("same person"));
        assert_eq!(check(&a, &"x".repeat(60)), vec![]);
    }

    #[test]
    fn an_attribution_may_name_no_speaker_and_gain_a_second_content() {
        let mut a = empty();
        let c1 = a.add_mention("Claim", vec![Span::new(0, 5)]);
        let c2 = a.add_mention("Claim", vec![Span::new(10, 15)]);
        let cue = a.add_mention("Cue", vec![Span::new(20, 25)]);
        let speaker = a.add_mention("Speaker", vec![Span::new(30, 35)]);
        let id = a.attribute(c1, None, Some(cue));
        let other = a.attribute(c2, Some(Agent::Mention(speaker)), None);
        assert_ne!(id, other);
        // c2 leaves its own attribution (which had no other content) for this one.
        assert!(a.add_content(id, c2));
        assert!(!a.add_content(id, c2), "already its content");
        assert!(!a.add_content(id, c1), "its first content");
        assert_eq!(a.attributions.len(), 1);
        assert_eq!(
            (a.attributions[0].claim, &a.attributions[0].more),
            (c1, &vec![c2])
        );
        assert_eq!(check(&a, &"x".repeat(60)), vec![]);
        // Attributing the second content again changes the same attribution.
        assert_eq!(
            a.attribute(c2, Some(Agent::Mention(speaker)), Some(cue)),
            id
        );
        assert_eq!(a.attributions[0].speaker, Some(Agent::Mention(speaker)));
        // Removing the first content leaves the second as the claim.
        assert!(a.remove_mention(c1));
        assert_eq!(
            (a.attributions[0].claim, a.attributions[0].more.len()),
            (c2, 0)
        );
        // A repeated content is a problem `check` names.
        a.attributions[0].more.push(c2);
        let problems = check(&a, &"x".repeat(60));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .to_string()
                .contains("names m2 as its content twice")
        );
    }

    #[test]
    fn removing_an_entity_or_a_link_leaves_nothing_dangling() {
        let mut a = empty();
        let claim = a.add_mention("Claim", vec![Span::new(0, 5)]);
        let e = a.add_entity("Media", "western media", false);
        let s = a.add_sourcing(claim, Agent::Entity(e), Some(Specificity::Vague));
        a.set_note(Some(AnyId::Sourcing(s)), "vague on purpose");
        a.set_note(None, "article note");
        assert!(a.remove(AnyId::Entity(e)));
        assert!(a.sourcings.is_empty());
        assert_eq!(a.notes.len(), 1, "the article note stays");
        a.set_note(None, "  ");
        assert!(a.notes.is_empty());
        assert!(!a.remove(AnyId::Stance(StanceId(9))));
        assert_eq!(check(&a, &"x".repeat(60)), vec![]);
    }
}
