//! Suggested attributions: rules that find what news articles quote and who said it, so an
//! annotator accepts or corrects instead of marking everything by hand.
//!
//! The rules work sentence by sentence. A cue (a verb or phrase from the lexicon in
//! `assets/suggest.ron`, such as "said", "told reporters", "according to") inside a
//! sentence but outside any quotation is looked at with what stands around it:
//! - a quotation before it (`“…,” Afkham said.`) or after it (`She said: “…”`) is the claim;
//! - `according to X, …`: X speaks, the rest of the sentence is the claim;
//! - `X said (that) …`: X speaks, what follows is the claim;
//! - `…, X said.` / `…, said X.`: what comes before is the claim;
//! - `it was reported that …`: a passive cue names no speaker; what follows "that" is the
//!   claim, attributed to no one named.
//!
//! The speaker is the phrase beside the cue, read away from it up to punctuation or a word
//! such as "that" or "of". A pronoun ("she") or a bare title ("the General") stands for the
//! last named speaker (the last with that title), a surname alone for the earlier full name.
//! A quotation no cue claimed continues the last speaker. A paragraph that opens a quotation
//! and does not close it runs on into the next. A dateline (`TEHRAN (FNA)-`) names the
//! agency as a source.

mod clauses;
mod cue;
pub mod evaluate;
mod extent;
mod layout;
pub mod misses;
mod rules;
mod speaker;
mod speech;
mod text;
mod words;

use std::ops::Range;

pub use rules::{BUILTIN_RULES, Rules};
use text::{Kind, Quote, Tok, inside, is_upper_initial, lower, quotes, sentences, tokenize};

use crate::boundary;
use crate::model::{PASSIVE_RULE, Span, Suggestion};
use crate::schema::Schema;
use crate::text::Article;

/// What a cue's rule leaves for the rest of the sentence.
enum Step {
    /// Nothing found.
    Nothing,
    /// The next cue may start here.
    Until(usize),
    /// The sentence is done.
    Sentence,
}

use speaker::Speaker;

struct Finder<'a> {
    text: &'a str,
    rules: &'a Rules,
    out: Vec<Suggestion>,
    /// Named speakers in the order they were found.
    named: Vec<Speaker>,
}

impl Finder<'_> {
    fn span(toks: &[Tok<'_>], r: &Range<usize>) -> Span {
        Span::new(toks[r.start].span.start, toks[r.end - 1].span.end)
    }

    /// The claim between two token positions, without punctuation at either end.
    fn claim(toks: &[Tok<'_>], mut r: Range<usize>) -> Option<Span> {
        while r.start < r.end && toks[r.start].kind == Kind::Punct {
            r.start += 1;
        }
        while r.end > r.start && toks[r.end - 1].kind == Kind::Punct {
            r.end -= 1;
        }
        let words = toks[r.clone()]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count();
        (words >= 3).then(|| Self::span(toks, &r))
    }

    fn push(
        &mut self,
        toks: &[Tok<'_>],
        claim: Vec<Span>,
        cue: Range<usize>,
        speaker: Option<Range<usize>>,
        rule: &str,
    ) {
        let speaker = speaker.filter(|r| Self::names_someone(toks, r));
        // Who it names: the words before an appositive or a bracket ("Rep. Gwen Moore
        // (D-Wis.)", "Ryan Ellis, a Republican tax consultant").
        // "who" or "which" after a comma: the phrase before that comma.
        let antecedent = speaker
            .as_ref()
            .filter(|r| {
                r.len() == 1
                    && r.start >= 1
                    && toks[r.start - 1].text == ","
                    && ["who", "which"].contains(&lower(toks[r.start].text).as_str())
            })
            .and_then(|r| self.speaker_before(toks, 0, r.start - 1))
            .map(|r| {
                // Not over a preposition other than "of": "came from [the Harbour Council]".
                let after = toks[r.clone()].iter().rposition(|t| {
                    ["from", "by", "to", "with", "for", "at", "in", "on"]
                        .contains(&lower(t.text).as_str())
                });
                after.map_or(r.clone(), |k| r.start + k + 1..r.end)
            })
            .filter(|r| !r.is_empty());
        let entity = antecedent.as_ref().or(speaker.as_ref()).and_then(|r| {
            let mut words: Vec<&str> = toks[r.clone()]
                .iter()
                .map(|t| t.text)
                .take_while(|w| !matches!(*w, "," | "("))
                .collect();
            // A name before a preposition is the name: "Lydia Buchtmann for FSANZ".
            if let Some(k) = words
                .iter()
                .position(|w| ["for", "of", "at", "from"].contains(w))
                && k > 0
                && words[..k].iter().all(|w| is_upper_initial(w) || *w == ".")
                && !words[..k]
                    .iter()
                    .any(|w| self.rules.titles.iter().any(|t| t == w))
            {
                words.truncate(k);
            }
            self.identify(&words)
        });
        let floor = speaker
            .as_ref()
            .filter(|r| r.end <= cue.start)
            .map_or(0, |r| r.end);
        let cue = self.with_auxiliaries(toks, cue, floor);
        self.out.push(Suggestion {
            claim,
            cue: Some(Self::with_contraction(toks, &cue)),
            speaker: speaker.map(|r| words::speaker_span(toks, &r)),
            entity,
            source: None,
            rule: rule.to_owned(),
        });
    }

    fn sentence(&mut self, toks: &[Tok<'_>], sent: Range<usize>, quotes: &[Quote]) {
        if self.sentence_final(toks, &sent, quotes) || self.colon(toks, &sent) {
            return;
        }
        let mut i = sent.start;
        let mut done_until = sent.start;
        // Where the claim of the sentence's outer attribution starts, once one is found.
        let mut reported_from: Option<usize> = None;
        while i < sent.end {
            if inside(quotes, toks[i].span.start) {
                i += 1;
                continue;
            }
            let Some(n) = self.cue_at(toks, i, quotes) else {
                i += 1;
                continue;
            };
            let cue = self.with_adjuncts(toks, i..(i + n).min(sent.end), sent.end);
            let cue = self.with_lead_in(toks, cue, quotes, sent.end);
            let cue = Self::with_object(toks, cue, sent.end);
            i = cue.end;
            // A verb of saying inside what is reported makes an attribution of its own
            // ("X said the budget, which she said was small, …"); a verb of thinking or
            // wanting there stays the claim's ("X said he hopes …").
            let at = toks[cue.start].span.start;
            let said_within = reported_from.is_some_and(|k| cue.start >= k)
                && words::SAYING.contains(&lower(toks[cue.start].text).as_str())
                // Not the cue of a clause already taken: "X says … and said …".
                && !self
                    .out
                    .iter()
                    .any(|s| s.cue.is_some_and(|c| c.start <= at && at < c.end));
            if cue.start < done_until && !said_within {
                continue;
            }
            // "the policies she supported": a clause inside a noun phrase attributes nothing.
            if self.contact_clause(toks, sent.start, cue.start) {
                continue;
            }
            // `In a message posted Friday, Cruz said …`: a participle in an opening phrase
            // describes its noun; the sentence's cue comes after the comma.
            if let Some(comma) = Self::in_opening_phrase(toks, quotes, &sent, &cue) {
                done_until = comma + 1;
                i = comma + 1;
                continue;
            }
            // "had been denied visas", "was also proposed": a passive verb names no speaker.
            if self.passive(toks, sent.start, cue.start) {
                // "it was reported that …": what follows is the claim, said by no one
                // named; without a clause after it, the cue alone.
                let that = toks.get(cue.end).is_some_and(|t| lower(t.text) == "that");
                match Self::claim(toks, (cue.end + 1).min(sent.end)..sent.end).filter(|_| that) {
                    Some(c) => {
                        self.push(toks, vec![c], cue.clone(), None, PASSIVE_RULE);
                        done_until = sent.end;
                    }
                    None => self.cue_alone(toks, &cue),
                }
                continue;
            }
            if let Some(until) = self.quoted(toks, &sent, quotes, &cue) {
                done_until = until;
                continue;
            }
            match self.reported(toks, &sent, quotes, &cue) {
                Step::Until(until) => done_until = until,
                // A cue inside that claim is part of what is reported ("X said that Y
                // claimed that Z" is X's claim): annotators mark the outer attribution,
                // and a verb of saying in it besides.
                Step::Sentence => {
                    done_until = sent.end;
                    reported_from = Some(cue.end);
                }
                // A cue whose claim and speaker the rules cannot place: the cue alone,
                // where it reads as a verb within a sentence ("Leave a Reply" does not).
                Step::Nothing
                    if is_upper_initial(toks[cue.start].text)
                        && !Self::opening_participle_cue(toks, &sent, quotes, &cue) => {}
                Step::Nothing => self.cue_alone(toks, &cue),
            }
        }
    }

    /// `Citing the budget, the mayor …`, `Bemoaning the “phony system,” …`: a participle
    /// of the lexicon that opens the sentence, before a word of its own (not a name or a
    /// title: "Breaking News") or a quotation, is a cue although it is capitalised; so is
    /// a verb in "-s" whose subject a list leaves out (`Repeats the claim that …`).
    fn opening_participle_cue(
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        quotes: &[Quote],
        cue: &Range<usize>,
    ) -> bool {
        let first = toks[sent.start..cue.start]
            .iter()
            .all(|t| t.kind == Kind::Punct);
        let next = toks.get(cue.end).filter(|_| cue.end < sent.end);
        let governs = next.is_some_and(|t| {
            t.text.chars().next().is_some_and(char::is_lowercase)
                || quotes.iter().any(|q| q.open == t.span.start)
        });
        let word = lower(toks[cue.start].text);
        first && (word.ends_with("ing") || word.ends_with('s')) && governs
    }

    /// `…, sources said (on Friday).`: a cue near the end of the sentence after a comma and
    /// a speaker claims everything before that comma, whatever verbs it holds.
    fn sentence_final(&mut self, toks: &[Tok<'_>], sent: &Range<usize>, quotes: &[Quote]) -> bool {
        let words_after = |k: usize| {
            toks[k..sent.end]
                .iter()
                .filter(|t| t.kind == Kind::Word)
                .count()
        };
        for start in (sent.start..sent.end).rev() {
            if toks[start].kind != Kind::Word || inside(quotes, toks[start].span.start) {
                continue;
            }
            let Some(n) = self.cue_at_with(toks, start, quotes, true) else {
                continue;
            };
            let cue = self.with_adjuncts(toks, start..start + n, sent.end);
            if words_after(words::after_recipient(toks, &cue, sent.end)) > 3
                || lower(toks[start].text) == "according"
            {
                return false;
            }
            // Not a comma inside a quotation: `“Too big to manage, too big to
            // regulate?” Vitter demanded.` is the quote rule's.
            let Some(comma) = toks[sent.start..cue.start]
                .iter()
                .rposition(|t| t.text == "," && !inside(quotes, t.span.start))
                .map(|k| sent.start + k)
            else {
                return false;
            };
            // A quotation before the comma is the quote rule's, and so is one before a
            // speaker's aside: `“…,” Tom Reed, 71, told me`.
            let aside = comma + 1 == cue.start
                && quotes.iter().any(|q| {
                    q.close.is_some_and(|c| {
                        c >= toks[sent.start].span.start && c < toks[comma].span.start
                    })
                });
            // A quotation that closes after the comma, before the cue, is the quote
            // rule's too: `…, would have: “…,” the union wrote.`
            let quote_after = quotes.iter().any(|q| {
                q.close
                    .is_some_and(|c| c > toks[comma].span.start && c < toks[cue.start].span.start)
            });
            if aside || quote_after {
                return false;
            }
            // `…, which first reported the story.`: a relative clause describes what
            // it follows; `… what the senators said was a scheme.`: a verb after the cue
            // makes it part of a clause.
            let relative = toks
                .get(comma + 1)
                .is_some_and(|t| clauses::RELATIVES.contains(&lower(t.text).as_str()));
            let verb_after = toks
                .get(cue.end)
                .is_some_and(|t| words::AUXILIARIES.contains(&lower(t.text).as_str()));
            if relative || verb_after {
                return false;
            }
            // `…, said parents still want schools.`: a cue after the comma makes the last
            // one part of its claim.
            if (comma + 1..cue.start).any(|k| {
                toks[k].kind == Kind::Word
                    && !is_upper_initial(toks[k].text)
                    && self.cue_at(toks, k, quotes).is_some()
            }) {
                return false;
            }
            let speaker = if comma + 1 < cue.start {
                self.speaker_before(toks, comma + 1, cue.start)
            } else {
                self.speaker_after(toks, cue.end, sent.end)
            };
            let (Some(claim), Some(_)) = (Self::claim(toks, sent.start..comma), &speaker) else {
                return false;
            };
            self.push(toks, vec![claim], cue, speaker, "claim, speaker, cue");
            return true;
        }
        false
    }

    /// `Pat Caddell: Voters are worried` (a headline) or `PENCE: Well, …` (a transcript): a
    /// name of up to five capitalised words, a colon, and what the name says.
    fn colon(&mut self, toks: &[Tok<'_>], sent: &Range<usize>) -> bool {
        let mut k = sent.start;
        while k < sent.end && toks[k].kind == Kind::Punct && toks[k].text != ":" {
            k += 1;
        }
        let name = k;
        while k < sent.end
            && k - name < 6
            && (toks[k].kind == Kind::Word && is_upper_initial(toks[k].text) || toks[k].text == ".")
        {
            k += 1;
        }
        // Three words at most: longer is a headline's phrase ("Veto Power Impedes Peace").
        let words = toks[name..k]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .count();
        let notice = [
            "the latest",
            "image",
            "picture",
            "credit",
            "caption",
            "file",
            "graphic",
            "illustration",
            "correction",
            "clarification",
            "warning",
            "video",
            "update",
            "note",
            "editor's note",
            "photo",
            "watch",
            "read more",
            "related",
        ];
        let said = toks[name..k]
            .iter()
            .map(|t| t.text)
            .collect::<Vec<_>>()
            .join(" ");
        if k == name
            || k >= sent.end
            || toks[k].text != ":"
            || words > 3
            || notice.contains(&lower(&said).as_str())
        {
            return false;
        }
        let Some(claim) = Self::claim(toks, k + 1..sent.end) else {
            return false;
        };
        // "Photos: NASA/Bill Ingalls": names after the colon are a credit, not a claim.
        if text::names_only(&toks[k + 1..sent.end]) {
            return false;
        }
        // `Said Ellis: “…”`: a verb of saying before the name is the cue, not the colon.
        let said = k - name > 1
            && words::INVERTING.contains(&lower(toks[name].text).as_str())
            && toks[name + 1].kind == Kind::Word;
        let (cue, speaker) = if said {
            (name..name + 1, name + 1..k)
        } else {
            (k..k + 1, name..k)
        };
        self.push(toks, vec![claim], cue, Some(speaker), "name, colon, claim");
        true
    }

    fn cue_alone(&mut self, toks: &[Tok<'_>], cue: &Range<usize>) {
        // An infinitive ("determined to warn", "refusing to testify") is what someone
        // means to do, not a report of what they said.
        if cue.start > 0 && lower(toks[cue.start - 1].text) == "to" {
            return;
        }
        let cue = self.with_auxiliaries(toks, cue.clone(), 0);
        self.out.push(Suggestion {
            claim: Vec::new(),
            cue: Some(Self::span(toks, &cue)),
            speaker: None,
            entity: None,
            source: None,
            rule: "cue alone".to_owned(),
        });
    }
}

/// Every suggestion the rules make for `article`, in text order, its spans snapped to the
/// boundary conventions of the labels `schema` gives claims, cues, speakers and sources.
pub fn suggest(article: &Article, rules: &Rules, schema: &Schema) -> Vec<Suggestion> {
    let mut found = find(article, rules);
    let links = &schema.links;
    let label = |labels: &[String], fallback: &str| {
        schema.boundaries(labels.first().map_or(fallback, String::as_str))
    };
    let claim = label(&links.attribution.claim, "Claim");
    let cue = label(&links.attribution.cue, "Cue");
    let speaker = label(&links.attribution.speaker, "Speaker");
    let source = label(&links.sourcing.source, "Source");
    let text = &article.text;
    for s in &mut found {
        for c in &mut s.claim {
            *c = boundary::snap(text, *c, claim);
        }
        s.cue = s.cue.map(|c| boundary::snap(text, c, cue));
        s.speaker = s.speaker.map(|c| boundary::snap(text, c, speaker));
        s.source = s.source.map(|c| boundary::snap(text, c, source));
    }
    found
}

fn find(article: &Article, rules: &Rules) -> Vec<Suggestion> {
    let text = &article.text;
    let quotes = quotes(article, rules);
    let mut f = Finder {
        text,
        rules,
        out: Vec::new(),
        named: Vec::new(),
    };
    f.dateline(article);
    // Each paragraph looks only at the quotations that touch it.
    let mut touching: Vec<Vec<usize>> = vec![Vec::new(); article.paragraphs.len()];
    for (i, q) in quotes.iter().enumerate() {
        let first = article.paragraph_at(q.open);
        let last = article.paragraph_at(q.end.max(q.open + 1) - 1);
        for list in touching.iter_mut().take(last + 1).skip(first) {
            list.push(i);
        }
    }
    for (p, para) in article.paragraphs.iter().enumerate() {
        // A headline attributes nothing: its words are the story's, not a speaker's.
        if p == 0 && layout::headline(&text[para.clone()]) {
            continue;
        }
        let toks = tokenize(text, para.clone());
        let quotes: Vec<Quote> = touching[p].iter().map(|&i| quotes[i].clone()).collect();
        let here = f.out.len();
        for sent in sentences(&toks, rules, &quotes) {
            let before = f.out.len();
            f.sentence(&toks, sent.clone(), &quotes);
            // A quotation in this sentence that no cue claimed continues the last speaker.
            let claimed: Vec<usize> = f.out[here..]
                .iter()
                .flat_map(|x| x.claim.iter().map(|c| c.start))
                .collect();
            let last = f.out[..before.max(f.out.len())]
                .iter()
                .rev()
                .find(|x| x.entity.is_some() && !x.claim.is_empty())
                .and_then(|x| x.entity.clone());
            let range = toks.get(sent.start).map_or(0, |t| t.span.start)
                ..toks.get(sent.end - 1).map_or(0, |t| t.span.end);
            for q in quotes.iter().filter(|q| range.contains(&q.open)) {
                let starts: Vec<usize> = q.parts.iter().map(|p| p.start).collect();
                // Claimed already, or quoted inside another's claim ("they say iodine
                // deficiency is “the sleeper health issue”").
                let within = f.out[here..]
                    .iter()
                    .any(|x| x.claim.iter().any(|c| c.start < q.open && q.open < c.end));
                if within || starts.iter().any(|s| claimed.contains(s)) || text::name_quote(text, q)
                {
                    continue;
                }
                let words = q
                    .parts
                    .iter()
                    .map(|p| text[p.clone()].split_whitespace().count())
                    .sum::<usize>();
                if let Some(entity) = last.clone().filter(|_| words >= 4) {
                    f.out.push(Suggestion {
                        claim: q.parts.iter().map(|p| Span::new(p.start, p.end)).collect(),
                        cue: None,
                        speaker: None,
                        entity: Some(entity),
                        source: None,
                        rule: "quotation goes on".to_owned(),
                    });
                }
            }
        }
    }
    // One suggestion per claim: the one that names a speaker, else the first found.
    f.out
        .sort_by_key(|x| (x.key().map(|s| (s.start, s.end)), x.speaker.is_none()));
    f.out.dedup_by_key(|x| x.key());
    f.out
}

#[cfg(test)]
mod cue_tests;
#[cfg(test)]
mod speaker_tests;
#[cfg(test)]
mod tests;
