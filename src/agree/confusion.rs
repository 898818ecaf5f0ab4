//! Which label one annotator gave where another gave which: mentions aligned one to one
//! (exact matches first, then the largest overlaps, as compare aligns them), counted by the
//! pair of labels, with "(none)" for a mention the other side does not have.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

/// What stands for "the other annotator marked nothing here".
pub const NONE: &str = "(none)";

/// Counts per (A's label, B's label); every label either side used is a row and a column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Confusion {
    cells: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Confusion {
    /// Counts one aligned pair; `None` where that side has no mention.
    pub fn add(&mut self, a: Option<&str>, b: Option<&str>) {
        self.add_n(a, b, 1);
    }

    /// Counts `n` aligned pairs of the same two labels; the table is made square again only
    /// when a pair of labels is new.
    pub fn add_n(&mut self, a: Option<&str>, b: Option<&str>, n: usize) {
        let (a, b) = (a.unwrap_or(NONE), b.unwrap_or(NONE));
        if (a == NONE && b == NONE) || n == 0 {
            return;
        }
        if let Some(count) = self.cells.get_mut(a).and_then(|row| row.get_mut(b)) {
            *count += n;
            return;
        }
        *self
            .cells
            .entry(a.to_owned())
            .or_default()
            .entry(b.to_owned())
            .or_default() += n;
        self.square();
    }

    /// How often A said `a` where B said `b`.
    pub fn count(&self, a: &str, b: &str) -> usize {
        self.cells
            .get(a)
            .and_then(|row| row.get(b))
            .copied()
            .unwrap_or(0)
    }

    /// The labels, in order, with "(none)" last.
    pub fn labels(&self) -> Vec<String> {
        let mut out: Vec<String> = self.cells.keys().filter(|l| *l != NONE).cloned().collect();
        out.push(NONE.to_owned());
        out
    }

    /// Aligned mentions, all told.
    pub fn total(&self) -> usize {
        self.cells.values().flat_map(BTreeMap::values).sum()
    }

    /// Every row has every column and every column is a row, so a reader gets a square table.
    fn square(&mut self) {
        let mut all: BTreeSet<String> = self.cells.keys().cloned().collect();
        for row in self.cells.values() {
            all.extend(row.keys().cloned());
        }
        all.insert(NONE.to_owned());
        for label in &all {
            let row = self.cells.entry(label.clone()).or_default();
            for col in &all {
                row.entry(col.clone()).or_default();
            }
        }
    }

    /// The table for a person: a header of B's labels, then a row per A label; labels longer
    /// than `width` are cut with an ellipsis.
    pub fn table(&self, a: &str, b: &str, width: usize) -> Vec<String> {
        let labels = self.labels();
        let cut = |s: &str| {
            if s.chars().count() > width {
                let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
                t.push('…');
                t
            } else {
                s.to_owned()
            }
        };
        let corner = cut(&format!("{a} \\ {b}"));
        let mut lines = vec![format!(
            "{corner:<width$} {}",
            labels
                .iter()
                .map(|l| format!("{:>width$}", cut(l)))
                .collect::<Vec<_>>()
                .join(" ")
        )];
        for row in &labels {
            lines.push(format!(
                "{:<width$} {}",
                cut(row),
                labels
                    .iter()
                    .map(|col| format!("{:>width$}", self.count(row, col)))
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_pairs_and_keeps_the_table_square() {
        let mut c = Confusion::default();
        c.add(Some("Claim"), Some("Claim"));
        c.add(Some("Claim"), Some("Speaker"));
        c.add(Some("Cue"), None);
        c.add(None, None);
        assert_eq!(c.count("Claim", "Claim"), 1);
        assert_eq!(c.count("Claim", "Speaker"), 1);
        assert_eq!(c.count("Cue", NONE), 1);
        assert_eq!(
            c.count(NONE, NONE),
            0,
            "nothing on either side is not counted"
        );
        assert_eq!(c.total(), 3);
        assert_eq!(c.labels(), ["Claim", "Cue", "Speaker", NONE]);
        let json = serde_json::to_value(&c).unwrap();
        for row in c.labels() {
            assert_eq!(json[&row].as_object().unwrap().len(), 4, "{json}");
        }
        let table = c.table("ann", "bob", 8);
        assert_eq!(table.len(), 5);
        assert!(table[0].starts_with("ann \\ b…"), "{table:?}");
        assert!(table[1].starts_with("Claim"), "{table:?}");
        assert!(
            table[1].ends_with("       1        0        1        0"),
            "{table:?}"
        );
    }
}
