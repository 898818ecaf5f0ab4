//! Words: what word motions stop at and what a selection snaps to. Letters, digits and `_`
//! make words; everything else separates them.

use std::ops::Range;

use super::graphemes::next_grapheme_boundary;

pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The start of the next word after byte `at`, if any.
pub fn next_word_start(text: &str, at: usize) -> Option<usize> {
    let mut seen_gap = false;
    for (i, c) in text[at..].char_indices() {
        if !is_word_char(c) {
            seen_gap = true;
        } else if seen_gap {
            return Some(at + i);
        }
    }
    None
}

/// The start of the word before byte `at` (or of the word `at` is inside), if any.
pub fn prev_word_start(text: &str, at: usize) -> Option<usize> {
    let mut iter = text[..at].char_indices().rev().peekable();
    // Skip what separates us from the previous word, then that word.
    while iter.next_if(|(_, c)| !is_word_char(*c)).is_some() {}
    let mut start = None;
    while let Some((i, _)) = iter.next_if(|(_, c)| is_word_char(*c)) {
        start = Some(i);
    }
    start
}

/// The span from the character at `first` to the character at `last` (both included),
/// grown to whole words at both ends and without surrounding whitespace; `None` when only
/// whitespace is left.
pub fn snap_to_words(text: &str, first: usize, last: usize) -> Option<Range<usize>> {
    let (a, b) = (first.min(last), first.max(last));
    let mut start = a;
    let mut end = next_grapheme_boundary(text, b);
    if text[start..].starts_with(is_word_char) {
        while let Some(c) = text[..start]
            .chars()
            .next_back()
            .filter(|c| is_word_char(*c))
        {
            start -= c.len_utf8();
        }
    }
    if text[..end].ends_with(is_word_char) {
        while let Some(c) = text[end..].chars().next().filter(|c| is_word_char(*c)) {
            end += c.len_utf8();
        }
    }
    let covered = &text[start..end];
    let trimmed_start = start + (covered.len() - covered.trim_start().len());
    let trimmed_end = start + covered.trim_end().len();
    (trimmed_start < trimmed_end).then_some(trimmed_start..trimmed_end)
}

/// For a pronoun ("He", " they "): whether it refers to a person (he, she) or to anyone
/// (they, it, we, you); `None` for any other words.
pub fn pronoun_kind(words: &str) -> Option<bool> {
    const PERSON: [&str; 5] = ["he", "she", "him", "her", "hers"];
    const ANY: [&str; 11] = [
        "they", "it", "them", "his", "their", "we", "i", "us", "our", "its", "you",
    ];
    let w = words.trim().to_lowercase();
    if PERSON.contains(&w.as_str()) {
        Some(true)
    } else {
        ANY.contains(&w.as_str()).then_some(false)
    }
}

/// The small words a name may have between its capitalised ones ("Islamic State of Iraq").
pub const GLUE: [&str; 12] = [
    "the", "a", "an", "of", "in", "at", "for", "and", "from", "on", "to", "by",
];

/// Whether a name names someone: every word but the glue capitalised ("Jerusalem Post",
/// "Islamic State of Iraq"), not a description ("US defense officials", "top military
/// officials in Tehran").
pub fn is_named(name: &str) -> bool {
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|w| {
            capitalised(w)
                || GLUE.contains(&bare(w).as_str())
                || !w.starts_with(char::is_alphabetic)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selections_grow_to_whole_words_and_lose_outer_spaces() {
        let t = "We deny the “news” reports";
        let deny = t.find("deny").unwrap();
        assert_eq!(snap_to_words(t, deny + 1, deny + 2), Some(deny..deny + 4));
        let news = t.find("news").unwrap();
        // From inside "deny" to inside "news": both words whole, the quote mark after
        // "news" not taken.
        let r = snap_to_words(t, deny + 2, news + 1).unwrap();
        assert_eq!(&t[r], "deny the “news");
        assert_eq!(snap_to_words(t, 2, 2), None, "a lone space");
        // Backwards selections mean the same.
        assert_eq!(
            snap_to_words(t, news + 1, deny + 2),
            snap_to_words(t, deny + 2, news + 1)
        );
    }

    #[test]
    fn word_motions_skip_punctuation() {
        let t = "said: “No change,” she";
        assert_eq!(next_word_start(t, 0), t.find("No"));
        assert_eq!(next_word_start(t, t.find("change").unwrap()), t.find("she"));
        assert_eq!(next_word_start(t, t.find("she").unwrap()), None);
        assert_eq!(prev_word_start(t, t.find("she").unwrap()), t.find("change"));
        assert_eq!(prev_word_start(t, 2), Some(0));
        assert_eq!(prev_word_start(t, 0), None);
    }
}
