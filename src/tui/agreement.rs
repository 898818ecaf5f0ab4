//! Agreement from the corpus browser: each pair of annotators with its per-label F1,
//! speaker and cue agreement and stance kappa, token alpha per label, and the pair's
//! disagreements, each of which opens the compare view where it is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

use super::describe::{clip, sanitize_line};
use super::keymap::KeyCombo;
use super::look::Look;
use super::screen::{AgreementAction, Component, Effect, footer};
use crate::agree::measures::{Pairwise, Side, show};

#[derive(Debug)]
pub struct Agreement {
    pub pairs: Vec<Pairwise>,
    pub alpha: std::collections::BTreeMap<String, String>,
    pub alpha_u: std::collections::BTreeMap<String, String>,
    /// The pair shown.
    pub pair: usize,
    /// The highlighted disagreement.
    pub index: usize,
    /// The label confusion matrix is shown instead of the disagreements.
    pub confusion: bool,
}

impl Agreement {
    /// The view of measures worked out elsewhere (from the agreement cache).
    pub fn of_parts(
        pairs: Vec<Pairwise>,
        alpha: std::collections::BTreeMap<String, String>,
        alpha_u: std::collections::BTreeMap<String, String>,
    ) -> Self {
        Self {
            pairs,
            alpha,
            alpha_u,
            pair: 0,
            index: 0,
            confusion: false,
        }
    }

    pub fn a_name(&self) -> String {
        self.pairs
            .get(self.pair)
            .map(|p| p.a.clone())
            .unwrap_or_default()
    }

    pub fn b_name(&self) -> String {
        self.pairs
            .get(self.pair)
            .map(|p| p.b.clone())
            .unwrap_or_default()
    }
}

impl Component for Agreement {
    type Action = AgreementAction;

    fn update(&mut self, action: AgreementAction) -> Vec<Effect> {
        let len = self
            .pairs
            .get(self.pair)
            .map_or(0, |p| p.disagreements.len());
        match action {
            AgreementAction::Back => return vec![Effect::Close],
            AgreementAction::Help => return vec![Effect::Help],
            AgreementAction::Down => self.index = (self.index + 1).min(len.saturating_sub(1)),
            AgreementAction::Up => self.index = self.index.saturating_sub(1),
            AgreementAction::Confusion => self.confusion = !self.confusion,
            AgreementAction::NextPair => {
                self.pair = (self.pair + 1) % self.pairs.len().max(1);
                self.index = 0;
            }
            AgreementAction::Open => {
                let (a, b) = (self.a_name(), self.b_name());
                return self
                    .pairs
                    .get(self.pair)
                    .and_then(|p| p.disagreements.get(self.index))
                    .map(|d| Effect::Compare {
                        article: d.article.clone(),
                        a,
                        b,
                        at: Some(d.at),
                    })
                    .into_iter()
                    .collect();
            }
        }
        Vec::new()
    }
}

pub fn render(g: &Agreement, look: &Look, keys: &[(KeyCombo, AgreementAction)], frame: &mut Frame) {
    let Some(p) = g.pairs.get(g.pair) else {
        return;
    };
    let [summary, list, foot] = Layout::vertical([
        Constraint::Length(u16::try_from(p.labels.len()).unwrap_or(5) + 5),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let mut lines = vec![Line::styled(
        format!(
            " {} vs {} (pair {} of {}) · {} article(s) in common · claims both attributed {}, same speaker {}, same cue {} · stance kappa {}",
            sanitize_line(&p.a),
            sanitize_line(&p.b),
            g.pair + 1,
            g.pairs.len(),
            p.articles,
            p.claims_matched,
            p.same_speaker,
            p.same_cue,
            show(&p.stance_kappa)
        ),
        Style::default().add_modifier(Modifier::BOLD),
    )];
    lines.push(Line::raw(format!(
        "  {:<10} {:>5} {:>5}  {:>18}  {:>18}  token alpha · alpha_U (all annotators)",
        "label", "A", "B", "exact P / R / F1", "overlap P / R / F1"
    )));
    for (label, (exact, overlap)) in &p.labels {
        if exact.a + exact.b == 0 {
            lines.push(Line::raw(sanitize_line(&format!(
                "  {label:<10} {:>5} {:>5}  not defined: neither marked any",
                0, 0
            ))));
            continue;
        }
        lines.push(Line::raw(sanitize_line(&format!(
            "  {label:<10} {:>5} {:>5}  {:>18}  {:>18}  {} · {}",
            exact.a,
            exact.b,
            exact.show(),
            overlap.show(),
            clip(g.alpha.get(label).map_or("", String::as_str), 30),
            clip(g.alpha_u.get(label).map_or("", String::as_str), 30)
        ))));
    }
    frame.render_widget(Paragraph::new(lines), summary);
    if g.confusion {
        render_confusion(p, frame, list);
    } else {
        render_disagreements(g, p, look, frame, list);
    }
    frame.render_widget(
        Line::styled(footer(keys, usize::from(foot.width)), look.dim()),
        foot,
    );
}

/// The pair's disagreements, each of which opens compare where it is.
fn render_disagreements(g: &Agreement, p: &Pairwise, look: &Look, frame: &mut Frame, list: Rect) {
    let items: Vec<ListItem> = p
        .disagreements
        .iter()
        .map(|d| {
            ListItem::new(Line::raw(format!(
                " {} @{} · {}{} · A: {} · B: {}",
                clip(&sanitize_line(&d.article), 40),
                d.at,
                sanitize_line(&d.what),
                d.detail
                    .as_ref()
                    .map_or_else(String::new, |x| format!(" ({})", sanitize_line(x))),
                clip(&sanitize_line(&Side::describe(d.a.as_ref())), 40),
                clip(&sanitize_line(&Side::describe(d.b.as_ref())), 40)
            )))
        })
        .collect();
    let mut state = ListState::default();
    if !items.is_empty() {
        state.select(Some(g.index));
    }
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::TOP)
                    .title(format!(" {} disagreements ", p.disagreements.len())),
            )
            .highlight_style(look.highlight()),
        list,
        &mut state,
    );
}

/// The pair's label confusion matrix where the disagreements are otherwise listed.
fn render_confusion(p: &Pairwise, frame: &mut Frame, list: Rect) {
    let table: Vec<Line> = p
        .confusion
        .table(&p.a, &p.b, 10)
        .iter()
        .map(|l| Line::raw(format!(" {}", sanitize_line(l))))
        .collect();
    frame.render_widget(
        Paragraph::new(table).block(Block::default().borders(Borders::TOP).title(format!(
            " labels: {} (rows) against {} (columns), {} aligned mentions ",
            sanitize_line(&p.a),
            sanitize_line(&p.b),
            p.confusion.total()
        ))),
        list,
    );
}
