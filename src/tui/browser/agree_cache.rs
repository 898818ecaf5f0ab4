//! Agreement from the agreement cache: for each annotation file, what it contributes to the
//! alphas ([`FilePart`]) and its status, and for each pair of files of one article, what they
//! contribute to their pair ([`PairPart`]), with the stamps (size, modification time, inode)
//! of the files and of their article. An article whose files and pairs all still match is
//! not read again; the others are read and measured anew. The figures then add the parts up
//! in article order, the same sums as reading every file gives. A damaged or older cache, or
//! one made under another schema, is read as empty and rebuilt. It is
//! `.cache/agreement.bin` beside the summary cache; beside it, the figures last worked out
//! (each pair's sums and the alphas, a few kilobytes) are shown again without reading the
//! parts while no file or article has changed. Both are written after the figures are shown.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::agree::measures::show;
use crate::agree::parts::{
    FilePart, PairPart, PairSum, article_tokens, file_part_on, pair_part, token_alpha_of,
    unitizing_alpha_of,
};
use crate::agree::progress::Progress;
use crate::project::summary::cache::{Stamp, key};
use crate::project::summary::par_map;
use crate::project::{AnnotationFile, Project};
use crate::schema::Schema;
use crate::tui::agreement::Agreement;

/// Bumped whenever what is cached changes meaning.
const VERSION: u32 = 3;

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

/// What one article gives when read: its files' slots and its pairs'.
type Found = (Vec<(String, Option<FileSlot>)>, Vec<(String, PairSlot)>);

/// One article: its keys in the old cache when all of them still match, else read anew.
enum Got {
    Kept(Vec<String>, Vec<String>),
    Read(Found),
}

/// The keys of the article's files and pairs in `old` when every one still matches.
fn kept(group: &Group<'_>, old: &Cache) -> Option<(Vec<String>, Vec<String>)> {
    let mut files = Vec::new();
    let mut marked: Vec<(&FileEntry, Stamp)> = Vec::new();
    for (f, stamp) in &group.files {
        let k = key(&f.annotator, &f.article);
        let (then, then_article, entry) = old.files.get(&k)?;
        if *stamp != Some(*then) || group.article != *then_article {
            return None;
        }
        if let Some(e) = entry.as_ref().filter(|e| e.marked && !e.gold) {
            marked.push((e, *then));
        }
        files.push(k);
    }
    let mut pairs = Vec::new();
    for (i, (a, sa)) in marked.iter().enumerate() {
        for (b, sb) in &marked[i + 1..] {
            let k = pair_key(&a.annotator, &b.annotator, &a.article);
            let slot = old.pairs.get(&k)?;
            if slot.0 != *sa || slot.1 != *sb || slot.2 != group.article {
                return None;
            }
            pairs.push(k);
        }
    }
    Some((files, pairs))
}

/// The article's files read against it, and every pair of those with something marked.
fn measure_anew(group: &Group<'_>, schema: &Schema, labels: &[String]) -> Found {
    // The article is read once for all its files.
    let mut last = crate::export::LastArticle::default();
    let docs: Vec<(String, Option<Stamp>, Option<crate::export::Doc>)> = group
        .files
        .iter()
        .map(|(f, stamp)| {
            (
                key(&f.annotator, &f.article),
                *stamp,
                crate::export::load_doc_sharing(&f.path, schema, &mut last).ok(),
            )
        })
        .collect();
    let mut files = Vec::new();
    // The article's tokens, worked out once for all its files (by its text's hash).
    let mut tokens: Option<(&str, Vec<std::ops::Range<usize>>)> = None;
    for (k, stamp, doc) in &docs {
        let entry = doc.as_ref().map(|d| {
            let toks = match tokens.take() {
                Some((sha, t)) if sha == d.article.sha256 => (sha, t),
                _ => (d.article.sha256.as_str(), article_tokens(&d.article)),
            };
            let part = file_part_on(&toks.1, &d.article, &d.annotations, labels);
            tokens = Some(toks);
            FileEntry {
                annotator: d.annotations.annotator.clone(),
                article: d.name.clone(),
                status: d.annotations.status.to_string(),
                marked: crate::agree::measures::has_annotations(&d.annotations),
                gold: d.is_gold(),
                part,
            }
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
    (files, pairs)
}

/// The agreement cache brought up to date: from the old one where its articles still
/// match, read and measured anew elsewhere (on every core, one step of `progress` per
/// article); also how many files came from the old cache and how many were read, and
/// whether it differs from the old one. `None` when stopped.
fn gather(
    project: &Project,
    schema: &Schema,
    labels: &[String],
    groups: &[Group<'_>],
    progress: &Progress,
) -> Option<(Cache, usize, usize, bool)> {
    let fingerprint = serde_json::to_string(schema).unwrap_or_default();
    let mut old = Cache::read(&path(&project.root), &fingerprint);
    // One step per article, then one per label for each alpha (see [`measure`]).
    progress.expect(groups.len() + 2 * labels.len());
    let found: Vec<Option<Got>> = par_map(groups, |g| {
        if progress.stopped() {
            return None;
        }
        progress.step();
        Some(kept(g, &old).map_or_else(
            || Got::Read(measure_anew(g, schema, labels)),
            |(fs, ps)| Got::Kept(fs, ps),
        ))
    });
    let found: Vec<Got> = found.into_iter().collect::<Option<_>>()?;
    let (mut kept_n, mut read_n) = (0, 0);
    let (mut kept_files, mut kept_pairs) = (0, 0);
    for got in &found {
        match got {
            Got::Kept(fs, ps) => {
                kept_n += fs.len();
                kept_files += fs.len();
                kept_pairs += ps.len();
            }
            Got::Read((fs, _)) => read_n += fs.len(),
        }
    }
    // Every article kept and nothing else in the old cache: it is the cache, unchanged.
    if read_n == 0 && kept_files == old.files.len() && kept_pairs == old.pairs.len() {
        return Some((old, kept_n, read_n, false));
    }
    let mut fresh = Cache {
        version: VERSION,
        schema: fingerprint,
        ..Cache::default()
    };
    for got in found {
        match got {
            Got::Kept(fs, ps) => {
                for k in fs {
                    if let Some(slot) = old.files.remove(&k) {
                        fresh.files.insert(k, slot);
                    }
                }
                for k in ps {
                    if let Some(slot) = old.pairs.remove(&k) {
                        fresh.pairs.insert(k, slot);
                    }
                }
            }
            Got::Read((fs, ps)) => {
                for (k, slot) in fs {
                    if let Some(slot) = slot {
                        fresh.files.insert(k, slot);
                    }
                }
                fresh.pairs.extend(ps);
            }
        }
    }
    Some((fresh, kept_n, read_n, true))
}

/// The project's annotation files (gold left out) by article, with their stamps and their
/// article's, in article order.
fn scan(project: &Project) -> Vec<AnnotationFile> {
    let mut files = project.annotation_files();
    files.retain(|f| f.annotator != crate::project::GOLD);
    // Sorted by article, then annotator: each article's files together.
    files.sort_by(|a, b| (&a.article, &a.annotator).cmp(&(&b.article, &b.annotator)));
    files
}

/// `files` (from [`scan`]) grouped by article, each with its stamp, on every core.
fn groups<'a>(project: &Project, files: &'a [AnnotationFile]) -> Vec<Group<'a>> {
    let stamps = par_map(files, |f| Stamp::of(&f.path));
    let mut groups: Vec<Group<'_>> = Vec::new();
    for (f, stamp) in files.iter().zip(stamps) {
        match groups.last_mut() {
            Some(g) if g.files[0].0.article == f.article => g.files.push((f, stamp)),
            _ => groups.push(Group {
                files: vec![(f, stamp)],
                article: None,
            }),
        }
    }
    // Each article's stamp, on every core too.
    let articles = project.articles_dir();
    let article_stamps = par_map(&groups, |g| {
        Stamp::of(&articles.join(&g.files[0].0.article))
    });
    for (g, stamp) in groups.iter_mut().zip(article_stamps) {
        g.article = stamp;
    }
    groups
}

/// One number for every file's name and stamp and its article's: the same number means the
/// same files, unchanged.
fn digest(groups: &[Group<'_>]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for g in groups {
        g.article.hash(&mut h);
        for (f, stamp) in &g.files {
            (&f.annotator, &f.article, stamp).hash(&mut h);
        }
    }
    h.finish()
}

/// Every pair's sums and each label's alphas as shown, or why there are none.
type Totals = Result<
    (
        Vec<PairSum>,
        BTreeMap<String, String>,
        BTreeMap<String, String>,
    ),
    String,
>;

/// The figures last worked out, with what they were worked out from: shown again as they
/// are while every file and article has the same stamp (the same [`digest`]), without
/// reading the parts at all. `.cache/agreement-figures.bin`.
#[derive(Debug, Serialize, Deserialize)]
struct Shown {
    version: u32,
    schema: String,
    status: Option<String>,
    files: usize,
    stamps: u64,
    totals: Totals,
}

/// Where [`Shown`] is kept in the project in `root`.
pub fn figures_path(root: &Path) -> PathBuf {
    root.join(".cache").join("agreement-figures.bin")
}

/// The agreement view of `totals`.
fn view(totals: &Totals) -> Result<Agreement, String> {
    totals.clone().map(|(sums, alpha, alpha_u)| {
        Agreement::of_parts(sums.iter().map(PairSum::finish).collect(), alpha, alpha_u)
    })
}

/// The agreement caches brought up to date, to be written once the figures are shown.
#[derive(Debug)]
pub struct Pending {
    root: PathBuf,
    /// The parts, when they changed.
    parts: Option<Cache>,
    shown: Shown,
}

impl Pending {
    /// Writes them (atomically; a cache that cannot be written costs time, not work).
    pub fn write(self) {
        if let Some(parts) = &self.parts {
            parts.write(&path(&self.root));
        }
        crate::project::summary::cache::write_cache(&figures_path(&self.root), &self.shown);
    }
}

/// What measuring gives: the figures (or why there are none), how many files came from
/// the cache and how many were read, and the caches to write when they changed.
pub type Measured = (Result<Agreement, String>, (usize, usize), Option<Pending>);

/// Agreement over the project: files with nothing marked left out, and only those at
/// `status` when given. `None` when stopped.
pub fn measure(
    project: &Project,
    schema: &Schema,
    status: Option<&str>,
    progress: &Progress,
) -> Option<Measured> {
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    let fingerprint = serde_json::to_string(schema).unwrap_or_default();
    let files = scan(project);
    let groups = groups(project, &files);
    let stamps = digest(&groups);
    let last = crate::project::summary::cache::read_cache::<Shown>(&figures_path(&project.root));
    if let Some(last) = last.filter(|l| {
        l.version == VERSION
            && l.schema == fingerprint
            && l.status.as_deref() == status
            && l.files == files.len()
            && l.stamps == stamps
    }) {
        return Some((view(&last.totals), (files.len(), 0), None));
    }
    let (cache, kept, read, changed) = gather(project, schema, &labels, &groups, progress)?;
    let totals = totals(&cache, status, &labels, progress)?;
    let shown = Shown {
        version: VERSION,
        schema: fingerprint,
        status: status.map(str::to_owned),
        files: files.len(),
        stamps,
        totals,
    };
    let figures = view(&shown.totals);
    let pending = Pending {
        root: project.root.clone(),
        parts: changed.then_some(cache),
        shown,
    };
    Some((figures, (kept, read), Some(pending)))
}

/// The figures from the cache's parts, added up in article order.
fn totals(
    cache: &Cache,
    status: Option<&str>,
    labels: &[String],
    progress: &Progress,
) -> Option<Totals> {
    let chosen: Vec<&FileEntry> = cache
        .files
        .values()
        .filter_map(|s| s.2.as_ref())
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
        return Some(Err(why));
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
                    && let Some(slot) =
                        cache
                            .pairs
                            .get(&pair_key(&annotators[i], &annotators[j], name))
                {
                    sum.add(&slot.3);
                }
            }
            out.push(sum);
        }
    }
    let parts: Vec<Vec<Option<&FilePart>>> = by_article
        .values()
        .map(|slots| slots.iter().map(|s| s.map(|e| &e.part)).collect())
        .collect();
    // Each label on its own, on a thread of its own (they share nothing but the parts),
    // so that how far it got shows and a stop is seen.
    let figures: Vec<Option<(String, String)>> = std::thread::scope(|scope| {
        let parts = &parts;
        let handles: Vec<_> = labels
            .iter()
            .map(|l| {
                scope.spawn(move || {
                    if progress.stopped() {
                        return None;
                    }
                    let tokens = show(&token_alpha_of(parts, l));
                    progress.step();
                    let units = show(&unitizing_alpha_of(parts, l));
                    progress.step();
                    Some((tokens, units))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut alpha = BTreeMap::new();
    let mut alpha_u = BTreeMap::new();
    for (l, f) in labels.iter().zip(figures) {
        let (tokens, units) = f?;
        alpha.insert(l.clone(), tokens);
        alpha_u.insert(l.clone(), units);
    }
    Some(Ok((out, alpha, alpha_u)))
}
