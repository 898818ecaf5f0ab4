//! How far a cue reaches beyond its verb: the verb of going on or of trying before it
//! (`continued to call for`, `went on to explain`), the cue its infinitive opens after a
//! verb of refusing or wanting (`refused to endorse`, `wanted to know`), and who is asked
//! with the preposition a verb of asking takes its claim with (`asked Clinton about`,
//! `pressed him on`).

use std::ops::Range;

use super::Finder;
use super::text::{Kind, Quote, Tok, lower};

/// Verbs before "to" and a cue that belong to the cue: `continued to call for`, `seemed to
/// think`, `tried to explain`.
const LEADS: [&str; 15] = [
    "continued",
    "continues",
    "continue",
    "continuing",
    "seemed",
    "seems",
    "seem",
    "appeared",
    "appears",
    "appear",
    "tried",
    "tries",
    "try",
    "trying",
    "sought",
];

/// Cues whose infinitive, when it is a cue itself, is the cue's: `refused to endorse`,
/// `wanted to know`, `seemed to think`.
const TO_CUE: [&str; 12] = [
    "refused",
    "refuses",
    "refuse",
    "refusing",
    "wanted",
    "wants",
    "want",
    "continued",
    "continues",
    "seemed",
    "seems",
    "seem",
];

/// Verbs of asking that take who is asked and then a preposition before what they are
/// asked about: `asked Clinton about`, `pressed him on`.
const OBJECT_THEN: [(&str, &[&str]); 3] = [
    ("ask", &["about"]),
    ("press", &["on", "about"]),
    ("quer", &["about"]),
];

/// Words that may open the object: `asked the board about`, `pressed his rival on`.
const DETERMINERS: [&str; 8] = ["the", "his", "her", "their", "its", "our", "my", "your"];

impl Finder<'_> {
    /// `cue` with the verb of going on before it and the cue of its infinitive after it.
    pub(super) fn with_lead_in(
        &self,
        toks: &[Tok<'_>],
        cue: Range<usize>,
        quotes: &[Quote],
        end: usize,
    ) -> Range<usize> {
        let word = |k: usize| {
            toks.get(k)
                .filter(|t| t.kind == Kind::Word)
                .map(|t| lower(t.text))
        };
        let mut start = cue.start;
        if start >= 2 && word(start - 1).as_deref() == Some("to") {
            let verb = word(start - 2).unwrap_or_default();
            let went = start >= 3
                && verb == "on"
                && word(start - 3)
                    .is_some_and(|w| ["went", "goes", "go", "going"].contains(&w.as_str()));
            if went {
                start -= 3;
            } else if LEADS.contains(&verb.as_str()) {
                start -= 2;
            }
        }
        let last = lower(toks[cue.end - 1].text);
        let mut e = cue.end;
        if TO_CUE.contains(&last.as_str())
            && e + 1 < end
            && word(e).as_deref() == Some("to")
            && let Some(n) = self.cue_at_with(toks, e + 1, quotes, false)
        {
            e = self
                .with_adjuncts(toks, e + 1..(e + 1 + n).min(end), end)
                .end;
        }
        start..e
    }

    /// `cue` with who is asked and the preposition a verb of asking takes before the claim:
    /// `asked Clinton about`, `asks him about`.
    pub(super) fn with_object(toks: &[Tok<'_>], cue: Range<usize>, end: usize) -> Range<usize> {
        if cue.len() != 1 {
            return cue;
        }
        let verb = lower(toks[cue.start].text);
        let Some((_, preps)) = OBJECT_THEN.iter().find(|(stem, _)| verb.starts_with(stem)) else {
            return cue;
        };
        // A pronoun, a name of up to three words, or a determiner and up to two words.
        let mut k = cue.end;
        while k < end && k - cue.end < 3 && toks[k].kind == Kind::Word {
            let w = lower(toks[k].text);
            if preps.contains(&w.as_str()) {
                break;
            }
            let fits = ["him", "her", "them", "me", "us", "it"].contains(&w.as_str())
                || super::text::is_upper_initial(toks[k].text)
                || (k == cue.end && DETERMINERS.contains(&w.as_str()))
                || (k > cue.end && !self_stop(&w));
            if !fits {
                return cue;
            }
            k += 1;
        }
        let object = k > cue.end;
        let prep = toks
            .get(k)
            .filter(|_| k < end)
            .is_some_and(|t| t.kind == Kind::Word && preps.contains(&lower(t.text).as_str()));
        if object && prep && k + 1 < end {
            cue.start..k + 1
        } else {
            cue
        }
    }
}

/// Words an object of up to three words does not run over.
fn self_stop(w: &str) -> bool {
    [
        "that", "and", "but", "or", "to", "in", "on", "at", "by", "with", "from", "as", "a", "an",
        "the", "who", "which",
    ]
    .contains(&w)
}
