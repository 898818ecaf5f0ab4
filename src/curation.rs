//! Curation of one article across all its annotators at once: every reading of the text
//! (a mention's label and fragments, with what its links say: the speaker, the cue of a
//! speakerless attribution, stance polarities) is a variant, with the annotators who marked
//! it so; variants whose text overlaps form a place. A gold file is built from them: pre-filled
//! with what every annotator (or at least a given number) agrees on, then variant by variant
//! accepted or rejected. Accepting a variant takes one of its annotators' mentions into gold
//! with the links that come with it ([`Gold::accept`]) and takes out the alternatives gold
//! held for the same text (same label or same span).

use crate::compare::{ByClaim, Gold, Side};
use crate::model::{Annotations, MentionId, Span};
use crate::text::Article;

/// One reading of the text, and who read it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub label: String,
    pub fragments: Vec<Span>,
    /// What the links say ("said by Ana Ruiz · stance oppose"); empty when nothing.
    pub links: String,
    /// Each annotator who marked it (index into the annotators) and their mention.
    pub by: Vec<(usize, MentionId)>,
    /// Which place it belongs to.
    pub place: usize,
}

impl Variant {
    pub fn start(&self) -> usize {
        self.fragments.first().map_or(0, |f| f.start)
    }

    pub fn end(&self) -> usize {
        self.fragments.last().map_or(0, |f| f.end)
    }

    fn overlaps(&self, other: &Self) -> bool {
        self.fragments.iter().any(|f| {
            other
                .fragments
                .iter()
                .any(|g| f.start < g.end && g.start < f.end)
        })
    }

    /// Two readings that cannot both stand in gold: the same text labelled otherwise, or an
    /// overlapping span of the same label (a nested mention of another label can).
    fn rivals(&self, other: &Self) -> bool {
        self.overlaps(other) && (self.label == other.label || self.fragments == other.fragments)
    }
}

/// What the curator decided about a variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Open,
    Accepted,
    Rejected,
}

/// The curation of one article: its annotators, the variants in text order, and gold.
#[derive(Debug, Clone)]
pub struct Curation {
    pub annotators: Vec<String>,
    pub variants: Vec<Variant>,
    /// Places: for each, the variants in it (indices into `variants`).
    pub places: Vec<Vec<usize>>,
    pub gold: Gold,
    rejected: Vec<bool>,
    files: Vec<Annotations>,
}

impl Curation {
    /// The same annotators' files curated into `gold` instead (another program's gold, taken
    /// in place of the lead's).
    #[must_use]
    pub fn with_gold(&self, article: &Article, gold: Annotations) -> Self {
        Self::new(article, self.annotators.clone(), self.files.clone(), gold)
    }

    /// Gathers the variants of `files` (one per annotator, named `annotators`); `gold` is
    /// the gold file so far (resumed: what it holds counts as accepted).
    pub fn new(
        article: &Article,
        annotators: Vec<String>,
        files: Vec<Annotations>,
        gold: Annotations,
    ) -> Self {
        let text = &article.text;
        let mut variants: Vec<Variant> = Vec::new();
        let mut by_key: std::collections::HashMap<(String, Vec<Span>, String), usize> =
            std::collections::HashMap::new();
        for (i, file) in files.iter().enumerate() {
            let links = ByClaim::new(file);
            for m in &file.mentions {
                let key = (
                    m.label.clone(),
                    m.fragments.clone(),
                    links.summary(text, m.id),
                );
                let v = *by_key.entry(key.clone()).or_insert_with(|| {
                    variants.push(Variant {
                        label: key.0,
                        fragments: key.1,
                        links: key.2,
                        by: Vec::new(),
                        place: 0,
                    });
                    variants.len() - 1
                });
                // One vote per annotator, however many copies they made.
                if !variants[v].by.iter().any(|(who, _)| *who == i) {
                    variants[v].by.push((i, m.id));
                }
            }
        }
        variants.sort_by(|x, y| {
            (x.start(), std::cmp::Reverse(x.end()), &x.label, &x.links).cmp(&(
                y.start(),
                std::cmp::Reverse(y.end()),
                &y.label,
                &y.links,
            ))
        });
        // Places: runs of variants whose extents overlap, in text order.
        let mut places: Vec<Vec<usize>> = Vec::new();
        let mut reach = 0;
        for (i, v) in variants.iter_mut().enumerate() {
            if places.is_empty() || v.start() >= reach {
                places.push(Vec::new());
                reach = 0;
            }
            reach = reach.max(v.end());
            v.place = places.len() - 1;
            if let Some(p) = places.last_mut() {
                p.push(i);
            }
        }
        let gold = Gold::resume_all(gold, &files.iter().collect::<Vec<_>>());
        Self {
            annotators,
            rejected: vec![false; variants.len()],
            variants,
            places,
            gold,
            files,
        }
    }

    /// Whether every annotator marked variant `v` so.
    pub fn unanimous(&self, v: usize) -> bool {
        self.variants[v].by.len() == self.annotators.len()
    }

    /// Whether the annotators read place `p` differently (anything short of all of them on
    /// each of its variants).
    pub fn disputed(&self, p: usize) -> bool {
        self.places[p].iter().any(|v| !self.unanimous(*v))
    }

    pub fn decision(&self, v: usize) -> Decision {
        let variant = &self.variants[v];
        if variant
            .by
            .iter()
            .any(|(who, m)| self.gold.has(Side(*who), *m))
        {
            Decision::Accepted
        } else if self.rejected[v] {
            Decision::Rejected
        } else {
            Decision::Open
        }
    }

    /// Takes variant `v` into gold (its first annotator's mention, with its links) in place
    /// of its rivals there.
    pub fn accept(&mut self, v: usize) {
        let place = self.variants[v].place;
        for other in self.places[place].clone() {
            if other != v
                && self.variants[other].rivals(&self.variants[v])
                && self.decision(other) == Decision::Accepted
            {
                self.take_out(other);
                self.rejected[other] = true;
            }
        }
        if let Some(&(who, m)) = self.variants[v].by.first() {
            self.gold.accept(Side(who), &self.files[who], m);
        }
        self.rejected[v] = false;
    }

    /// Leaves variant `v` out of gold (taking it out if it was in).
    pub fn reject(&mut self, v: usize) {
        self.take_out(v);
        self.rejected[v] = true;
    }

    fn take_out(&mut self, v: usize) {
        for &(who, m) in &self.variants[v].by {
            self.gold.reject(Side(who), m);
        }
    }

    /// Accepts every open variant that at least `min` annotators marked so (all of them
    /// when `min` is the number of annotators) and that no rival with as many votes
    /// contests; returns how many were accepted.
    pub fn prefill(&mut self, min: usize) -> usize {
        let mut n = 0;
        for v in 0..self.variants.len() {
            let votes = self.variants[v].by.len();
            if votes < min.max(1) || self.decision(v) != Decision::Open {
                continue;
            }
            let contested = self.places[self.variants[v].place].iter().any(|&o| {
                o != v
                    && self.variants[o].rivals(&self.variants[v])
                    && self.variants[o].by.len() >= votes
            });
            if !contested {
                self.accept(v);
                n += 1;
            }
        }
        n
    }

    /// The next variant after `from` (wrapping) in a disputed place that is still open.
    pub fn next_open_dispute(&self, from: usize) -> Option<usize> {
        let n = self.variants.len();
        (1..=n)
            .map(|k| (from + k) % n)
            .find(|&v| self.decision(v) == Decision::Open && self.disputed(self.variants[v].place))
    }

    /// Variants still open, and places still disputed with an open variant.
    pub fn open_counts(&self) -> (usize, usize) {
        let open = (0..self.variants.len())
            .filter(|&v| self.decision(v) == Decision::Open)
            .count();
        let places = (0..self.places.len())
            .filter(|&p| {
                self.disputed(p)
                    && self.places[p]
                        .iter()
                        .any(|&v| self.decision(v) == Decision::Open)
            })
            .count();
        (open, places)
    }

    /// The annotators' files, in order.
    pub fn files(&self) -> &[Annotations] {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agent, ArticleRef, check};
    use std::path::Path;

    fn article() -> Article {
        Article::from_text(
            Path::new("a.txt"),
            "Ana said the plan is costly and Bob said it is cheap today.\n".into(),
        )
    }

    fn span(a: &Article, s: &str) -> Span {
        let at = a.text.find(s).unwrap();
        Span::new(at, at + s.len())
    }

    /// Three annotators: all mark Ana and her claim; two attribute it to Ana, one to Bob;
    /// two mark "it is cheap", one "it is cheap today".
    fn three() -> (Article, Vec<Annotations>) {
        let art = article();
        let mut files = Vec::new();
        for (who, speaker_is_bob, long) in
            [("a", false, false), ("b", false, true), ("c", true, false)]
        {
            let mut x = Annotations::new(ArticleRef::of(Path::new("a.txt"), &art), who);
            let ana = x.add_mention("Speaker", vec![span(&art, "Ana")]);
            let bob = x.add_mention("Speaker", vec![span(&art, "Bob")]);
            let claim = x.add_mention("Claim", vec![span(&art, "the plan is costly")]);
            let speaker = if speaker_is_bob { bob } else { ana };
            x.attribute(claim, Some(Agent::Mention(speaker)), None);
            let cheap = if long {
                "it is cheap today"
            } else {
                "it is cheap"
            };
            let c2 = x.add_mention("Claim", vec![span(&art, cheap)]);
            x.attribute(c2, Some(Agent::Mention(bob)), None);
            files.push(x);
        }
        (art, files)
    }

    fn gold(art: &Article) -> Annotations {
        Annotations::new(ArticleRef::of(Path::new("a.txt"), art), "gold")
    }

    #[test]
    fn variants_carry_their_votes_and_places_group_overlapping_readings() {
        let (art, files) = three();
        let c = Curation::new(
            &art,
            vec!["a".into(), "b".into(), "c".into()],
            files,
            gold(&art),
        );
        let shown: Vec<(String, String, usize)> = c
            .variants
            .iter()
            .map(|v| {
                (
                    art.text[v.start()..v.end()].to_owned(),
                    v.links.clone(),
                    v.by.len(),
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                ("Ana".into(), String::new(), 3),
                ("the plan is costly".into(), "said by Ana".into(), 2),
                ("the plan is costly".into(), "said by Bob".into(), 1),
                ("Bob".into(), String::new(), 3),
                ("it is cheap today".into(), "said by Bob".into(), 1),
                ("it is cheap".into(), "said by Bob".into(), 2),
            ]
        );
        assert_eq!(c.places.len(), 4, "{:?}", c.places);
        assert!(!c.disputed(0) && c.disputed(1) && !c.disputed(2) && c.disputed(3));
    }

    #[test]
    fn prefill_takes_what_all_or_most_agree_on_and_accepting_replaces_a_rival() {
        let (art, files) = three();
        let names = vec!["a".into(), "b".into(), "c".into()];
        let mut c = Curation::new(&art, names.clone(), files.clone(), gold(&art));
        assert_eq!(c.prefill(3), 2, "Ana and Bob: the only unanimous readings");
        assert_eq!(c.gold.annotations.mentions.len(), 2);
        assert!(c.gold.annotations.attributions.is_empty());
        assert_eq!(c.prefill(2), 2, "the majority's claim and 'it is cheap'");
        assert_eq!(c.gold.annotations.attributions.len(), 2);
        let bob_reading = 2;
        assert_eq!(c.decision(bob_reading), Decision::Open);
        assert_eq!(c.next_open_dispute(0), Some(bob_reading));
        c.accept(bob_reading);
        assert_eq!(c.decision(bob_reading), Decision::Accepted);
        assert_eq!(c.decision(1), Decision::Rejected, "its rival is out");
        let claim = c
            .gold
            .annotations
            .mentions
            .iter()
            .find(|m| m.fragments == [span(&art, "the plan is costly")])
            .unwrap()
            .id;
        let at = c
            .gold
            .annotations
            .attributions
            .iter()
            .find(|a| a.has_claim(claim))
            .unwrap();
        let Some(Agent::Mention(s)) = at.speaker else {
            panic!("{at:?}")
        };
        let s = c.gold.annotations.mention(s).unwrap();
        assert_eq!(&art.text[s.fragments[0].start..s.fragments[0].end], "Bob");
        c.reject(5);
        assert_eq!(c.decision(5), Decision::Rejected);
        assert_eq!(check(&c.gold.annotations, &art.text), vec![]);
        assert_eq!(c.open_counts(), (1, 1), "'it is cheap today' is left");
        // Resumed: what gold holds counts as accepted.
        let again = Curation::new(&art, names, files, c.gold.annotations.clone());
        assert_eq!(again.decision(bob_reading), Decision::Accepted);
        assert_eq!(again.decision(0), Decision::Accepted);
    }
}
