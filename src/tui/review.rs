//! Review across the corpus: every mention of a label (claims by default) in every article
//! and by every annotator, with its speaker, cue, sources and stance, filterable by label,
//! annotator, polarity, text and a speaker or source typed in (matched loosely, by entity);
//! `Enter` opens it read-only in its article, `E` to edit. The list is worked out once per
//! filter and only the rows on screen are drawn, so a key costs the same with 40,000 claims
//! as with 40. And a dashboard of the same data ([`dashboard`]).

mod dashboard;
pub mod rows;
pub(crate) mod sheet;
pub mod words;

pub use dashboard::{Dashboard, UNLINKED_PRONOUNS, render_dashboard};
pub use rows::Rows;
pub use sheet::Sheet;
pub use words::Item;

use std::cell::{Cell as Once, RefCell};
use std::sync::Arc;
use std::thread::JoinHandle;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

use super::describe::{clip, sanitize_line};
use super::keymap::KeyCombo;
use super::look::Look;
use super::screen::{Component, Effect, Opening, ReviewAction, footer};
use crate::export::Doc;
use crate::model::{Agent, Target};

/// Every mention of every document, with what links to it, each document's rows in a list
/// of their own.
pub fn rows(docs: &[Doc]) -> Rows {
    Rows::of(docs.iter().map(items_of).collect())
}

/// Every mention of every document, with what links to it.
pub fn items(docs: &[Doc]) -> Vec<Item> {
    let mut out = Vec::new();
    for d in docs {
        out.extend(items_of(d));
    }
    out
}

/// Every mention of one document, with what links to it: each word written once into
/// the file's words, not made a string of its own first.
fn items_of(d: &Doc) -> Vec<Item> {
    let a = &d.annotations;
    let text = d.article.text.as_str();
    let mut g = words::Gathered::default();
    let mut placed = Vec::with_capacity(a.mentions.len());
    for m in &a.mentions {
        let speaker = d.speaker_of(m.id);
        let label = g.add(&m.label);
        let words = g.add_with(|out| m.write_words(text, " … ", out));
        let said_by = g.add_with(|out| {
            if let Some(s) = speaker {
                d.write_agent_name(s, out);
            }
        });
        let cue = g.add_with(|out| {
            if let Some(c) = d
                .attribution_of(m.id)
                .and_then(|x| x.cue)
                .and_then(|c| d.mention(c))
            {
                c.write_words(text, " … ", out);
            }
        });
        let sources = g.add_with(|out| {
            for (i, s) in d.sources_of(m.id).enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                d.write_agent_name(s, out);
            }
        });
        let polarity = g.add_with(|out| {
            let mut first = true;
            for s in a.stances.iter().filter(|s| {
                s.target == Target::Mention(m.id)
                    || s.holder == Agent::Mention(m.id)
                    || speaker.is_some_and(|sp| s.holder == sp)
            }) {
                if !first {
                    out.push_str("; ");
                }
                first = false;
                out.push_str(&s.polarity);
            }
        });
        placed.push((
            [label, words, said_by, cue, sources, polarity],
            m.extent().start,
        ));
    }
    g.rows(&d.name, &a.annotator, placed)
}

/// What is being typed into, if anything.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Typing {
    #[default]
    Nothing,
    /// The text filter.
    Text,
    /// A speaker or source name, matched loosely.
    Entity,
}

/// The filters a list was worked out for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Made {
    label: Option<String>,
    annotator: Option<String>,
    entity: Option<String>,
    polarity: Option<String>,
    filter: String,
}

/// What the text and speaker filters search, worked out beside the loop when review opens
/// (lower-casing every row's words took a third of review's opening on 10,000 articles).
#[derive(Debug, Default)]
struct Lookup {
    /// Each item's text, speaker, cue, sources and article, lower-cased, item after item
    /// in one string (not a string each: 800,000 of them on 10,000 articles), and where
    /// each item's ends.
    hay: String,
    ends: Vec<usize>,
    /// Speaker and source names (entity names where there are entities), with how many
    /// items name each, most first.
    entities: Vec<(String, usize)>,
}

impl Lookup {
    fn of(items: &Rows) -> Self {
        let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for i in items {
            for name in std::iter::once(i.speaker()).chain(i.sources().split("; ")) {
                if !name.is_empty() {
                    *count.entry(name).or_default() += 1;
                }
            }
        }
        let mut entities: Vec<(String, usize)> =
            count.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        entities.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut hay = String::new();
        let mut ends = Vec::with_capacity(items.len());
        for i in items {
            for (n, f) in [i.text(), i.speaker(), i.cue(), i.sources(), i.article()]
                .iter()
                .enumerate()
            {
                if n > 0 {
                    hay.push('\n');
                }
                // Most words are ASCII: lower-cased in place, without a string each.
                if f.is_ascii() {
                    let from = hay.len();
                    hay.push_str(f);
                    hay[from..].make_ascii_lowercase();
                } else {
                    hay.push_str(&f.to_lowercase());
                }
            }
            ends.push(hay.len());
        }
        Self {
            hay,
            ends,
            entities,
        }
    }

    /// What the text filter searches of the item at `n`.
    fn hay(&self, n: usize) -> &str {
        let Some(&end) = self.ends.get(n) else {
            return "";
        };
        let start = n
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&s| s);
        &self.hay[start..end]
    }
}

/// The [`Lookup`]: being worked out on a thread of its own, or in.
#[derive(Debug)]
enum Lookingup {
    /// Not begun: it begins once the first frame is drawn, not competing with it.
    Waiting(Arc<Rows>),
    Working(JoinHandle<Lookup>, Arc<Rows>),
    Done(Lookup),
}

impl Default for Lookingup {
    fn default() -> Self {
        Self::Done(Lookup::default())
    }
}

#[derive(Debug, Default)]
pub struct Review {
    /// Every row, shared with the sheets they came from.
    pub items: Arc<Rows>,
    pub labels: Vec<String>,
    pub annotators: Vec<String>,
    pub polarities: Vec<String>,
    pub entity: Option<String>,
    pub label: Option<String>,
    pub annotator: Option<String>,
    pub polarity: Option<String>,
    pub filter: String,
    pub typing: Typing,
    /// The speaker or source name being typed.
    pub query: String,
    pub index: usize,
    /// The first row on screen; kept by drawing so the highlighted row stays in view.
    offset: Once<usize>,
    /// What the text and speaker filters search.
    lookup: RefCell<Lookingup>,
    /// The list last worked out, and for which filters.
    shown: RefCell<Option<(Made, Vec<usize>)>>,
    /// How many items have the label shown, for the title, counted once per label.
    counted: RefCell<Option<(Option<String>, usize)>>,
}

/// A key while typing a filter: edits `filter`; whether typing goes on (Enter and Esc end it).
pub fn type_into(filter: &mut String, key: KeyEvent) -> bool {
    match key.code {
        KeyCode::Enter | KeyCode::Esc => return false,
        KeyCode::Backspace => {
            filter.pop();
        }
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => filter.push(c),
        _ => {}
    }
    true
}

/// The next of `values` after `current`, then none again.
fn cycle(values: &[String], current: Option<&String>) -> Option<String> {
    match current {
        None => values.first().cloned(),
        Some(c) => values
            .iter()
            .position(|v| v == c)
            .and_then(|i| values.get(i + 1))
            .cloned(),
    }
}

impl Review {
    pub fn new(docs: &[Doc], labels: Vec<String>, polarities: Vec<String>) -> Self {
        Self::of_items(Arc::new(rows(docs)), labels, polarities)
    }

    /// Review of these rows (every file's, in the project's order). What the text and
    /// speaker filters search is worked out beside the loop meanwhile.
    pub fn of_items(items: Arc<Rows>, labels: Vec<String>, polarities: Vec<String>) -> Self {
        // A file's rows share its annotator: one look per file.
        let annotators: std::collections::BTreeSet<&str> = items
            .files()
            .iter()
            .filter_map(|f| f.first().map(Item::annotator))
            .collect();
        let annotators = annotators.into_iter().map(str::to_owned).collect();
        let label = labels.iter().find(|l| *l == "Claim").cloned();
        let lookup = Lookingup::Waiting(items.clone());
        Self {
            items,
            labels,
            annotators,
            polarities,
            label,
            lookup: RefCell::new(lookup),
            ..Self::default()
        }
    }

    /// Begins working out what the filters search, beside the loop.
    fn begin_lookup(&self) {
        let mut slot = self.lookup.borrow_mut();
        if let Lookingup::Waiting(items) = &*slot {
            let (items, shared) = (items.clone(), items.clone());
            *slot = match std::thread::Builder::new().spawn(move || Lookup::of(&shared)) {
                Ok(handle) => Lookingup::Working(handle, items),
                Err(_) => Lookingup::Done(Lookup::of(&items)),
            };
        }
    }

    /// What the filters search, waiting for it when it is still being worked out.
    fn lookup(&self) -> std::cell::Ref<'_, Lookup> {
        self.begin_lookup();
        let working = matches!(*self.lookup.borrow(), Lookingup::Working(..));
        if working {
            let mut slot = self.lookup.borrow_mut();
            if let Lookingup::Working(handle, items) = std::mem::take(&mut *slot) {
                // A thread that failed is made up for here.
                *slot = Lookingup::Done(handle.join().unwrap_or_else(|_| Lookup::of(&items)));
            }
        }
        std::cell::Ref::map(self.lookup.borrow(), |l| match l {
            Lookingup::Done(l) => l,
            Lookingup::Working(..) | Lookingup::Waiting(_) => &NO_LOOKUP,
        })
    }

    /// Speaker and source names (entity names where there are entities), with how many
    /// items name each, most first.
    pub fn entities(&self) -> Vec<(String, usize)> {
        self.lookup().entities.clone()
    }

    /// The speaker and source names that match what is typed, best first: the whole name,
    /// then its start, the start of a word in it, anywhere in it, then its letters in order
    /// ("arz" finds "Ana Ruiz"); ties go to the name more items carry.
    pub fn matching_entities(&self, query: &str) -> Vec<String> {
        let q = query.to_lowercase();
        if q.is_empty() {
            return self
                .lookup()
                .entities
                .iter()
                .map(|(e, _)| e.clone())
                .collect();
        }
        let lookup = self.lookup();
        let mut ranked: Vec<(u8, usize, &str)> = lookup
            .entities
            .iter()
            .filter_map(|(e, n)| rank(&e.to_lowercase(), &q).map(|r| (r, *n, e.as_str())))
            .collect();
        ranked.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        ranked.into_iter().map(|(_, _, e)| e.to_owned()).collect()
    }

    /// How many items have the label filtered by (all of them without one).
    pub fn of_label(&self) -> usize {
        if let Some((label, n)) = self.counted.borrow().as_ref()
            && *label == self.label
        {
            return *n;
        }
        // Counted once per label: each frame counting every item took as long as the rest
        // of a key in review on 10,000 articles.
        let n = self
            .items
            .iter()
            .filter(|i| self.label.as_ref().is_none_or(|l| *l == i.label()))
            .count();
        *self.counted.borrow_mut() = Some((self.label.clone(), n));
        n
    }

    /// Where the visible items are in `items`, worked out once per set of filters.
    fn places(&self) -> std::cell::Ref<'_, Vec<usize>> {
        let made = Made {
            label: self.label.clone(),
            annotator: self.annotator.clone(),
            entity: self.entity.clone(),
            polarity: self.polarity.clone(),
            filter: self.filter.clone(),
        };
        let fresh = self
            .shown
            .borrow()
            .as_ref()
            .is_some_and(|(m, _)| *m == made);
        if !fresh {
            let rows = self.work_out();
            *self.shown.borrow_mut() = Some((made, rows));
        }
        std::cell::Ref::map(self.shown.borrow(), |s| {
            s.as_ref().map_or(&EMPTY, |(_, rows)| rows)
        })
    }

    /// The items the filters let through, in order.
    pub fn visible(&self) -> Vec<&Item> {
        self.places().iter().map(|&i| &self.items[i]).collect()
    }

    /// The `n`th item the filters let through.
    pub fn shown(&self, n: usize) -> Option<&Item> {
        let at = self.places().get(n).copied()?;
        self.items.get(at)
    }

    fn work_out(&self) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        let lookup = (!needle.is_empty()).then(|| self.lookup());
        let hay = lookup.as_deref();
        let (label, annotator, entity, polarity) =
            (&self.label, &self.annotator, &self.entity, &self.polarity);
        let labelled = |i: &Item| label.as_ref().is_none_or(|l| *l == i.label());
        let keep = |n: usize, i: &Item| {
            labelled(i)
                && annotator
                    .as_ref()
                    .is_none_or(|a| a.as_str() == i.annotator())
                && entity
                    .as_ref()
                    .is_none_or(|e| *e == i.speaker() || i.sources().split("; ").any(|s| s == e))
                && polarity
                    .as_ref()
                    .is_none_or(|p| i.polarity().split("; ").any(|x| x == p))
                && (needle.is_empty() || hay.is_some_and(|h| h.hay(n).contains(&needle)))
        };
        let (places, of_label) = self.items.places_where(keep, labelled);
        // The label's count for the title, from the same pass.
        *self.counted.borrow_mut() = Some((self.label.clone(), of_label));
        places
    }

    /// The highlighted item, to open.
    fn opening(&self, read_only: bool) -> Vec<Effect> {
        self.shown(self.index)
            .map(|i| {
                Effect::Open(Opening {
                    article: i.article().to_string(),
                    annotator: i.annotator().to_string(),
                    at: Some(i.at),
                    read_only,
                })
            })
            .into_iter()
            .collect()
    }
}

impl Component for Review {
    type Action = ReviewAction;

    fn typing(&self) -> bool {
        self.typing != Typing::Nothing
    }

    fn type_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match self.typing {
            Typing::Text => {
                if !type_into(&mut self.filter, key) {
                    self.typing = Typing::Nothing;
                }
            }
            Typing::Entity => match key.code {
                // Enter takes the best match; Esc lets every speaker through again.
                KeyCode::Enter => {
                    self.entity = self.matching_entities(&self.query).into_iter().next();
                    self.typing = Typing::Nothing;
                }
                KeyCode::Esc => {
                    self.entity = None;
                    self.typing = Typing::Nothing;
                }
                _ => {
                    type_into(&mut self.query, key);
                }
            },
            Typing::Nothing => {}
        }
        self.index = 0;
        Vec::new()
    }

    fn update(&mut self, action: ReviewAction) -> Vec<Effect> {
        let len = self.places().len();
        let last = len.saturating_sub(1);
        match action {
            ReviewAction::Back => return vec![Effect::Close],
            ReviewAction::Help => return vec![Effect::Help],
            ReviewAction::Open => return self.opening(true),
            ReviewAction::Edit => return self.opening(false),
            ReviewAction::Down => self.index = (self.index + 1).min(last),
            ReviewAction::Up => self.index = self.index.saturating_sub(1),
            ReviewAction::PageDown => self.index = (self.index + 10).min(last),
            ReviewAction::PageUp => self.index = self.index.saturating_sub(10),
            ReviewAction::First => self.index = 0,
            ReviewAction::Last => self.index = last,
            ReviewAction::Text => {
                self.typing = Typing::Text;
                self.filter.clear();
            }
            ReviewAction::Label => {
                self.label = cycle(&self.labels, self.label.as_ref());
                self.index = 0;
            }
            ReviewAction::Annotator => {
                self.annotator = cycle(&self.annotators, self.annotator.as_ref());
                self.index = 0;
            }
            ReviewAction::Speaker => {
                self.typing = Typing::Entity;
                self.query.clear();
            }
            ReviewAction::Stance => {
                self.polarity = cycle(&self.polarities, self.polarity.as_ref());
                self.index = 0;
            }
        }
        Vec::new()
    }
}

static EMPTY: Vec<usize> = Vec::new();
static NO_LOOKUP: Lookup = Lookup {
    hay: String::new(),
    ends: Vec::new(),
    entities: Vec::new(),
};

/// How well `name` (lower-cased) matches `q` (lower-cased): 0 best; `None` when it does not.
fn rank(name: &str, q: &str) -> Option<u8> {
    if name == q {
        Some(0)
    } else if name.starts_with(q) {
        Some(1)
    } else if name.split_whitespace().any(|w| w.starts_with(q)) {
        Some(2)
    } else if name.contains(q) {
        Some(3)
    } else {
        let mut letters = name.chars();
        q.chars()
            .filter(|c| !c.is_whitespace())
            .all(|c| letters.any(|n| n == c))
            .then_some(4)
    }
}

pub fn render(r: &Review, look: &Look, keys: &[(KeyCombo, ReviewAction)], frame: &mut Frame) {
    let [table, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(frame.area());
    let places = r.places();
    // Only the rows that fit are built: a corpus has tens of thousands of claims.
    let height = usize::from(table.height.saturating_sub(2)).max(1);
    let index = r.index.min(places.len().saturating_sub(1));
    let mut offset = r.offset.get().min(places.len().saturating_sub(height));
    if index < offset {
        offset = index;
    } else if index >= offset + height {
        offset = index + 1 - height;
    }
    r.offset.set(offset);
    // Every column's width is known, so each cell is cut to it with an ellipsis.
    let free = usize::from(table.width).saturating_sub(8 + 5);
    let w = [
        free * 34 / 100,
        free * 15 / 100,
        free * 12 / 100,
        free * 12 / 100,
        free * 27 / 100,
    ];
    let rows: Vec<Row> = places
        .iter()
        .skip(offset)
        .take(height)
        .map(|&n| {
            let i = &r.items[n];
            Row::new(vec![
                Cell::from(clip(&sanitize_line(i.text()), w[0])),
                Cell::from(clip(&sanitize_line(i.speaker()), w[1])),
                Cell::from(clip(&sanitize_line(i.cue()), w[2])),
                Cell::from(clip(&sanitize_line(i.sources()), w[3])),
                Cell::from(clip(&sanitize_line(i.polarity()), 8)),
                Cell::from(clip(
                    &sanitize_line(&format!("{} · {}", i.article(), i.annotator())),
                    w[4],
                )),
            ])
        })
        .collect();
    let header = Row::new(vec![
        "text",
        "speaker",
        "cue",
        "sources",
        "stance",
        "article · annotator",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let len = |x: usize| Constraint::Length(u16::try_from(x).unwrap_or(u16::MAX));
    let widths = [
        len(w[0]),
        len(w[1]),
        len(w[2]),
        len(w[3]),
        len(8),
        len(w[4]),
    ];
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "all".to_owned());
    let what = r.label.as_deref().map_or_else(
        || "mentions".to_owned(),
        |l| {
            if l == "Claim" {
                "claims".to_owned()
            } else {
                format!("{l} mentions")
            }
        },
    );
    let title = sanitize_line(&format!(
        " Review · {} of {} {what} · annotator {} · speaker/source {} · stance {}{} ",
        places.len(),
        r.of_label(),
        show(&r.annotator),
        clip(&show(&r.entity), 30),
        show(&r.polarity),
        if r.filter.is_empty() {
            String::new()
        } else {
            format!(" · text {:?}", r.filter)
        }
    ));
    let mut state = TableState::default();
    if !places.is_empty() {
        state.select(Some(index - offset));
    }
    drop(places);
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(look.highlight()),
        table,
        &mut state,
    );
    let hint = hint(r, keys, usize::from(foot.width));
    frame.render_widget(Line::styled(hint, look.dim()), foot);
    r.begin_lookup();
}

/// The footer: what is being typed (and the names it matches), or the keys that fit.
fn hint(r: &Review, keys: &[(KeyCombo, ReviewAction)], width: usize) -> String {
    let typed = match r.typing {
        Typing::Text => format!(" text: {}▏ enter keeps it ", sanitize_line(&r.filter)),
        Typing::Entity => {
            let found = r.matching_entities(&r.query);
            let first: Vec<String> = found.iter().take(5).map(|e| sanitize_line(e)).collect();
            format!(
                " speaker or source: {}▏ {} · enter takes the first · esc all ",
                sanitize_line(&r.query),
                if first.is_empty() {
                    "no name matches".to_owned()
                } else {
                    first.join(", ")
                }
            )
        }
        Typing::Nothing => return footer(keys, width),
    };
    super::fit::line(&typed, width)
}

#[cfg(test)]
mod tests {
    use super::cycle;

    #[test]
    fn filters_cycle_through_their_values_then_back_to_all() {
        let v = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(cycle(&v, None), Some("a".into()));
        assert_eq!(cycle(&v, Some(&"a".into())), Some("b".into()));
        assert_eq!(cycle(&v, Some(&"b".into())), None);
    }
}
