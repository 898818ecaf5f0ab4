//! How one grapheme of untrusted article text is shown in a terminal cell. Control
//! characters, C1 codes and bidirectional overrides would let a text move the cursor, change
//! the title or reorder the screen; they are shown as visible placeholders instead, and every
//! grapheme takes at least one cell so the cursor can always land on it.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What to draw for `grapheme`: the grapheme itself when it is safe, else a placeholder.
pub fn cell_symbol(grapheme: &str) -> Cow<'_, str> {
    let mut chars = grapheme.chars();
    let first = chars.next().unwrap_or(' ');
    if grapheme.chars().any(is_unsafe) {
        if first == '\t' {
            return Cow::Borrowed(" ");
        }
        return Cow::Owned(placeholder(first).to_string());
    }
    if grapheme.width() == 0 {
        // A lone combining mark or zero-width character: give it a visible base.
        return Cow::Owned(format!("\u{25cc}{grapheme}"));
    }
    Cow::Borrowed(grapheme)
}

/// Cells `grapheme` takes on screen, consistent with [`cell_symbol`].
pub fn display_width(grapheme: &str) -> usize {
    if grapheme.chars().any(is_unsafe) {
        return 1;
    }
    grapheme.width().max(1)
}

/// Cells a run of text takes on screen.
pub fn display_width_of(s: &str) -> usize {
    s.graphemes(true).map(display_width).sum()
}

/// The byte offset of the grapheme that covers display column `column` of `s` (0-based), or
/// the end of `s` when it is narrower.
pub fn byte_at_column(s: &str, column: usize) -> usize {
    let mut x = 0;
    for (i, g) in s.grapheme_indices(true) {
        let w = display_width(g);
        if column < x + w {
            return i;
        }
        x += w;
    }
    s.len()
}

fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn placeholder(c: char) -> char {
    match c {
        // C0 controls have their own "control picture" block.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_pass_through() {
        assert_eq!(cell_symbol("\u{1b}"), "\u{241b}");
        assert_eq!(cell_symbol("\u{7}"), "\u{2407}");
        assert_eq!(cell_symbol("\u{9b}"), "\u{fffd}");
        assert_eq!(cell_symbol("\u{202e}"), "\u{fffd}");
        assert_eq!(cell_symbol("\t"), " ");
        assert_eq!(display_width("\u{1b}"), 1);
    }

    #[test]
    fn columns_map_to_graphemes() {
        assert_eq!(display_width_of("a中b"), 4);
        assert_eq!(byte_at_column("a中b", 0), 0);
        assert_eq!(byte_at_column("a中b", 1), 1);
        assert_eq!(
            byte_at_column("a中b", 2),
            1,
            "the second cell of a wide character"
        );
        assert_eq!(byte_at_column("a中b", 3), 4);
        assert_eq!(byte_at_column("a中b", 9), 5);
    }

    #[test]
    fn ordinary_graphemes_pass_through_with_their_width() {
        assert_eq!(cell_symbol("é"), "é");
        assert_eq!(display_width("中"), 2);
        assert_eq!(display_width("👩\u{200d}👧"), 2);
        assert_eq!(display_width("a"), 1);
        assert_eq!(cell_symbol("\u{301}"), "\u{25cc}\u{301}");
        assert_eq!(display_width("\u{301}"), 1);
    }
}
