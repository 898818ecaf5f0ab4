//! Selecting by structure, as vim and helix users select text objects: a prefix key
//! (inside, or around: with the marks) then what to select: the quotation under the cursor,
//! the sentence, the clause after a cue ("that ..." to the end of the sentence), or up to
//! the next punctuation. Sentences are split as the CoNLL export splits them, so "Gen."
//! ends none.

use std::ops::Range;

use super::App;
use crate::text::{is_word_char, next_word_start, prev_grapheme_boundary};
use crate::tui::action::Action::{ObjectClause, ObjectPunctuation, ObjectQuote, ObjectSentence};
use crate::tui::effect::Effect;
use crate::tui::mode::Mode;

/// What a text object selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Object {
    Quote,
    Sentence,
    Clause,
    Punctuation,
}

impl Object {
    fn name(self) -> &'static str {
        match self {
            Self::Quote => "quotation",
            Self::Sentence => "sentence",
            Self::Clause => "clause",
            Self::Punctuation => "words up to the punctuation",
        }
    }
}

/// Whether a text object is selected without its marks or with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reach {
    #[default]
    Inside,
    Around,
}

/// A text object's two extents: inside (its words) and around (with its marks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extents {
    pub inside: Range<usize>,
    pub around: Range<usize>,
}

/// `r` without spaces at either end, and without the punctuation that belongs to the
/// sentence around it rather than to the words (a comma or period before a closing mark).
fn trim_inside(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let mut end = r.start + s.trim_end().len();
    while end > start && text[start..end].ends_with([',', '.', ';', ':']) {
        end -= 1;
        end = start + text[start..end].trim_end().len();
    }
    start..end
}

/// The quotations of `text[para]`: curly pairs (nested ones too), straight double quotes
/// paired in order, and guillemets, as (open mark, close mark) byte ranges.
fn quotations(text: &str, para: &Range<usize>) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let mut open: Vec<(char, Range<usize>)> = Vec::new();
    for (i, c) in text[para.clone()].char_indices() {
        let at = para.start + i;
        let mark = at..at + c.len_utf8();
        let closes = match c {
            '”' => Some('“'),
            '»' => Some('«'),
            '"' if open.iter().any(|(o, _)| *o == '"') => Some('"'),
            _ => None,
        };
        if let Some(opener) = closes
            && let Some(k) = open.iter().rposition(|(o, _)| *o == opener)
        {
            let (_, start) = open.remove(k);
            open.truncate(k);
            out.push((start, mark));
        } else if matches!(c, '“' | '«' | '"') {
            open.push((c, mark));
        }
    }
    out
}

/// The innermost quotation around byte `at`, else the first one after it in the paragraph.
pub fn quote_at(text: &str, para: &Range<usize>, at: usize) -> Option<Extents> {
    let quotes = quotations(text, para);
    let around = quotes
        .iter()
        .filter(|(o, c)| o.start <= at && at < c.end)
        .min_by_key(|(o, c)| c.end - o.start)
        .or_else(|| {
            quotes
                .iter()
                .filter(|(o, _)| o.start > at)
                .min_by_key(|(o, _)| o.start)
        })?;
    let (open, close) = around;
    Some(Extents {
        inside: trim_inside(text, open.end..close.start),
        around: open.start..close.end,
    })
}

/// The sentence `at` is in (or the next one, between sentences): around is the whole
/// sentence, inside leaves out its final period.
pub fn sentence_at(text: &str, para: &Range<usize>, at: usize) -> Option<Extents> {
    let sentences = crate::export::sentence_ranges(text, para.clone());
    let s = sentences
        .iter()
        .find(|s| at < s.end)
        .or(sentences.last())?
        .clone();
    let mut inside = s.clone();
    if text[inside.clone()].ends_with(['.', '!', '?']) {
        inside.end -= 1;
    }
    Some(Extents {
        inside: trim_inside(text, inside),
        around: s,
    })
}

/// The word starting at byte `at`, lower-cased.
fn word_at(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|c| is_word_char(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The clause after a cue that ends at `from`: from its "that" (around) or the word after
/// it (inside) to the end of the sentence. Away from a cue (`on_cue` false) the clause
/// starts at the next "that" in the sentence, if there is one.
pub fn clause_after(text: &str, para: &Range<usize>, from: usize, on_cue: bool) -> Option<Extents> {
    let sentence = sentence_at(text, para, from)?;
    let end = sentence.inside.end;
    let first = if text[from..].starts_with(is_word_char) && !on_cue {
        from
    } else {
        next_word_start(text, from)?
    };
    if first >= end {
        return None;
    }
    let mut that = None;
    let mut w = Some(first);
    while let Some(at) = w.filter(|&at| at < end) {
        if word_at(text, at) == "that" {
            that = Some(at);
            break;
        }
        if on_cue {
            break;
        }
        w = next_word_start(text, at);
    }
    let (outer, inner) = match that {
        Some(t) => (t, next_word_start(text, t).filter(|&n| n < end)?),
        None => (first, first),
    };
    Some(Extents {
        inside: trim_inside(text, inner..end),
        around: outer..sentence.around.end,
    })
}

/// Whether the character at `i` ends a stretch of words: a comma, a colon, brackets,
/// quotation marks, or a period, question or exclamation mark before a space or the end
/// that is a token of its own (not the period of "U.S." or "Gen.").
fn stops(text: &str, toks: &[Range<usize>], i: usize, c: char) -> bool {
    match c {
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '“' | '”' | '"' | '«' | '»' | '—' | '–' => {
            true
        }
        '.' | '!' | '?' => {
            text[i + 1..]
                .chars()
                .next()
                .is_none_or(|n| n.is_whitespace() || matches!(n, '”' | '"' | '»' | ')'))
                && toks.binary_search_by_key(&i, |t| t.start).is_ok()
        }
        _ => false,
    }
}

/// From the word at `at` to the next punctuation in the paragraph: inside without it,
/// around with it.
pub fn to_punctuation(text: &str, para: &Range<usize>, at: usize) -> Option<Extents> {
    let mut start = at;
    while let Some(c) = text[para.start..start]
        .chars()
        .next_back()
        .filter(|c| is_word_char(*c))
    {
        start -= c.len_utf8();
    }
    let toks = crate::export::tokens(text, para.clone());
    let (stop, c) = text[start..para.end]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .skip(1)
        .find(|&(i, c)| stops(text, &toks, i, c))
        .unwrap_or((para.end, ' '));
    let inside = trim_inside(text, start..stop);
    let around_end = if stop < para.end {
        stop + c.len_utf8()
    } else {
        para.end
    };
    (!inside.is_empty()).then_some(Extents {
        inside,
        around: start..around_end,
    })
}

impl App {
    /// The prefix key: the next key names the object.
    pub(super) fn start_object(&mut self, reach: Reach) -> Vec<Effect> {
        self.overlays.object_reach = reach;
        let around = reach == Reach::Around;
        self.mode = Mode::Object;
        let keys = |a| {
            self.keymap
                .keys_for(Mode::Object, a)
                .first()
                .map(ToString::to_string)
                .unwrap_or_default()
        };
        self.message = Some(format!(
            "select {}: {} quotation, {} sentence, {} clause after the cue, {} to the punctuation",
            if around { "around" } else { "inside" },
            keys(ObjectQuote),
            keys(ObjectSentence),
            keys(ObjectClause),
            keys(ObjectPunctuation),
        ));
        Vec::new()
    }

    /// Selects `object` at the cursor (inside or around, as the prefix said).
    pub(super) fn select_object(&mut self, object: Object) -> Vec<Effect> {
        self.mode = Mode::Reading;
        let text = &self.doc.article().text;
        let para = self
            .doc
            .article()
            .paragraphs
            .get(self.current_paragraph())
            .cloned()
            .unwrap_or(0..0);
        let cue = self
            .mention_at(self.view.cursor)
            .and_then(|m| self.mention(m))
            .filter(|m| self.schema.links.attribution.cue.contains(&m.label))
            .map(|m| m.extent().end);
        let found = match object {
            Object::Quote => quote_at(text, &para, self.view.cursor),
            Object::Sentence => sentence_at(text, &para, self.view.cursor),
            Object::Clause => {
                clause_after(text, &para, cue.unwrap_or(self.view.cursor), cue.is_some())
            }
            Object::Punctuation => to_punctuation(text, &para, self.view.cursor),
        };
        let Some(found) = found else {
            self.refuse(format!("no {} here", object.name()));
            return Vec::new();
        };
        let r = if self.overlays.object_reach == Reach::Around {
            found.around
        } else {
            found.inside
        };
        if r.is_empty() {
            self.refuse(format!("the {} here holds no words", object.name()));
            return Vec::new();
        }
        self.view.anchor = Some(r.start);
        self.view.cursor = prev_grapheme_boundary(text, r.end).max(r.start);
        let words = self.selection().map_or(0, |s| {
            self.doc.article().text[s.start..s.end]
                .split_whitespace()
                .count()
        });
        self.message = Some(format!(
            "{} {} selected ({words} words): a label key labels it",
            if self.overlays.object_reach == Reach::Around {
                "around the"
            } else {
                "inside the"
            },
            object.name()
        ));
        Vec::new()
    }

    /// A key with no meaning after the prefix: the prefix is dropped, and says so.
    pub(crate) fn object_unbound(&mut self) {
        self.mode = Mode::Reading;
        self.message = Some("no text object on that key; nothing selected".into());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(t: &str) -> Range<usize> {
        0..t.len()
    }

    #[test]
    fn the_quotation_under_the_cursor_inside_or_with_its_marks() {
        let t = "“We deny the news reports on military cooperation,” she reiterated.";
        let at = t.find("deny").unwrap();
        let q = quote_at(t, &all(t), at).unwrap();
        assert_eq!(
            &t[q.inside],
            "We deny the news reports on military cooperation"
        );
        assert_eq!(
            &t[q.around],
            "“We deny the news reports on military cooperation,”"
        );
        // Before a quotation: the next one in the paragraph.
        let t = "He said, \"No change.\" Then: \"Yes.\"";
        let q = quote_at(t, &all(t), 0).unwrap();
        assert_eq!(&t[q.inside], "No change");
        let q = quote_at(t, &all(t), t.find("Yes").unwrap()).unwrap();
        assert_eq!(&t[q.around], "\"Yes.\"");
        assert_eq!(quote_at("no quotes", &all("no quotes"), 0), None);
    }

    #[test]
    fn sentences_know_abbreviations() {
        let t =
            "The Islamic Republic blames the US, Gen. Jazayeri told FNA. The General complained.";
        let s = sentence_at(t, &all(t), t.find("told").unwrap()).unwrap();
        assert_eq!(
            &t[s.inside],
            "The Islamic Republic blames the US, Gen. Jazayeri told FNA"
        );
        assert!(t[s.around].ends_with("FNA."));
        let s = sentence_at(t, &all(t), t.find("complained").unwrap()).unwrap();
        assert_eq!(&t[s.inside], "The General complained");
    }

    #[test]
    fn the_clause_after_a_cue_runs_to_the_end_of_the_sentence() {
        let t = "Afkham underlined that Iran would continue its consultations. Next.";
        let cue_end = t.find(" that").unwrap();
        let c = clause_after(t, &all(t), cue_end, true).unwrap();
        assert_eq!(&t[c.inside], "Iran would continue its consultations");
        assert_eq!(&t[c.around], "that Iran would continue its consultations.");
        // Away from a cue: from the next "that".
        let c = clause_after(t, &all(t), 0, false).unwrap();
        assert_eq!(&t[c.inside], "Iran would continue its consultations");
        // A cue without "that": from the next word.
        let t = "Iran rejected it, and said Tehran’s role is merely consultative.";
        let c = clause_after(t, &all(t), t.find(" Tehran").unwrap(), true).unwrap();
        assert_eq!(&t[c.inside], "Tehran’s role is merely consultative");
    }

    #[test]
    fn up_to_the_next_punctuation() {
        let t = "Reiterating that Iran had no cooperation with the U.S. coalition, the man said.";
        let at = t.find("Iran").unwrap() + 2;
        let p = to_punctuation(t, &all(t), at).unwrap();
        assert_eq!(
            &t[p.inside],
            "Iran had no cooperation with the U.S. coalition"
        );
        assert_eq!(
            &t[p.around],
            "Iran had no cooperation with the U.S. coalition,"
        );
    }
}
