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

    /// The text row that shows byte `at` of paragraph `paragraph` (its last row when `at` is
    /// the paragraph's end).
    pub fn row_of(&self, paragraph: usize, at: usize) -> usize {
        let first = self.paragraph_starts.get(paragraph).copied().unwrap_or(0);
        let end = self
            .paragraph_starts
            .get(paragraph + 1)
            .map_or(self.lines.len(), |next| next - 1);
        let rows = &self.lines[first..end.max(first)];
        let after = rows.partition_point(|r| match r {
            Row::Text { line, .. } => line.range.start <= at,
            Row::Gap => false,
        });
        first + after.saturating_sub(1)
    }

    pub fn line(&self, row: usize) -> Option<&VisualLine> {
        match self.lines.get(row)? {
            Row::Text { line, .. } => Some(line),
            Row::Gap => None,
        }
    }
}
