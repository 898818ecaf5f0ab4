//! Text drift: the article changed since the annotations were made. Each fragment is found
//! again by its quote: where it was (exact), at the only place the quote now occurs
//! (relocated), at the nearest of several (ambiguous), or nowhere (lost: kept at its old
//! place, marked, until the user deletes it). Nothing is dropped silently.

use super::read::Parsed;
use crate::model::{Annotations, Mention, MentionId, Span};
use crate::text::{Article, next_grapheme_boundary, prev_grapheme_boundary};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Exact,
    /// Found at the one place the quote occurs now.
    Relocated,
    /// The quote occurs at several places; the nearest to the old one was taken.
    Ambiguous(usize),
    /// The quote is not in the text any more.
    Lost,
}

impl Anchor {
    pub fn word(&self) -> String {
        match self {
            Self::Exact => "exact".into(),
            Self::Relocated => "relocated".into(),
            Self::Ambiguous(n) => format!("ambiguous ({n} places)"),
            Self::Lost => "lost".into(),
        }
    }
}

/// How one mention was placed: the worst of its fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchoring {
    pub mention: MentionId,
    pub anchor: Anchor,
    pub quote: String,
}

fn rank(a: &Anchor) -> u8 {
    match a {
        Anchor::Exact => 0,
        Anchor::Relocated => 1,
        Anchor::Ambiguous(_) => 2,
        Anchor::Lost => 3,
    }
}

/// A valid span of the text as near as possible to `start..start+len` bytes.
fn kept(text: &str, start: usize, len: usize) -> Option<Span> {
    if text.is_empty() {
        return None;
    }
    let mut s = start.min(text.len().saturating_sub(1));
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    s = prev_grapheme_boundary(text, next_grapheme_boundary(text, s));
    let mut e = (s + len.max(1)).min(text.len());
    while !text.is_char_boundary(e) {
        e += 1;
    }
    e = next_grapheme_boundary(text, prev_grapheme_boundary(text, e).max(s));
    (e > s).then_some(Span::new(s, e))
}

/// Where one fragment goes in the new text, and how sure that is.
fn place(article: &Article, frag: &super::FragmentV1) -> (Option<Span>, Anchor) {
    let text = &article.text;
    let old = article
        .offsets
        .byte_of_char(frag.start.min(article.char_count()))
        .unwrap_or(text.len());
    let len = frag.quote.len();
    if text.get(old..old + len).is_some_and(|t| t == frag.quote) {
        return (Some(Span::new(old, old + len)), Anchor::Exact);
    }
    let places: Vec<usize> = text.match_indices(&frag.quote).map(|(i, _)| i).collect();
    match places.len() {
        0 => (kept(text, old, len), Anchor::Lost),
        1 => (
            Some(Span::new(places[0], places[0] + len)),
            Anchor::Relocated,
        ),
        n => {
            let nearest = places
                .iter()
                .min_by_key(|p| p.abs_diff(old))
                .copied()
                .unwrap_or(0);
            (
                Some(Span::new(nearest, nearest + len)),
                Anchor::Ambiguous(n),
            )
        }
    }
}

impl Parsed {
    /// The annotations placed on `article` by their quotes, with how each mention fared.
    /// The result carries `article`'s hash, so saving it records the new text.
    pub fn reanchor(&self, article: &Article) -> (Annotations, Vec<Anchoring>) {
        let f = &self.file;
        let mut mentions = Vec::new();
        let mut report = Vec::new();
        for m in &f.mentions {
            let mut worst = Anchor::Exact;
            let mut fragments = Vec::new();
            for frag in &m.fragments {
                let (span, anchor) = place(article, frag);
                if rank(&anchor) > rank(&worst) {
                    worst = anchor;
                }
                if let Some(span) = span {
                    fragments.push(span);
                }
            }
            // Fragments found apart may now touch or cross: keep them sorted and apart.
            fragments.sort();
            let mut joined: Vec<Span> = Vec::new();
            for s in fragments {
                match joined.last_mut() {
                    Some(last) if s.start < last.end => last.end = last.end.max(s.end),
                    _ => joined.push(s),
                }
            }
            let quote = m
                .fragments
                .iter()
                .map(|f| f.quote.as_str())
                .collect::<Vec<_>>()
                .join(" … ");
            // An empty article can hold nothing: such a mention is reported lost, left out.
            let anchor = if joined.is_empty() {
                Anchor::Lost
            } else {
                worst
            };
            report.push(Anchoring {
                mention: m.id.into(),
                anchor,
                quote,
            });
            if joined.is_empty() {
                continue;
            }
            mentions.push(
                Mention {
                    id: m.id.into(),
                    label: m.label.clone(),
                    fragments: joined,
                    entity: m.entity.map(Into::into),
                    attrs: m.attrs.clone(),
                }
                .into(),
            );
        }
        let mut article_ref: crate::model::ArticleRef = f.article.clone().into();
        article_ref.sha256.clone_from(&article.sha256);
        article_ref.chars = article.char_count();
        // Suggestions and rejections are not carried over to a changed text: suggesting
        // again proposes what the new text holds.
        let mut annotations =
            super::read::annotations(f, article_ref, mentions, Vec::new(), Vec::new());
        // A mention that could not be kept takes its links with it.
        let kept_ids: Vec<MentionId> = annotations.mentions.iter().map(|m| m.id).collect();
        for r in &report {
            if !kept_ids.contains(&r.mention) {
                annotations.mentions.push(
                    Mention {
                        id: r.mention,
                        label: String::new(),
                        fragments: vec![Span::new(0, 0)],
                        entity: None,
                        attrs: std::collections::BTreeMap::new(),
                    }
                    .into(),
                );
                annotations.remove_mention(r.mention);
            }
        }
        annotations.sort();
        (annotations, report)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::read_str;
    use crate::text::Article;
    use std::path::Path;

    #[test]
    fn spans_are_found_again_by_their_quotes() {
        let old = Article::from_text(Path::new("a.txt"), "Ana said no. Bob said yes.\n".into());
        let src = format!(
            "(format: 1, article: (path: \"a.txt\", sha256: \"{}\", chars: 27), annotator: \"t\", status: Todo, entities: [], mentions: [\
             (id: \"m1\", label: \"Speaker\", fragments: [(start: 0, end: 3, quote: \"Ana\")], entity: None, attrs: {{}}),\
             (id: \"m2\", label: \"Claim\", fragments: [(start: 9, end: 11, quote: \"no\")], entity: None, attrs: {{}}),\
             (id: \"m3\", label: \"Speaker\", fragments: [(start: 13, end: 16, quote: \"Bob\")], entity: None, attrs: {{}}),\
             (id: \"m4\", label: \"Cue\", fragments: [(start: 4, end: 8, quote: \"said\")], entity: None, attrs: {{}}),\
             ], attributions: [(id: \"a1\", claim: \"m2\", speaker: \"m3\", cue: None)], sourcings: [], stances: [], notes: [])",
            old.sha256
        );
        let parsed = read_str(Path::new("a.ann.ron"), src).unwrap();
        let new = Article::from_text(
            Path::new("a.txt"),
            "Today Ana said no. Then Eve said yes, and said it twice.\n".into(),
        );
        let (a, report) = parsed.reanchor(&new);
        let words: Vec<(String, String)> = report
            .iter()
            .map(|r| (r.mention.to_string(), r.anchor.word()))
            .collect();
        assert_eq!(
            words,
            [
                ("m1".into(), "relocated".into()),
                ("m2".into(), "relocated".into()),
                ("m3".into(), "lost".into()),
                ("m4".into(), "ambiguous (3 places)".into()),
            ]
        );
        let text_of = |id: &str| {
            let m = a.mention(id.parse().unwrap()).unwrap();
            new.text[m.fragments[0].start..m.fragments[0].end].to_owned()
        };
        assert_eq!(text_of("m1"), "Ana");
        assert_eq!(text_of("m4"), "said", "the nearest of three");
        assert_eq!(a.article.sha256, new.sha256);
        assert_eq!(
            a.attributions.len(),
            1,
            "a lost span is kept, with its links"
        );
        assert_eq!(crate::model::check(&a, &new.text), vec![]);
    }
}
