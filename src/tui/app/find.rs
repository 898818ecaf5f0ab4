//! Finding things: text search (`/`, `n`, `N`, case folded in every script as
//! [`crate::text::search`] says, wrapping at the ends), the next or previous annotation, the
//! next paragraph nobody annotated, and the mouse (click, drag, click on a span, wheel).

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use super::App;
use crate::model::Span;
use crate::text::{Search, byte_at_column};
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;
use crate::tui::rows::Row;

/// The last query compiled, and how many matches it has in the text once counted: `n` and
/// `N` then cost the distance to the next match, and the count is made once per query.
#[derive(Debug, Clone)]
pub struct Compiled {
    query: String,
    search: Search,
    count: Option<usize>,
}

impl App {
    pub(super) fn search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(input) = self.search.input.as_mut() else {
            self.mode = Mode::Reading;
            return Vec::new();
        };
        let bound = self
            .keymap
            .action(Mode::Search, crate::tui::keymap::KeyCombo::from_event(key));
        match (bound, key.code) {
            (Some(crate::tui::action::Action::Cancel), _) => {
                self.search.input = None;
                self.mode = Mode::Reading;
            }
            (Some(crate::tui::action::Action::Pick), _) => {
                let query = std::mem::take(input);
                self.search.input = None;
                self.mode = Mode::Reading;
                if query.is_empty() {
                    return self.search_again(true);
                }
                self.search.last = Some(query);
                return self.search_again(true);
            }
            (_, KeyCode::Backspace) => {
                input.pop();
            }
            (None, KeyCode::Char(c)) if !c.is_control() => input.push(c),
            _ => {}
        }
        Vec::new()
    }

    /// Moves to the next (or previous) match of the last search, wrapping around.
    pub(super) fn search_again(&mut self, forward: bool) -> Vec<Effect> {
        let Some(query) = self.search.last.clone() else {
            self.message = Some(format!(
                "nothing searched yet: press {} and type",
                self.keymap
                    .hint(Mode::Reading, crate::tui::action::Action::Search)
            ));
            return Vec::new();
        };
        if self
            .search
            .compiled
            .as_ref()
            .is_none_or(|c| c.query != query)
        {
            self.search.compiled = Search::new(&query).map(|search| Compiled {
                query: query.clone(),
                search,
                count: None,
            });
        }
        let Some(compiled) = self.search.compiled.as_mut() else {
            self.message = Some(format!("/{query}: not found"));
            return Vec::new();
        };
        let text = &self.doc.article().text;
        let s = &compiled.search;
        let hit = if forward {
            s.forward(text, self.view.cursor + 1)
                .map(|r| (r, false))
                .or_else(|| s.forward(text, 0).map(|r| (r, true)))
        } else {
            s.backward(text, self.view.cursor)
                .map(|r| (r, false))
                .or_else(|| s.backward(text, text.len()).map(|r| (r, true)))
        };
        if let Some((at, wrapped)) = hit {
            self.view.cursor = at.start;
            self.search.found = Some(Span::new(at.start, at.end));
            let count = *compiled.count.get_or_insert_with(|| s.count(text));
            self.message = Some(format!(
                "/{query}: {count} match(es){}",
                if wrapped { ", search wrapped" } else { "" }
            ));
        } else {
            self.search.found = None;
            self.message = Some(format!("/{query}: not found"));
        }
        self.follow_cursor();
        Vec::new()
    }

    /// To the start of the next (or previous) mention.
    pub(super) fn jump_annotation(&mut self, forward: bool) {
        let mentions = &self.doc.annotations().mentions;
        let i = mentions.partition_point(|m| m.extent().start <= self.view.cursor);
        let target = if forward {
            mentions.get(i)
        } else {
            mentions[..i]
                .iter()
                .rev()
                .find(|m| m.extent().start < self.view.cursor)
        };
        match target {
            Some(m) => self.view.cursor = m.extent().start,
            None => {
                self.message = Some(format!(
                    "no annotation {}",
                    if forward { "after this" } else { "before this" }
                ));
            }
        }
    }

    /// To the first paragraph after this one with no mention in it.
    pub(super) fn next_unannotated(&mut self) {
        let from = self.current_paragraph() + 1;
        let found = self
            .doc
            .article()
            .paragraphs
            .iter()
            .enumerate()
            .skip(from)
            .find(|(_, r)| self.mentions_in((*r).clone()).next().is_none());
        match found {
            Some((_, r)) => self.view.cursor = r.start,
            None => self.message = Some("every paragraph after this one has annotations".into()),
        }
    }

    /// The byte under screen cell (`x`, `y`), if it shows article text.
    fn byte_at_cell(&self, x: u16, y: u16) -> Option<usize> {
        let v = self.view.viewport;
        if x < v.text_x || y < v.text_y {
            return None;
        }
        let rows = self.visible_rows();
        match &rows.get(usize::from(y - v.text_y))?.1 {
            Row::Text { line, .. } => {
                let column = usize::from(x - v.text_x);
                let text = &self.doc.article().text;
                let at = line.range.start + byte_at_column(&text[line.range.clone()], column);
                // Past the end of a line: its last character.
                let last =
                    crate::text::prev_grapheme_boundary(text, line.range.end).max(line.range.start);
                Some(at.min(last))
            }
            Row::Gap => None,
        }
    }

    pub fn mouse(&mut self, event: MouseEvent) {
        if !matches!(self.mode, Mode::Reading | Mode::Pane) {
            return;
        }
        self.message = None;
        match event.kind {
            MouseEventKind::ScrollDown => self.scroll(3),
            MouseEventKind::ScrollUp => self.scroll(-3),
            MouseEventKind::Down(MouseButton::Left) => {
                let Some(at) = self.byte_at_cell(event.column, event.row) else {
                    return;
                };
                self.panes.focus = super::Focus::Article;
                self.mode = Mode::Reading;
                self.view.cursor = at;
                self.view.anchor = None;
                self.view.drag_from = Some(at);
                if let Some(m) = self.mention_at(at) {
                    self.panes.selected = Some(m);
                    let label = self
                        .doc
                        .annotations()
                        .mention(m)
                        .map(|m| m.label.clone())
                        .unwrap_or_default();
                    self.message = Some(format!("{m} {label} selected"));
                }
            }
            MouseEventKind::Drag(MouseButton::Left) => {
                if let (Some(from), Some(at)) = (
                    self.view.drag_from,
                    self.byte_at_cell(event.column, event.row),
                ) {
                    self.view.anchor = Some(from);
                    self.view.cursor = at;
                    self.follow_cursor();
                }
            }
            MouseEventKind::Up(MouseButton::Left) => self.view.drag_from = None,
            _ => {}
        }
    }

    /// Scrolls the article by `by` rows; the cursor stays on screen.
    fn scroll(&mut self, by: isize) {
        if self.view.rows.is_empty() {
            return;
        }
        self.view.top = self.view.rows.offset(self.doc.article(), self.view.top, by);
        self.clamp_top();
        self.view
            .rows
            .ensure(self.doc.article(), self.view.top, self.view.page);
        if self.cursor_on_screen() {
            return;
        }
        let above = self.cursor_row() < self.view.top;
        let rows = self.visible_rows();
        let mut texts = rows.iter().filter_map(|(_, r)| match r {
            Row::Text { line, .. } => Some(line.range.start),
            Row::Gap => None,
        });
        let target = if above {
            texts.next()
        } else {
            texts.next_back()
        };
        if let Some(at) = target {
            self.view.cursor = at;
        }
    }
}
