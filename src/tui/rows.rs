//! The article as screen rows at one width, wrapped lazily: a paragraph is wrapped the
//! first time one of its rows is needed (on screen, or passed by a motion) and kept until
//! the width changes. Opening a book or resizing the window costs what the screen shows,
//! not what the book holds.
//!
//! A row is named by its paragraph and its wrapped line in it; the line one past a
//! paragraph's last is the blank row between it and the next paragraph.

use crate::text::{Article, VisualLine, wrap};

/// A screen row: paragraph `paragraph`, wrapped line `line` (or, one past its last line,
/// the gap after it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct RowPos {
    pub paragraph: usize,
    pub line: usize,
}

/// What a row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Text { paragraph: usize, line: VisualLine },
    Gap,
}

#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub width: usize,
    /// Each paragraph's wrapped lines, once wrapped at `width`.
    cache: Vec<Option<Vec<VisualLine>>>,
}

impl Rows {
    pub fn new(article: &Article, width: usize) -> Self {
        Self {
            width,
            cache: vec![None; article.paragraphs.len()],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.cache.is_empty()
    }

    /// How many paragraphs are wrapped so far.
    pub fn wrapped(&self) -> usize {
        self.cache.iter().filter(|c| c.is_some()).count()
    }

    /// Paragraph `p`'s lines, wrapping it now if needed.
    pub fn lines(&mut self, article: &Article, p: usize) -> &[VisualLine] {
        let width = self.width;
        match self.cache.get_mut(p) {
            Some(slot) => slot.get_or_insert_with(|| {
                let range = article.paragraphs[p].clone();
                wrap(&article.text, range, width)
            }),
            None => &[],
        }
    }

    /// Paragraph `p`'s lines if they are wrapped already.
    pub fn cached(&self, p: usize) -> Option<&[VisualLine]> {
        self.cache.get(p)?.as_deref()
    }

    /// Rows of paragraph `p`: its lines, and the gap after it unless it is the last.
    fn rows_of(&mut self, article: &Article, p: usize) -> usize {
        let gap = usize::from(p + 1 < self.cache.len());
        self.lines(article, p).len() + gap
    }

    /// The row after `pos`, if any.
    pub fn next(&mut self, article: &Article, pos: RowPos) -> Option<RowPos> {
        if pos.line + 1 < self.rows_of(article, pos.paragraph) {
            Some(RowPos {
                line: pos.line + 1,
                ..pos
            })
        } else if pos.paragraph + 1 < self.cache.len() {
            Some(RowPos {
                paragraph: pos.paragraph + 1,
                line: 0,
            })
        } else {
            None
        }
    }

    /// The row before `pos`, if any.
    pub fn prev(&mut self, article: &Article, pos: RowPos) -> Option<RowPos> {
        if pos.line > 0 {
            Some(RowPos {
                line: pos.line - 1,
                ..pos
            })
        } else if pos.paragraph > 0 {
            let p = pos.paragraph - 1;
            let line = self.rows_of(article, p) - 1;
            Some(RowPos { paragraph: p, line })
        } else {
            None
        }
    }

    /// `pos` moved by `by` rows, stopping at either end.
    pub fn offset(&mut self, article: &Article, mut pos: RowPos, by: isize) -> RowPos {
        for _ in 0..by.unsigned_abs() {
            let step = if by < 0 {
                self.prev(article, pos)
            } else {
                self.next(article, pos)
            };
            match step {
                Some(p) => pos = p,
                None => break,
            }
        }
        pos
    }

    /// The row that shows byte `at` of paragraph `p` (its last row when `at` is the end).
    pub fn pos_of(&mut self, article: &Article, p: usize, at: usize) -> RowPos {
        let lines = self.lines(article, p);
        let after = lines.partition_point(|l| l.range.start <= at);
        RowPos {
            paragraph: p,
            line: after.saturating_sub(1),
        }
    }

    /// The last row of the article.
    pub fn last(&mut self, article: &Article) -> RowPos {
        let Some(p) = self.cache.len().checked_sub(1) else {
            return RowPos::default();
        };
        let line = self.rows_of(article, p).saturating_sub(1);
        RowPos { paragraph: p, line }
    }

    /// What row `pos` shows, if its paragraph is wrapped.
    pub fn row(&self, pos: RowPos) -> Option<Row> {
        let lines = self.cached(pos.paragraph)?;
        Some(match lines.get(pos.line) {
            Some(line) => Row::Text {
                paragraph: pos.paragraph,
                line: line.clone(),
            },
            None => Row::Gap,
        })
    }

    /// Up to `count` rows from `top`, wrapping what they need; the screen's rows.
    pub fn ensure(&mut self, article: &Article, top: RowPos, count: usize) {
        let mut pos = Some(top);
        for _ in 0..count {
            let Some(p) = pos else { break };
            self.lines(article, p.paragraph);
            pos = self.next(article, p);
        }
    }

    /// Up to `count` rows from `top`, from what is wrapped already (see `ensure`).
    pub fn visible(&self, top: RowPos, count: usize) -> Vec<(RowPos, Row)> {
        let mut out = Vec::with_capacity(count);
        let mut pos = top;
        while out.len() < count {
            let Some(lines) = self.cached(pos.paragraph) else {
                break;
            };
            let gap = usize::from(pos.paragraph + 1 < self.cache.len());
            if pos.line < lines.len() + gap {
                let row = self.row(pos).unwrap_or(Row::Gap);
                out.push((pos, row));
                pos.line += 1;
            } else if pos.paragraph + 1 < self.cache.len() {
                pos = RowPos {
                    paragraph: pos.paragraph + 1,
                    line: 0,
                };
            } else {
                break;
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn article() -> Article {
        Article::from_text(
            Path::new("a.txt"),
            "one two three four five six\n\nseven\n\neight nine ten".into(),
        )
    }

    #[test]
    fn rows_walk_through_lines_and_gaps_wrapping_only_what_they_pass() {
        let a = article();
        let mut rows = Rows::new(&a, 10);
        assert_eq!(rows.wrapped(), 0);
        let top = RowPos::default();
        rows.ensure(&a, top, 2);
        assert_eq!(rows.wrapped(), 1, "two rows are in the first paragraph");
        let shown = rows.visible(top, 2);
        assert_eq!(shown.len(), 2);
        let all: Vec<RowPos> = std::iter::successors(Some(top), |p| rows.next(&a, *p)).collect();
        // 3 lines + gap, 1 line + gap, 2 lines.
        assert_eq!(all.len(), 3 + 1 + 1 + 1 + 2);
        assert_eq!(
            rows.last(&a),
            RowPos {
                paragraph: 2,
                line: 1
            }
        );
        assert_eq!(
            rows.row(RowPos {
                paragraph: 0,
                line: 3
            }),
            Some(Row::Gap)
        );
        let last = rows.last(&a);
        assert_eq!(rows.offset(&a, last, -100), top);
        assert_eq!(
            rows.offset(&a, top, 5),
            RowPos {
                paragraph: 1,
                line: 1
            }
        );
        let eight = a.text.find("ten").unwrap();
        assert_eq!(
            rows.pos_of(&a, 2, eight),
            RowPos {
                paragraph: 2,
                line: 1
            }
        );
        let shown = rows.visible(
            RowPos {
                paragraph: 1,
                line: 0,
            },
            10,
        );
        assert_eq!(shown.len(), 4, "stops at the end");
    }
}
