//! Text search that ignores case in every script: Unicode simple case folding ("ÆSIR" finds
//! "Æsir", "ΣΟΦΊΑ" finds "σοφία", "ДОМ" finds "дом"), and the full foldings that turn one
//! character into several ("STRASSE" finds "Straße" and "straße" finds "STRASSE", "ﬁle"
//! finds "file", "İstanbul" finds "İSTANBUL" and "i̇stanbul" written with a combining
//! dot). Turkish dotless/dotted i is not folded the Turkish way ("istanbul" does not find
//! "İstanbul"), and letters are not stripped of their accents ("Zurich" does not find
//! "Zürich"). The query becomes one compiled automaton, so finding the next match costs
//! the distance to it, wherever the cursor is in the text.

use std::ops::Range;

/// Characters whose full case folding is more than one character, with that folding: the
/// Latin, Armenian and ligature entries of Unicode's CaseFolding.txt (status F).
const MULTI: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ẞ', "ss"),
    ('İ', "i\u{307}"),
    ('ŉ', "\u{2bc}n"),
    ('ǰ', "j\u{30c}"),
    ('ẖ', "h\u{331}"),
    ('ẗ', "t\u{308}"),
    ('ẘ', "w\u{30a}"),
    ('ẙ', "y\u{30a}"),
    ('ẚ', "a\u{2be}"),
    ('ΐ', "\u{3b9}\u{308}\u{301}"),
    ('ΰ', "\u{3c5}\u{308}\u{301}"),
    ('և', "եւ"),
    ('ﬀ', "ff"),
    ('ﬁ', "fi"),
    ('ﬂ', "fl"),
    ('ﬃ', "ffi"),
    ('ﬄ', "ffl"),
    ('ﬅ', "st"),
    ('ﬆ', "st"),
    ('ﬓ', "մն"),
    ('ﬔ', "մե"),
    ('ﬕ', "մի"),
    ('ﬖ', "վն"),
    ('ﬗ', "մխ"),
];

/// The longest pattern the expansions may make before they are given up (a query of many
/// "s" would otherwise grow without bound); the query is then matched with simple folding.
const PATTERN_LIMIT: usize = 20_000;

/// A compiled search.
#[derive(Debug, Clone)]
pub struct Search {
    regex: regex::Regex,
}

impl Search {
    /// The search for `query`; `None` for an empty query.
    pub fn new(query: &str) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        // The query with its multi-character foldings spelled out.
        let folded: Vec<char> = query
            .chars()
            .flat_map(|c| {
                MULTI
                    .iter()
                    .find(|(m, _)| *m == c)
                    .map_or_else(|| vec![c], |(_, f)| f.chars().collect())
            })
            .collect();
        let mut budget = PATTERN_LIMIT;
        let pattern = alternatives(&folded, &mut budget).unwrap_or_else(|| {
            folded
                .iter()
                .map(|c| regex::escape(&c.to_string()))
                .collect()
        });
        let regex = regex::RegexBuilder::new(&pattern)
            .case_insensitive(true)
            .build()
            .ok()?;
        Some(Self { regex })
    }

    /// The first match that starts at or after byte `from`.
    pub fn forward(&self, text: &str, from: usize) -> Option<Range<usize>> {
        let mut from = from.min(text.len());
        while !text.is_char_boundary(from) {
            from += 1;
        }
        self.regex.find_at(text, from).map(|m| m.range())
    }

    /// The last match that starts before byte `before`: looked for in a window before it
    /// that doubles until a match is in it, so it costs the distance to that match.
    pub fn backward(&self, text: &str, before: usize) -> Option<Range<usize>> {
        let before = before.min(text.len());
        let mut width = 4096;
        loop {
            let mut start = before.saturating_sub(width);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut last = None;
            let mut at = start;
            while let Some(m) = self.regex.find_at(text, at) {
                if m.start() >= before {
                    break;
                }
                last = Some(m.range());
                at = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + 1
                };
                while at < text.len() && !text.is_char_boundary(at) {
                    at += 1;
                }
                if at > text.len() {
                    break;
                }
            }
            if last.is_some() || start == 0 {
                return last;
            }
            width *= 2;
        }
    }

    /// Every match in `text`.
    pub fn count(&self, text: &str) -> usize {
        self.regex.find_iter(text).count()
    }
}

/// The pattern for `q`: at each place, the next character (matched in any case) or a
/// character whose full folding spells the next few; `None` past the budget.
fn alternatives(q: &[char], budget: &mut usize) -> Option<String> {
    let Some(&first) = q.first() else {
        return Some(String::new());
    };
    let mut options = vec![format!(
        "{}{}",
        regex::escape(&first.to_string()),
        alternatives(&q[1..], budget)?
    )];
    for (m, f) in MULTI {
        let f: Vec<char> = f.chars().collect();
        let starts = f.len() <= q.len()
            && f.iter()
                .zip(q)
                .all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()));
        if starts {
            options.push(format!(
                "{}{}",
                regex::escape(&m.to_string()),
                alternatives(&q[f.len()..], budget)?
            ));
        }
    }
    let pattern = if options.len() == 1 {
        options.swap_remove(0)
    } else {
        format!("(?:{})", options.join("|"))
    };
    *budget = budget.checked_sub(pattern.len())?;
    Some(pattern)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(query: &str, text: &str) -> Vec<Range<usize>> {
        let s = Search::new(query).unwrap();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(r) = s.forward(text, from) {
            from = r.end.max(r.start + 1);
            out.push(r);
        }
        out
    }

    fn words<'a>(query: &str, text: &'a str) -> Vec<&'a str> {
        all(query, text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn ascii_and_simple_folding() {
        let t = "Iran denies. IRAN said: «iran» é";
        assert_eq!(all("iran", t).len(), 3);
        assert_eq!(
            words("ÆSIR", "the Æsir and the æsir, not AESIR"),
            ["Æsir", "æsir"]
        );
        assert_eq!(words("дом", "ДОМ, Дом и дом"), ["ДОМ", "Дом", "дом"]);
        assert_eq!(words("σοφία", "ΣΟΦΊΑ σοφία"), ["ΣΟΦΊΑ", "σοφία"]);
        assert!(Search::new("").is_none());
    }

    #[test]
    fn full_folding_of_sharp_s_and_ligatures() {
        let t = "Straße, STRASSE, strasse, STRAẞE, Strasze";
        assert_eq!(
            words("STRASSE", t),
            ["Straße", "STRASSE", "strasse", "STRAẞE"]
        );
        assert_eq!(
            words("straße", t),
            ["Straße", "STRASSE", "strasse", "STRAẞE"]
        );
        assert_eq!(words("file", "the ﬁle, the FILE"), ["ﬁle", "FILE"]);
    }

    #[test]
    fn dotted_capital_i_folds_to_i_and_a_combining_dot() {
        let t = "İstanbul, İSTANBUL, i\u{307}stanbul, Istanbul, istanbul";
        assert_eq!(
            words("İstanbul", t),
            ["İstanbul", "İSTANBUL", "i\u{307}stanbul"]
        );
        // Not the Turkish folding: a plain i does not find the dotted capital.
        assert_eq!(words("istanbul", t), ["Istanbul", "istanbul"]);
    }

    #[test]
    fn backward_finds_the_last_match_before() {
        let text = format!(
            "Ruiz {} ruiz {} RUIZ end",
            "x".repeat(10_000),
            "é".repeat(5_000)
        );
        let s = Search::new("ruiz").unwrap();
        let last = text.rfind("RUIZ").unwrap();
        let middle = text.find(" ruiz").unwrap() + 1;
        assert_eq!(s.backward(&text, text.len()).map(|r| r.start), Some(last));
        assert_eq!(s.backward(&text, last).map(|r| r.start), Some(middle));
        assert_eq!(s.backward(&text, middle).map(|r| r.start), Some(0));
        assert_eq!(s.backward(&text, 0), None);
        assert_eq!(s.count(&text), 3);
        assert_eq!(s.forward(&text, 1).map(|r| r.start), Some(middle));
    }

    #[test]
    fn a_long_run_of_expansions_stays_bounded() {
        let q = "s".repeat(200);
        let s = Search::new(&q).unwrap();
        assert_eq!(s.forward(&"S".repeat(300), 0), Some(0..200));
    }
}
