//! Tokens and sentences for CoNLL: words (with inner apostrophes, hyphens and dots, and the
//! period of an abbreviation or initial), emoji and flags as one token each, and sentence
//! bounds from Unicode's sentence rules (UAX #29) less the false ones: after titles,
//! initials and other abbreviations, before a lower-case word, and inside a mention.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::is_word_char;

/// Titles and abbreviations that a sentence does not end with.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov",
    "Govs", "Lt", "Col", "Gen", "Maj", "Capt", "Cmdr", "Adm", "Sgt", "Cpl", "Pvt", "Rev", "Hon",
    "Pres", "Supt", "Det", "Insp", "Fr", "St", "Mt", "Ft", "Atty", "Amb", "Sec", "Secs", "Gens",
    "Brig", "Rt", "vs", "cf", "e.g", "i.e", "approx", "ca", "Ave", "Blvd", "Jan", "Feb", "Apr",
    "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that may end a sentence: a break after one is kept only before a word
/// that usually starts one.
const MAYBE_FINAL: &[&str] = &[
    "Inc", "Corp", "Co", "Ltd", "Jr", "Sr", "Bros", "LLC", "Cos", "etc", "a.m", "p.m", "Ala",
    "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La",
    "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn",
    "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "Dept", "Univ", "Assn", "Gov't",
];

/// Abbreviations before a number only ("No. 5"); elsewhere the period ends a sentence ("No.").
const BEFORE_NUMBER: &[&str] = &["No", "Nos", "Vol", "Vols", "Fig", "Figs", "pp"];

/// Words that usually start a sentence, for [`MAYBE_FINAL`] abbreviations and acronyms.
const STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "What",
    "Why",
    "How",
    "Who",
    "Some",
    "Many",
    "Most",
    "Still",
    "Now",
    "Then",
    "Meanwhile",
    "However",
    "Also",
    "Both",
    "Each",
    "Other",
    "Others",
    "For",
    "Since",
    "Although",
    "Though",
    "Last",
    "Earlier",
    "Later",
    "According",
];

/// Is `word` in `list`, as written or in capitals ("ST. LOUIS")?
fn listed(list: &[&str], word: &str) -> bool {
    list.contains(&word)
        || (word.chars().count() > 1
            && !word.chars().any(char::is_lowercase)
            && list.iter().any(|a| a.to_uppercase() == word))
}

/// Is `word` (without its final period) an abbreviation whose period belongs to it?
fn is_abbreviation(word: &str) -> bool {
    listed(NEVER_FINAL, word) || listed(MAYBE_FINAL, word) || is_initial(word) || is_acronym(word)
}

/// A single capital letter: "J" of "J. K. Rowling".
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

/// Letters joined by periods: "U.S", "D.C", "a.m".
fn is_acronym(word: &str) -> bool {
    word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

/// Python's `str.split()` separates at these too; a token never holds one.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// Tokens of `text[range]` as byte ranges: runs of letters and digits (with inner
/// apostrophes, hyphens and dots, as in "don't", "US-led", "3.5", and the period of an
/// abbreviation: "Mr.", "U.S.", "J."), or one grapheme cluster of anything else (an emoji
/// with its modifiers and joiners, a flag).
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[range.clone()];
    let mut at = 0;
    while let Some(c) = s[at..].chars().next() {
        let i = at;
        if is_space(c) {
            at += c.len_utf8();
            continue;
        }
        let end = if is_word_char(c) {
            let mut end = i + c.len_utf8();
            // Extend over word characters, marks, and joiners between word characters.
            while let Some(d) = s[end..].chars().next() {
                // A joiner only between word characters: looked past only for a joiner.
                let joiner = || {
                    matches!(d, '\'' | '’' | '-' | '.')
                        && s[end + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(is_word_char)
                };
                if is_word_char(d) || is_mark(d) || joiner() {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            let before_number = || {
                s[end + 1..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_numeric)
                    && BEFORE_NUMBER.contains(&&s[i..end])
            };
            if s[end..].starts_with('.') && (is_abbreviation(&s[i..end]) || before_number()) {
                end += 1;
            }
            end
        } else if c.is_ascii() && c != '\r' && s.as_bytes().get(i + 1).is_none_or(u8::is_ascii) {
            // Two ASCII characters (other than CR LF) are always two graphemes.
            i + 1
        } else {
            i + s[i..].graphemes(true).next().map_or(c.len_utf8(), str::len)
        };
        out.push(range.start + i..range.start + end);
        at = end;
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe00}'..='\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}' | '\u{e0020}'..='\u{e007f}')
}

/// Where the sentences of a paragraph start: indices into `toks` (the first is 0), from
/// the Unicode sentence bounds of `text[range]`, less those after an abbreviation or an
/// initial, before a word in lower case or a digit, and those `inside` says a mention
/// spans (`inside(a, b)`: some mention covers both the tokens `a` and `b`).
pub fn sentence_starts(
    text: &str,
    range: &Range<usize>,
    toks: &[Range<usize>],
    inside: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut starts = Vec::new();
    if toks.is_empty() {
        return starts;
    }
    starts.push(0);
    let bounds: Vec<usize> = text[range.clone()]
        .split_sentence_bound_indices()
        .map(|(i, _)| range.start + i)
        .filter(|&b| b > range.start)
        .collect();
    let mut next = 1;
    for b in bounds {
        // The first token at or after the bound starts the sentence.
        while next < toks.len() && toks[next].start < b {
            next += 1;
        }
        if next >= toks.len() {
            break;
        }
        if toks[next - 1].end <= b && !false_break(text, toks, next) && !inside(next - 1, next) {
            starts.push(next);
        }
    }
    starts.dedup();
    starts
}

/// A Unicode sentence bound before token `i` that is no sentence end.
fn false_break(text: &str, toks: &[Range<usize>], i: usize) -> bool {
    let next = &text[toks[i].clone()];
    if next
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c.is_numeric())
    {
        return true;
    }
    // The last word before the bound, past closing quotes and brackets.
    let mut j = i;
    while j > 0
        && matches!(
            &text[toks[j - 1].clone()],
            "”" | "’" | "\"" | "'" | ")" | "]"
        )
    {
        j -= 1;
    }
    let Some(last) = j.checked_sub(1).map(|k| &text[toks[k].clone()]) else {
        return false;
    };
    let Some(word) = last.strip_suffix('.') else {
        return false;
    };
    if listed(NEVER_FINAL, word) || is_initial(word) {
        return true;
    }
    (listed(MAYBE_FINAL, word) || is_acronym(word)) && !STARTERS.contains(&next)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokens(t, 0..t.len()).into_iter().map(|r| &t[r]).collect()
    }

    fn sentences(t: &str) -> Vec<String> {
        let toks = tokens(t, 0..t.len());
        let starts = sentence_starts(t, &(0..t.len()), &toks, |_, _| false);
        let mut out = Vec::new();
        for (n, &s) in starts.iter().enumerate() {
            let e = starts.get(n + 1).copied().unwrap_or(toks.len());
            out.push(
                toks[s..e]
                    .iter()
                    .map(|r| &t[r.clone()])
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        out
    }

    #[test]
    fn tokens_keep_words_contractions_and_emoji_sequences_whole() {
        let t = "“We don’t,” the US-led 👍🏽 said.";
        assert_eq!(
            words(t),
            [
                "“", "We", "don’t", ",", "”", "the", "US-led", "👍🏽", "said", "."
            ]
        );
    }

    #[test]
    fn punctuation_is_one_token_a_mark_each_with_what_it_marks() {
        // "#" with a keycap mark after it is one grapheme; "?!" and "(…)" are one token a mark.
        assert_eq!(
            words("?! (no) #\u{20e3} \"x\"."),
            ["?", "!", "(", "no", ")", "#\u{20e3}", "\"", "x", "\"", "."]
        );
    }

    #[test]
    fn a_flag_a_zwj_sequence_and_a_keycap_are_one_token_each() {
        let t = "go 🇺🇸🇫🇷 👩‍👩‍👧 1️⃣ 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}!";
        assert_eq!(
            words(t),
            [
                "go",
                "🇺🇸",
                "🇫🇷",
                "👩‍👩‍👧",
                "1️⃣",
                "🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}",
                "!"
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            words("Mr. Smith of the U.S. met J. Doe at 3.5 p.m. today."),
            [
                "Mr.", "Smith", "of", "the", "U.S.", "met", "J.", "Doe", "at", "3.5", "p.m.",
                "today", "."
            ]
        );
    }

    #[test]
    fn sentences_do_not_end_after_titles_initials_or_decimals() {
        let t = "ST. LOUIS — Sen. Ted Cruz met Mrs. Clinton and Gov. Mike Pence in St. Louis. \
                 U.S. Rep. Jo Ann Smith paid $3.5 million to J. R. R. Tolkien Inc. \
                 The deal closed. “Why?” he asked. Was it 5 p.m. Monday? No. It was No. 5 on the list.";
        assert_eq!(
            sentences(t),
            [
                "ST. LOUIS — Sen. Ted Cruz met Mrs. Clinton and Gov. Mike Pence in St. Louis .",
                "U.S. Rep. Jo Ann Smith paid $ 3.5 million to J. R. R. Tolkien Inc.",
                "The deal closed .",
                "“ Why ? ” he asked .",
                "Was it 5 p.m. Monday ?",
                "No .",
                "It was No. 5 on the list ."
            ]
        );
    }

    #[test]
    fn a_sentence_never_ends_inside_a_mention() {
        let t = "He left. She stayed. They went.";
        let toks = tokens(t, 0..t.len());
        // A mention over "left . She".
        let starts = sentence_starts(t, &(0..t.len()), &toks, |a, b| a == 2 && b == 3);
        assert_eq!(starts, [0, 6]);
    }
}
