//! Agreement from the agreement cache: for each annotation file, what it contributes to the
//! alphas ([`FilePart`]) and its status, and for each pair of files of one article, what they
//! contribute to their pair ([`PairPart`]), with the stamps (size, modification time, inode)
//! of the files and of their article. An article whose files and pairs all still match is
//! not read again; the others are read and measured anew. The figures then add the parts up
//! in article order, the same sums as reading every file gives. A damaged or older cache, or
//! one made under another schema, is read as empty and rebuilt. It is
//! `.cache/agreement.bin` beside the summary cache.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::agree::measures::show;
use crate::agree::parts::{
    FilePart, PairPart, PairSum, file_part, pair_part, token_alpha_of, unitizing_alpha_of,
};
use crate::agree::progress::Progress;
use crate::project::summary::cache::{Stamp, key};
use crate::project::summary::par_map;
use crate::project::{AnnotationFile, Project};
use crate::schema::Schema;
use crate::tui::agreement::Agreement;

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 2;

/// What agreement needs of one file that could be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub annotator: String,
    /// The article's name, as the file names it.
    pub article: String,
    pub status: String,
    /// Whether anything is marked in it (files with nothing are left out, and gold's).
    pub marked: bool,
    pub gold: bool,
    pub part: FilePart,
}

/// A file: its stamp, its article's, and what it holds (`None`: it could not be read).
type FileSlot = (Stamp, Option<Stamp>, Option<FileEntry>);
/// A pair of files of one article: both stamps, the article's, and their part.
type PairSlot = (Stamp, Stamp, Option<Stamp>, PairPart);

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    schema: String,
    files: BTreeMap<String, FileSlot>,
    /// By "a|b|article", A before B.
    pairs: BTreeMap<String, PairSlot>,
}

/// The agreement cache of the project in `root`.
pub fn path(root: &Path) -> PathBuf {
    root.join(".cache").join("agreement.bin")
}

fn pair_key(a: &str, b: &str, article: &str) -> String {
    format!("{a}|{b}|{article}")
}

impl Cache {
    fn read(path: &Path, schema: &str) -> Self {
        crate::project::summary::cache::read_cache::<Self>(path)
            .filter(|c| c.version == VERSION && c.schema == schema)
            .unwrap_or_default()
    }

    /// Written atomically; a cache that cannot be written costs time, not work.
    fn write(&self, path: &Path) {
        crate::project::summary::cache::write_cache(path, self);
    }
}

/// One article's files (gold left out) with their stamps.
struct Group<'a> {
    files: Vec<(&'a AnnotationFile, Option<Stamp>)>,
    article: Option<Stamp>,
}

/// What one article gives: its files' slots and its pairs', and whether they were kept.
type Found = (
    Vec<(String, Option<FileSlot>)>,
    Vec<(String, PairSlot)>,
    bool,
);

/// The article's slots from `old` when every one still matches.
fn kept(group: &Group<'_>, old: &Cache) -> Option<Found> {
    let mut files = Vec::new();
    for (f, stamp) in &group.files {
        let k = key(&f.annotator, &f.article);
        let (then, then_article, entry) = old.files.get(&k)?;
        if *stamp != Some(*then) || group.article != *then_article {
            return None;
        }
        files.push((k, Some((*then, *then_article, entry.clone()))));
    }
    let mut pairs = Vec::new();
    let marked: Vec<(&FileEntry, Stamp)> = files
        .iter()
        .filter_map(|(_, s)| s.as_ref())
        .filter_map(|(s, _, e)| e.as_ref().filter(|e| e.marked && !e.gold).map(|e| (e, *s)))
        .collect();
    for (i, (a, sa)) in marked.iter().enumerate() {
        for (b, sb) in &marked[i + 1..] {
            let k = pair_key(&a.annotator, &b.annotator, &a.article);
            let slot = old.pairs.get(&k)?;
            if slot.0 != *sa || slot.1 != *sb || slot.2 != group.article {
                return None;
            }
            pairs.push((k, slot.clone()));
        }
    }
    Some((files, pairs, true))
}

/// The article's files read against it, and every pair of those with something marked.
fn measure_anew(group: &Group<'_>, schema: &Schema, labels: &[String]) -> Found {
    let docs: Vec<(String, Option<Stamp>, Option<crate::export::Doc>)> = group
        .files
        .iter()
        .map(|(f, stamp)| {
            (
                key(&f.annotator, &f.article),
                *stamp,
                crate::export::load_doc(&f.path, schema).ok(),
            )
        })
        .collect();
    let mut files = Vec::new();
    for (k, stamp, doc) in &docs {
        let entry = doc.as_ref().map(|d| FileEntry {
            annotator: d.annotations.annotator.clone(),
            article: d.name.clone(),
            status: d.annotations.status.to_string(),
            marked: crate::agree::measures::has_annotations(&d.annotations),
            gold: d.is_gold(),
            part: file_part(&d.article, &d.annotations, labels),
        });
        files.push((k.clone(), stamp.map(|s| (s, group.article, entry))));
    }
    let marked: Vec<(&crate::export::Doc, Stamp)> = docs
        .iter()
        .filter_map(|(_, s, d)| Some(((*d).as_ref()?, (*s)?)))
        .filter(|(d, _)| !d.is_gold() && crate::agree::measures::has_annotations(&d.annotations))
        .collect();
    let mut pairs = Vec::new();
    for (i, (a, sa)) in marked.iter().enumerate() {
        for (b, sb) in &marked[i + 1..] {
            let (aa, ba) = (&a.annotations, &b.annotations);
            pairs.push((
                pair_key(&aa.annotator, &ba.annotator, &a.name),
                (
                    *sa,
                    *sb,
                    group.article,
                    pair_part(&a.name, &a.article, aa, ba, labels),
                ),
            ));
        }
    }
    (files, pairs, false)
}

/// Every file's entry, every pair's part by [`pair_key`], and how many files came from the
/// cache and how many were read.
type Gathered = (Vec<FileEntry>, BTreeMap<String, PairPart>, usize, usize);

/// Every file's entry and every pair's part, from the cache where they still match, read and
/// measured anew elsewhere (on every core, one step of `progress` per article); the cache is
/// written again when anything changed. `None` when stopped.
fn gather(
    project: &Project,
    schema: &Schema,
    labels: &[String],
    progress: &Progress,
) -> Option<Gathered> {
    let fingerprint = serde_json::to_string(schema).unwrap_or_default();
    let at = path(&project.root);
    let old = Cache::read(&at, &fingerprint);
    let mut files = project.annotation_files();
    files.retain(|f| f.annotator != crate::project::GOLD);
    // Sorted by article, then annotator: each article's files together.
    files.sort_by(|a, b| (&a.article, &a.annotator).cmp(&(&b.article, &b.annotator)));
    let stamps = par_map(&files, |f| Stamp::of(&f.path));
    let articles = project.articles_dir();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (f, stamp) in files.iter().zip(stamps) {
        match groups.last_mut() {
            Some(g) if g.files[0].0.article == f.article => g.files.push((f, stamp)),
            _ => groups.push(Group {
                files: vec![(f, stamp)],
                article: Stamp::of(&articles.join(&f.article)),
            }),
        }
    }
    // One step per article, then one per label for each alpha (see [`measure`]).
    progress.expect(groups.len() + 2 * labels.len());
    let found: Vec<Option<Found>> = par_map(&groups, |g| {
        if progress.stopped() {
            return None;
        }
        progress.step();
        Some(kept(g, &old).unwrap_or_else(|| measure_anew(g, schema, labels)))
    });
    let found: Vec<Found> = found.into_iter().collect::<Option<_>>()?;
    let (mut kept_n, mut read_n) = (0, 0);
    let mut fresh = Cache {
        version: VERSION,
        schema: fingerprint,
        ..Cache::default()
    };
    for (fs, ps, was_kept) in found {
        let n = fs.len();
        if was_kept {
            kept_n += n;
        } else {
            read_n += n;
        }
        for (k, slot) in fs {
            if let Some(slot) = slot {
                fresh.files.insert(k, slot);
            }
        }
        fresh.pairs.extend(ps);
    }
    let unchanged =
        read_n == 0 && fresh.files.len() == old.files.len() && fresh.pairs.len() == old.pairs.len();
    drop(old);
    if !unchanged {
        fresh.write(&at);
    }
    let entries: Vec<FileEntry> = fresh.files.into_values().filter_map(|s| s.2).collect();
    let pairs = fresh.pairs.into_iter().map(|(k, s)| (k, s.3)).collect();
    Some((entries, pairs, kept_n, read_n))
}

/// Agreement over the project: files with nothing marked left out, and only those at
/// `status` when given. `None` when stopped; also how many files came from the cache and
/// how many were read.
pub fn measure(
    project: &Project,
    schema: &Schema,
    status: Option<&str>,
    progress: &Progress,
) -> Option<(Result<Agreement, String>, (usize, usize))> {
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let (entries, pairs, kept, read) = gather(project, schema, &labels, progress)?;
    let chosen: Vec<&FileEntry> = entries
        .iter()
        .filter(|e| e.marked && !e.gold && status.is_none_or(|s| e.status == s))
        .collect();
    let mut annotators: Vec<String> = chosen.iter().map(|e| e.annotator.clone()).collect();
    annotators.sort();
    annotators.dedup();
    if annotators.len() < 2 {
        let why = format!(
            "agreement needs two annotators' files; this project has {}",
            annotators.len()
        );
        return Some((Err(why), (kept, read)));
    }
    // By article name, one slot per annotator.
    let mut by_article: BTreeMap<&str, Vec<Option<&FileEntry>>> = BTreeMap::new();
    for e in &chosen {
        let slots = by_article
            .entry(e.article.as_str())
            .or_insert_with(|| vec![None; annotators.len()]);
        if let Some(i) = annotators.iter().position(|w| *w == e.annotator)
            && slots[i].is_none()
        {
            slots[i] = Some(e);
        }
    }
    let mut out = Vec::new();
    for i in 0..annotators.len() {
        for j in i + 1..annotators.len() {
            let mut sum = PairSum::new((&annotators[i], &annotators[j]));
            for (name, slots) in &by_article {
                if slots[i].is_some()
                    && slots[j].is_some()
                    && let Some(part) = pairs.get(&pair_key(&annotators[i], &annotators[j], name))
                {
                    sum.add(part);
                }
            }
            out.push(sum.finish());
        }
    }
    let parts: Vec<Vec<Option<&FilePart>>> = by_article
        .values()
        .map(|slots| slots.iter().map(|s| s.map(|e| &e.part)).collect())
        .collect();
    // Each label on its own, so that how far it got shows and a stop is seen.
    let mut alpha = BTreeMap::new();
    let mut alpha_u = BTreeMap::new();
    for l in &labels {
        if progress.stopped() {
            return None;
        }
        alpha.insert(l.clone(), show(&token_alpha_of(&parts, l)));
        progress.step();
        alpha_u.insert(l.clone(), show(&unitizing_alpha_of(&parts, l)));
        progress.step();
    }
    Some((Ok(Agreement::of_parts(out, alpha, alpha_u)), (kept, read)))
}
