//! The words a speaker's phrase is read with: auxiliaries, adverbs and pronouns beside a
//! cue, times and occasions after it, and the spans these make.

use std::ops::Range;

use super::text::{Kind, Tok, lower};

/// Finite auxiliaries, which a speaker's phrase after its cue does not hold.
pub(super) const AUXILIARIES: [&str; 17] = [
    "would", "will", "was", "were", "is", "are", "has", "have", "had", "could", "should", "can",
    "may", "might", "did", "does", "do",
];

/// The days of the week, as a cue's time ("said Friday") or a speaker's ("on Monday").
pub(super) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A day, a month or a year: "on Monday", "in April", "in 2001".
pub(super) fn is_time(word: &str) -> bool {
    WEEKDAYS.contains(&word)
        || MONTHS.contains(&word)
        || (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
}

/// Verbs of telling, whose object is whom they told: "told reporters that …".
pub(super) const TELLING: [&str; 5] = ["told", "tells", "tell", "telling", "assured"];

/// Where the words after a verb of telling start once whom it was told is passed: the
/// name or the title-cased medium (`told The Huffington Post on Thursday`), "the" before
/// it, or a pronoun. After another cue, where they start anyway.
pub(super) fn after_recipient(toks: &[Tok<'_>], cue: &Range<usize>, end: usize) -> usize {
    const OBJECTS: [&str; 6] = ["reporters", "journalists", "me", "us", "him", "them"];
    const OPENERS: [&str; 8] = [
        "on", "in", "at", "during", "after", "last", "this", "earlier",
    ];
    let first = super::text::lower(toks[cue.start].text);
    if cue.len() != 1 || !TELLING.contains(&first.as_str()) {
        return cue.end;
    }
    let mut k = cue.end;
    if k < end && OBJECTS.contains(&toks[k].text) {
        k += 1;
    } else {
        if k < end && toks[k].text == "The" {
            k += 1;
        }
        let name = k;
        while k < end
            && toks[k].kind == Kind::Word
            && super::text::is_upper_initial(toks[k].text)
            && !is_time(toks[k].text)
        {
            k += 1;
        }
        if k == name {
            return cue.end;
        }
    }
    // Only when a phrase of time or place follows, or nothing: in `told Reuters the
    // plan failed` what follows is what was told.
    let then = toks.get(k).filter(|_| k < end);
    let closes = then.is_none_or(|t| t.kind != Kind::Word || OPENERS.contains(&t.text));
    if closes { k } else { cue.end }
}

/// The auxiliaries of a passive cue: "was told", "has been denied".
pub(super) const PASSIVE: [&str; 7] = ["was", "were", "been", "being", "is", "are", "be"];

/// Verbs of saying that make an attribution of their own inside a reported claim; not
/// "told", which inside one names whom as often as what ("a source who told him"), nor
/// "added", as often a plain verb ("iodine is added to salt").
pub(super) const SAYING: [&str; 5] = ["said", "says", "noted", "wrote", "writes"];

/// Cues a speaker may follow: "…, said the minister", "…, wrote Smith".
pub(super) const INVERTING: [&str; 12] = [
    "said",
    "says",
    "added",
    "adds",
    "wrote",
    "writes",
    "asked",
    "explained",
    "continued",
    "noted",
    "told",
    "according",
];

/// Words after which a subject pronoun starts a clause of its own ("once he has said",
/// "but has he called"), not a relative one.
pub(super) const FUNCTION_WORDS: [&str; 16] = [
    "once", "until", "unless", "whether", "yet", "nor", "then", "now", "here", "say", "says",
    "said", "think", "know", "believe", "hope",
];

/// Prepositions that open a phrase of a speaker after its cue: "said one source on the
/// panel", "according to a survey of voters".
pub(super) const MODIFIERS: [&str; 8] = ["of", "on", "by", "for", "from", "at", "in", "with"];

/// Words of the occasion or the time a thing was said, which are not the speaker's: "said
/// Smith in a statement", "said Smith on Friday".
pub(super) const OCCASIONS: [&str; 40] = [
    "statement",
    "statements",
    "interview",
    "speech",
    "email",
    "e-mail",
    "conference",
    "briefing",
    "letter",
    "tweet",
    "tweets",
    "twitter",
    "facebook",
    "video",
    "rally",
    "debate",
    "appearance",
    "hearing",
    "address",
    "call",
    "meeting",
    "release",
    "radio",
    "television",
    "show",
    "broadcast",
    "program",
    "column",
    "episode",
    "remarks",
    "testimony",
    "phone",
    "today",
    "yesterday",
    "morning",
    "afternoon",
    "evening",
    "night",
    "week",
    "weekend",
];

/// A speaker after its cue with the phrases that qualify it, to a comma or the end of the
/// sentence (`end`): "one source [on the panel]", "a new report [by Politico], …". Not
/// when they tell the occasion or the time, or hold a verb.
pub(super) fn with_modifiers(toks: &[Tok<'_>], r: Range<usize>, end: usize) -> Range<usize> {
    let opens = toks
        .get(r.end)
        .is_some_and(|t| r.end < end && MODIFIERS.contains(&lower(t.text).as_str()));
    if !opens {
        return r;
    }
    let mut stop = toks[r.end..end]
        .iter()
        .position(|t| matches!(t.text, "," | ";" | ":" | "(" | "—" | "–" | "―" | "“" | "\""))
        .map_or(end, |k| r.end + k);
    let stretch = &toks[r.end..stop];
    let told = stretch.iter().any(|t| {
        let w = lower(t.text);
        OCCASIONS.contains(&w.as_str()) || is_time(t.text) || AUXILIARIES.contains(&w.as_str())
    });
    let words = stretch.iter().filter(|t| t.kind == Kind::Word).count();
    if told || words > 12 {
        return r;
    }
    while stop > r.end && toks[stop - 1].kind == Kind::Punct && toks[stop - 1].text != ")" {
        stop -= 1;
    }
    r.start..stop
}

/// Nouns of a time that "this" or "last" make an adverb of the cue: "the council this
/// month rejected", "Trump last week said".
pub(super) const TIME_NOUNS: [&str; 11] = [
    "week",
    "month",
    "year",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "spring",
    "summer",
    "fall",
    "winter",
];

/// Words that open a phrase after a speaker's comma telling where, when or how it was
/// said, not who the speaker is: "Tom Reed, at the meeting, said", "Ana Ruiz, like her
/// rival, has said".
pub(super) const NOT_APPOSITIVE: [&str; 14] = [
    "at",
    "in",
    "on",
    "like",
    "unlike",
    "with",
    "during",
    "after",
    "before",
    "despite",
    "for",
    "from",
    "by",
    "meanwhile",
];

/// Prepositions that open a sentence's phrase before its speaker: "With a week to go, Ana
/// Ruiz said", "In a statement, the council said".
pub(super) const OPENING_PREPOSITIONS: [&str; 13] = [
    "in", "at", "on", "with", "during", "after", "before", "for", "from", "under", "over", "since",
    "amid",
];

/// Pronouns that are the whole speaker when they stand just before the cue: "the famous
/// line he said", not "the famous line he".
/// Words that open a clause of time, cause or condition: a quotation before one
/// (`“absolutely right” when he said …`) is not what the clause's speaker says.
pub(super) const SUBORDINATORS: [&str; 9] = [
    "when", "because", "after", "before", "if", "while", "since", "until", "whenever",
];

pub(super) const SUBJECTS: [&str; 6] = ["he", "she", "they", "we", "i", "who"];

/// Adverbs between a speaker and the cue ("Tom Reed, a farmer, instead said"), which belong
/// to neither.
pub(super) const ADVERBS: [&str; 10] = [
    "instead",
    "however",
    "meanwhile",
    "too",
    "nonetheless",
    "nevertheless",
    "therefore",
    "thus",
    "soon",
    "quickly",
];

/// Nouns and adjectives that end like an adverb ("the family said").
pub(super) const LY_NOUNS: [&str; 10] = [
    "family", "assembly", "monopoly", "anomaly", "supply", "ally", "rally", "bully", "daily",
    "elderly",
];

/// Nouns ending in "-ing" that may open a speaker's phrase ("everything she says").
pub(super) const ING_NOUNS: [&str; 8] = [
    "thing",
    "everything",
    "something",
    "nothing",
    "anything",
    "polling",
    "reporting",
    "king",
];

/// An adverb that may stand between a speaker and the cue: "instead", "sharply".
pub(super) fn is_adverb(word: &str) -> bool {
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    lowercase
        && (ADVERBS.contains(&word)
            || (word.len() >= 6 && word.ends_with("ly") && !LY_NOUNS.contains(&word)))
}

/// Where the auxiliaries and adverbs before token `cue` start, not before token `from`.
pub(super) fn before_adverbs(
    rules: &super::Rules,
    toks: &[Tok<'_>],
    from: usize,
    cue: usize,
) -> usize {
    (from..cue)
        .rev()
        .find(|&k| !is_adverb_of_cue(rules, toks[k].text))
        .map_or(from, |k| k + 1)
}

/// [`with_modifiers`] after a cue a speaker may follow ("said", "according"), else `r`.
pub(super) fn with_modifiers_after(
    cue: &str,
    toks: &[Tok<'_>],
    r: Range<usize>,
    end: usize,
) -> Range<usize> {
    if INVERTING.contains(&cue) {
        with_modifiers(toks, r, end)
    } else {
        r
    }
}

/// A word between a speaker and its cue: an auxiliary or adverb of the rules' ("has
/// also"), or an adverb such as "instead".
pub(super) fn is_adverb_of_cue(rules: &super::Rules, word: &str) -> bool {
    rules.is_between(word) || is_adverb(word)
}

/// The contraction a word ends with ("he’s", "I've"), if any.
pub(super) fn contraction(word: &str) -> Option<&str> {
    [
        "’s", "'s", "’m", "'m", "’ve", "'ve", "’re", "'re", "’ll", "'ll", "’d", "'d",
    ]
    .into_iter()
    .find(|c| word.len() > c.len() && word.ends_with(c))
}

/// A subject pronoun, a contraction after it or not: "he", "He’s", "who’s".
pub(super) fn is_subject(word: &str) -> bool {
    let stem = contraction(word).map_or(word, |c| &word[..word.len() - c.len()]);
    SUBJECTS.contains(&lower(stem).as_str())
}

/// A speaker's span: its tokens, without the contraction a pronoun ends with ("He" of
/// "He’s claiming", "I" of "I've said").
pub(super) fn speaker_span(toks: &[Tok<'_>], r: &Range<usize>) -> crate::model::Span {
    let last = &toks[r.end - 1];
    let mut end = last.span.end;
    if is_subject(last.text)
        && let Some(c) = contraction(last.text)
    {
        end -= c.len();
    }
    crate::model::Span::new(toks[r.start].span.start, end)
}
