//! Choosing what compare sets side by side: A, then B, among the article's annotators and
//! its gold copy (when it has one). Enter twice takes this annotator as A and the next as B.
//! Its keys are the editor's picker's (the `picker` section of the keymap).

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

use super::{Browser, View};
use crate::tui::action::Action;
use crate::tui::describe::sanitize_line;
use crate::tui::keymap::KeyCombo;
use crate::tui::look::Look;
use crate::tui::mode::Mode;

/// The choice of A and B for comparing one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChooseSides {
    pub article: String,
    /// Whose files the article has: this annotator first, the others, then gold.
    pub choices: Vec<String>,
    /// A, once chosen; B is chosen among the others.
    pub a: Option<String>,
    /// The highlighted row of [`Self::shown`].
    pub index: usize,
}

/// What a key in the choice asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    Waiting,
    Cancelled,
    Both(String, String),
}

impl ChooseSides {
    /// The choice for `article`, whose files are `who` (gold among them or not), with `me`
    /// first when it has a file.
    pub fn new(article: &str, who: impl IntoIterator<Item = String>, me: &str) -> Self {
        let mut choices: Vec<String> = who.into_iter().filter(|w| w != "gold").collect();
        if let Some(i) = choices.iter().position(|w| w == me) {
            let me = choices.remove(i);
            choices.insert(0, me);
        }
        Self {
            article: article.to_owned(),
            choices,
            a: None,
            index: 0,
        }
    }

    /// Adds gold as the last choice.
    #[must_use]
    pub fn with_gold(mut self) -> Self {
        self.choices.push("gold".to_owned());
        self
    }

    /// The rows offered now: every choice for A; for B, the others, starting after A.
    pub fn shown(&self) -> Vec<String> {
        match &self.a {
            None => self.choices.clone(),
            Some(a) => self.choices.iter().filter(|w| *w != a).cloned().collect(),
        }
    }

    /// The choice for B after `b`, A left out, round to the first after the last.
    pub fn after(&self, a: &str, b: &str) -> Option<String> {
        let others: Vec<&String> = self.choices.iter().filter(|w| *w != a).collect();
        let at = others.iter().position(|w| *w == b)?;
        others.get((at + 1) % others.len()).map(|w| (*w).clone())
    }

    /// An action of the picker section: move, pick, cancel.
    pub fn act(&mut self, action: Action) -> Chosen {
        let len = self.shown().len();
        let last = len.saturating_sub(1);
        match action {
            Action::CursorDown => self.index = (self.index + 1).min(last),
            Action::CursorUp => self.index = self.index.saturating_sub(1),
            Action::PageDown => self.index = last,
            Action::PageUp => self.index = 0,
            Action::Pick => {
                let Some(picked) = self.shown().get(self.index).cloned() else {
                    return Chosen::Cancelled;
                };
                match self.a.take() {
                    None => {
                        // B starts on the choice after A: where A was, once A is left out,
                        // or the first when A was the last.
                        let at = self.choices.iter().position(|w| *w == picked).unwrap_or(0);
                        self.a = Some(picked);
                        self.index = if at + 1 < len { at } else { 0 };
                    }
                    Some(a) => return Chosen::Both(a, picked),
                }
            }
            Action::Cancel => return Chosen::Cancelled,
            _ => {}
        }
        Chosen::Waiting
    }
}

impl Browser {
    /// Asks for the two sides to compare on the highlighted article.
    pub(super) fn choose_sides(&mut self) {
        let Some(article) = self.visible().get(self.index).map(|a| (*a).clone()) else {
            return;
        };
        let choose = self.sides_of(&article.name, article.files.keys().cloned());
        if choose.choices.len() < 2 {
            self.message = Some(format!(
                "compare needs two files for {} (annotators' or gold); it has {}",
                article.name,
                choose.choices.len()
            ));
            return;
        }
        self.view = View::ChooseSides(choose);
    }

    /// The choice for `article`, whose annotators' files are `who`; gold is a choice when its
    /// file is there (looked for on disk: compare may have just written it).
    pub(super) fn sides_of(
        &self,
        article: &str,
        who: impl IntoIterator<Item = String>,
    ) -> ChooseSides {
        let choose = ChooseSides::new(article, who, &self.annotator);
        if self.project.annotation_path("gold", article).is_file() {
            choose.with_gold()
        } else {
            choose
        }
    }

    /// A key while the sides are chosen.
    pub(super) fn sides_key(&mut self, key: KeyEvent) {
        let action = self.keymap.action(Mode::Picker, KeyCombo::from_event(key));
        let View::ChooseSides(c) = &mut self.view else {
            return;
        };
        match action.map_or(Chosen::Waiting, |a| c.act(a)) {
            Chosen::Waiting => {}
            Chosen::Cancelled => self.view = View::List,
            Chosen::Both(a, b) => {
                let article = c.article.clone();
                self.view = View::List;
                self.open_compare(&article, &a, &b, None);
            }
        }
    }
}

/// What the choice's box says under it.
const BOTTOM: &str = " enter chooses · esc back ";

/// The choice, over the list.
pub fn render(c: &ChooseSides, look: &Look, frame: &mut Frame) {
    let shown = c.shown();
    let title = match &c.a {
        None => format!(" Compare {}: A is ", sanitize_line(&c.article)),
        Some(a) => format!(" A {} · B is ", sanitize_line(a)),
    };
    let width = shown
        .iter()
        .map(|w| w.chars().count())
        .chain([title.chars().count(), BOTTOM.chars().count()])
        .max()
        .unwrap_or(0)
        .saturating_add(4);
    let height = u16::try_from(shown.len() + 2).unwrap_or(u16::MAX);
    let popup = crate::tui::view::centred(
        frame.area(),
        u16::try_from(width).unwrap_or(u16::MAX),
        height,
    );
    let items: Vec<ListItem> = shown
        .iter()
        .map(|w| ListItem::new(Line::raw(format!(" {}", sanitize_line(w)))))
        .collect();
    let mut state = ListState::default();
    state.select(Some(c.index.min(shown.len().saturating_sub(1))));
    frame.render_widget(Clear, popup);
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(title)
                    .title_bottom(BOTTOM),
            )
            .highlight_style(look.highlight()),
        popup,
        &mut state,
    );
}
