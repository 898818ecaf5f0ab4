//! Annotations from other tools' files (CoNLL, doccano, Label Studio) into a project. Each
//! reader turns a file into [`Record`]s, an article's text with labelled spans in code points
//! and relations between them; [`write`] puts a record into the project: the text as an
//! article (the same text is found by its hash and not added twice), the spans as mentions
//! through a mapping of the file's types to the schema's labels, and the relations of
//! `export --format doccano-relations` / `label-studio` as links (`Attribution` speaker ->
//! claim, `Cue` cue -> claim, `Sourcing[_Named|_Unnamed|_Vague]` claim -> source,
//! `Stance_<polarity>` holder -> target, `Fragment` joining a discontinuous mention's
//! fragments). What cannot be mapped is skipped and counted, never guessed; a span whose text
//! does not match is an error, and nothing of that record is written.

pub mod conll;
pub mod doccano;
pub mod label_studio;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::model::{
    Agent, Annotations, ArticleRef, Attribution, AttributionId, Mention, MentionId, Sourcing,
    SourcingId, Span, Stance, StanceId, Status, Target, check,
};
use crate::project::{Added, Project};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;

/// A labelled span of a record, in code points of the record's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSpan {
    /// The file's id for it, which relations name.
    pub key: String,
    pub label: String,
    pub start: usize,
    pub end: usize,
    /// The text the file says it covers, checked when given.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    pub kind: String,
    pub from: String,
    pub to: String,
}

/// One article's text and annotations as a file has them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Where it is, for messages: "file.jsonl:3".
    pub origin: String,
    /// The article's name without `.txt`.
    pub name: String,
    pub text: String,
    pub annotator: Option<String>,
    pub spans: Vec<RawSpan>,
    pub links: Vec<RawLink>,
    /// What the reader passed over, with counts.
    pub skipped: BTreeMap<String, usize>,
}

impl Record {
    pub fn skip(&mut self, why: impl Into<String>) {
        *self.skipped.entry(why.into()).or_default() += 1;
    }
}

/// What one record became.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub origin: String,
    pub written: PathBuf,
    pub imported: BTreeMap<&'static str, usize>,
    pub skipped: BTreeMap<String, usize>,
}

/// The schema's own labels, each mapping to itself.
pub fn identity(schema: &Schema) -> BTreeMap<String, String> {
    schema
        .labels
        .iter()
        .map(|l| (l.name.clone(), l.name.clone()))
        .collect()
}

/// The head of a span's fragment group.
fn head<'a>(heads: &'a HashMap<String, String>, key: &'a str) -> &'a str {
    let mut at = key;
    // A chain of Fragment links ends; a loop in a hand-made file is cut after its length.
    for _ in 0..=heads.len() {
        match heads.get(at) {
            Some(h) if h != at => at = h,
            _ => break,
        }
    }
    at
}

struct Builder<'a> {
    record: &'a Record,
    schema: &'a Schema,
    annotations: Annotations,
    report: Report,
    mention_of: HashMap<String, MentionId>,
}

impl Builder<'_> {
    fn count(&mut self, what: &'static str) {
        *self.report.imported.entry(what).or_default() += 1;
    }

    fn skip(&mut self, why: impl Into<String>) {
        *self.report.skipped.entry(why.into()).or_default() += 1;
    }

    fn mentions(
        &mut self,
        labels: &BTreeMap<String, String>,
        article: &Article,
    ) -> anyhow::Result<()> {
        let r = self.record;
        let raw = crate::text::RawOffsets::new(&r.text);
        let byte = |cp| raw.byte(article, cp);
        let mut heads: HashMap<String, String> = HashMap::new();
        for l in r.links.iter().filter(|l| l.kind == "Fragment") {
            heads.insert(l.to.clone(), l.from.clone());
        }
        // Fragments by group head, in file order.
        let mut groups: Vec<(String, String, Vec<Span>)> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        for s in &r.spans {
            let (Some(start), Some(end)) = (byte(s.start), byte(s.end)) else {
                bail!(
                    "{}: span {} ({}..{}) reaches past the end of the text ({} characters)",
                    r.origin,
                    s.key,
                    s.start,
                    s.end,
                    r.text.chars().count()
                );
            };
            if start > end {
                bail!(
                    "{}: span {} ends ({}) before it starts ({})",
                    r.origin,
                    s.key,
                    s.end,
                    s.start
                );
            }
            let covered = &article.text[start..end];
            if let Some(t) = &s.text
                && crate::text::one_line(t) != crate::text::one_line(covered)
            {
                bail!(
                    "{}: span {} covers {covered:?} in the text, but the file says {t:?}; \
                     the offsets are not code points of this text",
                    r.origin,
                    s.key
                );
            }
            let h = head(&heads, &s.key).to_owned();
            if h != s.key {
                self.mention_of.insert(s.key.clone(), MentionId(0));
            }
            if let Some(&g) = group_of.get(&h) {
                groups[g].2.push(Span::new(start, end));
            } else {
                group_of.insert(h.clone(), groups.len());
                groups.push((h, s.label.clone(), vec![Span::new(start, end)]));
            }
        }
        for (key, kind, mut spans) in groups {
            let Some(label) = labels.get(&kind).cloned() else {
                self.skip(format!("spans of type {kind} (not in the mapping)"));
                continue;
            };
            spans.retain(|s| !s.is_empty());
            spans.sort();
            if spans.is_empty() {
                self.skip("empty spans");
                continue;
            }
            let mut fragments: Vec<Span> = Vec::with_capacity(spans.len());
            for s in spans {
                match fragments.last_mut() {
                    Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                    _ => fragments.push(s),
                }
            }
            let id = MentionId(u32::try_from(self.annotations.mentions.len() + 1)?);
            self.annotations.mentions.push(
                Mention {
                    id,
                    label,
                    fragments,
                    entity: None,
                    attrs: BTreeMap::new(),
                }
                .into(),
            );
            self.mention_of.insert(key, id);
            self.count("mentions");
        }
        // Fragment tails stand for their head's mention.
        let tails: Vec<String> = self
            .mention_of
            .iter()
            .filter(|(_, m)| m.0 == 0)
            .map(|(k, _)| k.clone())
            .collect();
        for t in tails {
            match self.mention_of.get(head(&heads, &t)).copied() {
                Some(m) => self.mention_of.insert(t, m),
                None => self.mention_of.remove(&t),
            };
        }
        Ok(())
    }

    fn links(&mut self) {
        let r = self.record;
        let mut cues = Vec::new();
        let mut contents = Vec::new();
        for l in &r.links {
            if l.kind == "Fragment" {
                continue;
            }
            let (Some(&from), Some(&to)) =
                (self.mention_of.get(&l.from), self.mention_of.get(&l.to))
            else {
                self.skip(format!(
                    "{} relations whose spans were not imported",
                    l.kind
                ));
                continue;
            };
            if l.kind == "Attribution" {
                let id = AttributionId(
                    u32::try_from(self.annotations.attributions.len() + 1).unwrap_or(u32::MAX),
                );
                self.annotations.attributions.push(Attribution {
                    id,
                    claim: to,
                    more: Vec::new(),
                    speaker: Some(Agent::Mention(from)),
                    cue: None,
                });
                self.count("attributions");
            } else if l.kind == "Cue" {
                cues.push((from, to));
            } else if l.kind == "Content" {
                contents.push((from, to));
            } else if let Some(rest) = l.kind.strip_prefix("Sourcing") {
                let Some(specificity) = crate::brat::manifest::sourcing_specificity(rest) else {
                    self.skip(format!("relations of type {}", l.kind));
                    continue;
                };
                let id = SourcingId(
                    u32::try_from(self.annotations.sourcings.len() + 1).unwrap_or(u32::MAX),
                );
                self.annotations.sourcings.push(Sourcing {
                    id,
                    claim: from,
                    source: Agent::Mention(to),
                    specificity,
                });
                self.count("sourcings");
            } else if let Some(polarity) = l.kind.strip_prefix("Stance_")
                && self.schema.polarities.iter().any(|p| p == polarity)
            {
                let id =
                    StanceId(u32::try_from(self.annotations.stances.len() + 1).unwrap_or(u32::MAX));
                self.annotations.stances.push(Stance {
                    id,
                    holder: Agent::Mention(from),
                    target: Target::Mention(to),
                    polarity: polarity.to_owned(),
                });
                self.count("stances");
            } else {
                self.skip(format!("relations of type {}", l.kind));
            }
        }
        self.cues_and_contents(cues, contents);
    }

    /// Joins `(cue, claim)` and `(claim, further content)` relations to the attributions.
    fn cues_and_contents(
        &mut self,
        cues: Vec<(MentionId, MentionId)>,
        contents: Vec<(MentionId, MentionId)>,
    ) {
        // A cue joins the first attribution of its claim that has none yet; a claim with a
        // cue and no attribution is attributed to no one named ("it was reported that").
        for (cue, claim) in cues {
            let attributed = self
                .annotations
                .attributions
                .iter()
                .any(|a| a.claim == claim);
            match self
                .annotations
                .attributions
                .iter_mut()
                .find(|a| a.claim == claim && a.cue.is_none())
            {
                Some(a) => {
                    a.cue = Some(cue);
                    self.count("cues");
                }
                None if !attributed => {
                    let id = AttributionId(
                        u32::try_from(self.annotations.attributions.len() + 1).unwrap_or(u32::MAX),
                    );
                    self.annotations.attributions.push(Attribution {
                        id,
                        claim,
                        more: Vec::new(),
                        speaker: None,
                        cue: Some(cue),
                    });
                    self.count("attributions");
                    self.count("cues");
                }
                None => self.skip("Cue relations with no attribution of their claim"),
            }
        }
        // A further content joins the attribution of the claim it is drawn from.
        for (claim, more) in contents {
            match self
                .annotations
                .attributions
                .iter_mut()
                .find(|a| a.claim == claim)
            {
                Some(a) if !a.has_claim(more) => {
                    a.more.push(more);
                    self.count("further contents");
                }
                _ => self.skip("Content relations with no attribution of their claim"),
            }
        }
    }
}

/// Puts `record` into `project` as `annotator`'s file of its article. `labels` maps the
/// file's types to schema labels.
pub fn write(
    project: &Project,
    schema: &Schema,
    labels: &BTreeMap<String, String>,
    record: &Record,
    annotator: &str,
) -> anyhow::Result<Report> {
    let name = match project
        .add_text(&record.name, &record.text)
        .map_err(|d| anyhow::anyhow!("{}: {d}", record.origin))?
    {
        Added::New(n) | Added::Duplicate(n) => n,
    };
    let path = project.articles_dir().join(&name);
    let article = Article::load(&path).with_context(|| format!("{}", path.display()))?;
    let mut b = Builder {
        record,
        schema,
        annotations: Annotations::new(
            ArticleRef {
                path: name.clone(),
                sha256: article.sha256.clone(),
                chars: article.char_count(),
            },
            annotator,
        ),
        report: Report {
            origin: record.origin.clone(),
            skipped: record.skipped.clone(),
            ..Report::default()
        },
        mention_of: HashMap::new(),
    };
    b.mentions(labels, &article)?;
    b.links();
    let mut annotations = b.annotations;
    let mut report = b.report;
    annotations.status = Status::Done;
    annotations.sort();
    // A link the schema does not allow between those labels (an entity's first mention
    // standing in for it may have another label) is skipped, not the whole article.
    let refused: Vec<String> = schema
        .check(&annotations)
        .into_iter()
        .filter_map(|p| p.id)
        .collect();
    let before = (
        annotations.attributions.len(),
        annotations.sourcings.len(),
        annotations.stances.len(),
    );
    let keep = |id: String| !refused.contains(&id);
    annotations.attributions.retain(|x| keep(x.id.to_string()));
    annotations.sourcings.retain(|x| keep(x.id.to_string()));
    annotations.stances.retain(|x| keep(x.id.to_string()));
    for (kind, was, now) in [
        ("attributions", before.0, annotations.attributions.len()),
        ("sourcings", before.1, annotations.sourcings.len()),
        ("stances", before.2, annotations.stances.len()),
    ] {
        if now < was {
            *report
                .skipped
                .entry(format!(
                    "{kind} the schema does not allow between those labels"
                ))
                .or_default() += was - now;
            if let Some(n) = report.imported.get_mut(kind) {
                *n -= was - now;
            }
        }
    }
    let mut problems = check(&annotations, &article.text);
    problems.extend(schema.check(&annotations));
    if let Some(p) = problems.first() {
        bail!(
            "{}: the converted annotations break a rule: {p} ({} problem(s) in all); nothing of it was written",
            record.origin,
            problems.len()
        );
    }
    let target = project.annotation_path(annotator, &name);
    if target.exists() {
        bail!(
            "{}: {} exists already and was left as it is; remove it to import again",
            record.origin,
            target.display()
        );
    }
    store::session::write_once(&target, &annotations, &article, None)?;
    report.written = target;
    Ok(report)
}
