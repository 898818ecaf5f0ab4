//! Where one attribution ends and the next begins: the auxiliaries that belong to a cue
//! ("has also said"), a quotation that goes on after its cue (`“…,” he said. “…”` is one
//! claim in two fragments), a reported clause that stops where a second cue starts
//! (`… questioning X, encouraging Y`, `… promised X and said Y`), and the appositive of a
//! speaker (`said Ryan Ellis, a Republican tax consultant.`).

use std::ops::Range;

use super::text::{Kind, Quote, Tok, inside, is_upper_initial, lower};
use super::{Finder, Step};
use crate::model::Span;

/// Adverbs that may stand between a conjunction or a comma and the cue after it.
const ADVERBS: [&str; 6] = ["even", "also", "then", "later", "further", "again"];

/// Pronouns that repeat the speaker after "and": "… and he said".
const PRONOUNS: [&str; 3] = ["he", "she", "they"];

/// Pronouns that open a relative clause, which ends a speaker's appositive.
pub(super) const RELATIVES: [&str; 4] = ["who", "which", "whose", "whom"];

/// Prepositions a cue takes its claim with: `warned of`, `blamed for`, `argued over`.
const PREPOSITIONS: [&str; 5] = ["about", "against", "for", "of", "over"];

/// Words after "for" that make it a stretch of time, not what a cue takes.
const FOR_TIME: [&str; 8] = [
    "years", "months", "weeks", "days", "decades", "hours", "now", "long",
];

/// Words that open a phrase after an appositive's comma: `X, a lawyer, in a statement`.
const AFTER_APPOSITIVE: [&str; 8] = ["in", "on", "at", "during", "after", "before", "to", "from"];

impl Finder<'_> {
    /// `cue` with the auxiliaries and adverbs before it ("has", "is", "also", "would"),
    /// not reaching back past token `floor`.
    pub(super) fn with_auxiliaries(
        &self,
        toks: &[Tok<'_>],
        cue: Range<usize>,
        floor: usize,
    ) -> Range<usize> {
        let mut start = cue.start;
        // "British Prime Minister Theresa May said": a capitalised word after a name is
        // the name's, not an auxiliary.
        let name = |k: usize| {
            is_upper_initial(toks[k].text)
                && k > 0
                && toks[k - 1].kind == Kind::Word
                && is_upper_initial(toks[k - 1].text)
        };
        while start > floor
            && toks[start - 1].kind == Kind::Word
            && self.rules.is_between(toks[start - 1].text)
            && !name(start - 1)
        {
            start -= 1;
        }
        start..cue.end
    }

    /// The quotation that goes on right after byte `after` in the same paragraph, with
    /// nothing but punctuation between (`“…,” he said. “…”`), and that ends a sentence
    /// rather than leading to a cue of its own (`“…,” she added`).
    pub(super) fn quote_goes_on<'q>(&self, quotes: &'q [Quote], after: usize) -> Option<&'q Quote> {
        let q = quotes.iter().find(|q| q.open >= after)?;
        let between = self.text.get(after..q.open)?;
        if between.contains('\n')
            || !between
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':'))
        {
            return None;
        }
        let Some(close) = q.close else {
            return Some(q);
        };
        let inner = self.text.get(q.open..close)?.trim_end();
        let rest = self.text.get(q.end..)?.trim_start_matches([' ', '\u{a0}']);
        let ends = inner.ends_with(['.', '?', '!', '…']);
        let dash = rest.starts_with(['―', '—', '–', '-']);
        (ends && !dash).then_some(q)
    }

    /// Where a reported clause starting at token `from` stops before `end`: at a comma, an
    /// "and", a "but" or a "yet" (outside quotations) that a cue follows, past an adverb
    /// ("…, even suggesting", "… and said", "…, yet refuses"). Returns the clause's end and
    /// that cue.
    pub(super) fn clause_stop(
        &self,
        toks: &[Tok<'_>],
        quotes: &[Quote],
        from: usize,
        end: usize,
    ) -> Option<(usize, Range<usize>)> {
        for k in from + 1..end {
            let t = &toks[k];
            if inside(quotes, t.span.start)
                || !(t.text == "," || ["and", "but", "yet"].contains(&lower(t.text).as_str()))
            {
                continue;
            }
            let mut j = k + 1;
            // "… and he also said": the same speaker again, by a pronoun.
            if t.text != ","
                && toks
                    .get(j)
                    .is_some_and(|n| PRONOUNS.contains(&lower(n.text).as_str()))
            {
                j += 1;
            }
            while j < end
                && (ADVERBS.contains(&lower(toks[j].text).as_str())
                    || self.rules.is_between(toks[j].text))
            {
                j += 1;
            }
            if j >= end || toks[j].kind != Kind::Word {
                continue;
            }
            let word = lower(toks[j].text);
            // After a comma only a participle ("…, saying"); after "and" a finite verb too.
            let finite = word.ends_with("ed") || word.ends_with('s') || word == "said";
            let form = word.ends_with("ing") || (t.text != "," && finite);
            if !form {
                continue;
            }
            // A participle after a comma is a verb even where its word is also a noun:
            // "…, citing the budget".
            let strict = t.text != ",";
            if let Some(n) = self.cue_at_with(toks, j, quotes, strict) {
                // The next cue reaches as far as a cue the sentence opens with: "… and
                // warned against", "… and decided against".
                let cue = self.with_adjuncts(toks, j..(j + n).min(end), end);
                let cue = self.with_lead_in(toks, cue, quotes, end);
                return Some((k, Self::with_object(toks, cue, end)));
            }
        }
        None
    }

    /// Where a reported claim from token `from` ends before `end`: before a comma that opens
    /// a concession (`…, although …`, `…, though few read them`), a dash or a semicolon, outside
    /// quotations.
    pub(super) fn claim_end(
        &self,
        toks: &[Tok<'_>],
        quotes: &[Quote],
        from: usize,
        end: usize,
    ) -> usize {
        const ASIDES: [&str; 4] = ["although", "though", "whereas", "while"];
        for k in from + 1..end {
            let t = &toks[k];
            if inside(quotes, t.span.start) {
                continue;
            }
            let next = toks.get(k + 1).map_or("", |n| n.text);
            let aside = t.text == "," && ASIDES.contains(&lower(next).as_str());
            // A hyphen between spaces stands for a dash: `… the stadium - while …`.
            let spaced = t.text == "-"
                && self.text[..t.span.start].ends_with(' ')
                && self.text[t.span.end..].starts_with(' ');
            let dash =
                matches!(t.text, "—" | "―" | "–") || (t.text == "-" && next == "-") || spaced;
            if aside || dash || t.text == ";" || self.another_speaker(toks, quotes, k, end) {
                return k;
            }
        }
        end
    }

    /// Whether a comma at token `k` and "and" or "but" open another speaker's attribution:
    /// `…, and the fishermen say …`.
    fn another_speaker(&self, toks: &[Tok<'_>], quotes: &[Quote], k: usize, end: usize) -> bool {
        if toks[k].text != ","
            || !toks
                .get(k + 1)
                .is_some_and(|t| ["and", "but"].contains(&lower(t.text).as_str()))
        {
            return false;
        }
        (k + 3..(k + 8).min(end)).any(|j| {
            toks[k + 2..j]
                .iter()
                .all(|t| t.kind == Kind::Word && !self.rules.stops.contains(&lower(t.text)))
                && self.cue_at(toks, j, quotes).is_some()
                && !self.rules.pronouns.contains(&lower(toks[k + 2].text))
        })
    }

    /// The comma that ends the prepositional phrase a sentence opens with, when `cue` is a
    /// participle in that phrase (`In a statement released Friday, …`, `At a rally called by
    /// the union, …`) and a cue follows the comma.
    pub(super) fn in_opening_phrase(
        toks: &[Tok<'_>],
        quotes: &[Quote],
        sent: &Range<usize>,
        cue: &Range<usize>,
    ) -> Option<usize> {
        const PREPOSITIONS: [&str; 9] = [
            "in", "at", "on", "during", "with", "from", "for", "under", "after",
        ];
        let first = toks[sent.start..cue.start]
            .iter()
            .position(|t| t.kind == Kind::Word)
            .map(|k| sent.start + k)?;
        let participle = lower(toks[cue.start].text).ends_with("ed");
        if !participle
            || !PREPOSITIONS.contains(&lower(toks[first].text).as_str())
            || toks[first..cue.start].iter().any(|t| t.kind == Kind::Punct)
        {
            return None;
        }
        let comma = (cue.end..(cue.end + 6).min(sent.end))
            .find(|&k| toks[k].text == "," && !inside(quotes, toks[k].span.start))?;
        (comma + 1 < sent.end).then_some(comma)
    }

    /// Where the clause a sentence opens with ends when the cue is in it (`While the mayor
    /// admitted …, the council said …`): the comma after the cue, outside quotations.
    pub(super) fn opening_clause_end(
        toks: &[Tok<'_>],
        quotes: &[Quote],
        sent: &Range<usize>,
        cue: &Range<usize>,
    ) -> Option<usize> {
        const OPENERS: [&str; 12] = [
            "while", "although", "though", "when", "after", "before", "because", "since", "if",
            "once", "as", "whereas",
        ];
        let first = toks[sent.start..cue.start]
            .iter()
            .position(|t| t.kind == Kind::Word)
            .map(|k| sent.start + k)?;
        // The opener may follow one word: "Back when …", "Even though …", "Just after …".
        let second = toks.get(first + 1).filter(|t| t.kind == Kind::Word);
        let opens = OPENERS.contains(&lower(toks[first].text).as_str())
            || second.is_some_and(|t| OPENERS.contains(&lower(t.text).as_str()));
        if !opens || toks[first..cue.start].iter().any(|t| t.text == ",") {
            return None;
        }
        (cue.end..sent.end)
            .find(|&k| toks[k].text == "," && !inside(quotes, toks[k].span.start))
            .filter(|&k| k + 1 < sent.end)
    }

    /// The claims of one speaker from token `at.0` to `at.1`, one per cue: "… promised X
    /// and said Y" is two attributions. Returns where the last claim ends: before `at.1`
    /// when a concession, a dash or a semicolon cut it, and what follows may hold another.
    pub(super) fn clauses(
        &mut self,
        toks: &[Tok<'_>],
        quotes: &[Quote],
        at: (usize, usize),
        cue: Range<usize>,
        speaker: Option<&Range<usize>>,
        rule: &str,
    ) -> usize {
        let ((mut from, end), mut cue) = (at, cue);
        let mut speaker = speaker.cloned();
        loop {
            let stop = self.clause_stop(toks, quotes, from, end);
            let until = stop.as_ref().map_or(end, |(k, _)| *k);
            let until = self.claim_end(toks, quotes, from, until);
            if let Some(c) = Self::claim(toks, from..until) {
                self.push(toks, vec![c], cue, speaker.clone(), rule);
            }
            let Some((k, next)) = stop else { return until };
            // "… but he said": the pronoun is the next claim's speaker.
            if k + 1 < next.start && PRONOUNS.contains(&lower(toks[k + 1].text).as_str()) {
                speaker = Some(k + 1..k + 2);
            }
            from = next.end;
            cue = next;
        }
    }

    /// A speaker after its cue with the appositive or bracket that follows it, to the end of
    /// the sentence or to a comma before a phrase such as "in a statement" (that comma
    /// kept): `said Ryan Ellis, a Republican tax consultant.`
    pub(super) fn with_appositive(
        &self,
        toks: &[Tok<'_>],
        speaker: Range<usize>,
        end: usize,
    ) -> Range<usize> {
        let mut e = speaker.end;
        // A bracket of the name's ("(D-Wis.)"), not a remark ("(a view echoed by …)").
        if toks.get(e).is_some_and(|t| t.text == "(")
            && toks.get(e + 1).is_some_and(|t| is_upper_initial(t.text))
            && let Some(k) = toks[e..end].iter().position(|t| t.text == ")")
        {
            e += k + 1;
        }
        // Not an aside that acts ("…, speaking of …"); a relative clause ("…, who …") is
        // the speaker's to the end of the sentence.
        let opens = toks.get(e).is_some_and(|t| t.text == ",")
            && toks.get(e + 1).is_some_and(|t| {
                let w = lower(t.text);
                t.kind == Kind::Word
                    && !AFTER_APPOSITIVE.contains(&w.as_str())
                    && !w.ends_with("ing")
            });
        // "…, who emphasized that …": a relative clause that reports is an attribution of
        // its own, not the speaker's description.
        let reports = toks
            .get(e + 1)
            .is_some_and(|t| RELATIVES.contains(&lower(t.text).as_str()))
            && toks[(e + 2).min(end)..end]
                .iter()
                .find(|t| !self.rules.is_between(t.text))
                .is_some_and(|t| self.is_cue_word(t));
        if !opens || reports {
            return speaker.start..e;
        }
        let mut k = e + 1;
        while k < end {
            if RELATIVES.contains(&lower(toks[k].text).as_str()) {
                break;
            }
            if toks[k].text == ","
                && toks
                    .get(k + 1)
                    .is_some_and(|t| AFTER_APPOSITIVE.contains(&lower(t.text).as_str()))
            {
                return speaker.start..k + 1;
            }
            k += 1;
        }
        let mut e = end;
        while e > speaker.end && toks[e - 1].kind == Kind::Punct && toks[e - 1].text != ")" {
            e -= 1;
        }
        speaker.start..e
    }

    /// `…, saying …`: a participle cue after a comma, its claim what follows it, its
    /// speaker the named subject the sentence opens with (none when it opens otherwise).
    pub(super) fn participle(
        &mut self,
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        cue: &Range<usize>,
    ) -> Option<Step> {
        let comma = cue.start.checked_sub(1).filter(|&k| toks[k].text == ",")?;
        if comma <= sent.start || !lower(toks[cue.start].text).ends_with("ing") {
            return None;
        }
        let claim = Self::claim(toks, cue.end..sent.end)?;
        let verb = toks[sent.start..comma]
            .iter()
            .position(|t| {
                self.rules.is_between(t.text) || self.rules.by_first.contains_key(&lower(t.text))
            })
            .map(|k| sent.start + k)?;
        let subject = self.speaker_before(toks, sent.start, verb).filter(|r| {
            r.start == sent.start && r.len() <= 6 && is_upper_initial(toks[r.start].text)
        });
        self.push(
            toks,
            vec![claim],
            cue.clone(),
            subject,
            "speaker, cue, claim",
        );
        Some(Step::Sentence)
    }

    /// A cue with what goes with its verb after it: the day or the time (`said Friday`,
    /// `said Thursday morning`, `said then`, `adding later`), the preposition of a verb of warning or complaint (`warned against`,
    /// `complained about`, `agrees on`), the medium that was told at the end of a sentence (`told FNA.`),
    /// and the interview or statement it was said in (`said in a phone interview`).
    pub(super) fn with_adjuncts(
        &self,
        toks: &[Tok<'_>],
        cue: Range<usize>,
        end: usize,
    ) -> Range<usize> {
        const PARTS: [&str; 4] = ["morning", "afternoon", "evening", "night"];
        let word = |k: usize| toks.get(k).filter(|t| k < end && t.kind == Kind::Word);
        let first = lower(toks[cue.start].text);
        if toks[cue.start].kind != Kind::Word || ["according", "per"].contains(&first.as_str()) {
            return cue;
        }
        let mut e = cue.end;
        let single = cue.len() == 1;
        // The preposition that takes what is said (`warned of`, `blamed for`, `railed
        // against`), not after a verb of saying, where it names the topic (`said of her
        // rival`), nor before a stretch of time (`has denied for years`).
        let say =
            ["said", "says", "say", "saying", "recalled", "recalls"].contains(&first.as_str());
        let preposition = |t: &Tok<'_>| {
            let w = lower(t.text);
            let for_time = w == "for"
                && toks
                    .get(e + 1)
                    .is_some_and(|n| FOR_TIME.contains(&lower(n.text).as_str()));
            // "on" before what is agreed or commented on, not before a day or a medium
            // ("agrees on who is", not "announced on Friday", "said on Twitter").
            let on = w == "on"
                && toks
                    .get(e + 1)
                    .is_some_and(|n| n.text.chars().next().is_some_and(char::is_lowercase));
            !say && (PREPOSITIONS.contains(&w.as_str()) || on) && !for_time
        };
        let medium = |t: &Tok<'_>| self.rules.media.iter().any(|m| m == t.text);
        let told = super::words::TELLING.contains(&first.as_str());
        let sentence_ends = toks
            .get(e + 1)
            .is_none_or(|t| e + 1 >= end || t.text == ".");
        if word(e).is_some_and(|t| super::words::WEEKDAYS.contains(&t.text)) {
            e += 1;
            if word(e).is_some_and(|t| PARTS.contains(&t.text)) {
                e += 1;
            }
        } else if word(e).is_some_and(|t| ["then", "later"].contains(&t.text)) {
            // `he said then`, `adding later`: when it was said.
            e += 1;
        } else if single
            && word(e).is_some_and(|t| preposition(t) || (told && medium(t) && sentence_ends))
        {
            e += 1;
        } else if word(e).is_some_and(|t| t.text == "in")
            && word(e + 1).is_some_and(|t| {
                ["a", "an", "his", "her", "their", "the"].contains(&lower(t.text).as_str())
            })
            && let Some(k) = (e + 2..(e + 5).min(end)).find(|&k| {
                word(k).is_some_and(|t| {
                    ["interview", "statement", "briefing", "speech"].contains(&t.text)
                })
            })
            && (e + 2..k).all(|j| word(j).is_some_and(|t| !is_upper_initial(t.text)))
        {
            e = k + 1;
        }
        cue.start..e
    }

    /// A cue that is also a noun or an adjective ("found", "showed", "called") read as a
    /// past-tense verb: after a word that ends its subject and before the words it governs
    /// ("one study found the river …"), not after an article or a comma ("the found
    /// objects", "…, called to service") nor before a preposition ("supported by").
    pub(super) fn past_verb(toks: &[Tok<'_>], i: usize) -> bool {
        const BEFORE: [&str; 22] = [
            "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its",
            "our", "my", "your", "be", "been", "being", "is", "was", "were", "are", "well",
        ];
        const AFTER: [&str; 16] = [
            "by", "to", "in", "at", "on", "with", "from", "for", "of", "as", "up", "out", "off",
            "into", "under", "over",
        ];
        let word = lower(toks[i].text);
        let past = word.ends_with("ed")
            || ["found", "showed", "shown", "knew", "felt"].contains(&word.as_str());
        // `Ana Ruiz, the union's leader, called …`: the comma that closes an aside after a
        // name ends the subject too.
        let after_aside = i > 1
            && toks[i - 1].text == ","
            && (i.saturating_sub(14)..i - 2).rev().any(|k| {
                toks[k].text == ","
                    && k > 0
                    && (is_upper_initial(toks[k - 1].text) || toks[k - 1].text == ")")
                    && toks[k + 1..i - 1].iter().all(|t| t.text != ",")
            });
        let after_subject = i > 0
            && (toks[i - 1].kind == Kind::Word || after_aside)
            && !BEFORE.contains(&lower(toks[i - 1].text).as_str());
        let governs = toks
            .get(i + 1)
            .is_some_and(|t| t.kind == Kind::Word && !AFTER.contains(&lower(t.text).as_str()));
        past && after_subject && governs && !is_upper_initial(toks[i].text)
    }

    /// `Noting that X, the farmer said …`: a participle opening the sentence with a clause
    /// up to a comma is a claim of the main clause's speaker.
    pub(super) fn opening_participle(
        &mut self,
        toks: &[Tok<'_>],
        sent: &Range<usize>,
        quotes: &[Quote],
        cue: &Range<usize>,
    ) -> Option<Step> {
        let first = (sent.start..cue.start).all(|k| toks[k].kind == Kind::Punct);
        let that = toks.get(cue.end).is_some_and(|t| lower(t.text) == "that");
        if !first || !that || !lower(toks[cue.start].text).ends_with("ing") {
            return None;
        }
        let comma = (cue.end..sent.end)
            .find(|&k| toks[k].text == "," && !inside(quotes, toks[k].span.start))?;
        let main = (comma + 1..sent.end).find(|&j| {
            toks[j].kind == Kind::Word
                && !inside(quotes, toks[j].span.start)
                && self.cue_at(toks, j, quotes).is_some()
        })?;
        let speaker = self.speaker_before(toks, comma + 1, main)?;
        let claim = Self::claim(toks, cue.end..comma)?;
        self.push(
            toks,
            vec![claim],
            cue.clone(),
            Some(speaker),
            "cue, claim, speaker",
        );
        Some(Step::Until(comma + 1))
    }

    /// A verb of judgement with the judgement after "as" (`dismissed as totally untrue the
    /// reports`, `criticized as complicated`): up to four words before what is judged.
    pub(super) fn with_judgement(toks: &[Tok<'_>], cue: Range<usize>, end: usize) -> Range<usize> {
        const JUDGING: [&str; 14] = [
            "dismissed",
            "rejected",
            "denied",
            "described",
            "criticized",
            "criticised",
            "branded",
            "labeled",
            "labelled",
            "condemned",
            "hailed",
            "characterized",
            "slammed",
            "denounced",
        ];
        const DETERMINERS: [&str; 10] = [
            "the", "a", "an", "this", "these", "those", "his", "her", "their", "its",
        ];
        let verb = lower(toks[cue.end - 1].text);
        if !JUDGING.contains(&verb.as_str())
            || toks.get(cue.end).is_none_or(|t| lower(t.text) != "as")
        {
            return cue;
        }
        let mut e = cue.end + 1;
        while e < end
            && e - cue.end <= 4
            && toks[e].kind == Kind::Word
            && !is_upper_initial(toks[e].text)
            && !DETERMINERS.contains(&lower(toks[e].text).as_str())
        {
            e += 1;
        }
        if e == cue.end + 1 || e - cue.end > 4 {
            return cue;
        }
        cue.start..e
    }

    /// The spans of a quotation's parts.
    pub(super) fn parts(q: &Quote) -> impl Iterator<Item = Span> + '_ {
        q.parts.iter().map(|p| Span::new(p.start, p.end))
    }
}
