//! Suggestions: attributions a rule proposed (see `crate::suggest`), kept apart from the
//! annotator's own annotations until accepted. Accepting one turns it into ordinary
//! mentions, an entity and an attribution, reusing what the annotator already marked;
//! rejecting one remembers where it was, so it is not proposed again.

use super::annotations::{Agent, Annotations, Span};
use super::ids::{EntityId, MentionId};
use crate::schema::Schema;

/// The rule of a passive cue and its claim ("it was reported that …"): accepting it makes an
/// attribution with no speaker.
pub const PASSIVE_RULE: &str = "passive cue, claim";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The claim's fragments; empty for a source alone (a dateline's agency).
    pub claim: Vec<Span>,
    pub cue: Option<Span>,
    /// The speaker's words; `None` when the claim continues an earlier speaker, or when no
    /// one is named ([`PASSIVE_RULE`]).
    pub speaker: Option<Span>,
    /// Who speaks (or the source), by name, with the kind of entity.
    pub entity: Option<(String, String)>,
    /// A source named by the article itself, such as a dateline's agency.
    pub source: Option<Span>,
    /// The rule that proposed it.
    pub rule: String,
}

impl Suggestion {
    /// What it is known by, for rejections: the claim's extent, else the source, else the
    /// cue.
    pub fn key(&self) -> Option<Span> {
        match (self.claim.first(), self.claim.last()) {
            (Some(a), Some(b)) => Some(Span::new(a.start, b.end)),
            _ => self.source.or(self.cue),
        }
    }

    /// Every span it would mark.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.claim
            .iter()
            .copied()
            .chain(self.cue)
            .chain(self.speaker)
            .chain(self.source)
    }

    pub fn covers(&self, at: usize) -> bool {
        self.spans().any(|s| s.start <= at && at < s.end)
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl Annotations {
    /// Sets the `quote_type` of claim `id` from its text (direct, indirect or mixed, see
    /// [`crate::boundary::quote_type`]) when the schema gives claims that attribute and
    /// the mention has no value yet: the annotator only corrects it.
    pub fn fill_quote_type(&mut self, id: MentionId, text: &str, schema: &Schema) {
        let Some(m) = self.mention_mut(id) else {
            return;
        };
        let value = crate::boundary::quote_type(text, &m.fragments).value();
        let takes = schema.attributes.iter().any(|a| {
            a.name == "quote_type"
                && a.labels.contains(&m.label)
                && a.values.iter().any(|v| v == value)
        });
        if takes {
            m.attrs
                .entry("quote_type".to_owned())
                .or_insert_with(|| value.to_owned());
        }
    }

    /// Adds `found` to the suggestions, leaving out any the annotator rejected, any already
    /// suggested, and any whose claim (or source) overlaps one the annotator marked.
    /// Returns how many were added.
    pub fn offer(&mut self, found: Vec<Suggestion>, schema: &Schema) -> usize {
        let rules = &schema.links;
        // The annotator's claims, cues and sources by start, to look each key up.
        let marked = |labels: &[String]| {
            let mut spans: Vec<Span> = self
                .mentions
                .iter()
                .filter(|m| labels.contains(&m.label))
                .flat_map(|m| m.fragments.iter().copied())
                .collect();
            spans.sort_by_key(|s| s.start);
            let longest = spans.iter().map(Span::len).max().unwrap_or(0);
            (spans, longest)
        };
        let claims = marked(&rules.attribution.claim);
        let sources = marked(&rules.sourcing.source);
        let cues = marked(&rules.attribution.cue);
        let hit = |(spans, longest): &(Vec<Span>, usize), key: Span| {
            let from = spans.partition_point(|s| s.start + longest <= key.start);
            spans[from..]
                .iter()
                .take_while(|s| s.start < key.end)
                .any(|s| overlaps(*s, key))
        };
        let mut known: std::collections::HashSet<Span> = self
            .rejected
            .iter()
            .copied()
            .chain(self.suggestions.iter().filter_map(|s| s.key()))
            .collect();
        let mut added = 0;
        for s in found {
            let Some(key) = s.key() else { continue };
            let marked = match (s.claim.is_empty(), s.source.is_some()) {
                (false, _) => hit(&claims, key),
                (true, true) => hit(&sources, key),
                (true, false) => hit(&cues, key),
            };
            if !marked && known.insert(key) {
                self.suggestions.push(s.into());
                added += 1;
            }
        }
        self.suggestions
            .sort_by_key(|s| s.key().map_or((0, 0), |k| (k.start, k.end)));
        added
    }

    /// The suggestion over byte `at`, by its place in the list: where several are, the one
    /// with the shortest span there (a cue inside another's claim is its own).
    pub fn suggestion_at(&self, at: usize) -> Option<usize> {
        self.suggestions
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                s.spans()
                    .filter(|x| x.start <= at && at < x.end)
                    .map(|x| x.len())
                    .min()
                    .map(|len| (len, i))
            })
            .min()
            .map(|(_, i)| i)
    }

    /// Forgets suggestion `i` and remembers not to propose it again.
    pub fn reject_suggestion(&mut self, i: usize) -> bool {
        if i >= self.suggestions.len() {
            return false;
        }
        let s = self.suggestions.remove(i);
        if let Some(k) = s.key()
            && !self.rejected.contains(&k)
        {
            self.rejected.push(k);
            self.rejected.sort_by_key(|k| (k.start, k.end));
        }
        true
    }

    /// Turns suggestion `i` down (remembered, as [`Self::reject_suggestion`]) but keeps its
    /// speaker, or its source: that mention, linked to the suggested entity, without the
    /// claim, cue or attribution. For "Iran rejected military cooperation ...", a stance
    /// and not a claim, whose speaker is right all the same. Returns the mention kept;
    /// `None` (and nothing changed) when the suggestion names no one.
    pub fn keep_speaker_of(&mut self, i: usize, schema: &Schema) -> Option<MentionId> {
        let s = self.suggestions.get(i)?;
        let rules = &schema.links;
        let (labels, span, fallback) = match (s.speaker, s.source) {
            (Some(sp), _) => (&rules.attribution.speaker, sp, "Speaker"),
            (None, Some(so)) => (&rules.sourcing.source, so, "Source"),
            (None, None) => return None,
        };
        let label = labels
            .first()
            .cloned()
            .unwrap_or_else(|| fallback.to_owned());
        let named = s.entity.clone();
        let entity = named.map(|(name, kind)| self.entity_named(&name, &kind, schema));
        let mut next = self.next_mention_id().0;
        let m = self.mention_over(&label, vec![span], &mut next, 0);
        if let Some(mention) = self.mention_mut(m) {
            mention.entity = mention.entity.or(entity);
        }
        self.reject_suggestion(i);
        self.sort();
        Some(m)
    }

    /// A mention of `label` over exactly `fragments`: the annotator's, or a new one with id
    /// `next` (which then moves on; one scan for the first free id serves every mention an
    /// acceptance makes).
    /// The first `sorted` mentions are in the order [`Self::sort`] leaves them: those are
    /// searched by position, the rest one by one.
    fn mention_over(
        &mut self,
        label: &str,
        fragments: Vec<Span>,
        next: &mut u32,
        sorted: usize,
    ) -> MentionId {
        let same =
            |m: &&super::Shared<super::Mention>| m.label == label && m.fragments == fragments;
        let (head, tail) = self.mentions.split_at(sorted.min(self.mentions.len()));
        // As `Mention::extent` has it.
        let start = fragments.first().map_or(0, |f| f.start);
        let extent = Span {
            start,
            end: fragments.last().map_or(start, |f| f.end),
        };
        let from = head.partition_point(|m| (m.extent(), m.label.as_str()) < (extent, label));
        if let Some(m) = head[from..]
            .iter()
            .take_while(|m| m.extent() == extent && m.label == label)
            .find(same)
            .or_else(|| tail.iter().find(same))
        {
            return m.id;
        }
        // Past the largest id, each new mention looks for a free one below.
        let id = if *next <= super::ids::MAX_ID {
            *next += 1;
            MentionId(*next - 1)
        } else {
            self.next_mention_id()
        };
        self.mentions.push(
            super::Mention {
                id,
                label: label.to_owned(),
                fragments,
                entity: None,
                attrs: std::collections::BTreeMap::new(),
            }
            .into(),
        );
        id
    }

    /// The entity called `name` (in any case), or a new one of `kind`.
    fn entity_named(&mut self, name: &str, kind: &str, schema: &Schema) -> EntityId {
        let lower = name.to_lowercase();
        if let Some(e) = self
            .entities
            .iter()
            .find(|e| e.name.to_lowercase() == lower)
        {
            return e.id;
        }
        // A surname for the one person already known by the fuller name ("Tedeschi" for
        // "Mark Tedeschi", labelled by hand before the suggestion was accepted).
        let tail = format!(" {lower}");
        let mut fuller = self
            .entities
            .iter()
            .filter(|e| e.kind == kind && e.name.to_lowercase().ends_with(&tail));
        if let (Some(e), None) = (fuller.next(), fuller.next()) {
            return e.id;
        }
        let kind = if schema.entity_kinds.iter().any(|k| k == kind) {
            kind
        } else {
            schema.entity_kinds.last().map_or("Other", String::as_str)
        };
        // Named as the picker names a new entity: "top military officials in Tehran" is a
        // description, not a name.
        self.add_entity(kind, name, crate::text::is_named(name))
    }

    /// Turns suggestion `i` into the annotator's mentions, entity and attribution, the
    /// claim's `quote_type` read from `text` (the article's). Returns the claim's mention
    /// (the source's for a source alone).
    pub fn accept_suggestion(
        &mut self,
        i: usize,
        schema: &Schema,
        text: &str,
    ) -> Option<MentionId> {
        let free = self.next_mention_id();
        self.accept_numbered(i, schema, text, free, 0)
    }

    /// [`Self::accept_suggestion`], the new mentions numbered from `free`, an id the caller
    /// knows no mention has nor any above it (found without a scan, from an index). The
    /// mentions must be in the order [`Self::sort`] leaves them (as the editor keeps them):
    /// a mention the suggestion already has is then found by position, not by a scan.
    pub fn accept_suggestion_from(
        &mut self,
        i: usize,
        schema: &Schema,
        text: &str,
        free: MentionId,
    ) -> Option<MentionId> {
        debug_assert!(
            self.mentions
                .windows(2)
                .all(|w| (w[0].extent(), &w[0].label, w[0].id)
                    <= (w[1].extent(), &w[1].label, w[1].id)),
            "mentions out of order"
        );
        let sorted = self.mentions.len();
        self.accept_numbered(i, schema, text, free, sorted)
    }

    /// [`Self::accept_suggestion`], numbered from `free`, the first `sorted` mentions in
    /// order.
    fn accept_numbered(
        &mut self,
        i: usize,
        schema: &Schema,
        text: &str,
        free: MentionId,
        sorted: usize,
    ) -> Option<MentionId> {
        if i >= self.suggestions.len() {
            return None;
        }
        let s = self.suggestions.remove(i);
        let rules = &schema.links;
        let mut next = free.0;
        let first = |labels: &[String], fallback: &str| {
            labels
                .first()
                .cloned()
                .unwrap_or_else(|| fallback.to_owned())
        };
        let entity = s
            .entity
            .as_ref()
            .map(|(name, kind)| self.entity_named(name, kind, schema));
        if let Some(source) = s.source {
            let m = self.mention_over(
                &first(&rules.sourcing.source, "Source"),
                vec![source],
                &mut next,
                sorted,
            );
            if let Some(mention) = self.mention_mut(m) {
                mention.entity = mention.entity.or(entity);
            }
            if s.claim.is_empty() {
                self.sort();
                return Some(m);
            }
        }
        if s.claim.is_empty() {
            // A cue alone.
            let cue = s.cue.map(|c| {
                self.mention_over(
                    &first(&rules.attribution.cue, "Cue"),
                    vec![c],
                    &mut next,
                    sorted,
                )
            });
            self.sort();
            return cue;
        }
        // The new mentions are numbered as they are read (speaker, cue, claim in a "X said
        // that ..."), as labelling them by hand in reading order would number them.
        let mut parts = vec![(0, first(&rules.attribution.claim, "Claim"), s.claim.clone())];
        if let Some(c) = s.cue {
            parts.push((1, first(&rules.attribution.cue, "Cue"), vec![c]));
        }
        if let Some(sp) = s.speaker {
            parts.push((2, first(&rules.attribution.speaker, "Speaker"), vec![sp]));
        }
        parts.sort_by_key(|(_, _, f)| f.first().map(|x| x.start));
        let (mut claim, mut cue, mut speaker) = (None, None, None);
        for (part, label, fragments) in parts {
            let m = self.mention_over(&label, fragments, &mut next, sorted);
            match part {
                0 => claim = Some(m),
                1 => cue = Some(m),
                _ => speaker = Some(m),
            }
        }
        let claim = claim?;
        self.fill_quote_type(claim, text, schema);
        if let Some(mention) = speaker.and_then(|m| self.mention_mut(m)) {
            mention.entity = mention.entity.or(entity);
        }
        let agent = speaker.map(Agent::Mention).or(entity.map(Agent::Entity));
        if agent.is_some() || s.rule == PASSIVE_RULE {
            self.attribute(claim, agent, cue);
        }
        self.sort();
        Some(claim)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ArticleRef;

    /// 100 bytes opening with a quotation of 10.
    fn quoted_text() -> String {
        format!("\"We will,\"{}", " ".repeat(90))
    }

    fn annotations() -> Annotations {
        Annotations::new(
            ArticleRef {
                path: "a.txt".into(),
                sha256: String::new(),
                chars: 100,
            },
            "t",
        )
    }

    fn said(claim: (usize, usize), speaker: (usize, usize), name: &str) -> Suggestion {
        Suggestion {
            claim: vec![Span::new(claim.0, claim.1)],
            cue: Some(Span::new(speaker.1 + 1, speaker.1 + 5)),
            speaker: Some(Span::new(speaker.0, speaker.1)),
            entity: Some((name.to_owned(), "Person".to_owned())),
            source: None,
            rule: "quote, then cue".to_owned(),
        }
    }

    #[test]
    fn accepting_in_sorted_mentions_reuses_the_ones_already_there() {
        let schema = Schema::news();
        let mut a = annotations();
        // Offered first: an offer leaves out what is labelled already.
        let n = a.offer(vec![said((0, 10), (12, 20), "Ana Ruiz")], &schema);
        assert_eq!(n, 1);
        for (label, start, end) in [
            ("Speaker", 12, 20),
            ("Cue", 12, 20),
            ("Speaker", 12, 25),
            ("Cue", 21, 25),
            ("Claim", 0, 10),
            ("Claim", 0, 12),
            ("Cue", 30, 35),
        ] {
            a.add_mention(label, vec![Span::new(start, end)]);
        }
        a.sort();
        let mut scanned = a.clone();
        let free = a.next_mention_id();
        let claim = a.accept_suggestion_from(0, &schema, &quoted_text(), free);
        let by_scan = scanned.accept_suggestion(0, &schema, &quoted_text());
        assert_eq!(claim, by_scan);
        assert_eq!(a, scanned);
        assert_eq!(
            a.mentions.len(),
            7,
            "the claim, the speaker and the cue were there"
        );
    }

    #[test]
    fn accepting_makes_mentions_an_entity_and_the_attribution_once() {
        let schema = Schema::news();
        let mut a = annotations();
        let n = a.offer(
            vec![
                said((0, 10), (12, 20), "Ana Ruiz"),
                said((30, 40), (42, 50), "ana ruiz"),
            ],
            &schema,
        );
        assert_eq!(n, 2);
        let claim = a.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        a.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        assert!(a.suggestions.is_empty());
        assert_eq!(a.entities.len(), 1, "one entity by name, in any case");
        assert_eq!(a.mentions.len(), 6);
        assert_eq!(a.attributions.len(), 2);
        let m = a.mention(claim).unwrap();
        assert_eq!(m.label, "Claim");
        assert_eq!(
            m.attrs.get("quote_type").map(String::as_str),
            Some("direct")
        );
        assert!(crate::model::check(&a, &" ".repeat(100)).is_empty());
    }

    #[test]
    fn an_acceptance_numbers_its_new_mentions_in_reading_order() {
        let schema = Schema::news();
        let mut a = annotations();
        // "Ana Ruiz said" before the claim: speaker, cue, claim as they are read.
        let s = Suggestion {
            claim: vec![Span::new(30, 40)],
            cue: Some(Span::new(10, 14)),
            speaker: Some(Span::new(0, 8)),
            entity: Some(("Ana Ruiz".to_owned(), "Person".to_owned())),
            source: None,
            rule: "speaker, cue, claim".to_owned(),
        };
        a.offer(vec![s], &schema);
        a.accept_suggestion(0, &schema, &" ".repeat(100)).unwrap();
        let ids: Vec<(usize, u32)> = a
            .mentions
            .iter()
            .map(|m| (m.fragments[0].start, m.id.0))
            .collect();
        assert_eq!(ids, [(0, 1), (10, 2), (30, 3)]);
    }

    #[test]
    fn a_description_accepted_as_a_speaker_is_an_unnamed_entity() {
        let schema = Schema::news();
        let mut a = annotations();
        let mut s = said((0, 10), (12, 20), "top military officials in Tehran");
        s.entity = Some((
            "top military officials in Tehran".to_owned(),
            "AnonymousGroup".to_owned(),
        ));
        a.offer(vec![s, said((30, 40), (42, 50), "Jerusalem Post")], &schema);
        a.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        a.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        let named: Vec<(&str, bool)> = a
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.named))
            .collect();
        assert_eq!(
            named,
            [
                ("top military officials in Tehran", false),
                ("Jerusalem Post", true)
            ]
        );
    }

    #[test]
    fn keeping_a_suggestions_speaker_turns_the_rest_down() {
        let schema = Schema::news();
        let mut a = annotations();
        a.offer(vec![said((30, 40), (0, 8), "Ana Ruiz")], &schema);
        let m = a.keep_speaker_of(0, &schema).unwrap();
        let kept = a.mention(m).unwrap();
        assert_eq!(kept.label, "Speaker");
        assert_eq!(kept.fragments, [Span::new(0, 8)]);
        assert_eq!(kept.entity, Some(a.entities[0].id));
        assert_eq!(a.entities[0].name, "Ana Ruiz");
        assert_eq!(a.mentions.len(), 1, "no claim, no cue");
        assert!(a.attributions.is_empty());
        assert!(a.suggestions.is_empty());
        assert_eq!(a.rejected, [Span::new(30, 40)], "not suggested again");
        // A suggestion that names no one keeps nothing and stays.
        let mut cue_alone = said((60, 70), (50, 55), "X");
        cue_alone.speaker = None;
        cue_alone.entity = None;
        a.offer(vec![cue_alone], &schema);
        assert_eq!(a.keep_speaker_of(0, &schema), None);
        assert_eq!(a.suggestions.len(), 1);
    }

    #[test]
    fn a_surname_accepted_as_a_speaker_is_the_person_known_by_the_fuller_name() {
        let schema = Schema::news();
        let mut a = annotations();
        let mark = a.add_entity("Person", "Mark Tedeschi", true);
        a.offer(vec![said((0, 10), (12, 20), "Tedeschi")], &schema);
        a.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        assert_eq!(a.entities.len(), 1, "{:?}", a.entities);
        let speaker = a.mentions.iter().find(|m| m.label == "Speaker").unwrap();
        assert_eq!(speaker.entity, Some(mark));
        // Two people of that surname: a new entity, not a guess.
        let mut b = annotations();
        b.add_entity("Person", "Mark Tedeschi", true);
        b.add_entity("Person", "Anna Tedeschi", true);
        b.offer(vec![said((0, 10), (12, 20), "Tedeschi")], &schema);
        b.accept_suggestion(0, &schema, &quoted_text()).unwrap();
        assert_eq!(b.entities.len(), 3);
    }

    #[test]
    fn marked_or_rejected_claims_are_not_offered_again() {
        let schema = Schema::news();
        let mut a = annotations();
        a.add_mention("Claim", vec![Span::new(2, 6)]);
        assert_eq!(a.offer(vec![said((0, 10), (12, 20), "X")], &schema), 0);
        assert_eq!(a.offer(vec![said((30, 40), (42, 50), "X")], &schema), 1);
        assert_eq!(a.offer(vec![said((30, 40), (42, 50), "X")], &schema), 0);
        assert!(a.reject_suggestion(0));
        assert_eq!(a.rejected, vec![Span::new(30, 40)]);
        assert_eq!(a.offer(vec![said((30, 40), (42, 50), "X")], &schema), 0);
        assert!(a.suggestions.is_empty());
    }
}
