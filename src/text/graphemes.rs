//! Grapheme cluster boundaries: a span may start and end only where a user-perceived
//! character starts, so that "e" + combining accent or an emoji family is never cut in two.

use unicode_segmentation::GraphemeCursor;

/// Whether `byte` is a grapheme boundary of `text` (the start and end of the text are).
pub fn is_grapheme_boundary(text: &str, byte: usize) -> bool {
    if byte > text.len() || !text.is_char_boundary(byte) {
        return false;
    }
    GraphemeCursor::new(byte, text.len(), true)
        .is_boundary(text, 0)
        .unwrap_or(false)
}

/// The first grapheme boundary after `byte`, or the end of the text.
pub fn next_grapheme_boundary(text: &str, byte: usize) -> usize {
    let byte = floor_char_boundary(text, byte);
    GraphemeCursor::new(byte, text.len(), true)
        .next_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(text.len())
}

/// The last grapheme boundary before `byte`, or 0.
pub fn prev_grapheme_boundary(text: &str, byte: usize) -> usize {
    let byte = ceil_char_boundary(text, byte);
    GraphemeCursor::new(byte, text.len(), true)
        .prev_boundary(text, 0)
        .ok()
        .flatten()
        .unwrap_or(0)
}

fn floor_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

fn ceil_char_boundary(text: &str, mut byte: usize) -> usize {
    byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combining_marks_and_zwj_sequences_are_not_split() {
        let text = "ae\u{301}b👩\u{200d}👧c";
        assert!(is_grapheme_boundary(text, 0));
        assert!(is_grapheme_boundary(text, 1));
        assert!(!is_grapheme_boundary(text, 2), "between e and its accent");
        assert!(is_grapheme_boundary(text, 4));
        let family = text.find('👩').unwrap();
        assert!(
            !is_grapheme_boundary(text, family + 4),
            "inside the ZWJ family"
        );
        assert_eq!(next_grapheme_boundary(text, 1), 4);
        assert_eq!(prev_grapheme_boundary(text, 4), 1);
        assert_eq!(next_grapheme_boundary(text, text.len()), text.len());
        assert_eq!(prev_grapheme_boundary(text, 0), 0);
        assert!(!is_grapheme_boundary(text, text.len() + 1));
    }
}
