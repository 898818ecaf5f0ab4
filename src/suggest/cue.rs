//! Which words are a cue: the longest phrase of the lexicon at a place, read as a verb
//! (not after an article, and for a word that is also a noun only with the clause or the
//! quotation it opens), and the auxiliary a pronoun carries into it.

use std::ops::Range;

use super::Finder;
use super::text::{Kind, Quote, Tok, is_upper_initial, lower};
use crate::model::Span;

/// Words a verb does not follow: articles, possessives, quantifiers and "those", "these"
/// before a noun ("in those states that …").
const NOT_BEFORE_VERB: [&str; 14] = [
    "a", "an", "the", "such", "its", "their", "our", "my", "your", "every", "each", "no", "those",
    "these",
];

/// Verbs of intending, cues only before the infinitive they govern ("plans to").
const INTENDING: [&str; 2] = ["plans", "planned"];

/// Verbs of seeing that take what is seen and then "as" and how: `saw the comment as a dig`.
const SEEING_AS: [&str; 9] = [
    "see", "sees", "saw", "seeing", "viewed", "views", "view", "regarded", "regards",
];

impl Finder<'_> {
    /// The cue starting at token `i` (the longest phrase), with its token count.
    pub(super) fn cue_at(&self, toks: &[Tok<'_>], i: usize, quotes: &[Quote]) -> Option<usize> {
        self.cue_at_with(toks, i, quotes, true)
    }

    /// [`Self::cue_at`]; with `strict` false, a cue that is also a noun is taken without
    /// the clause after it (where the sentence shows it is a verb: `…, the Journal reports.`).
    pub(super) fn cue_at_with(
        &self,
        toks: &[Tok<'_>],
        i: usize,
        quotes: &[Quote],
        strict: bool,
    ) -> Option<usize> {
        if toks[i].kind == Kind::Punct {
            return Self::punct_cue(toks, i, quotes);
        }
        let mut best = None;
        let word = lower(toks[i].text);
        for &p in self.rules.by_first.get(&word).into_iter().flatten() {
            let words = &self.rules.phrases[p];
            if i + words.len() > toks.len() {
                continue;
            }
            let hit = words
                .iter()
                .enumerate()
                .skip(1)
                .all(|(k, w)| toks[i + k].kind == Kind::Word && lower(toks[i + k].text) == *w);
            if hit && best.is_none_or(|b| words.len() > b) {
                best = Some(words.len());
            }
        }
        // A verb the lexicon lacks, known by the clause it opens: "X conceded that …".
        let verb_like = word.len() >= 4
            && word.chars().all(char::is_alphabetic)
            && word.ends_with("ed")
            && !self.rules.between.contains(&word)
            && !self.rules.stops.contains(&word);
        if best.is_none() && verb_like && toks.get(i + 1).is_some_and(|t| lower(t.text) == "that") {
            best = Some(1);
        }
        let n = best?;
        if Self::set_phrase(toks, i) {
            return None;
        }
        // After an article or a possessive the word is a noun or an adjective, not a verb:
        // "an informed choice", "the alleged thief", "such expected allies".
        if i > 0 && NOT_BEFORE_VERB.contains(&lower(toks[i - 1].text).as_str()) {
            return None;
        }
        if n == 1 && Self::noun_subject(toks, i) {
            return None;
        }
        // "have shown", "has called": after an auxiliary of the perfect it is a verb.
        let perfect = i > 0 && ["have", "has", "had"].contains(&lower(toks[i - 1].text).as_str());
        if strict
            && n == 1
            && self.rules.clause_cues.contains(&word)
            && !perfect
            && !Self::past_verb(toks, i)
            && !Self::after_plural_subject(toks, i)
        {
            // Intending is known by its subject and its infinitive, not by a clause:
            // "the savings plans that your state offers" plans nothing.
            if INTENDING.contains(&word.as_str()) {
                return self.intends(toks, i).then_some(n);
            }
            // `She continued, “…”`: a comma may stand before the quotation.
            let comma_quote = toks.get(i + 1).is_some_and(|t| t.text == ",")
                && toks
                    .get(i + 2)
                    .is_some_and(|t| quotes.iter().any(|q| q.open == t.span.start));
            // `called Clinton a “champion”`: naming with a quotation a few words on.
            let names = ["call", "calls", "called", "calling"].contains(&word.as_str())
                && (i + 1..(i + 5).min(toks.len()))
                    .take_while(|&k| {
                        toks[k].kind == Kind::Word
                            || quotes.iter().any(|q| q.open == toks[k].span.start)
                    })
                    .any(|k| quotes.iter().any(|q| q.open == toks[k].span.start));
            // `saw the comment as a dig`, `viewed rivals as enemies`: seeing something as
            // something, a few words on.
            let regards = SEEING_AS.contains(&word.as_str())
                && (i + 1..(i + 7).min(toks.len()))
                    .take_while(|&k| toks[k].kind == Kind::Word)
                    .any(|k| k > i + 1 && lower(toks[k].text) == "as");
            // `“…,” she continued.`: after a quotation and its speaker it is the verb.
            let after_quote = {
                let mut k = i;
                while k > 0
                    && i - k < 4
                    && toks[k - 1].kind == Kind::Word
                    && (is_upper_initial(toks[k - 1].text)
                        || ["he", "she", "they", "we", "i"]
                            .contains(&lower(toks[k - 1].text).as_str()))
                {
                    k -= 1;
                }
                k < i
                    && k > 0
                    && quotes
                        .iter()
                        .any(|q| q.close.is_some() && q.end == toks[k - 1].span.end)
            };
            let next = toks.get(if comma_quote { i + 2 } else { i + 1 })?;
            let clause = names
                || regards
                || after_quote
                || lower(next.text) == "that"
                || next.text == ":"
                || self.rules.quotes.iter().any(|(o, _)| o == next.text);
            if !clause {
                return None;
            }
        }
        Some(n)
    }

    /// A colon or a dash that opens a quotation: `Trump: “…”`.
    fn punct_cue(toks: &[Tok<'_>], i: usize, quotes: &[Quote]) -> Option<usize> {
        let opens = toks
            .get(i + 1)
            .is_some_and(|n| quotes.iter().any(|q| q.open == n.span.start));
        let dash = matches!(toks[i].text, "―" | "—" | "–");
        let after_quote = dash
            && i > 0
            && quotes
                .iter()
                .any(|q| q.close.is_some() && q.end == toks[i - 1].span.end);
        // A colon only after a name: `Said Ellis: “…”`, not `a new message: “…”`.
        let colon = toks[i].text == ":" && i > 0 && is_upper_initial(toks[i - 1].text);
        (((colon || dash) && opens && i > 0) || after_quote).then_some(1)
    }

    /// Whether the cue word at token `i`, in its plain form, is the verb of a plural noun
    /// before it and takes the words after it: "polls show a close race", "voters expect
    /// a close vote"; not "the TV show", "to show up", "public support for".
    fn after_plural_subject(toks: &[Tok<'_>], i: usize) -> bool {
        const NOT_NOUNS: [&str; 11] = [
            "is", "was", "has", "does", "this", "its", "his", "us", "as", "always", "perhaps",
        ];
        const PAST: [&str; 6] = ["saw", "knew", "felt", "thought", "found", "shown"];
        let word = lower(toks[i].text);
        let plain = !word.ends_with('s')
            && !word.ends_with("ed")
            && !word.ends_with("ing")
            && !PAST.contains(&word.as_str());
        let Some(prev) = i.checked_sub(1).map(|k| &toks[k]) else {
            return false;
        };
        // Capitalised only where it opens the paragraph or the sentence: "Polls show …".
        let opens = i == 1 || matches!(toks[i - 2].text, "." | "!" | "?");
        let noun = prev.kind == Kind::Word
            && prev.text.len() >= 4
            && prev.text.chars().enumerate().all(|(k, c)| {
                c.is_ascii_lowercase() || (k == 0 && opens && c.is_ascii_uppercase())
            })
            && prev.text.ends_with('s')
            && !prev.text.ends_with("ss")
            && !prev.text.ends_with("ous")
            && !NOT_NOUNS.contains(&lower(prev.text).as_str());
        let object = toks.get(i + 1).is_some_and(|t| {
            t.kind == Kind::Word
                && !["up", "for", "of", "to", "in", "on", "among", "from"]
                    .contains(&lower(t.text).as_str())
        });
        plain && noun && object
    }

    /// Whether the cue word at token `i` ("plans") is a verb of intending after its
    /// subject, before the infinitive it governs: "the campaign plans to …", "which she
    /// plans to do"; not "his plans to cut", "dialing back plans to".
    fn intends(&self, toks: &[Tok<'_>], i: usize) -> bool {
        let to = toks.get(i + 1).is_some_and(|t| t.text == "to");
        let Some(prev) = i.checked_sub(1).map(|k| &toks[k]) else {
            return false;
        };
        let before = lower(prev.text);
        let subject = ["he", "she", "they", "we", "it", "i", "who"].contains(&before.as_str())
            || (prev.kind == Kind::Word && is_upper_initial(prev.text))
            || self
                .rules
                .organisations
                .iter()
                .any(|o| o.eq_ignore_ascii_case(prev.text));
        to && subject
    }

    /// Whether the cue word at token `i` is a noun that an auxiliary after it makes the
    /// subject: "Health worries have dogged …", "The “sex tape” reference was …"; not a
    /// past verb ("what the senators said was") nor one after a pronoun ("what he says is").
    fn noun_subject(toks: &[Tok<'_>], i: usize) -> bool {
        const AUXILIARIES: [&str; 7] = ["was", "were", "is", "are", "has", "have", "had"];
        const SUBJECTS: [&str; 10] = [
            "he", "she", "they", "we", "i", "you", "it", "who", "which", "that",
        ];
        const PAST: [&str; 10] = [
            "said", "told", "says", "wrote", "thought", "knew", "felt", "found", "saw", "shown",
        ];
        let word = lower(toks[i].text);
        let verb_form =
            word.ends_with("ed") || word.ends_with("ing") || PAST.contains(&word.as_str());
        let after_subject = i
            .checked_sub(1)
            .is_some_and(|k| SUBJECTS.contains(&lower(toks[k].text).as_str()));
        let auxiliary = toks
            .get(i + 1)
            .is_some_and(|t| AUXILIARIES.contains(&lower(t.text).as_str()));
        i > 0 && !verb_form && !after_subject && auxiliary
    }

    /// Whether the cue at token `i` is part of a set phrase in which the writer speaks and
    /// no one is quoted: "it's worth noting", "it goes without saying", "let's say",
    /// "having said that", "needless to say".
    fn set_phrase(toks: &[Tok<'_>], i: usize) -> bool {
        let at = |k: usize| toks.get(k).map(|t| lower(t.text)).unwrap_or_default();
        let Some(prev) = i.checked_sub(1).map(at) else {
            return false;
        };
        let word = at(i);
        ["worth", "without", "let's", "let’s"].contains(&prev.as_str())
            || (prev == "having"
                && word == "said"
                && ["that", "this"].contains(&at(i + 1).as_str()))
            || (prev == "to"
                && word == "say"
                && i >= 2
                && ["needless", "so"].contains(&at(i - 2).as_str()))
    }

    /// The cue's span with the auxiliary a pronoun carries: `He’s claiming`, `I've said`,
    /// `who’s called for` (a noun's "’s" is a possessive and stays out: `Trump’s claim`).
    pub(super) fn with_contraction(toks: &[Tok<'_>], cue: &Range<usize>) -> Span {
        const PRONOUNS: [&str; 11] = [
            "he", "she", "it", "i", "we", "you", "they", "who", "that", "there", "what",
        ];
        const SHORT: [&str; 10] = [
            "’s", "'s", "’ve", "'ve", "’re", "'re", "’d", "'d", "’ll", "'ll",
        ];
        let span = Self::span(toks, cue);
        let Some(prev) = cue.start.checked_sub(1).map(|k| &toks[k]) else {
            return span;
        };
        let word = lower(prev.text);
        let short = SHORT.iter().find(|s| {
            word.strip_suffix(*s)
                .is_some_and(|stem| PRONOUNS.contains(&stem))
        });
        match short {
            Some(s) if prev.kind == Kind::Word => Span::new(prev.span.end - s.len(), span.end),
            _ => span,
        }
    }
}
