//! Where a span's edges go, by the label's conventions in the schema: whether a claim takes
//! its quotation marks (and the punctuation inside the closing one), the complementiser
//! "that" before it, the full stop or comma after it; whether a cue takes the colon after it.
//! [`snap`] is a pure function of the span, the text and the conventions, used alike by the
//! suggestions, the editor's selection and its `r`; [`quote_type`] says from the text whether
//! a claim is quoted.

use serde::{Deserialize, Serialize};

use crate::model::Span;

/// What a convention does with one thing at a span's edge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edge {
    /// As selected.
    #[default]
    Keep,
    /// Taken in when it is just outside the span.
    Include,
    /// Left out when it is at the span's edge.
    Exclude,
}

/// A label's boundary conventions. Every field defaults to [`Edge::Keep`], so a schema
/// without them keeps spans as selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Boundaries {
    /// The quotation marks around the words, with the punctuation just inside a closing
    /// mark (`“We will,”`).
    pub quote_marks: Edge,
    /// The complementiser "that" opening a reported clause (`said [that the plan] …`).
    pub complementiser: Edge,
    /// A full stop, comma, semicolon or colon ending the span outside any quotation.
    pub trailing_punctuation: Edge,
    /// A colon just after the span (`said: “…”`), whatever `trailing_punctuation` says.
    pub colon: Edge,
}

impl Boundaries {
    /// Whether every convention keeps the selection as it is.
    pub fn is_keep(&self) -> bool {
        *self == Self::default()
    }

    /// The conventions as a sentence for the label's guideline; empty when all keep.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        let say = |e: Edge, yes: &str, no: &str, parts: &mut Vec<String>| match e {
            Edge::Keep => {}
            Edge::Include => parts.push(yes.to_owned()),
            Edge::Exclude => parts.push(no.to_owned()),
        };
        say(
            self.quote_marks,
            "with its quotation marks (and the punctuation inside the closing one)",
            "without quotation marks",
            &mut parts,
        );
        say(
            self.complementiser,
            "with the \"that\" opening it",
            "without a \"that\" after it",
            &mut parts,
        );
        say(
            self.trailing_punctuation,
            "with the punctuation after it",
            "without a full stop or comma after it",
            &mut parts,
        );
        say(
            self.colon,
            "with a colon after it",
            "without a colon after it",
            &mut parts,
        );
        if parts.is_empty() {
            String::new()
        } else {
            format!("Spans snap: {}.", parts.join("; "))
        }
    }
}

/// Opening and closing quotation marks the conventions know.
pub const QUOTE_MARKS: [(&str, &str); 5] = [
    ("“", "”"),
    ("\"", "\""),
    ("''", "''"),
    ("«", "»"),
    ("„", "“"),
];

const TRAILING: [char; 4] = ['.', ',', ';', ':'];
const INNER: [char; 6] = ['.', ',', ';', ':', '!', '?'];

fn opening_before(text: &str, at: usize) -> Option<usize> {
    QUOTE_MARKS
        .iter()
        .find(|(o, _)| text[..at].ends_with(o))
        .map(|(o, _)| at - o.len())
}

/// Where a closing mark after `at` ends, past punctuation inside it (`,”`).
fn closing_after(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let inner = rest.len() - rest.trim_start_matches(INNER).len();
    let rest = &rest[inner..];
    QUOTE_MARKS
        .iter()
        .find(|(_, c)| rest.starts_with(c))
        .map(|(_, c)| at + inner + c.len())
}

fn is_word_byte(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'
}

/// The span's words "that" starts, when it does: the end of "that" and the space after.
fn leading_that(text: &str, s: Span) -> Option<usize> {
    let inner = &text[s.start..s.end];
    let word = inner.get(..4)?;
    let after = inner.get(4..)?.chars().next()?;
    (word.eq_ignore_ascii_case("that") && after.is_whitespace())
        .then(|| s.start + 4 + (inner[4..].len() - inner[4..].trim_start().len()))
}

/// Where a "that" just before `at` (across spaces) starts.
fn that_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].trim_end();
    if before.len() == at {
        return None;
    }
    let start = before.len().checked_sub(4)?;
    let word = before.get(start..)?;
    let edge = before[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_byte(c));
    (word.eq_ignore_ascii_case("that") && edge).then_some(start)
}

/// A full stop that is part of the word before it ("U.S.", "Jr.", "p.m."): kept.
fn abbreviation_stop(text: &str, end: usize) -> bool {
    let word = text[..end - 1]
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    word.contains('.') || word.chars().count() == 1 && word.chars().all(char::is_uppercase)
}

/// `span` with its edges moved by `conventions`: whitespace at either end dropped first,
/// then quotation marks, "that", trailing punctuation and a colon taken in or left out.
/// Never grows past the paragraph it is in, never empties a span (one that would be empty
/// is returned as it came).
pub fn snap(text: &str, span: Span, conventions: Boundaries) -> Span {
    let (mut s, mut e) = (span.start.min(text.len()), span.end.min(text.len()));
    if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return span;
    }
    let inner = &text[s..e];
    s += inner.len() - inner.trim_start().len();
    e -= inner.len() - inner.trim_end().len();
    if s >= e {
        return span;
    }
    match conventions.quote_marks {
        Edge::Keep => {}
        Edge::Include => {
            if let Some(o) = opening_before(text, s) {
                s = o;
            }
            let closes = QUOTE_MARKS.iter().any(|(_, c)| text[s..e].ends_with(c));
            if !closes && let Some(c) = closing_after(text, e) {
                e = c;
            }
        }
        Edge::Exclude => {
            if let Some((o, _)) = QUOTE_MARKS.iter().find(|(o, _)| text[s..e].starts_with(o)) {
                s += o.len();
            }
            if let Some((_, c)) = QUOTE_MARKS.iter().find(|(_, c)| text[s..e].ends_with(c)) {
                e -= c.len();
            }
        }
    }
    match conventions.complementiser {
        Edge::Keep => {}
        Edge::Include => {
            if let Some(t) = that_before(text, s)
                && !text[t..s].contains('\n')
            {
                s = t;
            }
        }
        Edge::Exclude => {
            if let Some(after) = leading_that(text, Span::new(s, e))
                && after < e
            {
                s = after;
            }
            // A cue phrase ending with it: "warned that".
            let inner = &text[s..e];
            if inner.len() > 5
                && inner.is_char_boundary(inner.len() - 5)
                && inner[inner.len() - 5..].eq_ignore_ascii_case(" that")
            {
                e = s + inner[..inner.len() - 5].trim_end().len();
            }
        }
    }
    let quoted_end = QUOTE_MARKS.iter().any(|(_, c)| text[s..e].ends_with(c));
    match conventions.trailing_punctuation {
        Edge::Keep => {}
        Edge::Include => {
            if !quoted_end {
                e += text[e..].len() - text[e..].trim_start_matches(TRAILING).len();
            }
        }
        Edge::Exclude => {
            if !quoted_end {
                while e > s
                    && text[s..e].ends_with(TRAILING)
                    && !(text[s..e].ends_with('.') && abbreviation_stop(text, e))
                {
                    e -= 1;
                }
                e = s + text[s..e].trim_end().len();
            }
        }
    }
    match conventions.colon {
        Edge::Keep => {}
        Edge::Include => {
            if text[e..].starts_with(':') {
                e += 1;
            }
        }
        Edge::Exclude => {
            if text[s..e].ends_with(':') {
                e -= 1;
            }
        }
    }
    if s >= e { span } else { Span::new(s, e) }
}

/// Whether a claim is quoted, read from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteType {
    /// Every word inside quotation marks.
    Direct,
    /// None.
    Indirect,
    /// Some.
    Mixed,
}

impl QuoteType {
    /// The value of the schema's `quote_type` attribute.
    pub fn value(self) -> &'static str {
        match self {
            Self::Direct => "direct",
            Self::Indirect => "indirect",
            Self::Mixed => "mixed",
        }
    }
}

/// Whether the words of `fragments` are inside quotation marks: all (direct), none
/// (indirect) or some (mixed). A fragment that stands just inside a pair of marks counts
/// as quoted though the marks are not in it.
pub fn quote_type(text: &str, fragments: &[Span]) -> QuoteType {
    let (mut quoted, mut plain) = (0usize, 0usize);
    for f in fragments {
        let f = snap(
            text,
            *f,
            Boundaries {
                quote_marks: Edge::Include,
                ..Boundaries::default()
            },
        );
        let Some(s) = text.get(f.start..f.end) else {
            continue;
        };
        let mut open: Option<&str> = None;
        let mut i = 0;
        let mut in_word = false;
        while i < s.len() {
            let rest = &s[i..];
            if let Some(close) = open
                && rest.starts_with(close)
            {
                open = None;
                i += close.len();
                in_word = false;
                continue;
            }
            // A mark opens where a word starts after it; a straight one after a letter
            // ("5'9\"") does not.
            if open.is_none()
                && let Some((o, c)) = QUOTE_MARKS.iter().find(|(o, _)| rest.starts_with(o))
                && !in_word
                && rest[o.len()..]
                    .chars()
                    .next()
                    .is_some_and(|n| !n.is_whitespace())
            {
                open = Some(c);
                i += o.len();
                continue;
            }
            let ch = rest.chars().next().unwrap_or(' ');
            let word = ch.is_alphanumeric();
            if word && !in_word {
                if open.is_some() {
                    quoted += 1;
                } else {
                    plain += 1;
                }
            }
            in_word = word || (in_word && is_word_byte(ch));
            i += ch.len_utf8();
        }
    }
    match (quoted, plain) {
        (0, _) => QuoteType::Indirect,
        (_, 0) => QuoteType::Direct,
        _ => QuoteType::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim() -> Boundaries {
        Boundaries {
            quote_marks: Edge::Include,
            complementiser: Edge::Include,
            trailing_punctuation: Edge::Exclude,
            colon: Edge::Keep,
        }
    }

    fn snapped<'a>(text: &'a str, words: &str, b: Boundaries) -> &'a str {
        let start = text.find(words).unwrap();
        let s = snap(text, Span::new(start, start + words.len()), b);
        &text[s.start..s.end]
    }

    #[test]
    fn a_claim_takes_its_marks_the_punctuation_inside_them_and_its_that() {
        let t = "“We will not change the plan,” she said.";
        assert_eq!(
            snapped(t, "We will not change the plan", claim()),
            "“We will not change the plan,”"
        );
        let t = "He said that the bridge would open in May. Then";
        assert_eq!(
            snapped(t, "the bridge would open in May.", claim()),
            "that the bridge would open in May"
        );
        let t = "Trump says voter fraud “would be one hell of a way to lose.”\n";
        assert_eq!(
            snapped(
                t,
                "voter fraud “would be one hell of a way to lose",
                claim()
            ),
            "voter fraud “would be one hell of a way to lose.”"
        );
        // A full stop that belongs to a word stays.
        let t = "She said it came from the U.S. Then";
        assert_eq!(
            snapped(t, "it came from the U.S.", claim()),
            "it came from the U.S."
        );
        // Keep leaves everything as it was but the spaces.
        let t = "He said: “ yes, ” and left.";
        assert_eq!(snapped(t, " yes, ", Boundaries::default()), "yes,");
    }

    #[test]
    fn excluding_drops_marks_and_that_and_a_cue_takes_its_colon() {
        let b = Boundaries {
            quote_marks: Edge::Exclude,
            complementiser: Edge::Exclude,
            trailing_punctuation: Edge::Exclude,
            colon: Edge::Keep,
        };
        assert_eq!(snapped("x “We will.” y", "“We will.”", b), "We will");
        assert_eq!(
            snapped("said that it rained, she", "that it rained,", b),
            "it rained"
        );
        let cue = Boundaries {
            complementiser: Edge::Exclude,
            colon: Edge::Include,
            ..Boundaries::default()
        };
        assert_eq!(snapped("She said: “No.”", "said", cue), "said:");
        assert_eq!(snapped("She warned that it", "warned that", cue), "warned");
        // A span that would be emptied stays as it came.
        assert_eq!(snapped("x “ ” y", "“ ”", b), "“ ”");
    }

    #[test]
    fn the_quote_type_is_read_from_the_text() {
        let t = "“We will,” she said. He said that it rained. He called it “a plot” again.";
        let span = |w: &str| {
            let s = t.find(w).unwrap();
            Span::new(s, s + w.len())
        };
        assert_eq!(quote_type(t, &[span("“We will,”")]), QuoteType::Direct);
        assert_eq!(quote_type(t, &[span("We will")]), QuoteType::Direct);
        assert_eq!(
            quote_type(t, &[span("that it rained")]),
            QuoteType::Indirect
        );
        assert_eq!(
            quote_type(t, &[span("it “a plot” again")]),
            QuoteType::Mixed
        );
        assert_eq!(
            quote_type(t, &[span("“We will,”"), span("that it rained")]),
            QuoteType::Mixed
        );
        assert_eq!(QuoteType::Mixed.value(), "mixed");
    }
}
