//! What a picker offers first. A speaker's entity: the entity whose name matches; for a
//! pronoun, the Person who spoke last before it; for a title ("The General", "the Number
//! two man of the Iranian Armed Forces"), the entity whose mentions carry that title, else
//! the named person mentioned last before it. A new entity is offered under its proper
//! name ("Marziyeh Afkham" for "Foreign Ministry Spokeswoman Marziyeh Afkham"), with the
//! kind its words suggest.

use super::App;
use crate::model::{EntityId, Mention, MentionId};
use crate::text::pronoun_kind;
use crate::tui::describe::{clip, mention_text};
use crate::tui::picker::{Choice, Pick};

/// Words that only glue a name together or start a description.
use crate::text::{GLUE, is_named};

/// Words of a title, before a name: "Spokeswoman Marziyeh Afkham", "General Massoud ...".
const TITLES: [&str; 28] = [
    "spokeswoman",
    "spokesman",
    "spokesperson",
    "general",
    "gen",
    "minister",
    "president",
    "secretary",
    "chief",
    "director",
    "mayor",
    "senator",
    "sen",
    "governor",
    "gov",
    "commander",
    "ambassador",
    "deputy",
    "colonel",
    "col",
    "admiral",
    "chairman",
    "chairwoman",
    "representative",
    "rep",
    "dr",
    "mr",
    "ms",
];

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn bare(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The proper name at the end of a mention, without the title or description before it:
/// "Marziyeh Afkham" for "Foreign Ministry Spokeswoman Marziyeh Afkham", "Jerusalem Post"
/// for "Israeli website Jerusalem Post"; `None` when the words are a name already or a
/// description ("top military officials in Tehran").
pub(super) fn proper_name(words: &str) -> Option<String> {
    let w: Vec<&str> = words.split_whitespace().collect();
    let mut start = w.len();
    while start > 0 && capitalised(w[start - 1]) {
        start -= 1;
    }
    if start == w.len() {
        return None;
    }
    if let Some(t) = (start..w.len())
        .rev()
        .find(|&i| TITLES.contains(&bare(w[i]).as_str()))
    {
        start = t + 1;
    } else if start > 0 && GLUE.contains(&bare(w[start - 1]).as_str()) {
        // "in Tehran", "of the Iranian Armed Forces": a place or body in a description.
        return None;
    }
    let name = w[start..].join(" ");
    let name = name.trim_end_matches([',', '.', ';', ':']).to_owned();
    (start > 0 && start < w.len() && !name.is_empty()).then_some(name)
}

/// For a bare name ("Rathbun"), the fuller one the article gives it elsewhere ("Mark
/// Rathbun"): the first place the word follows a capitalised word that is no title and
/// does not start a sentence.
pub(super) fn fuller_name(text: &str, words: &str) -> Option<String> {
    let word = words.trim();
    if word.contains(char::is_whitespace) || !capitalised(word) {
        return None;
    }
    text.match_indices(word).find_map(|(i, _)| {
        let after = text[i + word.len()..].chars().next();
        if after.is_some_and(char::is_alphanumeric) {
            return None;
        }
        let before = text[..i].strip_suffix(' ')?;
        let first = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
            .next()?;
        let lead = before[..before.len() - first.len()].trim_end();
        let starts_sentence = lead.is_empty() || lead.ends_with(['.', '!', '?', '\n', '"', '“']);
        let ok = capitalised(first)
            && !starts_sentence
            && first.chars().all(|c| c.is_alphabetic() || c == '-')
            && !TITLES.contains(&bare(first).as_str())
            && !GLUE.contains(&bare(first).as_str());
        ok.then(|| format!("{first} {word}"))
    })
}

/// The kind a new entity most likely is, from the mention's label and words.
pub(super) fn likely_kind(label: &str, words: &str, name: &str) -> &'static str {
    const MEDIA: [&str; 14] = [
        "post",
        "times",
        "news",
        "agency",
        "website",
        "newspaper",
        "tv",
        "radio",
        "media",
        "reports",
        "press",
        "journal",
        "daily",
        "television",
    ];
    let lower = format!("{words} {name}").to_lowercase();
    if lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MEDIA.contains(&w))
    {
        "Media"
    } else if !is_named(name) {
        "AnonymousGroup"
    } else if label == "Speaker" {
        "Person"
    } else {
        "Media"
    }
}

/// How well an entity name fits the words of a mention: equal, one inside the other,
/// a shared capitalised word (a name, not "officials"), nothing.
pub(super) fn name_score(name: &str, words: &str) -> u8 {
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (n, w) = (tokens(name), tokens(words));
    // Whole words inside: "Afkham" in "Marziyeh Afkham", never "Iran" in "Iranian".
    let within = |a: &[String], b: &[String]| !a.is_empty() && b.windows(a.len()).any(|x| x == a);
    if n == w {
        3
    } else if within(&n, &w) || within(&w, &n) {
        2
    } else {
        u8::from(shared_titles(name, words) > 0)
    }
}

/// Capitalised words of `words` (a title: "General", "Iranian Armed Forces"), past its
/// first word when that is "The", that also appear capitalised in `other`.
fn shared_titles(other: &str, words: &str) -> usize {
    let theirs: Vec<String> = other
        .split_whitespace()
        .filter(|w| capitalised(w))
        .map(bare)
        .collect();
    words
        .split_whitespace()
        .filter(|w| capitalised(w))
        .map(bare)
        .filter(|w| w.chars().count() > 2 && !GLUE.contains(&w.as_str()))
        .filter(|w| theirs.contains(w))
        .count()
}

impl App {
    /// The entity mentioned nearest before `at` whose kind passes `kind`, by its mention.
    fn last_before(
        &self,
        at: usize,
        kind: impl Fn(&crate::model::Entity) -> bool,
    ) -> Option<EntityId> {
        self.doc
            .annotations()
            .mentions
            .iter()
            .filter(|m| m.extent().end <= at)
            .filter_map(|m| Some((m.extent().end, m.entity?)))
            .filter(|(_, e)| self.doc.annotations().entity(*e).is_some_and(&kind))
            .max_by_key(|(end, _)| *end)
            .map(|(_, e)| e)
    }

    /// How many title words of `words` the mentions of entity `e` carry.
    fn title_match(&self, e: EntityId, words: &str, except: MentionId) -> usize {
        self.doc
            .annotations()
            .mentions
            .iter()
            .filter(|m| m.entity == Some(e) && m.id != except)
            .map(|m| shared_titles(&mention_text(&self.doc.article().text, m), words))
            .max()
            .unwrap_or(0)
    }

    /// The entity picker's entries for mention `id`, best first, with a new entity (under
    /// its proper name first, when the words hold one) placed after the likely ones.
    pub(super) fn entity_picker_choices(&self, id: MentionId) -> Vec<Choice> {
        let Some(mention) = self.mention(id) else {
            return Vec::new();
        };
        let words = mention_text(&self.doc.article().text, mention);
        let at = mention.extent().start;
        let pronoun = pronoun_kind(&words);
        let referent = match pronoun {
            Some(person) => self.last_before(at, |e| !person || e.kind == "Person"),
            None => None,
        };
        // (score, shared titles, distance): a name first, then a title the entity's
        // mentions carry, then the nearest.
        let mut scored: Vec<(u8, usize, usize, Choice)> = self
            .entity_choices(Pick::Entity)
            .into_iter()
            .map(|c| {
                let Pick::Entity(e) = c.pick else {
                    return (0, 0, usize::MAX, c);
                };
                let titles = self.title_match(e, &words, id);
                let mut score = name_score(&c.text, &words).max(u8::from(titles > 0));
                if referent == Some(e) {
                    score = 4;
                }
                (score, titles, self.entity_distance(id, e), c)
            })
            .collect();
        // A title no mention carries ("The General"): the named person mentioned last.
        let definite = words
            .split_whitespace()
            .next()
            .is_some_and(|w| bare(w) == "the")
            && !words.trim_end().ends_with('s');
        if pronoun.is_none()
            && definite
            && scored.iter().all(|(s, ..)| *s == 0)
            && let Some(e) = self.last_before(at, |e| e.named && e.kind == "Person")
            && let Some(row) = scored.iter_mut().find(|r| r.3.pick == Pick::Entity(e))
        {
            row.0 = 1;
        }
        scored.sort_by_key(|(score, titles, near, _)| {
            (std::cmp::Reverse(*score), std::cmp::Reverse(*titles), *near)
        });
        let split = scored.iter().take_while(|(s, ..)| *s > 0).count();
        let mut choices: Vec<Choice> = scored.into_iter().map(|(.., c)| c).collect();
        let mut new = Vec::new();
        // A fuller name from elsewhere in the article, for a person's bare surname.
        let person = mention.label == "Speaker";
        let fuller = || {
            person
                .then(|| fuller_name(&self.doc.article().text, &words))
                .flatten()
        };
        if let Some(name) = proper_name(&words).or_else(fuller) {
            new.push(Choice::new(
                format!("+ new entity '{}'", clip(&name, 40)),
                "its name, without the title",
                Pick::NewEntity(name),
            ));
        }
        new.push(Choice::new(
            format!("+ new entity '{}'", clip(&words, 40)),
            "then pick its kind",
            Pick::NewEntity(words),
        ));
        choices.splice(split..split, new);
        choices
    }

    /// Who may hold a stance towards `target`: entities first (the entity of its speaker,
    /// then the nearest), then the mentions, nearest first.
    pub(super) fn holder_choices(&self, target: MentionId, labels: &[String]) -> Vec<Choice> {
        use crate::model::Agent;
        let speaker = self
            .doc
            .annotations()
            .attributions
            .iter()
            .find(|a| a.has_claim(target))
            .and_then(|a| a.speaker);
        let speaker_entity = match speaker {
            Some(Agent::Entity(e)) => Some(e),
            Some(Agent::Mention(m)) => self.mention(m).and_then(|m| m.entity),
            None => None,
        };
        let mut entities: Vec<(bool, usize, Choice)> = self
            .entity_choices(|e| Pick::Agent(Agent::Entity(e)))
            .into_iter()
            .map(|c| {
                let Pick::Agent(Agent::Entity(e)) = c.pick else {
                    return (true, usize::MAX, c);
                };
                (
                    speaker_entity != Some(e),
                    self.entity_distance(target, e),
                    c,
                )
            })
            .collect();
        entities.sort_by_key(|(other, near, _)| (*other, *near));
        let mut choices: Vec<Choice> = entities.into_iter().map(|(.., c)| c).collect();
        choices.extend(
            self.nearest(target, labels)
                .into_iter()
                .map(|m| self.mention_choice(target, m, Pick::Agent(Agent::Mention(m)))),
        );
        choices
    }

    /// Bytes from mention `from` to the nearest mention of entity `e`.
    pub(super) fn entity_distance(&self, from: MentionId, e: EntityId) -> usize {
        let Some(from) = self.mention(from).map(Mention::extent) else {
            return usize::MAX;
        };
        self.doc
            .index()
            .mentions_of(self.doc.annotations(), e)
            .map(|m| super::links::gap(from, m.extent()))
            .min()
            .unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_match_the_mention_score_higher() {
        assert_eq!(name_score("Marziyeh Afkham", "marziyeh afkham"), 3);
        assert_eq!(name_score("Marziyeh Afkham", "Afkham"), 2);
        assert_eq!(name_score("Marziyeh Afkham", "Spokeswoman Afkham said"), 1);
        assert_eq!(name_score("FNA", "she"), 0);
        assert_eq!(
            name_score("Iran", "the Iranian Armed Forces"),
            0,
            "whole words only"
        );
        assert_eq!(
            name_score("top military officials in Tehran", "US defense officials"),
            0,
            "a shared common noun is no match"
        );
    }

    #[test]
    fn a_new_entity_is_offered_under_its_proper_name() {
        assert_eq!(
            proper_name("Foreign Ministry Spokeswoman Marziyeh Afkham").as_deref(),
            Some("Marziyeh Afkham")
        );
        assert_eq!(
            proper_name(
                "Deputy Chief of Staff of the Iranian Armed Forces General Massoud Jazayeri"
            )
            .as_deref(),
            Some("Massoud Jazayeri")
        );
        assert_eq!(
            proper_name("Israeli website Jerusalem Post").as_deref(),
            Some("Jerusalem Post")
        );
        assert_eq!(proper_name("top military officials in Tehran"), None);
        assert_eq!(proper_name("US defense officials"), None);
        assert_eq!(proper_name("Iran"), None);
        let text = "Image: Mark Rathbun. According to Rathbun, Gen. Rathbun said.";
        assert_eq!(
            fuller_name(text, "Rathbun").as_deref(),
            Some("Mark Rathbun")
        );
        assert_eq!(fuller_name("According to Rathbun", "Rathbun"), None);
        assert_eq!(
            fuller_name("the General Rathbun", "Rathbun"),
            None,
            "a title"
        );
        assert_eq!(
            fuller_name("He left. Yesterday Rathbun wrote.", "Rathbun"),
            None,
            "a sentence's first word"
        );
    }

    #[test]
    fn the_likely_kind_comes_from_the_words() {
        assert_eq!(
            likely_kind(
                "Speaker",
                "Israeli website Jerusalem Post",
                "Jerusalem Post"
            ),
            "Media"
        );
        assert_eq!(
            likely_kind("Source", "US defense officials", "US defense officials"),
            "AnonymousGroup"
        );
        assert_eq!(
            likely_kind("Source", "western media reports", "western media reports"),
            "Media"
        );
        assert_eq!(
            likely_kind("Speaker", "Gen. Jazayeri", "Massoud Jazayeri"),
            "Person"
        );
        assert!(is_named("Islamic State of Iraq"));
        assert!(!is_named("top military officials in Tehran"));
    }
}
