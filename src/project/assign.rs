//! Who annotates which article: `assignments.ron` at the project's root, a map from each
//! article's file name to its annotators, sorted, one article per line so that git merges
//! two leads' changes. `glossator assign` writes it; `stats` and the browser show it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Project;
use super::annotator::{NameSource, check};
use crate::diagnostic::Diagnostic;
use crate::store::Disk;

/// The file's name in the project folder.
pub const FILE: &str = "assignments.ron";

/// Article file name -> annotators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Assignments(pub BTreeMap<String, BTreeSet<String>>);

fn path(project: &Project) -> PathBuf {
    project.root.join(FILE)
}

impl Assignments {
    /// The project's assignments; none when it has no `assignments.ron`.
    pub fn load(project: &Project) -> Result<Self, Diagnostic> {
        let path = path(project);
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => {
                return Err(Diagnostic::new(
                    &path,
                    format!("cannot read: {e}"),
                    "check the file's permissions",
                ));
            }
        };
        let out: Self = ron::from_str(&source).map_err(|e| {
            Diagnostic::from_ron(
                &path,
                &source,
                &e,
                "assignments.ron is a map from article to annotators: \
                 {\"story.txt\": [\"alice\", \"bob\"]}",
            )
        })?;
        let folder = NameSource::Folder(path.clone());
        for who in out.0.values().flatten() {
            check(who, &folder).map_err(|e| {
                Diagnostic::new(&path, e.to_string(), "correct the name in the file")
            })?;
        }
        Ok(out)
    }

    /// Writes them, one article per line.
    pub fn save(&self, project: &Project) -> Result<(), Diagnostic> {
        let path = path(project);
        let mut text = String::from(
            "// Who annotates which article; `glossator assign` writes this file.\n{\n",
        );
        for (article, who) in &self.0 {
            if who.is_empty() {
                continue;
            }
            let quote = |s: &str| ron::to_string(s).unwrap_or_default();
            let names: Vec<String> = who.iter().map(|w| quote(w)).collect();
            let _ = writeln!(text, "    {}: [{}],", quote(article), names.join(", "));
        }
        text.push_str("}\n");
        Disk::real()
            .write_atomic(&path, text.as_bytes())
            .map_err(|e| {
                Diagnostic::new(
                    &path,
                    format!("cannot write: {e}"),
                    "check the project folder's permissions",
                )
            })
    }

    /// The annotators `article` is given to.
    pub fn of_article(&self, article: &str) -> impl Iterator<Item = &str> {
        self.0
            .get(article)
            .into_iter()
            .flatten()
            .map(String::as_str)
    }

    /// The articles given to `who`, sorted.
    pub fn of_annotator(&self, who: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(_, w)| w.contains(who))
            .map(|(a, _)| a.as_str())
            .collect()
    }

    /// Everyone given an article, sorted.
    pub fn annotators(&self) -> BTreeSet<&str> {
        self.0.values().flatten().map(String::as_str).collect()
    }

    /// Gives `article` to `who`; whether it was new.
    pub fn give(&mut self, article: &str, who: &str) -> bool {
        self.0
            .entry(article.to_owned())
            .or_default()
            .insert(who.to_owned())
    }

    /// Takes `article` from `who`; whether it had been given.
    pub fn take(&mut self, article: &str, who: &str) -> bool {
        let Some(w) = self.0.get_mut(article) else {
            return false;
        };
        let had = w.remove(who);
        if w.is_empty() {
            self.0.remove(article);
        }
        had
    }

    /// Gives each of `articles` to `per` of `team` in all (those it already has count), the
    /// least loaded first (ties by name), so the load comes out even. Returns how many
    /// assignments were made.
    pub fn spread(&mut self, articles: &[String], team: &[String], per: usize) -> usize {
        let mut load: BTreeMap<&str, usize> = team
            .iter()
            .map(|w| (w.as_str(), self.of_annotator(w).len()))
            .collect();
        let mut made = 0;
        for article in articles {
            let has: BTreeSet<String> = self.of_article(article).map(str::to_owned).collect();
            let on_team = team.iter().filter(|w| has.contains(*w)).count();
            for _ in on_team..per.min(team.len()) {
                let Some(who) = load
                    .iter()
                    .filter(|(w, _)| !self.0.get(article).is_some_and(|s| s.contains(**w)))
                    .min_by_key(|(w, n)| (**n, **w))
                    .map(|(w, _)| (*w).to_owned())
                else {
                    break;
                };
                self.give(article, &who);
                if let Some(n) = load.get_mut(who.as_str()) {
                    *n += 1;
                }
                made += 1;
            }
        }
        made
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn spread_gives_each_article_its_number_of_annotators_and_evens_the_load() {
        let mut a = Assignments::default();
        a.give("a.txt", "bob");
        let articles = names(&["a.txt", "b.txt", "c.txt", "d.txt"]);
        let team = names(&["ann", "bob", "cy"]);
        let made = a.spread(&articles, &team, 2);
        assert_eq!(made, 7, "a.txt had one already: 1 + 2 + 2 + 2");
        for art in &articles {
            assert_eq!(a.of_article(art).count(), 2, "{art}: {a:?}");
        }
        let loads: Vec<usize> = team.iter().map(|w| a.of_annotator(w).len()).collect();
        assert!(
            loads.iter().max().unwrap() - loads.iter().min().unwrap() <= 1,
            "{loads:?}"
        );
        assert_eq!(a.spread(&articles, &team, 2), 0, "nothing left to give");
        assert_eq!(a.spread(&articles, &team, 9), 4, "at most the whole team");
        assert!(a.take("a.txt", "bob"));
        assert!(!a.take("a.txt", "bob"));
        assert!(!a.of_annotator("bob").contains(&"a.txt"));
    }
}
