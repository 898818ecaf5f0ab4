//! The model's invariants, checked in one place: ids unique, no link to a missing id,
//! fragments non-empty, sorted, non-overlapping, inside the text and on grapheme boundaries.

use std::collections::HashSet;
use std::fmt;
use std::hash::Hash;

use super::annotations::{Agent, Annotations, Target};
use super::ids::AnyId;
use crate::text::is_grapheme_boundary;

/// One broken rule: which annotation (by id, when there is one), what is wrong and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: Option<String>,
    pub message: String,
    pub hint: String,
}

impl Problem {
    pub fn new(id: Option<String>, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            id,
            message: message.into(),
            hint: hint.into(),
        }
    }

    fn at(id: impl fmt::Display, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self::new(Some(id.to_string()), message, hint)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            Some(id) => write!(f, "{id}: {}", self.message)?,
            None => f.write_str(&self.message)?,
        }
        if !self.hint.is_empty() {
            write!(f, " ({})", self.hint)?;
        }
        Ok(())
    }
}

/// Every invariant `annotations` breaks against `text`, in file order.
pub fn check(annotations: &Annotations, text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let a = annotations;
    let mut ids = Ids(rustc_hash::FxHashSet::with_capacity_and_hasher(
        a.entities.len()
            + a.mentions.len()
            + a.attributions.len()
            + a.sourcings.len()
            + a.stances.len(),
        rustc_hash::FxBuildHasher,
    ));
    for e in &annotations.entities {
        ids.add(&mut problems, AnyId::Entity(e.id));
    }
    for m in &annotations.mentions {
        ids.add(&mut problems, AnyId::Mention(m.id));
    }
    for a in &annotations.attributions {
        ids.add(&mut problems, AnyId::Attribution(a.id));
    }
    for s in &annotations.sourcings {
        ids.add(&mut problems, AnyId::Sourcing(s.id));
    }
    for s in &annotations.stances {
        ids.add(&mut problems, AnyId::Stance(s.id));
    }
    let mut note_ids = HashSet::new();
    for n in &annotations.notes {
        if !note_ids.insert(n.id) {
            problems.push(duplicate(n.id));
        }
    }
    for m in &annotations.mentions {
        check_fragments(&mut problems, m.id, &m.fragments, text);
        if let Some(e) = m.entity {
            ids.require(&mut problems, m.id, "entity", AnyId::Entity(e));
        }
    }
    for a in &annotations.attributions {
        ids.require(&mut problems, a.id, "claim", AnyId::Mention(a.claim));
        for (i, &m) in a.more.iter().enumerate() {
            ids.require(&mut problems, a.id, "further content", AnyId::Mention(m));
            if a.claim == m || a.more[..i].contains(&m) {
                problems.push(Problem::at(
                    a.id,
                    format!("names {m} as its content twice"),
                    "remove the repeated id from `more`",
                ));
            }
        }
        if let Some(speaker) = a.speaker {
            ids.require(&mut problems, a.id, "speaker", agent(speaker));
        }
        if let Some(cue) = a.cue {
            ids.require(&mut problems, a.id, "cue", AnyId::Mention(cue));
        }
    }
    for s in &annotations.sourcings {
        ids.require(&mut problems, s.id, "claim", AnyId::Mention(s.claim));
        ids.require(&mut problems, s.id, "source", agent(s.source));
    }
    for s in &annotations.stances {
        ids.require(&mut problems, s.id, "holder", agent(s.holder));
        let own_target = match (s.holder, &s.target) {
            (Agent::Mention(h), Target::Mention(t)) => h == *t,
            (Agent::Entity(h), Target::Entity(t)) => h == *t,
            _ => false,
        };
        if own_target {
            problems.push(Problem::at(
                s.id,
                format!("the stance's holder {} is also its target", agent(s.holder)),
                "a stance is held toward something else: point the target at the claim, \
                 entity or topic the holder takes a stance on",
            ));
        }
        match &s.target {
            Target::Mention(m) => ids.require(&mut problems, s.id, "target", AnyId::Mention(*m)),
            Target::Entity(e) => ids.require(&mut problems, s.id, "target", AnyId::Entity(*e)),
            Target::Text(t) if t.trim().is_empty() => problems.push(Problem::at(
                s.id,
                "the stance target text is empty",
                "write the topic the stance is about, or point the target at a claim or entity",
            )),
            Target::Text(_) => {}
        }
    }
    for n in &annotations.notes {
        if let Some(on) = n.on {
            ids.require(&mut problems, n.id, "on", on);
        }
    }
    for c in &annotations.conflicts {
        check_conflict(&mut problems, c, text);
    }
    problems
}

/// A conflict record's other side has spans like any mention. What its links name may have
/// gone since (the file was edited with the conflict pending): settling drops those links,
/// as deleting what they named would have.
fn check_conflict(problems: &mut Vec<Problem>, c: &super::Conflict, text: &str) {
    for m in &c.theirs.mentions {
        check_fragments(problems, m.id, &m.fragments, text);
    }
}

/// Mentions that repeat an earlier one: the same label on the same fragments. Such a file
/// still opens, exports and merges (nothing in it is broken), but one of the two is a
/// slip, so `validate` reports each repeat, naming the mention it repeats.
pub fn duplicate_mentions(annotations: &Annotations) -> Vec<Problem> {
    let mut first = rustc_hash::FxHashMap::default();
    let mut problems = Vec::new();
    for m in &annotations.mentions {
        match first.entry((&m.label, &m.fragments)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(m.id);
            }
            std::collections::hash_map::Entry::Occupied(o) => problems.push(Problem::at(
                m.id,
                format!("the same {} on the same words as {}", m.label, o.get()),
                format!(
                    "delete one of the two (move the links of {} to {} first if it has any)",
                    m.id,
                    o.get()
                ),
            )),
        }
    }
    problems
}

fn agent(a: Agent) -> AnyId {
    match a {
        Agent::Mention(m) => AnyId::Mention(m),
        Agent::Entity(e) => AnyId::Entity(e),
    }
}

fn duplicate(id: impl fmt::Display) -> Problem {
    Problem::at(
        &id,
        format!("the id {id} is used twice"),
        "give one of them an unused id; links to it would be ambiguous",
    )
}

struct Ids(rustc_hash::FxHashSet<AnyId>);

impl Ids {
    fn add(&mut self, problems: &mut Vec<Problem>, id: AnyId) {
        if !self.0.insert(id) {
            problems.push(duplicate(id));
        }
    }

    fn require<I: fmt::Display + Copy + Eq + Hash>(
        &self,
        problems: &mut Vec<Problem>,
        owner: I,
        field: &str,
        target: AnyId,
    ) {
        if !self.0.contains(&target) {
            problems.push(Problem::at(
                owner,
                format!("its {field} refers to {target}, which does not exist"),
                format!("add {target} or point {field} at an existing id"),
            ));
        }
    }
}

fn check_fragments(
    problems: &mut Vec<Problem>,
    id: impl fmt::Display + Copy,
    fragments: &[super::Span],
    text: &str,
) {
    if fragments.is_empty() {
        problems.push(Problem::at(
            id,
            "the mention has no fragment",
            "give it at least one (start, end) span or delete it",
        ));
    }
    let mut previous_end = 0;
    for (i, f) in fragments.iter().enumerate() {
        if f.start >= f.end {
            problems.push(Problem::at(
                id,
                format!("fragment {} is empty or reversed", i + 1),
                "each fragment needs start < end",
            ));
        } else if f.end > text.len() {
            problems.push(Problem::at(
                id,
                format!("fragment {} ends past the end of the text", i + 1),
                "the article may have been shortened; fix the span or delete the mention",
            ));
        } else if !is_grapheme_boundary(text, f.start) || !is_grapheme_boundary(text, f.end) {
            problems.push(Problem::at(
                id,
                format!("fragment {} splits a character", i + 1),
                "move the span to whole characters (an accent or emoji sequence is one character)",
            ));
        }
        if i > 0 && f.start < previous_end {
            problems.push(Problem::at(
                id,
                format!(
                    "fragment {} overlaps or comes before the one before it",
                    i + 1
                ),
                "list fragments in text order without overlaps",
            ));
        }
        previous_end = f.end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use std::collections::BTreeMap;

    fn base() -> Annotations {
        let article = ArticleRef {
            path: "a.txt".into(),
            sha256: String::new(),
            chars: 11,
        };
        let mut a = Annotations::new(article, "t");
        a.mentions.push(
            Mention {
                id: MentionId(1),
                label: "Speaker".into(),
                fragments: vec![Span::new(0, 5)],
                entity: None,
                attrs: BTreeMap::new(),
            }
            .into(),
        );
        a
    }

    #[test]
    fn a_valid_set_has_no_problem() {
        assert_eq!(check(&base(), "Afkham said"), vec![]);
    }

    #[test]
    fn dangling_links_are_named() {
        let mut a = base();
        a.attributions.push(Attribution {
            id: AttributionId(1),
            claim: MentionId(9),
            more: Vec::new(),
            speaker: Some(Agent::Entity(EntityId(2))),
            cue: None,
        });
        let p = check(&a, "Afkham said");
        let msgs: Vec<String> = p.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("a1: its claim refers to m9, which does not exist"));
        assert!(msgs[1].starts_with("a1: its speaker refers to e2, which does not exist"));
    }

    #[test]
    fn bad_fragments_are_reported() {
        let mut a = base();
        a.mentions[0].fragments = vec![Span::new(3, 20), Span::new(1, 2)];
        let p = check(&a, "Afkham said");
        assert!(p[0].message.contains("past the end"), "{p:?}");
        assert!(p[1].message.contains("overlaps"), "{p:?}");
        a.mentions[0].fragments = vec![Span::new(0, 2)];
        assert!(
            check(&a, "e\u{301}xyz")[0]
                .message
                .contains("splits a character")
        );
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let mut a = base();
        let first = a.mentions[0].clone();
        a.mentions.push(first);
        assert_eq!(
            check(&a, "Afkham said")[0].message,
            "the id m1 is used twice"
        );
    }

    #[test]
    fn a_repeated_mention_is_reported_but_the_same_words_under_another_label_are_not() {
        let mut a = base();
        let mut again = (*a.mentions[0]).clone();
        again.id = MentionId(2);
        a.mentions.push(again.clone().into());
        again.id = MentionId(3);
        again.label = "Source".into();
        a.mentions.push(again.into());
        assert_eq!(check(&a, "Afkham said"), vec![]);
        let p = duplicate_mentions(&a);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(
            p[0].to_string().split(" (").next(),
            Some("m2: the same Speaker on the same words as m1")
        );
    }

    #[test]
    fn a_stance_on_its_own_holder_is_reported() {
        let mut a = base();
        a.stances.push(Stance {
            id: StanceId(1),
            holder: Agent::Mention(MentionId(1)),
            target: Target::Mention(MentionId(1)),
            polarity: "support".into(),
        });
        let p = check(&a, "Afkham said");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].message, "the stance's holder m1 is also its target");
    }
}
