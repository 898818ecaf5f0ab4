//! Display-width-aware word wrapping of one paragraph. The visual lines partition the
//! paragraph's bytes exactly (a break's whitespace stays at the end of the line it ends), so
//! a cursor or a span can always be mapped to a line and back.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::display::display_width;

/// One screen line of a wrapped paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Bytes of the article this line shows.
    pub range: Range<usize>,
    /// Cells taken by the line without its trailing whitespace.
    pub width: usize,
}

/// Wraps `text[range]` to `width` cells. Lines break after whitespace where possible, inside
/// a word (between graphemes) when a word is wider than the line, and at every `\n`.
/// A grapheme wider than `width` gets a line of its own. An empty range gives one empty line.
pub fn wrap(text: &str, range: Range<usize>, width: usize) -> Vec<VisualLine> {
    let width = width.max(1);
    let base = range.start;
    let slice = &text[range];
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Byte just after the last whitespace on this line, and the width up to it.
    let mut brk: Option<(usize, usize)> = None;
    for (i, g) in slice.grapheme_indices(true) {
        if g == "\n" {
            lines.push(line(slice, base, start..i + 1));
            start = i + 1;
            used = 0;
            brk = None;
            continue;
        }
        let gw = display_width(g);
        if g.chars().all(char::is_whitespace) {
            used += gw;
            brk = Some((i + g.len(), used));
            continue;
        }
        if used + gw > width && i > start {
            match brk {
                Some((b, bw)) if b > start => {
                    lines.push(line(slice, base, start..b));
                    start = b;
                    used -= bw;
                }
                _ => {
                    lines.push(line(slice, base, start..i));
                    start = i;
                    used = 0;
                }
            }
            brk = None;
            if used + gw > width && i > start {
                lines.push(line(slice, base, start..i));
                start = i;
                used = 0;
            }
        }
        used += gw;
    }
    if start < slice.len() || lines.is_empty() || slice.ends_with('\n') {
        lines.push(line(slice, base, start..slice.len()));
    }
    lines
}

fn line(slice: &str, base: usize, r: Range<usize>) -> VisualLine {
    let width = slice[r.clone()]
        .trim_end()
        .graphemes(true)
        .map(display_width)
        .sum();
    VisualLine {
        range: base + r.start..base + r.end,
        width,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::is_grapheme_boundary;
    use proptest::prelude::*;

    fn shown(text: &str, width: usize) -> Vec<&str> {
        wrap(text, 0..text.len(), width)
            .into_iter()
            .map(|l| &text[l.range])
            .collect()
    }

    #[test]
    fn breaks_after_spaces() {
        assert_eq!(shown("We deny the news", 8), vec!["We deny ", "the news"]);
    }

    #[test]
    fn long_words_break_between_graphemes() {
        assert_eq!(shown("abcdefgh", 3), vec!["abc", "def", "gh"]);
    }

    #[test]
    fn wide_characters_count_two_cells() {
        assert_eq!(shown("中文中文", 5), vec!["中文", "中文"]);
        assert_eq!(shown("中", 1), vec!["中"]);
    }

    #[test]
    fn newlines_end_lines() {
        assert_eq!(shown("a\nb", 10), vec!["a\n", "b"]);
        assert_eq!(shown("", 10), vec![""]);
    }

    fn mixed_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            "word",
            "longerword",
            " ",
            "  ",
            "\n",
            "“",
            "”",
            "e\u{301}",
            "👩‍👩‍👧",
            "中文",
            "\u{1b}",
            "\t",
            "-",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn lines_partition_the_text_and_fit(text in mixed_text(), width in 1usize..30) {
            let lines = wrap(&text, 0..text.len(), width);
            let mut at = 0;
            for l in &lines {
                prop_assert_eq!(l.range.start, at);
                at = l.range.end;
                prop_assert!(is_grapheme_boundary(&text, l.range.start));
                prop_assert!(is_grapheme_boundary(&text, l.range.end));
                let s = &text[l.range.clone()];
                let one_grapheme = s.trim_end().graphemes(true).count() <= 1;
                prop_assert!(l.width <= width || one_grapheme, "{:?} is {} wide", s, l.width);
            }
            prop_assert_eq!(at, text.len());
        }
    }
}
