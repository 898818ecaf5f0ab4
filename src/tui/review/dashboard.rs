//! The dashboard: labels and polarities counted, progress per annotator, and claims per
//! speaker, counted by entity ("she", "he" and "He" linked to one person are that person;
//! pronouns no entity holds are counted together, not as speakers of their own).

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, Gauge, Paragraph};

use super::Sheet;
use crate::export::Doc;
use crate::project::summary::Summary;
use crate::tui::describe::{clip, sanitize_line};
use crate::tui::keymap::KeyCombo;
use crate::tui::look::Look;
use crate::tui::screen::{Component, DashboardAction, Effect, footer};

/// Where claims by a pronoun no entity holds are counted.
pub const UNLINKED_PRONOUNS: &str = "(pronouns, no entity)";

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
        let sheets: Vec<Sheet> = docs.iter().map(Sheet::of).collect();
        Self::of_sheets(sheets.iter())
    }

    /// The counts of every file's sheet, added up in order.
    pub fn of_sheets<'a>(sheets: impl Iterator<Item = &'a Sheet>) -> Self {
        let mut d = Self::default();
        let mut speakers: BTreeMap<&str, (&str, u64)> = BTreeMap::new();
        // Gold is no annotator: its copies stay out of the totals.
        for sheet in sheets.filter(|s| !s.gold) {
            for (k, v) in &sheet.labels {
                *d.labels.entry(k.clone()).or_default() += v;
            }
            for (k, v) in &sheet.polarities {
                *d.polarities.entry(k.clone()).or_default() += v;
            }
            for (lower, words, n) in &sheet.speakers {
                speakers.entry(lower).or_insert((words, 0)).1 += n;
            }
        }
        let mut speakers: Vec<(String, u64)> = speakers
            .into_values()
            .map(|(w, n)| (w.to_owned(), n))
            .collect();
        speakers.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        d.speakers = speakers;
        d
    }
}

impl Component for Dashboard {
    type Action = DashboardAction;

    fn update(&mut self, action: DashboardAction) -> Vec<Effect> {
        match action {
            DashboardAction::Back => vec![Effect::Close],
            DashboardAction::Help => vec![Effect::Help],
        }
    }
}

fn bars<'a>(title: &'a str, data: &'a [(String, u64)], look: &Look, area: Rect, frame: &mut Frame) {
    if data.is_empty() {
        frame.render_widget(
            Paragraph::new(" none")
                .style(look.dim())
                .block(Block::default().borders(Borders::TOP).title(title)),
            area,
        );
        return;
    }
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

pub fn render_dashboard(
    d: &Dashboard,
    summary: &Summary,
    look: &Look,
    keys: &[(KeyCombo, DashboardAction)],
    frame: &mut Frame,
) {
    let team: Vec<&String> = summary.team().collect();
    let [top, middle, bottom, foot] = Layout::vertical([
        Constraint::Length(u16::try_from(team.len()).unwrap_or(8).min(8) + 1),
        Constraint::Percentage(45),
        Constraint::Min(6),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let rows = Layout::vertical(vec![Constraint::Length(1); team.len() + 1]).split(top);
    frame.render_widget(
        Line::styled(
            format!(
                " Dashboard · {} · {} ",
                sanitize_line(&summary.project),
                summary.team_line()
            ),
            look.status(),
        ),
        rows[0],
    );
    let total = summary.articles.len().max(1);
    for (who, area) in team.iter().zip(rows.iter().skip(1)) {
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
    frame.render_widget(
        Line::styled(footer(keys, usize::from(foot.width)), look.dim()),
        foot,
    );
}
