//! The article as screen rows at one width: each paragraph's wrapped lines, with a blank
//! row between paragraphs. Rebuilt only when the width changes.

use crate::text::{Article, VisualLine, wrap};

/// One screen row of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Text { paragraph: usize, line: VisualLine },
    Gap,
}

#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub width: usize,
    pub lines: Vec<Row>,
    /// Index of each paragraph's first row.
    pub paragraph_starts: Vec<usize>,
}

impl Rows {
    pub fn build(article: &Article, width: usize) -> Self {
        let mut rows = Vec::new();
        let mut paragraph_starts = Vec::with_capacity(article.paragraphs.len());
        for (i, range) in article.paragraphs.iter().enumerate() {
            if i > 0 {
                rows.push(Row::Gap);
            }
            paragraph_starts.push(rows.len());
            rows.extend(
                wrap(&article.text, range.clone(), width)
                    .into_iter()
                    .map(|line| Row::Text { paragraph: i, line }),
            );
        }
        Self {
            width,
            lines: rows,
            paragraph_starts,
        }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The paragraph shown at or just after row `row`.
    pub fn paragraph_at(&self, row: usize) -> usize {
        self.paragraph_starts
            .partition_point(|&start| start <= row)
            .saturating_sub(1)
    }
}
