//! The `?` help of a screen: its bindings with what each does, generated from its section of
//! the keymap, over the screen; the editor's `help` section scrolls and closes it.

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::{ScreenAction, help_rows};
use crate::tui::action::Action;
use crate::tui::describe::sanitize_line;
use crate::tui::keymap::{KeyCombo, Keymap};
use crate::tui::mode::Mode;

/// The help shown over a screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Help {
    pub title: String,
    /// Keys, and what they do.
    pub rows: Vec<(String, &'static str)>,
    /// The first row shown.
    pub top: usize,
    /// The message the screen showed when the help opened, whole (a footer may have cut it).
    pub message: Option<String>,
}

impl Help {
    pub fn of<A: ScreenAction>(title: &str, bindings: &[(KeyCombo, A)]) -> Self {
        Self {
            title: title.to_owned(),
            rows: {
                let mut rows = help_rows(bindings);
                rows.push((
                    "ctrl-c".to_owned(),
                    "quit from any screen (gold is saved first)",
                ));
                rows
            },
            top: 0,
            message: None,
        }
    }

    /// A key while the help is shown; false when it closes.
    pub fn key(&mut self, keymap: &Keymap, key: KeyEvent) -> bool {
        match keymap.action(Mode::Help, KeyCombo::from_event(key)) {
            Some(Action::Cancel | Action::Help | Action::Quit) => return false,
            Some(Action::CursorDown) => {
                self.top = (self.top + 1).min(self.rows.len().saturating_sub(1));
            }
            Some(Action::CursorUp) => self.top = self.top.saturating_sub(1),
            _ => {}
        }
        true
    }

    pub fn draw(&self, keymap: &Keymap, frame: &mut Frame) {
        let area = frame.area();
        let key_width = self
            .rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0);
        let widest = self
            .rows
            .iter()
            .map(|(_, t)| t.chars().count())
            .max()
            .unwrap_or(0);
        let want = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let said = self.message.as_deref().map_or_else(Vec::new, |m| {
            let room = usize::from(area.width).saturating_sub(4).max(10);
            crate::tui::fit::said_lines(m, room)
        });
        let height = want(self.rows.len() + 2 + said.len()).min(area.height);
        let said_width = said.iter().map(Line::width).max().unwrap_or(0) + 2;
        let mut lines: Vec<Line> = said;
        lines.extend(self.rows.iter().skip(self.top).map(|(keys, text)| {
            Line::from(vec![
                Span::styled(
                    format!(" {:>key_width$}  ", sanitize_line(keys)),
                    Style::default().add_modifier(Modifier::BOLD),
                ),
                Span::raw(*text),
            ])
        }));
        // The letters for scrolling when there are some ("j/k"), else the first keys.
        let scroll = |a| {
            let keys = keymap.keys_for(Mode::Help, a);
            keys.iter()
                .find(|k| k.to_string().chars().count() == 1)
                .or(keys.first())
                .map_or_else(|| "(unbound)".to_owned(), ToString::to_string)
        };
        let title = format!(
            " Keys · {} · {}/{} scroll · {} closes ",
            self.title,
            scroll(Action::CursorDown),
            scroll(Action::CursorUp),
            keymap.hint(Mode::Help, Action::Cancel)
        );
        let width = want(
            (key_width + widest + 6)
                .max(title.chars().count() + 2)
                .max(said_width),
        )
        .min(area.width);
        let popup = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        let block = Block::bordered().title(title);
        frame.render_widget(Clear, popup);
        frame.render_widget(Paragraph::new(lines).block(block), popup);
    }
}
