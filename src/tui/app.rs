//! The TUI's state and its `update`: actions change the state; nothing here draws or does
//! I/O, so every transition can be tested without a terminal.

use std::path::PathBuf;

use super::action::Action;
use super::keymap::{KeyCombo, Keymap};
use super::mode::Mode;
use super::rows::Rows;
use crate::model::Annotations;
use crate::schema::Schema;
use crate::text::Article;

/// Everything the screen shows and the keys act on.
#[derive(Debug)]
pub struct App {
    pub article: Article,
    pub annotations: Annotations,
    pub schema: Schema,
    pub keymap: Keymap,
    /// Where the annotations are saved.
    pub file: PathBuf,
    /// Whether that file exists on disk.
    pub on_disk: bool,
    pub mode: Mode,
    /// First article row on screen.
    pub top: usize,
    /// The paragraph the annotation pane describes; kept on screen.
    pub paragraph: usize,
    /// First line of the help screen.
    pub help_top: usize,
    /// A message for the status bar.
    pub message: Option<String>,
    pub quit: bool,
    pub rows: Rows,
    /// Article rows that fit on screen.
    pub page: usize,
}

/// Where the article pane is, given the whole terminal: the loop tells the app before each
/// frame so wrapping follows the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Viewport {
    pub text_width: usize,
    pub text_height: usize,
}

impl App {
    pub fn new(
        article: Article,
        annotations: Annotations,
        schema: Schema,
        keymap: Keymap,
        file: PathBuf,
        on_disk: bool,
    ) -> Self {
        Self {
            article,
            annotations,
            schema,
            keymap,
            file,
            on_disk,
            mode: Mode::Reading,
            top: 0,
            paragraph: 0,
            help_top: 0,
            message: None,
            quit: false,
            rows: Rows::default(),
            page: 1,
        }
    }

    /// Re-wraps when the article pane's width changed, and keeps the view in range.
    pub fn set_viewport(&mut self, v: Viewport) {
        let width = v.text_width.max(1);
        if width != self.rows.width || self.rows.is_empty() {
            let paragraph = self.rows.paragraph_at(self.top);
            let keep = !self.rows.is_empty();
            self.rows = Rows::build(&self.article, width);
            if keep {
                self.top = self
                    .rows
                    .paragraph_starts
                    .get(paragraph)
                    .copied()
                    .unwrap_or(0);
            }
        }
        self.page = v.text_height.max(1);
        self.top = self.top.min(self.max_top());
        self.keep_paragraph_on_screen();
    }

    /// Rows `top..top + page` show paragraphs `first..=last`.
    fn visible_paragraphs(&self) -> (usize, usize) {
        let last_row = (self.top + self.page)
            .min(self.rows.len())
            .saturating_sub(1);
        (
            self.rows.paragraph_at(self.top),
            self.rows.paragraph_at(last_row),
        )
    }

    /// After scrolling, the current paragraph follows the view.
    fn keep_paragraph_on_screen(&mut self) {
        let (first, last) = self.visible_paragraphs();
        self.paragraph = self.paragraph.clamp(first, last.max(first));
    }

    /// After moving between paragraphs, the view follows the current one.
    fn show_paragraph(&mut self) {
        let Some(&start) = self.rows.paragraph_starts.get(self.paragraph) else {
            return;
        };
        let end = self
            .rows
            .paragraph_starts
            .get(self.paragraph + 1)
            .map_or(self.rows.len(), |next| next - 1);
        if start < self.top {
            self.top = start;
        } else if end > self.top + self.page {
            self.top = start.min(end.saturating_sub(self.page));
        }
        self.top = self.top.min(self.max_top());
    }

    fn max_top(&self) -> usize {
        self.rows.len().saturating_sub(self.page)
    }

    /// The action a key means in the current mode, if any.
    pub fn action_for(&self, key: KeyCombo) -> Option<Action> {
        self.keymap.action(self.mode, key)
    }

    pub fn update(&mut self, action: Action) {
        self.message = None;
        match self.mode {
            Mode::Reading => self.update_reading(action),
            Mode::Help => self.update_help(action),
        }
    }

    fn update_reading(&mut self, action: Action) {
        let max = self.max_top();
        match action {
            Action::CursorDown => self.top = (self.top + 1).min(max),
            Action::CursorUp => self.top = self.top.saturating_sub(1),
            Action::PageDown => self.top = (self.top + self.page.saturating_sub(1).max(1)).min(max),
            Action::PageUp => {
                self.top = self.top.saturating_sub(self.page.saturating_sub(1).max(1));
            }
            Action::GoStart => self.top = 0,
            Action::GoEnd => self.top = max,
            Action::NextParagraph => {
                if self.paragraph + 1 < self.article.paragraphs.len() {
                    self.paragraph += 1;
                }
                self.show_paragraph();
                return;
            }
            Action::PrevParagraph => {
                self.paragraph = self.paragraph.saturating_sub(1);
                self.show_paragraph();
                return;
            }
            Action::Help => {
                self.mode = Mode::Help;
                self.help_top = 0;
            }
            Action::Quit => self.quit = true,
            Action::Save => {
                self.message = Some("no changes to save".to_owned());
            }
            Action::Cancel => {}
            other => {
                self.message = Some(format!(
                    "{}: not available in this version yet",
                    other.description()
                ));
            }
        }
        self.keep_paragraph_on_screen();
    }

    fn update_help(&mut self, action: Action) {
        match action {
            Action::Help | Action::Cancel | Action::Quit => self.mode = Mode::Reading,
            Action::CursorDown => self.help_top += 1,
            Action::CursorUp => self.help_top = self.help_top.saturating_sub(1),
            _ => {}
        }
    }

    /// The paragraph the annotation pane describes, 0-based.
    pub fn current_paragraph(&self) -> usize {
        self.paragraph
    }
}
