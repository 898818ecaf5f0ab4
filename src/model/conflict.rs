//! Conflict records: where two people changed the same annotation differently and a merge
//! could not choose. The file's lists hold this side's version ("ours"); the record names
//! those items and holds the other side's version ("theirs") in full. Settling one takes
//! ours, theirs, or both, through [`Annotations::settle`].

use std::collections::HashMap;

use super::annotations::{
    Agent, Annotations, Attribution, Entity, Mention, Note, Sourcing, Stance, Target,
};
use super::ids::{AnyId, AttributionId, EntityId, MentionId, NoteId, SourcingId, StanceId};

/// A conflict's id, `"c1"` on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConflictId(pub u32);

impl std::fmt::Display for ConflictId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0)
    }
}

/// One side's annotations in a conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub attributions: Vec<Attribution>,
    pub sourcings: Vec<Sourcing>,
    pub stances: Vec<Stance>,
    pub notes: Vec<Note>,
}

impl Side {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
            && self.mentions.is_empty()
            && self.attributions.is_empty()
            && self.sourcings.is_empty()
            && self.stances.is_empty()
            && self.notes.is_empty()
    }

    /// The ids of its items (notes have none that links name).
    pub fn ids(&self) -> Vec<AnyId> {
        let mut out: Vec<AnyId> = self.entities.iter().map(|e| AnyId::Entity(e.id)).collect();
        out.extend(self.mentions.iter().map(|m| AnyId::Mention(m.id)));
        out.extend(self.attributions.iter().map(|a| AnyId::Attribution(a.id)));
        out.extend(self.sourcings.iter().map(|s| AnyId::Sourcing(s.id)));
        out.extend(self.stances.iter().map(|s| AnyId::Stance(s.id)));
        out
    }
}

/// Two versions of the same annotations that a merge could not reconcile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub id: ConflictId,
    /// What the two sides disagree on, for a person.
    pub what: String,
    /// The items in the lists that are this side's version; empty when this side deleted.
    pub ours: Vec<AnyId>,
    /// The other side's version; empty when it deleted.
    pub theirs: Side,
}

/// How a conflict is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Take {
    /// This side's version, as the lists already hold it.
    Ours,
    /// The other side's version instead of this one's.
    Theirs,
    /// Both: the other side's items are added beside these, with new ids where they clash.
    Both,
}

impl Annotations {
    /// Settles conflict `id`; `false` when there is no such conflict.
    pub fn settle(&mut self, id: ConflictId, take: Take) -> bool {
        let Some(i) = self.conflicts.iter().position(|c| c.id == id) else {
            return false;
        };
        let conflict = self.conflicts.remove(i);
        match take {
            Take::Ours => {}
            Take::Theirs => self.take_theirs(conflict),
            Take::Both => {
                let mut side = conflict.theirs;
                renumber(&mut side, self);
                self.add_side(side);
            }
        }
        self.drop_dangling();
        self.sort();
        true
    }

    /// Links, notes and entity references that name something no longer here go, as they
    /// would have gone with it.
    fn drop_dangling(&mut self) {
        let mentions: std::collections::HashSet<MentionId> =
            self.mentions.iter().map(|m| m.id).collect();
        let entities: std::collections::HashSet<EntityId> =
            self.entities.iter().map(|e| e.id).collect();
        let agent = |a: Agent| match a {
            Agent::Mention(m) => mentions.contains(&m),
            Agent::Entity(e) => entities.contains(&e),
        };
        for m in &mut self.mentions {
            if m.entity.is_some_and(|e| !entities.contains(&e)) {
                m.entity = None;
            }
        }
        for a in &mut self.attributions {
            a.more.retain(|m| mentions.contains(m));
            if a.cue.is_some_and(|c| !mentions.contains(&c)) {
                a.cue = None;
            }
        }
        self.attributions
            .retain(|a| mentions.contains(&a.claim) && a.speaker.is_none_or(agent));
        self.sourcings
            .retain(|s| mentions.contains(&s.claim) && agent(s.source));
        self.stances.retain(|s| {
            agent(s.holder)
                && match &s.target {
                    Target::Mention(m) => mentions.contains(m),
                    Target::Entity(e) => entities.contains(e),
                    Target::Text(_) => true,
                }
        });
        let links: std::collections::HashSet<AnyId> = self
            .attributions
            .iter()
            .map(|a| AnyId::Attribution(a.id))
            .chain(self.sourcings.iter().map(|s| AnyId::Sourcing(s.id)))
            .chain(self.stances.iter().map(|s| AnyId::Stance(s.id)))
            .collect();
        self.notes.retain(|n| match n.on {
            None => true,
            Some(AnyId::Mention(m)) => mentions.contains(&m),
            Some(AnyId::Entity(e)) => entities.contains(&e),
            Some(link) => links.contains(&link),
        });
    }

    fn take_theirs(&mut self, conflict: Conflict) {
        let provided = conflict.theirs.ids();
        for id in &conflict.ours {
            if !provided.contains(id) {
                self.remove(*id);
            }
        }
        let side = conflict.theirs;
        // Replaced in place keeps every link to it; the rest is added.
        for e in side.entities {
            match self.entities.iter_mut().find(|x| x.id == e.id) {
                Some(x) => *x = e,
                None => self.entities.push(e),
            }
        }
        for m in side.mentions {
            match self.mentions.iter_mut().find(|x| x.id == m.id) {
                Some(x) => *x = m.into(),
                None => self.mentions.push(m.into()),
            }
        }
        replace_or_push(&mut self.attributions, side.attributions, |a| a.id);
        replace_or_push(&mut self.sourcings, side.sourcings, |s| s.id);
        replace_or_push(&mut self.stances, side.stances, |s| s.id);
        let mut notes = side.notes;
        let mut next = self.notes.iter().map(|n| n.id.0).max().unwrap_or(0);
        for n in &mut notes {
            if self.notes.iter().any(|x| x.id == n.id) {
                next += 1;
                n.id = NoteId(next);
            }
        }
        self.notes.extend(notes);
    }

    fn add_side(&mut self, side: Side) {
        self.entities.extend(side.entities);
        self.mentions
            .extend(side.mentions.into_iter().map(Into::into));
        self.attributions.extend(side.attributions);
        self.sourcings.extend(side.sourcings);
        self.stances.extend(side.stances);
        self.notes.extend(side.notes);
    }
}

fn replace_or_push<T, I: PartialEq>(list: &mut Vec<T>, items: Vec<T>, id: impl Fn(&T) -> I) {
    for item in items {
        match list.iter_mut().find(|x| id(x) == id(&item)) {
            Some(x) => *x = item,
            None => list.push(item),
        }
    }
}

/// Gives every item of `side` whose id `main` already uses a new one, and points the
/// side's own links at the new ids.
#[allow(clippy::too_many_lines)]
fn renumber(side: &mut Side, main: &Annotations) {
    fn fresh<I: Copy + Eq + std::hash::Hash>(
        ids: impl Iterator<Item = I>,
        used: impl Iterator<Item = u32>,
        number: impl Fn(I) -> u32,
        make: impl Fn(u32) -> I,
        taken: impl Fn(I) -> bool,
    ) -> HashMap<I, I> {
        let mut next = used.max().unwrap_or(0);
        let mut map = HashMap::new();
        let ids: Vec<I> = ids.collect();
        next = next.max(ids.iter().map(|i| number(*i)).max().unwrap_or(0));
        for id in ids {
            if taken(id) {
                next += 1;
                map.insert(id, make(next));
            }
        }
        map
    }
    let em = fresh(
        side.entities.iter().map(|e| e.id),
        main.entities.iter().map(|e| e.id.0),
        |i| i.0,
        EntityId,
        |i| main.entity(i).is_some(),
    );
    let mm = fresh(
        side.mentions.iter().map(|m| m.id),
        main.mentions.iter().map(|m| m.id.0),
        |i| i.0,
        MentionId,
        |i| main.mention(i).is_some(),
    );
    let am = fresh(
        side.attributions.iter().map(|a| a.id),
        main.attributions.iter().map(|a| a.id.0),
        |i| i.0,
        AttributionId,
        |i| main.attributions.iter().any(|x| x.id == i),
    );
    let sm = fresh(
        side.sourcings.iter().map(|s| s.id),
        main.sourcings.iter().map(|s| s.id.0),
        |i| i.0,
        SourcingId,
        |i| main.sourcings.iter().any(|x| x.id == i),
    );
    let stm = fresh(
        side.stances.iter().map(|s| s.id),
        main.stances.iter().map(|s| s.id.0),
        |i| i.0,
        StanceId,
        |i| main.stances.iter().any(|x| x.id == i),
    );
    let nm = fresh(
        side.notes.iter().map(|n| n.id),
        main.notes.iter().map(|n| n.id.0),
        |i| i.0,
        NoteId,
        |i| main.notes.iter().any(|x| x.id == i),
    );
    let mention = |id: MentionId| mm.get(&id).copied().unwrap_or(id);
    let entity = |id: EntityId| em.get(&id).copied().unwrap_or(id);
    let agent = |x: Agent| match x {
        Agent::Mention(i) => Agent::Mention(mention(i)),
        Agent::Entity(i) => Agent::Entity(entity(i)),
    };
    for x in &mut side.entities {
        x.id = entity(x.id);
    }
    for x in &mut side.mentions {
        x.id = mention(x.id);
        x.entity = x.entity.map(entity);
    }
    for x in &mut side.attributions {
        x.id = am.get(&x.id).copied().unwrap_or(x.id);
        x.claim = mention(x.claim);
        x.more = x.more.iter().copied().map(mention).collect();
        x.speaker = x.speaker.map(agent);
        x.cue = x.cue.map(mention);
    }
    for x in &mut side.sourcings {
        x.id = sm.get(&x.id).copied().unwrap_or(x.id);
        x.claim = mention(x.claim);
        x.source = agent(x.source);
    }
    for x in &mut side.stances {
        x.id = stm.get(&x.id).copied().unwrap_or(x.id);
        x.holder = agent(x.holder);
        if let Target::Mention(i) = x.target {
            x.target = Target::Mention(mention(i));
        } else if let Target::Entity(i) = x.target {
            x.target = Target::Entity(entity(i));
        }
    }
    for x in &mut side.notes {
        x.id = nm.get(&x.id).copied().unwrap_or(x.id);
        x.on = x.on.map(|on| match on {
            AnyId::Mention(i) => AnyId::Mention(mention(i)),
            AnyId::Entity(i) => AnyId::Entity(entity(i)),
            AnyId::Attribution(i) => AnyId::Attribution(am.get(&i).copied().unwrap_or(i)),
            AnyId::Sourcing(i) => AnyId::Sourcing(sm.get(&i).copied().unwrap_or(i)),
            AnyId::Stance(i) => AnyId::Stance(stm.get(&i).copied().unwrap_or(i)),
        });
    }
}

/// Each unresolved conflict as a problem: a file with any is not done.
pub fn unresolved(annotations: &Annotations) -> Vec<super::Problem> {
    annotations
        .conflicts
        .iter()
        .map(|c| {
            super::Problem::new(
                Some(c.id.to_string()),
                format!("unresolved merge conflict: {}", c.what),
                "open the file in glossator and take ours, theirs or both for each conflict",
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, Span};

    fn mention(id: u32, label: &str) -> Mention {
        Mention {
            id: MentionId(id),
            label: label.into(),
            fragments: vec![Span::new(0, 4)],
            entity: None,
            attrs: std::collections::BTreeMap::new(),
        }
    }

    fn file() -> Annotations {
        let article = ArticleRef {
            path: "a.txt".into(),
            sha256: String::new(),
            chars: 9,
        };
        let mut a = Annotations::new(article, "t");
        a.mentions.push(mention(1, "Claim").into());
        a.conflicts.push(Conflict {
            id: ConflictId(1),
            what: "labelled differently".into(),
            ours: vec![AnyId::Mention(MentionId(1))],
            theirs: Side {
                mentions: vec![mention(1, "Quote")],
                ..Side::default()
            },
        });
        a
    }

    #[test]
    fn ours_theirs_and_both_settle_a_label_conflict() {
        let mut ours = file();
        assert!(ours.settle(ConflictId(1), Take::Ours));
        assert_eq!(ours.mentions.len(), 1);
        assert_eq!(ours.mentions[0].label, "Claim");
        assert!(ours.conflicts.is_empty());

        let mut theirs = file();
        assert!(theirs.settle(ConflictId(1), Take::Theirs));
        assert_eq!(theirs.mentions.len(), 1);
        assert_eq!(theirs.mentions[0].label, "Quote");

        let mut both = file();
        assert!(both.settle(ConflictId(1), Take::Both));
        let labels: Vec<_> = both.mentions.iter().map(|m| (m.id.0, &*m.label)).collect();
        assert_eq!(labels, [(1, "Claim"), (2, "Quote")]);
        assert!(!both.settle(ConflictId(1), Take::Both));
    }

    #[test]
    fn what_the_other_side_links_to_may_have_gone_meanwhile_and_its_link_goes_too() {
        let mut a = file();
        a.conflicts[0].theirs.attributions.push(Attribution {
            id: AttributionId(1),
            claim: MentionId(1),
            more: Vec::new(),
            speaker: Some(Agent::Mention(MentionId(7))),
            cue: None,
        });
        // m7 is nowhere: deleted while the conflict waited.
        assert!(a.settle(ConflictId(1), Take::Theirs));
        assert!(a.attributions.is_empty());
        assert_eq!(crate::model::check(&a, "abcdefghi"), vec![]);
    }
}
