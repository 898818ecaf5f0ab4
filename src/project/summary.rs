//! What a project holds, article by article and annotator by annotator: status and counts,
//! read from the annotation files without resolving them against their texts, so a whole
//! corpus is summarised quickly. The corpus browser and `glossator stats DIR` show this.

use std::collections::BTreeMap;
use std::io::BufRead;

use serde::Serialize;

use super::Project;
use crate::model::Status;
use crate::store;

/// One annotator's file for one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
}

/// The status words, in workflow order.
pub const STATUSES: [&str; 4] = ["todo", "in progress", "done", "reviewed"];

pub fn status_word(s: Status) -> String {
    s.to_string()
}

fn title_of(path: &std::path::Path) -> String {
    std::fs::File::open(path)
        .ok()
        .and_then(|f| std::io::BufReader::new(f).lines().next())
        .and_then(Result::ok)
        .map(|l| l.trim_start_matches('\u{feff}').trim().to_owned())
        .unwrap_or_default()
}

impl Summary {
    pub fn load(project: &Project) -> Self {
        let mut articles: BTreeMap<String, ArticleSummary> = project
            .articles()
            .into_iter()
            .map(|name| {
                let title = title_of(&project.articles_dir().join(&name));
                (
                    name.clone(),
                    ArticleSummary {
                        name,
                        title,
                        files: BTreeMap::new(),
                    },
                )
            })
            .collect();
        let mut annotators = Vec::new();
        let mut unreadable = Vec::new();
        for f in project.annotation_files() {
            if !annotators.contains(&f.annotator) {
                annotators.push(f.annotator.clone());
            }
            let parsed = match store::read(&f.path) {
                Ok(p) => p.file,
                Err(d) => {
                    unreadable.push(d.to_string());
                    continue;
                }
            };
            let mut s = FileSummary {
                status: status_word(parsed.status),
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
        Self {
            project: project.config.name.clone(),
            annotators,
            articles: articles.into_values().collect(),
            unreadable,
        }
    }

    /// How many articles `annotator` has at each status (an article without a file is todo).
    pub fn progress(&self, annotator: &str) -> BTreeMap<&'static str, usize> {
        let mut out: BTreeMap<&'static str, usize> = STATUSES.iter().map(|s| (*s, 0)).collect();
        for a in &self.articles {
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

    /// Sum of every file of `annotator` (all annotators when `None`).
    pub fn totals(&self, annotator: Option<&str>) -> FileSummary {
        let mut t = FileSummary::default();
        for f in self
            .articles
            .iter()
            .flat_map(|a| a.files.iter())
            .filter(|(who, _)| annotator.is_none_or(|x| x == who.as_str()))
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
