//! One `.ann` turned into annotations: the converter keeps what each brat id became, so that
//! relations, events, attributes, Equiv groups and notes find their mentions and links.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::FileReport;
use crate::brat::manifest::{self, DocMeta, type_name};
use crate::brat::mapping::Mapping;
use crate::diagnostic::Diagnostic;
use crate::model::{
    Agent, Annotations, AnyId, Attribution, AttributionId, EntityId, MentionId, Note, NoteId,
    Sourcing, SourcingId, Span, Stance, StanceId, Target,
};
use crate::schema::Schema;
use crate::text::Article;
use crate::text::{RawOffsets, one_line};

/// Union-find over brat ids, for Equiv groups: the root of `x`, with the path to it
/// flattened. A loop, not recursion: one Equiv line of 60,000 ids is a chain that long.
pub(super) fn find(parent: &mut HashMap<String, String>, x: &str) -> String {
    let mut root = x.to_owned();
    while let Some(p) = parent.get(&root).filter(|p| **p != root) {
        root.clone_from(p);
    }
    let mut at = x.to_owned();
    while at != root {
        let Some(next) = parent.insert(at, root.clone()) else {
            break;
        };
        at = next;
    }
    root
}

/// The speaker argument of an attribution line.
#[derive(Debug, Clone, Copy)]
pub(super) enum SpeakerArg {
    /// The line names none: "it was reported that".
    Absent,
    /// It names one whose span was not imported.
    NotImported,
    Imported(MentionId),
}

pub(super) struct Converter<'a> {
    pub(super) ann_path: &'a Path,
    pub(super) source: &'a str,
    pub(super) article: &'a Article,
    pub(super) raw: RawOffsets,
    pub(super) mapping: &'a Mapping,
    pub(super) schema: &'a Schema,
    pub(super) annotations: Annotations,
    pub(super) report: FileReport,
    pub(super) mention_of: HashMap<String, MentionId>,
    pub(super) link_of: HashMap<String, AnyId>,
    /// The next mention id: mentions are only added, from 1 up, so mention `m` sits at
    /// index `m - 1` until the list is sorted at the end.
    pub(super) next_mention: u32,
    /// What glossator's export kept beside the `.ann`, when it was one.
    pub(super) meta: Option<&'a DocMeta>,
    /// The entities of `meta`, by their place there.
    pub(super) entity_ids: Vec<EntityId>,
    /// The links of `meta`, by their place there, when they were imported.
    pub(super) meta_links: Vec<Option<AnyId>>,
    /// Flag spans (`Discard`, `Discuss`): the type, the extent and the text.
    pub(super) flags: Vec<(String, Span, String)>,
}

impl Converter<'_> {
    pub(super) fn error(&self, line: usize, message: String, hint: &str) -> anyhow::Error {
        Diagnostic::new(self.ann_path, message, hint)
            .at(self.source, line, 1)
            .into()
    }

    pub(super) fn text_bound(
        &mut self,
        line: usize,
        id: &str,
        kind: &str,
        fragments: &[(usize, usize)],
        text: &str,
    ) -> anyhow::Result<()> {
        let flag = self.mapping.flags.iter().any(|f| f == kind);
        let label = self.mapping.labels.get(kind).cloned();
        let Some(label) = label.or_else(|| flag.then(String::new)) else {
            if !self.mapping.attribution.is_event(kind) {
                self.report
                    .skip(format!("T lines of type {kind} (not in the mapping)"));
            }
            return Ok(());
        };
        let mut spans = Vec::new();
        for &(s, e) in fragments {
            let (Some(start), Some(end)) = (
                self.raw.byte(self.article, s),
                self.raw.byte(self.article, e),
            ) else {
                return Err(self.error(
                    line,
                    format!("{id} reaches past the end of the text ({s}..{e})"),
                    "the .txt is not the text this .ann was made on",
                ));
            };
            spans.push(Span::new(start, end));
        }
        let covered: Vec<&str> = spans
            .iter()
            .map(|s| &self.article.text[s.start..s.end])
            .collect();
        if one_line(&covered.join(" ")) != one_line(text) {
            return Err(self.error(
                line,
                format!(
                    "{id} covers {:?} in the text, but the line says {:?}",
                    covered.join(" "),
                    text
                ),
                "the .txt is not the text this .ann was made on; use the matching .txt",
            ));
        }
        if let Some(groups) = self.meta.and_then(|m| m.fragments.get(id)) {
            spans = self.regroup(spans, groups);
        }
        spans.retain(|s| !s.is_empty());
        spans.sort();
        if spans.is_empty() {
            self.report.skip("empty spans".into());
            return Ok(());
        }
        if flag {
            let extent = Span::new(
                spans[0].start,
                spans.iter().map(|s| s.end).max().unwrap_or(0),
            );
            self.flags.push((kind.to_owned(), extent, one_line(text)));
            return Ok(());
        }
        // Overlapping fragments are joined; touching ones stay apart, as written.
        let mut fragments: Vec<Span> = Vec::with_capacity(spans.len());
        for s in spans {
            match fragments.last_mut() {
                Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                _ => fragments.push(s),
            }
        }
        let m = MentionId(self.next_mention);
        self.next_mention += 1;
        self.annotations.mentions.push(
            crate::model::Mention {
                id: m,
                label,
                fragments,
                entity: None,
                attrs: BTreeMap::new(),
            }
            .into(),
        );
        self.mention_of.insert(id.to_owned(), m);
        *self.report.imported.entry("mentions").or_default() += 1;
        Ok(())
    }

    pub(super) fn mention(&self, id: Option<&String>) -> Option<MentionId> {
        id.and_then(|i| self.mention_of.get(i).copied())
    }

    /// Mention `m`, found by its place rather than by a search.
    pub(super) fn mention_ref(&self, m: MentionId) -> Option<&crate::model::Mention> {
        let i = usize::try_from(m.0).ok()?.checked_sub(1)?;
        self.annotations
            .mentions
            .get(i)
            .filter(|x| x.id == m)
            .map(|x| &**x)
    }

    pub(super) fn mention_by_id(&mut self, m: MentionId) -> Option<&mut crate::model::Mention> {
        let i = usize::try_from(m.0).ok()?.checked_sub(1)?;
        self.annotations
            .mentions
            .get_mut(i)
            .filter(|x| x.id == m)
            .map(|x| &mut **x)
    }

    pub(super) fn role<'b>(args: &'b [(String, String)], role: &str) -> Option<&'b String> {
        args.iter().find(|(r, _)| r == role).map(|(_, id)| id)
    }

    /// An attribution of `claims` (in order; the ones whose span was not imported are
    /// `None`) to `speaker`.
    pub(super) fn attribution(
        &mut self,
        id: &str,
        claims: &[Option<MentionId>],
        speaker: SpeakerArg,
        cue: Option<MentionId>,
    ) {
        let mut contents = claims.iter().flatten().copied();
        let Some(claim) = contents.next() else {
            self.report
                .skip("attributions without a content span that was imported".into());
            return;
        };
        let mut more: Vec<MentionId> = Vec::new();
        for m in contents {
            if m != claim && !more.contains(&m) {
                more.push(m);
            }
        }
        for _ in claims.iter().skip(1).filter(|c| c.is_none()) {
            self.report
                .skip("further contents whose span was not imported".into());
        }
        let speaker = match speaker {
            SpeakerArg::Imported(m) => Some(Agent::Mention(m)),
            SpeakerArg::NotImported => {
                self.report
                    .skip("attributions without a source span that was imported".into());
                return;
            }
            SpeakerArg::Absent => None,
        };
        let next = AttributionId(
            u32::try_from(self.annotations.attributions.len() + 1).unwrap_or(u32::MAX),
        );
        self.annotations.attributions.push(Attribution {
            id: next,
            claim,
            more,
            speaker,
            cue,
        });
        self.link_of.insert(id.to_owned(), AnyId::Attribution(next));
        *self.report.imported.entry("attributions").or_default() += 1;
    }

    pub(super) fn event(&mut self, id: &str, kind: &str, args: &[(String, String)]) {
        let roles = self.mapping.attribution.clone();
        if !roles.is_event(kind) {
            self.report.skip(format!("events of type {kind}"));
            return;
        }
        let mut numbered: Vec<(u32, &String)> = args
            .iter()
            .filter_map(|(r, t)| roles.content_number(r).map(|n| (n, t)))
            .collect();
        numbered.sort_by_key(|(n, _)| *n);
        let claims: Vec<Option<MentionId>> = numbered
            .into_iter()
            .map(|(_, t)| self.mention(Some(t)))
            .collect();
        let speaker = match Self::role(args, &roles.speaker) {
            None => SpeakerArg::Absent,
            Some(t) => self
                .mention(Some(t))
                .map_or(SpeakerArg::NotImported, SpeakerArg::Imported),
        };
        let cue = self.mention(Self::role(args, &roles.cue));
        self.attribution(id, &claims, speaker, cue);
    }

    pub(super) fn relation(&mut self, id: &str, kind: &str, args: &[(String, String)]) {
        let arg = |n: usize| args.get(n).map(|(_, id)| id);
        let (a1, a2) = (self.mention(arg(0)), self.mention(arg(1)));
        if kind == self.mapping.attribution.event {
            let speaker = a1.map_or(SpeakerArg::NotImported, SpeakerArg::Imported);
            self.attribution(id, &[a2], speaker, None);
            return;
        }
        if let Some(rest) = kind.strip_prefix("Sourcing") {
            let Some(specificity) = manifest::sourcing_specificity(rest) else {
                self.report.skip(format!("relations of type {kind}"));
                return;
            };
            let (Some(claim), Some(source)) = (a1, a2) else {
                self.report
                    .skip("sourcings whose spans were not imported".into());
                return;
            };
            let next =
                SourcingId(u32::try_from(self.annotations.sourcings.len() + 1).unwrap_or(u32::MAX));
            self.annotations.sourcings.push(Sourcing {
                id: next,
                claim,
                source: Agent::Mention(source),
                specificity,
            });
            self.link_of.insert(id.to_owned(), AnyId::Sourcing(next));
            *self.report.imported.entry("sourcings").or_default() += 1;
            return;
        }
        if let Some(polarity) = kind.strip_prefix("Stance_").and_then(|p| {
            self.schema
                .polarities
                .iter()
                .find(|x| *x == p || type_name(x) == p)
                .cloned()
        }) {
            let (Some(holder), Some(target)) = (a1, a2) else {
                self.report
                    .skip("stances whose spans were not imported".into());
                return;
            };
            let next =
                StanceId(u32::try_from(self.annotations.stances.len() + 1).unwrap_or(u32::MAX));
            self.annotations.stances.push(Stance {
                id: next,
                holder: Agent::Mention(holder),
                target: Target::Mention(target),
                polarity,
            });
            self.link_of.insert(id.to_owned(), AnyId::Stance(next));
            *self.report.imported.entry("stances").or_default() += 1;
            return;
        }
        self.report.skip(format!("relations of type {kind}"));
    }

    pub(super) fn attribute(&mut self, name: &str, target: &str, value: Option<&String>) {
        let Some(m) = self.mention_of.get(target).copied() else {
            self.report.skip(format!(
                "attributes {name} on annotations that were not imported"
            ));
            return;
        };
        let label = self
            .mention_ref(m)
            .map(|m| m.label.clone())
            .unwrap_or_default();
        let allowed =
            self.schema.attributes.iter().find(|a| {
                (a.name == name || type_name(&a.name) == name) && a.labels.contains(&label)
            });
        let known = allowed.zip(value).and_then(|(a, v)| {
            a.values
                .iter()
                .find(|x| *x == v || type_name(x) == *v)
                .map(|x| (a.name.clone(), x.clone()))
        });
        match known {
            Some((name, v)) => {
                if let Some(mention) = self.mention_by_id(m) {
                    mention.attrs.insert(name, v);
                }
                *self.report.imported.entry("attributes").or_default() += 1;
            }
            _ => self
                .report
                .skip(format!("attributes {name} the schema has no value for")),
        }
    }

    /// Entities from Equiv groups and references, for labels that take entities.
    pub(super) fn entities(&mut self, groups: &[Vec<String>], refs: &[(String, String, String)]) {
        let mut parent: HashMap<String, String> = HashMap::new();
        for g in groups {
            for pair in g.windows(2) {
                let (a, b) = (find(&mut parent, &pair[0]), find(&mut parent, &pair[1]));
                if a != b {
                    parent.insert(a, b);
                }
            }
        }
        let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut ids: Vec<String> = groups.iter().flatten().cloned().collect();
        ids.extend(refs.iter().map(|(t, _, _)| t.clone()));
        ids.sort();
        ids.dedup();
        for id in ids {
            let root = find(&mut parent, &id);
            members.entry(root).or_default().push(id);
        }
        let mut reference_of: HashMap<&str, &(String, String, String)> = HashMap::new();
        for r in refs {
            reference_of.entry(r.0.as_str()).or_insert(r);
        }
        // The converter adds every entity, from 1 up.
        let mut next_entity = 1;
        for ids in members.values() {
            let mentions: Vec<MentionId> = ids
                .iter()
                .filter_map(|i| self.mention_of.get(i).copied())
                .filter(|m| {
                    self.mention_ref(*m)
                        .and_then(|x| self.schema.label(&x.label))
                        .is_some_and(|l| l.entity)
                })
                .collect();
            if mentions.is_empty() {
                self.report
                    .skip("Equiv groups and references on labels without entities".into());
                continue;
            }
            let reference = ids
                .iter()
                .find_map(|i| reference_of.get(i.as_str()).copied());
            let mut longest = String::new();
            for m in &mentions {
                let words = self
                    .mention_ref(*m)
                    .map(|x| x.words(&self.article.text, " "))
                    .unwrap_or_default();
                if words.len() >= longest.len() {
                    longest = words;
                }
            }
            let name = reference
                .map(|(_, _, text)| text.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(longest);
            let named = name.chars().next().is_some_and(char::is_uppercase);
            let e = EntityId(next_entity);
            next_entity += 1;
            self.annotations.entities.push(crate::model::Entity {
                id: e,
                kind: "Other".to_owned(),
                name: one_line(&name),
                kb: reference.map(|(_, kb, _)| kb.clone()),
                named,
            });
            for m in mentions {
                if let Some(mention) = self.mention_by_id(m) {
                    mention.entity = Some(e);
                }
            }
            *self.report.imported.entry("entities").or_default() += 1;
        }
    }

    pub(super) fn note(&mut self, id: &str, target: &str, text: &str) {
        let on = self
            .mention_of
            .get(target)
            .map(|m| AnyId::Mention(*m))
            .or_else(|| self.link_of.get(target).copied());
        let Some(on) = on else {
            self.report
                .skip("notes on annotations that were not imported".into());
            return;
        };
        let next = NoteId(u32::try_from(self.annotations.notes.len() + 1).unwrap_or(u32::MAX));
        self.annotations.notes.push(Note {
            id: next,
            on: Some(on),
            text: self
                .meta
                .and_then(|m| m.note_texts.get(id))
                .filter(|exact| manifest::one_line(exact) == text)
                .cloned()
                .unwrap_or_else(|| text.to_owned()),
        });
        *self.report.imported.entry("notes").or_default() += 1;
    }
}
