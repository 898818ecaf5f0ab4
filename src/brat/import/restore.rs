//! What glossator's brat export kept in its manifest, put back: fragments split at line
//! breaks joined again, entities whole, arguments that stand for an entity, links and notes
//! brat cannot hold. An id the manifest names that the `.ann` no longer has is skipped and
//! counted.

use super::Converter;
use crate::brat::manifest::{self, LinkMeta, NoteOn, Ref};
use crate::model::{
    Agent, AnyId, Attribution, AttributionId, Entity, EntityId, MentionId, Note, NoteId, Sourcing,
    SourcingId, Span, Stance, StanceId, Target,
};

fn next<T>(list: &[T]) -> u32 {
    u32::try_from(list.len() + 1).unwrap_or(u32::MAX)
}

impl Converter<'_> {
    /// `spans` (one `T` line's fragments, in its order) joined back into groups of `sizes`.
    pub(super) fn regroup(&mut self, spans: Vec<Span>, sizes: &[usize]) -> Vec<Span> {
        if sizes.iter().sum::<usize>() != spans.len() || sizes.contains(&0) {
            self.report
                .skip("fragment groups of the manifest that do not fit their T line".into());
            return spans;
        }
        let mut out = Vec::with_capacity(sizes.len());
        let mut at = 0;
        for &n in sizes {
            let group = &spans[at..at + n];
            at += n;
            let start = group.iter().map(|s| s.start).min().unwrap_or_default();
            let end = group.iter().map(|s| s.end).max().unwrap_or_default();
            out.push(Span::new(start, end));
        }
        out
    }

    fn t(&mut self, id: &str, what: &str) -> Option<MentionId> {
        let m = self.mention_of.get(id).copied();
        if m.is_none() {
            self.report.skip(format!(
                "{what} of the manifest on ids the .ann does not have"
            ));
        }
        m
    }

    fn entity_at(&mut self, i: usize) -> Option<EntityId> {
        let e = self.entity_ids.get(i).copied();
        if e.is_none() {
            self.report
                .skip("manifest entries on entities it does not list".into());
        }
        e
    }

    pub(super) fn restore_entities(&mut self) {
        let Some(meta) = self.meta else { return };
        for (i, x) in meta.entities.iter().enumerate() {
            let e = EntityId(u32::try_from(i + 1).unwrap_or(u32::MAX));
            self.annotations.entities.push(Entity {
                id: e,
                kind: x.kind.clone(),
                name: x.name.clone(),
                kb: x.kb.clone(),
                named: x.named,
            });
            self.entity_ids.push(e);
            for t in &x.mentions {
                if let Some(m) = self.t(t, "entity mentions")
                    && let Some(mention) = self.mention_by_id(m)
                {
                    mention.entity = Some(e);
                }
            }
            *self.report.imported.entry("entities").or_default() += 1;
        }
    }

    /// Arguments that stand for an entity rather than the mention the line names.
    pub(super) fn restore_agents(&mut self) {
        let Some(meta) = self.meta else { return };
        for a in &meta.agents {
            let (Some(link), Some(e)) =
                (self.link_of.get(&a.line).copied(), self.entity_at(a.entity))
            else {
                self.report
                    .skip("entity arguments of the manifest on lines not imported".into());
                continue;
            };
            let who = Agent::Entity(e);
            let role = a.role.as_str();
            let done = match link {
                AnyId::Attribution(id) => self
                    .annotations
                    .attributions
                    .iter_mut()
                    .find(|x| x.id == id)
                    .filter(|_| role == "Source" || role == "Arg1")
                    .map(|x| x.speaker = Some(who)),
                AnyId::Sourcing(id) => self
                    .annotations
                    .sourcings
                    .iter_mut()
                    .find(|x| x.id == id)
                    .filter(|_| role == "Arg2")
                    .map(|x| x.source = who),
                AnyId::Stance(id) => self
                    .annotations
                    .stances
                    .iter_mut()
                    .find(|x| x.id == id)
                    .and_then(|x| match role {
                        "Arg1" => {
                            x.holder = who;
                            Some(())
                        }
                        "Arg2" => {
                            x.target = Target::Entity(e);
                            Some(())
                        }
                        _ => None,
                    }),
                AnyId::Mention(_) | AnyId::Entity(_) => None,
            };
            if done.is_none() {
                self.report
                    .skip(format!("entity arguments of the manifest with role {role}"));
            }
        }
    }

    fn agent(&mut self, r: &Ref) -> Option<Agent> {
        match r {
            Ref::T(t) => self.t(t, "links").map(Agent::Mention),
            Ref::Entity(i) => self.entity_at(*i).map(Agent::Entity),
            Ref::Text(_) => {
                self.report
                    .skip("links of the manifest with free text as speaker or source".into());
                None
            }
        }
    }

    fn restore_link(&mut self, link: &LinkMeta) -> Option<AnyId> {
        match link {
            LinkMeta::Attribution {
                claim,
                more,
                speaker,
                cue,
            } => {
                let claim = self.t(claim, "links")?;
                let more = more
                    .iter()
                    .map(|t| self.t(t, "links"))
                    .collect::<Option<Vec<_>>>()?;
                let speaker = match speaker {
                    Some(s) => Some(self.agent(s)?),
                    None => None,
                };
                let cue = match cue {
                    Some(c) => Some(self.t(c, "links")?),
                    None => None,
                };
                let id = AttributionId(next(&self.annotations.attributions));
                self.annotations.attributions.push(Attribution {
                    id,
                    claim,
                    more,
                    speaker,
                    cue,
                });
                *self.report.imported.entry("attributions").or_default() += 1;
                Some(AnyId::Attribution(id))
            }
            LinkMeta::Sourcing {
                claim,
                source,
                specificity,
            } => {
                let claim = self.t(claim, "links")?;
                let source = self.agent(source)?;
                let specificity = specificity.as_deref().and_then(manifest::specificity_of);
                let id = SourcingId(next(&self.annotations.sourcings));
                self.annotations.sourcings.push(Sourcing {
                    id,
                    claim,
                    source,
                    specificity,
                });
                *self.report.imported.entry("sourcings").or_default() += 1;
                Some(AnyId::Sourcing(id))
            }
            LinkMeta::Stance {
                holder,
                target,
                polarity,
            } => {
                let holder = self.agent(holder)?;
                let target = match target {
                    Ref::T(t) => Target::Mention(self.t(t, "links")?),
                    Ref::Entity(i) => Target::Entity(self.entity_at(*i)?),
                    Ref::Text(s) => Target::Text(s.clone()),
                };
                let id = StanceId(next(&self.annotations.stances));
                self.annotations.stances.push(Stance {
                    id,
                    holder,
                    target,
                    polarity: polarity.clone(),
                });
                *self.report.imported.entry("stances").or_default() += 1;
                Some(AnyId::Stance(id))
            }
        }
    }

    /// Links brat cannot draw: to an entity with no mention, or to a free-text target.
    pub(super) fn restore_links(&mut self) {
        let Some(meta) = self.meta else { return };
        for link in &meta.links {
            let id = self.restore_link(link);
            self.meta_links.push(id);
        }
    }

    /// Notes brat cannot hold: on the article, an entity, or a link of the manifest.
    pub(super) fn restore_notes(&mut self) {
        let Some(meta) = self.meta else { return };
        for n in &meta.notes {
            let on = match &n.on {
                None => Some(None),
                Some(NoteOn::Entity(i)) => self.entity_at(*i).map(|e| Some(AnyId::Entity(e))),
                Some(NoteOn::Link(i)) => self.meta_links.get(*i).copied().flatten().map(Some),
                Some(NoteOn::Line(l)) => self
                    .mention_of
                    .get(l)
                    .map(|m| AnyId::Mention(*m))
                    .or_else(|| self.link_of.get(l).copied())
                    .map(Some),
            };
            let Some(on) = on else {
                self.report
                    .skip("notes of the manifest on annotations not imported".into());
                continue;
            };
            let id = NoteId(next(&self.annotations.notes));
            self.annotations.notes.push(Note {
                id,
                on,
                text: n.text.clone(),
            });
            *self.report.imported.entry("notes").or_default() += 1;
        }
    }
}
