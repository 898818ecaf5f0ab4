//! Building a gold set from annotators' items: each accepted mention is copied in once, with
//! every link of its annotator whose mentions are all in gold by then; the same label and
//! span from another annotator is the same gold mention.

use std::collections::HashMap;

use crate::model::{Agent, Annotations, AnyId, EntityId, MentionId, Target};

/// Which annotator's file an adjudicated item came from: compare's A and B, or the n-th
/// annotator of a curation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Side(pub usize);

impl Side {
    pub const A: Self = Self(0);
    pub const B: Self = Self(1);
}

/// Building a gold set from two annotators' items.
#[derive(Debug, Clone)]
pub struct Gold {
    pub annotations: Annotations,
    /// Side's mention id -> gold mention id, for what was accepted.
    taken: HashMap<(Side, MentionId), MentionId>,
}

impl Gold {
    pub fn new(annotations: Annotations) -> Self {
        Self {
            annotations,
            taken: HashMap::new(),
        }
    }

    /// Gold as an earlier sitting left it: each of A's and B's mentions that gold holds (the
    /// same label and span) counts as taken, so the rows show it and taking the other side
    /// replaces it instead of adding a second one.
    pub fn resume(annotations: Annotations, a: &Annotations, b: &Annotations) -> Self {
        Self::resume_all(annotations, &[a, b])
    }

    /// [`Self::resume`] for any number of annotators' files, `Side(i)` being `files[i]`.
    pub fn resume_all(annotations: Annotations, files: &[&Annotations]) -> Self {
        let mut taken = HashMap::new();
        for g in &annotations.mentions {
            for (side, from) in files.iter().enumerate().map(|(i, f)| (Side(i), *f)) {
                for m in from
                    .mentions
                    .iter()
                    .filter(|m| m.label == g.label && m.fragments == g.fragments)
                {
                    taken.insert((side, m.id), g.id);
                }
            }
        }
        Self { annotations, taken }
    }

    /// The gold mention taken from `side`'s mention `id`, when it is in the gold set.
    pub fn taken_as(&self, side: Side, id: MentionId) -> Option<MentionId> {
        self.taken.get(&(side, id)).copied()
    }

    /// Whether `side`'s mention `id` is in the gold set.
    pub fn has(&self, side: Side, id: MentionId) -> bool {
        self.taken.contains_key(&(side, id))
    }

    fn entity(&mut self, from: &Annotations, e: EntityId) -> Option<EntityId> {
        let src = from.entity(e)?;
        if let Some(found) = self
            .annotations
            .entities
            .iter()
            .find(|x| x.name == src.name && x.kind == src.kind)
        {
            return Some(found.id);
        }
        let id = self.annotations.add_entity(&src.kind, &src.name, src.named);
        if let Some(new) = self.annotations.entity_mut(id) {
            new.kb.clone_from(&src.kb);
        }
        Some(id)
    }

    /// The gold mention that stands for `side`'s mention `m`: the one taken from it, else
    /// one gold holds with the same label and span (taken from another annotator: the same
    /// mention, so this side's links to it come along too).
    fn gold_of(&self, side: Side, from: &Annotations, m: MentionId) -> Option<MentionId> {
        if let Some(g) = self.taken.get(&(side, m)) {
            return Some(*g);
        }
        let src = from.mention(m)?;
        self.annotations
            .mentions
            .iter()
            .find(|g| g.label == src.label && g.fragments == src.fragments)
            .map(|g| g.id)
    }

    fn agent(&mut self, side: Side, from: &Annotations, agent: Agent) -> Option<Agent> {
        match agent {
            Agent::Mention(m) => self.gold_of(side, from, m).map(Agent::Mention),
            Agent::Entity(e) => self.entity(from, e).map(Agent::Entity),
        }
    }

    /// Copies `side`'s mention `id` into gold (once), then every link of that side whose
    /// mentions are all in gold by now. Returns the gold id.
    pub fn accept(&mut self, side: Side, from: &Annotations, id: MentionId) -> Option<MentionId> {
        if let Some(g) = self.taken.get(&(side, id)) {
            return Some(*g);
        }
        let m = from.mention(id)?.clone();
        // Gold may hold it already (taken in an earlier sitting): the same label and span
        // is the same mention, never a second copy.
        let same = self
            .annotations
            .mentions
            .iter()
            .find(|g| g.label == m.label && g.fragments == m.fragments)
            .map(|g| g.id);
        let g = if let Some(g) = same {
            g
        } else {
            let g = self.annotations.add_mention(&m.label, m.fragments.clone());
            let entity = m.entity.and_then(|e| self.entity(from, e));
            if let Some(new) = self.annotations.mention_mut(g) {
                new.attrs = m.attrs.clone();
                new.entity = entity;
            }
            g
        };
        self.taken.insert((side, id), g);
        if let Some(text) = from.note(Some(AnyId::Mention(id))) {
            self.annotations.set_note(Some(AnyId::Mention(g)), text);
        }
        self.links(side, from);
        Some(g)
    }

    /// Adds `side`'s links whose mentions are all in gold and that gold lacks.
    fn links(&mut self, side: Side, from: &Annotations) {
        for at in &from.attributions {
            let Some(claim) = self.gold_of(side, from, at.claim) else {
                continue;
            };
            let speaker = match at.speaker {
                Some(s) => match self.agent(side, from, s) {
                    Some(s) => Some(s),
                    None => continue,
                },
                None => None,
            };
            // The cue comes along when it is in gold, now or once accepted later.
            let cue = at.cue.and_then(|c| self.gold_of(side, from, c));
            let current = self
                .annotations
                .attributions
                .iter()
                .find(|x| x.has_claim(claim));
            let wanted = match current {
                None => true,
                Some(x) => x.speaker == speaker && x.cue.is_none() && cue.is_some(),
            };
            if wanted {
                let id = self.annotations.attribute(claim, speaker, cue);
                for m in &at.more {
                    if let Some(g) = self.gold_of(side, from, *m) {
                        self.annotations.add_content(id, g);
                    }
                }
            } else if let Some(x) = current.filter(|x| x.speaker == speaker) {
                // A further content taken after its attribution joins it, unless gold
                // attributes it otherwise already.
                let id = x.id;
                for m in &at.more {
                    if let Some(g) = self.gold_of(side, from, *m)
                        && !self.annotations.attributions.iter().any(|x| x.has_claim(g))
                    {
                        self.annotations.add_content(id, g);
                    }
                }
            }
        }
        for s in &from.sourcings {
            let claim = self.gold_of(side, from, s.claim);
            if let (Some(claim), Some(source)) = (claim, self.agent(side, from, s.source)) {
                self.annotations.add_sourcing(claim, source, s.specificity);
            }
        }
        for s in &from.stances {
            let target = match &s.target {
                Target::Mention(m) => self.gold_of(side, from, *m).map(Target::Mention),
                Target::Entity(e) => self.entity(from, *e).map(Target::Entity),
                Target::Text(t) => Some(Target::Text(t.clone())),
            };
            if let (Some(holder), Some(target)) = (self.agent(side, from, s.holder), target) {
                let exists = self
                    .annotations
                    .stances
                    .iter()
                    .any(|x| x.holder == holder && x.target == target);
                if !exists {
                    self.annotations.add_stance(holder, target, &s.polarity);
                }
            }
        }
    }

    /// Removes what was accepted from `side` for mention `id`, with its links.
    pub fn reject(&mut self, side: Side, id: MentionId) {
        if let Some(g) = self.taken.remove(&(side, id)) {
            self.annotations.remove_mention(g);
            // The other side's identical mention was this one too.
            self.taken.retain(|_, v| *v != g);
        }
    }
}
