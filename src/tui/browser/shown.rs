//! Which articles the browser lists, kept between keys: the titles and names are
//! lower-cased once per summary, when a filter or the sort by title first needs them, the list is made again only when the filter, the status
//! shown or the sort changed, and a filter that grew by a letter narrows the last list
//! instead of testing every article again.

use crate::project::summary::ArticleSummary;

use super::Sort;
use crate::project::summary::STATUSES;

/// What the list was made for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Made {
    filter: String,
    status: Option<&'static str>,
    whose: String,
    sort: Sort,
}

#[derive(Debug, Default)]
pub(super) struct Shown {
    /// Which summary the keys are of: its article count and where its list is.
    of: (usize, usize),
    /// Each article's title and name, lower-cased, in summary order.
    keys: Vec<String>,
    /// The filter `matching` was made for, and the articles whose keys contain it.
    matching_for: Option<String>,
    matching: Vec<usize>,
    made: Option<Made>,
    /// The articles listed, as places in the summary, in the order shown.
    rows: Vec<usize>,
    /// Articles whose title another article has too (shown with their file name).
    shared_title: Vec<bool>,
    /// Whose progress the head of the list shows, and it: counted once per summary, not
    /// at every frame (a frame is drawn every 16 ms while review or agreement load).
    progress: Option<(String, std::collections::BTreeMap<&'static str, usize>)>,
}

/// For each article, whether another one has the same title.
fn shared_titles(articles: &[ArticleSummary]) -> Vec<bool> {
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for a in articles.iter().filter(|a| !a.title.is_empty()) {
        *count.entry(a.title.as_str()).or_default() += 1;
    }
    articles
        .iter()
        .map(|a| count.get(a.title.as_str()).is_some_and(|n| *n > 1))
        .collect()
}

impl Shown {
    /// How many articles `annotator` has at each status in `summary`, counted once while
    /// the browser holds this summary (a new one comes with a new [`Shown`]).
    pub(super) fn progress(
        &mut self,
        summary: &crate::project::summary::Summary,
        annotator: &str,
    ) -> std::collections::BTreeMap<&'static str, usize> {
        match &self.progress {
            Some((who, p)) if who == annotator => p.clone(),
            _ => {
                let p = summary.progress(annotator);
                self.progress = Some((annotator.to_owned(), p.clone()));
                p
            }
        }
    }

    /// Whether the article at `i` in the summary shares its title with another (valid after
    /// [`Self::rows`] for the same summary).
    pub(super) fn shares_title(&self, i: usize) -> bool {
        self.shared_title.get(i).copied().unwrap_or(false)
    }

    /// The places in `articles` of the articles listed for this filter, status and sort.
    pub(super) fn rows(
        &mut self,
        articles: &[ArticleSummary],
        annotator: &str,
        filter: &str,
        status: Option<&'static str>,
        sort: Sort,
    ) -> &[usize] {
        let of = (articles.len(), articles.as_ptr() as usize);
        if self.of != of || self.shared_title.len() != articles.len() {
            *self = Self {
                of,
                shared_title: shared_titles(articles),
                ..Self::default()
            };
        }
        // Lower-cased the first time a filter or the sort by title needs them, not for the
        // first frame.
        if self.keys.len() != articles.len() && (!filter.is_empty() || sort == Sort::Title) {
            self.keys = articles
                .iter()
                .map(|a| format!("{}\n{}", a.title.to_lowercase(), a.name.to_lowercase()))
                .collect();
        }
        let made = Made {
            filter: filter.to_owned(),
            status,
            whose: annotator.to_owned(),
            sort,
        };
        if self.made.as_ref() == Some(&made) {
            return &self.rows;
        }
        let needle = filter.to_lowercase();
        let narrows = self
            .matching_for
            .as_ref()
            .is_some_and(|old| needle.starts_with(old.as_str()));
        if self.matching_for.as_deref() != Some(needle.as_str()) {
            let keys = &self.keys;
            let hit = |&i: &usize| {
                // The key's two parts are joined by a line break, which no filter holds.
                needle.is_empty() || keys[i].contains(needle.as_str())
            };
            self.matching = if narrows {
                self.matching.iter().copied().filter(hit).collect()
            } else {
                (0..articles.len()).filter(hit).collect()
            };
            self.matching_for = Some(needle);
        }
        let status_of = |i: usize| {
            articles[i]
                .files
                .get(annotator)
                .map_or("todo", |f| f.status.as_str())
        };
        let mut rows: Vec<usize> = self
            .matching
            .iter()
            .copied()
            .filter(|&i| status.is_none_or(|s| status_of(i) == s))
            .collect();
        match sort {
            Sort::Name => {}
            // By the title as shown (the file name where there is none), then the file name.
            Sort::Title => rows.sort_by(|&x, &y| {
                let title = |i: usize| {
                    let key = &self.keys[i];
                    let (title, name) = key.split_once('\n').unwrap_or((key.as_str(), ""));
                    if title.is_empty() { name } else { title }
                };
                title(x)
                    .cmp(title(y))
                    .then_with(|| articles[x].name.cmp(&articles[y].name))
            }),
            Sort::Status => rows.sort_by_key(|&i| {
                STATUSES
                    .iter()
                    .position(|s| *s == status_of(i))
                    .unwrap_or(0)
            }),
            Sort::Mentions => rows.sort_by_key(|&i| {
                std::cmp::Reverse(articles[i].files.get(annotator).map_or(0, |f| f.mentions))
            }),
        }
        self.rows = rows;
        self.made = Some(made);
        &self.rows
    }
}
