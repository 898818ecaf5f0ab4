//! Where a reworded quote went: the passage near its old place most alike, whole words,
//! and a saved position pulled into the new text.

use std::collections::HashMap;

use crate::model::Span;
use crate::store::format::FragmentV1;
use crate::text::{Article, is_grapheme_boundary, next_grapheme_boundary, prev_grapheme_boundary};

/// Below this similarity (percent) a passage is not offered.
const ALIKE: u8 = 60;

/// The passage near `frag`'s old place most like its quote, whole words from the start of
/// a word to the end of one, if it is at least [`ALIKE`] percent alike (the Dice
/// coefficient of the two texts' character pairs, ignoring case).
pub(super) fn most_alike(article: &Article, frag: &FragmentV1) -> Option<(Span, u8)> {
    let text = &article.text;
    let quote: Vec<char> = frag.quote.chars().map(lower).collect();
    if quote.len() < 4 || text.is_empty() {
        return None;
    }
    let mut wanted: HashMap<(char, char), u32> = HashMap::new();
    for w in quote.windows(2) {
        *wanted.entry((w[0], w[1])).or_default() += 1;
    }
    let pairs = quote.len() - 1;
    let centre = article
        .offsets
        .byte_of_char(frag.start.min(article.char_count()))
        .unwrap_or(text.len());
    let reach = 2000.max(4 * frag.quote.len());
    let lo = floor_char(text, centre.saturating_sub(reach));
    let hi = floor_char(text, (centre + frag.quote.len() + reach).min(text.len()));
    let words = words_in(text, lo, hi);
    let longest = quote.len() * 3 / 2 + 2;
    let mut best: Option<(u32, Span)> = None;
    let mut have: HashMap<(char, char), u32> = HashMap::new();
    for (i, &(start, _)) in words.iter().enumerate() {
        have.clear();
        let (mut common, mut count, mut chars) = (0u32, 0usize, 0usize);
        let mut prev = None;
        let mut next_end = i;
        for (b, c) in text[start..hi].char_indices() {
            let c_low = lower(c);
            chars += 1;
            if let Some(p) = prev {
                let n = have.entry((p, c_low)).or_default();
                if *n < wanted.get(&(p, c_low)).copied().unwrap_or(0) {
                    common += 1;
                }
                *n += 1;
                count += 1;
            }
            prev = Some(c_low);
            let end = start + b + c.len_utf8();
            while next_end < words.len() && words[next_end].1 < end {
                next_end += 1;
            }
            if next_end < words.len() && words[next_end].1 == end && chars * 2 >= quote.len() {
                // Percent times 100, kept whole: 2 * common / (pairs + count).
                let total = u32::try_from(pairs + count).unwrap_or(u32::MAX).max(1);
                let score = 20_000 * common / total;
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, Span::new(start, end)));
                }
            }
            if chars > longest {
                break;
            }
        }
    }
    let (score, span) = best?;
    let percent = u8::try_from(score / 100).unwrap_or(100);
    if percent < ALIKE {
        return None;
    }
    let start = if is_grapheme_boundary(text, span.start) {
        span.start
    } else {
        prev_grapheme_boundary(text, span.start)
    };
    let end = if is_grapheme_boundary(text, span.end) {
        span.end
    } else {
        next_grapheme_boundary(text, span.end)
    };
    Some((Span::new(start, end), percent))
}

/// Byte of code point `cp` of the new text, pulled inside the paragraph it falls in.
pub(super) fn near(article: &Article, cp: usize) -> usize {
    let text = &article.text;
    let at = article
        .offsets
        .byte_of_char(cp.min(article.char_count()))
        .unwrap_or(text.len());
    let at = match article.paragraphs.get(article.paragraph_at(at)) {
        Some(p) => at.clamp(p.start, p.end.saturating_sub(1).max(p.start)),
        None => at,
    };
    if is_grapheme_boundary(text, at) {
        at
    } else {
        prev_grapheme_boundary(text, at)
    }
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The words (runs of letters and digits) of `text[lo..hi]`, as byte ranges of `text`.
fn words_in(text: &str, lo: usize, hi: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[lo..hi].char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(lo + i),
            (false, Some(s)) => {
                out.push((s, lo + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, hi));
    }
    out
}
