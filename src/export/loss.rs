//! What an export could not carry, per article: counts and a few examples of each kind.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

/// Examples kept per kind of loss.
const EXAMPLES: usize = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ArticleLoss {
    pub counts: BTreeMap<String, usize>,
    pub examples: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Loss {
    /// By article, as "story.txt (alice)".
    pub articles: BTreeMap<String, ArticleLoss>,
}

impl Loss {
    /// Makes sure `key` is listed, even with nothing lost.
    pub fn article(&mut self, key: &str) {
        self.articles.entry(key.to_owned()).or_default();
    }

    /// A fragment `was` of mention `id` written as `now` (whole tokens), when they differ.
    pub fn snapped(
        &mut self,
        key: &str,
        id: crate::model::MentionId,
        text: &str,
        was: std::ops::Range<usize>,
        now: std::ops::Range<usize>,
    ) {
        if was != now {
            self.add(
                key,
                "spans snapped to whole tokens",
                format!("{id} '{}' -> '{}'", &text[was], &text[now]),
            );
        }
    }

    pub fn add(&mut self, key: &str, kind: &str, example: impl Into<String>) {
        let a = self.articles.entry(key.to_owned()).or_default();
        *a.counts.entry(kind.to_owned()).or_default() += 1;
        let ex = a.examples.entry(kind.to_owned()).or_default();
        if ex.len() < EXAMPLES {
            ex.push(example.into());
        }
    }

    pub fn total(&self) -> usize {
        self.articles.values().flat_map(|a| a.counts.values()).sum()
    }

    pub fn is_lossless(&self) -> bool {
        self.total() == 0
    }

    /// For the terminal: one line when nothing was lost, else each article's losses.
    pub fn render(&self, format: &str) -> String {
        if self.is_lossless() {
            return format!(
                "{format}: {} file(s) exported; lossless: everything was carried over\n",
                self.articles.len()
            );
        }
        let mut s = format!(
            "{format}: {} file(s) exported; {} thing(s) the format could not carry:\n",
            self.articles.len(),
            self.total()
        );
        for (article, loss) in &self.articles {
            if loss.counts.is_empty() {
                continue;
            }
            let _ = writeln!(s, "  {article}:");
            for (kind, n) in &loss.counts {
                let examples = loss
                    .examples
                    .get(kind)
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                let _ = writeln!(s, "    {n} x {kind}: e.g. {}", examples.join("; "));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_a_few_examples_per_kind() {
        let mut l = Loss::default();
        l.article("a.txt (x)");
        assert!(l.is_lossless());
        assert!(l.render("jsonl").contains("lossless"));
        for i in 0..5 {
            l.add("a.txt (x)", "note on the article", format!("n{i}"));
        }
        assert_eq!(l.total(), 5);
        let text = l.render("brat");
        assert!(
            text.contains("5 x note on the article: e.g. n0; n1; n2"),
            "{text}"
        );
    }
}
