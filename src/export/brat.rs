//! brat standoff: a `.txt` and an `.ann` per article (per annotator when an article has
//! several), `annotation.conf` and `visual.conf`, so the folder opens in brat, and
//! `glossator-brat.json` (see `crate::brat::manifest`) for what brat has no line for, so that
//! `glossator import brat` gives the same files back.
//! Mentions are `T` lines (fragments as `start end;start end`, code points; the text after the
//! offsets is the exact slice of the `.txt`, fragments joined by one space, and a fragment
//! with a line break is split there, as brat requires); attributions are PolNeAR-style events
//! over a trigger on the cue (`E Attribution:T Source:T Content:T Cue:T`), or an
//! `Attribution` relation without a cue; sourcings and stances are relations (specificity and
//! polarity in the relation type); mentions of one entity are `*` Equiv groups,
//! knowledge-base ids `N` lines; notes `#` lines; attributes `A` lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use super::{Doc, Loss};
use crate::brat::manifest::{
    self, AgentMeta, DocMeta, EntityMeta, LinkMeta, Manifest, NoteMeta, NoteOn, Ref, is_line_break,
    one_line, type_name,
};
use crate::model::{Agent, AnyId, Attribution, EntityId, MentionId, Span, Target};
use crate::schema::Schema;

/// Builds one `.ann`: numbering and the map from mentions to their `T` ids.
struct AnnWriter<'a> {
    doc: &'a Doc,
    key: String,
    out: String,
    t_of: HashMap<MentionId, usize>,
    next_t: usize,
    next_e: usize,
    next_r: usize,
    /// The brat id of each link written as a line.
    link_ids: HashMap<AnyId, String>,
    /// Each entity's place in `meta.entities`.
    entity_index: HashMap<EntityId, usize>,
    /// Each link's place in `meta.links`, for links brat cannot draw.
    link_index: HashMap<AnyId, usize>,
    meta: DocMeta,
}

/// The `.ann` text of one document, and what brat cannot hold of it.
pub fn ann(doc: &Doc, loss: &mut Loss) -> (String, DocMeta) {
    let a = &doc.annotations;
    let mut w = AnnWriter {
        doc,
        key: doc.key(),
        out: String::new(),
        t_of: HashMap::new(),
        next_t: 0,
        next_e: 0,
        next_r: 0,
        link_ids: HashMap::new(),
        entity_index: HashMap::new(),
        link_index: HashMap::new(),
        meta: DocMeta {
            article: doc.name.clone(),
            annotator: a.annotator.clone(),
            status: manifest::status_name(a.status).to_owned(),
            ..DocMeta::default()
        },
    };
    w.mentions(loss);
    w.entities();
    w.attributions(loss);
    w.sourcings(loss);
    w.stances(loss);
    w.attributes();
    w.notes(loss);
    for s in &a.suggestions {
        loss.add(
            &w.key,
            "suggestions still pending, left out",
            s.rule.clone(),
        );
    }
    for r in &a.rejected {
        loss.add(
            &w.key,
            "places of rejected suggestions, left out",
            format!("{}..{}", doc.cp(r.start), doc.cp(r.end)),
        );
    }
    (w.out, w.meta)
}

/// The pieces of `span` between line breaks, as byte ranges of `text`; empty pieces are
/// left out.
fn pieces(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = span.start;
    for (i, c) in text[span.start..span.end].char_indices() {
        if is_line_break(c) {
            let at = span.start + i;
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + c.len_utf8();
        }
    }
    if span.end > start {
        out.push(Span::new(start, span.end));
    }
    out
}

impl AnnWriter<'_> {
    /// A `T` line over `fragments`, each split at its line breaks; its number and how many
    /// brat fragments each fragment became. `None` when nothing but line breaks is covered.
    fn text_bound(&mut self, kind: &str, fragments: &[Span]) -> Option<(usize, Vec<usize>)> {
        let text = &self.doc.article.text;
        let mut all = Vec::new();
        let mut counts = Vec::new();
        for f in fragments {
            let p = pieces(text, *f);
            counts.push(p.len());
            all.extend(p);
        }
        if all.is_empty() {
            return None;
        }
        self.next_t += 1;
        let offsets: Vec<String> = all
            .iter()
            .map(|f| format!("{} {}", self.doc.cp(f.start), self.doc.cp(f.end)))
            .collect();
        let covered: Vec<&str> = all.iter().map(|f| &text[f.start..f.end]).collect();
        let _ = writeln!(
            self.out,
            "T{}\t{kind} {}\t{}",
            self.next_t,
            offsets.join(";"),
            covered.join(" ")
        );
        Some((self.next_t, counts))
    }

    fn mentions(&mut self, loss: &mut Loss) {
        for m in &self.doc.annotations.mentions {
            let Some((t, counts)) = self.text_bound(&type_name(&m.label), &m.fragments) else {
                loss.add(
                    &self.key,
                    "mentions of nothing but line breaks, left out",
                    m.id.to_string(),
                );
                continue;
            };
            self.t_of.insert(m.id, t);
            if counts.contains(&0) {
                loss.add(
                    &self.key,
                    "fragments of nothing but line breaks, left out",
                    m.id.to_string(),
                );
            }
            let kept: Vec<usize> = counts.into_iter().filter(|n| *n > 0).collect();
            if kept.iter().any(|n| *n != 1) {
                self.meta.fragments.insert(format!("T{t}"), kept);
            }
        }
    }

    /// The `T` id written for an agent: its mention, or an entity's first mention.
    fn agent_t(&self, agent: Agent) -> Option<usize> {
        match agent {
            Agent::Mention(m) => self.t_of.get(&m).copied(),
            Agent::Entity(_) => self
                .doc
                .agent_mention(agent)
                .and_then(|m| self.t_of.get(&m.id).copied()),
        }
    }

    /// Records that argument `role` of `line` stands for an entity, when it does.
    fn entity_arg(&mut self, line: &str, role: &str, entity: Option<EntityId>) {
        if let Some(&i) = entity.and_then(|e| self.entity_index.get(&e)) {
            self.meta.agents.push(AgentMeta {
                line: line.to_owned(),
                role: role.to_owned(),
                entity: i,
            });
        }
    }

    /// How the manifest names an agent.
    fn reference(&self, agent: Agent) -> Option<Ref> {
        match agent {
            Agent::Mention(m) => self.t_of.get(&m).map(|t| Ref::T(format!("T{t}"))),
            Agent::Entity(e) => self.entity_index.get(&e).map(|i| Ref::Entity(*i)),
        }
    }

    fn claim_t(&self, claim: MentionId) -> Option<String> {
        self.t_of.get(&claim).map(|t| format!("T{t}"))
    }

    /// A link brat cannot draw, kept in the manifest.
    fn keep(&mut self, id: AnyId, link: LinkMeta) {
        self.link_index.insert(id, self.meta.links.len());
        self.meta.links.push(link);
    }

    fn relation(&mut self, kind: &str, arg1: usize, arg2: usize, id: AnyId) -> String {
        self.next_r += 1;
        let line = format!("R{}", self.next_r);
        let _ = writeln!(self.out, "{line}\t{kind} Arg1:T{arg1} Arg2:T{arg2}");
        self.link_ids.insert(id, line.clone());
        line
    }

    /// An attribution with a cue is an event over it: `Attribution` with a `Source`, or
    /// `Attribution-no-source` without one (PolNeAR's two kinds); its further contents are
    /// `Content2`, `Content3`. Without a cue, a speaker and one content make an
    /// `Attribution` relation; the rest brat cannot draw goes to the manifest.
    fn attributions(&mut self, loss: &mut Loss) {
        let annotations = &self.doc.annotations;
        for at in &annotations.attributions {
            let entity = match at.speaker {
                Some(Agent::Entity(e)) => Some(e),
                Some(Agent::Mention(_)) | None => None,
            };
            let cue = at
                .cue
                .and_then(|c| annotations.mention(c))
                .and_then(|m| self.t_of.get(&m.id).map(|t| (*t, m)));
            let Some(contents) = at
                .claims()
                .map(|c| self.t_of.get(&c).copied())
                .collect::<Option<Vec<usize>>>()
            else {
                loss.add(
                    &self.key,
                    "attributions whose claim has no text, left out",
                    at.id.to_string(),
                );
                continue;
            };
            let source = at.speaker.map(|s| self.agent_t(s));
            if source == Some(None) {
                // A speaker with no text: the manifest keeps it.
                self.keep_attribution(at, cue.map(|(t, _)| t), loss);
                continue;
            }
            let source = source.flatten();
            let kind = if source.is_some() {
                "Attribution"
            } else {
                "Attribution-no-source"
            };
            let trigger = cue.and_then(|(t, m)| {
                self.text_bound(kind, &m.fragments)
                    .map(|(trigger, _)| (trigger, t))
            });
            let line = match (trigger, source, contents.as_slice()) {
                (Some((trigger, cue_t)), _, _) => {
                    self.next_e += 1;
                    let line = format!("E{}", self.next_e);
                    let mut args = format!("{kind}:T{trigger}");
                    for (i, c) in contents.iter().enumerate() {
                        let n = if i == 0 {
                            String::new()
                        } else {
                            (i + 1).to_string()
                        };
                        let _ = write!(args, " Content{n}:T{c}");
                    }
                    let _ = write!(args, " Cue:T{cue_t}");
                    if let Some(source) = source {
                        let _ = write!(args, " Source:T{source}");
                    }
                    let _ = writeln!(self.out, "{line}\t{args}");
                    self.entity_arg(&line, "Source", entity);
                    line
                }
                (None, Some(source), [content]) => {
                    let line =
                        self.relation("Attribution", source, *content, AnyId::Attribution(at.id));
                    self.entity_arg(&line, "Arg1", entity);
                    line
                }
                (None, _, _) => {
                    self.keep_attribution(at, None, loss);
                    continue;
                }
            };
            self.link_ids.insert(AnyId::Attribution(at.id), line);
        }
    }

    /// An attribution brat cannot draw, kept in the manifest when its speaker can be named
    /// there.
    fn keep_attribution(&mut self, at: &Attribution, cue: Option<usize>, loss: &mut Loss) {
        let speaker = at.speaker.map(|s| self.reference(s));
        if speaker == Some(None) {
            loss.add(
                &self.key,
                "attributions whose speaker has no text, left out",
                at.id.to_string(),
            );
            return;
        }
        let speaker = speaker.flatten();
        let link = LinkMeta::Attribution {
            claim: self.claim_t(at.claim).unwrap_or_default(),
            more: at
                .more
                .iter()
                .map(|m| self.claim_t(*m).unwrap_or_default())
                .collect(),
            speaker,
            cue: cue.map(|t| format!("T{t}")),
        };
        self.keep(AnyId::Attribution(at.id), link);
    }

    fn sourcings(&mut self, loss: &mut Loss) {
        for s in &self.doc.annotations.sourcings {
            let entity = match s.source {
                Agent::Entity(e) => Some(e),
                Agent::Mention(_) => None,
            };
            match (self.t_of.get(&s.claim).copied(), self.agent_t(s.source)) {
                (Some(claim), Some(source)) => {
                    let kind = s.specificity.map_or_else(
                        || "Sourcing".to_owned(),
                        |x| format!("Sourcing_{}", manifest::specificity_name(x)),
                    );
                    let line = self.relation(&kind, claim, source, AnyId::Sourcing(s.id));
                    self.entity_arg(&line, "Arg2", entity);
                }
                (Some(_), None) => match self.reference(s.source) {
                    Some(source) => {
                        let link = LinkMeta::Sourcing {
                            claim: self.claim_t(s.claim).unwrap_or_default(),
                            source,
                            specificity: s
                                .specificity
                                .map(|x| manifest::specificity_name(x).to_owned()),
                        };
                        self.keep(AnyId::Sourcing(s.id), link);
                    }
                    None => loss.add(
                        &self.key,
                        "sourcings whose source has no text, left out",
                        s.id.to_string(),
                    ),
                },
                (None, _) => loss.add(
                    &self.key,
                    "sourcings whose claim has no text, left out",
                    s.id.to_string(),
                ),
            }
        }
    }

    fn stances(&mut self, loss: &mut Loss) {
        for s in &self.doc.annotations.stances {
            let holder_entity = match s.holder {
                Agent::Entity(e) => Some(e),
                Agent::Mention(_) => None,
            };
            let (target_t, target_ref, target_entity) = match &s.target {
                Target::Mention(m) => (
                    self.t_of.get(m).copied(),
                    self.reference(Agent::Mention(*m)),
                    None,
                ),
                Target::Entity(e) => (
                    self.agent_t(Agent::Entity(*e)),
                    self.reference(Agent::Entity(*e)),
                    Some(*e),
                ),
                Target::Text(topic) => (None, Some(Ref::Text(topic.clone())), None),
            };
            if let (Some(holder), Some(target)) = (self.agent_t(s.holder), target_t) {
                let kind = format!("Stance_{}", type_name(&s.polarity));
                let line = self.relation(&kind, holder, target, AnyId::Stance(s.id));
                self.entity_arg(&line, "Arg1", holder_entity);
                self.entity_arg(&line, "Arg2", target_entity);
            } else if let (Some(holder), Some(target)) = (self.reference(s.holder), target_ref) {
                let link = LinkMeta::Stance {
                    holder,
                    target,
                    polarity: s.polarity.clone(),
                };
                self.keep(AnyId::Stance(s.id), link);
            } else {
                loss.add(
                    &self.key,
                    "stances whose holder or target has no text, left out",
                    s.id.to_string(),
                );
            }
        }
    }

    fn attributes(&mut self) {
        let mut n = 0;
        for m in &self.doc.annotations.mentions {
            let Some(t) = self.t_of.get(&m.id).copied() else {
                continue;
            };
            for (name, value) in &m.attrs {
                n += 1;
                let _ = writeln!(
                    self.out,
                    "A{n}\t{} T{t} {}",
                    type_name(name),
                    type_name(value)
                );
            }
        }
    }

    /// `*` Equiv groups and `N` references for brat; every entity whole in the manifest.
    fn entities(&mut self) {
        let annotations = &self.doc.annotations;
        let mut ts_of: HashMap<EntityId, Vec<String>> = HashMap::new();
        for m in &annotations.mentions {
            if let (Some(e), Some(t)) = (m.entity, self.t_of.get(&m.id)) {
                ts_of.entry(e).or_default().push(format!("T{t}"));
            }
        }
        let mut n = 0;
        for (i, entity) in annotations.entities.iter().enumerate() {
            self.entity_index.insert(entity.id, i);
            let ts = ts_of.remove(&entity.id).unwrap_or_default();
            if ts.len() > 1 {
                let _ = writeln!(self.out, "*\tEquiv {}", ts.join(" "));
            }
            // brat's reference is `db:id`, one word.
            let reference = entity
                .kb
                .as_ref()
                .filter(|kb| kb.contains(':') && !kb.chars().any(char::is_whitespace));
            if let (Some(kb), Some(first)) = (reference, ts.first()) {
                n += 1;
                let _ = writeln!(
                    self.out,
                    "N{n}\tReference {first} {kb}\t{}",
                    one_line(&entity.name)
                );
            }
            self.meta.entities.push(EntityMeta {
                kind: entity.kind.clone(),
                name: entity.name.clone(),
                kb: entity.kb.clone(),
                named: entity.named,
                mentions: ts,
            });
        }
    }

    fn notes(&mut self, loss: &mut Loss) {
        let mut n = 0;
        for note in &self.doc.annotations.notes {
            let target = match note.on {
                Some(AnyId::Mention(m)) => self.t_of.get(&m).map(|t| format!("T{t}")),
                Some(other) => self.link_ids.get(&other).cloned(),
                None => None,
            };
            if let Some(id) = target {
                n += 1;
                let line = format!("#{n}");
                let _ = writeln!(
                    self.out,
                    "{line}\tAnnotatorNotes {id}\t{}",
                    one_line(&note.text)
                );
                if note.text.chars().any(is_line_break) {
                    self.meta.note_texts.insert(line, note.text.clone());
                }
                continue;
            }
            let on = match note.on {
                None => Some(None),
                Some(AnyId::Entity(e)) => {
                    self.entity_index.get(&e).map(|i| Some(NoteOn::Entity(*i)))
                }
                Some(other) => self.link_index.get(&other).map(|i| Some(NoteOn::Link(*i))),
            };
            match on {
                Some(on) => self.meta.notes.push(NoteMeta {
                    on,
                    text: note.text.clone(),
                }),
                None => loss.add(
                    &self.key,
                    "notes on annotations that were left out",
                    note.id.to_string(),
                ),
            }
        }
    }
}

fn conf(schema: &Schema) -> String {
    let labels: Vec<String> = schema.labels.iter().map(|l| type_name(&l.name)).collect();
    let rule = &schema.links;
    let names = |v: &[String]| v.iter().map(|s| type_name(s)).collect::<Vec<_>>().join("|");
    // An agent given as an entity is written as its first mention, which may carry any label
    // that takes entities.
    let entity_labels: Vec<String> = schema
        .labels
        .iter()
        .filter(|l| l.entity)
        .map(|l| l.name.clone())
        .collect();
    let agents = |v: &[String]| {
        let mut all: Vec<String> = v.to_vec();
        all.extend(entity_labels.iter().filter(|l| !v.contains(l)).cloned());
        names(&all)
    };
    let mut s = String::from("# Written by glossator.\n[entities]\n");
    for l in &labels {
        let _ = writeln!(s, "{l}");
    }
    s.push_str("\n[relations]\n");
    let _ = writeln!(
        s,
        "Attribution\tArg1:{}, Arg2:{}",
        agents(&rule.attribution.speaker),
        names(&rule.attribution.claim)
    );
    for kind in [
        "Sourcing",
        "Sourcing_Named",
        "Sourcing_Unnamed",
        "Sourcing_Vague",
    ] {
        let _ = writeln!(
            s,
            "{kind}\tArg1:{}, Arg2:{}",
            names(&rule.sourcing.claim),
            agents(&rule.sourcing.source)
        );
    }
    for p in &schema.polarities {
        let _ = writeln!(
            s,
            "Stance_{}\tArg1:{}, Arg2:{}",
            type_name(p),
            agents(&rule.stance.holder),
            agents(&rule.stance.target)
        );
    }
    s.push_str("<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n");
    s.push_str("Equiv\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive\n");
    s.push_str("\n[events]\n");
    // `Content+`: a further content is `Content2`, `Content3`, as brat numbers a repeated
    // role.
    let _ = writeln!(
        s,
        "Attribution\tSource:{}, Content+:{}, Cue?:{}",
        agents(&rule.attribution.speaker),
        names(&rule.attribution.claim),
        names(&rule.attribution.cue)
    );
    let _ = writeln!(
        s,
        "Attribution-no-source\tContent+:{}, Cue:{}",
        names(&rule.attribution.claim),
        names(&rule.attribution.cue)
    );
    s.push_str("\n[attributes]\n");
    for at in &schema.attributes {
        let values: Vec<String> = at.values.iter().map(|v| type_name(v)).collect();
        let _ = writeln!(
            s,
            "{}\tArg:{}, Value:{}",
            type_name(&at.name),
            names(&at.labels),
            values.join("|")
        );
    }
    s
}

fn visual(schema: &Schema) -> String {
    let mut s = String::from("# Written by glossator.\n[labels]\n");
    for l in &schema.labels {
        let _ = writeln!(s, "{} | {}", type_name(&l.name), l.name);
    }
    s.push_str("\n[drawing]\n");
    for l in &schema.labels {
        let _ = writeln!(s, "{}\tbgColor:{}", type_name(&l.name), l.color);
    }
    s.push_str("Attribution\tbgColor:#ffffff\n");
    s
}

pub fn write(docs: &[Doc], schema: &Schema, out: &Path, loss: &mut Loss) -> anyhow::Result<()> {
    // Every file through the disk's one door: whole or not at all, never through a link
    // planted in the output folder; flushed to disk once, at the end.
    let disk = crate::store::Disk::real().unflushed();
    disk.create_dir_all(out)?;
    let mut per_article: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        per_article
            .entry(&d.name)
            .or_default()
            .insert(&d.annotations.annotator);
    }
    let mut meta = Manifest {
        format: manifest::FORMAT.to_owned(),
        version: 1,
        documents: BTreeMap::new(),
    };
    let mut used = BTreeSet::new();
    for d in docs {
        let stem = d.name.strip_suffix(".txt").unwrap_or(&d.name);
        let base = if per_article[d.name.as_str()].len() > 1 {
            format!("{stem}_{}", type_name(&d.annotations.annotator))
        } else {
            stem.to_owned()
        };
        // Two articles of one name (from two folders), or two annotators whose names differ
        // only in punctuation, still get a file each; the manifest says whose it is.
        let mut name = base.clone();
        let mut n = 2;
        while !used.insert(name.clone()) {
            name = format!("{base}-{n}");
            n += 1;
        }
        let txt = out.join(format!("{name}.txt"));
        disk.write_atomic(&txt, d.article.text.as_bytes())?;
        let ann_path = out.join(format!("{name}.ann"));
        let (body, doc_meta) = ann(d, loss);
        disk.write_atomic(&ann_path, body.as_bytes())?;
        meta.documents.insert(name, doc_meta);
    }
    let mut json = serde_json::to_string_pretty(&meta)?;
    json.push('\n');
    disk.write_atomic(&out.join(manifest::FILE), json.as_bytes())?;
    for (file, text) in [
        ("annotation.conf", conf(schema)),
        ("visual.conf", visual(schema)),
    ] {
        disk.write_atomic(&out.join(file), text.as_bytes())?;
    }
    disk.flush_folder(out)?;
    Ok(())
}
