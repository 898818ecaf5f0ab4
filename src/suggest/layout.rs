//! Where an article's parts are: the headline that attributes nothing, and the dateline
//! (`TEHRAN (FNA)-`) that names the agency as a source.

use super::Finder;
use crate::model::{Span, Suggestion};
use crate::text::Article;

impl Finder<'_> {
    /// `TEHRAN (FNA)-` at the start of one of the first paragraphs: the agency as a source.
    pub(super) fn dateline(&mut self, article: &Article) {
        for para in article.paragraphs.iter().take(3) {
            let s = &self.text[para.clone()];
            let Some(open) = s.find('(') else { continue };
            let Some(close) = s[open..].find(')').map(|c| open + c) else {
                continue;
            };
            let head = &s[..open];
            let after = s[close + 1..].trim_start();
            let dashed = after.starts_with(['-', '—', '–']);
            let place = !head.trim().is_empty()
                && head.len() < 60
                && head
                    .split_whitespace()
                    .all(|w| w.chars().all(|c| !c.is_lowercase()) || w.ends_with(','));
            let agency = &s[open + 1..close];
            if dashed && place && !agency.is_empty() && agency.len() < 40 {
                let span = Span::new(para.start + open + 1, para.start + close);
                self.out.push(Suggestion {
                    claim: Vec::new(),
                    cue: None,
                    speaker: None,
                    entity: Some((agency.to_owned(), "Media".to_owned())),
                    source: Some(span),
                    rule: "dateline".to_owned(),
                });
                return;
            }
        }
    }
}

/// Whether an article's first paragraph is its headline: one short line that does not end
/// a sentence ("Iran Rejects Military Cooperation with Anti-ISIS Coalition in Iraq").
pub(super) fn headline(para: &str) -> bool {
    let line = para.trim();
    // A quotation left open runs on into the story: not a headline.
    let open =
        line.matches('“').count() > line.matches('”').count() || line.matches('"').count() % 2 == 1;
    !open
        && !line.contains('\n')
        && line.split_whitespace().count() <= 25
        && !line.ends_with(['.', '”', '"', '\''])
}
