//! What a project holds, article by article and annotator by annotator: status and counts,
//! read from the annotation files without resolving them against their texts, so a whole
//! corpus is summarised quickly. The corpus browser and `glossator stats DIR` show this.

pub mod cache;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{GOLD, Project};
use crate::model::Status;
use crate::store;

/// One annotator's file for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    pub status: String,
    pub mentions: usize,
    pub labels: BTreeMap<String, usize>,
    pub entities: usize,
    pub attributions: usize,
    pub sourcings: usize,
    pub stances: usize,
    pub polarities: BTreeMap<String, usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleSummary {
    /// The file name in `articles/`.
    pub name: String,
    /// Its first line.
    pub title: String,
    /// By annotator.
    pub files: BTreeMap<String, FileSummary>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub project: String,
    pub annotators: Vec<String>,
    pub articles: Vec<ArticleSummary>,
    /// Annotation files that could not be read, with the reason.
    pub unreadable: Vec<String>,
    /// What the walk of the project's folders passed over (links, folders that are no
    /// annotator's), with the reason.
    pub skipped: Vec<String>,
    /// Who each article is given to (`assignments.ron`; see [`super::assign`]).
    pub assigned: BTreeMap<String, std::collections::BTreeSet<String>>,
}

/// The status words, in workflow order.
pub const STATUSES: [&str; 4] = ["todo", "in-progress", "done", "reviewed"];

pub fn status_word(s: Status) -> String {
    s.to_string()
}

fn title_of(path: &Path) -> String {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| std::io::BufReader::new(f).lines().next())
        .and_then(Result::ok)
        .map(|l| l.trim_start_matches('\u{feff}').trim().to_owned())
        .unwrap_or_default()
}

fn summarise(path: &Path) -> Result<FileSummary, String> {
    let parsed = store::read(path).map_err(|d| d.to_string())?.file;
    let mut s = FileSummary {
        status: status_word(parsed.status.into()),
        mentions: parsed.mentions.len(),
        entities: parsed.entities.len(),
        attributions: parsed.attributions.len(),
        sourcings: parsed.sourcings.len(),
        stances: parsed.stances.len(),
        ..FileSummary::default()
    };
    for m in &parsed.mentions {
        *s.labels.entry(m.label.clone()).or_default() += 1;
    }
    for st in &parsed.stances {
        *s.polarities.entry(st.polarity.clone()).or_default() += 1;
    }
    Ok(s)
}

type Title = (Option<cache::Stamp>, String, bool);
type Read = (
    String,
    Option<cache::Stamp>,
    Result<FileSummary, String>,
    bool,
);

/// Writes the cache of what was found: every file whose stamp could be taken.
fn write_cache(path: &Path, names: &[String], titles: &[Title], read: &[Read]) {
    let mut fresh = cache::Cache::default();
    for (name, (stamp, title, _)) in names.iter().zip(titles) {
        if let Some(stamp) = stamp {
            fresh.articles.insert(name.clone(), (*stamp, title.clone()));
        }
    }
    for (key, stamp, summary, _) in read {
        if let Some(stamp) = stamp {
            fresh.files.insert(key.clone(), (*stamp, summary.clone()));
        }
    }
    fresh.write(path);
}

/// `f` of every item, in order, spread over the machine's cores.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    par_map_into(items.iter().collect(), f)
}

/// `f` of every item, moved into it, in order, spread over the machine's cores.
pub(crate) fn par_map_into<T: Send, R: Send>(
    mut items: Vec<T>,
    f: impl Fn(T) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads < 2 || items.len() < 64 {
        return items.into_iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let mut parts = Vec::with_capacity(threads);
    while items.len() > chunk {
        parts.push(items.split_off(items.len() - chunk));
    }
    parts.push(items);
    parts.reverse();
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(|| part.into_iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

impl Summary {
    /// Reads the project, taking what has not changed since the last time from its cache
    /// (see [`cache`]) and writing the cache again when anything had.
    pub fn load(project: &Project) -> Self {
        Self::load_with(project, Some(&cache::path(&project.root)))
    }

    /// Reads the project; with `cache`, a file whose size, modification time and inode are
    /// those recorded there is not read again.
    pub fn load_with(project: &Project, cache_path: Option<&Path>) -> Self {
        let old = cache_path.map(cache::Cache::read).unwrap_or_default();
        let articles_dir = project.articles_dir();
        let listing = project.list_articles();
        let mut skipped: Vec<String> = listing.skipped.iter().map(ToString::to_string).collect();
        let names = listing.found;
        // Each file's stamp and, when the cache's entry still matches it, that entry
        // (`true`) or what reading it again gave (`false`), on every core.
        let titles = par_map(&names, |n| {
            let stamp = cache::Stamp::of(&articles_dir.join(n));
            match (&stamp, old.articles.get(n)) {
                (Some(now), Some((then, title))) if now == then => (stamp, title.clone(), true),
                _ => (stamp, title_of(&articles_dir.join(n)), false),
            }
        });
        let listing = project.list_annotation_files();
        skipped.extend(listing.skipped.iter().map(ToString::to_string));
        let files = listing.found;
        let read = par_map(&files, |f| {
            let key = cache::key(&f.annotator, &f.article);
            let stamp = cache::Stamp::of(&f.path);
            match (&stamp, old.files.get(&key)) {
                (Some(now), Some((then, s))) if now == then => (key, stamp, s.clone(), true),
                _ => (key, stamp, summarise(&f.path), false),
            }
        });
        // The cache is written again only when an entry was read anew, or one it holds is
        // of a file no longer there; when nothing changed, nothing is copied for it.
        let unchanged = |found: usize, kept: usize, held: usize| found == kept && kept == held;
        let changed = !unchanged(
            names.len(),
            titles.iter().filter(|t| t.2 && t.0.is_some()).count(),
            old.articles.len(),
        ) || !unchanged(
            files.len(),
            read.iter().filter(|r| r.3 && r.1.is_some()).count(),
            old.files.len(),
        );
        drop(old);
        if let Some(path) = cache_path
            && changed
        {
            write_cache(path, &names, &titles, &read);
        }
        let mut articles: BTreeMap<String, ArticleSummary> = names
            .into_iter()
            .zip(titles)
            .map(|(name, (_, title, _))| {
                let article = ArticleSummary {
                    name: name.clone(),
                    title,
                    files: BTreeMap::new(),
                };
                (name, article)
            })
            .collect();
        let mut annotators = Vec::new();
        let mut unreadable = Vec::new();
        for (f, (_, _, summary, _)) in files.into_iter().zip(read) {
            if !annotators.contains(&f.annotator) {
                annotators.push(f.annotator.clone());
            }
            let s = match summary {
                Ok(s) => s,
                Err(why) => {
                    unreadable.push(why);
                    continue;
                }
            };
            articles
                .entry(f.article.clone())
                .or_insert_with(|| ArticleSummary {
                    name: f.article.clone(),
                    title: String::new(),
                    files: BTreeMap::new(),
                })
                .files
                .insert(f.annotator, s);
        }
        annotators.sort();
        let assigned = match super::assign::Assignments::load(project) {
            Ok(a) => a.0,
            Err(d) => {
                unreadable.push(d.to_string());
                BTreeMap::new()
            }
        };
        Self {
            project: project.config.name.clone(),
            annotators,
            articles: articles.into_values().collect(),
            unreadable,
            skipped,
            assigned,
        }
    }

    /// How many articles `annotator` has at each status: an article without a file is todo;
    /// once articles are assigned, only those given to `annotator` are.
    pub fn progress(&self, annotator: &str) -> BTreeMap<&'static str, usize> {
        let mut out: BTreeMap<&'static str, usize> = STATUSES.iter().map(|s| (*s, 0)).collect();
        for a in &self.articles {
            if !a.files.contains_key(annotator)
                && !self.assigned.is_empty()
                && !self
                    .assigned
                    .get(&a.name)
                    .is_some_and(|w| w.contains(annotator))
            {
                continue;
            }
            let status = a.files.get(annotator).map_or("todo", |f| f.status.as_str());
            let key = STATUSES
                .iter()
                .find(|s| **s == status)
                .copied()
                .unwrap_or("todo");
            *out.entry(key).or_default() += 1;
        }
        out
    }

    /// The annotators, gold left out: gold is the adjudicated copy, nobody's work.
    pub fn team(&self) -> impl Iterator<Item = &String> {
        self.annotators.iter().filter(|a| *a != GOLD)
    }

    /// How many articles have a gold file.
    pub fn gold_articles(&self) -> usize {
        self.articles
            .iter()
            .filter(|a| a.files.contains_key(GOLD))
            .count()
    }

    /// "6 annotators, gold on 40 articles": who works on the project, gold named apart.
    pub fn team_line(&self) -> String {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let n = self.team().count();
        let gold = self.gold_articles();
        if gold == 0 {
            format!("{n} annotator{}", plural(n))
        } else {
            format!(
                "{n} annotator{}, gold on {gold} article{}",
                plural(n),
                plural(gold)
            )
        }
    }

    /// Sum of every file of `annotator` (of every annotator, gold left out, when `None`).
    pub fn totals(&self, annotator: Option<&str>) -> FileSummary {
        let mut t = FileSummary::default();
        for f in self
            .articles
            .iter()
            .flat_map(|a| a.files.iter())
            .filter(|(who, _)| annotator.map_or(who.as_str() != GOLD, |x| x == who.as_str()))
            .map(|(_, f)| f)
        {
            t.mentions += f.mentions;
            t.entities += f.entities;
            t.attributions += f.attributions;
            t.sourcings += f.sourcings;
            t.stances += f.stances;
            for (k, v) in &f.labels {
                *t.labels.entry(k.clone()).or_default() += v;
            }
            for (k, v) in &f.polarities {
                *t.polarities.entry(k.clone()).or_default() += v;
            }
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::par_map_into;

    #[test]
    fn mapping_on_every_core_keeps_the_order_and_every_item() {
        for n in [0, 1, 63, 64, 65, 1001] {
            let items: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let mapped = par_map_into(items, |s| s.parse::<usize>().unwrap() * 2);
            assert_eq!(
                mapped,
                (0..n).map(|i| i * 2).collect::<Vec<_>>(),
                "{n} items"
            );
        }
    }
}
