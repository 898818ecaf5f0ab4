//! The two shapes of speech around a cue: a quotation beside it (direct speech) and the
//! clause after it (reported speech), each made a suggestion by the sentence's [`Finder`].

use std::ops::Range;

use super::text::{Kind, Quote, Tok, is_upper_initial, lower};
use super::{Finder, Step, text, words};
use crate::model::Span;

impl Finder<'_> {
    /// A quotation that closes before the cue with at most a comma and a speaker between
    /// (`“…,” X said`), or opens right after it (`X said: “…”`). Returns where the next cue
    /// may start.
    pub(super) fn quoted(
        &mut self,
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        quotes: &[Quote],
        cue: &Range<usize>,
    ) -> Option<usize> {
        // A quotation an earlier cue claimed is not claimed again: in `“…,” he told the
        // group, adding that …` the participle reports a second claim.
        let claimed = |q: &Quote| {
            let first = q.parts.first().map_or(q.open, |p| p.start);
            self.out
                .iter()
                .any(|s| s.claim.iter().any(|c| c.start == first))
        };
        // `“…,” Tom Reed, 71, told me`: a speaker with an aside may stand longer.
        let aside_before = cue.start > sent.start && toks[cue.start - 1].text == ",";
        let before = quotes
            .iter()
            .filter(|q| !claimed(q) && !text::name_quote(self.text, q))
            .find(|q| {
                q.close.is_some_and(|c| {
                    c < toks[cue.start].span.start
                        && toks[sent.start..cue.start]
                            .iter()
                            .any(|t| t.span.start == c)
                        && toks[sent.start..cue.start]
                            .iter()
                            .filter(|t| t.span.start >= q.end)
                            .all(|t| !quotes.iter().any(|o| o.open == t.span.start))
                        && toks[sent.start..cue.start]
                            .iter()
                            .filter(|t| t.span.start >= q.end)
                            .all(|t| !words::SUBORDINATORS.contains(&lower(t.text).as_str()))
                        && toks[sent.start..cue.start]
                            .iter()
                            .filter(|t| t.span.start >= q.end)
                            .count()
                            <= if aside_before { 30 } else { 12 }
                })
            });
        if let Some(q) = before {
            let close = q.close.unwrap_or(0);
            let between = toks[sent.start..cue.start]
                .iter()
                .rposition(|t| t.span.start < q.end && t.span.start >= close || t.text == ",")
                .map_or(cue.start, |k| sent.start + k + 1);
            let after_quote = toks[sent.start..cue.start]
                .iter()
                .position(|t| t.span.start >= q.end && t.kind == Kind::Word)
                .map_or(cue.start, |k| sent.start + k);
            let speaker = if between < cue.start {
                self.speaker_before(toks, between, cue.start)
            } else if aside_before && after_quote + 1 < cue.start {
                // `“…,” Tom Reed, 71, told me`: the name and its aside, to the comma.
                let comma = (after_quote..cue.start)
                    .find(|&k| toks[k].text == ",")
                    .unwrap_or(cue.start);
                self.speaker_before(toks, after_quote, comma)
                    .filter(|r| r.start == after_quote)
                    .map(|r| r.start..cue.start)
            } else {
                self.speaker_after(toks, cue.end, sent.end).map(|r| {
                    self.with_appositive(toks, words::with_modifiers(toks, r, sent.end), sent.end)
                })
            };
            let mut claim: Vec<Span> = Self::parts(q).collect();
            let last = speaker.as_ref().map_or(cue.end, |r| r.end.max(cue.end));
            if let Some(more) = self.quote_goes_on(quotes, toks[last - 1].span.end) {
                claim.extend(Self::parts(more));
            }
            self.push(toks, claim, cue.clone(), speaker.clone(), "quote, then cue");
            // `“…,” X said, adding that …` (or `X told the group, adding …`): the
            // participle is X's second claim.
            let comma = (last..(last + 5).min(sent.end))
                .take_while(|&k| toks[k].kind == Kind::Word || toks[k].text == ",")
                .find(|&k| toks[k].text == ",");
            if let Some(comma) = comma
                && toks
                    .get(comma + 1)
                    .is_some_and(|t| lower(t.text).ends_with("ing"))
                && let Some(n) = self.cue_at_with(toks, comma + 1, quotes, false)
            {
                let next = comma + 1..comma + 1 + n;
                let end = self.claim_end(toks, quotes, next.end, sent.end);
                if let Some(c) = Self::claim(toks, next.end..end) {
                    self.push(toks, vec![c], next, speaker, "speaker, cue, claim");
                    return Some(end);
                }
            }
            return Some(cue.end);
        }
        let after_at = toks[cue.end..sent.end]
            .iter()
            .position(|t| !matches!(t.text, "," | ":"))
            .map(|k| cue.end + k)?;
        let q = quotes
            .iter()
            .find(|q| q.open == toks[after_at].span.start)
            .filter(|q| !text::name_quote(self.text, q))?;
        let speaker = self.speaker_before(toks, sent.start, cue.start);
        let claim = q.parts.iter().map(|p| Span::new(p.start, p.end)).collect();
        self.push(toks, claim, cue.clone(), speaker, "cue, then quote");
        Some(q.close.map_or(sent.end, |c| {
            toks[..sent.end]
                .iter()
                .position(|t| t.span.start >= c)
                .unwrap_or(sent.end)
        }))
    }

    /// Reported speech: `according to X, …`, `X said (that) …`, `…, X said`.
    pub(super) fn reported(
        &mut self,
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        quotes: &[Quote],
        cue: &Range<usize>,
    ) -> Step {
        let phrase = lower(toks[cue.start].text);
        if phrase == "according" || phrase == "per" {
            let Some(speaker) = self
                .speaker_after(toks, cue.end, sent.end)
                .map(|r| words::with_modifiers(toks, r, sent.end))
            else {
                return Step::Nothing;
            };
            let claim = Self::claim(toks, sent.start..cue.start)
                .or_else(|| Self::claim(toks, speaker.end..sent.end));
            if let Some(c) = claim {
                let end = speaker.end;
                self.push(toks, vec![c], cue.clone(), Some(speaker), "according to");
                return Step::Until(end);
            }
            return Step::Nothing;
        }
        if let Some(step) = self.opening_participle(toks, sent, quotes, cue) {
            return step;
        }
        let speaker = self.speaker_before(toks, sent.start, cue.start);
        // "dismissed as totally untrue …": the judgement belongs to the cue.
        let cue = &Self::with_judgement(toks, cue.clone(), sent.end);
        // What follows the cue, past an object such as "told reporters (in Tehran)".
        let mut from = cue.end;
        if cue.len() == 1
            && (words::TELLING.contains(&phrase.as_str())
                || ["asked", "urged"].contains(&phrase.as_str()))
            && let Some(k) = toks[cue.end..sent.end]
                .iter()
                .take(8)
                .position(|t| lower(t.text) == "that" || t.text == ",")
        {
            from = cue.end + k;
        }
        let that = toks.get(from).is_some_and(|t| lower(t.text) == "that");
        // "While X admitted …, Y said …": the opening clause's cue claims only that clause.
        let opening = Self::opening_clause_end(toks, quotes, sent, cue);
        let end = opening.unwrap_or(sent.end);
        if (speaker.is_some() || that) && Self::claim(toks, from..end).is_some() {
            let at = (from, end);
            let rule = "speaker, cue, claim";
            let last = self.clauses(toks, quotes, at, cue.clone(), speaker.as_ref(), rule);
            if last < end {
                return Step::Until(last);
            }
            return opening.map_or(Step::Sentence, |k| Step::Until(k + 1));
        }
        // "X defended the tweets, saying …": a participle after a comma reports what the
        // sentence's subject says next.
        if let Some(step) = self.participle(toks, sent, cue) {
            return step;
        }
        // The claim came first: "…, X said." or "…, said X."
        let Some(comma) = toks[sent.start..cue.start]
            .iter()
            .rposition(|t| t.text == ",")
            .map(|k| sent.start + k)
        else {
            return Step::Nothing;
        };
        // "…, instead said": the adverb stands between the speaker (or the aside) and the cue.
        let before = words::before_adverbs(self.rules, toks, comma + 1, cue.start);
        let speaker = if comma + 1 < before {
            self.speaker_before(toks, comma + 1, cue.start)
        } else {
            // "…, said Ms. Moore." ends the sentence with the speaker; when more follows,
            // the sentence opened with the speaker and an aside: "Paul Dewar, an MP, said …".
            let after = self
                .speaker_after(toks, cue.end, sent.end)
                .map(|r| words::with_modifiers_after(&phrase, toks, r, sent.end))
                .map(|r| self.with_appositive(toks, r, sent.end));
            // Not a clause with a cue of its own: `…, said parents still want schools.`
            let ends = after.as_ref().is_some_and(|r| {
                toks[r.end..sent.end].iter().all(|t| t.kind == Kind::Punct)
                    && !r.clone().any(|k| {
                        toks[k].kind == Kind::Word
                            && !is_upper_initial(toks[k].text)
                            && self.cue_at(toks, k, quotes).is_some()
                    })
            });
            if !ends {
                let speaker = self.with_aside(toks, sent, cue.start, before);
                if speaker.is_some() && Self::claim(toks, cue.end..sent.end).is_some() {
                    let at = (cue.end, sent.end);
                    let rule = "speaker, aside, cue, claim";
                    let last = self.clauses(toks, quotes, at, cue.clone(), speaker.as_ref(), rule);
                    return if last < sent.end {
                        Step::Until(last)
                    } else {
                        Step::Sentence
                    };
                }
                return Step::Nothing;
            }
            after
        };
        if let (Some(c), Some(_)) = (Self::claim(toks, sent.start..comma), &speaker) {
            self.push(toks, vec![c], cue.clone(), speaker, "claim, speaker, cue");
            return Step::Until(cue.end);
        }
        Step::Nothing
    }
}
