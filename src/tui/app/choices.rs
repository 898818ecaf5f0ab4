//! The choices a linking picker offers, in the order it offers them: the mentions nearest
//! the one being linked, the entities, the attributions a claim can join, and whether a
//! claim reads as a source's report said by no one named.

use super::App;
use super::links::gap;
use crate::model::{Agent, AnyId, EntityId, Mention, MentionId};
use crate::tui::describe::{clip, mention_text, sanitize_line};
use crate::tui::picker::{Choice, Pick};

impl App {
    /// Where `other` is, seen from `from`: "same paragraph", "2 ¶ before".
    pub(super) fn whereabouts(&self, from: MentionId, other: MentionId) -> String {
        let para = |id| {
            self.mention(id)
                .map_or(0, |m| self.doc.article().paragraph_at(m.extent().start))
        };
        let (a, b) = (para(from), para(other));
        match b.cmp(&a) {
            std::cmp::Ordering::Equal => "same paragraph".into(),
            std::cmp::Ordering::Less => format!("{} ¶ before", a - b),
            std::cmp::Ordering::Greater => format!("{} ¶ after", b - a),
        }
    }

    /// Mentions with one of `labels`, nearest to `near` first.
    pub(super) fn nearest(&self, near: MentionId, labels: &[String]) -> Vec<MentionId> {
        let Some(from) = self.mention(near).map(Mention::extent) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, MentionId)> = self
            .doc
            .annotations()
            .mentions
            .iter()
            .filter(|m| m.id != near && labels.contains(&m.label))
            .map(|m| (gap(from, m.extent()), m.id))
            .collect();
        found.sort();
        found.into_iter().map(|(_, id)| id).collect()
    }

    pub(super) fn mention_choice(&self, from: MentionId, id: MentionId, pick: Pick) -> Choice {
        let d = self.describe();
        let m = self.mention(id);
        let words = m
            .map(|m| mention_text(&self.doc.article().text, m))
            .unwrap_or_default();
        let text = match m.and_then(|m| m.entity) {
            Some(_) => format!("{} ('{}')", d.agent(Agent::Mention(id)), clip(&words, 30)),
            None => format!("'{}'", clip(&words, 50)),
        };
        let label = m.map(|m| m.label.as_str()).unwrap_or_default();
        Choice::new(
            text,
            format!("{label} · {}", self.whereabouts(from, id)),
            pick,
        )
    }

    pub(super) fn entity_choices(&self, pick: impl Fn(EntityId) -> Pick) -> Vec<Choice> {
        self.doc
            .annotations()
            .entities
            .iter()
            .map(|e| {
                let n = self.doc.index().count(e.id);
                Choice::new(
                    sanitize_line(&e.name),
                    format!("entity · {} · {n} mention(s)", e.kind),
                    pick(e.id),
                )
            })
            .collect()
    }

    /// Who a claim is attributed to, if anyone.
    pub(super) fn speaker_of(&self, claim: MentionId) -> Option<Agent> {
        self.doc
            .annotations()
            .attributions
            .iter()
            .find(|a| a.has_claim(claim))
            .and_then(|a| a.speaker)
    }

    /// The attributions near `claim` (of other claims) it could be a further content of,
    /// nearest first: one cue introducing two stretches of text.
    pub(super) fn joinable_attributions(&self, claim: MentionId) -> Vec<Choice> {
        let Some(from) = self.mention(claim).map(Mention::extent) else {
            return Vec::new();
        };
        let mut near: Vec<(usize, crate::model::AttributionId, MentionId)> = self
            .doc
            .annotations()
            .attributions
            .iter()
            .filter(|a| !a.has_claim(claim))
            .filter_map(|a| {
                let m = self.mention(a.claim)?;
                let far = gap(from, m.extent());
                (self.whereabouts(claim, a.claim) == "same paragraph" || far < 400)
                    .then_some((far, a.id, a.claim))
            })
            .collect();
        near.sort();
        let d = self.describe();
        near.into_iter()
            .take(3)
            .map(|(_, id, first)| {
                Choice::new(
                    format!(
                        "+ content of {id}: {}",
                        clip(&d.line(AnyId::Attribution(id)), 50)
                    ),
                    format!("with {first} · {}", self.whereabouts(claim, first)),
                    Pick::Attribution(id),
                )
            })
            .collect()
    }

    /// Mentions with one of `labels`, nearest to `near` first, then every entity; `first`,
    /// when among them, goes to the top.
    pub(super) fn agent_choices(
        &self,
        near: MentionId,
        labels: &[String],
        first: Option<Agent>,
    ) -> Vec<Choice> {
        let mut choices: Vec<Choice> = self
            .nearest(near, labels)
            .into_iter()
            .map(|m| self.mention_choice(near, m, Pick::Agent(Agent::Mention(m))))
            .collect();
        choices.extend(self.entity_choices(|e| Pick::Agent(Agent::Entity(e))));
        if let Some(agent) = first
            && let Some(i) = choices.iter().position(|c| c.pick == Pick::Agent(agent))
        {
            let c = choices.remove(i);
            choices.insert(0, c);
        }
        choices
    }

    /// Whether a Source mention stands just before the claim, a few words and no Speaker
    /// between ("western media reports alleging that ...", "US defense officials as saying
    /// that ..."): the claim is the source's report, said by no one named.
    pub(super) fn reported_by_a_source(&self, claim: MentionId) -> bool {
        let Some(start) = self.mention(claim).map(|m| m.extent().start) else {
            return false;
        };
        let sources = &self.schema.links.sourcing.source;
        let speakers = &self.schema.links.attribution.speaker;
        let Some(end) = self
            .doc
            .annotations()
            .mentions
            .iter()
            .filter(|m| sources.contains(&m.label) && m.extent().end <= start)
            .map(|m| m.extent().end)
            .max()
        else {
            return false;
        };
        let gap = &self.doc.article().text[end..start];
        gap.split_whitespace().count() <= 3
            && !gap.contains('\n')
            && !self
                .doc
                .annotations()
                .mentions
                .iter()
                .any(|m| speakers.contains(&m.label) && (end..start).contains(&m.extent().start))
    }
}
