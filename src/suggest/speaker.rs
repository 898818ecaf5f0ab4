//! The speaker beside a cue: the phrase read away from it, and whom it names (itself, or an
//! earlier speaker a pronoun, a bare title or a surname points back at).

use std::ops::Range;

use super::Finder;
use super::clauses::RELATIVES;
use super::text::{Kind, Tok, is_upper_initial, lower};
use super::words::{
    AUXILIARIES, FUNCTION_WORDS, ING_NOUNS, NOT_APPOSITIVE, OCCASIONS, OPENING_PREPOSITIONS,
    PASSIVE, TIME_NOUNS, contraction, is_adverb, is_adverb_of_cue, is_subject, is_time,
};

pub(super) struct Speaker {
    name: String,
    kind: String,
    titles: Vec<String>,
    /// The capitalised words of the phrase that named it ("Deputy Chief of Staff of the
    /// Iranian Armed Forces General Massoud Jazayeri"), for a description to point back.
    words: Vec<String>,
}

/// Capitalised words that say nothing of whom a phrase names.
const PLAIN: [&str; 4] = ["The", "A", "An", "Of"];

impl Finder<'_> {
    pub(super) fn is_stop(&self, t: &Tok<'_>) -> bool {
        t.kind == Kind::Punct || self.rules.stops.contains(&lower(t.text))
    }

    /// Where a speaker read back from token `end` ends: before the auxiliaries, adverbs and
    /// the time that stand between it and the cue ("Trump this week also said", "The
    /// council just this month rejected"; not the time of a participle: "a report released
    /// last month"), not before token `from`.
    fn before_adjuncts(&self, toks: &[Tok<'_>], from: usize, end: usize) -> usize {
        // "Harbour Minister Ana May said": a capitalised word after a name is the name's.
        let name = |k: usize| {
            is_upper_initial(toks[k].text) && k > from && is_upper_initial(toks[k - 1].text)
        };
        let between = |k: usize| {
            let w = toks[k].text;
            (self.rules.is_between(w) || is_adverb(w) || w == "just") && !name(k)
        };
        let mut e = end;
        while e > from && between(e - 1) {
            e -= 1;
        }
        if e >= from + 3
            && lower(toks[e - 2].text) == "this"
            && TIME_NOUNS.contains(&lower(toks[e - 1].text).as_str())
        {
            e -= 2;
            while e > from && between(e - 1) {
                e -= 1;
            }
        }
        e
    }

    /// The speaker's tokens reading back from token `end` (exclusive).
    pub(super) fn speaker_before(
        &self,
        toks: &[Tok<'_>],
        from: usize,
        end: usize,
    ) -> Option<Range<usize>> {
        let mut e = self.before_adjuncts(toks, from, end);
        // "the famous line he said", "At 86 she says": a pronoun before the cue is the
        // speaker alone.
        if e > from && is_subject(toks[e - 1].text) && lower(toks[e - 1].text) != "who" {
            return Some(e - 1..e);
        }
        // "Tom Reed on Monday said": the time is not the speaker's.
        if e >= from + 3
            && ["on", "in"].contains(&lower(toks[e - 2].text).as_str())
            && is_time(toks[e - 1].text)
        {
            e -= 2;
        }
        // "Senator Mara Quill, who said": the relative pronoun speaks for the name before it.
        if e > from
            && e >= 2
            && toks[e - 2].text == ","
            && ["who", "which"].contains(&lower(toks[e - 1].text).as_str())
        {
            return Some(e - 1..e);
        }
        let mut s = e;
        while s > from && e - s < 12 {
            let t = &toks[s - 1];
            // A speaker does not run over a line break.
            if s < e && self.text[t.span.end..toks[s].span.start].contains('\n') {
                break;
            }
            // "Reuters/Ipsos", "Bailey & Glasser": the mark joins a name.
            if Self::joins(toks, s - 1, from, e) {
                s -= 2;
                continue;
            }
            let abbreviation = t.text == "."
                && s >= 2
                && self
                    .rules
                    .abbreviations
                    .contains(&format!("{}.", toks[s - 2].text));
            if abbreviation {
                s -= 2;
                continue;
            }
            // "Rep. Gwen Moore (D-Wis.) said": the bracket goes with the name.
            if t.text == ")"
                && let Some(k) = toks[from..s - 1].iter().rposition(|t| t.text == "(")
            {
                s = from + k;
                continue;
            }
            // "the Number two man of the Armed Forces", "A spokeswoman for Hillary
            // Clinton": a noun phrase goes on over a preposition to the word before it.
            // "advisers to Mr. Reed", not "determined to warn".
            let to = lower(t.text) == "to"
                && s < e
                && (is_upper_initial(toks[s].text)
                    || ["the", "a", "an", "him", "them"].contains(&lower(toks[s].text).as_str())
                    || (s + 1 < e
                        && ["his", "her", "their", "its"].contains(&lower(toks[s].text).as_str())));
            let of = (["of", "for", "on", "at", "by", "from", "in"]
                .contains(&lower(t.text).as_str())
                || to)
                && s >= 2 + from
                && toks[s - 2].kind == Kind::Word
                && !self.is_stop(&toks[s - 2])
                && !self.is_cue_word(&toks[s - 2]);
            // "the first lady": an ordinal, not an adverb of the cue.
            let aux = self.rules.is_between(t.text)
                && !(lower(t.text) == "first"
                    && s < e
                    && toks[s].text.chars().all(char::is_lowercase))
                && !(is_upper_initial(t.text)
                    && s >= from + 2
                    && is_upper_initial(toks[s - 2].text));
            let cue_word = self.is_cue_word(t) && !Self::noun_of_cue(toks, s - 1, from);
            if !of && (self.is_stop(t) || cue_word || aux) {
                break;
            }
            s -= 1;
        }
        while s < e && self.is_stop(&toks[s]) {
            s += 1;
        }
        let s = Self::phrase_start(toks, s, e)?;
        let s = Self::name_start(toks, s, e);
        // "Farmers and fishermen say": a subject of two joined by "and" that opens the
        // sentence (after a "But").
        if s < e
            && s >= from + 2
            && lower(toks[s - 1].text) == "and"
            && toks[s - 2].kind == Kind::Word
            && let Some(before) = self.speaker_before(toks, from, s - 1)
            && toks[from..before.start].iter().all(|t| {
                t.kind == Kind::Punct
                    || ["but", "and", "yet", "so"].contains(&lower(t.text).as_str())
            })
        {
            return Some(before.start..e);
        }
        if s < e
            && let Some(whole) = self.with_relative(toks, from, s, e)
        {
            return Some(whole);
        }
        (s < e).then_some(s..e)
    }

    /// Where the name in the phrase `s..e` starts when words before it are not its own: an
    /// occasion or a time ("a radio interview Tom Reed gave", "footage of Ana Ruiz saying",
    /// "the third time the Trust said") or "rival" ("after rival Mara Quill attacked").
    fn name_start(toks: &[Tok<'_>], mut s: usize, e: usize) -> usize {
        // "a radio interview Tom Reed gave", "footage of Ana Ruiz saying", "the third time
        // the Harbour Trust said": a name after the occasion or time is the speaker alone.
        if let Some(k) = (s..e).rev().find(|&k| {
            let w = toks[k].text;
            w.chars().all(char::is_lowercase)
                && (OCCASIONS.contains(&w) || ["time", "story", "footage", "ad"].contains(&w))
        }) {
            let j = if toks.get(k + 1).is_some_and(|t| t.text == "of") {
                k + 2
            } else {
                k + 1
            };
            if j < e
                && toks[j..e]
                    .iter()
                    .all(|t| is_upper_initial(t.text) || t.text == ".")
            {
                s = j;
            }
        }
        // "after rival Mara Quill attacked": the rivalry is the story's word, not the name.
        if s + 1 < e
            && ["rival", "then-rival"].contains(&toks[s].text)
            && is_upper_initial(toks[s + 1].text)
        {
            s += 1;
        }
        s
    }

    /// The subject a sentence opens with when the phrase `s..e` read back is its relative
    /// clause: "[A 2014 study that] appeared in the journal found", "[One of the doctors
    /// who] sent the letter called", "[Companies that] had insured the mines agreed".
    fn with_relative(
        &self,
        toks: &[Tok<'_>],
        from: usize,
        s: usize,
        e: usize,
    ) -> Option<Range<usize>> {
        let relative = |k: usize| ["that", "who"].contains(&toks[k].text);
        let k = if s > from && relative(s - 1) {
            s - 1
        } else if s >= from + 2 && self.rules.is_between(toks[s - 1].text) && relative(s - 2) {
            s - 2
        } else {
            return None;
        };
        let opens = toks[from..k]
            .iter()
            .position(|t| t.kind == Kind::Word)
            .map(|j| from + j)?;
        if e - k > 10 || toks[k..e].iter().any(|t| t.kind == Kind::Punct) {
            return None;
        }
        // The clause's verb, not its subject: "the reasons that [Trump] refuses" is Trump's.
        let verb = toks[k + 1]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            && !self.is_stop(&toks[k + 1])
            && !["the", "a", "an", "his", "her", "their", "its"].contains(&toks[k + 1].text);
        if !verb || is_subject(toks[k + 1].text) {
            return None;
        }
        let head = self.speaker_before(toks, from, k)?;
        let noun = &toks[k - 1];
        (head.start == opens
            && noun.kind == Kind::Word
            && !is_subject(noun.text)
            && !self.is_cue_word(noun))
        .then_some(head.start..e)
    }

    /// Whether the cue at token `cue` is passive ("was told", "has also been denied"),
    /// which names no speaker before it.
    pub(super) fn passive(&self, toks: &[Tok<'_>], from: usize, cue: usize) -> bool {
        let verb = (from..cue).rev().find(|&k| {
            !is_adverb_of_cue(self.rules, toks[k].text)
                || PASSIVE.contains(&lower(toks[k].text).as_str())
        });
        verb.is_some_and(|k| {
            !lower(toks[cue].text).ends_with("ing")
                && PASSIVE.contains(&lower(toks[k].text).as_str())
        })
    }

    /// The speaker a sentence opens with, with its aside when the aside's comma comes
    /// just before the cue (or its adverbs at `before`): "Phil Smith, a spokesman for the
    /// union,"; "Other unions, including the teachers',". Not an aside that acts ("Tom Reed,
    /// speaking to …,") or tells where or how ("Tom Reed, at the meeting,"), and only to the
    /// comma of a relative clause. An opening phrase ("In March,", "On “Harbour Talk,”") or
    /// clause ("Traders share these fears, but") is not the speaker's.
    pub(super) fn with_aside(
        &self,
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        cue: usize,
        before: usize,
    ) -> Option<Range<usize>> {
        // The comma may close a quotation: `On “Harbour Talk,” Sen. Mara Quill`.
        let comma_from = |k: usize| {
            toks[k..cue]
                .iter()
                .position(|t| t.text == ",")
                .map_or(cue, |j| k + j)
        };
        let mut start = sent.start;
        let mut first = comma_from(start);
        let opening = toks[sent.start..cue]
            .iter()
            .find(|t| t.kind == Kind::Word)
            .is_some_and(|t| OPENING_PREPOSITIONS.contains(&lower(t.text).as_str()));
        let clause = toks
            .get(first + 1)
            .is_some_and(|t| first + 1 < cue && ["but", "yet"].contains(&lower(t.text).as_str()));
        if (opening || clause) && first + 1 < cue {
            start = first + 1;
            while start < cue
                && (toks[start].kind == Kind::Punct
                    || (clause && ["but", "yet"].contains(&lower(toks[start].text).as_str())))
            {
                start += 1;
            }
            first = comma_from(start);
        }
        let next = toks
            .get(first + 1)
            .map(|t| lower(t.text))
            .unwrap_or_default();
        let acts = next.ends_with("ing") && next != "including";
        let aside = before > first + 1
            && toks[before - 1].text == ","
            && !acts
            && !NOT_APPOSITIVE.contains(&next.as_str());
        let relative = (first + 1..cue).find(|&k| {
            toks[k].text == ","
                && toks
                    .get(k + 1)
                    .is_some_and(|t| RELATIVES.contains(&lower(t.text).as_str()))
        });
        let aside_end = relative.map_or(before, |k| k + 1);
        self.speaker_before(toks, start, first)
            .map(|r| if aside { r.start..aside_end } else { r })
    }

    /// Whether the phrase `r` read beside a cue can name whoever speaks: not one that ends
    /// on a preposition ("began by", "dogged by"), a verb's phrase ("seizing upon a report",
    /// "reviewed them") or a lone adverb or time ("yet", "month").
    pub(super) fn names_someone(toks: &[Tok<'_>], r: &Range<usize>) -> bool {
        const PREPOSITIONS: [&str; 20] = [
            "by", "of", "for", "without", "despite", "under", "at", "in", "on", "to", "from",
            "with", "about", "into", "over", "after", "before", "than", "as", "through",
        ];
        const LONE: [&str; 6] = ["yet", "despite", "just", "together", "under", "only"];
        const OBJECTS: [&str; 18] = [
            "the", "a", "an", "his", "her", "its", "their", "them", "him", "it", "on", "upon",
            "in", "for", "by", "with", "to", "out",
        ];
        let words: Vec<String> = toks[r.clone()]
            .iter()
            .filter(|t| t.kind == Kind::Word)
            .map(|t| lower(t.text))
            .collect();
        let (Some(first), Some(last)) = (words.first(), words.last()) else {
            return true;
        };
        if PREPOSITIONS.contains(&last.as_str()) {
            return false;
        }
        if words.len() == 1
            && (LONE.contains(&last.as_str()) || TIME_NOUNS.contains(&last.as_str()))
        {
            return false;
        }
        let verb = toks[r.start]
            .text
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
            && first.len() > 4
            && (first.ends_with("ing") || first.ends_with("ed"))
            && !ING_NOUNS.contains(&first.as_str());
        !(verb && words.get(1).is_some_and(|w| OBJECTS.contains(&w.as_str())))
    }

    /// Whether the cue at token `cue` reads in a relative clause with no "that": a subject
    /// pronoun right after a noun ("the policies she supported", "the guides I wrote").
    pub(super) fn contact_clause(&self, toks: &[Tok<'_>], from: usize, cue: usize) -> bool {
        let mut e = cue;
        while e > from && is_adverb_of_cue(self.rules, toks[e - 1].text) {
            e -= 1;
        }
        if e < from + 2 || !is_subject(toks[e - 1].text) || lower(toks[e - 1].text) == "who" {
            return false;
        }
        let noun = &toks[e - 2];
        noun.kind == Kind::Word
            && noun.text.chars().all(char::is_lowercase)
            && !FUNCTION_WORDS.contains(&noun.text)
            && !self.rules.stops.contains(&noun.text.to_owned())
            && !is_adverb_of_cue(self.rules, noun.text)
            && !self.is_cue_word(noun)
    }

    /// Where the speaker's phrase `s..e` read back really starts: not at a participle
    /// ("after having left the group, called …" has none; "meddling the congressman said"
    /// has its object), and at the name of a possessive before a cue noun ("a fact-check
    /// on Donald Trump’s claim").
    fn phrase_start(toks: &[Tok<'_>], mut s: usize, e: usize) -> Option<usize> {
        let participle = |w: &str| {
            w.len() > 4
                && w.ends_with("ing")
                && w.chars().next().is_some_and(char::is_lowercase)
                && !ING_NOUNS.contains(&w)
        };
        if s < e && participle(toks[s].text) {
            let det = toks
                .get(s + 1)
                .is_some_and(|t| s + 1 < e && ["the", "a", "an"].contains(&lower(t.text).as_str()));
            if det {
                s += 1;
            } else if ["having", "being", "getting"].contains(&toks[s].text) {
                return None;
            }
        }
        if s < e
            && ["’s", "'s"].iter().any(|c| toks[e - 1].text.ends_with(c))
            && is_upper_initial(toks[e - 1].text)
        {
            let run = toks[s..e]
                .iter()
                .rev()
                .take_while(|t| is_upper_initial(t.text) || t.text == ".")
                .count();
            s = e - run;
        }
        Some(s)
    }

    /// Whether the cue word at token `k`, read back in a speaker's phrase, is a noun of the
    /// phrase: inside a name ("United States Citizenship"), after a determiner ("The report
    /// said", "a survey released"), or a bare noun after a name ("the Harbour Office report
    /// found"); not a verb ("rejected western media reports alleging").
    fn noun_of_cue(toks: &[Tok<'_>], k: usize, from: usize) -> bool {
        const DETERMINERS: [&str; 8] = ["the", "a", "an", "this", "his", "her", "its", "their"];
        let w = toks[k].text;
        let Some(before) = k.checked_sub(1).filter(|&j| j >= from).map(|j| &toks[j]) else {
            return false;
        };
        if is_upper_initial(w) {
            return before.kind == Kind::Word && is_upper_initial(before.text);
        }
        let bare = !(w.ends_with("ed") || w.ends_with("ing") || w.ends_with('s'));
        before.kind == Kind::Word
            && (DETERMINERS.contains(&lower(before.text).as_str())
                || (bare && is_upper_initial(before.text)))
    }

    /// Whether the mark at token `k` joins the words either side into one name: a slash
    /// with no space ("Reuters/Ipsos", "9/11"), an ampersand or "and" between capitalised
    /// words.
    fn joins(toks: &[Tok<'_>], k: usize, from: usize, to: usize) -> bool {
        if k <= from || k + 1 >= to {
            return false;
        }
        let (a, m, b) = (&toks[k - 1], &toks[k], &toks[k + 1]);
        if a.kind != Kind::Word || b.kind != Kind::Word {
            return false;
        }
        match m.text {
            "/" => a.span.end == m.span.start && m.span.end == b.span.start,
            // "Citizenship and Immigration Services", "Mr. Reed and Ms. Ruiz".
            "&" | "and" => is_upper_initial(a.text) && is_upper_initial(b.text),
            _ => false,
        }
    }

    /// A word of the lexicon's cues, which ends a speaker's phrase read backwards
    /// ("rejected western media reports alleging …").
    pub(super) fn is_cue_word(&self, t: &Tok<'_>) -> bool {
        t.kind == Kind::Word
            && self
                .rules
                .by_first
                .get(&lower(t.text))
                .is_some_and(|ps| ps.iter().any(|&p| self.rules.phrases[p].len() == 1))
    }

    /// The speaker's tokens reading on from token `start`.
    pub(super) fn speaker_after(
        &self,
        toks: &[Tok<'_>],
        start: usize,
        to: usize,
    ) -> Option<Range<usize>> {
        let mut e = start;
        while e < to && e - start < 12 {
            let t = &toks[e];
            if t.text == "."
                && e > start
                && self
                    .rules
                    .abbreviations
                    .contains(&format!("{}.", toks[e - 1].text))
            {
                e += 1;
                continue;
            }
            let first = e == start;
            // "decided to treat …": a verb's object or clause is no speaker.
            if first && t.kind == Kind::Word && self.is_stop(t) {
                return None;
            }
            // "9/11 widow Terry Strada": a mark inside a word goes on.
            if !first && e + 1 < to && Self::joins(toks, e, start, to) {
                e += 2;
                continue;
            }
            // "Senator Ann Kirk of Ohio": "of" and a name go on.
            let of = lower(t.text) == "of"
                && !first
                && toks
                    .get(e + 1)
                    .is_some_and(|n| e + 1 < to && is_upper_initial(n.text));
            // A leading article is part of the phrase ("said the minister").
            if !of && (!first && self.is_stop(t) || first && t.kind == Kind::Punct) {
                break;
            }
            // "…, said the port would open": a finite verb makes it a clause, not a speaker.
            if AUXILIARIES.contains(&lower(t.text).as_str()) {
                return None;
            }
            e += 1;
        }
        (e > start).then_some(start..e)
    }

    /// Whom a pronoun points back at: "he", "she", "I" a person; "they", "we" anyone.
    fn pronoun(&self, word: &str) -> Option<(String, String)> {
        let person = ["he", "she", "him", "her", "i"].contains(&lower(word).as_str());
        self.named
            .iter()
            .rev()
            .find(|s| !person || s.kind == "Person")
            .or_else(|| self.named.last())
            .map(|s| (s.name.clone(), s.kind.clone()))
    }

    /// A description that shares two names with an earlier person's phrase is that person:
    /// "the Number two man of the Iranian Armed Forces" after "Deputy Chief of Staff of the
    /// Iranian Armed Forces General Massoud Jazayeri".
    fn described_person(&self, capitals: &[String]) -> Option<(String, String)> {
        if capitals.len() < 2 {
            return None;
        }
        self.named
            .iter()
            .rev()
            .find(|s| {
                s.kind == "Person" && capitals.iter().filter(|w| s.words.contains(w)).count() >= 2
            })
            .map(|s| (s.name.clone(), s.kind.clone()))
    }

    /// A described name is the name: "Israeli website Jerusalem Post" is "Jerusalem Post".
    /// Not across a preposition ("officials in Tehran" names no one).
    fn described_name(&self, rest: &[&str]) -> Option<String> {
        let tail = rest
            .iter()
            .rev()
            .take_while(|w| is_upper_initial(w) || **w == ".")
            .count();
        (tail >= 1
            && tail < rest.len()
            && rest.iter().all(|w| !self.rules.stops.contains(&lower(w))))
        .then(|| rest[rest.len() - tail..].join(" ").replace(" .", "."))
    }

    /// Who a speaker phrase names: itself, or an earlier speaker it points back at.
    pub(super) fn identify(&mut self, words: &[&str]) -> Option<(String, String)> {
        let lowered: Vec<String> = words.iter().map(|w| lower(w)).collect();
        let dets = ["the", "a", "an", "his", "her", "their", "its", "our"];
        let rest: Vec<&str> = words
            .iter()
            .zip(&lowered)
            .filter(|(_, l)| !dets.contains(&l.as_str()))
            .map(|(w, _)| *w)
            .collect();
        if rest.is_empty() {
            return None;
        }
        let bare = contraction(rest[0]).map_or(rest[0], |c| &rest[0][..rest[0].len() - c.len()]);
        if rest.len() == 1 && self.rules.pronouns.contains(&lower(bare)) {
            return self.pronoun(bare);
        }
        let title_of = |w: &str| {
            self.rules
                .titles
                .iter()
                .find(|t| t.eq_ignore_ascii_case(w) || t.trim_end_matches('.') == w)
                .cloned()
        };
        let titles: Vec<String> = rest.iter().filter_map(|w| title_of(w)).collect();
        // The name: the capitalised words after the last title.
        let last_title = rest.iter().rposition(|w| title_of(w).is_some());
        let name_words: Vec<&str> = rest[last_title.map_or(0, |i| i + 1)..]
            .iter()
            .copied()
            .filter(|w| *w != ".")
            .collect();
        let named = !name_words.is_empty() && name_words.iter().all(|w| is_upper_initial(w));
        if !named && !titles.is_empty() && name_words.is_empty() {
            // A bare title: the last speaker who had it, else the last named one.
            let earlier = self
                .named
                .iter()
                .rev()
                .find(|s| s.titles.iter().any(|t| titles.contains(t)))
                .or_else(|| self.named.last());
            return earlier.map(|s| (s.name.clone(), s.kind.clone()));
        }
        let capitals: Vec<String> = rest
            .iter()
            .filter(|w| is_upper_initial(w) && !PLAIN.contains(w) && title_of(w).is_none())
            .map(|w| (*w).to_owned())
            .collect();
        if !named
            && titles.is_empty()
            && let Some(person) = self.described_person(&capitals)
        {
            return Some(person);
        }
        let has = |list: &[String]| rest.iter().any(|w| list.iter().any(|x| x == w));
        let phrase = rest.join(" ").replace(" .", ".");
        let government = self
            .rules
            .governments
            .iter()
            .any(|g| *g == phrase || (rest.len() == 1 && g == rest[0]));
        if named && name_words.len() == 1 {
            // A surname alone: the earlier full name that ends with it.
            if let Some(s) = self
                .named
                .iter()
                .rev()
                .find(|s| s.name.split(' ').next_back() == Some(name_words[0]))
            {
                return Some((s.name.clone(), s.kind.clone()));
            }
        }
        let kind = if !titles.is_empty() && named {
            "Person"
        } else if government {
            "Government"
        } else if has(&self.rules.media) {
            "Media"
        } else if has(&self.rules.organisations) {
            "Organization"
        } else if named && (2..=3).contains(&name_words.len()) {
            "Person"
        } else if !named {
            "AnonymousGroup"
        } else {
            "Other"
        };
        let described = (!named && (has(&self.rules.media) || has(&self.rules.organisations)))
            .then(|| self.described_name(&rest))
            .flatten();
        let name = if !titles.is_empty() && named {
            name_words.join(" ")
        } else {
            described.unwrap_or(phrase)
        };
        if named || !titles.is_empty() {
            self.named.push(Speaker {
                name: name.clone(),
                kind: kind.to_owned(),
                titles,
                words: capitals,
            });
        }
        Some((name, kind.to_owned()))
    }
}
