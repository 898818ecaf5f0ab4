//! Text drift: the article changed since the annotations were made. Each fragment is found
//! again by its quote, and nothing is placed by guess:
//!
//! - **exact**: the quote is where it was, and nowhere else fits as well;
//! - **relocated**: it moved, to the one place that fits;
//! - **ambiguous**: it fits at several places equally well (a passage that now appears
//!   twice), or its quote is found once but not among the words that were saved around it
//!   (the same word in another sentence): every place is listed and the analyst picks;
//! - **reworded**: the quote is gone but a passage nearby is alike: that candidate is
//!   offered with its similarity, and taken only when the analyst says so;
//! - **lost**: nothing alike is near: the analyst selects its new place or deletes it.
//!
//! "Fits" weighs the other saved quotes around a fragment: a quote that occurs several times
//! is placed where its neighbours are found at the same distances as before. Only exact and
//! relocated mentions go into the annotations; the others wait, with the links and notes
//! that name them, in [`Held`] until the analyst places or deletes each.

mod alike;

use std::collections::HashMap;

use aho_corasick::AhoCorasick;

use alike::{most_alike, near};

use super::format::FragmentV1;
use super::read::Parsed;
use crate::model::{
    Agent, Annotations, AnyId, ArticleRef, Attribution, Mention, MentionId, Note, Sourcing, Span,
    Stance, Target, drop_links_of, drop_notes_of, link_ids,
};
use crate::text::Article;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    Exact,
    /// Found at the one place it fits now.
    Relocated,
    /// It fits at this many places equally well; or at one place without the words that
    /// were saved around it.
    Ambiguous(usize),
    /// The quote is gone; the most similar passage nearby is this alike, in percent.
    Reworded(u8),
    /// The quote is not in the text any more, nor anything alike near its place.
    Lost,
}

impl Anchor {
    pub fn word(&self) -> String {
        match self {
            Self::Exact => "exact".into(),
            Self::Relocated => "relocated".into(),
            Self::Ambiguous(1) => "ambiguous (1 place)".into(),
            Self::Ambiguous(n) => format!("ambiguous ({n} places)"),
            Self::Reworded(score) => format!("reworded ({score}% alike)"),
            Self::Lost => "lost".into(),
        }
    }

    /// Whether the mention was put in the text without asking anyone: it was found, and
    /// found at one place.
    pub fn placed(&self) -> bool {
        matches!(self, Self::Exact | Self::Relocated)
    }

    fn rank(&self) -> u8 {
        match self {
            Self::Exact => 0,
            Self::Relocated => 1,
            Self::Ambiguous(_) => 2,
            Self::Reworded(_) => 3,
            Self::Lost => 4,
        }
    }
}

/// How one mention fared: the worst of its fragments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchoring {
    pub mention: MentionId,
    pub anchor: Anchor,
    /// The saved quote, fragments joined by " … ".
    pub quote: String,
    /// Where the mention can go, each a list of fragments: for exact and relocated the one
    /// place it was put; for ambiguous every place, in text order; for reworded the
    /// candidate; none for lost.
    pub places: Vec<Vec<Span>>,
    /// Where the mention began before, as a byte of the new text (a grapheme boundary,
    /// inside a paragraph when there is one): where to look for it. Not a position.
    pub near: usize,
}

/// What re-anchoring could not place by itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Every mention, in the file's order.
    pub report: Vec<Anchoring>,
    pub held: Held,
}

/// Mentions waiting for the analyst (ambiguous, reworded, lost) with no position at all,
/// and the links and notes that name them, kept as they were saved. Placing a mention puts
/// back every link whose ends are all in the text again; deleting it drops its links the
/// way deleting a mention always does (a lost cue leaves its attribution without a cue).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Held {
    mentions: Vec<Mention>,
    attributions: Vec<Attribution>,
    sourcings: Vec<Sourcing>,
    stances: Vec<Stance>,
    notes: Vec<Note>,
}

/// A fragment's place in the new text.
enum Found {
    /// At one place; `true` when it is where it was.
    One(Span, bool),
    /// At several places, equally well.
    Many(Vec<Span>),
    /// Not found; this passage is alike, in percent.
    Like(Span, u8),
    Nowhere,
}

/// How far apart, in code points, two saved quotes may be and still tell where each is.
const NEAR: usize = 300;

/// Every place each quote occurs in `text`, overlapping ones too.
fn occurrences<'q>(text: &str, quotes: &[&'q str]) -> HashMap<&'q str, Vec<usize>> {
    let mut out: HashMap<&str, Vec<usize>> = HashMap::new();
    let Ok(ac) = AhoCorasick::new(quotes) else {
        // Too many or too long to build one automaton: one search per quote instead.
        for q in quotes {
            let mut at = Vec::new();
            let mut from = 0;
            while let Some(i) = text.get(from..).and_then(|t| t.find(q)) {
                at.push(from + i);
                from += i + q.chars().next().map_or(1, char::len_utf8);
            }
            out.insert(q, at);
        }
        return out;
    };
    for m in ac.find_overlapping_iter(text) {
        out.entry(quotes[m.pattern().as_usize()])
            .or_default()
            .push(m.start());
    }
    out
}

/// How many of `neighbours` are found at the same distance from `at` as they were saved
/// from `frag`.
fn support(article: &Article, frag: &FragmentV1, at: usize, neighbours: &[&FragmentV1]) -> usize {
    let Ok(cp) = article.offsets.char_of_byte(at) else {
        return 0;
    };
    neighbours
        .iter()
        .filter(|n| {
            let Some(there) = (cp + n.start).checked_sub(frag.start) else {
                return false;
            };
            article.offsets.byte_of_char(there).is_ok_and(|b| {
                article
                    .text
                    .get(b..b + n.quote.len())
                    .is_some_and(|t| t == n.quote)
            })
        })
        .count()
}

fn place(
    article: &Article,
    frag: &FragmentV1,
    found_at: &[usize],
    neighbours: &[&FragmentV1],
) -> Found {
    let len = frag.quote.len();
    let span = |p: usize| Span::new(p, p + len);
    let old = article.offsets.byte_of_char(frag.start).ok();
    match found_at {
        [] => most_alike(article, frag).map_or(Found::Nowhere, |(s, score)| Found::Like(s, score)),
        // Where it was: the text before it did not move, so it is the same words.
        [p] if Some(*p) == old => Found::One(span(*p), true),
        // Elsewhere, once: trusted when the words saved around it are around it again (or
        // none were saved); otherwise it may be the same word in another sentence, and
        // the analyst decides.
        [p] if neighbours.is_empty() || support(article, frag, *p, neighbours) > 0 => {
            Found::One(span(*p), false)
        }
        [p] => Found::Many(vec![span(*p)]),
        _ => {
            let scores: Vec<usize> = found_at
                .iter()
                .map(|p| support(article, frag, *p, neighbours))
                .collect();
            let best = scores.iter().copied().max().unwrap_or(0);
            let top: Vec<Span> = found_at
                .iter()
                .zip(&scores)
                .filter(|(_, s)| **s == best)
                .map(|(p, _)| span(*p))
                .collect();
            match top.as_slice() {
                [one] => Found::One(*one, Some(one.start) == old),
                _ => Found::Many(top),
            }
        }
    }
}

/// Sorted, apart: fragments found separately may now touch or cross.
fn joined(mut fragments: Vec<Span>) -> Vec<Span> {
    fragments.sort();
    let mut out: Vec<Span> = Vec::with_capacity(fragments.len());
    for s in fragments {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// A mention's class and places from its fragments'.
fn classify(found: Vec<Found>) -> (Anchor, Vec<Vec<Span>>) {
    let mut worst = Anchor::Exact;
    let mut options: Vec<Vec<Span>> = Vec::with_capacity(found.len());
    for f in found {
        let (anchor, spans) = match f {
            Found::One(s, true) => (Anchor::Exact, vec![s]),
            Found::One(s, false) => (Anchor::Relocated, vec![s]),
            Found::Many(all) => (Anchor::Ambiguous(all.len()), all),
            Found::Like(s, score) => (Anchor::Reworded(score), vec![s]),
            Found::Nowhere => (Anchor::Lost, Vec::new()),
        };
        worst = match (&worst, &anchor) {
            (Anchor::Reworded(a), Anchor::Reworded(b)) => Anchor::Reworded(*a.min(b)),
            (Anchor::Ambiguous(a), Anchor::Ambiguous(b)) => Anchor::Ambiguous(*a.max(b)),
            _ if anchor.rank() > worst.rank() => anchor,
            _ => worst,
        };
        options.push(spans);
    }
    if options.is_empty() || options.iter().any(Vec::is_empty) {
        return (Anchor::Lost, Vec::new());
    }
    // The i-th place puts each fragment at its i-th place (or its only one).
    let n = options.iter().map(Vec::len).max().unwrap_or(0);
    let places = (0..n)
        .map(|i| joined(options.iter().map(|o| o[i.min(o.len() - 1)]).collect()))
        .collect();
    (worst, places)
}

impl Parsed {
    /// The annotations placed on `article` by their quotes, with how each mention fared.
    /// Only exact and relocated mentions are in the annotations; the rest are held, with
    /// their links, for the analyst. The result carries `article`'s hash, so saving it
    /// records the new text.
    pub fn reanchor(&self, article: &Article) -> (Annotations, Drift) {
        let f = &self.file;
        let mut all: Vec<&FragmentV1> = f.mentions.iter().flat_map(|m| &m.fragments).collect();
        all.sort_by_key(|x| (x.start, x.end));
        let mut quotes: Vec<&str> = all
            .iter()
            .map(|x| x.quote.as_str())
            .filter(|q| !q.is_empty())
            .collect();
        quotes.sort_unstable();
        quotes.dedup();
        let found_at = occurrences(&article.text, &quotes);
        let neighbours = |frag: &FragmentV1| -> Vec<&FragmentV1> {
            let at = all.partition_point(|x| (x.start, x.end) < (frag.start, frag.end));
            let near =
                |x: &&&FragmentV1| x.start.abs_diff(frag.start) <= NEAR && !std::ptr::eq(**x, frag);
            let before = all[..at].iter().rev().filter(near).take(2);
            let after = all[at..].iter().filter(near).take(2);
            before.chain(after).copied().collect()
        };
        let mut found_here = Vec::new();
        let mut held = Vec::new();
        let mut report = Vec::with_capacity(f.mentions.len());
        for m in &f.mentions {
            let found = m
                .fragments
                .iter()
                .map(|frag| {
                    let at = found_at
                        .get(frag.quote.as_str())
                        .map_or(&[][..], Vec::as_slice);
                    place(article, frag, at, &neighbours(frag))
                })
                .collect();
            let (anchor, places) = classify(found);
            let mention = Mention {
                id: m.id.into(),
                label: m.label.clone(),
                fragments: if anchor.placed() {
                    places.first().cloned().unwrap_or_default()
                } else {
                    Vec::new()
                },
                entity: m.entity.map(Into::into),
                attrs: m.attrs.clone(),
            };
            report.push(Anchoring {
                mention: mention.id,
                anchor: anchor.clone(),
                quote: m
                    .fragments
                    .iter()
                    .map(|f| f.quote.as_str())
                    .collect::<Vec<_>>()
                    .join(" … "),
                places,
                near: near(article, m.fragments.first().map_or(0, |x| x.start)),
            });
            if anchor.placed() {
                found_here.push(mention.into());
            } else {
                held.push(mention);
            }
        }
        let mut article_ref: ArticleRef = f.article.clone().into();
        article_ref.sha256.clone_from(&article.sha256);
        article_ref.chars = article.char_count();
        // Suggestions and rejections are not carried over to a changed text: suggesting
        // again proposes what the new text holds.
        let mut annotations =
            super::read::annotations(f, article_ref, found_here, Vec::new(), Vec::new(), article);
        let held = Held::take(&mut annotations, held);
        annotations.sort();
        (annotations, Drift { report, held })
    }
}

impl Held {
    /// Moves out of `annotations` every link and note that names one of `mentions`.
    fn take(annotations: &mut Annotations, mentions: Vec<Mention>) -> Self {
        let mut held = Self {
            mentions,
            ..Self::default()
        };
        let waits = |id: MentionId| held.mentions.iter().any(|m| m.id == id);
        let agent_waits = |a: &Agent| matches!(a, Agent::Mention(m) if waits(*m));
        let mut keep = Vec::new();
        for mut a in std::mem::take(&mut annotations.attributions) {
            if a.claims().any(waits) || a.speaker.as_ref().is_some_and(agent_waits) {
                held.attributions.push(a);
            } else {
                if a.cue.is_some_and(waits) {
                    held.attributions.push(a.clone());
                    a.cue = None;
                }
                keep.push(a);
            }
        }
        annotations.attributions = keep.into();
        let (out, keep) = std::mem::take(&mut annotations.sourcings)
            .into_iter()
            .partition(|s| waits(s.claim) || agent_waits(&s.source));
        held.sourcings = out;
        annotations.sourcings = keep.into();
        let (out, keep) = std::mem::take(&mut annotations.stances)
            .into_iter()
            .partition(|s| {
                agent_waits(&s.holder) || matches!(s.target, Target::Mention(m) if waits(m))
            });
        held.stances = out;
        annotations.stances = keep.into();
        let (out, keep) = std::mem::take(&mut annotations.notes)
            .into_iter()
            .partition(|n| n.on.is_some_and(|on| !exists(annotations, on)));
        held.notes = out;
        annotations.notes = keep;
        held
    }

    pub fn is_empty(&self) -> bool {
        self.mentions.is_empty()
    }

    /// A mention waiting for its place, without one.
    pub fn mention(&self, id: MentionId) -> Option<&Mention> {
        self.mentions.iter().find(|m| m.id == id)
    }

    /// Puts mention `id` at `fragments` and every link that can now be whole back with it.
    pub fn place(
        &mut self,
        annotations: &mut Annotations,
        id: MentionId,
        fragments: Vec<Span>,
    ) -> bool {
        let fragments = joined(fragments.into_iter().filter(|s| !s.is_empty()).collect());
        let Some(at) = self.mentions.iter().position(|m| m.id == id) else {
            return false;
        };
        if fragments.is_empty() {
            return false;
        }
        let mut mention = self.mentions.remove(at);
        mention.fragments = fragments;
        annotations.mentions.push(mention.into());
        self.restore(annotations);
        annotations.sort();
        true
    }

    /// Deletes mention `id` and what named it, as deleting a mention does.
    pub fn discard(&mut self, annotations: &mut Annotations, id: MentionId) -> bool {
        let before = self.mentions.len();
        self.mentions.retain(|m| m.id != id);
        if self.mentions.len() == before {
            return false;
        }
        drop_links_of(
            id,
            &mut self.attributions,
            &mut self.sourcings,
            &mut self.stances,
        );
        // Notes on links held here or already placed stay.
        let mut live = link_ids(&self.attributions, &self.sourcings, &self.stances);
        live.extend(link_ids(
            &annotations.attributions,
            &annotations.sourcings,
            &annotations.stances,
        ));
        drop_notes_of(id, &mut self.notes, &live);
        self.restore(annotations);
        annotations.sort();
        true
    }

    /// Puts back every held link and note whose ends are all in `annotations`.
    fn restore(&mut self, annotations: &mut Annotations) {
        let here = |a: &Annotations, id: MentionId| a.mentions.iter().any(|m| m.id == id);
        let agent_here = |a: &Annotations, x: &Agent| match x {
            Agent::Mention(m) => here(a, *m),
            Agent::Entity(_) => true,
        };
        let (ready, wait): (Vec<_>, Vec<_>) = std::mem::take(&mut self.attributions)
            .into_iter()
            .partition(|x| {
                x.claims().all(|c| here(annotations, c))
                    && x.speaker
                        .as_ref()
                        .is_none_or(|s| agent_here(annotations, s))
                    && x.cue.is_none_or(|c| here(annotations, c))
            });
        self.attributions = wait;
        for x in ready {
            annotations.attributions.retain(|y| y.id != x.id);
            annotations.attributions.push(x);
        }
        let (ready, wait): (Vec<_>, Vec<_>) = std::mem::take(&mut self.sourcings)
            .into_iter()
            .partition(|x| here(annotations, x.claim) && agent_here(annotations, &x.source));
        self.sourcings = wait;
        annotations.sourcings.extend(ready);
        let (ready, wait): (Vec<_>, Vec<_>) = std::mem::take(&mut self.stances)
            .into_iter()
            .partition(|x| {
                agent_here(annotations, &x.holder)
                    && match x.target {
                        Target::Mention(m) => here(annotations, m),
                        _ => true,
                    }
            });
        self.stances = wait;
        annotations.stances.extend(ready);
        let (ready, wait): (Vec<_>, Vec<_>) = std::mem::take(&mut self.notes)
            .into_iter()
            .partition(|n| n.on.is_none_or(|on| exists(annotations, on)));
        self.notes = wait;
        annotations.notes.extend(ready);
    }
}

fn exists(a: &Annotations, on: AnyId) -> bool {
    match on {
        AnyId::Mention(m) => a.mentions.iter().any(|x| x.id == m),
        AnyId::Entity(e) => a.entity(e).is_some(),
        AnyId::Attribution(x) => a.attributions.iter().any(|y| y.id == x),
        AnyId::Sourcing(x) => a.sourcings.iter().any(|y| y.id == x),
        AnyId::Stance(x) => a.stances.iter().any(|y| y.id == x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleRef, check};
    use crate::store::{read_str, to_ron};
    use std::path::Path;

    const OLD: &str = "Ana Ruiz said the plan was too expensive for the town.\n\n\
                       Bob Lee said no.\n\n\
                       The council met on Monday and Kim voted for it.\n";

    const NEW: &str = "Ana Ruiz said the plan was far too expensive for the town.\n\n\
                       Bob Lee said no.\n\n\
                       Bob Lee said no.\n\n\
                       A new paragraph.\n\n\
                       The council met on Monday.\n\n\
                       A letter from Kim.\n";

    fn span(text: &str, quote: &str) -> Span {
        let start = text.find(quote).unwrap();
        Span::new(start, start + quote.len())
    }

    /// The old text annotated, saved, and read again against the new text.
    fn drifted() -> (Annotations, Drift, Article) {
        let old = Article::from_text(Path::new("a.txt"), OLD.into());
        let mut a = Annotations::new(ArticleRef::of(Path::new("a.txt"), &old), "t");
        let ana = a.add_mention("Speaker", vec![span(OLD, "Ana Ruiz")]);
        let said = a.add_mention("Cue", vec![span(OLD, "said")]);
        let plan = a.add_mention("Claim", vec![span(OLD, "the plan was too expensive")]);
        let bob = a.add_mention("Speaker", vec![span(OLD, "Bob Lee")]);
        let no = a.add_mention("Claim", vec![span(OLD, "no")]);
        let voted = a.add_mention("Claim", vec![span(OLD, "voted for it")]);
        let council = a.add_mention("Speaker", vec![span(OLD, "The council")]);
        a.add_mention("Target", vec![span(OLD, "on Monday")]);
        let kim = a.add_mention("Speaker", vec![span(OLD, "Kim")]);
        a.attribute(plan, Some(Agent::Mention(ana)), Some(said));
        a.attribute(no, Some(Agent::Mention(bob)), None);
        a.attribute(voted, Some(Agent::Mention(kim)), None);
        a.add_stance(
            Agent::Mention(council),
            crate::model::Target::Mention(voted),
            "support",
        );
        a.set_note(Some(AnyId::Mention(voted)), "the vote");
        assert_eq!(check(&a, OLD), vec![]);
        let ron = to_ron(Path::new("a.ann.ron"), &a, &old).unwrap();
        let parsed = read_str(Path::new("a.ann.ron"), ron).unwrap();
        let new = Article::from_text(Path::new("a.txt"), NEW.into());
        let (annotations, drift) = parsed.reanchor(&new);
        (annotations, drift, new)
    }

    fn row<'a>(drift: &'a Drift, quote: &str) -> &'a Anchoring {
        drift.report.iter().find(|r| r.quote == quote).unwrap()
    }

    fn words(text: &str, place: &[Span]) -> Vec<String> {
        place
            .iter()
            .map(|s| text[s.start..s.end].to_owned())
            .collect()
    }

    #[test]
    fn each_span_is_classed_by_how_surely_it_was_found() {
        let (_, drift, new) = drifted();
        let class = |q| row(&drift, q).anchor.clone();
        assert_eq!(class("Ana Ruiz"), Anchor::Exact);
        // "said" occurs three times now; only the first has "Ana Ruiz" before it.
        assert_eq!(class("said"), Anchor::Exact);
        assert_eq!(class("The council"), Anchor::Relocated);
        assert_eq!(
            words(&new.text, &row(&drift, "The council").places[0]),
            ["The council"]
        );
        assert_eq!(class("on Monday"), Anchor::Relocated);
        assert_eq!(class("voted for it"), Anchor::Lost);
        assert!(row(&drift, "voted for it").places.is_empty());
        // "Kim" is in the text once, in another sentence: not taken for the lost one.
        assert_eq!(class("Kim"), Anchor::Ambiguous(1));
        assert_eq!(row(&drift, "Kim").anchor.word(), "ambiguous (1 place)");
    }

    #[test]
    fn a_reworded_span_is_offered_its_most_similar_passage_with_a_score() {
        let (annotations, drift, new) = drifted();
        let r = row(&drift, "the plan was too expensive");
        let Anchor::Reworded(score) = r.anchor else {
            panic!("{:?}", r.anchor);
        };
        assert!((80..100).contains(&score), "{score}");
        assert_eq!(r.anchor.word(), format!("reworded ({score}% alike)"));
        assert_eq!(
            words(&new.text, &r.places[0]),
            ["the plan was far too expensive"]
        );
        assert!(
            annotations.mention(r.mention).is_none(),
            "not placed until the analyst takes it"
        );
    }

    #[test]
    fn a_passage_that_now_appears_twice_makes_its_spans_ambiguous_with_both_places() {
        let (annotations, drift, new) = drifted();
        for quote in ["Bob Lee", "no"] {
            let r = row(&drift, quote);
            assert_eq!(r.anchor, Anchor::Ambiguous(2), "{quote}");
            assert_eq!(r.places.len(), 2);
            let paragraphs: Vec<usize> = r
                .places
                .iter()
                .map(|p| new.paragraph_at(p[0].start))
                .collect();
            assert_eq!(paragraphs, [1, 2], "{quote}");
            assert!(annotations.mention(r.mention).is_none());
        }
    }

    #[test]
    fn held_mentions_keep_no_position_and_their_links_wait_with_them() {
        let (mut a, mut drift, new) = drifted();
        let id = |q| row(&drift, q).mention;
        let (plan, bob, no, voted, kim) = (
            id("the plan was too expensive"),
            id("Bob Lee"),
            id("no"),
            id("voted for it"),
            id("Kim"),
        );
        // Only what was found at one place is in the text; nothing names what is not.
        assert_eq!(a.mentions.len(), 4);
        assert!(a.attributions.is_empty(), "{:?}", a.attributions);
        assert!(a.stances.is_empty(), "{:?}", a.stances);
        assert!(a.notes.is_empty());
        assert_eq!(check(&a, &new.text), vec![]);
        let held = &mut drift.held;
        assert!(held.mention(voted).is_some_and(|m| m.fragments.is_empty()));
        // The analyst takes the reworded claim's candidate: its attribution comes back whole.
        let candidate = row(&drift, "the plan was too expensive").places[0].clone();
        let held = &mut drift.held;
        assert!(held.place(&mut a, plan, candidate));
        assert_eq!(a.attributions.len(), 1);
        assert_eq!(a.attributions[0].claim, plan);
        assert!(a.attributions[0].cue.is_some());
        // Bob's claim placed in the second copy, Bob deleted: the attribution goes.
        let at = new.text.rfind("no.").unwrap();
        let second = Span::new(at, at + 2);
        assert!(held.place(&mut a, no, vec![second]));
        assert!(held.discard(&mut a, bob));
        assert_eq!(a.attributions.len(), 1);
        // The lost claim deleted: its attribution, its stance and its note go with it.
        assert!(held.discard(&mut a, voted));
        assert!(held.discard(&mut a, kim));
        assert!(held.is_empty());
        assert!(a.stances.is_empty());
        assert!(a.notes.is_empty());
        assert_eq!(check(&a, &new.text), vec![]);
        assert_eq!(
            a.mention(no).map(|m| m.fragments.clone()),
            Some(vec![second])
        );
    }
}
