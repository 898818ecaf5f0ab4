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

/// Untrusted text on one line: newlines become spaces, and every grapheme is shown as
/// [`cell_symbol`] shows it, so control, C1 and bidi characters become placeholders.
pub fn sanitize_line(s: &str) -> String {
    s.graphemes(true)
        .map(|g| {
            if g == "\n" {
                " ".into()
            } else {
                cell_symbol(g)
            }
        })
        .collect()
}

/// Untrusted text of several lines, for a terminal: each line as [`sanitize_line`] shows
/// it, the line breaks kept. Everything the command line prints goes through here.
pub fn sanitize_lines(s: &str) -> String {
    if !s.chars().any(may_change) {
        return s.to_owned();
    }
    s.split('\n')
        .map(sanitize_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `c` might be shown other than as itself by [`cell_symbol`]: ASCII text other than
/// controls never is, so most lines are passed on without being split into graphemes.
fn may_change(c: char) -> bool {
    !(c.is_ascii_graphic() || c == ' ' || c == '\n')
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

/// Whether `c` is a control, C1 or bidirectional formatting character: one a terminal would
/// act on, or one that reorders what is around it.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
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
    fn lines_keep_their_breaks_and_lose_their_escapes() {
        assert_eq!(
            sanitize_lines("a\u{1b}]0;x\u{7}\nb\u{9b}2J \u{202e}c\r\n"),
            "a\u{241b}]0;x\u{2407}\nb\u{fffd}2J \u{fffd}c\u{240d}\n"
        );
        assert_eq!(sanitize_lines("plain\ttext\n"), "plain text\n");
        assert_eq!(sanitize_line("two\nlines"), "two lines");
        assert_eq!(sanitize_lines("Ünïcode, 中文\n"), "Ünïcode, 中文\n");
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
