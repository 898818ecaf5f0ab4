//! brat standoff: a `.txt` and an `.ann` per article (per annotator when an article has
//! several), and `annotation.conf` and `visual.conf`, so the folder opens in brat.
//! Mentions are `T` lines (fragments as `start end;start end`, code points); attributions are
//! PolNeAR-style events over a trigger on the cue (`E Attribution:T Source:T Content:T
//! Cue:T`), or an `Attribution` relation without a cue; sourcings and stances are relations
//! (specificity and polarity in the relation type); mentions of one entity are `*` Equiv
//! groups, knowledge-base ids `N` lines; notes `#` lines; attributes `A` lines.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use super::{Doc, Loss};
use crate::model::{Agent, AnyId, MentionId, Target};
use crate::schema::Schema;

/// brat type names cannot hold spaces.
fn type_name(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds one `.ann`: numbering and the map from mentions to their `T` ids.
struct AnnWriter<'a> {
    doc: &'a Doc,
    key: String,
    out: String,
    t_of: HashMap<MentionId, usize>,
    next_t: usize,
    next_e: usize,
    next_r: usize,
    link_ids: HashMap<AnyId, String>,
}

/// The `.ann` text of one document.
pub fn ann(doc: &Doc, loss: &mut Loss) -> String {
    let mut w = AnnWriter {
        doc,
        key: doc.key(),
        out: String::new(),
        t_of: HashMap::new(),
        next_t: 0,
        next_e: 0,
        next_r: 0,
        link_ids: HashMap::new(),
    };
    w.mentions(loss);
    w.attributions(loss);
    w.sourcings_and_stances(loss);
    w.attributes();
    w.entities(loss);
    w.notes(loss);
    w.out
}

impl AnnWriter<'_> {
    /// A `T` line over `fragments`; returns its number.
    fn text_bound(&mut self, kind: &str, fragments: &[crate::model::Span]) -> usize {
        self.next_t += 1;
        let text = &self.doc.article.text;
        let offsets: Vec<String> = fragments
            .iter()
            .map(|f| format!("{} {}", self.doc.cp(f.start), self.doc.cp(f.end)))
            .collect();
        let covered: Vec<&str> = fragments.iter().map(|f| &text[f.start..f.end]).collect();
        let _ = writeln!(
            self.out,
            "T{}\t{kind} {}\t{}",
            self.next_t,
            offsets.join(";"),
            one_line(&covered.join(" "))
        );
        self.next_t
    }

    fn mentions(&mut self, loss: &mut Loss) {
        for m in &self.doc.annotations.mentions {
            let t = self.text_bound(&type_name(&m.label), &m.fragments);
            self.t_of.insert(m.id, t);
            let text = &self.doc.article.text;
            if m.fragments
                .iter()
                .any(|f| text[f.start..f.end].contains('\n'))
            {
                loss.add(
                    &self.key,
                    "line breaks inside a span shown as spaces in the .ann",
                    m.id.to_string(),
                );
            }
        }
    }

    /// The `T` id that stands for an agent; an entity is written as its first mention.
    fn agent_t(&self, agent: Agent, what: &str, loss: &mut Loss) -> Option<usize> {
        match agent {
            Agent::Mention(m) => self.t_of.get(&m).copied(),
            Agent::Entity(e) => {
                let first = self
                    .doc
                    .agent_mention(agent)
                    .and_then(|m| self.t_of.get(&m.id).copied());
                let name = self
                    .doc
                    .annotations
                    .entity(e)
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
                let kind = if first.is_some() {
                    format!("{what} given as an entity, written as its first mention")
                } else {
                    format!("{what} given as an entity with no mention, left out")
                };
                loss.add(&self.key, &kind, name);
                first
            }
        }
    }

    fn attributions(&mut self, loss: &mut Loss) {
        let annotations = &self.doc.annotations;
        for at in &annotations.attributions {
            let Some(source) = self.agent_t(at.speaker, "attribution speaker", loss) else {
                continue;
            };
            let content = self.t_of[&at.claim];
            let cue = at
                .cue
                .and_then(|c| annotations.mention(c).map(|m| (self.t_of[&c], m)));
            let id = if let Some((cue_t, cue_m)) = cue {
                let trigger = self.text_bound("Attribution", &cue_m.fragments);
                self.next_e += 1;
                let _ = writeln!(
                    self.out,
                    "E{}\tAttribution:T{trigger} Content:T{content} Cue:T{cue_t} Source:T{source}",
                    self.next_e
                );
                format!("E{}", self.next_e)
            } else {
                self.next_r += 1;
                let _ = writeln!(
                    self.out,
                    "R{}\tAttribution Arg1:T{source} Arg2:T{content}",
                    self.next_r
                );
                format!("R{}", self.next_r)
            };
            self.link_ids.insert(AnyId::Attribution(at.id), id);
        }
    }

    fn relation(&mut self, kind: &str, arg1: usize, arg2: usize, id: AnyId) {
        self.next_r += 1;
        let _ = writeln!(
            self.out,
            "R{}\t{kind} Arg1:T{arg1} Arg2:T{arg2}",
            self.next_r
        );
        self.link_ids.insert(id, format!("R{}", self.next_r));
    }

    fn sourcings_and_stances(&mut self, loss: &mut Loss) {
        let annotations = &self.doc.annotations;
        for s in &annotations.sourcings {
            let Some(source) = self.agent_t(s.source, "source", loss) else {
                continue;
            };
            let kind = s
                .specificity
                .map_or_else(|| "Sourcing".to_owned(), |x| format!("Sourcing_{x:?}"));
            self.relation(&kind, self.t_of[&s.claim], source, AnyId::Sourcing(s.id));
        }
        for s in &annotations.stances {
            let Some(holder) = self.agent_t(s.holder, "stance holder", loss) else {
                continue;
            };
            let target = match &s.target {
                Target::Mention(m) => self.t_of.get(m).copied(),
                Target::Entity(x) => self.agent_t(Agent::Entity(*x), "stance target", loss),
                Target::Text(topic) => {
                    loss.add(
                        &self.key,
                        "stance targets given as free text, left out",
                        topic.clone(),
                    );
                    None
                }
            };
            if let Some(target) = target {
                let kind = format!("Stance_{}", type_name(&s.polarity));
                self.relation(&kind, holder, target, AnyId::Stance(s.id));
            }
        }
    }

    fn attributes(&mut self) {
        let mut n = 0;
        for m in &self.doc.annotations.mentions {
            for (name, value) in &m.attrs {
                n += 1;
                let _ = writeln!(
                    self.out,
                    "A{n}\t{} T{} {}",
                    type_name(name),
                    self.t_of[&m.id],
                    type_name(value)
                );
            }
        }
    }

    fn entities(&mut self, loss: &mut Loss) {
        let annotations = &self.doc.annotations;
        let mut n = 0;
        for entity in &annotations.entities {
            let ts: Vec<usize> = annotations
                .mentions
                .iter()
                .filter(|m| m.entity == Some(entity.id))
                .map(|m| self.t_of[&m.id])
                .collect();
            if ts.len() > 1 {
                let list: Vec<String> = ts.iter().map(|t| format!("T{t}")).collect();
                let _ = writeln!(self.out, "*\tEquiv {}", list.join(" "));
            }
            match (&entity.kb, ts.first()) {
                (Some(kb), Some(first)) => {
                    n += 1;
                    let _ = writeln!(
                        self.out,
                        "N{n}\tReference T{first} {kb}\t{}",
                        one_line(&entity.name)
                    );
                }
                (_, None) => loss.add(
                    &self.key,
                    "entities with no mention, left out",
                    entity.name.clone(),
                ),
                (None, Some(_)) => loss.add(
                    &self.key,
                    "entity names and kinds (brat keeps the Equiv group only)",
                    entity.name.clone(),
                ),
            }
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
                let _ = writeln!(
                    self.out,
                    "#{n}\tAnnotatorNotes {id}\t{}",
                    one_line(&note.text)
                );
                if note.text.contains('\n') {
                    loss.add(
                        &self.key,
                        "line breaks in notes written as spaces",
                        note.id.to_string(),
                    );
                }
            } else {
                loss.add(
                    &self.key,
                    "notes on the article or an entity, left out",
                    one_line(&note.text),
                );
            }
        }
    }
}

fn conf(schema: &Schema) -> String {
    let labels: Vec<String> = schema.labels.iter().map(|l| type_name(&l.name)).collect();
    let rule = &schema.links;
    let names = |v: &[String]| v.iter().map(|s| type_name(s)).collect::<Vec<_>>().join("|");
    let mut s = String::from("# Written by glossator.\n[entities]\n");
    for l in &labels {
        let _ = writeln!(s, "{l}");
    }
    s.push_str("\n[relations]\n");
    let _ = writeln!(
        s,
        "Attribution\tArg1:{}, Arg2:{}",
        names(&rule.attribution.speaker),
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
            names(&rule.sourcing.source)
        );
    }
    for p in &schema.polarities {
        let _ = writeln!(
            s,
            "Stance_{}\tArg1:{}, Arg2:{}",
            type_name(p),
            names(&rule.stance.holder),
            names(&rule.stance.target)
        );
    }
    s.push_str("<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>\n");
    s.push_str("Equiv\tArg1:<ANY>, Arg2:<ANY>, <REL-TYPE>:symmetric-transitive\n");
    s.push_str("\n[events]\n");
    let _ = writeln!(
        s,
        "Attribution\tSource:{}, Content:{}, Cue?:{}",
        names(&rule.attribution.speaker),
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
    // planted in the output folder.
    let disk = crate::store::Disk::real();
    disk.create_dir_all(out)?;
    let mut per_article: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        per_article
            .entry(&d.name)
            .or_default()
            .insert(&d.annotations.annotator);
    }
    for d in docs {
        let stem = d.name.strip_suffix(".txt").unwrap_or(&d.name);
        let name = if per_article[d.name.as_str()].len() > 1 {
            format!("{stem}_{}", type_name(&d.annotations.annotator))
        } else {
            stem.to_owned()
        };
        let txt = out.join(format!("{name}.txt"));
        disk.write_atomic(&txt, d.article.text.as_bytes())?;
        let ann_path = out.join(format!("{name}.ann"));
        disk.write_atomic(&ann_path, ann(d, loss).as_bytes())?;
    }
    for (file, text) in [
        ("annotation.conf", conf(schema)),
        ("visual.conf", visual(schema)),
    ] {
        disk.write_atomic(&out.join(file), text.as_bytes())?;
    }
    Ok(())
}
