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

mod converter;
mod flags;
mod restore;

use converter::Converter;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use super::manifest::{self, DocMeta, Manifest};
pub use super::mapping::{EventRoles, Mapping};
use super::parse::{Ann, parse};
use crate::model::{Annotations, ArticleRef, Status, check};
use crate::project::{
    Added, Listing, NameSource, Project, Skipped, WalkError, annotator, files_in_folder,
};
use crate::schema::Schema;
use crate::store;
use crate::text::Article;
use crate::text::RawOffsets;

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
