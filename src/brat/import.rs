//! brat folders into a project. Types become labels through a mapping (the schema's own
//! labels map to themselves; the PolNeAR preset maps Source -> Speaker, Content -> Claim,
//! Cue -> Cue); attribution events (`E Attribution:T Content:T Cue:T Source:T`, or an
//! `Attribution` relation) become attributions; `Sourcing[_Specificity]` and
//! `Stance_<polarity>` relations, attributes, `*` Equiv groups with `N` references, and
//! notes come along. What cannot be mapped is skipped and counted, never guessed. A span
//! whose text does not match the `.txt` is an error naming its line, and nothing of that
//! file is written. A folder that glossator exported has `glossator-brat.json` at its top
//! (see [`super::manifest`]): each document's article, annotator and status, entities with
//! their kinds, and the links and notes brat cannot hold come back from it.

mod flags;
mod restore;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::manifest::{self, DocMeta, Manifest, type_name};
pub use super::mapping::{EventRoles, Mapping};
use super::parse::{Ann, parse};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Agent, Annotations, AnyId, ArticleRef, Attribution, AttributionId, EntityId, MentionId, Note,
    NoteId, Sourcing, SourcingId, Span, Specificity, Stance, StanceId, Status, Target, check,
};
use crate::project::{
    Added, Listing, NameSource, Project, Skipped, WalkError, annotator, files_in_folder,
};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;
use crate::text::{RawOffsets, one_line};

/// What one `.ann` became.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileReport {
    pub ann: PathBuf,
    pub written: PathBuf,
    pub annotator: String,
    pub article: String,
    pub imported: BTreeMap<&'static str, usize>,
    /// What was not imported, and why, with counts.
    pub skipped: BTreeMap<String, usize>,
}

impl FileReport {
    fn skip(&mut self, why: String) {
        *self.skipped.entry(why).or_default() += 1;
    }
}

#[derive(Debug)]
pub struct ImportError {
    pub ann: PathBuf,
    pub error: anyhow::Error,
}

fn ann_files(dir: &Path) -> Result<Listing<PathBuf>, WalkError> {
    files_in_folder(dir, &|p| p.extension().is_some_and(|e| e == "ann"))
}

/// Whether `path` is there as a file of its own. A link there is refused rather than
/// followed: a shared folder could point it anywhere.
fn own_file(path: &Path) -> anyhow::Result<bool> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => anyhow::bail!(
            "{}: is a symbolic link, and glossator reads no text through a link; put the \
             text itself there",
            path.display()
        ),
        Ok(m) => Ok(m.is_file()),
        Err(_) => Ok(false),
    }
}

/// The `.txt` of an `.ann` and the annotator its name gives: `story.ann` beside
/// `story.txt`, or PolNeAR's `story_4b22.ann` beside (or in a sibling `text/` folder of)
/// `story.txt`, which names annotator `4b22`.
fn text_for(ann: &Path) -> anyhow::Result<Option<(PathBuf, Option<String>)>> {
    let (Some(stem), Some(dir)) = (ann.file_stem(), ann.parent()) else {
        return Ok(None);
    };
    let stem = stem.to_string_lossy().into_owned();
    let mut places = vec![dir.to_path_buf()];
    if let Some(parent) = dir.parent() {
        places.push(parent.join("text"));
    }
    for place in &places {
        let same = place.join(format!("{stem}.txt"));
        if own_file(&same)? {
            return Ok(Some((same, None)));
        }
        if let Some((base, code)) = stem.rsplit_once('_') {
            let base_txt = place.join(format!("{base}.txt"));
            if own_file(&base_txt)? {
                return Ok(Some((base_txt, Some(code.to_owned()))));
            }
        }
    }
    Ok(None)
}

/// Union-find over brat ids, for Equiv groups: the root of `x`, with the path to it
/// flattened. A loop, not recursion: one Equiv line of 60,000 ids is a chain that long.
fn find(parent: &mut HashMap<String, String>, x: &str) -> String {
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
enum SpeakerArg {
    /// The line names none: "it was reported that".
    Absent,
    /// It names one whose span was not imported.
    NotImported,
    Imported(MentionId),
}

struct Converter<'a> {
    ann_path: &'a Path,
    source: &'a str,
    article: &'a Article,
    raw: RawOffsets,
    mapping: &'a Mapping,
    schema: &'a Schema,
    annotations: Annotations,
    report: FileReport,
    mention_of: HashMap<String, MentionId>,
    link_of: HashMap<String, AnyId>,
    /// The next mention id: mentions are only added, from 1 up, so mention `m` sits at
    /// index `m - 1` until the list is sorted at the end.
    next_mention: u32,
    /// What glossator's export kept beside the `.ann`, when it was one.
    meta: Option<&'a DocMeta>,
    /// The entities of `meta`, by their place there.
    entity_ids: Vec<EntityId>,
    /// The links of `meta`, by their place there, when they were imported.
    meta_links: Vec<Option<AnyId>>,
    /// Flag spans (`Discard`, `Discuss`): the type, the extent and the text.
    flags: Vec<(String, Span, String)>,
}

impl Converter<'_> {
    fn error(&self, line: usize, message: String, hint: &str) -> anyhow::Error {
        Diagnostic::new(self.ann_path, message, hint)
            .at(self.source, line, 1)
            .into()
    }

    fn text_bound(
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

    fn mention(&self, id: Option<&String>) -> Option<MentionId> {
        id.and_then(|i| self.mention_of.get(i).copied())
    }

    /// Mention `m`, found by its place rather than by a search.
    fn mention_ref(&self, m: MentionId) -> Option<&crate::model::Mention> {
        let i = usize::try_from(m.0).ok()?.checked_sub(1)?;
        self.annotations
            .mentions
            .get(i)
            .filter(|x| x.id == m)
            .map(|x| &**x)
    }

    fn mention_by_id(&mut self, m: MentionId) -> Option<&mut crate::model::Mention> {
        let i = usize::try_from(m.0).ok()?.checked_sub(1)?;
        self.annotations
            .mentions
            .get_mut(i)
            .filter(|x| x.id == m)
            .map(|x| &mut **x)
    }

    fn role<'b>(args: &'b [(String, String)], role: &str) -> Option<&'b String> {
        args.iter().find(|(r, _)| r == role).map(|(_, id)| id)
    }

    /// An attribution of `claims` (in order; the ones whose span was not imported are
    /// `None`) to `speaker`.
    fn attribution(
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

    fn event(&mut self, id: &str, kind: &str, args: &[(String, String)]) {
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

    fn relation(&mut self, id: &str, kind: &str, args: &[(String, String)]) {
        let arg = |n: usize| args.get(n).map(|(_, id)| id);
        let (a1, a2) = (self.mention(arg(0)), self.mention(arg(1)));
        if kind == self.mapping.attribution.event {
            let speaker = a1.map_or(SpeakerArg::NotImported, SpeakerArg::Imported);
            self.attribution(id, &[a2], speaker, None);
            return;
        }
        if let Some(rest) = kind.strip_prefix("Sourcing") {
            let specificity = match rest {
                "" => None,
                "_Named" => Some(Specificity::Named),
                "_Unnamed" => Some(Specificity::Unnamed),
                "_Vague" => Some(Specificity::Vague),
                _ => {
                    self.report.skip(format!("relations of type {kind}"));
                    return;
                }
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

    fn attribute(&mut self, name: &str, target: &str, value: Option<&String>) {
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
    fn entities(&mut self, groups: &[Vec<String>], refs: &[(String, String, String)]) {
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

    fn note(&mut self, id: &str, target: &str, text: &str) {
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

/// Whose a converted file is: the annotator, and what glossator's export kept beside it (whose
/// annotator, when there, wins).
#[derive(Debug, Clone, Copy)]
pub struct Owner<'a> {
    pub annotator: &'a str,
    pub meta: Option<&'a DocMeta>,
}

/// Converts one `.ann` against its text.
pub fn convert(
    ann_path: &Path,
    source: &str,
    raw_text: &str,
    article: &Article,
    (mapping, schema): (&Mapping, &Schema),
    owner: Owner<'_>,
) -> anyhow::Result<(Annotations, FileReport)> {
    let lines = parse(ann_path, source)?;
    let meta = owner.meta;
    let annotator = meta.map_or(owner.annotator, |m| m.annotator.as_str());
    let mut c = Converter {
        ann_path,
        source,
        article,
        raw: RawOffsets::new(raw_text),
        mapping,
        schema,
        annotations: Annotations::new(
            ArticleRef {
                path: String::new(),
                sha256: article.sha256.clone(),
                chars: article.char_count(),
            },
            annotator,
        ),
        report: FileReport {
            ann: ann_path.to_path_buf(),
            annotator: annotator.to_owned(),
            ..FileReport::default()
        },
        mention_of: HashMap::new(),
        link_of: HashMap::new(),
        next_mention: 1,
        meta,
        entity_ids: Vec::new(),
        meta_links: Vec::new(),
        flags: Vec::new(),
    };
    for l in &lines {
        if let Ann::Text {
            line,
            id,
            kind,
            fragments,
            text,
        } = l
        {
            c.text_bound(*line, id, kind, fragments, text)?;
        }
    }
    let (mut groups, mut refs) = (Vec::new(), Vec::new());
    for l in &lines {
        match l {
            Ann::Event { id, kind, args, .. } => c.event(id, kind, args),
            Ann::Relation { id, kind, args, .. } => c.relation(id, kind, args),
            Ann::Attribute {
                name,
                target,
                value,
                ..
            } => c.attribute(name, target, value.as_ref()),
            Ann::Equiv { ids, .. } => groups.push(ids.clone()),
            Ann::Normalization {
                target, kb, text, ..
            } => refs.push((target.clone(), kb.clone(), text.clone())),
            Ann::Text { .. } | Ann::Note { .. } => {}
        }
    }
    if meta.is_some() {
        // The manifest has every entity whole; Equiv and N lines say less of the same.
        c.restore_entities();
        c.restore_agents();
        c.restore_links();
    } else {
        c.entities(&groups, &refs);
    }
    for l in &lines {
        if let Ann::Note {
            id, target, text, ..
        } = l
        {
            c.note(id, target, text);
        }
    }
    c.restore_notes();
    c.flag_notes();
    c.annotations.status = match meta {
        Some(m) => manifest::status_of(&m.status).unwrap_or_else(|| {
            c.report
                .skip(format!("a status {:?} glossator does not know", m.status));
            Status::Done
        }),
        None => Status::Done,
    };
    c.annotations.sort();
    let mut problems = check(&c.annotations, &article.text);
    problems.extend(schema.check(&c.annotations));
    if let Some(p) = problems.first() {
        anyhow::bail!(
            "{}: the converted annotations break a rule: {p} ({} problem(s) in all); nothing of this file was written",
            ann_path.display(),
            problems.len()
        );
    }
    Ok((c.annotations, c.report))
}

/// Whether any `.ann` below `dir` uses PolNeAR's `Content` type.
pub fn looks_like_polnear(dir: &Path) -> bool {
    let files = ann_files(dir).map(|l| l.found).unwrap_or_default();
    files.iter().any(|f| {
        std::fs::read_to_string(f).is_ok_and(|s| {
            s.lines().any(|l| {
                l.split('\t')
                    .nth(1)
                    .is_some_and(|b| b.starts_with("Content "))
            })
        })
    })
}

/// What [`import_dir`] did: the files imported, those that failed, and the entries of the
/// folder it passed over (links).
#[derive(Debug, Default)]
pub struct Imported {
    pub done: Vec<FileReport>,
    pub failed: Vec<ImportError>,
    pub skipped: Vec<Skipped>,
}

/// The manifest glossator's export leaves at the top of `dir`, when there is one.
pub fn read_manifest(dir: &Path) -> anyhow::Result<Option<Manifest>> {
    let path = dir.join(manifest::FILE);
    if !own_file(&path)? {
        return Ok(None);
    }
    let text = crate::input::read_text(&path, "brat export manifest", crate::input::BRAT_LIMIT)?;
    let m: Manifest = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}:{}:{}: {e}; it is the file glossator's brat export writes: export again, or \
             remove it to import the folder as plain brat",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    if m.format != manifest::FORMAT || m.version != 1 {
        anyhow::bail!(
            "{}: format {:?} version {} is not one this glossator reads ({:?} version 1); \
             export again with this version",
            path.display(),
            m.format,
            m.version,
            manifest::FORMAT
        );
    }
    Ok(Some(m))
}

/// The manifest's name for the document of `ann`: its path below `dir`, without `.ann`.
fn doc_key(dir: &Path, ann: &Path) -> Option<String> {
    let rel = ann.strip_prefix(dir).ok()?.with_extension("");
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}

/// Imports every `.ann` below `dir` into `project`. Files that fail are reported and
/// skipped; nothing already in the project is overwritten.
pub fn import_dir(
    dir: &Path,
    project: &Project,
    mapping: &Mapping,
    schema: &Schema,
    default_annotator: &str,
) -> anyhow::Result<Imported> {
    let listing = ann_files(dir)?;
    let files = listing.found;
    if files.is_empty() {
        anyhow::bail!(
            "{}: no .ann files here; nothing was imported",
            dir.display()
        );
    }
    let manifest = read_manifest(dir)?;
    let mut out = Imported {
        skipped: listing.skipped,
        ..Imported::default()
    };
    for ann in files {
        let meta = manifest
            .as_ref()
            .zip(doc_key(dir, &ann))
            .and_then(|(m, key)| m.documents.get(&key));
        match import_one(&ann, project, mapping, schema, default_annotator, meta) {
            Ok(r) => out.done.push(r),
            Err(error) => out.failed.push(ImportError { ann, error }),
        }
    }
    Ok(out)
}

/// One `.ann` read against its text (beside it, or in a sibling `text/` folder): the text's
/// file, the article and the converted annotations.
pub fn read_one(
    ann: &Path,
    mapping: &Mapping,
    schema: &Schema,
    default_annotator: &str,
) -> anyhow::Result<(PathBuf, Article, Annotations, FileReport)> {
    read_with(ann, mapping, schema, default_annotator, None)
}

fn read_with(
    ann: &Path,
    mapping: &Mapping,
    schema: &Schema,
    default_annotator: &str,
    meta: Option<&DocMeta>,
) -> anyhow::Result<(PathBuf, Article, Annotations, FileReport)> {
    let found = match meta {
        // glossator wrote the text beside each `.ann`, under the same name.
        Some(m) => {
            let txt = ann.with_extension("txt");
            annotator::check(&m.annotator, &NameSource::BratFile(ann.to_path_buf()))?;
            own_file(&txt)?.then_some((txt, None))
        }
        None => text_for(ann)?,
    };
    let (txt, code) = found.ok_or_else(|| {
        anyhow::anyhow!(
            "{}: no .txt with the same name beside it (or in a sibling text/ folder)",
            ann.display()
        )
    })?;
    let source = crate::input::read_text(ann, "brat annotation file", crate::input::BRAT_LIMIT)?;
    let bytes =
        std::fs::read(&txt).map_err(|e| anyhow::anyhow!("{}: cannot read: {e}", txt.display()))?;
    let article = Article::from_bytes(&txt, &bytes)?;
    let raw = String::from_utf8_lossy(&bytes);
    let annotator = match code {
        Some(code) => {
            annotator::check(&code, &NameSource::BratFile(ann.to_path_buf()))?;
            code
        }
        None => default_annotator.to_owned(),
    };
    let owner = Owner {
        annotator: &annotator,
        meta,
    };
    let (annotations, report) = convert(ann, &source, &raw, &article, (mapping, schema), owner)?;
    Ok((txt, article, annotations, report))
}

/// The `.ann` files below `dir`, sorted, and the links passed over.
pub fn ann_files_below(dir: &Path) -> Result<Listing<PathBuf>, WalkError> {
    ann_files(dir)
}

fn import_one(
    ann: &Path,
    project: &Project,
    mapping: &Mapping,
    schema: &Schema,
    default_annotator: &str,
    meta: Option<&DocMeta>,
) -> anyhow::Result<FileReport> {
    let (txt, article, mut annotations, mut report) =
        read_with(ann, mapping, schema, default_annotator, meta)?;
    let stem = match meta {
        Some(m) => m
            .article
            .strip_suffix(".txt")
            .unwrap_or(&m.article)
            .to_owned(),
        None => txt
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    // Only an article this file can be attached to is added: the same text, or a new one.
    let name = match project.add_text(&stem, &article.text)? {
        Added::New(n) | Added::Duplicate(n) => n,
    };
    let target = project.writable_annotation_path(&annotations.annotator, &name)?;
    if target.exists() {
        anyhow::bail!(
            "{}: {} exists already and was left as it is; remove it to import again",
            ann.display(),
            target.display()
        );
    }
    annotations.article.path.clone_from(&name);
    store::session::write_once(&target, &annotations, &article, None)?;
    report.written = target;
    report.article = name;
    Ok(report)
}
