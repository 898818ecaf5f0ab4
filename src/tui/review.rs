//! Review across the corpus: every mention of a label (claims by default) in every article
//! and by every annotator, with its speaker, sources and stance, filterable by label,
//! annotator, polarity and text; `Enter` opens it in its article. And a dashboard of the
//! same data: labels, progress per annotator, claims per speaker, polarities.

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{
    Bar, BarChart, BarGroup, Block, Borders, Cell, Gauge, Row, Table, TableState,
};

use super::describe::{clip, sanitize_line};
use super::look::Look;
use crate::export::Doc;
use crate::model::{Agent, Target};
use crate::project::summary::Summary;

/// One mention in the review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub article: String,
    pub annotator: String,
    pub label: String,
    pub text: String,
    pub speaker: String,
    pub sources: String,
    pub polarity: String,
    /// Byte offset of the mention in its article.
    pub at: usize,
}

/// Every mention of every document, with what links to it.
pub fn items(docs: &[Doc]) -> Vec<Item> {
    let mut out = Vec::new();
    for d in docs {
        let a = &d.annotations;
        for m in &a.mentions {
            let speaker = d.speaker_of(m.id);
            let sources = d.source_names(m.id);
            let polarity: Vec<String> = a
                .stances
                .iter()
                .filter(|s| {
                    s.target == Target::Mention(m.id)
                        || s.holder == Agent::Mention(m.id)
                        || speaker.is_some_and(|sp| s.holder == sp)
                })
                .map(|s| s.polarity.clone())
                .collect();
            out.push(Item {
                article: d.name.clone(),
                annotator: a.annotator.clone(),
                label: m.label.clone(),
                text: d.text_of(m),
                speaker: speaker.map(|s| d.agent_name(s)).unwrap_or_default(),
                sources: sources.join("; "),
                polarity: polarity.join("; "),
                at: m.extent().start,
            });
        }
    }
    out
}

#[derive(Debug, Default)]
pub struct Review {
    pub items: Vec<Item>,
    pub labels: Vec<String>,
    pub annotators: Vec<String>,
    pub polarities: Vec<String>,
    /// Speaker and source names (entity names where there are entities).
    pub entities: Vec<String>,
    pub entity: Option<String>,
    pub label: Option<String>,
    pub annotator: Option<String>,
    pub polarity: Option<String>,
    pub filter: String,
    pub typing: bool,
    pub index: usize,
    /// Close the review.
    pub close: bool,
    /// The item to open.
    pub open: Option<Item>,
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
        let items = items(docs);
        let mut annotators: Vec<String> = items.iter().map(|i| i.annotator.clone()).collect();
        annotators.sort();
        annotators.dedup();
        let label = labels.iter().find(|l| *l == "Claim").cloned();
        let mut entities: Vec<String> = items
            .iter()
            .flat_map(|i| {
                std::iter::once(i.speaker.clone()).chain(i.sources.split("; ").map(str::to_owned))
            })
            .filter(|e| !e.is_empty())
            .collect();
        entities.sort();
        entities.dedup();
        Self {
            items,
            labels,
            annotators,
            polarities,
            entities,
            label,
            ..Self::default()
        }
    }

    pub fn visible(&self) -> Vec<&Item> {
        let needle = self.filter.to_lowercase();
        self.items
            .iter()
            .filter(|i| self.label.as_ref().is_none_or(|l| *l == i.label))
            .filter(|i| self.annotator.as_ref().is_none_or(|a| *a == i.annotator))
            .filter(|i| {
                self.entity
                    .as_ref()
                    .is_none_or(|e| *e == i.speaker || i.sources.split("; ").any(|s| s == e))
            })
            .filter(|i| {
                self.polarity
                    .as_ref()
                    .is_none_or(|p| i.polarity.split("; ").any(|x| x == p))
            })
            .filter(|i| {
                needle.is_empty()
                    || [&i.text, &i.speaker, &i.sources, &i.article]
                        .iter()
                        .any(|f| f.to_lowercase().contains(&needle))
            })
            .collect()
    }

    pub fn key(&mut self, key: KeyEvent) {
        if self.typing {
            self.typing = type_into(&mut self.filter, key);
            self.index = 0;
            return;
        }
        let len = self.visible().len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => self.close = true,
            KeyCode::Down | KeyCode::Char('j') => {
                self.index = (self.index + 1).min(len.saturating_sub(1));
            }
            KeyCode::Up | KeyCode::Char('k') => self.index = self.index.saturating_sub(1),
            KeyCode::PageDown => self.index = (self.index + 10).min(len.saturating_sub(1)),
            KeyCode::PageUp => self.index = self.index.saturating_sub(10),
            KeyCode::Char('/') => {
                self.typing = true;
                self.filter.clear();
            }
            KeyCode::Char('l') => {
                self.label = cycle(&self.labels, self.label.as_ref());
                self.index = 0;
            }
            KeyCode::Char('a') => {
                self.annotator = cycle(&self.annotators, self.annotator.as_ref());
                self.index = 0;
            }
            KeyCode::Char('e') => {
                self.entity = cycle(&self.entities, self.entity.as_ref());
                self.index = 0;
            }
            KeyCode::Char('p') => {
                self.polarity = cycle(&self.polarities, self.polarity.as_ref());
                self.index = 0;
            }
            KeyCode::Enter => self.open = self.visible().get(self.index).map(|i| (*i).clone()),
            _ => {}
        }
    }
}

pub fn render(r: &Review, look: &Look, frame: &mut Frame) {
    let [table, foot] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(frame.area());
    let visible = r.visible();
    let rows: Vec<Row> = visible
        .iter()
        .map(|i| {
            Row::new(vec![
                Cell::from(clip(&sanitize_line(&i.text), 70)),
                Cell::from(sanitize_line(&i.speaker)),
                Cell::from(sanitize_line(&i.sources)),
                Cell::from(sanitize_line(&i.polarity)),
                Cell::from(sanitize_line(&format!(
                    "{} · {}",
                    clip(&i.article, 30),
                    i.annotator
                ))),
            ])
        })
        .collect();
    let header = Row::new(vec![
        "text",
        "speaker",
        "sources",
        "stance",
        "article · annotator",
    ])
    .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Percentage(40),
        Constraint::Percentage(15),
        Constraint::Percentage(12),
        Constraint::Length(8),
        Constraint::Percentage(25),
    ];
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "all".to_owned());
    let title = sanitize_line(&format!(
        " Review · {} of {} · label {} · annotator {} · speaker/source {} · stance {}{} ",
        visible.len(),
        r.items.len(),
        show(&r.label),
        show(&r.annotator),
        show(&r.entity).chars().take(30).collect::<String>(),
        show(&r.polarity),
        if r.filter.is_empty() {
            String::new()
        } else {
            format!(" · text {:?}", r.filter)
        }
    ));
    let mut state = TableState::default();
    if !visible.is_empty() {
        state.select(Some(r.index));
    }
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(look.highlight()),
        table,
        &mut state,
    );
    let hint = if r.typing {
        format!(" text: {}▏ enter keeps it ", sanitize_line(&r.filter))
    } else {
        " enter open · l label · a annotator · e speaker/source · p stance · / text · esc back "
            .to_owned()
    };
    frame.render_widget(Line::styled(hint, look.dim()), foot);
}

/// Counts for the dashboard.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Dashboard {
    pub labels: BTreeMap<String, u64>,
    pub polarities: BTreeMap<String, u64>,
    /// Claims per speaker name, most first.
    pub speakers: Vec<(String, u64)>,
}

impl Dashboard {
    pub fn new(docs: &[Doc]) -> Self {
        let mut d = Self::default();
        let mut speakers: BTreeMap<String, u64> = BTreeMap::new();
        for doc in docs {
            let a = &doc.annotations;
            for m in &a.mentions {
                *d.labels.entry(m.label.clone()).or_default() += 1;
            }
            for s in &a.stances {
                *d.polarities.entry(s.polarity.clone()).or_default() += 1;
            }
            // Attributions that name no one have no speaker to rank.
            for s in a.attributions.iter().filter_map(|at| at.speaker) {
                *speakers.entry(doc.agent_name(s)).or_default() += 1;
            }
        }
        let mut speakers: Vec<(String, u64)> = speakers.into_iter().collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        d.speakers = speakers;
        d
    }
}

fn bars<'a>(title: &'a str, data: &'a [(String, u64)], look: &Look, area: Rect, frame: &mut Frame) {
    let bars: Vec<Bar> = data
        .iter()
        .map(|(k, v)| {
            Bar::default()
                .label(Line::from(clip(&sanitize_line(k), 14)))
                .value(*v)
        })
        .collect();
    let width = u16::try_from(
        data.iter()
            .map(|(k, _)| k.chars().count().min(14))
            .max()
            .unwrap_or(4),
    )
    .unwrap_or(8)
    .max(4);
    frame.render_widget(
        BarChart::default()
            .block(Block::default().borders(Borders::TOP).title(title))
            .data(BarGroup::default().bars(&bars))
            .bar_width(width)
            .bar_gap(1)
            .bar_style(look.focus()),
        area,
    );
}

pub fn render_dashboard(d: &Dashboard, summary: &Summary, look: &Look, frame: &mut Frame) {
    let [top, middle, bottom, foot] = Layout::vertical([
        Constraint::Length(u16::try_from(summary.annotators.len()).unwrap_or(8).min(8) + 1),
        Constraint::Percentage(45),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let rows =
        Layout::vertical(vec![Constraint::Length(1); summary.annotators.len() + 1]).split(top);
    frame.render_widget(
        Line::styled(
            format!(" Dashboard · {} ", sanitize_line(&summary.project)),
            look.status(),
        ),
        rows[0],
    );
    let total = summary.articles.len().max(1);
    for (who, area) in summary.annotators.iter().zip(rows.iter().skip(1)) {
        let p = summary.progress(who);
        let done = p["done"] + p["reviewed"];
        let ratio = f64::from(u32::try_from(done).unwrap_or(0))
            / f64::from(u32::try_from(total).unwrap_or(1));
        frame.render_widget(
            Gauge::default()
                .gauge_style(look.focus())
                .ratio(ratio.clamp(0.0, 1.0))
                .label(format!("{} {done}/{total} done", sanitize_line(who))),
            *area,
        );
    }
    let [labels, polarities] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(middle);
    let l: Vec<(String, u64)> = d.labels.iter().map(|(k, v)| (k.clone(), *v)).collect();
    bars(" Mentions per label ", &l, look, labels, frame);
    let p: Vec<(String, u64)> = d.polarities.iter().map(|(k, v)| (k.clone(), *v)).collect();
    bars(" Stances per polarity ", &p, look, polarities, frame);
    let top_speakers: Vec<(String, u64)> = d.speakers.iter().take(10).cloned().collect();
    bars(
        " Claims per speaker (top 10) ",
        &top_speakers,
        look,
        bottom,
        frame,
    );
    frame.render_widget(Line::styled(" esc back ", look.dim()), foot);
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
