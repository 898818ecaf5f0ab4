//! Reading an article for the rules: its words and punctuation, its quotations (over
//! paragraphs where one runs on) and its sentences.

use std::ops::Range;

use super::Rules;
use crate::text::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Punct,
}

#[derive(Debug, Clone)]
pub(super) struct Tok<'a> {
    pub(super) span: Range<usize>,
    pub(super) text: &'a str,
    pub(super) kind: Kind,
}

/// A quotation: where its text runs (inside the marks), one range per paragraph.
#[derive(Debug, Clone)]
pub(super) struct Quote {
    pub(super) parts: Vec<Range<usize>>,
    /// Where the opening and the closing mark are (the closing one may be missing).
    pub(super) open: usize,
    pub(super) close: Option<usize>,
    /// Just after the closing mark (or the end of the text it runs to).
    pub(super) end: usize,
}

pub(super) fn lower(s: &str) -> String {
    s.to_lowercase()
}

pub(super) fn is_upper_initial(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether byte `at` is inside a quotation. One that never closes (an excerpt that
/// opens every paragraph with a mark) hides nothing.
pub(super) fn inside(quotes: &[Quote], at: usize) -> bool {
    quotes
        .iter()
        .any(|q| q.close.is_some() && q.parts.iter().any(|p| p.start <= at && at < p.end))
}

/// Every quotation of the article, paragraphs joined where a quotation runs on.
pub(super) fn quotes(article: &Article, rules: &Rules) -> Vec<Quote> {
    let text = &article.text;
    let mut out: Vec<Quote> = Vec::new();
    let mut running: Option<Quote> = None;
    for para in &article.paragraphs {
        let s = &text[para.clone()];
        // Where the open quotation's mark and text start, and its closing mark.
        let mut open: Option<(usize, usize, &str)> = None;
        let mut i = 0;
        while i < s.len() {
            let at = para.start + i;
            let rest = &s[i..];
            if let Some((mark, inside, close)) = open {
                if rest.starts_with(close) {
                    let mut q = running.take().unwrap_or(Quote {
                        parts: Vec::new(),
                        open: mark,
                        close: None,
                        end: 0,
                    });
                    q.parts.push(inside..at);
                    q.close = Some(at);
                    q.end = at + close.len();
                    out.push(q);
                    open = None;
                    i += close.len();
                    continue;
                }
            } else if let Some(c) = slipped_open(rules, &s[..i], rest) {
                // `”Fear. I am afraid …” ― Ana Ruiz`: a paragraph that opens with a closing
                // mark (a slip for the opening one) and closes it later is a quotation.
                if let Some(q) = running.take() {
                    out.push(q);
                }
                open = Some((at, at + c.len(), c));
                i += c.len();
                continue;
            } else if let Some((o, c)) = rules
                .quotes
                .iter()
                .find(|(o, _)| !o.is_empty() && rest.starts_with(o.as_str()))
            {
                // A quotation left open in the last paragraph goes on only where this
                // one opens with a quotation mark.
                if !s[..i].trim().is_empty()
                    && let Some(q) = running.take()
                {
                    out.push(q);
                }
                open = Some((at, at + o.len(), c.as_str()));
                i += o.len();
                continue;
            }
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
        if let Some((mark, inside, _)) = open {
            let mut q = running.take().unwrap_or(Quote {
                parts: Vec::new(),
                open: mark,
                close: None,
                end: 0,
            });
            let end = para.start + s.trim_end().len();
            q.parts.push(inside..end.max(inside));
            q.end = end.max(inside);
            running = Some(q);
        } else if let Some(q) = running.take() {
            out.push(q);
        }
    }
    if let Some(q) = running {
        out.push(q);
    }
    out.retain(|q| q.parts.iter().any(|p| p.start < p.end));
    out
}

/// The closing mark that `rest`, at the start of a paragraph (`before` is blank), opens
/// with and that comes again later in the paragraph, when it is no opening mark itself.
fn slipped_open<'r>(rules: &'r Rules, before: &str, rest: &str) -> Option<&'r str> {
    if !before.trim().is_empty()
        || rules
            .quotes
            .iter()
            .any(|(o, _)| rest.starts_with(o.as_str()))
    {
        return None;
    }
    let paragraph = rest.lines().next().unwrap_or(rest);
    rules
        .quotes
        .iter()
        .map(|(_, c)| c.as_str())
        .find(|c| !c.is_empty() && paragraph.starts_with(c) && paragraph[c.len()..].contains(c))
}

/// Words and punctuation of a paragraph.
pub(super) fn tokenize(text: &str, para: Range<usize>) -> Vec<Tok<'_>> {
    crate::export::tokens(text, para)
        .into_iter()
        .map(|r| {
            let t = &text[r.clone()];
            let kind = if t.chars().next().is_some_and(crate::text::is_word_char) {
                Kind::Word
            } else {
                Kind::Punct
            };
            Tok {
                span: r,
                text: t,
                kind,
            }
        })
        .collect()
}

/// Sentences as token ranges: a full stop, `!` or `?` (and any closing quotation mark
/// after it) ends one where the next word starts with a capital or a digit, unless the word
/// before is an abbreviation or an initial, or the mark is inside a quotation that goes on.
pub(super) fn sentences(toks: &[Tok<'_>], rules: &Rules, quotes: &[Quote]) -> Vec<Range<usize>> {
    let closing = |at: usize| {
        quotes
            .iter()
            .any(|q| q.close.is_some_and(|c| c <= at && at < q.end))
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let mut ends = match t.text {
            "!" | "?" => true,
            "." => i.checked_sub(1).is_none_or(|p| {
                let before = format!("{}.", toks[p].text);
                !(rules.abbreviations.contains(&before)
                    || (toks[p].text.chars().count() == 1 && is_upper_initial(toks[p].text)))
            }),
            _ => false,
        };
        let mut end = i + 1;
        while end < toks.len() && closing(toks[end].span.start) {
            end += 1;
        }
        // Inside a quotation, only at its close: `“…. Probably not,” she said` is one.
        if ends && inside(quotes, t.span.start) && end == i + 1 {
            ends = false;
        }
        // `… it. (Mr. Reed has also …)`: a sentence may open with a bracket.
        let first = if toks.get(end).is_some_and(|t| t.text == "(") {
            end + 1
        } else {
            end
        };
        let next_starts = toks.get(first).is_none_or(|n| {
            quotes.iter().any(|q| q.open == n.span.start)
                || n.text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
        // `“….” ― Name`: the name after the dash belongs to the quotation.
        let dash = toks
            .get(end)
            .is_some_and(|t| matches!(t.text, "―" | "—" | "–"));
        if ends && next_starts && !dash {
            out.push(start..end);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Words that only name: every word capitalised but the small ones inside a title ("NASA
/// Bill Ingalls", "Meet the Press"), and no mark but those inside names.
pub(super) fn names_only(toks: &[Tok<'_>]) -> bool {
    const SMALL: [&str; 8] = ["the", "of", "and", "a", "an", "for", "in", "on"];
    let words: Vec<&Tok<'_>> = toks.iter().filter(|t| t.kind == Kind::Word).collect();
    !words.is_empty()
        && words.len() <= 6
        && words.first().is_some_and(|t| is_upper_initial(t.text))
        && words
            .iter()
            .all(|t| is_upper_initial(t.text) || SMALL.contains(&t.text))
        && toks
            .iter()
            .all(|t| t.kind == Kind::Word || matches!(t.text, "/" | "&" | "." | "-" | "’" | "'"))
}

/// A quotation that only names (a website, a show, a title: “Daily Planet Online”), which
/// is not something said.
pub(super) fn name_quote(text: &str, q: &Quote) -> bool {
    let [part] = q.parts.as_slice() else {
        return false;
    };
    let mut toks = tokenize(text, part.clone());
    while toks.last().is_some_and(|t| t.kind == Kind::Punct) {
        toks.pop();
    }
    names_only(&toks)
}
