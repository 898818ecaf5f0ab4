//! Paragraphs: runs of lines separated by one or more blank (whitespace-only) lines.

use std::ops::Range;

/// Byte ranges of the paragraphs of normalised text, each without its final line break.
/// Text with no visible character has no paragraph.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let line_end = line_start + content.len();
        if content.trim().is_empty() {
            out.extend(current.take());
        } else {
            match &mut current {
                Some(range) => range.end = line_end,
                None => current = Some(line_start..line_end),
            }
        }
        line_start += line.len();
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_and_whitespace_lines_separate_paragraphs() {
        let text = "Title\n\nOne\ntwo\n \t\n\n\nThree";
        let p = paragraphs(text);
        let got: Vec<&str> = p.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, vec!["Title", "One\ntwo", "Three"]);
    }

    #[test]
    fn empty_and_blank_texts_have_no_paragraphs() {
        assert!(paragraphs("").is_empty());
        assert!(paragraphs("\n \n\n").is_empty());
    }
}
