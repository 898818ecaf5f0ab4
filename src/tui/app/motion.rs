//! Cursor motions over the article: by character, word, screen line, paragraph, page, and to
//! the start or end. The cursor is a byte offset on a grapheme boundary inside a paragraph.

use super::App;
use crate::text::{
    next_grapheme_boundary, next_word_start, prev_grapheme_boundary, prev_word_start,
};
use crate::tui::rows::{Row, RowPos};

impl App {
    /// The paragraph the cursor is in.
    pub fn current_paragraph(&self) -> usize {
        self.doc.article().paragraph_at(self.view.cursor)
    }

    fn paragraph_range(&self, p: usize) -> std::ops::Range<usize> {
        self.doc
            .article()
            .paragraphs
            .get(p)
            .cloned()
            .unwrap_or(0..0)
    }

    /// The last position the cursor may take in paragraph `p`: its last grapheme.
    fn paragraph_last(&self, p: usize) -> usize {
        let r = self.paragraph_range(p);
        prev_grapheme_boundary(&self.doc.article().text, r.end).max(r.start)
    }

    pub(super) fn move_left(&mut self) {
        let p = self.current_paragraph();
        if self.view.cursor > self.paragraph_range(p).start {
            self.view.cursor = prev_grapheme_boundary(&self.doc.article().text, self.view.cursor);
        } else if p > 0 {
            self.view.cursor = self.paragraph_last(p - 1);
        }
    }

    pub(super) fn move_right(&mut self) {
        let p = self.current_paragraph();
        let next = next_grapheme_boundary(&self.doc.article().text, self.view.cursor);
        if next < self.paragraph_range(p).end {
            self.view.cursor = next;
        } else if p + 1 < self.doc.article().paragraphs.len() {
            self.view.cursor = self.paragraph_range(p + 1).start;
        }
    }

    /// The row the cursor is on.
    pub(super) fn cursor_row(&mut self) -> RowPos {
        let p = self.current_paragraph();
        self.view
            .rows
            .pos_of(self.doc.article(), p, self.view.cursor)
    }

    /// Up or down `by` screen rows (gaps between paragraphs not counted), keeping the column
    /// the cursor was in.
    pub(super) fn move_rows(&mut self, by: isize) {
        if self.doc.article().paragraphs.is_empty() {
            return;
        }
        let row = self.cursor_row();
        let Some(Row::Text { line, .. }) = self.view.rows.row(row) else {
            return;
        };
        let text = &self.doc.article().text;
        let column = self.view.goal_column.unwrap_or_else(|| {
            crate::text::display_width_of(&text[line.range.start..self.view.cursor])
        });
        let mut target = row;
        let mut left = by.unsigned_abs();
        while left > 0 {
            let next = if by < 0 {
                self.view.rows.prev(self.doc.article(), target)
            } else {
                self.view.rows.next(self.doc.article(), target)
            };
            let Some(next) = next else { break };
            target = next;
            if matches!(self.view.rows.row(target), Some(Row::Text { .. })) {
                left -= 1;
            }
        }
        let text = &self.doc.article().text;
        if let Some(Row::Text { line, .. }) = self.view.rows.row(target) {
            let content = text[line.range.clone()].trim_end_matches('\n');
            let at = crate::text::byte_at_column(content, column);
            let end = line.range.start + content.len();
            self.view.cursor = (line.range.start + at)
                .min(prev_grapheme_boundary(text, end).max(line.range.start));
            self.view.goal_column = Some(column);
        }
    }

    pub(super) fn next_word(&mut self) {
        if let Some(t) = next_word_start(&self.doc.article().text, self.view.cursor) {
            self.view.cursor = t;
            self.clamp_into_paragraph(true);
        }
    }

    pub(super) fn prev_word(&mut self) {
        if let Some(s) = prev_word_start(&self.doc.article().text, self.view.cursor) {
            self.view.cursor = s;
        }
    }

    pub(super) fn next_paragraph(&mut self) {
        let p = self.current_paragraph();
        if p + 1 < self.doc.article().paragraphs.len() {
            self.view.cursor = self.paragraph_range(p + 1).start;
        }
    }

    pub(super) fn prev_paragraph(&mut self) {
        let p = self.current_paragraph();
        let start = self.paragraph_range(p).start;
        self.view.cursor = if self.view.cursor > start || p == 0 {
            start
        } else {
            self.paragraph_range(p - 1).start
        };
    }

    pub(super) fn go_start(&mut self) {
        self.view.cursor = self.paragraph_range(0).start;
    }

    pub(super) fn go_end(&mut self) {
        let last = self.doc.article().paragraphs.len().saturating_sub(1);
        self.view.cursor = self.paragraph_last(last);
    }

    /// To the next (or previous) mention with the label of the one under the cursor, a
    /// claim elsewhere, past the mentions that lie inside this one (a cue inside a quote).
    pub(super) fn jump_label(&mut self, forward: bool) {
        let here = self
            .mention_at(self.view.cursor)
            .and_then(|m| self.mention(m));
        let claim = self.schema.links.attribution.claim.first().cloned();
        let Some(label) = here.map(|m| m.label.clone()).or(claim) else {
            return;
        };
        let extent = here.map(crate::model::Mention::extent);
        let same: Vec<crate::model::Span> = self
            .doc
            .annotations()
            .mentions
            .iter()
            .filter(|m| m.label == label)
            .map(|m| m.extent())
            .collect();
        // Only the outermost: a claim inside a longer claim is passed over both ways.
        let outer = |e: &crate::model::Span| {
            !same
                .iter()
                .any(|o| o != e && o.start <= e.start && e.end <= o.end)
        };
        let mentions = same.iter().filter(|e| outer(e));
        let target = if forward {
            let from = extent.map_or(self.view.cursor + 1, |e| e.end);
            mentions.filter(|e| e.start >= from).map(|e| e.start).min()
        } else {
            let before = extent.map_or(self.view.cursor, |e| e.start);
            mentions.filter(|e| e.start < before).map(|e| e.start).max()
        };
        match target {
            Some(at) => self.view.cursor = at,
            None => {
                self.message = Some(format!(
                    "no {label} {}",
                    if forward { "after this" } else { "before this" }
                ));
            }
        }
    }

    /// Keeps the cursor out of the blank lines between paragraphs.
    fn clamp_into_paragraph(&mut self, forward: bool) {
        let p = self.current_paragraph();
        let r = self.paragraph_range(p);
        if self.view.cursor < r.start {
            self.view.cursor = if forward {
                r.start
            } else {
                self.paragraph_last(p.saturating_sub(1))
            };
        } else if self.view.cursor >= r.end {
            self.view.cursor = self.paragraph_last(p);
        }
    }

    /// Scrolls so the cursor's row is on screen, looking at no more rows than a screen.
    pub(super) fn follow_cursor(&mut self) {
        if self.view.rows.is_empty() {
            return;
        }
        let row = self.cursor_row();
        if row < self.view.top {
            self.view.top = row;
            return;
        }
        let bottom =
            self.view
                .rows
                .offset(self.doc.article(), self.view.top, self.page_isize() - 1);
        if row > bottom {
            self.view.top = self
                .view
                .rows
                .offset(self.doc.article(), row, 1 - self.page_isize());
        }
    }
}
