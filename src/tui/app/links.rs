//! Linking from the keyboard: attach a speaker or source to an entity, attribute a claim
//! (speaker or "no speaker", then cue; or join it to a nearby attribution as its further
//! content), link a claim to its source, record a stance (holder or target,
//! then polarity), merge entities. Each step is a picker whose first entry is the likely
//! answer (the nearest speaker, the entity whose name matches), so Enter alone often does.
//! Nothing changes until the last step; then the whole link is one undo step.

use crossterm::event::KeyEvent;

use super::App;
use crate::model::{Agent, EntityId, MentionId, Span, Specificity, Target};
use crate::tui::describe::{clip, mention_text, sanitize_line};
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;
use crate::tui::picker::{Choice, Outcome, Pick, Picker};

/// The speaker picker's entry for an attribution that names no one.
pub const NO_SPEAKER_CHOICE: &str = "(no speaker: passive / reported)";

/// The step a picker is for, with what the earlier steps chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flow {
    EntityFor(MentionId),
    KindFor {
        mention: MentionId,
        name: String,
    },
    SpeakerFor(MentionId),
    CueFor {
        claim: MentionId,
        /// `None`: no one named ("it was reported that").
        speaker: Option<Agent>,
    },
    SourceFor(MentionId),
    SpecificityFor {
        claim: MentionId,
        source: Agent,
    },
    HolderFor(Target),
    TargetFor(Agent),
    PolarityFor {
        holder: Agent,
        target: Target,
    },
    MergeInto(EntityId),
    /// The article's status.
    Status,
    /// A value for a choice field of the open detail form.
    FieldValue(crate::tui::form::Field),
}

#[derive(Debug, Clone)]
pub struct Picking {
    pub picker: Picker,
    pub flow: Flow,
    /// Where focus goes back to.
    pub back: Mode,
    /// The mention whose labelling opened this list (an entity for a new Speaker):
    /// cancelling takes that label back.
    pub undoes: Option<MentionId>,
}

/// Bytes between two extents; 0 when they overlap.
pub(super) fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

use super::rank::{likely_kind, name_score};

impl App {
    fn labelled(&self, id: Option<MentionId>, allowed: &[String]) -> Option<MentionId> {
        id.filter(|m| {
            self.doc
                .annotations()
                .mention(*m)
                .is_some_and(|m| allowed.contains(&m.label))
        })
    }

    pub(super) fn open_picker(&mut self, picker: Picker, flow: Flow) {
        let back = match self.mode {
            Mode::Picker => self
                .overlays
                .picking
                .as_ref()
                .map_or(Mode::Reading, |p| p.back),
            Mode::Form | Mode::Help | Mode::Search => Mode::Reading,
            other => other,
        };
        self.overlays.picking = Some(Picking {
            picker,
            flow,
            back,
            undoes: None,
        });
        self.mode = Mode::Picker;
    }

    fn close_picker(&mut self) {
        if let Some(p) = self.overlays.picking.take() {
            self.mode = p.back;
        }
    }

    /// Refuses the command: says what it needs.
    fn need(&mut self, what: &str) -> Vec<Effect> {
        self.refuse(what);
        Vec::new()
    }

    /// Links a Speaker or Source mention to an entity: the entities whose names match the
    /// mention come first, then a new entity named after it.
    pub(super) fn start_entity(&mut self, on: Option<MentionId>) -> Vec<Effect> {
        let entity_labels: Vec<String> = self
            .schema
            .labels
            .iter()
            .filter(|l| l.entity)
            .map(|l| l.name.clone())
            .collect();
        let Some(id) = self.labelled(on, &entity_labels) else {
            return self.need(&format!(
                "put the cursor on a mention labelled {} to link it to an entity",
                entity_labels.join(" or ")
            ));
        };
        let choices = self.entity_picker_choices(id);
        self.open_picker(
            Picker::new(format!("Entity of {id} (or type a new name)"), choices)
                .with_free_text("+ new entity"),
            Flow::EntityFor(id),
        );
        Vec::new()
    }

    /// Attributes the claim under the cursor: speaker first, nearest preselected.
    pub(super) fn start_attribution(&mut self, on: Option<MentionId>) -> Vec<Effect> {
        let rule = self.schema.links.attribution.clone();
        let Some(claim) = self.labelled(on, &rule.claim) else {
            return self.need("put the cursor on a claim to attribute it");
        };
        let mut choices = self.agent_choices(claim, &rule.speaker, self.speaker_of(claim));
        // "It was reported that …" names no one: a choice of its own, first when that is
        // what the claim has now.
        let none = Choice::new(
            NO_SPEAKER_CHOICE,
            "attributed to no one named",
            Pick::Nothing,
        );
        let speakerless = self
            .doc
            .annotations()
            .attributions
            .iter()
            .any(|a| a.has_claim(claim) && a.speaker.is_none());
        // First too when the claim's paragraph has a source but no speaker: "Recent reports
        // have revealed that ..." rests on a source, not on someone who speaks.
        let para = self
            .mention(claim)
            .map(|m| self.doc.article().paragraph_at(m.extent().start));
        let here = |labels: &[String]| {
            self.doc.annotations().mentions.iter().any(|m| {
                labels.contains(&m.label)
                    && Some(self.doc.article().paragraph_at(m.extent().start)) == para
            })
        };
        let source_only = !here(&rule.speaker) && here(&self.schema.links.sourcing.source);
        if speakerless || source_only || self.reported_by_a_source(claim) {
            choices.insert(0, none);
        } else {
            choices.push(none);
        }
        // An unattributed claim may be the second content of an attribution nearby.
        if !self
            .doc
            .annotations()
            .attributions
            .iter()
            .any(|a| a.has_claim(claim))
        {
            choices.extend(self.joinable_attributions(claim));
        }
        self.open_picker(
            Picker::new(format!("Who said {claim}?"), choices),
            Flow::SpeakerFor(claim),
        );
        Vec::new()
    }

    pub(super) fn start_sourcing(&mut self, on: Option<MentionId>) -> Vec<Effect> {
        let rule = self.schema.links.sourcing.clone();
        let Some(claim) = self.labelled(on, &rule.claim) else {
            return self.need("put the cursor on a claim to give its source");
        };
        let choices = self.agent_choices(claim, &rule.source, None);
        if choices.is_empty() {
            return self.need("label a source first (its key is in the legend), then link it");
        }
        self.open_picker(
            Picker::new(format!("On whose authority is {claim}?"), choices),
            Flow::SourceFor(claim),
        );
        Vec::new()
    }

    /// A stance from the mention under the cursor: a holder asks for the target, a
    /// claim or target asks for the holder (its speaker first).
    pub(super) fn start_stance(&mut self, on: Option<MentionId>) -> Vec<Effect> {
        let rule = self.schema.links.stance.clone();
        if let Some(holder) = self.labelled(on, &rule.holder) {
            let mut choices: Vec<Choice> = self
                .nearest(holder, &rule.target)
                .into_iter()
                .map(|m| self.mention_choice(holder, m, Pick::Target(Target::Mention(m))))
                .collect();
            choices.extend(self.entity_choices(|e| Pick::Target(Target::Entity(e))));
            let picker = Picker::new(
                format!("Stance of {holder} towards? (or type a topic)"),
                choices,
            )
            .with_free_text("topic");
            self.open_picker(picker, Flow::TargetFor(Agent::Mention(holder)));
            return Vec::new();
        }
        let Some(target) = self.labelled(on, &rule.target) else {
            return self
                .need("put the cursor on a speaker (the holder) or on a claim (the target)");
        };
        let choices = self.holder_choices(target, &rule.holder);
        if choices.is_empty() {
            return self.need("label the holder (a speaker or source) first");
        }
        self.open_picker(
            Picker::new(format!("Whose stance towards {target}?"), choices),
            Flow::HolderFor(Target::Mention(target)),
        );
        Vec::new()
    }

    /// Merges the highlighted entity into one picked from the others.
    pub(super) fn start_merge(&mut self, gone: EntityId) -> Vec<Effect> {
        let name = self
            .doc
            .annotations()
            .entity(gone)
            .map(|e| e.name.clone())
            .unwrap_or_default();
        let mut scored: Vec<(u8, Choice)> = self
            .entity_choices(Pick::Entity)
            .into_iter()
            .filter(|c| c.pick != Pick::Entity(gone))
            .map(|c| (name_score(&c.text, &name), c))
            .collect();
        scored.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
        if scored.is_empty() {
            return self.need("there is no other entity to merge with");
        }
        self.open_picker(
            Picker::new(
                format!(
                    "Merge '{}' into which entity?",
                    clip(&sanitize_line(&name), 30)
                ),
                scored.into_iter().map(|(_, c)| c).collect(),
            ),
            Flow::MergeInto(gone),
        );
        Vec::new()
    }

    pub(super) fn picker_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(picking) = self.overlays.picking.as_mut() else {
            self.mode = Mode::Reading;
            return Vec::new();
        };
        let bound = self
            .keymap
            .action(Mode::Picker, crate::tui::keymap::KeyCombo::from_event(key));
        let outcome = match bound {
            Some(action) => picking.picker.act(action),
            None => picking.picker.key(key),
        };
        match outcome {
            Outcome::Open => Vec::new(),
            Outcome::Cancelled => {
                let undoes = picking.undoes;
                self.close_picker();
                match undoes {
                    Some(m) => self.take_back_label(m),
                    None => self.message = Some("cancelled; nothing changed".into()),
                }
                Vec::new()
            }
            Outcome::Picked(pick) => {
                let flow = picking.flow.clone();
                let undoes = picking.undoes;
                self.close_picker();
                let depth = self.doc.undo_depth();
                let effects = self.picked(flow, pick);
                if let Some(p) = self.overlays.picking.as_mut() {
                    // The next step of the same flow (the new entity's kind) takes it back too.
                    p.undoes = undoes;
                } else if undoes.is_some() && self.doc.undo_depth() == depth + 1 {
                    // A new Speaker and its entity are one change: one undo takes back both.
                    self.doc.fold_last_step();
                }
                effects
            }
        }
    }

    /// `claim` joins attribution `id` as more of its content.
    fn join_attribution(
        &mut self,
        id: crate::model::AttributionId,
        claim: MentionId,
    ) -> Vec<Effect> {
        let schema = &self.schema;
        let joined = self.doc.edit_with_text(|a, text| {
            let joined = a.add_content(id, claim);
            if joined {
                // A claim from an older file or an import gets its quote type once
                // attributed.
                a.fill_quote_type(claim, text, schema);
            }
            joined
        });
        if !joined {
            self.refuse(format!("{claim} cannot join {id}"));
            return Vec::new();
        }
        let line = self.describe().line(crate::model::AnyId::Attribution(id));
        self.commit(format!("{id}: {line}"))
    }

    /// The name of the entity `mention` stands for now, before a relink moves it.
    fn entity_name_of(&self, mention: MentionId) -> Option<String> {
        let a = self.doc.annotations();
        let id = a.mention(mention)?.entity?;
        a.entity(id).map(|e| e.name.clone())
    }

    /// The next step of a flow, or its end.
    fn picked(&mut self, flow: Flow, pick: Pick) -> Vec<Effect> {
        match (flow, pick) {
            (Flow::EntityFor(mention), Pick::Entity(e)) => {
                let was = self.entity_name_of(mention);
                let left = self.doc.edit(|a| relink(a, mention, e));
                let name = self.describe().agent(Agent::Entity(e));
                let left = left_empty(was.as_deref(), left);
                self.commit(format!("{mention} is {name}{left}"))
            }
            (Flow::EntityFor(mention), Pick::NewEntity(name) | Pick::Typed(name)) => {
                self.pick_kind(mention, name)
            }
            (Flow::KindFor { mention, name }, Pick::Value(kind)) => {
                let named = crate::text::is_named(&name);
                let was = self.entity_name_of(mention);
                let (e, left) = self.doc.edit(|a| {
                    let e = a.add_entity(&kind, &name, named);
                    (e, relink(a, mention, e))
                });
                let left = left_empty(was.as_deref(), left);
                self.commit(format!("{mention} is the new {kind} {e} '{name}'{left}"))
            }
            (Flow::SpeakerFor(claim), Pick::Agent(speaker)) => self.pick_cue(claim, Some(speaker)),
            (Flow::SpeakerFor(claim), Pick::Nothing) => self.pick_cue(claim, None),
            (Flow::SpeakerFor(claim), Pick::Attribution(id)) => self.join_attribution(id, claim),
            (Flow::CueFor { claim, speaker }, pick) => {
                let cue = match pick {
                    Pick::Mention(c) => Some(c),
                    _ => None,
                };
                let schema = &self.schema;
                let id = self.doc.edit_with_text(|a, text| {
                    let id = a.attribute(claim, speaker, cue);
                    a.fill_quote_type(claim, text, schema);
                    id
                });
                let line = self.describe().line(crate::model::AnyId::Attribution(id));
                self.commit(format!("{id}: {line}"))
            }
            (Flow::SourceFor(claim), Pick::Agent(source)) => self.pick_specificity(claim, source),
            (Flow::SpecificityFor { claim, source }, Pick::Specificity(specificity)) => {
                let id = self
                    .doc
                    .edit(|a| a.add_sourcing(claim, source, specificity));
                let line = self.describe().line(crate::model::AnyId::Sourcing(id));
                self.commit(format!("{id}: {line}"))
            }
            (Flow::HolderFor(target), Pick::Agent(holder))
            | (Flow::TargetFor(holder), Pick::Target(target)) => self.pick_polarity(holder, target),
            (Flow::TargetFor(holder), Pick::Typed(topic)) => {
                self.pick_polarity(holder, Target::Text(topic))
            }
            (Flow::PolarityFor { holder, target }, Pick::Value(polarity)) => {
                self.overlays.last_polarity = Some(polarity.clone());
                let id = self.doc.edit(|a| a.add_stance(holder, target, &polarity));
                let line = self.describe().line(crate::model::AnyId::Stance(id));
                self.commit(format!("{id}: {line}"))
            }
            (Flow::MergeInto(gone), Pick::Entity(keep)) => {
                if let Some(why) = self.merge_makes_self_stance(keep, gone) {
                    self.refuse(why);
                    return Vec::new();
                }
                self.doc.edit(|a| a.merge_entities(keep, gone));
                if let Some(i) = self
                    .doc
                    .annotations()
                    .entities
                    .iter()
                    .position(|e| e.id == keep)
                {
                    self.panes.entity_index = i;
                }
                let name = self.describe().agent(Agent::Entity(keep));
                self.commit(format!("{gone} merged into {keep} {name}"))
            }
            (Flow::Status, Pick::Value(status)) => self.set_status(&status),
            (Flow::FieldValue(field), pick) => {
                self.set_choice(&field, pick);
                Vec::new()
            }
            (flow, pick) => {
                self.refuse(format!("cannot use {pick:?} for {flow:?}"));
                Vec::new()
            }
        }
    }
    /// Why merging `gone` into `keep` would leave a stance held toward its own holder
    /// ("X --oppose--> X"), if it would.
    fn merge_makes_self_stance(&self, keep: EntityId, gone: EntityId) -> Option<String> {
        let merged = |e: Option<EntityId>| e.map(|e| if e == gone { keep } else { e });
        let of_mention = |m: MentionId| self.mention(m).and_then(|m| m.entity);
        let holder = |a: Agent| match a {
            Agent::Entity(e) => Some(e),
            Agent::Mention(m) => of_mention(m),
        };
        let target = |t: &Target| match t {
            Target::Entity(e) => Some(*e),
            Target::Mention(m) => of_mention(*m),
            Target::Text(_) => None,
        };
        let s = self.doc.annotations().stances.iter().find(|s| {
            let (h, t) = (holder(s.holder), target(&s.target));
            let after = merged(h).is_some() && merged(h) == merged(t);
            let already = h.is_some() && h == t;
            after && !already
        })?;
        let name = self.describe().agent(Agent::Entity(keep));
        Some(format!(
            "{gone} cannot be merged into {keep}: stance {} would be held by {name} towards {name} itself; \
             delete it first (x on its row in the annotation pane), then merge",
            s.id
        ))
    }

    fn pick_kind(&mut self, mention: MentionId, name: String) -> Vec<Effect> {
        let label = self
            .doc
            .annotations()
            .mention(mention)
            .map(|m| m.label.clone())
            .unwrap_or_default();
        let mut kinds = self.schema.entity_kinds.clone();
        let words = self
            .mention(mention)
            .map(|m| mention_text(&self.doc.article().text, m))
            .unwrap_or_default();
        let likely = likely_kind(&label, &words, &name);
        if let Some(i) = kinds.iter().position(|k| k == likely) {
            let k = kinds.remove(i);
            kinds.insert(0, k);
        }
        let choices = kinds
            .into_iter()
            .map(|k| Choice::new(k.clone(), "", Pick::Value(k)))
            .collect();
        self.open_picker(
            Picker::new(format!("Kind of '{}'", clip(&name, 40)), choices),
            Flow::KindFor { mention, name },
        );
        Vec::new()
    }

    fn pick_cue(&mut self, claim: MentionId, speaker: Option<Agent>) -> Vec<Effect> {
        let cues = self.nearest(claim, &self.schema.links.attribution.cue.clone());
        let mut choices: Vec<Choice> = cues
            .iter()
            .map(|c| self.mention_choice(claim, *c, Pick::Mention(*c)))
            .collect();
        let near = cues
            .first()
            .is_some_and(|c| self.whereabouts(claim, *c) == "same paragraph");
        let none = Choice::new("(no cue)", "", Pick::Nothing);
        if near {
            choices.insert(1, none);
        } else {
            choices.insert(0, none);
        }
        self.open_picker(
            Picker::new(format!("Cue of {claim}?"), choices),
            Flow::CueFor { claim, speaker },
        );
        Vec::new()
    }

    fn pick_specificity(&mut self, claim: MentionId, source: Agent) -> Vec<Effect> {
        let entity = match source {
            Agent::Entity(e) => self.doc.annotations().entity(e),
            Agent::Mention(m) => self
                .doc
                .annotations()
                .mention(m)
                .and_then(|m| m.entity)
                .and_then(|e| self.doc.annotations().entity(e)),
        };
        let named = entity.map(|e| e.named);
        // Unnamed media ("western media reports") are vague; other unnamed sources unnamed.
        let vague = entity.is_some_and(|e| !e.named && e.kind == "Media");
        let mut choices = vec![
            Choice::new(
                "named",
                "a named person or body",
                Pick::Specificity(Some(Specificity::Named)),
            ),
            Choice::new(
                "unnamed",
                "'officials', 'a source close to'",
                Pick::Specificity(Some(Specificity::Unnamed)),
            ),
            Choice::new(
                "vague",
                "'reports', 'media'",
                Pick::Specificity(Some(Specificity::Vague)),
            ),
            Choice::new("(not set)", "", Pick::Specificity(None)),
        ];
        if vague {
            choices.swap(0, 2);
        } else if named == Some(false) {
            choices.swap(0, 1);
        }
        self.open_picker(
            Picker::new(format!("How specific is the source of {claim}?"), choices),
            Flow::SpecificityFor { claim, source },
        );
        Vec::new()
    }
    fn pick_polarity(&mut self, holder: Agent, target: Target) -> Vec<Effect> {
        let mut choices: Vec<Choice> = self
            .schema
            .polarities
            .iter()
            .map(|p| Choice::new(p.clone(), "", Pick::Value(p.clone())))
            .collect();
        // The polarity given last comes first: a run of denials is Enter each time.
        if let Some(last) = &self.overlays.last_polarity
            && let Some(i) = choices.iter().position(|c| &c.text == last)
        {
            let c = choices.remove(i);
            choices.insert(0, Choice::new(c.text, "as the last stance", c.pick));
        }
        let title = format!(
            "{} --?--> {}",
            self.describe().agent(holder),
            clip(&self.describe().target(&target), 30)
        );
        self.open_picker(
            Picker::new(title, choices),
            Flow::PolarityFor { holder, target },
        );
        Vec::new()
    }
}

/// What became of the entity a relink left with no mention, as the end of the message
/// ("; e2 'Critics' had no mention left and was removed").
fn left_empty(was: Option<&str>, left: Option<Left>) -> String {
    let Some(left) = left else {
        return String::new();
    };
    let (id, gone) = match left {
        Left::Removed(id) => (id, true),
        Left::Named(id) => (id, false),
    };
    let name = was
        .map(|name| clip(&sanitize_line(name), 30))
        .unwrap_or_default();
    if gone {
        format!("; {id} '{name}' had no mention left and was removed")
    } else {
        format!("; {id} '{name}' has no mention left but a link or note still names it")
    }
}

/// An entity a relink left with no mention.
enum Left {
    /// Nothing named it any more: it went.
    Removed(EntityId),
    /// A link or note still names it: it stays.
    Named(EntityId),
}

/// Links `mention` to `to`. The entity it leaves, when no mention is left to it and no
/// link or note names it (as when a suggestion made it for this one mention), is removed
/// rather than kept with no mention; one still named is kept, and said.
fn relink(a: &mut crate::model::Annotations, mention: MentionId, to: EntityId) -> Option<Left> {
    let m = a.mention_mut(mention)?;
    let old = m.entity.replace(to).filter(|o| *o != to)?;
    if a.mentions.iter().any(|m| m.entity == Some(old)) {
        return None;
    }
    let agent = Agent::Entity(old);
    let named = a.attributions.iter().any(|x| x.speaker == Some(agent))
        || a.sourcings.iter().any(|x| x.source == agent)
        || a.stances
            .iter()
            .any(|x| x.holder == agent || x.target == Target::Entity(old))
        || a.notes
            .iter()
            .any(|n| n.on == Some(crate::model::AnyId::Entity(old)));
    if named {
        return Some(Left::Named(old));
    }
    a.remove(crate::model::AnyId::Entity(old));
    Some(Left::Removed(old))
}
