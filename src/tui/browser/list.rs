//! The list of articles: its actions (moving, filtering, sorting, opening the other screens)
//! and its drawing.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Gauge, Row, Table, TableState};

use super::{Browser, Opening, Then};
use crate::project::summary::STATUSES;
use crate::tui::describe::{clip, sanitize_line};
use crate::tui::keymap::KeyCombo;
use crate::tui::screen::{BrowserAction, Effect, footer, lookup};

impl Browser {
    /// A key in the list: typed into the filter while it is typed, else through the
    /// `browser` section of the keymap (Ctrl-C, which always quits, never gets here).
    pub(super) fn list_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if self.typing_filter {
            self.typing_filter = crate::tui::review::type_into(&mut self.filter, key);
            self.index = 0;
            return Vec::new();
        }
        lookup(&self.keymap.screens.browser, KeyCombo::from_event(key))
            .map_or_else(Vec::new, |a| self.list_update(a))
    }

    /// What an action does to the list, and what it asks for. No I/O.
    pub fn list_update(&mut self, action: BrowserAction) -> Vec<Effect> {
        let len = self.visible().len();
        let last = len.saturating_sub(1);
        let unfiltered = self.filter.is_empty() && self.status.is_none();
        let reading = self.busy()
            && matches!(
                action,
                BrowserAction::Review | BrowserAction::Dashboard | BrowserAction::Agreement
            );
        if reading {
            self.message = Some("still reading the annotation files; esc stops".to_owned());
            return Vec::new();
        }
        match action {
            // q quits (once the filters are cleared); Esc only ever clears them, so that Esc
            // pressed once too often on the way back from a screen never ends the program.
            BrowserAction::Quit if unfiltered => return vec![Effect::Quit],
            BrowserAction::Back if self.busy() => return vec![Effect::StopLoading],
            BrowserAction::Quit | BrowserAction::Back => {
                if unfiltered {
                    let quit = self.keymap_hint(BrowserAction::Quit);
                    self.message = Some(format!("{quit} quits"));
                }
                self.filter.clear();
                self.status = None;
                self.whose = None;
            }
            BrowserAction::Down => self.index = (self.index + 1).min(last),
            BrowserAction::Up => self.index = self.index.saturating_sub(1),
            BrowserAction::PageDown => self.index = (self.index + 10).min(last),
            BrowserAction::PageUp => self.index = self.index.saturating_sub(10),
            BrowserAction::First => self.index = 0,
            BrowserAction::Last => self.index = last,
            BrowserAction::Filter => {
                self.typing_filter = true;
                self.filter.clear();
            }
            BrowserAction::Sort => self.sort = self.sort.next(),
            BrowserAction::Status => {
                self.status = match self.status {
                    None => Some(STATUSES[0]),
                    Some(s) => STATUSES
                        .iter()
                        .position(|x| *x == s)
                        .and_then(|i| STATUSES.get(i + 1))
                        .copied(),
                };
                self.index = 0;
            }
            BrowserAction::Whose => {
                // The status filter looks at the next annotator's files; after the last,
                // at this annotator's again.
                let team = &self.summary.annotators;
                let at = self
                    .whose
                    .as_ref()
                    .and_then(|w| team.iter().position(|x| x == w));
                let start = at.map_or(0, |i| i + 1);
                self.whose = team
                    .iter()
                    .skip(start)
                    .find(|w| **w != self.annotator)
                    .cloned();
                self.status = self.status.or(Some(STATUSES[0]));
                self.index = 0;
            }
            BrowserAction::Open => {
                return self
                    .visible()
                    .get(self.index)
                    .map(|a| {
                        Effect::Open(Opening {
                            article: a.name.clone(),
                            annotator: self.annotator.clone(),
                            at: None,
                            read_only: false,
                        })
                    })
                    .into_iter()
                    .collect();
            }
            BrowserAction::Review => return vec![Effect::LoadDocs(Then::Review)],
            BrowserAction::Dashboard => return vec![Effect::LoadDocs(Then::Dashboard)],
            BrowserAction::Agreement => return vec![Effect::LoadDocs(Then::Agreement)],
            BrowserAction::Compare => return vec![Effect::CompareHighlighted { after: None }],
            BrowserAction::Curate => return vec![Effect::Curate],
            BrowserAction::Help => return vec![Effect::Help],
        }
        Vec::new()
    }

    /// The first key bound to `action` in the list, as messages name it.
    fn keymap_hint(&self, action: BrowserAction) -> String {
        self.keymap
            .screens
            .browser
            .iter()
            .find(|(_, a)| *a == action)
            .map_or_else(|| "(unbound)".to_owned(), |(k, _)| k.to_string())
    }
}

/// The project's progress, the articles and the footer.
pub(super) fn render(b: &Browser, frame: &mut Frame) {
    let [head, gauge, table, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    let total = b.summary.articles.len();
    let progress = b.shown.borrow_mut().progress(&b.summary, &b.annotator);
    let finished = progress["done"] + progress["reviewed"];
    frame.render_widget(
        Line::from(vec![
            Span::styled(
                format!(" {} ", sanitize_line(&b.summary.project)),
                b.look.status(),
            ),
            Span::raw(format!(
                " {total} articles · annotator {} · {} in-progress · {} done · {} reviewed",
                sanitize_line(&b.annotator),
                progress["in-progress"],
                progress["done"],
                progress["reviewed"]
            )),
        ]),
        head,
    );
    let ratio = if total == 0 {
        0.0
    } else {
        f64::from(u32::try_from(finished).unwrap_or(u32::MAX))
            / f64::from(u32::try_from(total).unwrap_or(u32::MAX))
    };
    frame.render_widget(
        Gauge::default()
            .gauge_style(b.look.focus())
            .ratio(ratio.clamp(0.0, 1.0))
            .label(format!("{finished}/{total} done")),
        gauge,
    );
    render_table(b, table, frame);
    let hint = if let Some(reading) = b.loading_line() {
        reading
    } else if let Some(m) = &b.message {
        crate::tui::screen::footer_message(m, usize::from(foot.width))
    } else if b.typing_filter {
        format!(
            " filter: {}▏ enter keeps it, esc too ",
            sanitize_line(&b.filter)
        )
    } else {
        footer(&b.keymap.screens.browser, usize::from(foot.width))
    };
    frame.render_widget(Line::styled(hint, b.look.dim()), foot);
}

/// The articles, one row each, the highlighted one reversed.
fn render_table(b: &Browser, table: ratatui::layout::Rect, frame: &mut Frame) {
    let others: Vec<&String> = b
        .summary
        .annotators
        .iter()
        .filter(|a| **a != b.annotator)
        .collect();
    // Only the rows that fit are built: a corpus has thousands of articles.
    let visible = b.visible_places();
    let height = usize::from(table.height.saturating_sub(2)).max(1);
    let index = b.index.min(visible.len().saturating_sub(1));
    let mut offset = b.offset.get().min(visible.len().saturating_sub(height));
    if index < offset {
        offset = index;
    } else if index >= offset + height {
        offset = index + 1 - height;
    }
    b.offset.set(offset);
    let rows: Vec<Row> = visible
        .iter()
        .skip(offset)
        .take(height)
        .map(|&i| {
            let a = &b.summary.articles[i];
            let mine = a.files.get(&b.annotator);
            // Two articles of one title are told apart by their file names.
            let title = if a.title.is_empty() {
                a.name.clone()
            } else if b.shown.borrow().shares_title(i) {
                format!("{} ({})", a.title, a.name)
            } else {
                a.title.clone()
            };
            let status = mine.map_or("todo", |f| f.status.as_str()).to_owned();
            let counts = mine.map_or_else(String::new, |f| {
                format!("{:>4} {:>4} {:>4}", f.mentions, f.attributions, f.stances)
            });
            let other: Vec<String> = others
                .iter()
                .filter_map(|who| a.files.get(*who).map(|f| format!("{who}:{}", f.status)))
                .collect();
            Row::new(vec![
                Cell::from(sanitize_line(&clip(&title, 80))),
                Cell::from(status),
                Cell::from(counts),
                Cell::from(sanitize_line(&other.join(" "))),
            ])
        })
        .collect();
    let header = Row::new(vec!["article", "status", "men  att  sta", "others"])
        .style(Style::default().add_modifier(Modifier::BOLD));
    let widths = [
        Constraint::Min(20),
        Constraint::Length(11),
        Constraint::Length(14),
        Constraint::Percentage(25),
    ];
    let mut state = TableState::default();
    if !rows.is_empty() {
        state.select(Some(index - offset));
    }
    let filter = match (b.filter.is_empty(), b.status) {
        (true, None) => String::new(),
        (_, status) => format!(
            " · filter {:?}{}",
            b.filter,
            status.map_or_else(String::new, |s| format!(
                ", {} status {s}",
                sanitize_line(b.whose.as_deref().unwrap_or("my"))
            ))
        ),
    };
    let title = format!(" Articles · sorted by {}{filter} ", b.sort.word());
    frame.render_stateful_widget(
        Table::new(rows, widths)
            .header(header)
            .block(Block::default().borders(Borders::TOP).title(title))
            .row_highlight_style(b.look.highlight()),
        table,
        &mut state,
    );
}
